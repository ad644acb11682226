"""`lint` of single files whatever their name: in their set's context (cached), loose, from stdin."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest

from migwiz.engine import commands
from migwiz.engine.analysis import ScriptLint
from migwiz.engine.analysis.lintcache import StoredReport, cache_dir
from migwiz.engine.analysis.lintpaths import is_down_name, locate
from migwiz.engine.errors import UsageError
from tests.helpers import write_migrations

OFFLINE = commands.Project.offline()
"""No database: these lint the files alone."""

DIESEL = {
    "2020-01-01-000000_t/up.sql": "CREATE TABLE t (id int PRIMARY KEY, a varchar(10));\n",
    "2020-01-01-000000_t/down.sql": "DROP TABLE t;\n",
    "20200102000000_widen/up.sql": (
        "ALTER TABLE t ALTER COLUMN a TYPE varchar(20);\nCREATE INDEX t_a ON t (a);\n"
    ),
    "20200102000000_widen/down.sql": "DROP INDEX t_a;\nALTER TABLE t ALTER COLUMN a TYPE varchar(10);\n",
    "2020-01-03-000000_more/up.sql": "ALTER TABLE t ADD COLUMN b int;\n",
    "notes.sql": "ALTER TABLE t ALTER COLUMN a TYPE varchar(20);\n",
}
WIDEN = "20200102000000_widen"


def shape(files: list[ScriptLint] | tuple[ScriptLint, ...]) -> list[Any]:
    """What a report says per script: path, and per statement its locks, rewrites and rules."""
    return [
        (
            f.path.resolve(),
            [(s.locks, s.rewrites, [x.rule for x in s.findings]) for s in f.statements],
            [x.rule for x in f.findings],
        )
        for f in files
    ]


@pytest.fixture
def diesel(tmp_path: Path) -> Path:
    return write_migrations(tmp_path / "migrations", DIESEL)


def test_one_file_is_analysed_as_in_the_whole_set(diesel: Path, tmp_path: Path) -> None:
    """Its predecessor created `a varchar(10)`: widening it rewrites nothing (alone, it seems to)."""
    whole = commands.lint(OFFLINE, [diesel], pg_version=16, cache=None).files
    for name in (f"{WIDEN}/up.sql", f"{WIDEN}/down.sql", "2020-01-03-000000_more/up.sql"):
        path = diesel / name
        one = commands.lint(OFFLINE, [path], pg_version=16, cache=tmp_path / "cache").files
        assert shape(one) == shape([f for f in whole if f.path.resolve() == path.resolve()]), name
    several = [diesel / WIDEN / "down.sql", diesel / "2020-01-03-000000_more/up.sql"]
    by_path = {f.path.resolve(): f for f in whole}
    assert shape(commands.lint(OFFLINE, several, pg_version=16, cache=None).files) == shape(
        [by_path[p.resolve()] for p in several]
    )
    up = commands.lint(OFFLINE, [diesel / WIDEN / "up.sql"], pg_version=16, cache=None).files[0]
    assert up.statements[0].rewrites == ()
    loose = commands.lint(OFFLINE, [diesel / "notes.sql"], pg_version=16, cache=None).files[0]
    assert loose.statements[0].rewrites == ("public.t",)  # ignored by Diesel: linted alone, `a` unknown


def test_the_down_is_analysed_after_its_up(diesel: Path) -> None:
    down = commands.lint(OFFLINE, [diesel / WIDEN / "down.sql"], pg_version=16, cache=None).files[0]
    assert down.path == diesel / WIDEN / "down.sql"
    assert {lock.relation for lock in down.statements[0].locks} == {"public.t", "public.t_a"}  # t_a is t's
    alone = commands.lint(OFFLINE, [Path("-")], pg_version=16, stdin="DROP INDEX t_a;\n", cache=None).files[0]
    assert {lock.relation for lock in alone.statements[0].locks} == {"public.t_a"}


def test_the_cache_is_used_and_invalidated_by_a_changed_predecessor(diesel: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    target = diesel / WIDEN / "up.sql"
    assert commands.lint(OFFLINE, [target], pg_version=16, cache=cache).files[0].statements[0].rewrites == ()
    entries = list((cache).glob("*.pickle"))
    assert len(entries) == 1
    assert commands.lint(OFFLINE, [target], pg_version=16, cache=cache).files[0].statements[0].rewrites == ()
    assert list(cache.glob("*.pickle")) == entries  # a hit: nothing new stored
    (diesel / "2020-01-01-000000_t/up.sql").write_text("CREATE TABLE t (id int PRIMARY KEY, a int);\n")
    again = commands.lint(OFFLINE, [target], pg_version=16, cache=cache).files[0]
    assert again.statements[0].rewrites == ("public.t",)  # int -> varchar: the new predecessor counts
    assert len(list(cache.glob("*.pickle"))) == 2
    for entry in cache.glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    damaged = commands.lint(OFFLINE, [target], pg_version=16, cache=cache).files[0]
    assert damaged.statements[0].rewrites == ("public.t",)  # a damaged entry is a miss


def test_a_later_file_starts_from_the_longest_cached_prefix(diesel: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    commands.lint(OFFLINE, [diesel / WIDEN / "up.sql"], pg_version=16, cache=cache)
    commands.lint(OFFLINE, [diesel / "2020-01-03-000000_more/up.sql"], pg_version=16, cache=cache)
    assert len(list(cache.glob("*.pickle"))) == 2
    other_version = commands.lint(OFFLINE, [diesel / WIDEN / "up.sql"], pg_version=12, cache=cache)
    assert other_version.pg_version == 12 and len(list(cache.glob("*.pickle"))) == 3  # its own key


def test_prisma_migration_sql_and_the_configured_folder(tmp_path: Path) -> None:
    prisma = write_migrations(
        tmp_path / "prisma",
        {
            "migration_lock.toml": 'provider = "postgresql"\n',
            "20240101000000_init/migration.sql": "CREATE TABLE t (id int, a varchar(10));\n",
            "20240102000000_widen/migration.sql": "ALTER TABLE t ALTER COLUMN a TYPE varchar(20);\n",
        },
    )
    target = prisma / "20240102000000_widen" / "migration.sql"
    found = locate(target)
    assert found.mset is not None and found.index == 1 and found.mset.layout == "prisma"
    assert commands.lint(OFFLINE, [target], pg_version=16, cache=None).files[0].statements[0].rewrites == ()
    flat = write_migrations(
        tmp_path / "flat",
        {"1_t.up.sql": "CREATE TABLE t (id int, a varchar(10));\n", "2_w.up.sql": "SELECT 1;\n"},
    )
    assert locate(flat / "2_w.up.sql").index == 1
    sub = write_migrations(flat / "sub", {"x.sql": "SELECT 1;\n"})
    assert locate(sub / "x.sql", configured=flat).mset is None  # in the folder, not one of its migrations


def test_stdin_and_loose_files(tmp_path: Path) -> None:
    names = ["down.sql", "1_a.down.sql", "U1.2__undo.sql", "up.sql", "users__x.sql", "V1__x.sql"]
    assert [is_down_name(Path(n)) for n in names] == [True, True, True, False, False, False]
    script = "ALTER TABLE t ALTER COLUMN a TYPE varchar(20);\n"
    report = commands.lint(OFFLINE, [Path("-")], pg_version=16, stdin=script, cache=None)
    assert [str(f.path) for f in report.files] == ["<stdin>"]
    assert report.files[0].statements[0].rewrites == ("public.t",)
    loose = write_migrations(tmp_path / "loose", {"down.sql": "DROP TABLE t;\n"})
    assert (
        commands.lint(OFFLINE, [loose / "down.sql"], pg_version=16, cache=None).files[0].path
        == loose / "down.sql"
    )
    with pytest.raises(UsageError, match="nothing read from standard input"):
        commands.lint(OFFLINE, [Path("-")], pg_version=16, cache=None)
    with pytest.raises(UsageError, match="no such file or folder"):
        commands.lint(OFFLINE, [tmp_path / "missing.sql"], pg_version=16, cache=None)


def test_cache_dir_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("MIGWIZ_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "migwiz" / "lint"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")  # not absolute: ignored, as the XDG spec says
    assert cache_dir() == Path.home() / ".cache" / "migwiz" / "lint"
    monkeypatch.setenv("MIGWIZ_CACHE_DIR", str(tmp_path / "own"))
    assert cache_dir() == tmp_path / "own" / "lint"
    monkeypatch.setenv("MIGWIZ_CACHE_DIR", "off")
    assert cache_dir() is None


def test_split_statements_are_reused_only_for_the_same_text(diesel: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    target = diesel / WIDEN / "up.sql"
    assert len(commands.lint(OFFLINE, [target], pg_version=16, cache=cache).files[0].statements) == 2
    (scans,) = cache.glob("*.scans")
    target.write_text("ALTER TABLE t ADD COLUMN c int;\n")
    assert [
        s.statement.sql
        for s in commands.lint(OFFLINE, [target], pg_version=16, cache=cache).files[0].statements
    ] == ["ALTER TABLE t ADD COLUMN c int"]
    scans.write_bytes(b"damaged")
    again = commands.lint(
        OFFLINE, [diesel / "2020-01-03-000000_more/up.sql"], pg_version=16, cache=cache
    ).files[0]
    assert again.statements[0].statement.sql == "ALTER TABLE t ADD COLUMN b int"
    assert scans.read_bytes() != b"damaged"  # rewritten with what this run split


def test_a_migration_folder_lints_its_scripts_in_context(diesel: Path) -> None:
    whole = {f.path.resolve(): f for f in commands.lint(OFFLINE, [diesel], pg_version=16, cache=None).files}
    folder = diesel / WIDEN
    report = commands.lint(OFFLINE, [folder], pg_version=16, cache=None).files
    expected = [whole[(folder / name).resolve()] for name in ("up.sql", "down.sql")]
    assert shape(report) == shape(expected)
    assert (
        len(commands.lint(OFFLINE, [diesel], pg_version=16, cache=None).files) == 5
    )  # the set's folder: all of it


def test_a_whole_unchanged_set_is_read_back_and_any_edit_lints_again(diesel: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = commands.lint(OFFLINE, [diesel], pg_version=16, cache=cache).files
    assert shape(first) == shape(commands.lint(OFFLINE, [diesel], pg_version=16, cache=None).files)
    (entry,) = cache.glob("*.report")
    stored = pickle.loads(entry.read_bytes())
    kept = stored.migrations[0]  # the first migration's scripts alone: a stand-in proves the read-back
    stand_in = (kept, *(() for _ in stored.migrations[1:]))
    entry.write_bytes(pickle.dumps(StoredReport(stored.keys, stand_in), protocol=5))
    assert shape(commands.lint(OFFLINE, [diesel], pg_version=16, cache=cache).files) == shape(kept)
    down = diesel / WIDEN / "down.sql"  # a down is no part of its migration's checksum: still a new key
    down.write_text("DROP TABLE t;\n")
    edited = commands.lint(OFFLINE, [diesel], pg_version=16, cache=cache).files
    assert shape(edited) == shape(commands.lint(OFFLINE, [diesel], pg_version=16, cache=None).files)
    assert len(edited) == len(first) and shape(edited) != shape(first)
    assert len(commands.lint(OFFLINE, [diesel], pg_version=12, cache=cache).files) == len(
        first
    )  # its own key
    assert len(list(cache.glob("*.report"))) == 2  # one per set and server version: the edit replaced it
    for stored in cache.glob("*.report"):
        stored.write_bytes(b"not a pickle")
    assert shape(commands.lint(OFFLINE, [diesel], pg_version=16, cache=cache).files) == shape(
        edited
    )  # a miss


def test_a_loose_file_never_takes_a_folder_two_levels_up_for_its_set(tmp_path: Path) -> None:
    # `~/work/x.sql` beside unrelated files: a folder of the home holds Flyway files (a baseline migration
    # among them); the loose file is linted alone, the home folder never read.
    other = {"V1__a.sql": "CREATE TABLE a (id int);\n", "B5__base.sql": "CREATE TABLE b (id int);\n"}
    write_migrations(tmp_path / "elsewhere", other)
    loose = write_migrations(tmp_path / "work", {"x.sql": "CREATE TABLE t (id int);\n"})
    report = commands.lint(OFFLINE, [loose / "x.sql"], pg_version=16, cache=None)
    assert [f.path for f in report.files] == [loose / "x.sql"]
    assert locate(loose / "x.sql").mset is None


def test_a_flyway_file_in_a_subfolder_is_linted_in_the_set_above(tmp_path: Path) -> None:
    """Flyway scans its location's subfolders: `db/more/V2__b.sql` follows `db/V1__a.sql`."""
    db = write_migrations(
        tmp_path / "project" / "db",
        {
            "V1__a.sql": "CREATE TABLE t (id int PRIMARY KEY, a varchar(10));\n",
            "more/V2__b.sql": "ALTER TABLE t ALTER COLUMN a TYPE varchar(20);\n",
        },
    )
    found = locate(db / "more" / "V2__b.sql")
    assert found.mset is not None and found.mset.root == db and found.index == 1
    [one] = commands.lint(OFFLINE, [db / "more" / "V2__b.sql"], pg_version=16, cache=None).files
    assert one.statements[0].rewrites == ()  # `a varchar(10)` is known: widening it rewrites nothing
    # a file at the set's root: the project folder above holds no Flyway file, and is not read as a set
    (tmp_path / "project" / "README.md").write_text("x\n")
    top = locate(db / "V1__a.sql")
    assert top.mset is not None and top.mset.root == db and top.index == 0
    # two subfolders down (db/a/b/V3__c.sql): the set is still db/, whose own V1 comes first
    deeper = write_migrations(
        db / "a" / "b", {"V3__c.sql": "ALTER TABLE t ALTER COLUMN a TYPE varchar(30);\n"}
    )
    found = locate(deeper / "V3__c.sql")
    assert found.mset is not None and found.mset.root == db and found.index == 2
    [two] = commands.lint(OFFLINE, [deeper / "V3__c.sql"], pg_version=16, cache=None).files
    assert two.statements[0].rewrites == ()
    # a subfolder whose parent holds no Flyway file of its own is a set by itself
    alone = write_migrations(tmp_path / "alone" / "sub", {"V1__x.sql": "CREATE TABLE x (id int);\n"})
    assert (located := locate(alone / "V1__x.sql")).mset is not None and located.mset.root == alone
