"""Running migrations for the wizard: the engine's run with the wizard's hooks. No Textual here.

`execute` runs in a worker thread. It goes through `commands.migrate` (the migration lock, the central log,
the Runner) with a `RunControl` (migwiz/engine/run/control.py) the screen holds: the Runner itself stops at a
safe point when asked ("abort after this migration", a lost terminal), applies a changed lock_timeout from
the next statement on, and reports backfill progress through a callback.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from migwiz.engine import commands
from migwiz.engine.commands import longest_wait_caused as longest_wait_caused
from migwiz.engine.errors import hint_line, one_line
from migwiz.engine.types import (
    BackfillProgress,
    Event,
    EventSink,
    ExecutionPolicy,
    Migration,
    MigrationSet,
    RunControl,
    Runner,
    RunReport,
    Script,
    Statement,
    Version,
)

Direction = Literal["up", "down"]


@dataclass(frozen=True)
class CurrentStatement:
    """The statement the executor is about to run, and where it is in the run."""

    version: str
    label: str
    index: int  # 0-based
    total: int
    line: int
    sql: str  # one line
    migration_number: int  # 1-based position in this run
    migrations: int


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
    control: RunControl,
    sinks: Sequence[EventSink] = (),
    log_file: Path | None = None,
    on_statement: Callable[[CurrentStatement], object] | None = None,
    on_backfill: Callable[[BackfillProgress], object] | None = None,
) -> RunSummary:
    """Apply (up to and including `target`) or revert (down to, not including, `target`) under `control`.

    Errors are returned in the summary, not raised; `control` is marked finished whatever happens.
    """
    started = datetime.now(UTC)
    holder: dict[str, Runner] = {}

    def backfill_progress(reading: BackfillProgress) -> None:
        if on_backfill is not None:
            on_backfill(reading)

    def action(runner: Runner) -> RunReport:
        holder["runner"] = runner
        if direction == "up":  # as `migwiz up`: another tool's history, not adopted, would be applied again
            commands.check_adopted(dsn, schema)
        todo = runner.plan_up(target) if direction == "up" else runner.plan_down(target, None)
        positions = {str(s.version): number for number, s in enumerate(todo, start=1)}
        runner.before_statement = _hook(on_statement, positions, len(todo))
        runner.backfill_progress = backfill_progress
        return runner.up(target) if direction == "up" else runner.down(target, None)

    run_id: str | None = None
    error: str | None = None
    hint: str | None = None
    report = RunReport(direction)
    try:
        result = commands.migrate(
            dsn, mset, action, command=f"wizard {direction}", schema=schema, policy=policy,
            log_file=log_file, sinks=sinks, control=control,
        )  # fmt: skip
        run_id, report = result.run_id, result.report
    except Exception as exc:  # a MigwizError, the database went away, a bug: shown, never raised into the UI
        error, hint = one_line(exc), hint_line(exc)
    finally:
        runner = holder.get("runner")
        if run_id is None and runner is not None:
            run_id = runner.log.run_id
        control.finish()
    return RunSummary(
        run_id=run_id,
        direction=direction,
        report=report,
        started_at=started,
        finished_at=datetime.now(UTC),
        stopped=report.stopped,
        error=error,
        hint=hint,
        log_file=log_file,
        lock_timeout_ms=control.lock_timeout_ms or policy.lock_timeout_ms,
        skipped=tuple(str(v) for v in report.not_run),
    )


def _hook(
    on_statement: Callable[[CurrentStatement], object] | None, positions: dict[str, int], count: int
) -> Callable[[Migration, Script, int, Statement], None] | None:
    if on_statement is None:
        return None

    def hook(migration: Migration, script: Script, index: int, stmt: Statement) -> None:
        on_statement(
            CurrentStatement(
                str(migration.version), migration.label, index, len(script.statements), stmt.line,
                commands.query_line(stmt.sql, 200), positions.get(str(migration.version), 0), count,
            )
        )  # fmt: skip

    return hook


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
