"""Incident rollback: what changed recently (from the central log), and the version to go back to."""

from __future__ import annotations

from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from migwiz.tui import backend
from migwiz.tui.backend import RecentChanges
from migwiz.tui.messages import Loaded
from migwiz.tui.screens.base import WizardScreen
from migwiz.tui.widgets.event_tail import event_line
from migwiz.tui.widgets.keyed_table import selected_key, sync_rows


class RecentScreen(WizardScreen):
    """Applied migrations newest first; Enter on one goes back to it (everything newer is reverted)."""

    STEP = "recent"
    TITLE = "Recent changes"
    CSS_PATH = "recent.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        *WizardScreen.BINDINGS,
        Binding("enter", "choose", "Roll back to here", priority=True),
    ]

    def body(self) -> ComposeResult:
        table: DataTable[RenderableType] = DataTable(id="applied", cursor_type="row")
        table.add_columns("version", "name", "applied", "by", "run", "down")
        yield table
        yield Static("", id="choice", classes="section")
        with VerticalScroll(id="runs-scroll"):
            yield Static("", id="runs")

    def has_data(self) -> bool:
        return isinstance(self.wizard.data.recent, RecentChanges)

    @work(thread=True, exclusive=True, exit_on_error=False, group="recent")
    def load(self) -> None:
        ctx = self.wizard.context
        self.deliver("recent", lambda: backend.recent_changes(ctx.dsn, ctx.settings))

    def loaded(self, message: Loaded) -> None:
        self.wizard.data.recent = message.result
        self.show_data()

    def show_data(self) -> None:
        recent = self.wizard.data.recent
        if not isinstance(recent, RecentChanges):
            return
        downs = {str(m.version): m.down is not None for m in recent.mset.migrations}
        rows = {}
        for h in recent.applied:
            has_down = downs.get(h.version)
            rows[h.version] = (
                Text(h.version),
                Text(h.name, no_wrap=True, overflow="ellipsis"),
                Text(backend.describe_when(h.applied_at)),
                Text(
                    f"{h.os_user or h.db_user}@{h.host or ''}".rstrip("@"), no_wrap=True, overflow="ellipsis"
                ),
                Text((h.run_id or "")[:8]),
                Text("yes" if has_down else "no", style="" if has_down else "red"),
            )
        table = self.query_one("#applied", DataTable)
        with self.app.batch_update():
            sync_rows(table, rows)
        runs = Text()
        for event in recent.runs[:12]:
            runs.append_text(event_line(event))
            runs.append("\n")
        self.query_one("#runs", Static).update(runs if recent.runs else Text("no runs logged", style="dim"))
        self.set_status(
            f"{len(recent.applied)} applied · ↑↓ choose the version to go back to, Enter: impact of the downs"
        )
        table.focus()
        self.show_choice()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_choice()

    def show_choice(self) -> None:
        """What Enter would do."""
        recent = self.wizard.data.recent
        key = selected_key(self.query_one("#applied", DataTable))
        if not isinstance(recent, RecentChanges) or key is None:
            return
        newer = [
            h.version for h in recent.applied if recent.mset.version(h.version) > recent.mset.version(key)
        ]
        text = (
            Text(f"{key} is the newest: nothing to revert", style="dim")
            if not newer
            else Text.assemble(
                ("Back to ", ""), (key, "bold"), f": reverts {', '.join(newer)} (newest first)"
            )
        )
        self.query_one("#choice", Static).update(text)

    def action_choose(self) -> None:
        """Set the target version and go to the impact of the down scripts."""
        key = selected_key(self.query_one("#applied", DataTable))
        recent = self.wizard.data.recent
        if key is None or not isinstance(recent, RecentChanges):
            return
        if not any(recent.mset.version(h.version) > recent.mset.version(key) for h in recent.applied):
            self.set_status("nothing is newer than this version: choose an older one")
            return
        self.wizard.data.rollback_to = recent.mset.version(key)
        self.wizard.data.plan = None
        self.wizard.data.run = None
        self.wizard.data.verify = None
        self.action_next()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_choose()
