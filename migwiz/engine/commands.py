"""The Python API: one plain function per migwiz command. The CLI and the wizard only call these.

A command's first argument is the `Project` (the database, the settings, the migration set loaded once).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from migwiz.engine.errors import ConnectionFailed, MigwizError, one_line

if TYPE_CHECKING:  # what the faces are given, typed; at run time `__getattr__` imports each on first use
    from migwiz.engine.analysis import LintReport, lint_report_json, lint_report_sarif
    from migwiz.engine.analysis.lockmodes import lock_rank as lock_rank
    from migwiz.engine.analysis.risk import RiskyFinding
    from migwiz.engine.analysis.risk import error_findings as error_findings
    from migwiz.engine.ci import junit_error as junit_error
    from migwiz.engine.ci import run_ci as run_ci
    from migwiz.engine.config import Settings as Settings
    from migwiz.engine.config import load_settings as load_settings
    from migwiz.engine.fleet.checks import fleet_plan as fleet_plan
    from migwiz.engine.fleet.checks import fleet_verify as fleet_verify
    from migwiz.engine.fleet.ci import fleet_ci as fleet_ci
    from migwiz.engine.fleet.drift import fleet_drift as fleet_drift
    from migwiz.engine.fleet.gather import gather_events as _gather_events
    from migwiz.engine.fleet.progress import FleetProgress as FleetProgress
    from migwiz.engine.fleet.progress import FleetStateTail as FleetStateTail
    from migwiz.engine.fleet.progress import read_fleet_progress as read_fleet_progress
    from migwiz.engine.fleet.progress import wave_text as wave_text
    from migwiz.engine.fleet.rollout import FleetControl as FleetControl
    from migwiz.engine.fleet.rollout import rollout as _rollout
    from migwiz.engine.fleet.state import last_run as _last_run
    from migwiz.engine.fleet.survey import fleet_status as fleet_status
    from migwiz.engine.fleet.targets import load_fleet as load_fleet
    from migwiz.engine.follow import LogFollower as LogFollower
    from migwiz.engine.history.state import HistoryRow
    from migwiz.engine.history.state import os_identity as os_identity
    from migwiz.engine.history.status import attention as attention
    from migwiz.engine.log.abort_events import AbortRequested
    from migwiz.engine.log.eventlog import Event
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
    from migwiz.engine.project_commands import trace as trace
    from migwiz.engine.project_commands import verify as verify
    from migwiz.engine.run.actions import down_action as down_action
    from migwiz.engine.run.actions import up_action as up_action
    from migwiz.engine.run.control import SIGNAL_REASONS as SIGNAL_REASONS
    from migwiz.engine.run.control import RunControl as RunControl
    from migwiz.engine.run.control import install_signal_stop as install_signal_stop
    from migwiz.engine.run.current import describe_current as describe_current
    from migwiz.engine.run.current import our_progress as our_progress
    from migwiz.engine.run.phases import phase_summary as phase_summary
    from migwiz.engine.run.repair import RepairChoice as RepairChoice
    from migwiz.engine.run.repair import RepairPlan, RepairResult
    from migwiz.engine.run.runner import ExecutionPolicy
    from migwiz.engine.run.session import MigrateResult as MigrateResult
    from migwiz.engine.run.session import RunSession as RunSession
    from migwiz.engine.run.waits_caused import longest_wait_caused as longest_wait_caused
    from migwiz.engine.run_commands import StatusResult as StatusResult
    from migwiz.engine.run_commands import down as down
    from migwiz.engine.run_commands import left_standing as left_standing
    from migwiz.engine.run_commands import migrate as migrate
    from migwiz.engine.run_commands import start_run as start_run
    from migwiz.engine.run_commands import status as status
    from migwiz.engine.run_commands import up as up
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
    from migwiz.engine.servers.connect import describe as describe
    from migwiz.engine.servers.connect import dsn_params as dsn_params
    from migwiz.engine.servers.target import TargetInfo as TargetInfo
    from migwiz.engine.sets.model import Version
    from migwiz.engine.shadow.dryrun import DryRunReport as DryRunReport
    from migwiz.engine.shadow.scratch import drop_scratch_databases as drop_scratch_databases

    lint_json = lint_report_json
    """`lint --json`'s document."""
    lint_sarif = lint_report_sarif
    """`lint --sarif`'s SARIF 2.1.0 document."""
    query_line = _query_line
    """A statement's SQL on one line of at most `width` characters (live views)."""
    # fleets (engine/fleet, docs/fleet.md): every target runs through the commands of this module
    fleet_rollout = _rollout
    """`fleet up` / `fleet down`: the set rolled out in waves (canary, concurrency, error budget),
    resumable."""
    fleet_events = _gather_events
    """Every event of one fleet run, gathered from each target's central log."""
    fleet_last_run = _last_run
    """The newest fleet run recorded in a state file (or the one whose id starts with a prefix)."""

FAMILIES: dict[str, tuple[str, ...]] = {
    "migwiz.engine.analysis.lockmodes": ("lock_rank",),
    "migwiz.engine.analysis.risk": ("error_findings",),
    "migwiz.engine.ci": ("junit_error", "run_ci"),
    "migwiz.engine.config": ("Settings", "load_settings"),
    "migwiz.engine.fleet.checks": ("fleet_plan", "fleet_verify"),
    "migwiz.engine.fleet.ci": ("fleet_ci",),
    "migwiz.engine.fleet.drift": ("fleet_drift",),
    "migwiz.engine.fleet.progress": ("FleetProgress", "FleetStateTail", "read_fleet_progress", "wave_text"),
    "migwiz.engine.fleet.rollout": ("FleetControl",),
    "migwiz.engine.fleet.survey": ("fleet_status",),
    "migwiz.engine.fleet.targets": ("load_fleet",),
    "migwiz.engine.follow": ("LogFollower",),
    "migwiz.engine.history.state": ("os_identity",),
    "migwiz.engine.history.status": ("attention",),
    "migwiz.engine.observe": ("Monitor",),
    "migwiz.engine.plan": ("VERDICTS", "PlanReport"),
    "migwiz.engine.project": ("Project",),
    "migwiz.engine.project_commands": (
        "LogFilter", "TraceOutcome", "adopt", "baseline", "drift", "dry_run", "new_recipe", "plan",
        "plan_down", "prove_rollback", "read_log", "trace", "verify",
    ),
    "migwiz.engine.run.actions": ("down_action", "up_action"),
    "migwiz.engine.run.control": ("SIGNAL_REASONS", "RunControl", "install_signal_stop"),
    "migwiz.engine.run.current": ("describe_current", "our_progress"),
    "migwiz.engine.run.phases": ("phase_summary",),
    "migwiz.engine.run.repair": ("RepairChoice",),
    "migwiz.engine.run.session": ("MigrateResult", "RunSession"),
    "migwiz.engine.run.waits_caused": ("longest_wait_caused",),
    "migwiz.engine.run_commands": (
        "StatusResult", "down", "left_standing", "migrate", "start_run", "status", "up",
    ),
    "migwiz.engine.schema.diff": ("format_diff",),
    "migwiz.engine.secrets": ("ScrubbedStream", "remember_secrets", "scrub", "scrub_value", "scrubbed_json"),
    "migwiz.engine.server_commands": (
        "backfill_status", "backup_check", "backup_dump", "check_adopted", "control_backfill", "plan_dump",
        "preflight", "target_info",
    ),
    "migwiz.engine.servers.connect": ("describe", "dsn_params"),
    "migwiz.engine.servers.target": ("TargetInfo",),
    "migwiz.engine.shadow.dryrun": ("DryRunReport",),
    "migwiz.engine.shadow.scratch": ("drop_scratch_databases",),
}  # fmt: skip
"""The names re-exported as they are, by the module that defines them (imported on first use)."""
RENAMED: dict[str, tuple[str, str]] = {
    "lint_json": ("migwiz.engine.analysis", "lint_report_json"),
    "lint_sarif": ("migwiz.engine.analysis", "lint_report_sarif"),
    "query_line": ("migwiz.engine.observe", "one_line"),
    "fleet_rollout": ("migwiz.engine.fleet.rollout", "rollout"),
    "fleet_events": ("migwiz.engine.fleet.gather", "gather_events"),
    "fleet_last_run": ("migwiz.engine.fleet.state", "last_run"),
}
"""The names re-exported under another name: (module, name there)."""
_WHERE = {name: (module, name) for module, names in FAMILIES.items() for name in names} | RENAMED

DEFAULT_PG_VERSION = 18

if not TYPE_CHECKING:  # for mypy the imports above are the module's names; an unknown name stays an error

    def __getattr__(name: str) -> Any:
        """A re-exported name, its module imported on first use (`lint` loads neither runner nor fleet)."""
        try:
            module, attr = _WHERE[name]
        except KeyError:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
        value = getattr(importlib.import_module(module), attr)
        globals()[name] = value  # the next lookup is a plain global
        return value


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
    from migwiz.engine.analysis import LintReport
    from migwiz.engine.analysis.lintpaths import lint_paths
    from migwiz.engine.analysis.own_schema_rule import linting_for
    from migwiz.engine.sets import placeholders_from

    if online is None:
        online = bool(project.dsn) and project.dsn_given
    dsn = project.dsn if online else None
    schema, layout, migrations_dir = project.schema, project.layout, project.migrations_dir
    catalog = None
    version = pg_version
    applied: frozenset[str] = frozenset()
    if dsn is not None:
        from migwiz.engine.analysis import read_catalog_facts
        from migwiz.engine.history.state import read_history
        from migwiz.engine.servers.readers import reading

        with reading(dsn, purpose="lint") as conn:
            catalog = read_catalog_facts(conn)
            version = version or conn.info.server_version // 10000
            applied = frozenset(h.version for h in read_history(conn, schema) if h.success)
    chosen = version or DEFAULT_PG_VERSION
    notices: list[str] = []
    # the own-schema rule looks for this project's migwiz schema; Flyway placeholders from migwiz.toml
    # Flyway placeholders from migwiz.toml; online, with Flyway's built-in ones of the connection too
    values = project.flyway_placeholders() if dsn is not None else project.settings.flyway_placeholders()
    with linting_for(schema), placeholders_from(values):
        files = lint_paths(
            paths, pg_version=chosen, catalog=catalog, applied=applied, configured=migrations_dir,
            layout=layout, stdin=stdin, cache=cache, notices=notices,
        )  # fmt: skip
    return LintReport(tuple(files), chosen, tuple(notices))


def risky_pending(
    project: Project, *, to: Version | None = None, phase: str | None = None
) -> list[RiskyFinding]:
    """The lint gate of `up`: the `error` findings (lint with the live catalog) of what it is about to apply,
    empty when there are none. The target's preflight runs first, so a missing grant is named first."""
    from migwiz.engine.analysis.risk import error_findings
    from migwiz.engine.run.phases import phase_of
    from migwiz.engine.run_commands import status
    from migwiz.engine.server_commands import preflight

    preflight(project, "up")
    statuses = status(project, foreign=False).statuses
    pending = [
        s.migration
        for s in statuses
        if s.migration is not None
        and s.state in ("pending", "failed")
        and s.version.within(to)
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
    from migwiz.engine.project_commands import plan

    return plan(project, policy=policy).estimates_ms()


def as_error(exc: Exception) -> MigwizError:
    """Any exception as the `MigwizError` an operator is shown: typed errors as they are, server errors
    mapped to what to do next (a lock given up on, a lost connection, a missing privilege), anything else
    an internal error. Messages are one scrubbed line (`errors.one_line`)."""
    if isinstance(exc, MigwizError):
        return exc
    import psycopg

    from migwiz.engine.run.preflight import explain

    if isinstance(exc, psycopg.errors.LockNotAvailable):  # a bookkeeping lock_timeout: held, not lost
        first = one_line(exc)  # the server's primary message
        hint = "another session holds a lock migwiz needs (see pg_locks); rerun once it is released"
        return MigwizError(f"gave up waiting for a lock: {first}", hint)
    if isinstance(exc, psycopg.OperationalError | psycopg.errors.IdleInTransactionSessionTimeout):
        first = one_line(exc) if str(exc).strip() else "connection lost"
        from migwiz.engine.servers.connect import cut_reason

        first = cut_reason() or first  # migwiz cut it: the network stopped answering
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
    from migwiz.engine.history.state import read_history, state_exists
    from migwiz.engine.log.eventlog import read_events
    from migwiz.engine.servers.readers import reading

    with reading(project.dsn, purpose="wizard", doing="recent changes") as conn:
        history = read_history(conn, project.schema)
        events: list[tuple[int, Event]] = []
        if state_exists(conn, project.schema):
            # the run events themselves: a run's own statement and lock events must not push it out
            events = read_events(conn, project.schema, since_ms=days * 86_400_000, step="run", limit=400)
    return history, [e for _, e in events]


def record_abort(dsn: str, schema: str, run_id: str, request: AbortRequested) -> None:
    """The operator's abort request on the run's central log, over a connection of its own: a cancel can
    end the run and close its log meanwhile, and the decision must be on record either way."""
    from migwiz.engine.log.eventlog import append_event

    append_event(dsn, schema, run_id, request)


def repair(
    project: Project,
    choice: RepairChoice | None = None,
    *,
    dry_run: bool = False,
    confirm: Callable[[RepairPlan], bool] | None = None,
) -> RepairResult:
    """Realign the history with fixed files (checksums of edited applied migrations, partly applied ones);
    `confirm` sees the plan first and may refuse it. Logged as a run of the project's central log."""
    from migwiz.engine.run.repair import repair as repair_history

    p = project
    return repair_history(
        p.dsn, p.migration_set(), choice, schema=p.schema, dry_run=dry_run, confirm=confirm,
        log_file=p.settings.log_file, syslog_address=p.settings.syslog_address,
    )  # fmt: skip
