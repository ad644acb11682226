"""The Python API: one plain function per migwiz command. The CLI and the wizard only call these."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import psycopg

from migwiz.engine.adopt import ensure_adopted
from migwiz.engine.analysis import LintReport, read_catalog_facts
from migwiz.engine.analysis.lintpaths import lint_paths
from migwiz.engine.analysis.own_schema_rule import linting_for
from migwiz.engine.backfill import backfill_status as backfill_status
from migwiz.engine.backfill import control_backfill as control_backfill
from migwiz.engine.backup import backup_check as backup_check
from migwiz.engine.backup import backup_dump as backup_dump
from migwiz.engine.backup import plan_dump as plan_dump
from migwiz.engine.ci import run_ci as run_ci
from migwiz.engine.errors import MigwizError, UsageError
from migwiz.engine.history.standing import Standing, read_backfill_facts
from migwiz.engine.history.state import DEFAULT_SCHEMA, read_history, state_exists
from migwiz.engine.history.status import MigrationStatus, compute_status, out_of_order
from migwiz.engine.log.eventlog import EventSink, Run, StepCounter
from migwiz.engine.plan import PlanReport as PlanReport
from migwiz.engine.plan import plan as plan
from migwiz.engine.plan import plan_down as plan_down
from migwiz.engine.recipes import new_recipe as new_recipe
from migwiz.engine.rollback.prove import test_rollback as test_rollback
from migwiz.engine.run.control import RunControl as RunControl
from migwiz.engine.run.control import install_signal_stop as install_signal_stop
from migwiz.engine.run.migration_lock import MigrationLock
from migwiz.engine.run.phases import phase_exempt
from migwiz.engine.run.preflight import check_target
from migwiz.engine.run.repair import RepairChoice as RepairChoice
from migwiz.engine.run.repair import repair as repair
from migwiz.engine.run.runner import ExecutionPolicy, Runner, RunReport
from migwiz.engine.run.session_limits import STATUS_STATEMENT_TIMEOUT_MS, limit_bookkeeping, own_tables_locked
from migwiz.engine.run.waits_caused import InflictedWaitWatch
from migwiz.engine.schema.drift import drift as drift
from migwiz.engine.schema.verify import verify as verify
from migwiz.engine.servers.connect import connect
from migwiz.engine.servers.readers import reading
from migwiz.engine.servers.target import TargetInfo as TargetInfo
from migwiz.engine.servers.target import target_info as target_info
from migwiz.engine.sets.model import MigrationSet, Version
from migwiz.engine.sets.transactions import with_transaction_modes
from migwiz.engine.shadow.dryrun import DryRunReport as DryRunReport
from migwiz.engine.shadow.dryrun import dry_run as dry_run

DEFAULT_PG_VERSION = 18


@dataclass(frozen=True)
class StatusResult:
    """`status`: every migration's state, and whether migwiz's schema exists yet."""

    statuses: list[MigrationStatus]
    initialised: bool
    notices: tuple[str, ...] = ()
    """Files the set's tool ignores, and pending migrations that sort before an applied one."""


def status(dsn: str, mset: MigrationSet, *, schema: str = DEFAULT_SCHEMA) -> StatusResult:
    """Where each migration of `mset` stands in the database at `dsn` (read-only: creates nothing)."""
    with connect(dsn, autocommit=True, purpose="status") as conn:
        limit_bookkeeping(conn, statement_timeout_ms=STATUS_STATEMENT_TIMEOUT_MS)
        try:
            history = read_history(conn, schema)
        except psycopg.errors.LockNotAvailable:
            raise own_tables_locked(conn, schema, "status") from None
        initialised = state_exists(conn, schema)
        backfills = read_backfill_facts(conn, schema) if initialised else {}
        major = conn.info.server_version // 10000
    statuses = with_transaction_modes(compute_status(mset, history, backfills), major)
    return StatusResult(statuses, initialised, (*mset.notices, *out_of_order(statuses, phase_exempt)))


@dataclass(frozen=True)
class MigrateResult:
    """`up` / `down`: the run's id and report."""

    run_id: str
    report: RunReport


def preflight(dsn: str, schema: str, command: str, *, pruning: bool = False) -> None:
    """What `migrate` checks before it takes the lock: a writable target, the privileges migwiz needs (an
    error naming the missing grant), and for `up` no unadopted history of another tool."""
    with connect(dsn, autocommit=True, purpose="preflight") as conn:
        limit_bookkeeping(conn)  # migwiz's tables held by another session: an error naming it, not a hang
        try:
            check_target(conn, schema, pruning=pruning)  # before the lock and the first step
            if command == "up":
                ensure_adopted(conn, schema)  # another tool's history, not adopted: it would redo it all
        except psycopg.errors.LockNotAvailable:
            raise own_tables_locked(conn, schema, f"migwiz {command}") from None


def migrate(
    dsn: str,
    mset: MigrationSet,
    action: Callable[[Runner], RunReport],
    *,
    command: str,
    schema: str = DEFAULT_SCHEMA,
    policy: ExecutionPolicy | None = None,
    wait_ms: int = 0,
    log_file: Path | None = None,
    sinks: Sequence[EventSink] = (),
    syslog_address: str | None = None,
    retention_ms: int | None = None,
    control: RunControl | None = None,
) -> MigrateResult:
    """Take the migration lock, record a run in the central log, and run `action` (e.g. `Runner.up`).

    The lock is released and the run finished whatever happens; a `MigwizError` raised by the action is
    logged, then raised again. `control` lets another thread (or `install_signal_stop`) stop the run at a
    safe point or change its lock_timeout; it is marked finished when this returns.
    """
    preflight(dsn, schema, command, pruning=retention_ms is not None)
    with MigrationLock(dsn, schema, wait_ms=wait_ms):
        run = Run(
            dsn, schema, command, log_file=log_file, syslog_address=syslog_address, retention_ms=retention_ms
        )
        run.log.sinks.extend(sinks)
        runner = Runner(dsn, mset, log=run.log, schema=schema, policy=policy, control=control)
        outcome = "failed"
        summary: dict[str, object] = {}
        note: str | None = None
        retries = StepCounter("retry")
        run.log.sinks.append(retries)
        impact = InflictedWaitWatch(dsn, lambda: {pid for pid in [runner.backend_pid] if pid})
        try:
            with impact:
                report = action(runner)
            outcome = run_outcome(report)
            summary = run_summary(report)
        except UsageError as exc:
            run.log.error("plan", exc.message, hint=exc.hint)
            raise
        except Exception as exc:
            run.log.error("run", str(exc) or type(exc).__name__, hint=getattr(exc, "hint", None))
            raise
        finally:
            runner.close()
            if outcome == "stopped":  # read once the runner's session is gone: its backfill is not "running"
                left = left_standing(dsn, mset, schema, report)
                summary["standing"] = {v: st.to_json() for v, st in left.items()}
                note = "; ".join(f"{v} {st.text or st.state}" for v, st in left.items()) or None
            summary["retries"] = retries.count
            summary["longest_wait_inflicted_ms"] = round(impact.longest_s * 1000)
            run.finish(outcome, note=note, **summary)
            if control is not None:
                control.finish()
    return MigrateResult(run.run_id, report)


def run_outcome(report: RunReport) -> str:
    """How a run ended: failed (a migration failed), stopped (at a safe point, work left) or success."""
    if not report.ok:
        return "failed"
    return "stopped" if report.stopped else "success"


def left_standing(dsn: str, mset: MigrationSet, schema: str, report: RunReport) -> dict[str, Standing]:
    """Where each migration a stop left stands (engine/standing.py), by version; empty if unreadable."""
    try:
        statuses = status(dsn, mset, schema=schema).statuses
    except (psycopg.Error, MigwizError):  # server gone: the stop's own event still says where it stopped
        return {}
    left = {str(v) for v in report.not_run}
    return {
        str(s.version): s.standing
        for s in statuses
        if str(s.version) in left or s.standing.state in ("stopped", "failed", "running")
    }


def run_summary(report: RunReport) -> dict[str, object]:
    """What a run did, for its row in `<schema>.runs`: migrations, durations, statements."""
    return {
        "direction": report.direction,
        "migrations": [o.to_json() for o in report.outcomes],
        "duration_ms": round(sum(o.duration_ms for o in report.outcomes), 1),
    }


def up(
    dsn: str,
    mset: MigrationSet,
    *,
    to: Version | None = None,
    schema: str = DEFAULT_SCHEMA,
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
        dsn, mset, lambda r: r.up(to), command="up", schema=schema, policy=policy, wait_ms=wait_ms,
        log_file=log_file, sinks=sinks, syslog_address=syslog_address, retention_ms=retention_ms,
        control=control,
    )  # fmt: skip


def down(
    dsn: str,
    mset: MigrationSet,
    *,
    to: Version | None = None,
    steps: int | None = None,
    schema: str = DEFAULT_SCHEMA,
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
        dsn, mset, lambda r: r.down(to, steps), command="down", schema=schema, policy=policy,
        wait_ms=wait_ms, log_file=log_file, sinks=sinks, syslog_address=syslog_address,
        retention_ms=retention_ms, control=control,
    )  # fmt: skip


def lint(
    paths: Sequence[Path],
    *,
    dsn: str | None = None,
    pg_version: int | None = None,
    schema: str = DEFAULT_SCHEMA,
    layout: str | None = None,
    migrations_dir: Path | None = None,
    stdin: str | None = None,
    cache: Path | bool | None = True,
) -> LintReport:
    """Analyse migration folders, single files or stdin (`-`, its text in `stdin`), without running anything.

    A folder is linted whole (`layout` names its layout, else it is detected). A file of a set (the
    `migrations_dir`, or found from the file's folder) is linted alone but in the context of the migrations
    before it, whose analysed schema is cached (`cache`: True for the user cache folder, a folder, or None);
    a file outside any set is linted alone.

    With `dsn`, the catalog settles what only the schema knows, the server's version is used unless
    `pg_version` is given, and migrations already applied there are skipped (their effect is in the catalog).
    """
    catalog = None
    version = pg_version
    applied: frozenset[str] = frozenset()
    if dsn is not None:
        with reading(dsn, purpose="lint") as conn:
            catalog = read_catalog_facts(conn)
            version = version or conn.info.server_version // 10000
            applied = frozenset(h.version for h in read_history(conn, schema) if h.success)
    chosen = version or DEFAULT_PG_VERSION
    with linting_for(schema):  # the own-schema rule looks for this project's migwiz schema
        files = lint_paths(
            paths, pg_version=chosen, catalog=catalog, applied=applied, configured=migrations_dir,
            layout=layout, stdin=stdin, cache=cache,
        )  # fmt: skip
    return LintReport(tuple(files), chosen)
