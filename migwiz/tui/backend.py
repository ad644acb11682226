"""The engine calls the wizard's workers make, each returning plain data for one screen. No Textual here.

Every function takes the wizard's one `Project` (its migration set loaded once per session) and opens its own
short-lived connection: they run in worker threads, never in a message handler.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from migwiz.engine import commands
from migwiz.engine.errors import MigwizError, UsageError, one_line
from migwiz.engine.types import (
    DryRunReport,
    Event,
    ExecutionPolicy,
    HistoryRow,
    LintReport,
    Migration,
    MigrationPlan,
    MigrationSet,
    MigrationStatus,
    PlanReport,
    Project,
    ScriptLint,
    TargetInfo,
    Version,
)

LintWord = Literal["clean", "warnings", "errors"]
LINT_WORD_OF_SEVERITY: dict[str | None, LintWord] = {
    None: "clean",
    "info": "clean",
    "warning": "warnings",
    "error": "errors",
}
"""Without the planner, a migration is judged by its lint findings only, in words that cannot be mistaken
for the planner's verdicts (safe / needs a quiet window / dangerous)."""


def verdict_label(verdict: str) -> str:
    """A verdict as the wizard writes it: the planner's words, or the lint words unchanged.

    >>> verdict_label("quiet_window"), verdict_label("warnings")
    ('quiet window', 'warnings')
    """
    return verdict.replace("_", " ")


def policy_for(
    project: Project, *, lock_timeout_ms: int | None = None, allow_edited: bool = False
) -> ExecutionPolicy:
    """The execution policy the wizard runs (and plans) with: the configured timeouts and retries;
    `allow_edited` once the operator confirmed rolling back over edited applied files."""
    return project.policy(lock_timeout_ms=lock_timeout_ms, allow_edited=allow_edited)


@dataclass(frozen=True)
class TargetView:
    """The engine's `TargetInfo` with the migration folder's side: pending count and warnings."""

    info: TargetInfo
    pending: int
    migrations_dir: Path | None
    warnings: tuple[str, ...] = ()
    others: tuple[tuple[str, int], ...] = ()
    """How many migrations stand otherwise than applied or pending (stopped, failed...), as `status` says."""


def target_info(project: Project) -> TargetView:
    """Probe the target (engine `target_info`) and count what the migration folder has pending."""
    settings = project.settings
    mset = project.migration_set() if project.has_migrations() else None
    info = commands.target_info(project)
    warnings = list(info.warnings())
    pending = 0
    others: dict[str, int] = {}
    if mset is not None:
        result = commands.status(project)  # migwiz's own view, and another tool's history if it has none
        states = [s.standing.state for s in result.statuses]  # the one derivation `status` shows
        pending = states.count("pending")
        for state in states:
            if state not in ("applied", "pending"):
                others[state] = others.get(state, 0) + 1
        warnings.extend(commands.attention(result.statuses))  # the standing `status` shows: stopped at N %…
        if result.foreign is not None:
            warnings.append(result.foreign.warning())
    else:
        warnings.append("no migration folder: pass --dir or add `dir` to migwiz.toml")
    return TargetView(info, pending, settings.migrations_dir, tuple(warnings), tuple(others.items()))


@dataclass(frozen=True)
class PendingInfo:
    """The migration set, every migration's status, the lint of what is not applied yet and, when the
    planner could run, its verdict per pending migration."""

    mset: MigrationSet
    statuses: list[MigrationStatus]
    lint: LintReport
    initialised: bool
    verdicts: dict[str, str] | None = None
    """Planner verdict (safe / quiet_window / dangerous) by version; None when the plan failed."""
    plan_error: str | None = None
    notices: tuple[str, ...] = ()
    """As `status` gives them: files the tool ignores, pending migrations sorting before an applied one."""
    reasons: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Why the planner gave a pending migration a verdict other than safe (its reasons, as Impact says
    them), by version."""

    def script_lint(self, path: Path) -> ScriptLint | None:
        """The analysis of one script file."""
        return next((f for f in self.lint.files if f.path == path), None)

    def lint_word(self, migration: Migration) -> LintWord:
        """clean / warnings / errors from the worst finding of the up script."""
        found = self.script_lint(migration.up.path)
        if found is None:
            return "clean"
        severities = {f.severity for f in found.findings} | {
            f.severity for st in found.statements for f in st.findings
        }
        worst = next((s for s in ("error", "warning", "info") if s in severities), None)
        return LINT_WORD_OF_SEVERITY[worst]

    def verdict(self, migration: Migration) -> str:
        """The planner's verdict when the plan ran, else the lint word."""
        if self.verdicts is not None and str(migration.version) in self.verdicts:
            return self.verdicts[str(migration.version)]
        return self.lint_word(migration)


def migration_set(project: Project) -> MigrationSet:
    """The project's migration folder, loaded (once per project)."""
    if not project.has_migrations():
        raise UsageError("no migration folder", 'pass --dir PATH or add `dir = "..."` to migwiz.toml')
    return project.migration_set()


def pending_info(p: Project) -> PendingInfo:
    """Status (another tool's unadopted history included, as `status` says it), lint (with the live
    catalog) and the planner's verdicts of the configured migration set."""
    mset, settings = migration_set(p), p.settings
    result = commands.status(p)
    assert settings.migrations_dir is not None
    lint = commands.lint(p, [settings.migrations_dir], online=True)
    verdicts: dict[str, str] | None = None
    error: str | None = None
    try:
        report = commands.plan(p, policy=policy_for(p))
        verdicts = {m.version: str(m.verdict) for m in report.migrations}
        reasons = {m.version: why_not_safe(m) for m in report.migrations if m.verdict != "safe"}
    except MigwizError as exc:
        error, reasons = one_line(exc), {}
    notices = result.notices if result.foreign is None else (*result.notices, result.foreign.hint())
    return PendingInfo(mset, result.shown, lint, result.initialised, verdicts, error, notices, reasons)


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
    hold_seconds: float | None = None
    """How long the lock is held: to the end of its transaction, through later statements' work."""

    @property
    def key(self) -> str:
        """Stable row key."""
        return f"{self.version}:{self.statement}:{self.relation}"


@dataclass(frozen=True)
class ImpactReport:
    """The impact of every statement about to run, and the overall verdict."""

    direction: Literal["up", "down"]
    rows: tuple[ImpactRow, ...]
    verdict: str  # the planner's safe / quiet_window / dangerous
    reasons: tuple[str, ...] = ()
    source: str = "static analysis and catalog sizes"
    verdicts: tuple[tuple[str, str], ...] = ()  # (version, verdict) per migration


# -- incident rollback -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecentChanges:
    """What changed recently: applied migrations newest first, and recent runs from the central log."""

    applied: tuple[HistoryRow, ...]
    runs: tuple[Event, ...]
    mset: MigrationSet
    statuses: tuple[MigrationStatus, ...] = field(default_factory=tuple)


def recent_changes(p: Project, *, days: int = 14) -> RecentChanges:
    """Applied migrations (newest first) and the run events of the last `days` days."""
    mset = migration_set(p)
    history, runs = commands.recent_history(p, days=days)
    result = commands.status(p, foreign=False)
    applied = sorted((h for h in history if h.success), key=lambda h: mset.version(h.version), reverse=True)
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
        """No check failed (a skipped check did not fail, but did not pass either: see `passed`)."""
        return all(c.ok for c in self.checks)

    @property
    def skipped(self) -> tuple[Check, ...]:
        """Checks that did not run."""
        return tuple(c for c in self.checks if c.status == "skip")

    @property
    def passed(self) -> bool:
        """Every check ran and none failed."""
        return self.ok and not self.skipped

    def verdict(self) -> str:
        """One line: every check passed (and how many warn) / N failed / N did not run."""
        failed = sum(1 for c in self.checks if not c.ok)
        warned = sum(1 for c in self.checks if c.ok and c.status == "warn")
        parts = [f"{failed} check(s) failed"] if failed else []
        if self.skipped:
            parts.append(
                f"{len(self.skipped)} did not run" if parts else f"{len(self.skipped)} check(s) did not run"
            )
        if not parts:
            parts.append("every check passed")
        return " · ".join([*parts, f"{warned} with a warning"] if warned else parts)


def verify_after_run(p: Project, *, expect_applied: list[str], expect_pending: list[str]) -> VerifyReport:
    """Check that history matches what the run was meant to do."""
    migration_set(p)
    statuses = {str(s.version): s for s in commands.status(p, foreign=False).statuses}
    checks: list[Check] = []
    wrong = [v for v in expect_applied if statuses.get(v) is None or statuses[v].state != "applied"]
    if expect_applied:  # a check with nothing to check is left out, never a tick
        checks.append(
            Check(
                "history: migrations recorded as applied",
                not wrong,
                "not applied: " + ", ".join(wrong) if wrong else ", ".join(expect_applied) + " applied",
            )
        )
    still = [v for v in expect_pending if statuses.get(v) is None or statuses[v].state != "pending"]
    if expect_pending:
        checks.append(
            Check(
                "history: reverted migrations gone",
                not still,
                "still recorded: " + ", ".join(still) if still else ", ".join(expect_pending) + " reverted",
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


_UNCALIBRATED = re.compile(r" \(uncalibrated estimate: [^)]*\)")


def why_not_safe(migration: MigrationPlan) -> tuple[str, ...]:
    """A migration's reasons for a verdict other than safe, worst first, in the words Impact uses."""
    return tuple(_UNCALIBRATED.sub("", r.message) for r in migration.reasons if r.verdict != "safe")


def impact_from_plan(report: PlanReport) -> ImpactReport:
    """The planner's `PlanReport` as impact rows: one per lock of each statement."""
    rows: list[ImpactRow] = []
    reasons: list[str] = list(report.notices)  # another tool's unadopted history, said once, first
    for m in report.migrations:
        for r in m.reasons:
            if r.verdict != "safe":  # calibration is named once, by the source line, not in every reason
                reasons.append(f"{m.version}: {_UNCALIBRATED.sub('', r.message)}")
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
                        hold_seconds=st.hold_s,
                    )
                )
    return ImpactReport(
        report.direction,
        tuple(rows),
        str(report.verdict),
        tuple(reasons),
        source="planner: live sizes, calibrated estimates, current lock holders"
        if report.throughput.calibrated
        else "planner: live sizes, default throughput (uncalibrated), current lock holders",
        verdicts=tuple((m.version, str(m.verdict)) for m in report.migrations),
    )


def plan_impact(p: Project, to: Version | None = None) -> ImpactReport:
    """The impact of the pending migrations (up to `to`), from the engine's planner."""
    migration_set(p)
    return impact_from_plan(commands.plan(p, policy=policy_for(p), to=to))


def down_impact(p: Project, to: Version) -> ImpactReport:
    """The impact of the down scripts that revert every migration newer than `to`, newest first."""
    migration_set(p)
    return impact_from_plan(commands.plan_down(p, to=to, policy=policy_for(p)))


def verify_target(p: Project) -> VerifyReport:
    """The engine's verification: drift against the files (on a shadow), INVALID indexes, NOT VALID
    constraints, unfinished backfills, sequence headroom, statistics freshness."""
    migration_set(p)
    report = commands.verify(p)
    checks = []
    for c in report.checks:
        lines = [c.sentence, *(d for d in c.details if d not in c.sentence)]
        if c.name == "drift" and report.drift is not None and report.drift.drifted:
            lines.append(commands.format_diff(report.drift.differences))
        lines.extend(f"fix: {statement}" for statement in c.sql)
        checks.append(Check(c.name, c.status != "fail", "\n".join(lines), c.status))
    return VerifyReport(tuple(checks))


def verify_rollback(p: Project, versions: list[str]) -> Check:
    """Up → down → up of the migrations the run touched, on a shadow database."""
    name = "rollback test: up → down → up on a shadow"
    if not versions:
        return Check(name, True, "nothing ran: nothing to test", "skip")
    migration_set(p)
    report = commands.prove_rollback(p, versions=versions)
    lines = []
    for r in report.results:
        lines.append(f"{r.label}: {r.result}" + (f" at {r.step}" if r.step else ""))
        if r.result == "failed":
            lines.extend("    " + line for line in r.details().splitlines())
        lines.extend(f"    {note}" for note in (*r.data_loss, *r.notes))
    skipped = [r for r in report.results if r.result == "skipped"]
    if report.ok and (skipped or not report.results):
        for r in skipped:
            lines.append(f"    not tested: {r.message}" if r.message else "    not tested")
        return Check(name, True, "\n".join(lines) or "no migration was tested", "skip")
    return Check(name, report.ok, "\n".join(lines), "" if report.ok else "fail")


# -- dry run ------------------------------------------------------------------------------------------------


def dry_run(p: Project, to: Version | None = None) -> DryRunReport:
    """The engine's dry run: the pending migrations (up to `to`) through the real Runner on a shadow copy
    of the target's schema, statement by statement."""
    migration_set(p)
    return commands.dry_run(p, to=to, policy=policy_for(p))
