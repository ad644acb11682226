"""The migration lock's session terminated under a run (a DBA's `pg_terminate_backend`, a migration that
kills it): the run notices before its next migration or statement, stops there with one error line, and
logs it; a second `migwiz up`, which could take the lock meanwhile, never runs beside it unnoticed."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from migwiz.engine import commands
from migwiz.engine.backfill.control import control_backfill
from migwiz.engine.errors import LockLost
from migwiz.engine.log.eventlog import read_events
from migwiz.engine.run.events import MigrationFinished, RunEvent, RunFinished
from migwiz.engine.run.log_events import events_from_log
from migwiz.engine.run.migration_lock import LOCK_CLASS, MigrationLock
from migwiz.engine.run.notes import MigrationLockLost, RunErrored, StoppedAtSafePoint
from migwiz.engine.run.policy import ExecutionPolicy
from migwiz.engine.sets import load_migration_set
from tests.conftest import TestDatabase
from tests.helpers import run_cli, start_cli, wait_for, write_migrations
from tests.helpers.backfill import MIGRATIONS as BACKFILL_MIGRATIONS
from tests.helpers.backfill import ROWS, assert_each_row_once, checkpoint, make_items, rows_scanned

LOCK_PID = (
    "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = %s::oid"
    " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
)


def lock_pids(conn: psycopg.Connection[tuple[int]]) -> list[int]:
    """The sessions holding a migwiz migration lock on this database."""
    return [r[0] for r in conn.execute(LOCK_PID, (LOCK_CLASS,)).fetchall()]


def terminate_lock_session(conn: psycopg.Connection[tuple[int]]) -> int:
    """Terminate the session holding the migration lock, as a DBA would from psql; wait until it is gone."""
    [pid] = lock_pids(conn)
    conn.execute("SELECT pg_terminate_backend(%s)", (pid,))
    wait_for(
        lambda: not conn.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", (pid,)).fetchall(),
        "the lock's session to end",
        timeout=10,
    )
    return pid


def table_exists(db: TestDatabase, name: str) -> bool:
    return db.execute(f"SELECT to_regclass('{name}') IS NOT NULL") == [(True,)]


def test_lock_session_terminated_between_migrations_stops_the_run(
    client_db: TestDatabase, tmp_path: Path
) -> None:
    """Terminated right after the first migration: a second run can take the lock (shown by taking it),
    and the first one does not start its second migration; it ends with `LockLost`, logged as events."""
    folder = write_migrations(
        tmp_path / "m",
        {"1_a.up.sql": "CREATE TABLE a (id int);\n", "2_b.up.sql": "CREATE TABLE b (id int);\n"},
    )
    project = commands.Project.of(client_db.dsn, load_migration_set(folder))
    session = commands.start_run(project, policy=ExecutionPolicy(allow_irreversible=True))
    admin = psycopg.connect(client_db.dsn, autocommit=True)
    second = MigrationLock(client_db.dsn, "migwiz")
    killed: list[int] = []
    seen: list[RunEvent] = []

    def between(event: RunEvent) -> None:
        seen.append(event)
        if isinstance(event, MigrationFinished) and event.version == "1":  # on the run's thread: before 2
            killed.append(terminate_lock_session(admin))
            second.acquire()  # what a second `migwiz up` would do now: it gets the lock

    session.on(between)
    try:
        with pytest.raises(LockLost) as lost:
            session.run()
        assert killed and second.pid is not None
        assert lock_pids(admin) == [second.pid]  # the lock is the second run's now
    finally:
        second.release()
        admin.close()
    message = lost.value.message
    assert "\n" not in message and f"pid {killed[0]}" in message and "migration lock" in message
    assert "terminating connection due to administrator command" in message
    assert table_exists(client_db, "a") and not table_exists(client_db, "b")
    assert client_db.execute("SELECT version FROM migwiz.history WHERE success") == [("1",)]
    stops = [e for e in seen if isinstance(e, StoppedAtSafePoint)]
    assert len(stops) == 1 and stops[0].where == "before 2" and stops[0].not_run == ("2",)
    [finished] = [e for e in seen if isinstance(e, RunFinished)]
    assert finished.outcome == "failed" and "migration lock" in (finished.error or "")
    with psycopg.connect(client_db.dsn, autocommit=True) as conn:
        rows = read_events(conn, "migwiz", run_id=session.run_id)
    logged = [e for _, row in rows for e in events_from_log(row)]
    [gone] = [e for e in logged if isinstance(e, MigrationLockLost)]
    assert gone.pid == killed[0] and "administrator command" in gone.error
    errors = [e for e in logged if isinstance(e, RunErrored)]
    assert len(errors) == 1 and errors[0].message == message


def test_lock_session_terminated_during_a_migration_stops_the_cli_run(
    client_db: TestDatabase, tmp_path: Path
) -> None:
    """`migwiz up` in its own process, its lock's session terminated while a migration's statement runs:
    the transaction is rolled back before its next statement, the run exits with one error line, and
    nothing of it is recorded; a later `migwiz up` then applies everything."""
    folder = write_migrations(
        tmp_path / "m",
        {
            "1_a.up.sql": "SELECT pg_sleep(2.5);\nCREATE TABLE a (id int);\n",
            "2_b.up.sql": "CREATE TABLE b (id int);\n",
        },
    )
    args = ("up", "--dsn", client_db.dsn, "--dir", folder, "--allow-irreversible")
    admin = psycopg.connect(client_db.dsn, autocommit=True)
    try:
        with start_cli(*args) as proc:
            wait_for(
                lambda: admin.execute(
                    "SELECT 1 FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(2.5)%'"
                ).fetchall(),
                "the migration's sleep to start",
            )
            terminate_lock_session(admin)
            stdout, stderr = proc.communicate(timeout=60)
        assert proc.returncode == 3, stdout + stderr
        errors = [line for line in stderr.splitlines() if line.startswith("migwiz: error:")]
        assert len(errors) == 1 and "Traceback" not in stderr, stderr
        assert "lost the migration lock" in errors[0] and "administrator command" in errors[0]
        assert not lock_pids(admin)
    finally:
        admin.close()
    assert not table_exists(client_db, "a") and not table_exists(client_db, "b")
    assert client_db.execute("SELECT count(*) FROM migwiz.history WHERE success") == [(0,)]
    steps = client_db.execute("SELECT step, level FROM migwiz.events WHERE step = 'migration-lock'")
    assert steps == [("migration-lock", "error")]
    again = run_cli(*args)
    assert again.code == 0, again.stdout + again.stderr
    assert table_exists(client_db, "a") and table_exists(client_db, "b")


def test_lock_session_terminated_during_a_backfill_stops_it_between_batches(
    client_db: TestDatabase, tmp_path: Path
) -> None:
    """A backfill checks the lock between its batches: terminated mid-way, it stops after the batch that
    runs (resumable at its checkpoint), the run ends with `LockLost`, and `migwiz up` then finishes it with
    every row updated once."""
    make_items(client_db)
    folder = write_migrations(tmp_path / "m", BACKFILL_MIGRATIONS)
    control_backfill(client_db.dsn, "migwiz", "1", max_rate=4000, batch_size=200)  # about 5 s for every row
    project = commands.Project.of(client_db.dsn, load_migration_set(folder))
    session = commands.start_run(project).start()
    admin = psycopg.connect(client_db.dsn, autocommit=True)
    try:
        wait_for(lambda: rows_scanned(client_db.dsn) > 0, "the backfill's first batch")
        terminate_lock_session(admin)
        with pytest.raises(LockLost):
            session.wait(30)
    finally:
        admin.close()
    done = rows_scanned(client_db.dsn)
    assert 0 < done < ROWS
    cp = checkpoint(client_db.dsn)
    assert cp is not None and cp.state != "done"
    control_backfill(client_db.dsn, "migwiz", "1", max_rate=1e9, batch_size=2000)
    commands.up(project)
    assert_each_row_once(client_db)
