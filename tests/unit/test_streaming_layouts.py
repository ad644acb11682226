"""Big files of every layout are streamed: up and down scripts, dbmate sections, Flyway scripts, read the
same as when they are read whole (statements, directives, checksum), and never held whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import migwiz.engine.sets.streamed as streamed_module
from migwiz.cli import cli
from migwiz.engine.errors import MigrationFileError
from migwiz.engine.sets import MigrationSet, load_migration_set
from migwiz.engine.sets.model import Script
from migwiz.engine.sets.streamed import StreamedStatements

ROWS = "".join(f"INSERT INTO a VALUES ({i}, 'row; {i}');\n" for i in range(400))
DOWN = "DELETE FROM a WHERE i < 10;\n" + "".join(f"DELETE FROM a WHERE i = {i};\n" for i in range(400))


def _layouts(root: Path) -> dict[str, Path]:
    """One folder per layout, each with a big up script and a big down script."""
    sets = {
        "golang-migrate": {
            "1_a.up.sql": "-- morph:nontransactional\nCREATE TABLE a (i int, s text);\n" + ROWS,
            "1_a.down.sql": "-- migwiz:lock-timeout=3s\n" + DOWN + "DROP TABLE a;\n",
        },
        "sqlx": {
            "1_a.up.sql": "CREATE TABLE a (i int, s text);\n" + ROWS,
            "1_a.down.sql": "-- no-transaction\n" + DOWN,
        },
        "diesel": {
            "2024-01-01-000000_a/up.sql": "CREATE TABLE a (i int, s text);\n" + ROWS,
            "2024-01-01-000000_a/down.sql": DOWN + "DROP TABLE a;\n",
        },
        "flyway": {
            "V1__a.sql": "CREATE TABLE a (i int, s text);\n" + ROWS,
            "U1__a.sql": DOWN + "DROP TABLE a;\n",
        },
        "dbmate": {
            "1_a.sql": (
                "-- a dbmate file\n\n-- migrate:up transaction:false\nCREATE TABLE a (i int, s text);\n"
                + ROWS
                + "\n-- migrate:down\n-- migwiz:lock-timeout=2s\n"
                + DOWN
                + "DROP TABLE a;"
            ),
        },
    }
    folders = {}
    for layout, files in sets.items():
        folder = root / layout
        for name, text in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(text.replace("\n", "\r\n").encode())  # CRLF: the checksum is of LF
        folders[layout] = folder
    return folders


def _same(streamed: Script, whole: Script) -> None:
    assert isinstance(streamed.statements, StreamedStatements), streamed.path
    assert isinstance(whole.statements, tuple)
    assert tuple(streamed.statements) == whole.statements, streamed.path
    assert (streamed.directives, streamed.ignores, streamed.first_line) == (
        whole.directives,
        whole.ignores,
        whole.first_line,
    )


def _load_both(folder: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[MigrationSet, MigrationSet]:
    whole = load_migration_set(folder)
    with monkeypatch.context() as patched:
        patched.setattr(streamed_module, "STREAM_ABOVE", 1024)
        patched.setattr(streamed_module, "PIECE_CHARS", 512)
        streamed = load_migration_set(folder)
    return whole, streamed


def test_big_up_and_down_scripts_of_every_layout_are_streamed_as_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for layout, folder in _layouts(tmp_path).items():
        whole, streamed = _load_both(folder, monkeypatch)
        assert (whole.layout, streamed.layout) == (streamed.layout, whole.layout), layout
        (w,), (s,) = whole.migrations, streamed.migrations
        assert s.checksum == w.checksum, layout
        assert s.down is not None and w.down is not None, layout
        _same(s.up, w.up)
        _same(s.down, w.down)
        assert whole.notices == streamed.notices, layout


def test_big_dbmate_files_are_refused_as_small_ones_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cases = {
        "no up": ("-- migrate:down\nDROP TABLE a;\n", r"1_a.sql: no -- migrate:up section"),
        "down first": (
            "-- migrate:down\nSELECT 1;\n-- migrate:up\nSELECT 2;\n",
            r"1_a.sql:1: -- migrate:down",
        ),
        "two ups": (
            "-- migrate:up\nSELECT 1;\n-- migrate:up\nSELECT 2;\n",
            r"1_a.sql:3: second -- migrate:up",
        ),
        "statement first": ("SELECT 0;\n-- migrate:up\nSELECT 1;\n", r"1_a.sql:1: statement before"),
        "directive first": ("-- migwiz:no-transaction\n-- migrate:up\nSELECT 1;\n", r"1_a.sql:1: put migwiz"),
        "bad option": ("-- migrate:up timeout:5\nSELECT 1;\n", r"1_a.sql:1: dbmate option 'timeout:5'"),
    }
    for label, (text, error) in cases.items():
        folder = tmp_path / label.replace(" ", "_")
        folder.mkdir()
        (folder / "1_a.sql").write_text(text + "-- " + "x" * 2000 + "\n")
        for size in (1 << 30, 1024):  # read whole, then streamed
            with monkeypatch.context() as patched:
                patched.setattr(streamed_module, "STREAM_ABOVE", size)
                with pytest.raises(MigrationFileError, match=error):
                    load_migration_set(folder)


def test_a_big_flyway_file_with_placeholders_is_refused_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "V1__a.sql").write_text("CREATE TABLE a (i int, s text);\n" + ROWS + "SELECT '${who}';\n")
    monkeypatch.setattr(streamed_module, "STREAM_ABOVE", 1024)
    with pytest.raises(
        MigrationFileError, match=r"V1__a.sql: over 0.0009765\d* MiB and holds \$\{"
    ) as refused:
        load_migration_set(folder)
    assert "placeholder_replacement = false" in (refused.value.hint or "")
    (folder / "V1__a.sql").write_text("CREATE TABLE a (i int, s text);\n" + ROWS)  # none: streamed
    (m,) = load_migration_set(folder).migrations
    assert isinstance(m.up.statements, StreamedStatements)


def test_lint_of_a_big_file_says_it_analysed_one_statement_per_shape(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "1_a.up.sql").write_text(
        "CREATE TABLE a (i int, s text);\n" + ROWS + "CREATE INDEX ON a (i);\n"
    )
    (folder / "1_a.down.sql").write_text("DROP TABLE a;\n")
    monkeypatch.setattr(streamed_module, "STREAM_ABOVE", 1024)
    runner = CliRunner()
    said = runner.invoke(cli, ["lint", str(folder)], env={"COLUMNS": "300", "NO_COLOR": "1"})
    assert "2 files, 403 statements" in said.stdout, said.output
    assert "(1 big file: 3 of 402 statements analysed, one per statement shape)" in said.stdout, said.output
    report = json.loads(runner.invoke(cli, ["lint", str(folder), "--json"]).stdout)
    up, down = report["files"]
    assert (up["statements_in_file"], up["sampled"], len(up["statements"])) == (402, True, 3)
    assert "sampled" not in down and len(down["statements"]) == 1
