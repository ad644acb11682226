"""Step 1: the target — server, version, database, user, size, current version and warnings."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from migwiz.engine import humanize
from migwiz.tui import backend
from migwiz.tui.messages import TargetLoaded
from migwiz.tui.screens.base import WizardScreen


def render_target(view: backend.TargetView, demo_dsn: str | None = None) -> RenderableType:
    """The target as a two-column grid, then its warnings; for the demo, its DSN and the CLI commands to
    use on it from another terminal while the wizard runs."""
    info = view.info
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    grid.add_row("server", f"PostgreSQL {info.server_version}" + (" (replica)" if info.is_replica else ""))
    grid.add_row("database", f"{info.database} · {humanize.size(info.size_bytes)}")
    grid.add_row("user", info.user)
    grid.add_row("connection", info.where)
    grid.add_row("migrations", str(view.migrations_dir) if view.migrations_dir else "(none configured)")
    grid.add_row(
        "version",
        f"{info.current_version or 'none applied'} · {info.applied} applied, {view.pending} pending"
        + "".join(f", {n} {state.replace('_', ' ')}" for state, n in view.others),
    )
    parts: list[RenderableType] = [grid]
    for warning in view.warnings:  # a long one wraps under its text, not under the `!`
        line = Table.grid(padding=(0, 1))
        line.add_column(no_wrap=True)
        line.add_column()
        line.add_row(Text("!", style="yellow"), Text(warning, style="yellow"))
        parts.append(line)
    if not view.warnings:
        parts.append(Text("no warnings", style="green"))
    if demo_dsn is not None:
        from migwiz.demo.session import demo_commands

        folder = view.migrations_dir or Path("migrations")
        grid.add_row("demo DSN", demo_dsn)
        parts.append(Text("the demo, from another terminal while this wizard runs:", style="dim"))
        parts.extend(Text(f"  {line}", style="cyan") for line in demo_commands(demo_dsn, folder))
    return Group(*parts)


class TargetScreen(WizardScreen):
    """Where the wizard starts: what it is connected to, and what to do."""

    STEP = "target"
    TITLE = "Target"
    CSS_PATH = "target.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        *WizardScreen.BINDINGS,
        Binding("n", "migrate", "Migrate"),
        Binding("b", "rollback", "Rollback"),
        Binding("w", "watch", "Watch"),
        Binding("f", "fleet", "Fleet"),
    ]

    def body(self) -> ComposeResult:
        with VerticalScroll(id="target-scroll"):
            yield Static("", id="target-info", classes="section")
        yield Static(Text("What next?", style="bold"), classes="section")
        yield OptionList(
            Option("Apply pending migrations, step by step", id="migrate"),
            Option("Incident rollback: undo recent changes", id="rollback"),
            Option("Watch the server (read-only lock and progress panes)", id="watch"),
            *self.fleet_options(),
            id="actions",
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`f` (the fleet screen) only when the project has a fleet file; `Esc` only when a step is below."""
        if action == "fleet":
            return self.wizard.context.fleet_file is not None
        return super().check_action(action, parameters)

    def fleet_options(self) -> list[Option]:
        """The fleet screen, when the project has a fleet file."""
        fleet = self.wizard.context.fleet_file
        return [Option(f"Fleet: roll out over {fleet.name}, follow it", id="fleet")] if fleet else []

    def has_data(self) -> bool:
        return self.wizard.data.target is not None

    @work(thread=True, exclusive=True, exit_on_error=False, group="target")
    def load(self) -> None:
        ctx = self.wizard.context
        self.deliver("target", lambda: backend.target_info(ctx.project), TargetLoaded)

    def on_target_loaded(self, message: TargetLoaded) -> None:
        self.succeeded("target")
        self.wizard.data.target = message.target
        self.show_data()

    def show_data(self) -> None:
        info = self.wizard.data.target
        ctx = self.wizard.context
        if info is not None:
            self.query_one("#target-info", Static).update(render_target(info, ctx.dsn if ctx.demo else None))
        actions = self.query_one("#actions", OptionList)
        if self.wizard.flow[1:2] == ("recent",):
            actions.highlighted = 1  # the rollback flow: Enter goes on with it
        actions.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        {
            "migrate": self.action_migrate,
            "rollback": self.action_rollback,
            "watch": self.action_watch,
            "fleet": self.action_fleet,
        }[str(event.option.id)]()

    def action_migrate(self) -> None:
        """Start the migrate flow."""
        self.wizard.use_flow("migrate")
        self.refresh_header()
        self.wizard.next_step("target")

    def action_rollback(self) -> None:
        """Start the incident-rollback flow."""
        self.wizard.use_flow("rollback")
        self.refresh_header()
        self.wizard.next_step("target")

    def action_watch(self) -> None:
        """Open the read-only observer."""
        self.app.push_screen(self.wizard.screen_for("watch"))

    def action_fleet(self) -> None:
        """Open the fleet screen (the project's fleet file)."""
        if self.wizard.context.fleet_file is None:
            self.notify("no fleet: write a fleet.toml (docs/fleet.md)", severity="warning")
            return
        self.app.push_screen(self.wizard.screen_for("fleet"))
