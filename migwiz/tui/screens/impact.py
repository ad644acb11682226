"""Impact: per statement the lock, relation, size, rows, estimated duration, blockers now and the fix.

Sortable (`s` cycles the sort column) and filterable (`/`). Used for pending ups (from the engine's
planner) and for the down scripts of an incident rollback.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any, ClassVar

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Input, Static

from migwiz.engine import humanize
from migwiz.present import SEVERITY_ROW_STYLES, short_mode
from migwiz.tui import backend
from migwiz.tui.backend import ImpactReport, ImpactRow
from migwiz.tui.messages import ImpactLoaded
from migwiz.tui.screens.base import WizardScreen
from migwiz.tui.verdicts import pending_lint_errors, verdict_text
from migwiz.tui.widgets.fit_table import Col, FitTable
from migwiz.tui.widgets.indent import UnitText, indented
from migwiz.tui.widgets.keyed_table import Cells, selected_key

SORTS: tuple[tuple[str, Callable[[ImpactRow], Any]], ...] = (
    ("order", lambda r: 0),  # the order they run in (downs: newest first); sorted() is stable
    ("size", lambda r: -(r.size_bytes or 0)),
    ("rows", lambda r: -(r.rows or 0)),
    ("duration", lambda r: -(r.est_seconds or 0)),
    ("blockers", lambda r: -(r.blockers or 0)),
    ("lock", lambda r: r.mode),
)


COLUMNS = (  # at 80 columns `fix` keeps 20+ cells: rows, then size, then est. hide (the detail has all)
    Col("version", "ver"),
    Col("statement", "#"),
    Col("lock", "lock"),
    Col("relation", "relation"),  # never cut: a name is whole or it is another name
    Col("size", "size", hide=2),
    Col("rows", "rows", hide=1),
    Col("est", "est.", hide=3),
    Col("blockers", "blk"),
    Col("fix", "fix", flex=True, hide=4),  # last, when the names leave it no 20 cells
)


def _num(value: float | None, fmt: Callable[[float], str]) -> Text:
    return Text(fmt(value) if value is not None else "?", justify="right")


def impact_cells(row: ImpactRow) -> Cells:
    """One table row."""
    style = SEVERITY_ROW_STYLES.get(row.severity or "info", "")
    blockers = Text(str(row.blockers) if row.blockers is not None else "?", justify="right")
    if row.blockers:
        blockers.stylize("bold red")
    return (
        Text(row.version),
        Text(str(row.statement), justify="right"),
        Text(short_mode(row.mode), style=style),
        Text(row.relation, no_wrap=True, overflow="ellipsis"),
        _num(row.size_bytes, humanize.size),
        _num(row.rows, humanize.count),
        _num(row.est_seconds, humanize.duration),
        blockers,
        Text(fix_summary(row.fix), no_wrap=True, overflow="ellipsis"),
    )


def fix_summary(fix: str | None) -> str:
    """The fix on one line, its SQL first (`-- ` comment lines only when it has no SQL).

    >>> fix_summary("-- migwiz:no-transaction\\nCREATE INDEX CONCURRENTLY i ON t (c);")
    'CREATE INDEX CONCURRENTLY i ON t (c);'
    """
    lines = [line.strip() for line in (fix or "").splitlines() if line.strip()]
    sql = [line for line in lines if not line.startswith("--")]
    return " ".join(" ".join(sql or lines).split())


def detail_facts(row: ImpactRow) -> str:
    """Size, rows and the sessions holding a lock on the relation now: what narrow tables hide.

    >>> row = ImpactRow("1", 1, 2, "ALTER TABLE", "AccessExclusiveLock", "public.t", 12_300_000, 40_000,
    ...                 0.2, 2, "reads_and_writes", False, None, None)
    >>> detail_facts(row)
    ' · 12.3 MB, 40 k rows · 2 session(s) hold a lock on it now'
    """
    facts = [humanize.size(row.size_bytes)] if row.size_bytes is not None else []
    if row.rows is not None:
        facts.append(humanize.count(row.rows, "rows"))
    text = f" · {', '.join(facts)}" if facts else ""
    if row.blockers:
        text += f" · {row.blockers} session(s) hold a lock on it now"
    return text


def blocked_for(row: ImpactRow) -> str:
    """How long the lock blocks: its hold (to the end of its transaction) when that is longer than the
    statement's own work, never `about 0 ms` for a lock held through a later rewrite.

    >>> row = ImpactRow("8", 1, 2, "ALTER TABLE", "AccessExclusiveLock", "public.orders", None, None,
    ...                 0.0, 0, "reads_and_writes", False, None, None, 18.0)
    >>> blocked_for(row)
    ' for about 18 s (until its transaction commits; its own work: a moment)'
    >>> from dataclasses import replace
    >>> blocked_for(replace(row, hold_seconds=0.0))
    ' for a moment (a catalog change)'
    """
    own = row.est_seconds
    hold = row.hold_seconds
    if hold is not None and hold >= 0.05 and (own is None or hold > own + 0.05):
        work = "a moment" if not own or own < 0.05 else f"about {humanize.duration(own)}"
        return f" for about {humanize.duration(hold)} (until its transaction commits; its own work: {work})"
    if own is None:
        return ""
    return " for a moment (a catalog change)" if own < 0.05 else f" for about {humanize.duration(own)}"


def visible(rows: tuple[ImpactRow, ...], text: str, sort: int) -> list[ImpactRow]:
    """Rows matching the filter (every word in version, kind, lock or relation), sorted."""
    words = text.lower().split()
    chosen = [
        r
        for r in rows
        if all(w in f"{r.version} {r.kind} {r.mode} {r.relation} {r.blocks}".lower() for w in words)
    ]
    return sorted(chosen, key=SORTS[sort][1])


VERDICT_LINES = 7
"""The verdict section's height at most (impact.tcss): what is shown there is shown whole."""


def height(parts: list[RenderableType], width: int) -> int:
    """Lines `parts` take at `width` cells."""
    console = Console(width=width, file=io.StringIO(), color_system=None)
    return sum(len(console.render_lines(p, console.options, pad=False)) for p in parts)


def whole_reasons(reasons: list[RenderableType], width: int, room: int) -> list[RenderableType]:
    """The reasons that fit whole in `room` lines, then `… N more` (each row's detail has its own)."""
    shown: list[RenderableType] = []
    if room <= 0:
        return shown
    for n, reason in enumerate(reasons):
        rest = len(reasons) - n - 1
        if height([*shown, reason], width) + (1 if rest else 0) > room:
            left = len(reasons) - n
            note = f"… {left} more reason(s): each row's detail below has its own"
            return [*shown, indented(note, style="dim")]
        shown.append(reason)
    return shown


class ImpactScreen(WizardScreen):
    """The impact table; the selected row's details and the fix below it."""

    STEP = "impact"
    TITLE = "Impact"
    CSS_PATH = "impact.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        *WizardScreen.BINDINGS,
        Binding("s", "sort", "Sort"),
        Binding("slash", "filter", "Filter"),
        Binding("n", "next", "Next"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sort = 0

    def body(self) -> ComposeResult:
        yield Static("", id="verdict", classes="section")
        yield Input(
            placeholder="filter: relation, lock, version… (Enter to apply, Esc to leave)", id="filter"
        )
        yield FitTable(COLUMNS, id="impact", cursor_type="row")
        yield Static("", id="detail", classes="section")

    @property
    def direction(self) -> str:
        """Down scripts in the rollback flow, ups otherwise."""
        return "down" if self.wizard.flow[1] == "recent" else "up"

    def has_data(self) -> bool:
        plan = self.wizard.data.plan
        return isinstance(plan, ImpactReport) and plan.direction == self.direction

    @work(thread=True, exclusive=True, exit_on_error=False, group="impact")
    def load(self) -> None:
        ctx = self.wizard.context
        data = self.wizard.data
        back_to = data.rollback_to
        if self.direction == "down" and back_to is not None:
            self.deliver("impact", lambda: backend.down_impact(ctx.project, back_to), ImpactLoaded)
        else:
            self.deliver("impact", lambda: backend.plan_impact(ctx.project, data.apply_to), ImpactLoaded)

    def on_impact_loaded(self, message: ImpactLoaded) -> None:
        self.succeeded("impact")
        self.wizard.data.plan = message.report
        self.show_data()

    def show_data(self) -> None:
        report = self.wizard.data.plan
        if not isinstance(report, ImpactReport):
            return
        self.show_verdict(report)
        self.fill()
        self.query_one("#impact", DataTable).focus()

    def on_resize(self) -> None:
        report = self.wizard.data.plan
        if self.has_data() and isinstance(report, ImpactReport):
            self.show_verdict(report)

    def show_verdict(self, report: ImpactReport) -> None:
        """The verdict, lint's errors, the reasons that fit whole and where the numbers come from."""
        verdict = Text.assemble(("Verdict: ", "bold"), verdict_text(report.verdict, bold=True, sentence=True))
        to = self.wizard.data.apply_to
        if report.direction == "down":
            verdict.append(f" · down scripts back to {self.wizard.data.rollback_to}")
        elif to is not None:
            verdict.append(f" · up to {to}")
        locks = f" · {len(report.rows)} locks"
        width = max(self.app.size.width - 2, 20)  # the section's padding
        lines: list[RenderableType] = [UnitText(verdict.append(locks))]
        if report.direction == "up" and (errors := pending_lint_errors(self.wizard.data)):
            lint = f"lint rates {', '.join(dict.fromkeys(f.version for f in errors))} error"
            if verdict.cell_len + 3 + len(lint) <= width:  # on the verdict's line, else a line of its own
                verdict.right_crop(len(locks))
                lines = [UnitText(verdict.append(" · ").append(lint, style="red").append(locks))]
            else:
                lines.append(indented(lint, style="red"))
        reasons: list[RenderableType] = [indented(r, style="yellow") for r in report.reasons]
        source = indented(report.source, style="dim")
        shown = lines + whole_reasons(reasons, width, VERDICT_LINES - height(lines, width))
        if height([*shown, source], width) <= VERDICT_LINES:
            shown.append(source)
        self.query_one("#verdict", Static).update(Group(*shown))

    def fill(self) -> None:
        """Show the rows that pass the filter, in the chosen order."""
        report = self.wizard.data.plan
        if not isinstance(report, ImpactReport):
            return
        rows = visible(report.rows, self.query_one("#filter", Input).value, self.sort)
        with self.app.batch_update():
            self.query_one("#impact", FitTable).set_rows({r.key: impact_cells(r) for r in rows})
        self.set_status(
            f"{len(rows)} of {len(report.rows)} shown · sorted by {SORTS[self.sort][0]} · s sort, / filter"
        )
        self.show_detail()

    def show_detail(self) -> None:
        """The selected row in full: statement, lock, what it blocks, the fix."""
        report = self.wizard.data.plan
        key = selected_key(self.query_one("#impact", DataTable))
        row = (
            next((r for r in report.rows if r.key == key), None) if isinstance(report, ImpactReport) else None
        )
        detail = self.query_one("#detail", Static)
        if row is None:
            detail.update("")
            return
        text = Text()
        text.append(f"{row.version} statement {row.statement} (line {row.line}) {row.kind}: ", style="bold")
        text.append(f"{row.mode} on {row.relation} blocks {row.blocks.replace('_', ' ')}")
        text.append(blocked_for(row))
        if row.rewrite:
            text.append(" · rewrites the table", style="yellow")
        text.append(detail_facts(row), style="dim")
        fix = Table.grid(padding=(0, 1))  # `fix:` and the fix beside it; its lines stay aligned
        fix.add_row(Text("fix:", style="green"), Text(row.fix or "", style="green"))
        detail.update(Group(UnitText(text), fix) if row.fix else UnitText(text))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.fill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#impact", DataTable).focus()

    def action_sort(self) -> None:
        """Next sort column."""
        self.sort = (self.sort + 1) % len(SORTS)
        self.fill()

    def action_filter(self) -> None:
        """Focus the filter."""
        self.query_one("#filter", Input).focus()

    def action_back(self) -> None:
        if self.focused is self.query_one("#filter", Input):
            self.query_one("#impact", DataTable).focus()
            return
        super().action_back()
