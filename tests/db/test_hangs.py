"""Nothing hangs: migrations that reach for migwiz's own tables, a locked history, a network that freezes.

Every wait here is bounded; a hang fails the test by its timeout instead of blocking the suite.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from migwiz.engine.errors import ConnectionFailed, UsageError
from migwiz.engine.log.eventlog import EventLog
from migwiz.engine.run import heartbeat
from migwiz.engine.run.executor import RetryPolicy
from migwiz.engine.run.runner import ExecutionPolicy, Runner
from migwiz.engine.run.session_limits import BOOKKEEPING_LOCK_TIMEOUT_MS, IDLE_IN_TRANSACTION_MS
from migwiz.engine.servers.connect import connect, cut_reason, uncut
from migwiz.engine.sets import load_migration_set
from tests.conftest import TestDatabase
from tests.helpers import lost_connection_error, run_cli, start_cli, write_migrations
from tests.helpers.proxies import FreezingProxy


def applied(db: TestDatabase) -> list[object]:
    return [r[0] for r in db.execute("SELECT version FROM migwiz.history WHERE success ORDER BY 1")]


@pytest.mark.parametrize(
    ("statement", "named"),
    [
        ("LOCK migwiz.events IN ACCESS EXCLUSIVE MODE;", "migwiz.events"),
        ("DROP SCHEMA migwiz CASCADE;", "schema migwiz"),
        ("DELETE FROM migwiz.history WHERE version = '1';", "migwiz.history"),
        ("SET search_path = migwiz, public;", "schema migwiz (search_path)"),
    ],
)
def test_statements_on_migwiz_own_schema_are_refused_before_running(
    db: TestDatabase, tmp_path: Path, statement: str, named: str
) -> None:
    folder = write_migrations(
        tmp_path / "m",
        {
            "1_a.up.sql": "CREATE TABLE a (id int);\n",
            "1_a.down.sql": "DROP TABLE a;\n",
            "2_b.up.sql": f"CREATE TABLE b (id int);\n{statement}\n",
            "2_b.down.sql": "DROP TABLE b;\n",
        },
    )
    runner = Runner(db.dsn, load_migration_set(folder), log=EventLog())
    try:
        with pytest.raises(UsageError) as info:
            runner.up()
    finally:
        runner.close()
    assert info.value.message == (
        f"{folder / '2_b.up.sql'}:2: touches {named}, migwiz's own bookkeeping; nothing was run"
    )
    assert applied(db) == []  # refused before the first migration ran
    assert db.execute("SELECT to_regclass('public.a') IS NULL") == [(True,)]


def test_a_lock_on_migwiz_tables_hidden_in_dynamic_sql_ends_instead_of_deadlocking(
    db: TestDatabase, tmp_path: Path
) -> None:
    """EXECUTE in a DO block cannot be seen before running: the log's lock_timeout ends the wait."""
    folder = write_migrations(
        tmp_path / "m",
        {
            "1_a.up.sql": "DO $$ BEGIN EXECUTE 'LOCK migwiz.events IN ACCESS EXCLUSIVE MODE'; END $$;\n"
            "CREATE TABLE a (id int);\n",
            "1_a.down.sql": "DROP TABLE a;\n",
        },
    )
    started = time.monotonic()
    result = run_cli("up", "--dsn", db.dsn, "--dir", folder, timeout=90)
    assert time.monotonic() - started < 4 * BOOKKEEPING_LOCK_TIMEOUT_MS / 1000 + 10
    assert result.code == 0, result.stderr
    assert applied(db) == ["1"]


@pytest.mark.parametrize(
    "hidden",
    ["TRUNCATE migwiz.history", "DELETE FROM migwiz.history", "UPDATE migwiz.history SET checksum = ''x''"],
)
def test_a_migration_that_rewrites_migwiz_history_in_dynamic_sql_is_rolled_back(
    db: TestDatabase, tmp_path: Path, hidden: str
) -> None:
    """Dynamic SQL cannot be seen before running: the history is compared before the migration's statements
    and after them, in its transaction, and a change rolls the whole migration back."""
    folder = write_migrations(
        tmp_path / "m",
        {
            "1_a.up.sql": "CREATE TABLE a (id int);\n",
            "1_a.down.sql": "DROP TABLE a;\n",
            "2_b.up.sql": f"CREATE TABLE b (id int);\nDO $$ BEGIN EXECUTE '{hidden}'; END $$;\n",
            "2_b.down.sql": "DROP TABLE b;\n",
        },
    )
    result = run_cli("up", "--dsn", db.dsn, "--dir", folder)
    assert result.code == 1, result.stderr
    assert (
        "2_b: its statements changed migwiz's history (migwiz.history); its transaction was rolled back"
        in (result.stderr)
    )
    assert applied(db) == ["1"]
    assert db.execute("SELECT checksum <> 'x', to_regclass('b') IS NULL FROM migwiz.history") == [
        (True, True)
    ]


def test_status_with_migwiz_history_locked_says_who_within_seconds(db: TestDatabase, tmp_path: Path) -> None:
    folder = write_migrations(tmp_path / "m", {"1_a.up.sql": "SELECT 1;\n", "1_a.down.sql": "SELECT 1;\n"})
    assert run_cli("up", "--dsn", db.dsn, "--dir", folder).code == 0
    with psycopg.connect(db.dsn, application_name="history-holder") as holder:
        holder.execute("LOCK migwiz.history IN ACCESS EXCLUSIVE MODE")
        pid = holder.info.backend_pid
        started = time.monotonic()
        result = run_cli("status", "--dsn", db.dsn, "--dir", folder, timeout=60)
        elapsed = time.monotonic() - started
        holder.rollback()
    assert result.code == 3, result.stderr
    # it gave up (the message says after the 5 s bound) instead of waiting until the holder ends; the
    # bound on the whole command leaves room for a loaded machine's slow process start
    assert elapsed < BOOKKEEPING_LOCK_TIMEOUT_MS / 1000 + 30
    (line, hint) = result.stderr.splitlines()
    assert line == (
        f"migwiz: error: status: migwiz's own tables are locked by pid {pid} (history-holder,"
        " AccessExclusiveLock on migwiz.history); gave up after 5 s"
    )
    assert hint.startswith("hint: that session must commit or roll back first")


def test_the_executor_session_gives_up_on_a_silent_client(db: TestDatabase, tmp_path: Path) -> None:
    """Checked after a no-transaction migration, whose own timeouts are set for the session and reset."""
    folder = write_migrations(
        tmp_path / "m",
        {"1_a.up.sql": "-- migwiz:no-transaction\n-- migwiz:lock-timeout=20s\nSELECT 1;\n"},
    )
    policy = ExecutionPolicy(retry=RetryPolicy(max_total_ms=3_000), allow_irreversible=True)
    runner = Runner(db.dsn, load_migration_set(folder), log=EventLog(), policy=policy)
    try:
        assert runner.up().ok
        conn = runner.connection()
        settings = dict(
            conn.execute(
                "SELECT name, setting FROM pg_settings WHERE name IN ('idle_in_transaction_session_timeout',"
                " 'lock_timeout', 'tcp_keepalives_idle', 'tcp_keepalives_interval', 'tcp_keepalives_count')"
            ).fetchall()
        )
        client = conn.info.get_parameters()
    finally:
        runner.close()
    assert settings == {
        "idle_in_transaction_session_timeout": str(IDLE_IN_TRANSACTION_MS),
        "lock_timeout": str(BOOKKEEPING_LOCK_TIMEOUT_MS),
        "tcp_keepalives_idle": "10",
        "tcp_keepalives_interval": "5",
        "tcp_keepalives_count": "3",
    }
    assert (client["keepalives"], client["keepalives_idle"], client["keepalives_count"]) == ("1", "10", "3")


@pytest.fixture
def proxy(db: TestDatabase) -> Iterator[FreezingProxy]:
    p = FreezingProxy(db.server.port)
    yield p
    p.close()


def test_a_frozen_network_mid_migration_releases_the_lock_and_fails_clearly(
    db: TestDatabase, proxy: FreezingProxy, tmp_path: Path
) -> None:
    """The network freezes while the migration holds ACCESS EXCLUSIVE, and stays frozen (the proxy still
    acknowledges every packet, so TCP keepalives cannot tell): migwiz's heartbeat finds the server silent
    and migwiz exits non-zero with one line saying why, within seconds; the server ends the silent session
    within the idle bound (the application can use the table again); nothing was recorded as applied."""
    db.execute("CREATE TABLE app (id int); INSERT INTO app VALUES (1)")
    folder = write_migrations(
        tmp_path / "m",
        {
            "1_a.up.sql": "LOCK TABLE app IN ACCESS EXCLUSIVE MODE;\nSELECT pg_sleep(1);\n"
            "CREATE TABLE after_freeze (id int);\n",
            "1_a.down.sql": "DROP TABLE after_freeze;\n",
        },
    )
    via_proxy = db.dsn.replace(f"port={db.server.port}", f"port={proxy.port}")
    migwiz = start_cli("up", "--dsn", via_proxy, "--dir", folder, "--retry-for", "1s")
    lock_bound_s = IDLE_IN_TRANSACTION_MS / 1000 + 5
    exit_bound_s = heartbeat.STALL_S + heartbeat.INTERVAL_S + 10  # room for a loaded machine's process exit
    try:
        with psycopg.connect(db.dsn, autocommit=True) as watcher:
            deadline = time.monotonic() + 60
            while not watcher.execute(
                "SELECT 1 FROM pg_stat_activity WHERE application_name LIKE 'migwiz executor%%'"
                " AND state = 'active' AND query LIKE '%%pg_sleep%%'"
            ).fetchall():
                assert time.monotonic() < deadline and migwiz.poll() is None, "the migration did not start"
                time.sleep(0.02)
            proxy.running.clear()  # the network freezes, the lock is held
            frozen_at = time.monotonic()
            _, stderr = migwiz.communicate(timeout=exit_bound_s)  # still frozen: migwiz finds out itself
            while watcher.execute(
                "SELECT 1 FROM pg_locks WHERE relation = 'app'::regclass AND mode = 'AccessExclusiveLock'"
            ).fetchall():
                assert time.monotonic() - frozen_at < lock_bound_s, (
                    "the server kept the lock of a silent client"
                )
                time.sleep(0.1)
            assert watcher.execute("SELECT count(*) FROM app").fetchall() == [(1,)]  # the application runs
    finally:
        if migwiz.poll() is None:
            migwiz.kill()
            migwiz.wait()
    assert migwiz.returncode != 0
    line = lost_connection_error(stderr)
    assert f"no answer from the server for {heartbeat.STALL_S:g} s" in line, stderr
    assert db.execute("SELECT to_regclass('public.after_freeze') IS NULL") == [(True,)]
    assert applied(db) == []


@pytest.mark.timeout(90)
def test_the_heartbeat_cuts_every_wait_on_a_frozen_path_and_only_then(
    db: TestDatabase, proxy: FreezingProxy
) -> None:
    """A statement waiting for its result through a path that stopped forwarding ends with an error once
    the heartbeat's probe goes unanswered; a path that answers is never cut, however long the statement."""
    via_proxy = db.dsn.replace(f"port={db.server.port}", f"port={proxy.port}")
    beat = heartbeat.Heartbeat(via_proxy, interval_s=0.2, stall_s=2.0)
    try:
        with connect(via_proxy, autocommit=True) as conn, connect(db.dsn, autocommit=True) as direct:
            conn.execute("SELECT pg_sleep(3)")  # longer than the stall bound: answered, so never cut
            assert not beat.stalled and cut_reason(via_proxy) is None
            proxy.running.clear()
            started = time.monotonic()
            with pytest.raises(psycopg.OperationalError):
                conn.execute("SELECT 1")
            assert time.monotonic() - started < 2.0 + 0.2 + 10, "the wait was not cut within the bound"
            assert direct.execute("SELECT 1").fetchone() == (1,)  # another server address: left alone
        assert beat.stalled
        assert (cut_reason(via_proxy) or "").startswith("no answer from the server for 2 s (a network that")
        assert cut_reason(db.dsn) is None  # another address (the server itself, not the proxy): not cut
        with pytest.raises(ConnectionFailed, match="no answer from the server"):
            connect(via_proxy)  # no new wait on a cut path
    finally:
        beat.close()
        uncut(via_proxy)
