"""Run control on real servers: a stop at a safe point, a lock_timeout changed mid-run, a statement
cancelled, signals, and the backfill progress callback.

A migration is held mid-run by a real lock: its statement waits on an advisory lock a background
connection holds (the guard does not know advisory locks, so the statement itself queues), and the test
polls pg_stat_activity until the executor's backend waits on it.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pytest

from migwiz.engine import commands
from migwiz.engine.backfill.progress import BackfillProgress
from migwiz.engine.log.eventlog import EventLog, MemorySink
from migwiz.engine.run.control import RunControl, install_signal_stop
from migwiz.engine.run.events import BackfillBatch
from migwiz.engine.run.executor import RetryPolicy
from migwiz.engine.run.runner import ExecutionPolicy, Runner, RunReport
from migwiz.engine.sets import load_migration_set
from tests.conftest import TestDatabase
from tests.helpers import wait_for, write_migrations

pytestmark = pytest.mark.timeout(90)

GATE = "SELECT pg_advisory_xact_lock(4242);\n"
WAIT = "-- migwiz:lock-timeout=60s\n"
"""Leading the scripts that wait on the gate: the statement waits in the server, never in a retry's
backoff (which a stop ends at once), however slow the machine."""


@contextmanager
def gate_closed(db: TestDatabase) -> Iterator[psycopg.Connection[Any]]:
    """Hold advisory lock 4242 (the gate) until the block ends, or until the test opens it earlier."""
    holder = psycopg.connect(db.dsn, autocommit=True)
    holder.execute("SELECT pg_advisory_lock(4242)")
    try:
        yield holder
    finally:
        holder.execute("SELECT pg_advisory_unlock_all()")
        holder.close()


def open_gate(holder: psycopg.Connection[Any]) -> None:
    holder.execute("SELECT pg_advisory_unlock_all()")


def waiting_on_lock(db: TestDatabase, control: RunControl) -> bool:
    pid = control.backend_pid
    if pid is None:
        return False
    rows = db.execute(f"SELECT wait_event_type FROM pg_stat_activity WHERE pid = {int(pid)}")
    return bool(rows) and rows[0][0] == "Lock"


class Background:
    """`runner.up()` (or any call) in a thread, its result or exception kept."""

    def __init__(self, call: Callable[[], RunReport]) -> None:
        self.result: RunReport | None = None
        self.error: BaseException | None = None

        def run() -> None:
            try:
                self.result = call()
            except BaseException as exc:  # re-raised in the test thread by join()
                self.error = exc

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()

    def join(self) -> RunReport:
        self.thread.join(60)
        assert not self.thread.is_alive(), "the run did not end"
        if self.error is not None:
            raise self.error
        assert self.result is not None
        return self.result


def runner_for(
    db: TestDatabase, folder: Path, control: RunControl, **policy: Any
) -> tuple[Runner, MemorySink]:
    sink = MemorySink()
    runner = Runner(
        db.dsn, load_migration_set(folder), log=EventLog(sinks=[sink]), policy=ExecutionPolicy(**policy),
        control=control,
    )  # fmt: skip
    return runner, sink


def messages(sink: MemorySink) -> list[str]:
    return [e.message for e in sink.events]


def states(runner: Runner) -> dict[str, str]:
    return {str(s.version): s.state for s in runner.statuses()}


THREE = {
    "1_one.up.sql": WAIT + GATE + "CREATE TABLE one (id int);\n",
    "1_one.down.sql": "DROP TABLE one;\n",
    "2_two.up.sql": "CREATE TABLE two (id int);\n",
    "2_two.down.sql": "DROP TABLE two;\n",
    "3_three.up.sql": "CREATE TABLE three (id int);\n",
    "3_three.down.sql": "DROP TABLE three;\n",
}


def test_stop_requested_during_a_migration_stops_after_it(db: TestDatabase, tmp_path: Path) -> None:
    """Through the public API: the running migration finishes, 2 and 3 stay pending, the log says why."""
    folder = write_migrations(tmp_path / "m", THREE)
    control = RunControl()
    sink = MemorySink()
    with gate_closed(db) as holder:
        run = Background(
            lambda: (
                commands.up(
                    commands.Project.of(db.dsn, load_migration_set(folder)), control=control, sinks=[sink]
                ).report
            )
        )
        wait_for(lambda: waiting_on_lock(db, control), "migration 1 to wait on the gate")
        control.request_stop("the operator asked to stop")
        assert not control.done.is_set()
        open_gate(holder)
        report = run.join()
    assert control.done.is_set()
    assert [(str(o.version), o.result) for o in report.outcomes] == [("1", "applied")]
    assert report.ok and report.stopped == "the operator asked to stop"
    assert [str(v) for v in report.not_run] == ["2", "3"]
    status = commands.status(commands.Project.of(db.dsn, load_migration_set(folder)))
    assert [s.state for s in status.statuses] == ["applied", "pending", "pending"]
    tables = {r[0] for r in db.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
    assert tables == {"one"}
    assert "stopped at a safe point before 2: the operator asked to stop" in messages(sink)
    assert report.to_json()["not_run"] == ["2", "3"]


def test_stop_after_the_statement_rolls_a_transactional_migration_back(
    db: TestDatabase, tmp_path: Path
) -> None:
    folder = write_migrations(tmp_path / "m", THREE)
    control = RunControl()
    runner, sink = runner_for(db, folder, control)
    try:
        with gate_closed(db) as holder:
            run = Background(runner.up)
            wait_for(lambda: waiting_on_lock(db, control), "migration 1 to wait on the gate")
            control.request_stop("stop now", after="statement")
            open_gate(holder)
            report = run.join()
        assert report.outcomes == [] and report.stopped == "stop now"
        assert [str(v) for v in report.not_run] == ["1", "2", "3"]
        assert states(runner) == {"1": "pending", "2": "pending", "3": "pending"}
        assert db.execute("SELECT to_regclass('one') IS NULL") == [(True,)]
        assert any(
            m.startswith(
                "stopped at a safe point in 1_one before statement 2; its transaction was rolled back"
            )
            for m in messages(sink)
        ), messages(sink)
    finally:
        runner.close()


def test_stop_after_the_statement_leaves_a_no_transaction_migration_resumable(
    db: TestDatabase, tmp_path: Path
) -> None:
    files = {
        "1_steps.up.sql": WAIT + "-- migwiz:no-transaction\nCREATE TABLE one (id int);\n" + GATE
        + "CREATE TABLE three (id int);\n",
        "1_steps.down.sql": "DROP TABLE three;\nDROP TABLE one;\n",
        "2_two.up.sql": "CREATE TABLE two (id int);\n",
        "2_two.down.sql": "DROP TABLE two;\n",
    }  # fmt: skip
    folder = write_migrations(tmp_path / "m", files)
    control = RunControl()
    runner, sink = runner_for(db, folder, control)
    try:
        with gate_closed(db) as holder:
            run = Background(runner.up)
            wait_for(lambda: waiting_on_lock(db, control), "statement 2 to wait on the gate")
            control.request_stop("stop now", after="statement")
            open_gate(holder)
            report = run.join()
        assert report.outcomes == [] and [str(v) for v in report.not_run] == ["2"]
        assert states(runner) == {"1": "failed", "2": "pending"}
        assert db.execute("SELECT statements_done, statement_running FROM migwiz.history") == [(2, None)]
        assert any(
            "after 2 of 3 statements; `migwiz up` resumes it at statement 3" in m for m in messages(sink)
        )
        runner.control = None
        assert runner.up().ok
        assert states(runner) == {"1": "applied", "2": "applied"}
    finally:
        runner.close()


@pytest.mark.parametrize("transaction", [True, False], ids=["transaction", "no-transaction"])
def test_lock_timeout_change_applies_to_later_statements(
    db: TestDatabase, tmp_path: Path, transaction: bool
) -> None:
    """Changed while statement 1 waits: statement 2 and the next migration see it, over the directive."""
    head = "-- migwiz:lock-timeout=25s\n" + ("" if transaction else "-- migwiz:no-transaction\n")
    files = {
        "1_seen.up.sql": head + GATE + "CREATE TABLE seen AS SELECT current_setting('lock_timeout') AS v;\n",
        "1_seen.down.sql": "DROP TABLE seen;\n",
        "2_again.up.sql": (
            "-- migwiz:lock-timeout=25s\nINSERT INTO seen SELECT current_setting('lock_timeout');\n"
        ),
        "2_again.down.sql": "DELETE FROM seen;\n",
    }
    folder = write_migrations(tmp_path / "m", files)
    control = RunControl()
    runner, sink = runner_for(db, folder, control)
    try:
        with gate_closed(db) as holder:
            run = Background(runner.up)
            wait_for(lambda: waiting_on_lock(db, control), "statement 1 to wait on the gate")
            control.set_lock_timeout(1234)
            open_gate(holder)
            report = run.join()
        assert report.ok, report.to_json()
        assert db.execute("SELECT v FROM seen") == [("1234ms",), ("1234ms",)]
        assert messages(sink).count("lock_timeout changed to 1.2 s by the operator") == 1
    finally:
        runner.close()


def test_changed_lock_timeout_ends_a_real_lock_wait(db: TestDatabase, tmp_path: Path) -> None:
    """Migration 2 waits for a lock another session keeps: with the operator's 300 ms, not its directive's
    25 s, it fails fast with a lock timeout."""
    files = {
        "1_first.up.sql": WAIT + GATE + "CREATE TABLE first (id int);\n",
        "1_first.down.sql": "DROP TABLE first;\n",
        "2_busy.up.sql": "-- migwiz:lock-timeout=25s\nSELECT pg_advisory_xact_lock(4343);\n",
        "2_busy.down.sql": "SELECT 1;\n",
    }
    folder = write_migrations(tmp_path / "m", files)
    control = RunControl()
    runner, _ = runner_for(db, folder, control, retry=RetryPolicy(lock_retries=0))
    keeper = psycopg.connect(db.dsn, autocommit=True)
    keeper.execute("SELECT pg_advisory_lock(4343)")
    try:
        with gate_closed(db) as holder:
            run = Background(runner.up)
            wait_for(lambda: waiting_on_lock(db, control), "migration 1 to wait on the gate")
            control.set_lock_timeout(300)
            started = time.monotonic()
            open_gate(holder)
            report = run.join()
        took = time.monotonic() - started
        assert [o.result for o in report.outcomes] == ["applied", "failed"]
        failure = report.outcomes[1].failure
        assert failure is not None and failure.sqlstate == "55P03", failure
        assert took < 10, took
    finally:
        keeper.close()
        runner.close()


def test_cancel_the_running_statement(db: TestDatabase, tmp_path: Path) -> None:
    """Cancel + stop after the statement: the waiting statement fails (57014), its migration rolls back,
    nothing after it runs."""
    folder = write_migrations(tmp_path / "m", THREE)
    control = RunControl()
    runner, _ = runner_for(db, folder, control)
    try:
        with gate_closed(db):
            run = Background(runner.up)
            wait_for(lambda: waiting_on_lock(db, control), "migration 1 to wait on the gate")
            control.request_stop("cancelled by the operator", after="statement")
            assert control.cancel_statement()
            report = run.join()
        assert [(str(o.version), o.result) for o in report.outcomes] == [("1", "failed")]
        failure = report.outcomes[0].failure
        assert failure is not None and failure.sqlstate == "57014"
        assert states(runner) == {"1": "pending", "2": "pending", "3": "pending"}
    finally:
        runner.close()


def test_backfill_batches_are_published_with_real_rows(db: TestDatabase, tmp_path: Path) -> None:
    db.execute(
        "CREATE TABLE items (id bigint PRIMARY KEY, note text);"
        " INSERT INTO items SELECT g, NULL FROM generate_series(1, 5000) g; ANALYZE items;"
    )
    files = {
        "1_fill.up.sql": "-- migwiz:backfill\nUPDATE items SET note = 'n' || id WHERE note IS NULL;\n",
        "1_fill.down.sql": "UPDATE items SET note = NULL;\n",
    }
    folder = write_migrations(tmp_path / "m", files)
    readings: list[BackfillProgress] = []
    runner, _ = runner_for(db, folder, RunControl())
    runner.events.on(
        lambda event: readings.append(event.progress) if isinstance(event, BackfillBatch) else None
    )
    try:
        assert runner.up().ok
    finally:
        runner.close()
    assert readings and readings[-1].state == "done"
    assert readings[-1].rows_updated == 5000 and readings[-1].table == "items"
    assert any(0 < r.rows_done < 5000 for r in readings) or len(readings) >= 2
    assert db.execute("SELECT count(*) FROM items WHERE note IS NULL") == [(0,)]


def test_signals_stop_at_a_safe_point() -> None:
    """SIGHUP and SIGTERM become stop requests (the process lives on); the old handlers come back."""
    before = signal.getsignal(signal.SIGHUP)
    control = RunControl()
    restore = install_signal_stop(control)
    try:
        os.kill(os.getpid(), signal.SIGHUP)
        wait_for(lambda: control.stop_requested, "the handler")
        assert control.stop_reason == "the terminal was lost (SIGHUP)" and control.stop_after == "migration"
        os.kill(os.getpid(), signal.SIGTERM)
        assert control.stop_reason == "the terminal was lost (SIGHUP)"  # the first reason is kept
    finally:
        restore()
    assert signal.getsignal(signal.SIGHUP) == before


def test_a_later_request_can_only_make_the_stop_sooner() -> None:
    control = RunControl()
    control.request_stop("a", after="statement")
    control.request_stop("b", after="migration")
    assert (control.stop_reason, control.stop_after) == ("a", "statement")
    with pytest.raises(ValueError, match="more than 0"):
        control.set_lock_timeout(0)


def test_a_paused_backfill_stops_at_once_and_resumes_from_its_checkpoint(
    db: TestDatabase, tmp_path: Path
) -> None:
    """A stop request ends a paused backfill (every batch committed its checkpoint); `up` resumes it."""
    db.execute(
        "CREATE TABLE items (id bigint PRIMARY KEY, note text, times int NOT NULL DEFAULT 0);"
        " INSERT INTO items (id) SELECT g FROM generate_series(1, 20000) g; ANALYZE items;"
    )
    files = {
        "1_fill.up.sql": "-- migwiz:backfill\n"
        "UPDATE items SET note = 'n' || id, times = times + 1 WHERE note IS NULL;\n",
        "1_fill.down.sql": "UPDATE items SET note = NULL;\n",
        "2_after.up.sql": "CREATE TABLE after_fill (id int);\n",
        "2_after.down.sql": "DROP TABLE after_fill;\n",
    }
    folder = write_migrations(tmp_path / "m", files)
    commands.control_backfill(
        commands.Project(db.dsn, commands.Settings(None)), "1", batch_size=500, max_rate=4000
    )
    readings: list[BackfillProgress] = []
    control = RunControl()
    runner, sink = runner_for(db, folder, control)
    runner.events.on(
        lambda event: readings.append(event.progress) if isinstance(event, BackfillBatch) else None
    )
    result: dict[str, RunReport] = {}
    thread = threading.Thread(target=lambda: result.update(report=runner.up()))
    thread.start()
    try:
        wait_for(lambda: any(r.rows_done > 0 for r in readings), "the backfill to move")
        commands.control_backfill(commands.Project(db.dsn, commands.Settings(None)), "1", paused=True)
        wait_for(lambda: readings[-1].state == "paused", "the pause")
        control.request_stop("operator quit the wizard")
        thread.join(timeout=10)
        assert not thread.is_alive(), "a paused backfill must not hold up a stop"
    finally:
        if thread.is_alive():
            commands.control_backfill(commands.Project(db.dsn, commands.Settings(None)), "1", paused=False)
            thread.join(timeout=30)
        runner.close()
    report = result["report"]
    assert report.stopped == "operator quit the wizard"
    assert [str(v) for v in report.not_run] == ["1", "2"]
    assert any(
        "rows of the backfill; `migwiz up` resumes it from its checkpoint" in m for m in messages(sink)
    )
    partly = db.execute("SELECT count(*) FROM items WHERE note IS NOT NULL")[0][0]
    assert 0 < int(partly) < 20000  # type: ignore[call-overload]
    commands.control_backfill(
        commands.Project(db.dsn, commands.Settings(None)), "1", paused=False, max_rate=1e9
    )
    again, _ = runner_for(db, folder, RunControl())
    try:
        assert again.up().ok
    finally:
        again.close()
    assert db.execute("SELECT min(times), max(times), count(*) FROM items") == [(1, 1, 20000)]


def test_status_tells_a_stopped_no_transaction_migration_from_a_failed_one(
    db: TestDatabase, tmp_path: Path
) -> None:
    """Both leave the same part-applied history row (2 of 3 statements); the central log says which
    happened, and `status` (the table, --json, the wizard's warnings) reads `stopped` or `failed`."""
    from migwiz.engine.history.state import ensure_state
    from migwiz.engine.history.status import attention
    from migwiz.engine.log.eventlog import DatabaseSink

    files = {
        "1_steps.up.sql": WAIT + "-- migwiz:no-transaction\nCREATE TABLE one (id int);\n" + GATE
        + "CREATE TABLE three (id int);\n",
        "1_steps.down.sql": "DROP TABLE three;\nDROP TABLE one;\n",
    }  # fmt: skip
    folder = write_migrations(tmp_path / "m", files)
    mset = load_migration_set(folder)
    with psycopg.connect(db.dsn, autocommit=True) as setup:
        ensure_state(setup)
    log_conn = psycopg.connect(db.dsn, autocommit=True)
    control = RunControl()
    runner = Runner(db.dsn, mset, log=EventLog(sinks=[DatabaseSink(log_conn, "migwiz")]), control=control)
    try:
        with gate_closed(db) as holder:
            run = Background(runner.up)
            wait_for(lambda: waiting_on_lock(db, control), "statement 2 to wait on the gate")
            control.request_stop("the operator asked to stop", after="statement")
            open_gate(holder)
            run.join()
    finally:
        runner.close()
    [stopped] = commands.status(commands.Project.of(db.dsn, mset)).statuses
    assert stopped.standing.state == "stopped" and stopped.standing.resumable
    assert stopped.standing.statement == 3
    assert "stopped at a safe point before statement 3 (the operator asked to stop)" in stopped.standing.text
    assert stopped.to_json()["state"] == "stopped"
    assert attention([stopped])[0].startswith("1 (steps) stopped at a safe point")

    db.execute("CREATE TABLE three (id int)")  # statement 3 now fails: the log's newest word is a failure
    runner = Runner(db.dsn, mset, log=EventLog(sinks=[DatabaseSink(log_conn, "migwiz")]))
    try:
        assert not runner.up().ok
    finally:
        runner.close()
        log_conn.close()
    [failed] = commands.status(commands.Project.of(db.dsn, mset)).statuses
    assert failed.standing.state == "failed" and failed.standing.statement == 3
    assert "up: 2 of 3 statements ran" in failed.standing.text and "stopped" not in failed.standing.text
