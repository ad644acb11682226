"""The engine calls the wizard's workers make, each returning plain data for one screen. No Textual here.

Every function opens its own short-lived connection: they run in worker threads, never in a message handler.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from migwiz.engine import commands
from migwiz.engine.analysis import (
    LintReport,
    ScriptLint,
    StatementAnalysis,
    lint_migration_set,
    read_catalog_facts,
)
from migwiz.engine.config import Settings
from migwiz.engine.connect import connect, describe
from migwiz.engine.errors import UsageError
from migwiz.engine.eventlog import Event, read_events
from migwiz.engine.migset import load_migration_set
from migwiz.engine.model import Migration, MigrationSet, Version
from migwiz.engine.state import HistoryRow, read_history, state_exists
from migwiz.engine.status import MigrationStatus

Verdict = Literal["safe", "review", "blocked"]
VERDICT_OF_SEVERITY: dict[str | None, Verdict] = {
    None: "safe",
    "info": "safe",
    "warning": "review",
    "error": "blocked",
}

# Read-only probe of the target (the wizard's first screen). Small and version-independent.
_TARGET_SQL = (
    "SELECT pg_catalog.version(), pg_catalog.current_setting('server_version'),"
    " pg_catalog.pg_database_size(pg_catalog.current_database()), pg_catalog.pg_is_in_recovery(),"
    " pg_catalog.pg_backend_pid()"
)
_SIZES_SQL = (
    "SELECT n.nspname || '.' || c.relname, pg_catalog.pg_total_relation_size(c.oid), c.reltuples::bigint"
    " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
    " WHERE n.nspname || '.' || c.relname = ANY(%s)"
)
_HOLDERS_SQL = (
    "SELECT n.nspname || '.' || c.relname, count(DISTINCT l.pid)"
    " FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_class c ON c.oid = l.relation"
    " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
    " WHERE l.granted AND l.pid <> pg_catalog.pg_backend_pid() AND n.nspname || '.' || c.relname = ANY(%s)"
    " GROUP BY 1"
)


@dataclass(frozen=True)
class TargetInfo:
    """The target server and database, and what the operator should know before going on."""

    where: str  # user@host:port/db, never a password
    database: str
    user: str
    server_version: str
    major: int
    size_bytes: int
    in_recovery: bool
    migwiz_schema: bool
    current_version: str | None
    applied: int
    pending: int
    migrations_dir: Path | None
    warnings: tuple[str, ...] = ()


def target_info(dsn: str, settings: Settings) -> TargetInfo:
    """Probe the target: version, size, role, current migration version and warnings."""
    warnings: list[str] = []
    with connect(dsn, autocommit=True, purpose="wizard") as conn:
        row = conn.execute(_TARGET_SQL).fetchone()
        assert row is not None
        _, version, size, in_recovery, pid = row
        second = conn.execute("SELECT pg_catalog.pg_backend_pid()").fetchone()
        if second is not None and second[0] != pid:
            warnings.append(
                "the backend changed between two statements: a pooler in transaction mode (PgBouncer?) sits"
                " in front; session settings such as lock_timeout may not stick: connect directly"
            )
        if in_recovery:
            warnings.append("this server is a replica (in recovery): migrations must run on the primary")
        initialised = state_exists(conn, settings.schema)
        history = read_history(conn, settings.schema) if initialised else []
        if not initialised:
            warnings.append(
                f"the {settings.schema} schema does not exist yet: it is created by the first run"
            )
        major = conn.info.server_version // 10000
        database = conn.info.dbname
        user = conn.info.user
    applied = [h for h in history if h.success]
    current = max((Version(h.version) for h in applied), default=None)
    pending = 0
    if settings.migrations_dir is not None and settings.migrations_dir.is_dir():
        mset = load_migration_set(settings.migrations_dir)
        done = {Version(h.version) for h in applied}
        pending = sum(1 for m in mset.migrations if m.version not in done)
    else:
        warnings.append("no migration folder: pass --dir or add `dir` to migwiz.toml")
    return TargetInfo(
        where=describe(dsn),
        database=database,
        user=user,
        server_version=str(version),
        major=major,
        size_bytes=int(size),
        in_recovery=bool(in_recovery),
        migwiz_schema=initialised,
        current_version=str(current) if current else None,
        applied=len(applied),
        pending=pending,
        migrations_dir=settings.migrations_dir,
        warnings=tuple(warnings),
    )


@dataclass(frozen=True)
class PendingInfo:
    """The migration set, every migration's status and the lint of what is not applied yet."""

    mset: MigrationSet
    statuses: list[MigrationStatus]
    lint: LintReport
    initialised: bool

    def script_lint(self, path: Path) -> ScriptLint | None:
        """The analysis of one script file."""
        return next((f for f in self.lint.files if f.path == path), None)

    def verdict(self, migration: Migration) -> Verdict:
        """safe / review / blocked from the worst finding of the up script."""
        found = self.script_lint(migration.up.path)
        if found is None:
            return "safe"
        severities = {f.severity for f in found.findings} | {
            f.severity for st in found.statements for f in st.findings
        }
        worst = next((s for s in ("error", "warning", "info") if s in severities), None)
        return VERDICT_OF_SEVERITY[worst]


def migration_set(settings: Settings) -> MigrationSet:
    """The configured migration folder, loaded."""
    folder = settings.migrations_dir
    if folder is None or not folder.is_dir():
        raise UsageError("no migration folder", 'pass --dir PATH or add `dir = "..."` to migwiz.toml')
    return load_migration_set(folder)


def pending_info(dsn: str, settings: Settings) -> PendingInfo:
    """Status and lint (with the live catalog) of the configured migration set."""
    mset = migration_set(settings)
    result = commands.status(dsn, mset, schema=settings.schema)
    with connect(dsn, autocommit=True, purpose="wizard") as conn:
        catalog = read_catalog_facts(conn)
        major = conn.info.server_version // 10000
    applied = {s.version for s in result.statuses if s.state == "applied"}
    todo = MigrationSet(mset.root, mset.layout, tuple(m for m in mset.migrations if m.version not in applied))
    lint = lint_migration_set(todo, pg_version=major, catalog=catalog)
    return PendingInfo(mset, result.statuses, lint, result.initialised)


# -- impact ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImpactRow:
    """One lock one statement takes, with what it means right now."""

    version: str
    statement: int  # 1-based index in its script
    line: int
    kind: str
    mode: str
    relation: str
    size_bytes: int | None
    rows: int | None
    est_seconds: float | None
    blockers: int | None  # sessions holding a lock on the relation right now
    blocks: str
    rewrite: bool
    fix: str | None
    severity: str | None

    @property
    def key(self) -> str:
        """Stable row key."""
        return f"{self.version}:{self.statement}:{self.relation}"


@dataclass(frozen=True)
class ImpactReport:
    """The impact of every statement about to run, and the overall verdict."""

    direction: Literal["up", "down"]
    rows: tuple[ImpactRow, ...]
    verdict: str  # safe / review / blocked (static), or the planner's safe / quiet_window / dangerous
    reasons: tuple[str, ...] = ()
    source: str = "static analysis and catalog sizes"
    verdicts: tuple[tuple[str, str], ...] = ()  # (version, verdict) per migration


# Rough throughput used to guess how long a scan or rewrite takes when nothing better is known.
_SCAN_BYTES_PER_S = 200e6
_REWRITE_BYTES_PER_S = 60e6


def _guess_seconds(analysis: StatementAnalysis, relation: str, size: int | None) -> float | None:
    if size is None:
        return None
    if relation in analysis.rewrites:
        return size / _REWRITE_BYTES_PER_S
    if relation in analysis.scans:
        return size / _SCAN_BYTES_PER_S
    return 0.0


def impact_report(
    dsn: str,
    mset: MigrationSet,
    migrations: list[Migration],
    *,
    direction: Literal["up", "down"] = "up",
) -> ImpactReport:
    """Per statement of `migrations` (their up or down scripts): lock, relation, size, rows, estimated
    duration, sessions holding a lock on it now, and the fix the analysis suggests."""
    with connect(dsn, autocommit=True, purpose="wizard") as conn:
        catalog = read_catalog_facts(conn)
        major = conn.info.server_version // 10000
        chosen = MigrationSet(mset.root, mset.layout, tuple(migrations))
        if direction == "up":
            lint = lint_migration_set(chosen, pg_version=major, catalog=catalog)
            scripts = [(m, m.up) for m in migrations]
        else:
            lint = lint_migration_set(chosen, pg_version=major, catalog=None)
            scripts = [(m, m.down) for m in migrations if m.down is not None]
        by_path = {f.path: f for f in lint.files}
        relations = sorted(
            {
                lock.relation
                for _, script in scripts
                if script.path in by_path
                for st in by_path[script.path].statements
                for lock in st.own_locks
            }
        )
        sizes = {r[0]: (int(r[1]), int(r[2])) for r in conn.execute(_SIZES_SQL, (relations,)).fetchall()}
        holders = {r[0]: int(r[1]) for r in conn.execute(_HOLDERS_SQL, (relations,)).fetchall()}
    rows: list[ImpactRow] = []
    reasons: list[str] = []
    worst: str | None = None
    for migration, script in scripts:
        found = by_path.get(script.path)
        if found is None:
            continue
        for index, st in enumerate(found.statements, start=1):
            findings = sorted(st.findings, key=lambda f: ("error", "warning", "info").index(f.severity))
            top = findings[0] if findings else None
            if top is not None and (worst is None or top.severity == "error"):
                worst = top.severity if worst != "error" else worst
            for f in findings:
                if f.severity != "info":
                    reasons.append(f"{migration.version} statement {index}: {f.message}")
            for lock in st.own_locks or ():
                size, tuples = sizes.get(lock.relation, (None, None))
                rows.append(
                    ImpactRow(
                        version=str(migration.version),
                        statement=index,
                        line=st.statement.line,
                        kind=st.kind,
                        mode=lock.mode,
                        relation=lock.relation,
                        size_bytes=size,
                        rows=max(tuples, 0) if tuples is not None else None,
                        est_seconds=_guess_seconds(st, lock.relation, size),
                        blockers=holders.get(lock.relation, 0),
                        blocks=st.blocks,
                        rewrite=lock.relation in st.rewrites,
                        fix=top.fix if top else None,
                        severity=top.severity if top else None,
                    )
                )
    return ImpactReport(direction, tuple(rows), VERDICT_OF_SEVERITY[worst], tuple(reasons))


# -- incident rollback -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecentChanges:
    """What changed recently: applied migrations newest first, and recent runs from the central log."""

    applied: tuple[HistoryRow, ...]
    runs: tuple[Event, ...]
    mset: MigrationSet
    statuses: tuple[MigrationStatus, ...] = field(default_factory=tuple)


def recent_changes(dsn: str, settings: Settings, *, days: int = 14) -> RecentChanges:
    """Applied migrations (newest first) and the run events of the last `days` days."""
    mset = migration_set(settings)
    with connect(dsn, autocommit=True, purpose="wizard") as conn:
        history = read_history(conn, settings.schema)
        events: list[tuple[int, Event]] = []
        if state_exists(conn, settings.schema):
            events = read_events(conn, settings.schema, since_ms=days * 86_400_000, limit=400)
    result = commands.status(dsn, mset, schema=settings.schema)
    applied = sorted((h for h in history if h.success), key=lambda h: Version(h.version), reverse=True)
    runs = tuple(e for _, e in events if e.step == "run")
    return RecentChanges(tuple(applied), tuple(reversed(runs)), mset, tuple(result.statuses))


# -- verify ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    """One verification: passed or not, with details (a diff) when not."""

    name: str
    ok: bool
    detail: str = ""
    status: str = ""  # pass / warn / fail / skip when the engine says more than ok


@dataclass(frozen=True)
class VerifyReport:
    """Verification and rollback-test results after a run."""

    checks: tuple[Check, ...]

    @property
    def ok(self) -> bool:
        """Every check passed."""
        return all(c.ok for c in self.checks)


def verify_after_run(
    dsn: str, settings: Settings, *, expect_applied: list[str], expect_pending: list[str]
) -> VerifyReport:
    """Check that history matches what the run was meant to do."""
    mset = migration_set(settings)
    statuses = {str(s.version): s for s in commands.status(dsn, mset, schema=settings.schema).statuses}
    checks: list[Check] = []
    wrong = [v for v in expect_applied if statuses.get(v) is None or statuses[v].state != "applied"]
    checks.append(
        Check(
            "history: migrations recorded as applied",
            not wrong,
            "not applied: " + ", ".join(wrong) if wrong else f"{len(expect_applied)} applied",
        )
    )
    still = [v for v in expect_pending if statuses.get(v) is None or statuses[v].state != "pending"]
    checks.append(
        Check(
            "history: reverted migrations gone",
            not still,
            "still recorded: " + ", ".join(still) if still else f"{len(expect_pending)} reverted",
        )
    )
    broken = [f"{v} ({s.state})" for v, s in statuses.items() if s.state not in ("applied", "pending")]
    checks.append(
        Check("history: nothing failed or edited", not broken, ", ".join(broken) or "every row consistent")
    )
    return VerifyReport(tuple(checks))


def describe_when(at: datetime | None) -> str:
    """A timestamp as the wizard shows it."""
    return f"{at:%Y-%m-%d %H:%M}" if at else ""


def as_list(value: Any) -> list[Any]:
    """A tuple/list as a list (None: empty)."""
    return list(value) if value else []


def impact_from_plan(report: Any) -> ImpactReport:
    """The planner's `PlanReport` as impact rows: one per lock of each statement."""
    rows: list[ImpactRow] = []
    reasons: list[str] = []
    for m in report.migrations:
        for r in m.reasons:
            if r.verdict != "safe":
                reasons.append(f"{m.version}: {r.message}")
        for index, st in enumerate(m.statements, start=1 + m.resumes_after):
            sizes = {s.relation: s for s in st.sizes}
            fix = next((f.fix for f in st.findings if f.fix), None)
            if fix is None:
                fix = next((r.fix for r in m.reasons if r.fix and r.line == st.line), None)
            severity = next((f.severity for f in st.findings), None)
            for lock in st.locks:
                size = sizes.get(lock.relation)
                step_s = sum(step.seconds for step in st.steps if step.relation == lock.relation)
                rows.append(
                    ImpactRow(
                        version=m.version,
                        statement=index,
                        line=st.line,
                        kind=st.kind,
                        mode=lock.mode,
                        relation=lock.relation,
                        size_bytes=size.total_bytes if size else None,
                        rows=size.rows if size else None,
                        est_seconds=step_s if st.steps else st.estimate_s,
                        blockers=sum(1 for b in st.blockers if b.relation == lock.relation),
                        blocks=st.blocks,
                        rewrite=lock.relation in st.rewrites,
                        fix=fix,
                        severity=severity,
                    )
                )
    return ImpactReport(
        "up",
        tuple(rows),
        str(report.verdict),
        tuple(reasons),
        source="planner: live sizes, calibrated estimates, current lock holders"
        if report.throughput.calibrated
        else "planner: live sizes, default throughput, current lock holders",
        verdicts=tuple((m.version, str(m.verdict)) for m in report.migrations),
    )


def plan_impact(dsn: str, settings: Settings, policy_lock_timeout_ms: int | None = None) -> ImpactReport:
    """The impact of the pending migrations, from the engine's planner."""
    from migwiz.engine.plan import plan
    from migwiz.engine.runner import ExecutionPolicy

    mset = migration_set(settings)
    policy = ExecutionPolicy(lock_timeout_ms=policy_lock_timeout_ms or settings.lock_timeout_ms)
    return impact_from_plan(plan(dsn, mset, schema=settings.schema, policy=policy))


def down_impact(dsn: str, settings: Settings, to: Version) -> ImpactReport:
    """The impact of the down scripts that revert every migration newer than `to`, newest first."""
    mset = migration_set(settings)
    result = commands.status(dsn, mset, schema=settings.schema)
    chosen = [
        s.migration
        for s in sorted(result.statuses, key=lambda s: s.version, reverse=True)
        if s.state in ("applied", "failed") and s.version > to and s.migration is not None
    ]
    return impact_report(dsn, mset, chosen, direction="down")


def verify_target(dsn: str, settings: Settings) -> VerifyReport:
    """The engine's verification: drift against the files (on a shadow), INVALID indexes, NOT VALID
    constraints, unfinished backfills, sequence headroom, statistics freshness."""
    from migwiz.engine.schema.diff import format_diff
    from migwiz.engine.verify import verify

    report = verify(
        dsn, migration_set(settings), schema=settings.schema, ignore=settings.drift_ignore,
        baseline=settings.baseline,
    )  # fmt: skip
    checks = []
    for c in report.checks:
        lines = [c.sentence, *c.details]
        if c.name == "drift" and report.drift is not None and report.drift.drifted:
            lines.append(format_diff(report.drift.differences))
        lines.extend(f"fix: {statement}" for statement in c.sql)
        checks.append(Check(c.name, c.status != "fail", "\n".join(lines), c.status))
    return VerifyReport(tuple(checks))


def verify_rollback(dsn: str, settings: Settings, versions: list[str]) -> Check:
    """Up → down → up of the migrations the run touched, on a shadow database."""
    from migwiz.engine.rollback_test import test_rollback

    if not versions:
        return Check("rollback test: up → down → up on a shadow", True, "nothing ran: nothing to test")
    mset = migration_set(settings)
    report = test_rollback(
        dsn, mset, which=[Version(v) for v in versions], schema=settings.schema, baseline=settings.baseline
    )
    lines = []
    for r in report.results:
        lines.append(f"{r.label}: {r.result}" + (f" at {r.step}" if r.step else ""))
        if r.result == "failed":
            lines.extend("    " + line for line in r.details().splitlines())
        lines.extend(f"    {note}" for note in (*r.data_loss, *r.notes))
    return Check("rollback test: up → down → up on a shadow", report.ok, "\n".join(lines))


# -- dry run -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DryRunRow:
    """One statement as it ran on the shadow database."""

    version: str
    statement: int
    line: int
    sql: str
    locks: tuple[str, ...]  # "AccessExclusive public.orders"
    rewrites: tuple[str, ...]
    duration_ms: float
    error: str | None


@dataclass(frozen=True)
class DryRunView:
    """The dry run of every pending migration, statement by statement."""

    where: str
    rows: tuple[DryRunRow, ...]
    notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """No statement failed."""
        return all(r.error is None for r in self.rows)


def dry_run(dsn: str, settings: Settings) -> DryRunView:
    """Run the pending migrations on a shadow copy of the target's schema (no data), tracing each statement's
    locks, rewrites, time and error; each migration is then applied there so the next one sees its schema."""
    from migwiz.engine.eventlog import EventLog
    from migwiz.engine.scratch import copy_schema
    from migwiz.engine.shadow import copy_history, shadow_database, shadow_runner
    from migwiz.engine.trace import trace_statements

    mset = migration_set(settings)
    result = commands.status(dsn, mset, schema=settings.schema)
    todo = [s.migration for s in result.statuses if s.state == "pending" and s.migration is not None]
    with connect(dsn, autocommit=True, purpose="wizard") as conn:
        history = read_history(conn, settings.schema)
    rows: list[DryRunRow] = []
    notes = ["the shadow has the target's schema but no rows: timings show catalog work, not data work"]
    with shadow_database(dsn, purpose="dry-run") as shadow:
        copy_schema(dsn, shadow.dsn)
        copy_history(shadow, history, schema=settings.schema)
        for migration in todo:
            traced = trace_statements(
                shadow.dsn, migration.up.statements, in_transaction=migration.up.directives.transaction
            )
            failed = False
            for index, t in enumerate(traced.statements, start=1):
                rows.append(
                    DryRunRow(
                        version=str(migration.version),
                        statement=index,
                        line=t.statement.line,
                        sql=" ".join(t.statement.sql.split()),
                        locks=tuple(
                            f"{lock.mode.removesuffix('Lock')} {lock.relation}" for lock in t.own_locks
                        ),
                        rewrites=t.rewrites,
                        duration_ms=t.duration_ms,
                        error=t.error if t.method != "skipped" else "skipped: an earlier statement failed",
                    )
                )
                failed = failed or t.error is not None
            if failed:
                notes.append(f"{migration.version} failed on the shadow: later migrations were not tried")
                break
            if migration.up.directives.transaction:
                runner = shadow_runner(shadow, mset, EventLog(), schema=settings.schema)
                try:
                    runner.up(migration.version)
                finally:
                    runner.close()
    return DryRunView(shadow.label, tuple(rows), tuple(notes))
