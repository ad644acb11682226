"""Statement execution policy on real servers: lock-timeout retries, deadlock retry, clean failures,
statement_timeout, and CREATE INDEX CONCURRENTLY leftovers. Locks are held by real sessions."""

from __future__ import annotations

import doctest
import io
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
import pytest

from migwiz.engine import humanize
from migwiz.engine.errors import StateMismatch
from migwiz.engine.log.eventlog import Event, EventLog, MemorySink
from migwiz.engine.run import current as progress
from migwiz.engine.run import executor, guard
from migwiz.engine.run.events import StatementStarted
from migwiz.engine.run.executor import RetryPolicy
from migwiz.engine.run.guard import GuardPolicy
from migwiz.engine.run.runner import ExecutionPolicy, Runner
from migwiz.engine.sets import load_migration_set
from tests.conftest import TestDatabase
from tests.helpers import write_migrations

FAST = RetryPolicy(lock_retries=3, max_total_ms=20_000, backoff_base_ms=20, backoff_max_ms=100)
QUEUE_ONLY = GuardPolicy(wait_for_holders=False)
"""No waiting outside the queue: the statement meets the holder's lock and lock_timeout."""


class TriggerSink(MemorySink):
    """Keeps events and calls `action` once, at the first event that `when` accepts."""

    def __init__(self, when: Callable[[Event], bool], action: Callable[[], None]) -> None:
        super().__init__()
        self.when = when
        self.action = action
        self.fired = False

    def write(self, event: Event) -> None:
        super().write(event)
        if not self.fired and self.when(event):
            self.fired = True
            self.action()


def runner_for(db: TestDatabase, folder: Path, sink: MemorySink, **policy: Any) -> Runner:
    return Runner(
        db.dsn, load_migration_set(folder), log=EventLog(sinks=[sink]), policy=ExecutionPolicy(**policy)
    )


def holder(db: TestDatabase, *statements: str, name: str = "long-reader") -> psycopg.Connection[Any]:
    conn = psycopg.connect(db.dsn, application_name=name)
    for statement in statements:
        conn.execute(statement.encode())
    return conn


def applied(db: TestDatabase) -> list[tuple[object, ...]]:
    return db.execute("SELECT version, success FROM migwiz.history ORDER BY version")


@pytest.mark.parametrize("module", [executor, guard, progress])
def test_doctests(module: Any) -> None:
    assert doctest.testmod(module).failed == 0


def test_lock_timeout_is_retried_and_the_whole_transaction_reruns(db: TestDatabase, tmp_path: Path) -> None:
    db.execute("CREATE TABLE t (id int)")
    folder = write_migrations(
        tmp_path / "m",
        {
            "1_a.up.sql": "-- migwiz:lock-timeout=100ms\nCREATE TABLE side (id int);\n"
            "ALTER TABLE t ADD COLUMN a int;\n",
            "1_a.down.sql": "DROP TABLE side;\nALTER TABLE t DROP COLUMN a;\n",
        },
    )
    reader = holder(db, "SELECT * FROM t")
    sink = TriggerSink(lambda e: e.step == "retry", reader.rollback)
    runner = runner_for(db, folder, sink, retry=FAST, guard=QUEUE_ONLY)
    try:
        report = runner.up()
    finally:
        runner.close()
        reader.close()
    assert report.ok, report.to_json()
    conflicts = [e for e in sink.events if e.step == "lock"]
    assert (
        conflicts and conflicts[0].data["kind"] == "lock_timeout" and conflicts[0].data["sqlstate"] == "55P03"
    )
    assert conflicts[0].data["holders"][0]["application_name"] == "long-reader"
    assert "long-reader" in conflicts[0].message
    # statement 1 ran in both attempts: the first attempt's CREATE TABLE was rolled back with it
    firsts = [e for e in sink.events if e.step == "statement" and e.data["index"] == 0]
    assert len(firsts) == 2
    assert db.execute("SELECT count(*) FROM pg_class WHERE relname = 'side'") == [(1,)]
    assert applied(db) == [("1", True)]


def test_exhausted_retries_fail_cleanly_naming_the_holder(db: TestDatabase, tmp_path: Path) -> None:
    db.execute("CREATE TABLE t (id int)")
    folder = write_migrations(
        tmp_path / "m",
        {
            "1_a.up.sql": "-- migwiz:lock-timeout=50ms\nALTER TABLE t ADD COLUMN a int;\n",
            "1_a.down.sql": "SELECT 1;",
        },
    )
    reader = holder(db, "SELECT count(*) FROM t /* report */")
    sink = MemorySink()
    runner = runner_for(
        db, folder, sink, retry=RetryPolicy(lock_retries=2, backoff_base_ms=10), guard=QUEUE_ONLY
    )
    try:
        report = runner.up()
        pid = reader.info.backend_pid
    finally:
        runner.close()
        reader.close()
    failure = report.outcomes[0].failure
    assert failure is not None and failure.sqlstate == "55P03"
    assert f"pid {pid} (long-reader" in failure.message
    assert "SELECT count(*) FROM t /* report */" in failure.message
    assert "3 attempt(s)" in failure.message
    assert [h.pid for h in failure.holders] == [pid]
    assert failure.holders[0].age_s is not None and failure.holders[0].state == "idle in transaction"
    assert [e.data["kind"] for e in sink.events if e.step == "lock"] == ["lock_timeout"] * 3
    assert [e.data["attempt"] for e in sink.events if e.step == "retry" and e.level == "info"] == [2, 3]
    assert applied(db) == []


def test_waiting_outside_the_queue_gives_up_after_the_total_time(db: TestDatabase, tmp_path: Path) -> None:
    db.execute("CREATE TABLE t (id int)")
    folder = write_migrations(
        tmp_path / "m", {"1_a.up.sql": "ALTER TABLE t ADD COLUMN a int;\n", "1_a.down.sql": "SELECT 1;"}
    )
    reader = holder(db, "SELECT * FROM t")
    sink = MemorySink()
    runner = runner_for(db, folder, sink, retry=RetryPolicy(max_total_ms=600))
    started = time.monotonic()
    try:
        report = runner.up()
        pid = reader.info.backend_pid
    finally:
        runner.close()
        reader.close()
    assert time.monotonic() - started < 5
    failure = report.outcomes[0].failure
    assert failure is not None and failure.sqlstate == "55P03"
    assert "a long transaction kept holding a conflicting lock" in failure.message
    assert f"pid {pid} (long-reader" in failure.message and "AccessShareLock on public.t" in failure.message
    assert not [e for e in sink.events if e.step == "statement"]  # never entered the lock queue
    assert any(e.step == "guard" and "waiting outside the lock queue" in e.message for e in sink.events)


def test_deadlock_is_retried_once(db: TestDatabase, tmp_path: Path) -> None:
    db.execute("CREATE TABLE a (id int); CREATE TABLE b (id int)")
    folder = write_migrations(
        tmp_path / "m",
        {
            "1_x.up.sql": "-- migwiz:lock-timeout=20s\nSET LOCAL deadlock_timeout = '50ms';\n"
            "LOCK TABLE a IN ACCESS EXCLUSIVE MODE;\nLOCK TABLE b IN ACCESS EXCLUSIVE MODE;\n",
            "1_x.down.sql": "SELECT 1;",
        },
    )
    other = holder(db, "SET deadlock_timeout = '5s'", "LOCK TABLE b IN ACCESS EXCLUSIVE MODE", name="other")
    other_pid = other.info.backend_pid
    done = threading.Event()

    def close_the_cycle() -> None:
        with psycopg.connect(db.dsn, autocommit=True) as watcher:
            deadline = time.monotonic() + 30  # wait until our executor queues for b (never go on without)
            while not watcher.execute(
                "SELECT 1 FROM pg_stat_activity WHERE %s = ANY(pg_blocking_pids(pid))", (other_pid,)
            ).fetchall():
                if time.monotonic() > deadline:
                    other.rollback()  # let the executor go: the test fails on `done` below
                    return
                time.sleep(0.01)
        other.execute("LOCK TABLE a IN ACCESS EXCLUSIVE MODE")  # waits for us: a deadlock
        other.commit()
        done.set()

    thread = threading.Thread(target=close_the_cycle)
    thread.start()
    sink = MemorySink()
    runner = runner_for(db, folder, sink, retry=FAST, guard=GuardPolicy(enabled=False))
    try:
        report = runner.up()
    finally:
        thread.join(30)
        runner.close()
        other.close()
    assert done.is_set()
    assert report.ok, report.to_json()
    assert [e.data["kind"] for e in sink.events if e.step == "lock"] == ["deadlock"]
    assert applied(db) == [("1", True)]


def test_statement_timeout_is_not_retried(db: TestDatabase, tmp_path: Path) -> None:
    folder = write_migrations(
        tmp_path / "m",
        {
            "1_a.up.sql": "-- migwiz:statement-timeout=100ms\nSELECT pg_sleep(5);\n",
            "1_a.down.sql": "SELECT 1;",
        },
    )
    sink = MemorySink()
    runner = runner_for(db, folder, sink, retry=FAST)
    try:
        report = runner.up()
    finally:
        runner.close()
    failure = report.outcomes[0].failure
    assert failure is not None and failure.sqlstate == "57014" and "statement timeout" in failure.message
    assert not [e for e in sink.events if e.step in ("lock", "retry")]


def invalid_indexes(db: TestDatabase) -> list[object]:
    return [r[0] for r in db.execute("SELECT indexrelid::regclass::text FROM pg_index WHERE NOT indisvalid")]


def test_failed_concurrent_index_is_dropped_and_not_recorded(db: TestDatabase, tmp_path: Path) -> None:
    db.execute("CREATE TABLE t (id int, email text); INSERT INTO t VALUES (1, 'a'), (2, 'a')")
    folder = write_migrations(
        tmp_path / "m",
        {
            "1_u.up.sql": "-- migwiz:no-transaction\n"
            "CREATE UNIQUE INDEX CONCURRENTLY t_email ON t (email);\n",
            "1_u.down.sql": "DROP INDEX t_email;",
        },
    )
    sink = MemorySink()
    runner = runner_for(db, folder, sink)
    try:
        report = runner.up()
        status = runner.statuses()[0]
    finally:
        runner.close()
    failure = report.outcomes[0].failure
    assert failure is not None and failure.sqlstate == "23505"
    assert invalid_indexes(db) == []
    assert db.execute("SELECT count(*) FROM pg_class WHERE relname = 't_email'") == [(0,)]
    assert status.state == "failed" and status.detail == "up: 0 of 1 statements ran"
    assert any(
        e.step == "index" and "dropped the invalid index public.t_email" in e.message for e in sink.events
    )


def test_concurrent_index_cancelled_by_lock_timeout_is_cleaned_and_retried(
    db: TestDatabase, tmp_path: Path
) -> None:
    db.execute("CREATE TABLE t (id int); INSERT INTO t SELECT generate_series(1, 100)")
    folder = write_migrations(
        tmp_path / "m",
        {
            "1_i.up.sql": "-- migwiz:no-transaction\n-- migwiz:lock-timeout=200ms\n"
            "CREATE INDEX CONCURRENTLY t_id ON t (id);\n",
            "1_i.down.sql": "DROP INDEX t_id;",
        },
    )
    writer = holder(db, "INSERT INTO t VALUES (0)", name="open-writer")  # CIC waits for this transaction
    seen: list[list[object]] = []

    def release() -> None:
        seen.append(invalid_indexes(db))
        writer.rollback()

    sink = TriggerSink(lambda e: e.step == "retry" and e.level == "info", release)
    runner = runner_for(db, folder, sink, retry=FAST, guard=QUEUE_ONLY)
    try:
        report = runner.up()
    finally:
        runner.close()
        writer.close()
    assert report.ok, report.to_json()
    assert seen == [["t_id"]]  # the cancelled build left an INVALID index...
    assert any(
        e.step == "index" and "dropped the invalid index public.t_id" in e.message for e in sink.events
    )
    assert db.execute("SELECT indisvalid FROM pg_index WHERE indexrelid = 't_id'::regclass") == [(True,)]


def make_leftover_invalid_index(db: TestDatabase, name: str) -> None:
    """What a cut-off CREATE INDEX CONCURRENTLY leaves: an INVALID index (cancelled while it waits)."""
    writer = holder(db, "INSERT INTO t VALUES (0)", name="open-writer")
    with psycopg.connect(db.dsn, autocommit=True) as builder:
        builder.execute("SET lock_timeout = '100ms'")
        with pytest.raises(psycopg.errors.LockNotAvailable):
            builder.execute(f"CREATE INDEX CONCURRENTLY {name} ON t (id)".encode())
    writer.close()
    assert invalid_indexes(db) == [name]


def record_cut_off(db: TestDatabase, folder: Path) -> None:
    checksum = load_migration_set(folder).migrations[0].checksum
    db.execute(
        "INSERT INTO migwiz.history (version, name, checksum, success, statements_done, statement_running)"
        f" VALUES ('1', 'i', '{checksum}', false, 0, 0)"
    )


def test_cut_off_concurrent_index_resumes_by_itself(db: TestDatabase, tmp_path: Path) -> None:
    db.execute("CREATE TABLE t (id int)")
    files = {
        "1_i.up.sql": "-- migwiz:no-transaction\nCREATE INDEX CONCURRENTLY t_id ON t (id);\n",
        "1_i.down.sql": "DROP INDEX t_id;",
    }
    folder = write_migrations(tmp_path / "m", files)
    sink = MemorySink()
    runner = runner_for(db, folder, sink)
    runner.statuses()  # creates the migwiz schema
    make_leftover_invalid_index(db, "t_id")
    record_cut_off(db, folder)
    try:
        report = runner.up()
    finally:
        runner.close()
    assert report.ok, report.to_json()
    assert any(
        e.step == "resolve" and "not-ran from the state of its index" in e.message for e in sink.events
    )
    assert invalid_indexes(db) == []
    assert applied(db) == [("1", True)]


def test_never_recorded_as_applied_with_an_invalid_index(db: TestDatabase, tmp_path: Path) -> None:
    db.execute("CREATE TABLE t (id int)")
    files = {
        "1_i.up.sql": "-- migwiz:no-transaction\nCREATE INDEX CONCURRENTLY t_id ON t (id);\n",
        "1_i.down.sql": "DROP INDEX t_id;",
    }
    folder = write_migrations(tmp_path / "m", files)
    sink = MemorySink()
    runner = runner_for(db, folder, sink, resolve="ran")  # the operator says it ran: it did not finish
    runner.statuses()
    make_leftover_invalid_index(db, "t_id")
    record_cut_off(db, folder)
    try:
        with pytest.raises(StateMismatch, match=r"statement 1 did not complete: .* is INVALID \(t_id\)"):
            runner.up()  # the operator's word against the catalog's: refused before anything runs
    finally:
        runner.close()
    assert applied(db) == [("1", False)]


def test_current_statement_and_watch_view(db: TestDatabase, tmp_path: Path) -> None:
    """`RunSession.current` names the statement being executed (read from another thread, kept from the
    event stream) and `up --watch`'s live view runs the migrations to the end around it."""
    from rich.console import Console

    from migwiz.console.dryrun import watch_session
    from migwiz.engine import commands

    folder = write_migrations(
        tmp_path / "m",
        {
            "1_a.up.sql": "CREATE TABLE a (id int);\nSELECT pg_sleep(0.6);\n",
            "1_a.down.sql": "DROP TABLE a;\n",
        },
    )
    seen: list[progress.CurrentStatement] = []
    out = io.StringIO()
    session = commands.start_run(commands.Project.of(db.dsn, load_migration_set(folder)), direction="up")

    def look() -> None:
        for _ in range(500):
            current = session.current
            if current is not None and current.index == 1:
                seen.append(current)
                return
            time.sleep(0.01)

    threading.Thread(target=look, daemon=True).start()
    result = watch_session(Console(file=out, force_terminal=True, width=100), db.dsn, session)
    assert result.report.ok
    (current,) = seen
    assert current.line == 2 and current.total == 2 and current.backend_pid is not None
    assert current.path.endswith("1_a.up.sql") and "pg_sleep" in current.sql
    assert current.migration_number == 1 and current.migrations == 1
    assert "1_a: statement 2/2 (1_a.up.sql:2)" in out.getvalue()


def test_current_statement_carries_the_planned_estimate(db: TestDatabase, tmp_path: Path) -> None:
    """`up --watch` shows elapsed time against the plan's estimate for the statement."""
    from migwiz.engine import commands

    db.execute(
        "CREATE TABLE big (id int, v text);"
        " INSERT INTO big SELECT g, md5(g::text) FROM generate_series(1, 50000) g"
    )
    db.execute("ANALYZE big")
    folder = write_migrations(
        tmp_path / "m",
        {
            "1_idx.up.sql": "CREATE INDEX big_v ON big (v);\nSELECT pg_sleep(0.3);\n",
            "1_idx.down.sql": "DROP INDEX big_v;\n",
        },
    )
    mset = load_migration_set(folder)
    estimates = commands.plan(commands.Project.of(db.dsn, mset)).estimates_ms()
    assert estimates[("1", 1)] > 0  # an index build over 50,000 rows takes time
    seen: list[progress.CurrentStatement] = []
    runner = Runner(db.dsn, mset, log=EventLog())
    runner.estimates = estimates
    runner.events.on(lambda e: seen.append(e.statement) if isinstance(e, StatementStarted) else None)
    try:
        assert runner.up().ok
    finally:
        runner.close()
    built = next(c for c in seen if c.line == 1)
    assert built.estimate_ms == estimates[("1", 1)]
    assert f"of ~{humanize.duration(built.estimate_ms / 1000)}" in progress.describe_current(built)
