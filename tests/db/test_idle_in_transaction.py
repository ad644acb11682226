"""The executor's idle_in_transaction_session_timeout: a migration transaction whose client stopped
talking releases its locks after `IDLE_IN_TRANSACTION_MS`, whatever the lock-retry budget, while a
statement that runs longer than that bound is not cut."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import psycopg
import pytest

from migwiz.engine.run.session_limits import IDLE_IN_TRANSACTION_MS
from tests.conftest import TestDatabase
from tests.helpers import lost_connection_error, start_cli, write_migrations

IDLE_S = IDLE_IN_TRANSACTION_MS / 1000


@pytest.fixture
def db(client_db: TestDatabase) -> TestDatabase:
    """How long an idle migwiz session may hold its locks is migwiz's own setting:
    the newest server in `make test`, every server in `make test-versions` (tests/db/conftest.py)."""
    return client_db


def executor_state(watcher: psycopg.Connection[tuple[object, ...]]) -> tuple[str, str] | None:
    row = watcher.execute(
        "SELECT state, query FROM pg_stat_activity WHERE application_name LIKE 'migwiz executor%%'"
    ).fetchone()
    return (str(row[0]), str(row[1])) if row else None


def app_locked(watcher: psycopg.Connection[tuple[object, ...]]) -> bool:
    return bool(
        watcher.execute(
            "SELECT 1 FROM pg_locks WHERE relation = 'app'::regclass AND mode = 'AccessExclusiveLock'"
        ).fetchall()
    )


def test_a_stopped_client_releases_its_locks_after_the_idle_bound_not_the_retry_budget(
    db: TestDatabase, tmp_path: Path
) -> None:
    """migwiz is suspended (SIGSTOP, as a hung or crashed client) in the middle of a transaction that
    holds ACCESS EXCLUSIVE, with a 120 s retry budget: the server ends the session about IDLE_S after it
    went idle. The statement before it ran longer than IDLE_S in the same transaction and was not cut."""
    db.execute("CREATE TABLE app (id int); INSERT INTO app VALUES (1)")
    folder = write_migrations(
        tmp_path / "m",
        {
            "1_a.up.sql": "LOCK TABLE app IN ACCESS EXCLUSIVE MODE;\n"
            f"SELECT pg_sleep({IDLE_S + 1});\n"
            "SELECT pg_sleep(1.5) AS stop_here;\n"
            "CREATE TABLE after_stop (id int);\n",
            "1_a.down.sql": "DROP TABLE after_stop;\n",
        },
    )
    migwiz = start_cli("up", "--dsn", db.dsn, "--dir", folder, "--retry-for", "120s")
    try:
        with psycopg.connect(db.dsn, autocommit=True) as watcher:
            deadline = time.monotonic() + IDLE_S + 60
            while (state := executor_state(watcher)) is None or "stop_here" not in state[1]:
                assert time.monotonic() < deadline and migwiz.poll() is None, (state, migwiz.poll())
                time.sleep(0.05)
            assert state[0] == "active"  # the long statement before it ran to its end
            migwiz.send_signal(signal.SIGSTOP)  # the client stops talking mid-transaction
            while (state := executor_state(watcher)) is not None and state[0] == "active":
                time.sleep(0.05)
            idle_since = time.monotonic()
            assert state is not None and state[0] == "idle in transaction"
            while app_locked(watcher):
                assert time.monotonic() - idle_since < IDLE_S + 5, "the lock outlived the idle bound"
                time.sleep(0.1)
            released_after = time.monotonic() - idle_since
            assert watcher.execute("SELECT count(*) FROM app").fetchall() == [(1,)]
        migwiz.send_signal(signal.SIGCONT)
        _, stderr = migwiz.communicate(timeout=60)
    finally:
        if migwiz.poll() is None:
            migwiz.send_signal(signal.SIGCONT)
            migwiz.kill()
            migwiz.wait()
    assert IDLE_S - 1 <= released_after < IDLE_S + 5
    assert migwiz.returncode != 0
    lost_connection_error(stderr)
    assert db.execute("SELECT to_regclass('public.after_stop') IS NULL") == [(True,)]
    assert db.execute("SELECT count(*) FROM migwiz.history WHERE success") == [(0,)]
