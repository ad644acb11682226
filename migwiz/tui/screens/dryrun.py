"""Dry run: pending migrations on a shadow database — locks, rewrites, timings, errors per statement."""

from __future__ import annotations

from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

from migwiz.engine import humanize
from migwiz.tui import backend
from migwiz.tui.backend import DryRunRow, DryRunView
from migwiz.tui.messages import Loaded
from migwiz.tui.screens.base import WizardScreen
from migwiz.tui.widgets.keyed_table import Cells, selected_key, sync_rows


def dry_run_cells(row: DryRunRow) -> Cells:
    """One table row."""
    result = Text("ok", style="green") if row.error is None else Text("FAILED", style="bold red")
    return (
        Text(row.version),
        Text(str(row.statement), justify="right"),
        result,
        Text(humanize.duration(row.duration_ms / 1000), justify="right"),
        Text(", ".join(row.locks) or "-", no_wrap=True, overflow="ellipsis"),
        Text(", ".join(row.rewrites) or "", style="yellow"),
        Text(row.sql, no_wrap=True, overflow="ellipsis"),
    )


class DryRunScreen(WizardScreen):
    """The shadow run, statement by statement; the selected one in full below."""

    STEP = "dryrun"
    TITLE = "Dry run"
    CSS_PATH = "dryrun.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [*WizardScreen.BINDINGS, Binding("n", "next", "Next")]

    def body(self) -> ComposeResult:
        yield Static("", id="dry-verdict", classes="section")
        table: DataTable[RenderableType] = DataTable(id="dry", cursor_type="row")
        table.add_column("ver")
        table.add_column("#")
        table.add_column("result")
        table.add_column("took")
        table.add_column("locks taken", width=28)
        table.add_column("rewrites", width=14)
        table.add_column("statement")
        yield table
        yield Static("", id="dry-detail", classes="section")

    def has_data(self) -> bool:
        return isinstance(self.wizard.data.dry_run, DryRunView)

    @work(thread=True, exclusive=True, exit_on_error=False, group="dryrun")
    def load(self) -> None:
        ctx = self.wizard.context
        self.deliver("dryrun", lambda: backend.dry_run(ctx.dsn, ctx.settings))

    def loaded(self, message: Loaded) -> None:
        self.wizard.data.dry_run = message.result
        self.show_data()

    def show_data(self) -> None:
        view = self.wizard.data.dry_run
        if not isinstance(view, DryRunView):
            return
        head = (
            Text.assemble(("Dry run: ", "bold"), ("every statement ran", "bold green"))
            if view.ok
            else Text.assemble(("Dry run: ", "bold"), ("a statement failed", "bold red"))
        )
        head.append(f" · {len(view.rows)} statements on {view.where}", style="dim")
        for note in view.notes:
            head.append(f"\n  {note}", style="dim")
        self.query_one("#dry-verdict", Static).update(head)
        table = self.query_one("#dry", DataTable)
        with self.app.batch_update():
            sync_rows(table, {f"{r.version}:{r.statement}": dry_run_cells(r) for r in view.rows})
        table.focus()
        self.set_status("n execute on the target (asks for confirmation first)")
        self.show_detail()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def show_detail(self) -> None:
        """The selected statement and its error."""
        view = self.wizard.data.dry_run
        key = selected_key(self.query_one("#dry", DataTable))
        if not isinstance(view, DryRunView) or key is None:
            return
        row = next((r for r in view.rows if f"{r.version}:{r.statement}" == key), None)
        if row is None:
            return
        text = Text(f"{row.version} line {row.line}: ", style="bold")
        text.append(row.sql)
        if row.error:
            text.append(f"\nerror: {row.error}", style="bold red")
        self.query_one("#dry-detail", Static).update(text)
