"""Human output of `migwiz plan`: per migration its verdict, reasons and fixes, then a table per statement."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from migwiz.console import tables
from migwiz.engine import humanize
from migwiz.engine.types import VERDICT_TEXT, MigrationPlan, PlanReport, StatementPlan, Verdict
from migwiz.present import VERDICT_STYLES, UnitText

REASON_MARKS: dict[Verdict, str] = {
    "safe": "note",
    "unverified": "unverified",
    "quiet_window": "wait",
    "dangerous": "DANGER",
}


def _first_line(sql: str, width: int = 60) -> str:
    line = " ".join(sql.split())
    return line if len(line) <= width else line[: width - 1] + "…"


def _sizes(stmt: StatementPlan) -> str:
    parts = []
    for s in stmt.sizes:
        if s.kind in ("i", "I"):
            parts.append(f"{s.relation} {humanize.size(s.total_bytes)}")
        else:
            rows = humanize.count(s.rows, "rows")
            guessed = "" if s.rows_source == "reltuples" else "~"
            parts.append(
                f"{s.relation} {humanize.size(s.total_bytes)} (heap {humanize.size(s.heap_bytes)}, "
                f"indexes {humanize.size(s.index_bytes)}), {guessed}{rows}"
            )
    return "\n".join(parts) or "new"


def _locks(stmt: StatementPlan) -> str:
    return "\n".join(f"{x.mode} {x.relation}" for x in stmt.locks) or "–"


def statement_table(migration: MigrationPlan) -> Table:
    """One row per statement: line, SQL, locks, sizes, estimate, blockers."""
    t = tables.table(*("line", "statement", "locks", "size / rows", "estimate", "blocked by"))
    for stmt in migration.statements:
        blockers = "\n".join(
            f"{b.kind.replace('_', ' ')} {b.pid if b.pid is not None else b.gid}" for b in stmt.blockers
        )
        estimate = humanize.duration(stmt.estimate_s) if stmt.steps else "–"
        t.add_row(
            str(stmt.line),
            _first_line(stmt.sql),
            _locks(stmt),
            _sizes(stmt),
            estimate,
            Text(blockers, style="red") if blockers else "–",
        )
    return t


def migration_view(migration: MigrationPlan, *, wrap: bool = False) -> RenderableType:
    """A migration's heading with its verdict, its reasons with fixes, and its statement table; `wrap`
    (a terminal): reasons wrap at words under their indentation, a number kept with its unit."""
    head = Text(f"{migration.version} {migration.name}  ", style="bold")
    head.append(VERDICT_TEXT[migration.verdict], style=VERDICT_STYLES[migration.verdict])
    mode = "one transaction" if migration.in_transaction else "no transaction"
    head.append(f"  ({mode}, about {humanize.duration(migration.estimate_s)})", style="dim")
    parts: list[RenderableType] = [head]
    if migration.resumes_after:
        parts.append(Text(f"  resumes after statement {migration.resumes_after}", style="dim"))
    for reason in migration.reasons:
        line = Text(f"{REASON_MARKS[reason.verdict]}: ", style=VERDICT_STYLES[reason.verdict])
        line.append(reason.message)
        parts.append(Padding(UnitText(line), (0, 0, 0, 2)) if wrap else Text("  ").append_text(line))
        if reason.fix and reason.verdict != "safe":
            parts.append(Text("    fix: " + reason.fix.replace("\n", "\n         "), style="dim"))
    parts.append(statement_table(migration))
    return Group(*parts)


def plan_view(report: PlanReport, *, wrap: bool = False) -> RenderableType:
    """The whole report: one block per pending migration, then a summary line (`wrap`: for a terminal)."""
    parts: list[RenderableType] = []
    for notice in report.notices:
        line = Text("warning: ", style=VERDICT_STYLES["dangerous"]).append(notice)
        parts.extend([UnitText(line) if wrap else line, Text("")])
    for migration in report.migrations:
        parts.extend([migration_view(migration, wrap=wrap), Text("")])
    counts = {v: sum(1 for m in report.migrations if m.verdict == v) for v in VERDICT_TEXT}
    summary = ", ".join(f"{n} {VERDICT_TEXT[v]}" for v, n in counts.items() if n) or "nothing pending"
    rate = report.throughput
    calibration = (
        f"calibrated {rate.measured_at:%Y-%m-%d %H:%M}" if rate.calibrated and rate.measured_at
        else "calibrated" if rate.calibrated
        else "uncalibrated estimates (conservative defaults; `migwiz plan --calibrate` measures this server)"
    )  # fmt: skip
    last = Text(
        f"{len(report.migrations)} pending on {report.database} "
        f"(PostgreSQL {report.server_version // 10000}): "
        f"{summary}; {calibration}; planned in {humanize.duration(report.elapsed_s)}"
    )
    parts.append(UnitText(last) if wrap else last)
    return Group(*parts)


def print_plan(report: PlanReport, console: Console) -> None:
    """Print the report."""
    console.print(plan_view(report, wrap=console.is_terminal))
