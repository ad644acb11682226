"""Running migrations under the wizard's control: safe points, a live lock_timeout and a current statement.

No Textual here. `execute` runs in a worker thread. It goes through `commands.migrate` (the migration lock,
the central log, the Runner) and applies or reverts one migration at a time, so between two migrations it
can stop cleanly: that is the safe point used by "abort after this migration" and by a lost terminal
(SIGHUP): the migration that is running finishes (or fails and rolls back), nothing after it starts.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from migwiz.engine import commands
from migwiz.engine.eventlog import Event, EventSink
from migwiz.engine.model import Migration, MigrationSet, Script, Statement, Version
from migwiz.engine.monitor import LockWait, Snapshot, one_line
from migwiz.engine.runner import ExecutionPolicy, Runner, RunReport

Direction = Literal["up", "down"]


@dataclass(frozen=True)
class CurrentStatement:
    """The statement the executor is about to run."""

    version: str
    label: str
    index: int  # 0-based
    total: int
    line: int
    sql: str  # one line
    migration_number: int  # 1-based position in this run
    migrations: int


class ExecutionControl:
    """Thread-safe controls the UI holds while `execute` runs in a worker thread."""

    def __init__(self, lock_timeout_ms: int) -> None:
        self._stop = threading.Event()
        self.done = threading.Event()
        self.stop_reason: str | None = None
        self.runner: Runner | None = None
        self.lock_timeout_ms = lock_timeout_ms
        self._lock = threading.Lock()
        self.started = threading.Event()

    @property
    def stop_requested(self) -> bool:
        """A stop at the next safe point was asked for."""
        return self._stop.is_set()

    def request_stop(self, reason: str) -> None:
        """Stop after the migration that is running (the safe point)."""
        with self._lock:
            if self.stop_reason is None:
                self.stop_reason = reason
        self._stop.set()

    def set_lock_timeout(self, ms: int) -> None:
        """lock_timeout for the migrations that start from now on."""
        self.lock_timeout_ms = ms

    @property
    def backend_pid(self) -> int | None:
        """The executor's server pid, once connected."""
        runner = self.runner
        return runner.backend_pid if runner is not None else None

    def our_pids(self) -> set[int]:
        """For the monitor: the executor's pid when known."""
        pid = self.backend_pid
        return {pid} if pid else set()

    def cancel_statement(self) -> bool:
        """Cancel the statement running now (it fails and its migration is rolled back as the runner
        records failures). False when nothing runs."""
        runner = self.runner
        conn = runner.conn if runner is not None else None
        if conn is None or conn.closed:
            return False
        conn.cancel_safe(timeout=5.0)
        return True

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the run to end; False on timeout."""
        return self.done.wait(timeout)


@dataclass(frozen=True)
class RunSummary:
    """What one wizard run did, for the summary screen and its Markdown export."""

    run_id: str | None
    direction: Direction
    report: RunReport
    started_at: datetime
    finished_at: datetime
    stopped: str | None = None  # why the run stopped at a safe point
    error: str | None = None  # a MigwizError / database error that ended the run
    hint: str | None = None
    longest_wait_caused_s: float = 0.0
    log_file: Path | None = None
    target: str = ""
    lock_timeout_ms: int = 0
    skipped: tuple[str, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        """Nothing failed."""
        return self.error is None and self.report.ok


class CallbackSink:
    """An event sink that hands every event to a callback (the wizard's log pane)."""

    def __init__(self, callback: Callable[[Event], object]) -> None:
        self._callback = callback

    def write(self, event: Event) -> None:
        """Pass the event on."""
        self._callback(event)

    def close(self) -> None:
        """Nothing to release."""


def execute(
    dsn: str,
    mset: MigrationSet,
    *,
    direction: Direction,
    target: Version | None,
    schema: str,
    policy: ExecutionPolicy,
    control: ExecutionControl,
    sinks: Sequence[EventSink] = (),
    log_file: Path | None = None,
    on_statement: Callable[[CurrentStatement], object] | None = None,
    on_run_id: Callable[[str], object] | None = None,
) -> RunSummary:
    """Apply (up to `target`) or revert (down to, not including, `target`) one migration at a time.

    Between migrations a requested stop is honoured and a changed lock_timeout takes effect. Errors are
    returned in the summary, not raised.
    """
    from migwiz.engine.errors import MigwizError

    started = datetime.now(UTC)
    holder: dict[str, RunReport] = {}
    skipped: list[str] = []

    def action(runner: Runner) -> RunReport:
        control.runner = runner
        if on_run_id is not None:
            on_run_id(runner.log.run_id)
        todo = runner.plan_up(target) if direction == "up" else runner.plan_down(target, None)
        report = RunReport(direction)
        holder["report"] = report
        count = len(todo)
        for number, status in enumerate(todo, start=1):
            if control.stop_requested:
                skipped.extend(str(s.version) for s in todo[number - 1 :])
                runner.log.warning(
                    "stop",
                    f"stopped at a safe point before {status.version}: {control.stop_reason}",
                    reason=control.stop_reason,
                    not_run=skipped,
                )
                break
            if control.lock_timeout_ms != runner.policy.lock_timeout_ms:
                runner.log.info(
                    "policy", f"lock_timeout changed to {control.lock_timeout_ms} ms by the operator"
                )
                runner.policy = replace(
                    runner.policy, lock_timeout_ms=control.lock_timeout_ms, lock_timeout_forced=True
                )
            runner.before_statement = _hook(on_statement, number, count)
            part = runner.up(status.version) if direction == "up" else runner.down(None, 1)
            report.outcomes.extend(part.outcomes)
            if not part.ok:
                break
        return report

    run_id: str | None = None
    error: str | None = None
    hint: str | None = None
    try:
        result = commands.migrate(
            dsn, mset, action, command=f"wizard {direction}", schema=schema, policy=policy,
            log_file=log_file, sinks=sinks,
        )  # fmt: skip
        run_id, report = result.run_id, result.report
    except MigwizError as exc:
        error, hint = exc.message, exc.hint
        report = holder.get("report", RunReport(direction))
    except Exception as exc:  # the database went away, a bug: shown, never raised into the UI
        error = one_line(str(exc)) or type(exc).__name__
        report = holder.get("report", RunReport(direction))
    finally:
        runner = control.runner
        if run_id is None and runner is not None:
            run_id = runner.log.run_id
        control.done.set()
    return RunSummary(
        run_id=run_id,
        direction=direction,
        report=report,
        started_at=started,
        finished_at=datetime.now(UTC),
        stopped=control.stop_reason if skipped else None,
        error=error,
        hint=hint,
        log_file=log_file,
        lock_timeout_ms=control.lock_timeout_ms,
        skipped=tuple(skipped),
    )


def _hook(
    on_statement: Callable[[CurrentStatement], object] | None, number: int, count: int
) -> Callable[[Migration, Script, int, Statement], None] | None:
    if on_statement is None:
        return None

    def hook(migration: Migration, script: Script, index: int, stmt: Statement) -> None:
        on_statement(
            CurrentStatement(
                str(migration.version), migration.label, index, len(script.statements), stmt.line,
                one_line(stmt.sql, 200), number, count,
            )
        )  # fmt: skip

    return hook


def longest_wait_caused(snapshot: Snapshot) -> float:
    """The longest time any session has been waiting behind one of our sessions in this snapshot."""
    longest = 0.0
    for root in snapshot.lock_tree:
        for _, node in root.walk():
            if node.ours:
                longest = max(longest, _deepest_wait(node))
    return longest


def _deepest_wait(node: LockWait) -> float:
    waits = [n.wait_s or 0.0 for _, n in node.walk() if n is not node]
    return max(waits, default=0.0)


class Rate:
    """Rate and ETA of a counter from successive samples (done, at)."""

    def __init__(self) -> None:
        self._first: tuple[float, float] | None = None
        self._last: tuple[float, float] | None = None

    def add(self, done: float, at: float | None = None) -> None:
        """Record a sample; a counter that went backwards starts over."""
        now = time.monotonic() if at is None else at
        if self._last is not None and done < self._last[0]:
            self._first = None
        if self._first is None:
            self._first = (done, now)
        self._last = (done, now)

    def per_second(self) -> float | None:
        """Units per second since the first sample (None until two samples apart in time)."""
        if self._first is None or self._last is None or self._last[1] <= self._first[1]:
            return None
        return (self._last[0] - self._first[0]) / (self._last[1] - self._first[1])

    def eta(self, total: float | None) -> float | None:
        """Seconds left at the current rate (None when unknown)."""
        rate = self.per_second()
        if rate is None or rate <= 0 or total is None or self._last is None:
            return None
        return max(0.0, (total - self._last[0]) / rate)
