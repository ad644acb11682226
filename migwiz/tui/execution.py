"""Running migrations for the wizard: the engine's run session with the wizard's consumer. No Textual here.

`execute` runs in a worker thread. It goes through `commands.start_run` (the migration lock, the central
log, the runner) with a `RunControl` (migwiz/engine/run/control.py) the screen holds: the runner itself
stops at a safe point when asked ("abort after this migration", a lost terminal) and applies a changed
lock_timeout from the next statement on. Everything the screen shows comes from the run's one typed event
stream (migwiz/engine/run/events.py), handed to `on_event` on the run's thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from migwiz.engine import commands
from migwiz.engine.errors import hint_line, one_line
from migwiz.engine.types import CurrentStatement as CurrentStatement
from migwiz.engine.types import (
    Event,
    ExecutionPolicy,
    Logged,
    Project,
    RunControl,
    RunEvent,
    RunFinished,
    Runner,
    RunReport,
    Version,
)

Direction = Literal["up", "down"]


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
    """Measured by the engine during the run (`RunFinished.longest_wait_caused_ms`)."""
    log_file: Path | None = None
    target: str = ""
    lock_timeout_ms: int = 0
    skipped: tuple[str, ...] = field(default_factory=tuple)
    failed_state: str | None = None
    """Where the failed migration was left, read back after the run: `applied` / `pending` (its transaction
    rolled back) or `failed` (a no-transaction migration part-way, `failed_detail` says how far)."""
    failed_detail: str | None = None
    left_stopped: tuple[tuple[str, str], ...] = ()
    """(version, `backfill stopped at 34 %, resumable`) of what a stop left part-way, as `status` says it."""

    @property
    def ok(self) -> bool:
        """Nothing failed."""
        return self.error is None and self.report.ok


def logged_event(logged: Logged) -> Event:
    """A `Logged` line of the stream as the central log's `Event` (for the log tail)."""
    return Event(logged.run_id, logged.at, logged.level, logged.step, logged.message, logged.data)


def execute(
    project: Project,
    *,
    direction: Direction,
    target: Version | None,
    policy: ExecutionPolicy,
    control: RunControl,
    on_event: Callable[[RunEvent], object] | None = None,
    estimates: Mapping[tuple[str, int], float] | None = None,
) -> RunSummary:
    """Apply (up to and including `target`) or revert (down to, not including, `target`) under `control`.

    `on_event` gets every event of the run on the run's thread (post it to the UI and return). Errors are
    returned in the summary, not raised; `control` is marked finished whatever happens. The run goes
    through `commands.start_run`, as the CLI's: the project's log file, syslog and log retention.
    """
    started = datetime.now(UTC)

    def action(runner: Runner) -> RunReport:
        if direction == "up":  # as `migwiz up`: another tool's history, not adopted, would be applied again
            commands.check_adopted(project)
        return runner.up(target, target=True) if direction == "up" else runner.down(target, None)

    session = commands.start_run(
        project, direction=direction, command=f"wizard {direction}", action=action, policy=policy,
        control=control, estimates=estimates,
    )  # fmt: skip
    finished: list[RunFinished] = []
    session.on(lambda event: finished.append(event) if isinstance(event, RunFinished) else None)
    if on_event is not None:
        session.on(on_event)
    run_id: str | None = None
    error: str | None = None
    hint: str | None = None
    report = RunReport(direction)
    try:
        result = session.run()
        run_id, report = result.run_id, result.report
    except Exception as exc:  # a MigwizError, the database went away, a bug: shown, never raised into the UI
        error, hint = one_line(exc), hint_line(exc)
    finally:
        run_id = run_id or session.run_id
        control.finish()
    longest = finished[-1].longest_wait_caused_ms / 1000 if finished else 0.0
    left = _left(project, report)
    return RunSummary(
        run_id=run_id,
        direction=direction,
        report=report,
        started_at=started,
        finished_at=datetime.now(UTC),
        stopped=report.stopped,
        error=error,
        hint=hint,
        longest_wait_caused_s=longest,
        log_file=project.settings.log_file,
        lock_timeout_ms=control.lock_timeout_ms or policy.lock_timeout_ms,
        skipped=tuple(str(v) for v in report.not_run),
        failed_state=left[0],
        failed_detail=left[1],
        left_stopped=_left_stopped(project, report) if report.stopped else (),
    )


def _left_stopped(project: Project, report: RunReport) -> tuple[tuple[str, str], ...]:
    """What a stop left part-way (a backfill at 34 %), in `status`'s words; () when unreadable."""
    found: list[tuple[str, str]] = []
    for version, standing in commands.left_standing(project, report).items():
        if standing.state != "stopped":
            continue
        if standing.percent is not None:
            text = f"backfill stopped at {standing.percent} %"
        else:
            text = f"stopped at statement {standing.statement}" if standing.statement else "stopped"
        found.append((version, text + (", resumable" if standing.resumable else "")))
    return tuple(found)


def _left(project: Project, report: RunReport) -> tuple[str | None, str | None]:
    """The failed migration's state and detail as `status` derives them (None, None: none failed, or the
    database could not be read)."""
    failed = next((o for o in report.outcomes if o.result == "failed"), None)
    if failed is None:
        return None, None
    try:
        statuses = commands.status(project, foreign=False).statuses
    except Exception:  # the server went away: the screen says what the run said, nothing more
        return None, None
    found = next((s for s in statuses if str(s.version) == str(failed.version)), None)
    return (found.state, found.detail) if found is not None else (None, None)


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
