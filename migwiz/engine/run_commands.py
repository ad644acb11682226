"""The run family of the front door: `status`, `up`, `down`, `start_run` and `migrate`, each taking the
`Project` first. `migwiz.engine.commands` re-exports them (faces import only that module); the fleet
calls them for each of its targets (engine/fleet/door.py)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import psycopg

from migwiz.engine.adopt import ForeignState, foreign_state
from migwiz.engine.backfill.store import read_backfill_facts
from migwiz.engine.errors import MigwizError, UsageError, one_line
from migwiz.engine.history.baseline import read_baseline, read_baseline_file
from migwiz.engine.history.standing import Standing, read_stop_facts
from migwiz.engine.history.state import read_history, state_exists
from migwiz.engine.history.status import MigrationStatus, compute_status, in_sync, out_of_order
from migwiz.engine.log.eventlog import EventSink, Run, StepCounter
from migwiz.engine.project import Project
from migwiz.engine.run.actions import up_action
from migwiz.engine.run.control import RunControl
from migwiz.engine.run.events import RunEvents, RunFinished
from migwiz.engine.run.lock_watch import LockWatch
from migwiz.engine.run.migration_lock import MigrationLock
from migwiz.engine.run.notes import RunErrored
from migwiz.engine.run.outcome import LoggedSink, run_outcome, run_summary
from migwiz.engine.run.phases import phase_exempt
from migwiz.engine.run.runner import ExecutionPolicy, Runner, RunReport
from migwiz.engine.run.session import MigrateResult, RunSession
from migwiz.engine.run.session_limits import STATUS_STATEMENT_TIMEOUT_MS, limit_bookkeeping, own_tables_locked
from migwiz.engine.run.waits_caused import InflictedWaitWatch
from migwiz.engine.secrets import scrub
from migwiz.engine.server_commands import preflight
from migwiz.engine.servers.connect import connect
from migwiz.engine.sets.model import Version
from migwiz.engine.sets.transactions import with_transaction_modes
from migwiz.engine.shadow.covered import THROUGH_MARK, covered_line, stands_for, texts_covered


@dataclass(frozen=True)
class StatusResult:
    """`status`: every migration's state, and whether migwiz's schema exists yet."""

    statuses: list[MigrationStatus]
    initialised: bool
    notices: tuple[str, ...] = ()
    """Files the set's tool ignores, and pending migrations that sort before an applied one."""
    foreign: ForeignState | None = None
    """Another tool's history, when migwiz has none here: the files' states according to it."""

    @property
    def shown(self) -> list[MigrationStatus]:
        """The states to show: per another tool's history when migwiz has not adopted it, else migwiz's."""
        return self.foreign.statuses if self.foreign is not None else self.statuses

    @property
    def in_sync(self) -> bool:
        """Nothing pending, failed, edited or missing."""
        return in_sync(self.shown)


def status(
    project: Project,
    *,
    foreign: bool = True,
) -> StatusResult:
    """Where each migration of the project's set stands in its database (read-only: creates nothing).

    With `foreign`, a database whose history another tool keeps (and migwiz has not adopted) says so:
    `StatusResult.foreign` holds the files' states per that tool's history.
    """
    p = project
    mset, schema = p.migration_set(), p.schema
    with connect(p.dsn, autocommit=True, purpose="status") as conn:
        limit_bookkeeping(conn, statement_timeout_ms=STATUS_STATEMENT_TIMEOUT_MS)
        try:
            history = read_history(conn, schema)
        except psycopg.errors.LockNotAvailable:
            raise own_tables_locked(conn, schema, "status") from None
        initialised = state_exists(conn, schema)
        backfills = read_backfill_facts(conn, schema) if initialised else {}
        stops = read_stop_facts(conn, schema, history) if initialised else {}
        major = conn.info.server_version // 10000
        baseline = [read_baseline_file(f) for f in p.settings.baseline] or [
            b.sql for b in (read_baseline(conn, schema) if initialised else ())
        ]
    if p.settings.baseline_through:
        baseline.append(f"{THROUGH_MARK} {p.settings.baseline_through}")
    statuses = with_transaction_modes(compute_status(mset, history, backfills, stops), major)
    other = foreign_state(p.dsn, mset, schema=schema) if foreign and not history else None
    notices = (*mset.notices, *out_of_order(statuses, phase_exempt))
    covered = covered_line(sorted(stands_for(mset, texts_covered(baseline))))
    notices += (covered,) if covered else ()  # shadow databases start after these migrations
    return StatusResult(statuses, initialised, notices, other)


def migrate(
    project: Project,
    action: Callable[[Runner], RunReport],
    *,
    command: str,
    policy: ExecutionPolicy | None = None,
    wait_ms: int = 0,
    log_file: Path | None = None,
    sinks: Sequence[EventSink] = (),
    syslog_address: str | None = None,
    retention_ms: int | None = None,
    control: RunControl | None = None,
    events: RunEvents | None = None,
    estimates: Mapping[tuple[str, int], float] | None = None,
) -> MigrateResult:
    """Take the migration lock, record a run in the central log, and run `action` (e.g. `up_action()`).

    The lock is released and the run finished whatever happens; a `MigwizError` raised by the action is
    logged, then raised again. `control` lets another thread (or `install_signal_stop`) stop the run at a
    safe point or change its lock_timeout; it is marked finished when this returns. The log file, syslog
    and the log's retention are the project's settings unless given. `events` receives the run's typed
    events, its central log lines as `Logged`, and a `RunFinished` last (see `start_run`).
    """
    p = project
    dsn, mset, schema, settings = p.dsn, p.migration_set(), p.schema, p.settings
    log_file = log_file or settings.log_file
    syslog_address = syslog_address or settings.syslog_address
    retention_ms = retention_ms if retention_ms is not None else settings.log_retention_ms
    preflight(p, command, pruning=retention_ms is not None)
    with MigrationLock(dsn, schema, wait_ms=wait_ms) as lock:
        stream = events or RunEvents()
        run = Run(
            dsn, schema, command, log_file=log_file, syslog_address=syslog_address, retention_ms=retention_ms,
            sinks=[LoggedSink(stream)], publish=stream.publish,
        )  # fmt: skip
        run.log.sinks.extend(sinks)
        runner = Runner(dsn, mset, log=run.log, schema=schema, policy=policy, control=control, events=stream)
        runner.estimates = estimates or {}
        runner.lock_watch = watch = LockWatch(lock, runner.emit)
        outcome = "failed"
        summary: dict[str, object] = {}
        note: str | None = None
        error: str | None = None
        retries = StepCounter("retry")
        run.log.sinks.append(retries)
        impact = InflictedWaitWatch(dsn, lambda: {pid for pid in [runner.backend_pid] if pid})
        try:
            with impact:
                report = action(runner)
            if watch.check(now=True) is not None:  # a second run could have taken the lock: never unnoticed
                raise watch.error()
            outcome = run_outcome(report)
            summary = run_summary(report)
        except UsageError as exc:
            error = exc.message
            stream.emit(RunErrored("plan", exc.message, exc.hint))
            raise
        except Exception as exc:
            error = one_line(exc)
            stream.emit(RunErrored("run", error, getattr(exc, "hint", None)))
            raise
        finally:
            runner.close()
            if outcome == "stopped":  # read once the runner's session is gone: its backfill is not "running"
                left = left_standing(p, report)
                summary["standing"] = {v: st.to_json() for v, st in left.items()}
                note = "; ".join(f"{v} {st.text or st.state}" for v, st in left.items()) or None
            summary["retries"] = retries.count
            summary["longest_wait_inflicted_ms"] = round(impact.longest_s * 1000)
            run.finish(outcome, note=note, **summary)
            if control is not None:
                control.finish()
            longest = round(impact.longest_s * 1000)
            stream.emit(
                RunFinished(
                    run.run_id,
                    outcome,
                    longest,
                    retries.count,
                    report.stopped if outcome == "stopped" else None,
                    scrub(error) if error else None,
                )
            )
    return MigrateResult(run.run_id, report)


def start_run(
    project: Project,
    *,
    direction: Literal["up", "down"] = "up",
    to: Version | None = None,
    steps: int | None = None,
    command: str | None = None,
    action: Callable[[Runner], RunReport] | None = None,
    policy: ExecutionPolicy | None = None,
    wait_ms: int = 0,
    log_file: Path | None = None,
    sinks: Sequence[EventSink] = (),
    syslog_address: str | None = None,
    retention_ms: int | None = None,
    control: RunControl | None = None,
    estimates: Mapping[tuple[str, int], float] | None = None,
) -> RunSession:
    """An `up` (to `to`) or `down` (to `to`, or `steps`) as a `RunSession`, not started yet: subscribe to
    its events, then `start()` it (its own thread) or `run()` it (this thread). `action` replaces the
    default `runner.up(to)` / `runner.down(to, steps)`; `estimates` (from `plan`) go into every
    `StatementStarted`. The run goes through `migrate` (the migration lock, the central log)."""

    def default(runner: Runner) -> RunReport:
        return runner.up(to) if direction == "up" else runner.down(to, steps)

    def work(session: RunSession) -> MigrateResult:
        return migrate(
            project, action or default, command=command or direction, policy=policy,
            wait_ms=wait_ms, log_file=log_file, sinks=sinks, syslog_address=syslog_address,
            retention_ms=retention_ms, control=session.control, events=session.events, estimates=estimates,
        )  # fmt: skip

    return RunSession(work, control=control)


def left_standing(project: Project, report: RunReport) -> dict[str, Standing]:
    """Where each migration a stop left stands (engine/standing.py), by version; empty if unreadable."""
    try:
        statuses = status(project, foreign=False).statuses
    except (psycopg.Error, MigwizError):  # server gone: the stop's own event still says where it stopped
        return {}
    left = {str(v) for v in report.not_run}
    return {
        str(s.version): s.standing
        for s in statuses
        if str(s.version) in left or s.standing.state in ("stopped", "failed", "running")
    }


def up(
    project: Project,
    *,
    to: Version | None = None,
    policy: ExecutionPolicy | None = None,
    wait_ms: int = 0,
    log_file: Path | None = None,
    sinks: Sequence[EventSink] = (),
    syslog_address: str | None = None,
    retention_ms: int | None = None,
    control: RunControl | None = None,
) -> MigrateResult:
    """Apply pending migrations (up to and including version `to`)."""
    return migrate(
        project, up_action(to), command="up", policy=policy, wait_ms=wait_ms,
        log_file=log_file, sinks=sinks, syslog_address=syslog_address, retention_ms=retention_ms,
        control=control,
    )  # fmt: skip


def down(
    project: Project,
    *,
    to: Version | None = None,
    steps: int | None = None,
    policy: ExecutionPolicy | None = None,
    wait_ms: int = 0,
    log_file: Path | None = None,
    sinks: Sequence[EventSink] = (),
    syslog_address: str | None = None,
    retention_ms: int | None = None,
    control: RunControl | None = None,
) -> MigrateResult:
    """Revert applied migrations, newest first (one unless `to` or `steps`)."""
    return migrate(
        project, lambda r: r.down(to, steps), command="down", policy=policy,
        wait_ms=wait_ms, log_file=log_file, sinks=sinks, syslog_address=syslog_address,
        retention_ms=retention_ms, control=control,
    )  # fmt: skip
