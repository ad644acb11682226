"""The live monitor against real servers: real locks held from background connections, a real index build,
real privilege limits. Every wait is a bounded poll of `Monitor.sample()`."""

from __future__ import annotations

import io
import socket
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql
from rich.console import Console

from migwiz.console.monitor_view import render_snapshot
from migwiz.engine.errors import ConnectionFailed
from migwiz.engine.observe import LockWait, Monitor, MonitorUnavailable, Snapshot
from migwiz.engine.observe.queries import query_for
from tests.conftest import TestDatabase

Conn = psycopg.Connection[tuple[Any, ...]]


def poll(monitor: Monitor, seen: Callable[[Snapshot], bool], timeout: float = 15.0) -> Snapshot:
    """Sample until `seen` holds; fail with the last snapshot after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        snapshot = monitor.sample()
        if seen(snapshot):
            return snapshot
        if time.monotonic() > deadline:
            raise AssertionError(f"not seen within {timeout} s; last snapshot: {snapshot}")
        time.sleep(0.02)


class Sessions:
    """Client sessions of a test: some hold locks, some run a blocking statement in a thread."""

    def __init__(self, dsn: str, pool: ThreadPoolExecutor) -> None:
        self.dsn = dsn
        self.pool = pool
        self.conns: list[Conn] = []
        self.running: list[Future[Any]] = []

    def open(self, application_name: str = "test-client") -> Conn:
        conn = psycopg.connect(self.dsn, autocommit=True, application_name=application_name)
        self.conns.append(conn)
        return conn

    def hold(self, *statements: str, application_name: str = "test-holder") -> Conn:
        """A session that opens a transaction, runs `statements` and stays idle in it."""
        conn = self.open(application_name)
        conn.execute("BEGIN")
        for statement in statements:
            conn.execute(statement.encode())
        return conn

    def start(self, statement: str, application_name: str = "test-waiter") -> int:
        """Run `statement` in a thread on a new session; returns the session's pid."""
        conn = self.open(application_name)
        self.running.append(self.pool.submit(conn.execute, statement.encode()))
        return conn.info.backend_pid

    def finish(self) -> None:
        """End the holders' transactions, let the waiters finish, close everything."""
        for conn in self.conns:
            if conn.info.transaction_status == psycopg.pq.TransactionStatus.INTRANS:
                conn.execute("ROLLBACK")
        for future in self.running:
            future.result(timeout=30)
        for conn in self.conns:
            conn.close()


@pytest.fixture
def sessions(db: TestDatabase) -> Iterator[Sessions]:
    with ThreadPoolExecutor(max_workers=4) as pool:
        opened = Sessions(db.dsn, pool)
        try:
            yield opened
        finally:
            opened.finish()


@pytest.fixture
def monitor(db: TestDatabase) -> Iterator[Monitor]:
    with Monitor(db.dsn, long_transaction_s=0.0) as m:
        yield m


def node(snapshot: Snapshot, pid: int) -> LockWait | None:
    for root in snapshot.lock_tree:
        for _, n in root.walk():
            if n.pid == pid:
                return n
    return None


def chain(snapshot: Snapshot, *pids: int) -> bool:
    """The tree has `pids[0]` as a root with `pids[1]` below it, `pids[2]` below that, ..."""
    roots = [r for r in snapshot.lock_tree if r.pid == pids[0]]
    if not roots:
        return False
    current = roots[0]
    for pid in pids[1:]:
        below = [c for c in current.children if c.pid == pid]
        if not below:
            return False
        current = below[0]
    return True


def test_lock_tree_holder_waiter_waiter(db: TestDatabase, sessions: Sessions, monitor: Monitor) -> None:
    """A holder of ACCESS EXCLUSIVE, a reader waiting on it, our DDL queued behind the reader."""
    db.execute("CREATE TABLE t (id int)")
    holder = sessions.hold("LOCK TABLE t IN ACCESS EXCLUSIVE MODE").info.backend_pid
    reader = sessions.start("SELECT count(*) FROM t")
    poll(monitor, lambda s: chain(s, holder, reader))
    ddl = sessions.start("ALTER TABLE t ADD COLUMN c int", application_name="migwiz test ddl")
    snapshot = poll(monitor, lambda s: chain(s, holder, reader, ddl))

    root = snapshot.lock_tree[0]
    assert (root.pid, root.mode, root.wait_s, root.state) == (holder, None, None, "idle in transaction")
    assert root.application_name == "test-holder"
    assert root.query == "LOCK TABLE t IN ACCESS EXCLUSIVE MODE"
    assert root.xact_age_s is not None
    assert root.xact_age_s >= 0
    waiting = root.children[0]
    assert (waiting.mode, waiting.locktype, waiting.relation) == ("AccessShareLock", "relation", "public.t")
    assert waiting.query == "SELECT count(*) FROM t"
    assert waiting.wait_s is not None
    assert 0 <= waiting.wait_s < 60
    assert waiting.blocked_by == (holder,)
    ours = waiting.children[0]
    assert (ours.mode, ours.relation, ours.ours) == ("AccessExclusiveLock", "public.t", True)
    assert set(ours.blocked_by) == {holder, reader}
    assert root.queued == 2
    assert snapshot.waiting == 2
    assert [s.pid for s in snapshot.ours] == [ddl]
    assert snapshot.ours[0].wait_event == "Lock:relation"
    assert snapshot.notices == ()
    console = Console(record=True, width=80, file=io.StringIO())
    console.print(render_snapshot(snapshot))
    lines = console.export_text().splitlines()
    assert lines[1] == "Lock waits: 2 waiting"
    assert f"└── {holder} test-holder idle in transaction · 2 behind" in lines
    ours_line = next(line for line in lines if f"» {ddl} migwiz test ddl waits " in line)
    assert "AccessExclusiveLock" in ours_line


def test_lock_tree_reader_blocks_our_ddl(db: TestDatabase, sessions: Sessions, monitor: Monitor) -> None:
    """The migration case: an idle-in-transaction reader, our DDL waiting, readers queued behind our DDL."""
    db.execute("CREATE TABLE accounts (id int)")
    reader = sessions.hold("SELECT count(*) FROM accounts").info.backend_pid
    ddl = sessions.start("ALTER TABLE accounts ADD COLUMN note text", application_name="migwiz exec")
    poll(monitor, lambda s: chain(s, reader, ddl))
    queued = sessions.start("SELECT count(*) FROM accounts")
    snapshot = poll(monitor, lambda s: chain(s, reader, ddl, queued))

    ours = snapshot.lock_tree[0].children[0]
    assert (ours.mode, ours.relation, ours.ours) == ("AccessExclusiveLock", "public.accounts", True)
    assert ours.children[0].blocked_by == (ddl,)  # the queued reader waits for our DDL, not the reader
    assert ours.children[0].mode == "AccessShareLock"
    long_tx = {s.pid: s for s in snapshot.long_transactions}
    assert long_tx[reader].idle_in_transaction
    assert not long_tx[ddl].idle_in_transaction


PAUSABLE = """
    CREATE TABLE big AS SELECT g FROM generate_series(1, 200000) AS g;
    CREATE FUNCTION pause_at(v int) RETURNS int LANGUAGE plpgsql IMMUTABLE AS $$
    BEGIN
        IF v = 100000 THEN
            PERFORM pg_advisory_lock_shared(4242);
            PERFORM pg_advisory_unlock_shared(4242);
        END IF;
        RETURN v;
    END $$;
"""


def sample_while_paused(db: TestDatabase, sessions: Sessions, statement: str) -> tuple[Snapshot, int]:
    """Run `statement` in a thread while a gate session holds advisory lock 4242, so that evaluating
    pause_at(100000) stops it half way; sample from another thread until the monitor shows it paused
    with progress; then open the gate. Returns that snapshot and the statement's pid."""
    gate = sessions.open("test-gate")
    gate.execute("SELECT pg_advisory_lock(4242)")
    worker = sessions.open("migwiz worker")
    pid = worker.info.backend_pid

    def paused(s: Snapshot) -> bool:
        return node(s, pid) is not None and any(p.pid == pid for p in s.progress)

    with Monitor(db.dsn) as monitor, ThreadPoolExecutor(max_workers=2) as pool:
        running = pool.submit(worker.execute, statement.encode())
        try:
            snapshot = pool.submit(poll, monitor, paused).result(timeout=30)
        finally:
            gate.execute("SELECT pg_advisory_unlock(4242)")
        running.result(timeout=30)
        after = poll(monitor, lambda s: not any(p.pid == pid for p in s.progress))
    assert after.progress == ()
    waiting = node(snapshot, pid)  # paused: it waits for the gate's advisory lock
    assert waiting is not None
    assert (waiting.mode, waiting.locktype) == ("ShareLock", "advisory")
    assert chain(snapshot, gate.info.backend_pid, pid)
    return snapshot, pid


def test_create_index_progress_sampled_from_a_thread(db: TestDatabase, sessions: Sessions) -> None:
    """A real CREATE INDEX on 200k rows, paused half way through its table scan."""
    db.execute(PAUSABLE)
    snapshot, pid = sample_while_paused(db, sessions, "CREATE INDEX big_paused ON big (pause_at(g))")
    progress = next(p for p in snapshot.progress if p.pid == pid)
    assert progress.operation == "CREATE INDEX"
    assert progress.phase == "building index: scanning table"
    assert progress.relation == "public.big"
    assert progress.index is None  # its catalog row is not committed before the build ends
    assert progress.unit == "blocks"
    assert progress.total is not None
    assert progress.done is not None
    assert 0 < progress.done < progress.total
    assert progress.percent is not None
    assert 10 < progress.percent < 90
    assert progress.ours
    assert progress.elapsed_s is not None
    assert progress.elapsed_s >= 0


def test_vacuum_full_progress(db: TestDatabase, sessions: Sessions) -> None:
    """VACUUM FULL rewrites the table, then rebuilds the expression index: paused in the rebuild."""
    db.execute(PAUSABLE + "CREATE INDEX big_paused ON big (pause_at(g));")
    snapshot, pid = sample_while_paused(db, sessions, "VACUUM FULL big")
    progress = next(p for p in snapshot.progress if p.pid == pid)
    assert (progress.operation, progress.phase, progress.relation) == (
        "VACUUM FULL",
        "rebuilding index",
        "public.big",
    )
    assert (progress.unit, progress.done, progress.total, progress.percent) == ("tuples", 200000, None, None)


def test_create_index_concurrently_names_the_session_it_waits_for(
    db: TestDatabase, sessions: Sessions
) -> None:
    db.execute("CREATE TABLE w (id int)")
    writer = sessions.hold("INSERT INTO w VALUES (1)").info.backend_pid
    builder = sessions.start("CREATE INDEX CONCURRENTLY w_id ON w (id)", application_name="migwiz build")
    with Monitor(db.dsn) as monitor:
        snapshot = poll(monitor, lambda s: any(p.pid == builder and p.waiting_for for p in s.progress))
    progress = next(p for p in snapshot.progress if p.pid == builder)
    assert progress.operation == "CREATE INDEX CONCURRENTLY"
    assert progress.phase == "waiting for writers before build"
    assert (progress.waiting_for, progress.unit, progress.relation) == (writer, "lockers", "public.w")


def test_our_ddl_cannot_freeze_the_monitor(db: TestDatabase, sessions: Sessions) -> None:
    """Our DDL holds ACCESS EXCLUSIVE on a user table the lock query names: the sample is unaffected."""
    db.execute("CREATE TABLE busy (id int)")
    with Monitor(db.dsn, statement_timeout_ms=400) as monitor:
        ddl = sessions.hold("ALTER TABLE busy ADD COLUMN c int", application_name="migwiz exec")
        waiter = sessions.start("SELECT * FROM busy")
        snapshot = poll(monitor, lambda s: chain(s, ddl.info.backend_pid, waiter))
        snapshot = monitor.sample()
        assert snapshot.notices == ()  # no query waited out its 400 ms timeout behind our DDL
        assert snapshot.lock_tree[0].children[0].relation == "public.busy"


def test_a_locked_catalog_costs_one_timeout_not_a_hang(db: TestDatabase, sessions: Sessions) -> None:
    """Even pg_class locked ACCESS EXCLUSIVE only skips the queries that read it, within the timeout."""
    with Monitor(db.dsn, statement_timeout_ms=400) as monitor:
        monitor.sample()
        blocker = sessions.hold("LOCK TABLE pg_catalog.pg_class IN ACCESS EXCLUSIVE MODE")
        started = time.perf_counter()
        snapshot = monitor.sample()
        elapsed = time.perf_counter() - started
        blocker.execute("ROLLBACK")
        assert elapsed < 2 * 0.4 + 5  # one timeout per skipped query, not a hang (room for a loaded machine)
        assert snapshot.notices, "the queries reading pg_class must have timed out"
        assert all("skipped this time" in n and "lock timeout" in n for n in snapshot.notices)
        assert snapshot.disabled == ()  # a timeout switches nothing off
        assert monitor.sample().notices == ()


@contextmanager
def restricted_role(db: TestDatabase) -> Iterator[str]:
    """A login role with no privilege beyond PUBLIC's; yields its DSN."""
    role = f"monitor_{uuid.uuid4().hex[:8]}"
    db.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(role)).as_string())
    try:
        yield db.server.dsn(db.name, user=role)
    finally:
        db.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)).as_string())


def test_missing_privilege_switches_a_feature_off_once(db: TestDatabase, sessions: Sessions) -> None:
    """pg_blocking_pids revoked from PUBLIC: the lock tree goes off with one notice and one server error."""
    db.execute("REVOKE EXECUTE ON FUNCTION pg_catalog.pg_blocking_pids(integer) FROM PUBLIC")
    sessions.hold("SELECT 1", application_name="migwiz exec")  # another role's session: partly hidden
    marker = "permission denied for function pg_blocking_pids"
    log_before = db.server.log_text().count(marker)
    with restricted_role(db) as dsn, Monitor(dsn) as monitor:
        first, second, third = monitor.sample(), monitor.sample(), monitor.sample()
    assert [n for n in first.notices if n.startswith("lock tree off")] == [
        f"lock tree off: {marker} (grant it, or pg_monitor, to the monitor's role)"
    ]
    assert any("partly hidden" in n for n in first.notices)
    assert second.notices == third.notices == ()
    assert first.disabled == second.disabled == third.disabled == ("locks",)
    assert third.ours
    assert third.ours[0].query == "<insufficient privilege>"
    assert db.server.log_text().count(marker) == log_before + 1


@contextmanager
def wal_receiver(db: TestDatabase, folder: Path) -> Iterator[None]:
    """pg_receivewal streaming from the server of `db` into `folder` (a WAL sender named pg_receivewal)."""
    log = (folder / "receiver.log").open("wb")
    receiver = subprocess.Popen(
        [db.server.binaries.tool("pg_receivewal"), "-D", folder, "--no-sync", "--no-password",
         "-h", "127.0.0.1", "-p", str(db.server.port), "-U", "postgres"],
        stdout=log, stderr=log,
    )  # fmt: skip
    try:
        yield
    finally:
        receiver.terminate()
        receiver.wait(timeout=10)
        log.close()


def streaming_receiver(s: Snapshot) -> bool:
    return any(r.application_name == "pg_receivewal" and r.state == "streaming" for r in s.replication)


def test_replication_lag_and_what_an_unprivileged_role_sees(
    db: TestDatabase, monitor: Monitor, tmp_path: Path
) -> None:
    with wal_receiver(db, tmp_path):
        snapshot = poll(monitor, streaming_receiver)
        assert all(r.application_name for r in snapshot.replication)
        replica = next(r for r in snapshot.replication if r.application_name == "pg_receivewal")
        assert (replica.client_addr, replica.sync_state) == ("127.0.0.1", "async")
        assert replica.replay_lag_bytes is None  # pg_receivewal stores WAL, it replays nothing
        with restricted_role(db) as dsn, Monitor(dsn) as limited:
            hidden = limited.sample()
        assert [r.state for r in hidden.replication if r.pid == replica.pid] == [None]
        assert hidden.notices == (
            "replication details are hidden from this role: grant pg_read_all_stats or pg_monitor",
        )
        assert hidden.disabled == ()


def test_a_sender_newer_than_the_activity_snapshot_waits_for_the_next_sample(
    db: TestDatabase, tmp_path: Path
) -> None:
    """A sample reads the activity snapshot first and the WAL senders live, later in the same transaction.
    A sender that started in between is left out of that sample, never shown without its name."""
    query = query_for("replication", db.server.major * 10000)
    assert query is not None
    with db.connect() as conn, db.connect() as watcher:
        conn.execute("BEGIN")
        conn.execute("SELECT count(*) FROM pg_catalog.pg_stat_get_activity(NULL)")  # takes the snapshot
        with wal_receiver(db, tmp_path):
            deadline = time.monotonic() + 15
            while not watcher.execute(
                "SELECT 1 FROM pg_catalog.pg_stat_replication"
                " WHERE application_name = 'pg_receivewal' AND state = 'streaming'"
            ).fetchall():
                assert time.monotonic() < deadline, "pg_receivewal did not start streaming"
                time.sleep(0.02)
            in_that_sample = conn.execute(query).fetchall()
            conn.execute("COMMIT")
            in_the_next = conn.execute(query).fetchall()
    assert in_that_sample == []
    assert [(r[1], r[2], r[3]) for r in in_the_next] == [("pg_receivewal", "127.0.0.1", "streaming")]


def test_reconnects_once_then_reports_the_server_gone(db: TestDatabase) -> None:
    admin = db.server.dsn()
    with Monitor(db.dsn) as monitor:
        first = monitor.backend_pid
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute("SELECT pg_terminate_backend(%s)", (first,))
        assert monitor.sample().lock_tree == ()
        assert monitor.backend_pid != first
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS false").format(sql.Identifier(db.name)))
            conn.execute("SELECT pg_terminate_backend(%s)", (monitor.backend_pid,))
        with pytest.raises(MonitorUnavailable, match="monitor cannot connect") as failure:
            monitor.sample()
        assert isinstance(failure.value, ConnectionFailed)


def test_no_server_is_a_connection_failure() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # free, and nobody listens on it once closed
    with pytest.raises(ConnectionFailed, match="monitor cannot connect"):
        Monitor(f"host=127.0.0.1 port={port} dbname=x connect_timeout=2")


@pytest.mark.parametrize("band", [110000, 120000, 130000, 140000, 170000])
def test_older_band_queries_run_here(db: TestDatabase, band: int) -> None:
    """The SQL written for older servers only uses what newer ones still have: run it here to check it.
    (The servers of this suite are 15, 16 and 18; 11 to 14 themselves are not tested.)"""
    params = {"ours": [], "prefix": "migwiz", "monitor": "migwiz-monitor", "long_s": 5.0}
    with db.connect() as conn:
        if band > conn.info.server_version:
            pytest.skip("written for a newer server")
        for feature in ("locks", "sessions", "progress", "replication"):
            query = query_for(feature, band)
            assert query is not None
            conn.execute(query, params if feature == "sessions" else None).fetchall()
