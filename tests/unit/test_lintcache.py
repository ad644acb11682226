"""The lint of a whole set after an edit: the migrations before the first changed one are read back, the
rest analysed from the schema kept before it, and the report is the one a lint without any cache gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from migwiz.engine import commands
from migwiz.engine.analysis import lint as lint_module
from migwiz.engine.analysis.lint import lint_report_json
from migwiz.engine.sets import load_migration_set

OFFLINE = commands.Project.offline()
SETS = Path(__file__).parent.parent / "realworld" / "sets"


def report(folder: Path, cache: Path | None) -> object:
    return lint_report_json(commands.lint(OFFLINE, [folder], pg_version=18, cache=cache))


def ups(folder: Path) -> list[Path]:
    """The set's up scripts in the set's order."""
    return [m.up.path for m in load_migration_set(folder, None).migrations]


@pytest.fixture
def crates(tmp_path: Path) -> Path:
    """A copy of a real Diesel set of 285 migrations, to edit."""
    return Path(shutil.copytree(SETS / "crates-io" / "migrations", tmp_path / "migrations"))


def test_edits_lint_as_without_cache(crates: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    assert report(crates, cache) == report(crates, None)  # the first lint stores the set's lint
    analysed: list[str] = []
    real = lint_module.lint_up

    def counted(migration, schema, pg_version):  # type: ignore[no-untyped-def]
        analysed.append(migration.label)
        return real(migration, schema, pg_version)

    monkeypatch.setattr(lint_module, "lint_up", counted)
    assert report(crates, cache) == report(crates, None)  # unchanged: read back
    files = ups(crates)
    assert len(analysed) == len(files)  # only by the lint without cache
    edits = [
        (files[-1], "ALTER TABLE crates ADD COLUMN edited_last int;\n"),  # the newest migration
        (files[len(files) // 2], "ALTER TABLE crates ALTER COLUMN name TYPE varchar(300);\n"),
        (files[3], "DROP INDEX IF EXISTS index_crates_name;\n"),  # changes what later ones see
    ]
    for path, sql in edits:
        path.write_text(path.read_text(encoding="utf-8") + sql, encoding="utf-8")
        analysed.clear()
        cached = report(crates, cache)
        again = len(analysed)
        assert cached == report(crates, None), path
        assert path.parent.name in analysed[:again]  # the edited migration is analysed again
        if path != files[3]:
            assert again == len(files) - files.index(path), (path, again)  # none before it


def test_a_new_migration_at_the_end(crates: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    report(crates, cache)
    new = crates / "2099-01-01-000000_new"
    new.mkdir()
    (new / "up.sql").write_text("ALTER TABLE crates ADD COLUMN brand_new int NOT NULL DEFAULT 0;\n")
    (new / "down.sql").write_text("ALTER TABLE crates DROP COLUMN brand_new;\n")
    assert report(crates, cache) == report(crates, None)
    shutil.rmtree(new)
    assert report(crates, cache) == report(crates, None)  # and removed again
