"""Commands that look at or prepare a project: plan, dry run, drift, verify, rollback test, trace, log,
baseline, adopt. Each takes the `Project` first; `migwiz.engine.commands` re-exports them (faces import
that module only)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from migwiz.engine.errors import UsageError
from migwiz.engine.history.baseline import BaselineFile, read_baseline, record_baseline
from migwiz.engine.history.state import state_exists
from migwiz.engine.log.eventlog import Event, Level, follow_events, read_events
from migwiz.engine.project import Project
from migwiz.engine.servers.connect import connect
from migwiz.engine.sets.model import MigrationSet, Version

if TYPE_CHECKING:
    from migwiz.engine.adopt import AdoptReport, ForeignState
    from migwiz.engine.analysis.trace import TraceResult
    from migwiz.engine.plan import PlanReport
    from migwiz.engine.rollback.prove import RollbackReport, Which
    from migwiz.engine.run.runner import ExecutionPolicy
    from migwiz.engine.schema.drift import DriftReport
    from migwiz.engine.schema.tolerance import Tolerance
    from migwiz.engine.schema.verify import VerifyReport
    from migwiz.engine.shadow.dryrun import DryRunReport


def _project(project: Project | str, mset: MigrationSet | None, schema: str | None) -> Project:
    if isinstance(project, Project):
        return project
    if mset is None:
        raise TypeError("a DSN needs its migration set: pass a Project, or the DSN and the set")
    return Project.of(project, mset, schema=schema)


def plan(
    project: Project,
    *,
    calibrate: bool = False,
    pg_version: int | None = None,
    policy: ExecutionPolicy | None = None,
    to: Version | None = None,
) -> PlanReport:
    """The pending migrations (up to and including `to`) joined with the live database: per statement
    sizes, estimated durations, current blockers, and a verdict per migration (engine/plan)."""
    from migwiz.engine.plan import plan as build

    p = project
    if (
        not p.dsn_given and pg_version is not None
    ):  # no database: an empty one on a local server of that major
        from migwiz.engine.plan.offline import plan_on_local_server

        return plan_on_local_server(
            p.migration_set(), pg_version=pg_version, schema=p.schema, baseline=p.baseline(None),
            policy=policy if policy is not None else p.policy(), to=to,
        )  # fmt: skip
    baseline = p.baseline(p.dsn, tolerant=True) if pg_version is not None else ()  # a replay's start
    report = build(
        p.dsn, p.migration_set(), schema=p.schema, calibrate=calibrate, pg_version=pg_version,
        policy=policy if policy is not None else p.policy(), to=to, baseline=baseline,
    )  # fmt: skip
    return _unadopted(report, _foreign(p))


def _foreign(p: Project) -> ForeignState | None:
    """Another tool's history, when migwiz has none in the target (the check `status` makes)."""
    from migwiz.engine.adopt import foreign_state

    return foreign_state(p.dsn, p.migration_set(), schema=p.schema)


def _unadopted(report: PlanReport, foreign: ForeignState | None) -> PlanReport:
    """The plan with another tool's unadopted history said once, and no `safe` for a migration that tool
    applied: `up` refuses to run it (it would run a second time) until `migwiz adopt`."""
    from dataclasses import replace

    from migwiz.engine.plan.model import Reason

    if foreign is None:
        return report
    tool = foreign.source.tool
    applied = {str(s.version) for s in foreign.statuses if s.state == "applied"}
    why = Reason(
        "dangerous",
        f"applied by {tool} ({foreign.source.qualified}), not adopted: `up` refuses to run it a second time",
        f"migwiz adopt --from {tool}",
    )
    migrations = tuple(
        replace(m, verdict="dangerous", reasons=(why, *m.reasons)) if m.version in applied else m
        for m in report.migrations
    )
    return replace(report, migrations=migrations, notices=(*report.notices, foreign.warning()))


def plan_down(
    project: Project,
    *,
    to: Version,
    policy: ExecutionPolicy | None = None,
) -> PlanReport:
    """The down scripts that revert every applied migration newer than `to`, newest first, planned."""
    from migwiz.engine.plan import plan_down as build

    p = project
    return build(
        p.dsn, p.migration_set(), to=to, schema=p.schema, policy=policy if policy is not None else p.policy()
    )


def dry_run(
    project: Project,
    *,
    shadow_dsn: str | None = None,
    sample_rows: int = 0,
    to: Version | None = None,
    policy: ExecutionPolicy | None = None,
    log_file: Path | None = None,
) -> DryRunReport:
    """The pending migrations (up to `to`) through the real runner on a shadow copy of the database."""
    from migwiz.engine.shadow.dryrun import dry_run as shadow_run

    p = project
    report = shadow_run(
        p.dsn, p.migration_set(), shadow_dsn=shadow_dsn, sample_rows=sample_rows, to=to, schema=p.schema,
        policy=policy if policy is not None else p.policy(), log_file=log_file or p.settings.log_file,
    )  # fmt: skip
    if (foreign := _foreign(p)) is not None:
        report.notices.insert(0, foreign.warning())
    return report


def drift(project: Project, *, shadow_dsn: str | None = None, with_sql: bool = False) -> DriftReport:
    """The database against its applied migrations replayed from the files on a shadow database."""
    from migwiz.engine.schema.drift import drift as find_drift

    settings = project.settings
    return find_drift(
        project.dsn, project.migration_set(), shadow_dsn=shadow_dsn, schema=project.schema,
        ignore=settings.drift_ignore, with_sql=with_sql, baseline=project.baseline(project.dsn),
        snapshots=settings.snapshots,
    )  # fmt: skip


def verify(project: Project, *, shadow_dsn: str | None = None, skip_drift: bool = False) -> VerifyReport:
    """Every check after a migration: drift (unless `skip_drift`), INVALID indexes, NOT VALID constraints,
    unfinished backfills, sequence headroom, statistics freshness."""
    from migwiz.engine.schema.verify import verify as run_checks

    settings = project.settings
    return run_checks(
        project.dsn, project.migration_set(), shadow_dsn=shadow_dsn, schema=project.schema,
        ignore=settings.drift_ignore, skip_drift=skip_drift,
        baseline=() if skip_drift else project.baseline(project.dsn), snapshots=settings.snapshots,
    )  # fmt: skip


def prove_rollback(
    project: Project,
    *,
    shadow_dsn: str | None = None,
    versions: Sequence[str] = (),
    pending: bool = False,
    with_data: bool = False,
    tolerance: Tolerance | None = None,
    snapshots: bool = True,
) -> RollbackReport:
    """`test-rollback`: prove on a shadow database that each down undoes its up and that up runs again
    after it, for every migration, the `pending` ones (from the target's schema) or `versions`."""
    from migwiz.engine.rollback.prove import test_rollback as prove

    mset = project.migration_set()
    which: Which = "pending" if pending else [mset.version(v) for v in versions] if versions else "all"
    dsn = project.dsn if project.dsn_given else None
    return prove(
        dsn, mset, shadow_dsn=shadow_dsn, which=which, with_data=with_data, schema=project.schema,
        baseline=project.baseline(dsn), tolerance=tolerance or project.tolerance(),
        snapshots=project.settings.snapshots and snapshots,
    )  # fmt: skip


def adopt(project: Project, tool: str, *, table: str | None = None, dry_run: bool = False) -> AdoptReport:
    """Import `tool`'s history into migwiz's (its own table is left untouched); an adopted database records
    the configured baseline, when it has none yet."""
    from migwiz.engine.adopt import adopt as import_history

    report = import_history(
        project.dsn, project.migration_set(), tool, schema=project.schema, table=table, dry_run=dry_run,
        log_file=project.settings.log_file,
    )  # fmt: skip
    if project.settings.baseline and not dry_run:  # an adopted database knows its baseline from now on
        with connect(project.dsn, autocommit=True, purpose="baseline") as conn:
            if not read_baseline(conn, project.schema):
                record_baseline(conn, project.baseline(None), project.schema)  # baseline_through too
    return report


def baseline(project: Project, files: Sequence[Path] = ()) -> list[BaselineFile]:
    """Record `files` (in order) as the schema before the first migration, when given; then the recorded
    baseline."""
    with connect(project.dsn, autocommit=True, purpose="baseline") as conn:
        if files:
            record_baseline(conn, files, project.schema)
        return read_baseline(conn, project.schema)


@dataclass(frozen=True)
class LogFilter:
    """Which events of the central log: a run (id prefix), how far back, the lowest level, a migration."""

    run_id: str | None = None
    since_ms: int | None = None
    min_level: Level | None = None
    version: str | None = None


def read_log(
    project: Project, where: LogFilter = LogFilter(), *, limit: int = 500, follow: bool = False
) -> Iterator[list[tuple[int, Event]]]:
    """The central log's events, oldest first: one batch, then (with `follow`) each new event as it is
    written, until the caller stops iterating. Following a database without migwiz's schema is an error."""
    filters: dict[str, Any] = where.__dict__
    with connect(project.dsn, autocommit=True, purpose="log reader") as conn:
        exists = state_exists(conn, project.schema)
        events = read_events(conn, project.schema, limit=limit, **filters) if exists else []
        yield events
        if not follow:
            return
        if not exists:
            raise UsageError(f"no migwiz schema {project.schema!r} in this database yet: nothing to follow")
        last = events[-1][0] if events else 0
        for item in follow_events(conn, project.schema, after_id=last, **filters):
            yield [item]


@dataclass(frozen=True)
class TraceOutcome:
    """`trace`: the locks each statement of one script took, where it ran, and how."""

    result: TraceResult
    path: Path
    where: str
    in_transaction: bool
    replayed: tuple[str, ...] = ()
    """The predecessors run first (labels, in order), not measured."""
    notice: str | None = None
    """With `on_target`: why the target may not be the schema the script meets in `up`."""


def trace(
    project: Project,
    target: str,
    *,
    on_target: bool = False,
    down: bool = False,
    timeout_s: float = 60.0,
    stdin: Callable[[], str] | None = None,
) -> TraceOutcome:
    """Run one script (a file of any name, a version of the set, or `-` for `stdin`) on a scratch copy of
    the database, or with `on_target` in a rolled-back transaction on the database itself, and record its
    locks. The script runs as `up` would run it (its transaction mode decided the same way); a script of a
    set runs after its predecessors (`migwiz.engine.analysis.trace_set`)."""
    from migwiz.engine.analysis.trace import trace_on_scratch, trace_statements
    from migwiz.engine.analysis.trace_set import on_target_notice, resolve_target, trace_in_set
    from migwiz.engine.sets.transactions import plan_transaction

    chosen = resolve_target(
        target, down, project.migration_set, configured=project.migrations_dir, layout=project.layout,
        stdin=stdin,
    )  # fmt: skip
    with connect(project.dsn, autocommit=True, purpose="trace") as conn:
        major = conn.info.server_version // 10000
    decided = plan_transaction(chosen.script, major)  # `up`'s decision: refusals, automatic mode, unwrapping
    script, in_transaction = decided.script, decided.in_transaction
    if on_target:
        if not in_transaction:
            raise UsageError(
                f"{script.path}: runs {decided.mode()}, committing each statement: tracing it on the "
                "target would apply it",
                "trace it on a scratch copy (drop --on-target)",
            )
        notice = on_target_notice(project.dsn, chosen, project.schema)
        result = trace_statements(project.dsn, script.statements, in_transaction=True, timeout_s=timeout_s)
        return TraceOutcome(result, script.path, "the target (rolled back)", True, notice=notice)
    if chosen.mset is not None:
        result, context = trace_in_set(
            project.dsn, chosen.mset, chosen.index, script, down=chosen.down, in_transaction=in_transaction,
            schema=project.schema, baseline=project.baseline(project.dsn, tolerant=True),
            snapshots=project.settings.snapshots, timeout_s=timeout_s,
        )  # fmt: skip
        replayed = tuple(m.label for m in context.replayed)
        return TraceOutcome(result, script.path, context.describe(), in_transaction, replayed)
    result = trace_on_scratch(
        project.dsn, script.statements, in_transaction=in_transaction, timeout_s=timeout_s
    )
    return TraceOutcome(result, script.path, "a scratch copy", in_transaction)


def new_recipe(project: Project, recipe_id: str, args: Mapping[str, str | None]) -> list[Path]:
    """Write recipe `recipe_id` with `args` into the project's migration folder (else ./migrations) as its
    next versions; the files written."""
    from migwiz.engine.recipes import new_recipe as write

    return write(project.migrations_dir or Path("migrations"), recipe_id, args)
