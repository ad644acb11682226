"""A stop asked for while the run only waits for a lock ends the wait at once (a lost terminal must not keep
migwiz alive for minutes behind someone's long transaction): the guard waiting outside the lock queue, and
the backoff between two attempts. Nothing of the waiting migration is left half done, and the holder's
transaction is still open when the run has ended (the stop did not wait for it)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pytest

from migwiz.engine.log.eventlog import EventLog, MemorySink
from migwiz.engine.run.control import RunControl
from migwiz.engine.run.executor import RetryPolicy
from migwiz.engine.run.guard import GuardPolicy
from migwiz.engine.run.runner import ExecutionPolicy, Runner, RunReport
from migwiz.engine.sets import load_migration_set
from tests.conftest import TestDatabase
from tests.helpers import write_migrations

pytestmark = pytest.mark.timeout(60)

STOP_BOUND_S = 3.0
"""How long a run that waits for a lock may take to end once asked to stop (it checks every 50 ms)."""


@contextmanager
def table_held(db: TestDatabase) -> Iterator[psycopg.Connection[Any]]:
    """A transaction reading `t` (ACCESS SHARE on it) until the block ends: a long holder for the guard."""
    holder = psycopg.connect(db.dsn)
    holder.execute("SELECT count(*) FROM t")
    try:
        yield holder
    finally:
        holder.rollback()
        holder.close()


def wait_for(condition: Callable[[], object], what: str, limit_s: float = 20.0) -> None:
    deadline = time.monotonic() + limit_s
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def start(runner: Runner) -> tuple[threading.Thread, list[RunReport]]:
    reports: list[RunReport] = []
    thread = threading.Thread(target=lambda: reports.append(runner.up()), daemon=True)
    thread.start()
    return thread, reports


def setup(db: TestDatabase, tmp_path: Path, second: str, **policy: Any) -> tuple[Runner, MemorySink, Path]:
    folder = write_migrations(
        tmp_path / "m",
        {"1_t.up.sql": "CREATE TABLE t (id int);\n", "1_t.down.sql": "DROP TABLE t;\n",
         "2_change.up.sql": second, "2_change.down.sql": "SELECT 1;\n"},
    )  # fmt: skip
    first = Runner(db.dsn, load_migration_set(folder), log=EventLog(sinks=[MemorySink()]))
    try:
        first.up(load_migration_set(folder).migrations[0].version)
    finally:
        first.close()
    sink = MemorySink()
    runner = Runner(
        db.dsn, load_migration_set(folder), log=EventLog(sinks=[sink]), policy=ExecutionPolicy(**policy),
        control=RunControl(),
    )  # fmt: skip
    return runner, sink, folder


def said(sink: MemorySink, words: str) -> bool:
    return any(words in e.message for e in sink.events)


def test_a_stop_ends_the_wait_outside_the_queue(client_db: TestDatabase, tmp_path: Path) -> None:
    """A transactional migration waiting outside the lock queue: asked to stop, it stops within a bound,
    pending, its transaction rolled back, while the holder still holds its lock."""
    runner, sink, _ = setup(
        client_db, tmp_path, "CREATE TABLE u (id int);\nALTER TABLE t ADD COLUMN c int;\n"
    )
    control = runner.control
    assert control is not None
    try:
        with table_held(client_db) as holder:
            thread, reports = start(runner)
            wait_for(lambda: said(sink, "waiting outside the lock queue"), "the guard to wait")
            asked = time.monotonic()
            control.request_stop("the terminal was lost (SIGHUP)")
            thread.join(STOP_BOUND_S)
            took = time.monotonic() - asked
            assert not thread.is_alive(), f"the run still waits {STOP_BOUND_S} s after the stop"
            assert holder.info.transaction_status == psycopg.pq.TransactionStatus.INTRANS
        report = reports[0]
        assert report.outcomes == [] and report.stopped == "the terminal was lost (SIGHUP)", report
        assert [str(v) for v in report.not_run] == ["2"]
        assert {str(s.version): s.state for s in runner.statuses()} == {"1": "applied", "2": "pending"}
        assert client_db.execute("SELECT to_regclass('u') IS NULL") == [(True,)]
        assert said(sink, "stopped at a safe point in 2_change while it waited for a lock; its transaction"
                    " was rolled back: nothing of it took effect: the terminal was lost (SIGHUP)"), [
            e.message for e in sink.events
        ]  # fmt: skip
        assert took < STOP_BOUND_S
    finally:
        runner.close()


def test_a_stop_ends_the_backoff_and_a_no_transaction_migration_resumes(
    client_db: TestDatabase, tmp_path: Path
) -> None:
    """Without the guard's wait, statement 2 of a no-transaction migration meets lock_timeout and backs off
    before its retry: a stop then ends the backoff; the migration is left after statement 1 (not running),
    and the next `up` resumes it at statement 2."""
    second = "-- migwiz:no-transaction\nCREATE TABLE u (id int);\nALTER TABLE t ADD COLUMN c int;\n"
    runner, sink, folder = setup(
        client_db, tmp_path, second, lock_timeout_ms=50,
        guard=GuardPolicy(wait_for_holders=False),
        retry=RetryPolicy(lock_retries=50, max_total_ms=60_000, backoff_base_ms=2_000, backoff_max_ms=2_000),
    )  # fmt: skip
    control = runner.control
    assert control is not None
    try:
        with table_held(client_db):
            thread, reports = start(runner)
            wait_for(lambda: said(sink, "retry 1 in"), "the first retry's backoff")
            asked = time.monotonic()
            control.request_stop("the terminal was lost (SIGHUP)")
            thread.join(STOP_BOUND_S)
            assert not thread.is_alive(), f"the run still backs off {STOP_BOUND_S} s after the stop"
            assert time.monotonic() - asked < STOP_BOUND_S
        report = reports[0]
        assert report.stopped == "the terminal was lost (SIGHUP)" and report.outcomes == []
        assert said(sink, "2_change after 1 of 2 statements; `migwiz up` resumes it at statement 2")
        running = client_db.execute(
            "SELECT statement_running, statements_done FROM migwiz.history WHERE version = '2'"
        )
        assert running == [(None, 1)], running
        assert client_db.execute("SELECT to_regclass('u') IS NOT NULL") == [(True,)]
    finally:
        runner.close()
    again = Runner(client_db.dsn, load_migration_set(folder), log=EventLog(sinks=[MemorySink()]))
    try:
        assert [o.result for o in again.up().outcomes] == ["applied"]
        assert {str(s.version): s.state for s in again.statuses()} == {"1": "applied", "2": "applied"}
    finally:
        again.close()
