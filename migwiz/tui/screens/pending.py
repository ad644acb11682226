"""Step 2: pending migrations — each with its verdict, and the SQL with findings inline.

The verdict is the planner's (safe / quiet window / dangerous, the words the Impact screen uses) when the
plan could be made, else the lint's (clean / warnings / errors). `u` applies only up to the selected one.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from migwiz.engine.types import Version
from migwiz.present import STATE_STYLES
from migwiz.tui import backend
from migwiz.tui.messages import PendingLoaded
from migwiz.tui.screens.base import WizardScreen
from migwiz.tui.verdicts import LINT, PLANNER, verdict_text
from migwiz.tui.widgets.fit_table import Col, FitTable
from migwiz.tui.widgets.indent import indented
from migwiz.tui.widgets.keyed_table import selected_key
from migwiz.tui.widgets.sql_view import render_script

NOTICES_SHOWN = 3
REASONS_SHOWN = 3


COLUMNS = (
    Col("version", "version"),
    Col("name", "name", flex=True, whole=True),
    Col("state", "state"),
    Col("verdict", "verdict"),
    Col("phase", "phase", hide=2),
    Col("down", "down", hide=1),
)


def why(info: backend.PendingInfo, version: str) -> list[RenderableType]:
    """`Needs a quiet window:` and the planner's reasons (as Impact gives them), above the script of a
    pending migration that is not safe; nothing for a safe one."""
    reasons = info.reasons.get(version, ())
    if not reasons or info.verdicts is None or version not in info.verdicts:
        return []
    head = verdict_text(info.verdicts[version], bold=True, sentence=True)
    head = Text.assemble(head[:1].plain.upper() + head.plain[1:], style=head.style) + Text(":", style="bold")
    shown = [indented(r, style="yellow") for r in reasons[:REASONS_SHOWN]]
    if len(reasons) > REASONS_SHOWN:
        shown.append(indented(f"… {len(reasons) - REASONS_SHOWN} more on the Impact step", style="dim"))
    return [head, *shown]


class PendingScreen(WizardScreen):
    """The migrations of the set; the selected one's SQL below, findings under their statement."""

    STEP = "pending"
    TITLE = "Pending migrations"
    CSS_PATH = "pending.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        *WizardScreen.BINDINGS,
        Binding("d", "toggle_down", "Up/down"),
        Binding("u", "apply_to", "Up to here", tooltip="apply only the pending ones up to the selected one"),
        Binding("n", "next", "Next"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.show_down = False

    def body(self) -> ComposeResult:
        # widths computed from the rows themselves (not measured by the DataTable when it gets round to
        # it): a name is never cut, down and phase hide first at 80 columns
        yield FitTable(COLUMNS, id="migrations", cursor_type="row")
        yield Static("", id="notices")
        with VerticalScroll(id="sql-scroll"):
            yield Static("", id="sql")

    def has_data(self) -> bool:
        return isinstance(self.wizard.data.statuses, list) and self.wizard.data.lint is not None

    @work(thread=True, exclusive=True, exit_on_error=False, group="pending")
    def load(self) -> None:
        ctx = self.wizard.context
        self.deliver("pending", lambda: backend.pending_info(ctx.project), PendingLoaded)

    def on_pending_loaded(self, message: PendingLoaded) -> None:
        self.succeeded("pending")
        info = message.info
        data = self.wizard.data
        data.mset, data.statuses, data.lint = info.mset, info.statuses, info
        self.show_data()

    def info(self) -> backend.PendingInfo | None:
        """The stored PendingInfo."""
        lint = self.wizard.data.lint
        return lint if isinstance(lint, backend.PendingInfo) else None

    def show_data(self) -> None:
        info = self.info()
        table = self.query_one("#migrations", DataTable)
        if info is None:
            return
        rows = {}
        for s in info.statuses:
            verdict = info.verdict(s.migration) if s.migration and s.state != "applied" else ""
            rows[str(s.version)] = (
                Text(str(s.version)),
                Text(s.name, no_wrap=True),
                Text(s.standing.state, style=STATE_STYLES.get(s.standing.state, "")),
                verdict_text(verdict),
                Text((s.migration.up.directives.phase or "") if s.migration else ""),
                Text("yes" if s.has_down else "no", style="" if s.has_down else "red"),
            )
        with self.app.batch_update():
            self.query_one("#migrations", FitTable).set_rows(rows)
        self.set_status(self.summary(info))
        self.show_notices(info.notices)
        first = next((i for i, s in enumerate(info.statuses) if s.state != "applied"), 0)
        if table.row_count and table.cursor_row == 0 and first:
            table.move_cursor(row=first, animate=False)
        table.focus()
        self.show_sql()

    def show_notices(self, notices: tuple[str, ...]) -> None:
        """The set's notices, one line each as `status` prints them (the first few; status lists all)."""
        shown = Text(no_wrap=True, overflow="ellipsis")
        for n, notice in enumerate(notices[:NOTICES_SHOWN]):
            shown.append(("\n" if n else "") + f"notice: {notice}", style="yellow")
        if len(notices) > NOTICES_SHOWN:
            shown.append(f"\n{len(notices) - NOTICES_SHOWN} more: migwiz status lists them all", style="dim")
        widget = self.query_one("#notices", Static)
        widget.update(shown)
        widget.display = bool(notices)

    def summary(self, info: backend.PendingInfo) -> Text:
        """How many to apply, counted by verdict, and where the verdicts come from."""
        pending = [s for s in info.statuses if s.state in ("pending", "failed") and s.migration]
        words = PLANNER if info.verdicts is not None else LINT
        text = Text(f"{len(pending)} to apply: ")
        for n, word in enumerate(words):
            count = sum(1 for s in pending if s.migration and info.verdict(s.migration) == word)
            text.append(", " if n else "")
            text.append(f"{count} ")
            text.append_text(verdict_text(word))
        if info.verdicts is None:
            text.append(" · lint only, no plan" + (f": {info.plan_error}" if info.plan_error else ""))
        else:
            text.append(" · u: up to the selected", style="dim")
        return text

    def show_sql(self) -> None:
        """The selected migration's up (or down) script with its findings."""
        info = self.info()
        key = selected_key(self.query_one("#migrations", DataTable))
        sql = self.query_one("#sql", Static)
        if info is None or key is None:
            sql.update("")
            return
        migration = next((m for m in info.mset.migrations if str(m.version) == key), None)
        if migration is None:
            sql.update(Text("applied in the database, but its file is gone", style="red"))
            return
        script = migration.down if self.show_down else migration.up
        if script is None:
            sql.update(Text("no down script: this migration cannot be rolled back by migwiz", style="red"))
            return
        which = "down" if self.show_down else "up"
        title = f"{script.path.name} ({which})"
        rendered = render_script(script, info.script_lint(script.path), title=title)
        sql.update(Group(*why(info, str(migration.version)), rendered) if not self.show_down else rendered)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_sql()

    def choose_target(self, to: Version | None) -> None:
        """Apply up to `to` (None: every pending migration); what later steps found for another choice
        is asked again."""
        data = self.wizard.data
        if data.run is not None and not self.wizard.running:
            data.run = data.verify = None  # a new run: what the last one did is in its summary and log
            data.plan = data.dry_run = None
        if to != data.apply_to:
            data.apply_to = to
            data.plan = None
            data.dry_run = None

    def action_next(self) -> None:
        """Every pending migration."""
        self.choose_target(None)
        super().action_next()

    def action_apply_to(self) -> None:
        """Only the pending migrations up to and including the selected one."""
        info = self.info()
        key = selected_key(self.query_one("#migrations", DataTable))
        status = next((s for s in info.statuses if str(s.version) == key), None) if info else None
        if status is None or status.state not in ("pending", "failed"):
            self.set_status("select a pending migration: u applies the pending ones up to it")
            return
        self.choose_target(status.version)
        super().action_next()

    def action_toggle_down(self) -> None:
        """Show the down script instead of the up (and back)."""
        self.show_down = not self.show_down
        self.show_sql()
