"""The Python API: one plain function per migwiz command. The CLI and the wizard only call these.

A command's first argument is the `Project` (the database, the settings, the migration set loaded once).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import psycopg

from migwiz.engine.adopt import ForeignState, foreign_state
from migwiz.engine.analysis import LintReport, lint_report_json, lint_report_sarif, read_catalog_facts
from migwiz.engine.analysis.lintpaths import lint_paths
from migwiz.engine.analysis.lintpaths import locate as locate
from migwiz.engine.analysis.lintpaths import loose_script as loose_script
from migwiz.engine.analysis.own_schema_rule import linting_for
from migwiz.engine.analysis.risk import RiskyFinding
from migwiz.engine.analysis.risk import error_findings as error_findings
from migwiz.engine.ci import junit_error as junit_error
from migwiz.engine.config import Settings as Settings
from migwiz.engine.config import load_settings as load_settings
from migwiz.engine.errors import ConnectionFailed, MigwizError, UsageError, one_line
from migwiz.engine.fleet import door as _fleet_door
from migwiz.engine.fleet.checks import fleet_plan as fleet_plan
from migwiz.engine.fleet.checks import fleet_verify as fleet_verify
from migwiz.engine.fleet.ci import fleet_ci as fleet_ci
from migwiz.engine.fleet.drift import fleet_drift as fleet_drift
from migwiz.engine.fleet.gather import gather_events as _gather_events
from migwiz.engine.fleet.progress import FleetProgress as FleetProgress
from migwiz.engine.fleet.progress import FleetStateTail as FleetStateTail
from migwiz.engine.fleet.rollout import FleetControl as FleetControl
from migwiz.engine.fleet.rollout import rollout as _rollout
from migwiz.engine.fleet.state import last_run as _last_run
from migwiz.engine.fleet.survey import fleet_status as fleet_status
from migwiz.engine.fleet.targets import load_fleet as load_fleet
from migwiz.engine.follow import LogFollower as LogFollower
from migwiz.engine.history.standing import Standing, read_backfill_facts, read_stop_facts
from migwiz.engine.history.state import HistoryRow, read_history, state_exists
from migwiz.engine.history.state import os_identity as os_identity
from migwiz.engine.history.status import MigrationStatus, compute_status, in_sync, out_of_order
from migwiz.engine.history.status import attention as attention
from migwiz.engine.log.eventlog import Event, EventSink, Run, StepCounter, read_events
from migwiz.engine.log.eventlog import append_event as append_event
from migwiz.engine.observe import Monitor as Monitor
from migwiz.engine.observe import one_line as _query_line
from migwiz.engine.plan import VERDICTS as VERDICTS
from migwiz.engine.plan import PlanReport as PlanReport
from migwiz.engine.project import Project as Project
from migwiz.engine.project_commands import LogFilter as LogFilter
from migwiz.engine.project_commands import TraceOutcome as TraceOutcome
from migwiz.engine.project_commands import adopt as adopt
from migwiz.engine.project_commands import baseline as baseline
from migwiz.engine.project_commands import drift as drift
from migwiz.engine.project_commands import dry_run as dry_run
from migwiz.engine.project_commands import new_recipe as new_recipe
from migwiz.engine.project_commands import plan as plan
from migwiz.engine.project_commands import plan_down as plan_down
from migwiz.engine.project_commands import prove_rollback as prove_rollback
from migwiz.engine.project_commands import read_log as read_log
from migwiz.engine.project_commands import run_ci as run_ci
from migwiz.engine.project_commands import trace as trace
from migwiz.engine.project_commands import verify as verify
from migwiz.engine.run.actions import down_action as down_action
from migwiz.engine.run.actions import up_action as up_action
from migwiz.engine.run.control import SIGNAL_REASONS as SIGNAL_REASONS
from migwiz.engine.run.control import RunControl as RunControl
from migwiz.engine.run.control import install_signal_stop as install_signal_stop
from migwiz.engine.run.current import describe_current as describe_current
from migwiz.engine.run.current import our_progress as our_progress
from migwiz.engine.run.events import RunEvents, RunFinished
from migwiz.engine.run.migration_lock import MigrationLock
from migwiz.engine.run.outcome import LoggedSink, run_outcome, run_summary
from migwiz.engine.run.phases import phase_exempt, phase_of
from migwiz.engine.run.phases import phase_summary as phase_summary
from migwiz.engine.run.preflight import explain
from migwiz.engine.run.repair import RepairChoice as RepairChoice
from migwiz.engine.run.repair import RepairPlan, RepairResult
from migwiz.engine.run.repair import repair as repair_history
from migwiz.engine.run.runner import ExecutionPolicy, Runner, RunReport
from migwiz.engine.run.session import MigrateResult as MigrateResult
from migwiz.engine.run.session import RunSession as RunSession
from migwiz.engine.run.session_limits import STATUS_STATEMENT_TIMEOUT_MS, limit_bookkeeping, own_tables_locked
from migwiz.engine.run.waits_caused import InflictedWaitWatch
from migwiz.engine.run.waits_caused import longest_wait_caused as longest_wait_caused
from migwiz.engine.schema.diff import format_diff as format_diff
from migwiz.engine.secrets import ScrubbedStream as ScrubbedStream
from migwiz.engine.secrets import remember_secrets as remember_secrets
from migwiz.engine.secrets import scrub as scrub
from migwiz.engine.secrets import scrub_value as scrub_value
from migwiz.engine.secrets import scrubbed_json as scrubbed_json
from migwiz.engine.server_commands import backfill_status as backfill_status
from migwiz.engine.server_commands import backup_check as backup_check
from migwiz.engine.server_commands import backup_dump as backup_dump
from migwiz.engine.server_commands import check_adopted as check_adopted
from migwiz.engine.server_commands import control_backfill as control_backfill
from migwiz.engine.server_commands import plan_dump as plan_dump
from migwiz.engine.server_commands import preflight as preflight
from migwiz.engine.server_commands import target_info as target_info
from migwiz.engine.servers.connect import connect
from migwiz.engine.servers.connect import describe as describe
from migwiz.engine.servers.connect import dsn_params as dsn_params
from migwiz.engine.servers.readers import reading
from migwiz.engine.servers.target import TargetInfo as TargetInfo
from migwiz.engine.sets import placeholders_from
from migwiz.engine.sets.model import Version
from migwiz.engine.sets.transactions import with_transaction_modes
from migwiz.engine.shadow.dryrun import DryRunReport as DryRunReport

DEFAULT_PG_VERSION = 18

lint_json = lint_report_json
"""`lint --json`'s document."""
lint_sarif = lint_report_sarif
"""`lint --sarif`'s SARIF 2.1.0 document."""
query_line = _query_line
"""A statement's SQL on one line of at most `width` characters (live views)."""


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
    statuses = with_transaction_modes(compute_status(mset, history, backfills, stops), major)
    other = foreign_state(p.dsn, mset, schema=schema) if foreign and not history else None
    notices = (*mset.notices, *out_of_order(statuses, phase_exempt))
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
    with MigrationLock(dsn, schema, wait_ms=wait_ms):
        stream = events or RunEvents()
        run = Run(
            dsn, schema, command, log_file=log_file, syslog_address=syslog_address, retention_ms=retention_ms,
            sinks=[LoggedSink(stream)],
        )  # fmt: skip
        run.log.sinks.extend(sinks)
        runner = Runner(dsn, mset, log=run.log, schema=schema, policy=policy, control=control, events=stream)
        runner.estimates = estimates or {}
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
            outcome = run_outcome(report)
            summary = run_summary(report)
        except UsageError as exc:
            error = exc.message
            run.log.error("plan", exc.message, hint=exc.hint)
            raise
        except Exception as exc:
            error = str(exc) or type(exc).__name__
            run.log.error("run", error, hint=getattr(exc, "hint", None))
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


def lint(
    project: Project,
    paths: Sequence[Path],
    *,
    pg_version: int | None = None,
    stdin: str | None = None,
    cache: Path | bool | None = True,
    online: bool | None = None,
) -> LintReport:
    """Analyse migration folders, single files or stdin (`-`, its text in `stdin`), without running anything.

    A folder is linted whole (the project's `layout` names its layout, else it is detected). A file of a set
    (the project's migration folder, or found from the file's folder) is linted alone but in the context of
    the migrations before it, whose analysed schema is cached (`cache`: True for the user cache folder, a
    folder, or None); a file outside any set is linted alone.

    Online (`online`, else when the operator named a database; `Project.offline()` names none), the catalog
    settles what only the schema knows, the server's version is used unless `pg_version` is given, and
    migrations already applied there are skipped (their effect is in the catalog).
    """
    if online is None:
        online = bool(project.dsn) and project.dsn_given
    dsn = project.dsn if online else None
    schema, layout, migrations_dir = project.schema, project.layout, project.migrations_dir
    catalog = None
    version = pg_version
    applied: frozenset[str] = frozenset()
    if dsn is not None:
        with reading(dsn, purpose="lint") as conn:
            catalog = read_catalog_facts(conn)
            version = version or conn.info.server_version // 10000
            applied = frozenset(h.version for h in read_history(conn, schema) if h.success)
    chosen = version or DEFAULT_PG_VERSION
    # the own-schema rule looks for this project's migwiz schema; Flyway placeholders from migwiz.toml
    with linting_for(schema), placeholders_from(project.settings.flyway_placeholders()):
        files = lint_paths(
            paths, pg_version=chosen, catalog=catalog, applied=applied, configured=migrations_dir,
            layout=layout, stdin=stdin, cache=cache,
        )  # fmt: skip
    return LintReport(tuple(files), chosen)


def risky_pending(
    project: Project, *, to: Version | None = None, phase: str | None = None
) -> list[RiskyFinding]:
    """The lint gate of `up`: the `error` findings (lint with the live catalog) of what it is about to apply,
    empty when there are none. The target's preflight runs first, so a missing grant is named first."""
    preflight(project, "up")
    statuses = status(project, foreign=False).statuses
    pending = [
        s.migration
        for s in statuses
        if s.migration is not None
        and s.state in ("pending", "failed")
        and (to is None or s.version <= to)
        and (phase is None or phase_of(s.migration) == phase)
    ]
    if not pending:
        return []
    mset = project.migration_set()
    report = lint(project, [mset.root], online=True)
    return error_findings(report, pending)


def estimates(project: Project, policy: ExecutionPolicy | None = None) -> dict[tuple[str, int], float]:
    """Per-statement duration estimates (ms, by version and line) from the planner, for the live views; a
    `MigwizError` when the plan cannot be made."""
    return plan(project, policy=policy).estimates_ms()


def as_error(exc: Exception) -> MigwizError:
    """Any exception as the `MigwizError` an operator is shown: typed errors as they are, server errors
    mapped to what to do next (a lock given up on, a lost connection, a missing privilege), anything else
    an internal error. Messages are one scrubbed line (`errors.one_line`)."""
    if isinstance(exc, MigwizError):
        return exc
    if isinstance(exc, psycopg.errors.LockNotAvailable):  # a bookkeeping lock_timeout: held, not lost
        first = one_line(exc)  # the server's primary message
        hint = "another session holds a lock migwiz needs (see pg_locks); rerun once it is released"
        return MigwizError(f"gave up waiting for a lock: {first}", hint)
    if isinstance(exc, psycopg.OperationalError | psycopg.errors.IdleInTransactionSessionTimeout):
        first = one_line(exc) if str(exc).strip() else "connection lost"
        return ConnectionFailed(
            f"lost the connection to the server: {first}",
            "check the server, then run `migwiz status` to see what was applied",
        )
    if isinstance(exc, psycopg.Error):
        return explain(exc) or MigwizError(f"database error: {one_line(exc)}")
    said = one_line(exc)
    detail = f": {said}" if str(exc).strip() else ""
    return MigwizError(f"internal error: {type(exc).__name__}{detail}", "rerun with --debug and report it")


def recent_history(project: Project, *, days: int = 14) -> tuple[list[HistoryRow], list[Event]]:
    """The history rows, and the central log's run events (oldest first) of the last `days` days."""
    with reading(project.dsn, purpose="wizard", doing="recent changes") as conn:
        history = read_history(conn, project.schema)
        events: list[tuple[int, Event]] = []
        if state_exists(conn, project.schema):
            # the run events themselves: a run's own statement and lock events must not push it out
            events = read_events(conn, project.schema, since_ms=days * 86_400_000, step="run", limit=400)
    return history, [e for _, e in events]


def repair(
    project: Project,
    choice: RepairChoice | None = None,
    *,
    dry_run: bool = False,
    confirm: Callable[[RepairPlan], bool] | None = None,
) -> RepairResult:
    """Realign the history with fixed files (checksums of edited applied migrations, partly applied ones);
    `confirm` sees the plan first and may refuse it. Logged as a run of the project's central log."""
    p = project
    return repair_history(
        p.dsn, p.migration_set(), choice, schema=p.schema, dry_run=dry_run, confirm=confirm,
        log_file=p.settings.log_file, syslog_address=p.settings.syslog_address,
    )  # fmt: skip


# -- fleets (engine/fleet, docs/fleet.md): every target runs through the commands above ---------------------
fleet_rollout = _rollout
"""`fleet up` / `fleet down`: the set rolled out in waves (canary, concurrency, error budget), resumable."""
fleet_events = _gather_events
"""Every event of one fleet run, gathered from each target's central log."""
fleet_last_run = _last_run
"""The newest fleet run recorded in a state file (or the one whose id starts with a prefix)."""
_fleet_door.install(
    _fleet_door.Door(status=status, up=up, down=down, plan=plan, verify=verify, project=Project.of)
)
