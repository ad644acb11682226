"""`dry-run` on real servers: a shadow copy of the target runs the pending migrations through the real
Runner; data-dependent failures show with --sample-rows; nothing but the central log changes on the target."""

from __future__ import annotations

from pathlib import Path

import pytest

from migwiz.engine.commands import Project, dry_run
from migwiz.engine.log.eventlog import EventLog
from migwiz.engine.run.runner import Runner
from migwiz.engine.schema import read_schema
from migwiz.engine.sets import load_migration_set
from migwiz.engine.sets.model import Version
from tests.conftest import TestDatabase
from tests.helpers import run_cli, write_migrations

BASE = """
CREATE TABLE users (id int PRIMARY KEY, email text, age text);
INSERT INTO users VALUES (1, 'a@x', '41'), (2, NULL, 'forty'), (3, 'a@x', '7');
"""
APPLIED = {"1_base.up.sql": "CREATE TABLE notes (id int);\n", "1_base.down.sql": "DROP TABLE notes;\n"}


def folder_with(tmp_path: Path, up: str, *, no_transaction: bool = False) -> Path:
    header = "-- migwiz:no-transaction\n" if no_transaction else ""
    files = {**APPLIED, "2_change.up.sql": header + up, "2_change.down.sql": "SELECT 1;\n"}
    return write_migrations(tmp_path / "m", files)


def prepare(db: TestDatabase, folder: Path) -> None:
    """The target: users with data, migration 1 applied for real."""
    db.execute(BASE)
    runner = Runner(db.dsn, load_migration_set(folder), log=EventLog())
    assert runner.up(Version("1")).ok
    runner.close()


def fingerprint(db: TestDatabase) -> tuple[object, ...]:
    with db.connect() as conn:
        schema = read_schema(conn)
    history = db.execute("SELECT version, checksum, success, statements_done FROM migwiz.history ORDER BY 1")
    return (schema.to_json(), history)


def test_clean_migration_reports_locks_and_rewrites_and_leaves_the_target_alone(
    db: TestDatabase, tmp_path: Path
) -> None:
    folder = folder_with(
        tmp_path, "ALTER TABLE users ADD COLUMN score int;\nALTER TABLE users ALTER COLUMN id TYPE bigint;\n"
    )
    prepare(db, folder)
    before = fingerprint(db)
    databases = db.execute("SELECT count(*) FROM pg_database")
    report = dry_run(Project.of(db.dsn, load_migration_set(folder)))
    assert report.ok, report.to_json()
    assert [(s.version, s.index, s.outcome) for s in report.statements] == [("2", 0, "ok"), ("2", 1, "ok")]
    first, second = report.statements
    assert ("public.users", "AccessExclusiveLock") in {(lk.relation, lk.mode) for lk in first.locks}
    assert first.lock_source == "pg_locks" and first.rewrites == ()
    assert second.rewrites == ("public.users",)
    assert fingerprint(db) == before  # schema and history of the target unchanged
    assert db.execute("SELECT count(*) FROM pg_database") == databases  # the shadow is gone
    tagged = db.execute(
        f"SELECT count(*) FROM migwiz.events WHERE run_id = '{report.run_id}' AND data->>'dry_run' = 'true'"
        " AND step = 'statement'"
    )
    assert tagged == [(2,)]
    assert db.execute(f"SELECT command, outcome FROM migwiz.runs WHERE run_id = '{report.run_id}'") == [
        ("dry-run", "success")
    ]


@pytest.mark.parametrize(
    ("up", "sqlstate", "no_transaction"),
    [
        ("ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n", "23502", False),
        ("CREATE UNIQUE INDEX CONCURRENTLY users_email ON users (email);\n", "23505", True),
        ("ALTER TABLE users ALTER COLUMN age TYPE int USING age::int;\n", "22P02", False),
    ],
    ids=["not-null-over-nulls", "unique-violation", "failing-cast"],
)
def test_sample_rows_show_data_dependent_failures(
    db: TestDatabase, tmp_path: Path, up: str, sqlstate: str, no_transaction: bool
) -> None:
    folder = folder_with(tmp_path, up, no_transaction=no_transaction)
    prepare(db, folder)
    before = fingerprint(db)
    mset = load_migration_set(folder)
    assert dry_run(Project.of(db.dsn, mset)).ok  # schema only: no rows, nothing to fail on
    report = dry_run(Project.of(db.dsn, mset), sample_rows=100)
    assert report.sampled == {"public.users": 3}
    (failure,) = report.failures
    assert failure.sqlstate == sqlstate and failure.line == (2 if no_transaction else 1)
    assert failure.locks and all(lk.relation == "public.users" for lk in failure.locks)
    assert fingerprint(db) == before
    assert db.execute("SELECT count(*) FROM users") == [(3,)]


def test_later_statements_are_reported_as_not_run(db: TestDatabase, tmp_path: Path) -> None:
    folder = folder_with(
        tmp_path, "ALTER TABLE users ALTER COLUMN email SET NOT NULL;\nCREATE TABLE more (id int);\n"
    )
    prepare(db, folder)
    report = dry_run(Project.of(db.dsn, load_migration_set(folder)), sample_rows=10)
    assert [s.outcome for s in report.statements] == ["failed", "not_run"]


def test_cli_dry_run_human_and_json(db_latest: TestDatabase, tmp_path: Path) -> None:
    """The CLI's two renderings of a dry run: on the newest server only, what the dry run finds on each
    version is checked by the engine-level tests of this file."""
    db = db_latest
    folder = folder_with(tmp_path, "ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n")
    prepare(db, folder)
    human = run_cli("dry-run", "--dsn", db.dsn, "--dir", folder, "--sample-rows", "5")
    assert human.code == 1, human.stderr
    assert "would fail" in human.stdout and "23502" in human.stdout and "AccessExclusiveLock" in human.stdout
    data = run_cli("dry-run", "--dsn", db.dsn, "--dir", folder, "--json").json()
    assert data["ok"] is True and data["statements"][0]["outcome"] == "ok"


def test_a_backfill_that_ran_on_the_shadow_is_ok(db: TestDatabase, tmp_path: Path) -> None:
    db.execute("CREATE TABLE items (id bigint PRIMARY KEY, note text); INSERT INTO items VALUES (1, NULL)")
    folder = write_migrations(
        tmp_path / "m",
        {
            "1_fill.up.sql": "-- migwiz:backfill\nUPDATE items SET note = 'x' WHERE note IS NULL;\n",
            "1_fill.down.sql": "UPDATE items SET note = NULL;\n",
            "2_idx.up.sql": "CREATE INDEX items_note ON items (note);\n",
            "2_idx.down.sql": "DROP INDEX items_note;\n",
        },
    )
    report = dry_run(Project.of(db.dsn, load_migration_set(folder)), sample_rows=10)
    assert [(s.version, s.outcome) for s in report.statements] == [("1", "ok"), ("2", "ok")]
    assert report.ok
    assert db.execute("SELECT note FROM items") == [(None,)]  # the target is untouched


def test_the_schema_copy_gives_up_behind_a_held_table_lock_instead_of_hanging(
    db_latest: TestDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    from migwiz.engine.errors import MigwizError
    from migwiz.engine.servers.connect import connect
    from migwiz.engine.shadow import scratch

    monkeypatch.setattr(scratch, "SCHEMA_LOCK_WAIT", "1s")
    db_latest.execute("CREATE TABLE held (id int)")
    with connect(db_latest.dsn) as holder:
        holder.execute("LOCK TABLE held IN ACCESS EXCLUSIVE MODE")  # a long transaction's DDL
        with pytest.raises(MigwizError, match=r"gave up after waiting 1s for a lock another session holds"):
            scratch.dump_schema(db_latest.dsn)
    assert "CREATE TABLE public.held" in scratch.dump_schema(db_latest.dsn)
