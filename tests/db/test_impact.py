"""Each run records what it cost others: retries, and the longest lock wait it inflicted (measured)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import psycopg

from migwiz.engine import commands
from migwiz.engine.run.events import LockWait
from migwiz.engine.run.executor import RetryPolicy
from migwiz.engine.run.guard import GuardPolicy
from migwiz.engine.run.runner import ExecutionPolicy
from migwiz.engine.sets import load_migration_set
from tests.conftest import TestDatabase
from tests.helpers import write_migrations


def run_details(db: TestDatabase, run_id: str) -> dict[str, object]:
    rows = db.execute(f"SELECT details FROM migwiz.runs WHERE run_id = '{run_id}'")
    return dict(rows[0][0])  # type: ignore[call-overload]


def test_longest_wait_inflicted_is_measured(db: TestDatabase, tmp_path: Path) -> None:
    db.execute("CREATE TABLE t (id int); INSERT INTO t VALUES (1)")
    folder = write_migrations(
        tmp_path / "m",
        {
            "1_slow.up.sql": "ALTER TABLE t ADD COLUMN x int;\nSELECT pg_sleep(1.2);\n",
            "1_slow.down.sql": "ALTER TABLE t DROP COLUMN x;\n",
        },
    )
    blocked = threading.Event()

    def reader() -> None:
        deadline = time.monotonic() + 10
        with psycopg.connect(db.dsn, autocommit=True) as conn:  # one session: no connect between polls
            while time.monotonic() < deadline:  # wait until our ALTER holds its lock, then queue behind it
                held = conn.execute(
                    "SELECT count(*) FROM pg_locks"
                    " WHERE relation = 't'::regclass AND mode = 'AccessExclusiveLock'"
                ).fetchone()
                if held and held[0]:
                    blocked.set()
                    conn.execute("SELECT * FROM t")
                    return
                time.sleep(0.02)

    thread = threading.Thread(target=reader)
    thread.start()
    result = commands.up(commands.Project.of(db.dsn, load_migration_set(folder)))
    thread.join(timeout=10)
    assert result.report.ok
    assert blocked.is_set()
    details = run_details(db, result.run_id)
    assert 400 <= int(details["longest_wait_inflicted_ms"]) <= 1500  # type: ignore[call-overload]
    assert details["retries"] == 0


def test_retries_are_counted(db: TestDatabase, tmp_path: Path) -> None:
    db.execute("CREATE TABLE t (id int)")
    folder = write_migrations(
        tmp_path / "m",
        {"1_a.up.sql": "ALTER TABLE t ADD COLUMN a int;\n", "1_a.down.sql": "ALTER TABLE t DROP COLUMN a;\n"},
    )
    holder = psycopg.connect(db.dsn)
    holder.execute("SELECT * FROM t")  # AccessShareLock in an open transaction
    policy = ExecutionPolicy(
        lock_timeout_ms=100,
        retry=RetryPolicy(lock_retries=10, backoff_base_ms=50, backoff_max_ms=200),
        guard=GuardPolicy(enabled=False),
    )
    session = commands.start_run(commands.Project.of(db.dsn, load_migration_set(folder)), policy=policy)
    # the holder lets go once the first attempt has timed out: the retry is then certain to succeed
    session.on(lambda e: holder.rollback() if isinstance(e, LockWait) else None)
    try:
        result = session.run()
    finally:
        holder.close()
    assert result.report.ok
    assert int(run_details(db, result.run_id)["retries"]) >= 1  # type: ignore[call-overload]
