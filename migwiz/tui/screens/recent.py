"""Incident rollback: what changed recently (from the central log), and the version to go back to."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from migwiz.engine.types import Version
from migwiz.tui import backend
from migwiz.tui.backend import RecentChanges
from migwiz.tui.messages import RecentLoaded
from migwiz.tui.screens.base import WizardScreen
from migwiz.tui.widgets.event_tail import event_entry
from migwiz.tui.widgets.fit_table import Col, FitTable
from migwiz.tui.widgets.keyed_table import selected_key

COLUMNS = (
    Col("version", "version"),
    Col("name", "name", flex=True, whole=True),
    Col("down", "down"),
    Col("applied", "applied"),
    Col("by", "by", hide=2),  # whole or hidden: `deploy@…` names nobody
    Col("run", "run", hide=1),
)


class RecentScreen(WizardScreen):
    """Applied migrations newest first, the newest selected; Enter reverts the selected one and everything
    newer (newest first)."""

    STEP = "recent"
    TITLE = "Recent changes"
    CSS_PATH = "recent.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        *WizardScreen.BINDINGS,
        Binding("enter", "choose", "Revert this and newer", priority=True),
    ]

    def body(self) -> ComposeResult:
        # "down" (can it be reverted?) before the rest; a name is never cut: the run id, then who hide
        yield FitTable(COLUMNS, id="applied", cursor_type="row")
        yield Static("", id="choice", classes="section")
        with VerticalScroll(id="runs-scroll"):
            yield Static("", id="runs")

    def has_data(self) -> bool:
        return isinstance(self.wizard.data.recent, RecentChanges)

    @work(thread=True, exclusive=True, exit_on_error=False, group="recent")
    def load(self) -> None:
        ctx = self.wizard.context
        self.deliver("recent", lambda: backend.recent_changes(ctx.project), RecentLoaded)

    def on_recent_loaded(self, message: RecentLoaded) -> None:
        self.succeeded("recent")
        self.wizard.data.recent = message.recent
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
                Text(h.name, no_wrap=True),
                Text("yes" if has_down else "no", style="" if has_down else "red"),
                Text(backend.describe_when(h.applied_at)),
                Text(
                    f"{h.os_user or h.db_user}@{h.host or ''}".rstrip("@"), no_wrap=True, overflow="ellipsis"
                ),
                Text((h.run_id or "")[:8]),
            )
        table = self.query_one("#applied", FitTable)
        with self.app.batch_update():
            table.set_rows(rows)
        runs = Group(*(event_entry(event) for event in recent.runs[:12]))
        self.query_one("#runs", Static).update(runs if recent.runs else Text("no runs logged", style="dim"))
        self.set_status(
            f"{len(recent.applied)} applied · ↑↓ choose how far to revert, Enter: impact of the downs"
        )
        table.focus()
        if rows:
            table.move_cursor(row=0)  # the newest applied migration: what an incident rollback undoes
        self.show_choice()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_choice()

    def reverted_by(self, key: str) -> tuple[list[str], Version | None]:
        """What Enter on `key` reverts (it and everything newer, newest first) and the version left
        applied (None when `key` is the oldest applied migration)."""
        recent = self.wizard.data.recent
        assert isinstance(recent, RecentChanges)
        version = recent.mset.version
        chosen = version(key)
        reverted = [h.version for h in recent.applied if version(h.version) >= chosen]
        older = [version(h.version) for h in recent.applied if version(h.version) < chosen]
        return reverted, max(older, default=None)

    def show_choice(self) -> None:
        """What Enter would do."""
        recent = self.wizard.data.recent
        key = selected_key(self.query_one("#applied", DataTable))
        if not isinstance(recent, RecentChanges) or key is None:
            return
        reverted, back_to = self.reverted_by(key)
        text = Text.assemble(("Reverts ", ""), (", ".join(reverted), "bold"), " (newest first)")
        if back_to is not None:
            text.append(f" · back to {back_to}")
        else:
            text.append(" · the oldest applied: `migwiz down --steps N` reverts them all", style="yellow")
        edited = self.edited_files()
        if edited:
            text.append(f"\n! edited after they were applied: {', '.join(edited)}", style="yellow")
        self.query_one("#choice", Static).update(text)

    def edited_files(self) -> list[str]:
        """Applied migrations whose file changed since (checksum_mismatch), as file names."""
        recent = self.wizard.data.recent
        if not isinstance(recent, RecentChanges):
            return []
        return [
            s.migration.up.path.name if s.migration is not None else str(s.version)
            for s in recent.statuses
            if s.state == "checksum_mismatch"
        ]

    def action_choose(self) -> None:
        """Revert the selected migration and everything newer: to the impact of their down scripts (after a
        typed confirmation naming the files when applied migrations were edited)."""
        key = selected_key(self.query_one("#applied", DataTable))
        recent = self.wizard.data.recent
        if key is None or not isinstance(recent, RecentChanges):
            return
        _, back_to = self.reverted_by(key)
        if back_to is None:
            self.set_status("this is the oldest applied migration: choose a newer one, or use `migwiz down`")
            return
        edited = self.edited_files()
        if edited and set(edited) != set(self.wizard.data.allow_edited):
            self.confirm_edited(edited, back_to)
            return
        self.go(back_to)

    def confirm_edited(self, edited: list[str], back_to: Version) -> None:
        """The explicit override: the operator types the database name to run downs despite edited files."""
        from migwiz.tui.screens.confirm import ConfirmModal

        def answered(ok: bool | None) -> None:
            if ok:
                self.wizard.data.allow_edited = tuple(edited)
                self.go(back_to)
            else:
                self.set_status("not confirmed: applied migrations were edited, nothing will run")

        question = (
            f"Applied migration(s) were edited after they were applied: {', '.join(edited)}. The down scripts"
            " run as they are now on disk; the override is logged with these file names."
        )
        self.app.push_screen(
            ConfirmModal(question, self.wizard.context.database, blink=self.wizard.context.cursor_blink),
            answered,
        )

    def go(self, back_to: Version) -> None:
        """Set the target version and go to the impact of the down scripts."""
        self.wizard.data.rollback_to = back_to
        self.wizard.data.plan = None
        self.wizard.data.run = None
        self.wizard.data.verify = None
        self.action_next()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_choose()
