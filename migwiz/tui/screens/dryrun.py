"""Dry run: the engine's dry run (the real Runner on a shadow database) — locks, rewrites, time, errors."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

from migwiz.engine import humanize
from migwiz.engine.types import DryRunReport, DryRunStatement
from migwiz.present import short_mode, strongest_first
from migwiz.tui import backend
from migwiz.tui.messages import DryRunLoaded
from migwiz.tui.screens.base import WizardScreen
from migwiz.tui.widgets.fit_table import Col, FitTable
from migwiz.tui.widgets.indent import indented
from migwiz.tui.widgets.keyed_table import Cells, selected_key

COLUMNS = (  # the statement keeps 20+ cells: rewrites, then took hide (the detail pane has it all)
    Col("ver", "ver"),
    Col("index", "#"),
    Col("result", "result"),
    Col("took", "took", hide=2),
    Col("locks", "strongest lock"),
    Col("rewrites", "rewrites", hide=1),
    Col("sql", "statement", flex=True, hide=3),  # last, when the names leave it no 20 cells
)

RESULTS = {"ok": Text("ok", style="green"), "failed": Text("FAILED", style="bold red")}


def statement_key(s: DryRunStatement) -> str:
    """Stable row key."""
    return f"{s.version}:{s.index}"


def statements(report: DryRunReport) -> list[DryRunStatement]:
    """The report's statements; a backfill's, which the backfill runner runs in batches (not traced
    statement by statement), count as run when the shadow run applied their migration."""
    applied = {
        str(o.version) for o in (report.report.outcomes if report.report else []) if o.result == "applied"
    }
    return [
        replace(s, outcome="ok") if s.outcome == "not_run" and s.version in applied else s
        for s in report.statements
    ]


def report_ok(report: DryRunReport) -> bool:
    """No statement failed and the shadow run applied everything it tried."""
    return not report.failures and (report.report is None or report.report.ok)


def lock_words(s: DryRunStatement) -> list[str]:
    """`AccessExclusive public.orders`, one per lock, the strongest first (what a cut cell still shows)."""
    return [
        f"{lock.mode.removesuffix('Lock')} {lock.relation}" + (" (made by it)" if lock.new_relation else "")
        for lock in strongest_first(s.locks)
    ]


def lock_cell(s: DryRunStatement) -> str:
    """The strongest lock on something that existed before, short, and how many other tables it locks
    (their indexes not counted): `ShareRowExcl +1`. No name in it to cut: the detail pane lists every
    lock with its relation."""
    held = [lock for lock in strongest_first(s.locks) if not lock.new_relation]
    if not held:
        return "-"
    others = len({lock.relation for lock in held[1:] if lock.kind != "index"} - {held[0].relation})
    return short_mode(held[0].mode) + (f" +{others}" if others else "")


def dry_run_cells(s: DryRunStatement) -> Cells:
    """One table row."""
    took = humanize.duration(s.duration_ms / 1000) if s.duration_ms is not None else ""
    return (
        Text(s.version),
        Text(str(s.index + 1), justify="right"),
        RESULTS.get(s.outcome, Text("not run", style="dim")),
        Text(took, justify="right"),
        Text(lock_cell(s), no_wrap=True),
        Text(_rewrite_cell(s), style="yellow", no_wrap=True),
        Text(" ".join(s.sql.split()), no_wrap=True, overflow="ellipsis"),
    )


def _rewrite_cell(s: DryRunStatement) -> str:
    """`table`, `indexes` or `both` (their names in the detail pane)."""
    what = [w for w, found in (("table", s.rewrites), ("indexes", s.index_rebuilds)) if found]
    return "both" if len(what) == 2 else "".join(what)


def render_head(report: DryRunReport) -> RenderableType:
    """The verdict line, what was sampled, and the engine's notices (wrapped lines stay indented)."""
    head = Text.assemble(
        ("Dry run: ", "bold"),
        ("every statement ran", "bold green")
        if report_ok(report)
        else ("a statement would fail", "bold red"),
    )
    head.append(f" · {len(report.statements)} statements on shadow {report.shadow}", style="dim")
    lines: list[RenderableType] = [head]
    if report.sampled:
        sampled = ", ".join(f"{table} ({rows} rows)" for table, rows in report.sampled.items())
        lines.append(indented(f"sampled: {sampled}", style="dim"))
    else:
        lines.append(
            indented("the shadow has the schema, no rows: times are catalog work, not data work", style="dim")
        )
    lines.extend(indented(notice, style="yellow") for notice in report.notices)
    return Group(*lines)


def render_statement(s: DryRunStatement) -> Text:
    """The selected statement in full: where, locks (and where they were read), rewrites, error."""
    text = Text(f"{s.version} {Path(s.where).name}: ", style="bold")
    text.append(s.sql)
    if s.outcome == "not_run":
        text.append("\nnot run: an earlier statement would fail", style="dim")
        return text
    if s.duration_ms is None:
        text.append(
            "\nrun by the backfill runner in batches (not traced statement by statement)", style="dim"
        )
        return text
    source = " (static analysis)" if s.lock_source == "analysis" else ""
    text.append(f"\nlocks: {', '.join(lock_words(s)) or 'no table locks'}{source}", style="dim")
    if s.rewrites or s.index_rebuilds:
        text.append(f"\nrewrites: {', '.join((*s.rewrites, *s.index_rebuilds))}", style="yellow")
    if s.error:
        text.append(f"\nwould fail: {s.sqlstate or ''} {s.error}".rstrip(), style="bold red")
    return text


class DryRunScreen(WizardScreen):
    """The shadow run, statement by statement; the selected one in full below."""

    STEP = "dryrun"
    TITLE = "Dry run"
    CSS_PATH = "dryrun.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [*WizardScreen.BINDINGS, Binding("n", "next", "Next")]

    def body(self) -> ComposeResult:
        yield Static("", id="dry-verdict", classes="section")
        yield FitTable(COLUMNS, id="dry", cursor_type="row")
        yield Static("", id="dry-detail", classes="section")

    def has_data(self) -> bool:
        return isinstance(self.wizard.data.dry_run, DryRunReport)

    @work(thread=True, exclusive=True, exit_on_error=False, group="dryrun")
    def load(self) -> None:
        ctx = self.wizard.context
        to = self.wizard.data.apply_to
        self.deliver("dryrun", lambda: backend.dry_run(ctx.project, to), DryRunLoaded)

    def on_dry_run_loaded(self, message: DryRunLoaded) -> None:
        self.succeeded("dryrun")
        self.wizard.data.dry_run = message.report
        self.show_data()

    def show_data(self) -> None:
        report = self.wizard.data.dry_run
        if not isinstance(report, DryRunReport):
            return
        self.query_one("#dry-verdict", Static).update(render_head(report))
        table = self.query_one("#dry", FitTable)
        with self.app.batch_update():
            table.set_rows({statement_key(s): dry_run_cells(s) for s in statements(report)})
        table.focus()
        self.set_status("n execute on the target (asks for confirmation first)")
        self.show_detail()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def show_detail(self) -> None:
        """The selected statement and its error."""
        report = self.wizard.data.dry_run
        key = selected_key(self.query_one("#dry", DataTable))
        if not isinstance(report, DryRunReport) or key is None:
            return
        found = next((s for s in statements(report) if statement_key(s) == key), None)
        if found is not None:
            self.query_one("#dry-detail", Static).update(render_statement(found))
