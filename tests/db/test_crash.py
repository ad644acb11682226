"""Crash safety with real processes: `migwiz up` killed with SIGKILL mid-migration, and the executor's server
connection terminated mid-migration. `status` must tell the truth and `up` must finish the job."""

from __future__ import annotations

import contextlib
import signal
import threading
from pathlib import Path

import psycopg
import pytest

from migwiz.engine.errors import StateMismatch
from migwiz.engine.log.eventlog import EventLog, MemorySink
from migwiz.engine.run.runner import ExecutionPolicy, Runner
from migwiz.engine.sets import load_migration_set
from tests.conftest import TestDatabase
from tests.helpers import run_cli, start_cli, wait_for, write_migrations
from tests.helpers.crash import executor_running, sigkill_mid_build, states

EXECUTOR = "migwiz executor migwiz"


@pytest.fixture
def db(crash_db: TestDatabase) -> TestDatabase:
    """The newest server only in `make test`, the older ones in `make test-versions` (CRASH_SERVERS)."""
    return crash_db


def table_exists(db: TestDatabase, name: str) -> bool:
    return db.execute(f"SELECT to_regclass('{name}') IS NOT NULL") == [(True,)]


def test_sigkill_in_a_transactional_migration_leaves_nothing_half_applied(
    db: TestDatabase, tmp_path: Path
) -> None:
    db.execute("CREATE TABLE pause (seconds float); INSERT INTO pause VALUES (60)")
    folder = write_migrations(
        tmp_path / "m",
        {
            "1_a.up.sql": "CREATE TABLE half (id int);\nSELECT pg_sleep(seconds) FROM pause;\n"
            "CREATE TABLE other (id int);\n",
            "1_a.down.sql": "DROP TABLE other;\nDROP TABLE half;\n",
        },
    )
    with start_cli("up", "--dsn", db.dsn, "--dir", folder) as proc:
        wait_for(lambda: bool(executor_running(db, "pg_sleep")), "the executor sleeping")
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    assert proc.returncode == -signal.SIGKILL
    assert states(db, folder) == {"1": "pending"}
    db.execute("UPDATE pause SET seconds = 0")
    result = run_cli("up", "--dsn", db.dsn, "--dir", folder)
    assert result.code == 0, result.stderr
    assert states(db, folder) == {"1": "applied"}
    assert table_exists(db, "half") and table_exists(db, "other")
    assert executor_running(db, "") == []


def test_sigkill_in_a_no_transaction_migration_resumes_exactly(db: TestDatabase, tmp_path: Path) -> None:
    db.execute("CREATE TABLE pause (seconds float); INSERT INTO pause VALUES (60)")
    folder = write_migrations(
        tmp_path / "m",
        {
            "1_a.up.sql": "-- migwiz:no-transaction\nCREATE TABLE first (id int);\n"
            "SELECT pg_sleep(seconds) FROM pause;\nCREATE TABLE third (id int);\n",
            "1_a.down.sql": "DROP TABLE third;\nDROP TABLE first;\n",
        },
    )
    with start_cli("up", "--dsn", db.dsn, "--dir", folder) as proc:
        wait_for(lambda: bool(executor_running(db, "pg_sleep")), "the executor sleeping")
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    status = run_cli("status", "--dsn", db.dsn, "--dir", folder, "--json").json()["migrations"][0]
    assert status["state"] == "failed"
    assert status["detail"] == (
        "up: 1 of 3 statements ran; statement 2 (1_a.up.sql:3) was running when migwiz stopped"
    )
    assert table_exists(db, "first") and not table_exists(db, "third")
    refused = run_cli("up", "--dsn", db.dsn, "--dir", folder)
    assert refused.code == 1 and "--resolve" in refused.stderr
    assert "statement 2 was running" in refused.stderr
    db.execute("UPDATE pause SET seconds = 0")
    result = run_cli("up", "--dsn", db.dsn, "--dir", folder, "--resolve", "ran")
    assert result.code == 0, result.stderr
    assert states(db, folder) == {"1": "applied"}
    assert table_exists(db, "third")


def test_sigkill_during_a_concurrent_index_build_resumes_by_itself(db: TestDatabase, tmp_path: Path) -> None:
    db.execute("CREATE TABLE t (id int); INSERT INTO t SELECT generate_series(1, 1000)")
    folder = write_migrations(
        tmp_path / "m",
        {
            "1_i.up.sql": "-- migwiz:no-transaction\n-- migwiz:lock-timeout=60s\n"
            "CREATE INDEX CONCURRENTLY t_id ON t (id);\n",
            "1_i.down.sql": "DROP INDEX t_id;\n",
        },
    )
    sigkill_mid_build(db, folder, "CREATE INDEX CONCURRENTLY", blocker="INSERT INTO t VALUES (0)")
    detail = run_cli("status", "--dsn", db.dsn, "--dir", folder, "--json").json()["migrations"][0]["detail"]
    assert "statement 1 (1_i.up.sql:3) was running when migwiz stopped" in detail
    result = run_cli("up", "--dsn", db.dsn, "--dir", folder)
    assert result.code == 0, result.stderr
    assert states(db, folder) == {"1": "applied"}
    assert db.execute("SELECT indisvalid FROM pg_index WHERE indexrelid = 't_id'::regclass") == [(True,)]


def test_executor_connection_killed_mid_migration_fails_clearly(db: TestDatabase, tmp_path: Path) -> None:
    db.execute("CREATE TABLE pause (seconds float); INSERT INTO pause VALUES (60)")
    folder = write_migrations(
        tmp_path / "m",
        {
            "1_a.up.sql": "CREATE TABLE half (id int);\nSELECT pg_sleep(seconds) FROM pause;\n",
            "1_a.down.sql": "DROP TABLE half;\n",
        },
    )
    with start_cli("up", "--dsn", db.dsn, "--dir", folder) as proc:
        wait_for(lambda: bool(executor_running(db, "pg_sleep")), "the executor sleeping")
        (pid,) = executor_running(db, "pg_sleep")
        db.execute(f"SELECT pg_terminate_backend({pid})")
        _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert "lost the connection to the server" in stderr and "Traceback" not in stderr
    assert states(db, folder) == {"1": "pending"}
    assert not table_exists(db, "half")


def fake_orphan(db: TestDatabase) -> tuple[psycopg.Connection[tuple[object, ...]], threading.Thread, int]:
    """A session that looks like the executor of a killed run, busy in a long statement."""
    conn = psycopg.connect(db.dsn, autocommit=True, application_name=EXECUTOR)
    pid = conn.info.backend_pid

    def sleep() -> None:
        with contextlib.suppress(psycopg.Error):
            conn.execute("BEGIN")
            conn.execute("SELECT pg_sleep(60)")

    thread = threading.Thread(target=sleep, daemon=True)
    thread.start()
    wait_for(lambda: bool(executor_running(db, "pg_sleep")), "the fake orphan")
    return conn, thread, pid


def test_leftover_executor_in_a_transaction_is_terminated(db: TestDatabase, tmp_path: Path) -> None:
    folder = write_migrations(
        tmp_path / "m", {"1_a.up.sql": "CREATE TABLE a (id int);\n", "1_a.down.sql": "x"}
    )
    conn, thread, pid = fake_orphan(db)
    sink = MemorySink()
    runner = Runner(
        db.dsn,
        load_migration_set(folder),
        log=EventLog(sinks=[sink]),
        policy=ExecutionPolicy(orphan_wait_ms=500),
    )
    try:
        assert runner.up().ok
    finally:
        runner.close()
        thread.join(10)
        conn.close()
    messages = [e.message for e in sink.events if e.step == "orphan"]
    assert any(f"left executor session(s) {pid} running" in m for m in messages)
    assert any(f"terminated leftover executor session(s) {pid}" in m for m in messages)


def test_leftover_no_transaction_statement_is_waited_for_not_killed(db: TestDatabase, tmp_path: Path) -> None:
    files = {"1_a.up.sql": "-- migwiz:no-transaction\nSELECT 1;\nSELECT 2;\n", "1_a.down.sql": "SELECT 1;"}
    folder = write_migrations(tmp_path / "m", files)
    runner = Runner(
        db.dsn, load_migration_set(folder), log=EventLog(), policy=ExecutionPolicy(orphan_wait_ms=500)
    )
    runner.statuses()  # creates the migwiz schema
    checksum = load_migration_set(folder).migrations[0].checksum
    db.execute(
        "INSERT INTO migwiz.history (version, name, checksum, success, statements_done, statement_running)"
        f" VALUES ('1', 'a', '{checksum}', false, 0, 0)"
    )
    conn, thread, pid = fake_orphan(db)
    try:
        with pytest.raises(StateMismatch, match=f"still running on the server \\(pid {pid}\\)"):
            runner.up()
        assert executor_running(db, "pg_sleep") == [pid]  # left alone
    finally:
        runner.close()
        conn.cancel_safe()
        thread.join(10)
        conn.close()
