"""The fleet screen: a rollout across many targets at 80×24 — counts, the failed and running targets
first, the lock pane of a target on Enter, pause / resume / stop when the rollout runs in this process.

It reads the fleet run's state file (as `migwiz fleet watch` does), so it shows a rollout started here or
in another terminal alike; the rollout's own thread never touches a widget.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from rich.console import RenderableType
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static
from textual.worker import get_current_worker

from migwiz.engine.commands import (
    FleetControl,
    FleetProgress,
    FleetStateTail,
    Monitor,
    fleet_rollout,
    load_fleet,
)
from migwiz.engine.errors import MigwizError, one_line
from migwiz.engine.types import Fleet, Snapshot, Target
from migwiz.present import TARGET_STYLES
from migwiz.tui.widgets.header import WizardHeader
from migwiz.tui.widgets.keyed_table import selected_key, sync_rows
from migwiz.tui.widgets.lock_pane import LockPane

ROWS_SHOWN = 200
"""Targets listed at most (failed, then running, then the latest ended): the counts cover the rest."""
ORDER = {"failed": 0, "running": 1, "stopped": 2, "done": 3}

if TYPE_CHECKING:
    from migwiz.tui.app import WizardApp


@dataclass(frozen=True)
class FleetView:
    """What the screen shows of a fleet run at one moment."""

    line: str
    rows: Mapping[str, tuple[str, str, str]] = field(default_factory=dict)
    """target -> (state, target, detail), in display order."""
    outcome: str | None = None


class FleetProgressed(Message):
    """A new view of the fleet run (only the newest matters)."""

    def __init__(self, view: FleetView) -> None:
        super().__init__()
        self.view = view

    def can_replace(self, message: Message) -> bool:
        """A newer view replaces an older one still queued."""
        return isinstance(message, FleetProgressed)


def fleet_view(progress: FleetProgress, limit: int = ROWS_SHOWN) -> FleetView:
    """The rows worth a line: failed first, then running, then the rest, newest last; `limit` of them."""
    ranked = sorted(enumerate(progress.states.items()), key=lambda p: (ORDER.get(p[1][1], 4), -p[0]))
    rows = {name: (state, name, progress.errors.get(name, "")) for _, (name, state) in ranked[:limit]}
    return FleetView(progress.line(), rows, progress.outcome)


class FleetScreen(Screen[None]):
    """A fleet run followed from its state file."""

    CSS_PATH = "fleet.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "locks", "Locks"),
        Binding("p", "pause", "Pause/resume"),
        Binding("s", "stop", "Stop"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(
        self,
        state_file: Path,
        *,
        control: FleetControl | None = None,
        targets: Callable[[], Mapping[str, Target]] | None = None,
        poll_s: float = 0.5,
    ) -> None:
        super().__init__()
        self.state_file = state_file
        self.control = control
        self.targets = targets
        self.poll_s = poll_s
        self._wake = threading.Event()
        self.view = FleetView("fleet run: waiting for the state file…")

    def compose(self) -> ComposeResult:
        yield Static(self.view.line, id="fleet-head")
        yield Static(self._controls_text(), id="fleet-controls")
        table: DataTable[RenderableType] = DataTable(
            id="fleet-targets", cursor_type="row", zebra_stripes=False
        )
        table.add_columns("state", "target", "detail")
        yield table
        yield Static("", id="fleet-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.begin()

    def on_unmount(self) -> None:
        self._wake.set()
        self.end()

    def begin(self) -> None:
        """Start following the state file (a subclass may first find it)."""
        self.follow()

    def end(self) -> None:
        """The screen is gone (its poller stops at its next wake-up)."""

    @work(thread=True, exclusive=True, exit_on_error=False, group="fleet-follow")
    def follow(self) -> None:
        """The screen's loop: new state-file records → a view → post → sleep."""
        worker = get_current_worker()
        tail = FleetStateTail(self.state_file)
        progress = FleetProgress()
        while not worker.is_cancelled:
            records = tail.read()
            for record in records:
                progress.add(record)
            if records:
                self.post_message(FleetProgressed(fleet_view(progress)))
            self._wake.wait(self.poll_s)

    def on_fleet_progressed(self, message: FleetProgressed) -> None:
        self.view = message.view
        with self.app.batch_update():
            style = {None: "", "success": "green", "stopped": "yellow"}.get(message.view.outcome, "red")
            self.query_one("#fleet-head", Static).update(Text(message.view.line, style))
            self.query_one("#fleet-controls", Static).update(self._controls_text())
            self.refresh_bindings()
            rows = {
                k: (Text(s, style=TARGET_STYLES.get(s, "")), n, d)
                for k, (s, n, d) in message.view.rows.items()
            }
            table = self.query_one("#fleet-targets", DataTable)
            on_top = table.cursor_row == 0
            sync_rows(table, rows)
            if on_top and table.row_count:  # the cursor left on the first row follows the top of the list
                table.move_cursor(row=0, animate=False)
            # the cursor row can keep a render from before its columns widened (Textual 8.2 DataTable cache):
            self.call_after_refresh(table._clear_caches)
            self.show_detail(selected_key(table))

    def on_data_table_row_highlighted(self, message: DataTable.RowHighlighted) -> None:
        self.show_detail(None if message.row_key.value is None else str(message.row_key.value))

    def show_detail(self, key: str | None) -> None:
        """The whole error of the target under the cursor, below the table (a row shows what fits)."""
        row = self.view.rows.get(key) if key is not None else None
        detail = self.query_one("#fleet-detail", Static)
        detail.display = bool(row and row[2])
        if row and row[2]:
            detail.update(Text.assemble((row[1], "bold"), ": ", (row[2], TARGET_STYLES.get(row[0], ""))))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Pause and stop leave the footer once this process's rollout has ended."""
        ended = self.control is not None and self.view.outcome is not None
        return not (ended and action in ("pause", "stop"))

    def _controls_text(self) -> Text:
        if self.control is None:
            return Text("following a rollout of another process · Enter: locks of a target · q quits", "dim")
        if self.view.outcome is not None:
            return Text("the rollout has ended · Enter: locks of a target · q quits", "dim")
        if self.control.stopped:
            return Text("stopping: no new target starts; running ones finish their migration", "yellow")
        if self.control.paused:
            return Text("paused: no new target starts · p resumes · s stops", "yellow")
        return Text("p pauses · s stops · Enter: locks of a target · q quits", "dim")

    def action_pause(self) -> None:
        """Pause or resume the rollout (this process's only)."""
        if self.control is None:
            self.notify("the rollout runs in another process: pause it there", severity="warning")
            return
        if self.control.paused:
            self.control.resume()
        else:
            self.control.pause()
        self.query_one("#fleet-controls", Static).update(self._controls_text())

    def action_stop(self) -> None:
        """Stop the rollout: no new target; running ones stop after their current migration."""
        if self.control is None:
            self.notify("the rollout runs in another process: stop it there (SIGTERM)", severity="warning")
            return
        self.control.stop("stopped from the fleet screen")
        self.query_one("#fleet-controls", Static).update(self._controls_text())

    def action_locks(self) -> None:
        """The lock pane of the target under the cursor."""
        key = selected_key(self.query_one("#fleet-targets", DataTable))
        if key is None or self.targets is None:
            return
        self.open_locks(key)

    def on_data_table_row_selected(self, message: DataTable.RowSelected) -> None:
        """Enter on a row (the table takes the key before the screen's binding)."""
        if message.row_key.value is not None and self.targets is not None:
            self.open_locks(str(message.row_key.value))

    @work(thread=True, exclusive=True, exit_on_error=False, group="fleet-targets")
    def open_locks(self, name: str) -> None:
        """Find the target (listing queries run off the UI thread), then show its locks."""
        assert self.targets is not None
        try:
            target = self.targets().get(name)
        except Exception as exc:
            self.app.call_from_thread(self.notify, one_line(exc), severity="error")
            return
        if target is not None:
            self.app.call_from_thread(self.app.push_screen, TargetLocksScreen(target))

    async def action_quit(self) -> None:
        self.app.exit()


class LocksSampled(Message):
    """A lock snapshot of one target."""

    def __init__(self, snapshot: Snapshot | None, error: str | None = None) -> None:
        super().__init__()
        self.snapshot = snapshot
        self.error = error


class TargetLocksScreen(Screen[None]):
    """One target's lock waits, sampled every second until Escape."""

    CSS_PATH = "fleet.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back")]

    def __init__(self, target: Target, *, poll_s: float = 1.0) -> None:
        super().__init__()
        self.target = target
        self.poll_s = poll_s
        self._wake = threading.Event()

    def compose(self) -> ComposeResult:
        yield Static(Text.assemble(("Locks of ", "bold"), self.target.name), id="fleet-head")
        yield LockPane(id="fleet-locks")
        yield Footer()

    def on_mount(self) -> None:
        self.sample()

    def on_unmount(self) -> None:
        self._wake.set()

    @work(thread=True, exclusive=True, exit_on_error=False, group="fleet-locks")
    def sample(self) -> None:
        """sample → post → sleep, on a monitor connection of its own."""
        worker = get_current_worker()
        monitor: Monitor | None = None
        try:
            while not worker.is_cancelled:
                try:
                    monitor = monitor or Monitor(self.target.dsn, application_name="migwiz-fleet-watch")
                    self.post_message(LocksSampled(monitor.sample()))
                except Exception as exc:
                    self.post_message(LocksSampled(None, one_line(exc)))
                self._wake.wait(self.poll_s)
        finally:
            if monitor is not None:
                monitor.close()

    def on_locks_sampled(self, message: LocksSampled) -> None:
        if message.snapshot is not None:
            self.query_one(LockPane).show(message.snapshot)
        else:
            self.query_one("#fleet-head", Static).update(Text(f"{self.target.name}: {message.error}", "red"))

    def action_back(self) -> None:
        self.app.pop_screen()


class RolloutEnded(Message):
    """The rollout started from the fleet step ended (its report's one line, or why it could not run)."""

    def __init__(self, line: str, ok: bool, failed: str = "") -> None:
        super().__init__()
        self.line = line
        self.ok = ok
        self.failed = failed
        """` (3 done, 2 failed): eu/shop_7, eu/shop_9` — counts and failed targets, for the notification."""


class FleetStep(FleetScreen):
    """The fleet screen as a step of the wizard, offered by the Target step when the project has a fleet.

    The same view as `migwiz fleet watch`; `u` rolls the set out over the fleet (after a confirmation) in a
    thread of its own, `p` / `s` pause and stop it, Escape goes back to the Target step. Leaving the step
    (or the wizard) stops a rollout it started at its safe points, as `fleet up --wizard` does.
    """

    STEP = "fleet"
    TITLE = "Fleet"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("u", "rollout", "Roll out"),
        Binding("enter", "locks", "Locks"),
        Binding("p", "pause", "Pause/resume"),
        Binding("s", "stop", "Stop"),
        Binding("q", "quit", "Quit", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(Path("fleet.state.jsonl"))
        self.fleet: Fleet | None = None
        self.rollout: threading.Thread | None = None
        self.ended: str | None = None

    def compose(self) -> ComposeResult:
        yield WizardHeader(id="header")
        yield from super().compose()

    def begin(self) -> None:
        wizard = cast("WizardApp", self.app)
        context = wizard.context
        self.poll_s = context.poll_interval_s
        self.query_one(WizardHeader).show(wizard.target_label, self.TITLE, None, "fleet")
        try:
            self.fleet = load_fleet(context.fleet_file, schema=context.settings.schema)
        except MigwizError as exc:
            self.view = FleetView(f"fleet: {exc.message}")
            self.query_one("#fleet-head", Static).update(Text(self.view.line, "red"))
            self.query_one("#fleet-controls", Static).update(self._controls_text())
            return
        fleet = self.fleet
        self.state_file = fleet.state_file
        if not self.state_file.exists():
            self.query_one("#fleet-head", Static).update(
                f"no fleet run recorded yet ({self.state_file.name})"
            )
        self.targets = lambda: {t.name: t for t in fleet.targets()}
        if context.live:
            self.follow()
        else:  # snapshots: the state file read once, no poller
            progress = FleetProgress()
            for record in FleetStateTail(self.state_file).read():
                progress.add(record)
            self.on_fleet_progressed(FleetProgressed(fleet_view(progress)))
        self.query_one("#fleet-controls", Static).update(self._controls_text())
        self.query_one("#fleet-targets", DataTable).focus()

    def end(self) -> None:
        if self.running and self.control is not None:
            self.control.stop("the fleet screen was closed")

    @property
    def running(self) -> bool:
        """A rollout started here is under way."""
        return self.rollout is not None and self.rollout.is_alive()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`u` while no rollout of this step runs, `p` / `s` while one does."""
        if action in ("pause", "stop"):
            return self.running
        return not (action == "rollout" and self.running)

    def _controls_text(self) -> Text:
        if self.fleet is None:
            return Text("fix the fleet file (docs/fleet.md) · Esc back", "dim")
        if self.control is None or not self.running:
            if self.ended:
                return Text(f"{self.ended} · u: roll out again · Esc back", "dim")
            where = self.fleet.path.name
            return Text(f"u rolls the set out over {where} · Enter: locks of a target · Esc back", "dim")
        return super()._controls_text()

    async def action_quit(self) -> None:
        """Quit the wizard; while a rollout started here runs, ask first (it stops at its safe points)."""
        if not self.ask_before_quit():
            self.app.exit(0)

    def ask_before_quit(self) -> bool:
        """While a rollout started here runs, ask whether to quit (`q` here, the wizard's ctrl+q anywhere);
        False when nothing runs and the wizard may just quit."""
        if not self.running:
            return False
        from migwiz.tui.screens.confirm import ChoiceModal

        if isinstance(self.app.screen, ChoiceModal):  # the question (or another) is already asked
            return True

        def chosen(answer: str | None) -> None:
            if answer == "stop" and self.control is not None:
                self.control.stop("the operator quit the wizard")
                self.app.exit(1)

        question = (
            "A rollout is under way. Quit now? Running targets finish their current migration; no new target"
            " starts. The wizard exits when they are done."
        )
        self.app.push_screen(
            ChoiceModal(question, [("stop", "Quit at the safe points"), ("stay", "Stay")]), chosen
        )
        return True

    def action_back(self) -> None:
        """Back to the Target step (a rollout started here stops at its safe points)."""
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()

    def action_rollout(self) -> None:
        """Ask, then roll the set out over the fleet: canaries first, waves, the error budget."""
        if self.fleet is None or self.running:
            return
        from migwiz.tui.screens.confirm import ChoiceModal

        fleet = self.fleet
        question = (
            f"Roll the set out over every target of {fleet.path.name}? Canary targets first, then waves of "
            f"{fleet.wave_size}, {fleet.concurrency} at a time; each target runs as `migwiz up` would."
            f" {fleet.max_failures} failed target(s) tolerated before the rollout stops."
        )

        def chosen(answer: str | None) -> None:
            if answer == "go":
                self.start_rollout()

        self.app.push_screen(ChoiceModal(question, [("go", "Roll out"), ("stay", "Cancel")]), chosen)

    def start_rollout(self) -> None:
        """The rollout in a thread of its own (never a widget touched from it); the view follows its
        state file like any other rollout's."""
        assert self.fleet is not None
        fleet, project = self.fleet, cast("WizardApp", self.app).context.project
        control = self.control = FleetControl()
        self.ended = None

        def run() -> None:
            try:
                report = fleet_rollout(
                    fleet, project.migration_set(), project.policy(), control=control,
                    log_file=project.settings.log_file,
                )  # fmt: skip
                counts = ", ".join(f"{n} {s}" for s, n in sorted(report.counts.items())) or "no target run"
                failed = ", ".join(f.target for f in report.failed[:3])
                more = f", +{len(report.failed) - 3} more" if len(report.failed) > 3 else ""
                named = f": {failed}{more}" if failed else ""
                ok = report.outcome == "success"
                self.post_message(RolloutEnded(f"rollout {report.outcome_text}", ok, f" ({counts}){named}"))
            except Exception as exc:
                self.post_message(RolloutEnded(f"rollout failed: {one_line(exc)}", False))

        self.rollout = threading.Thread(target=run, name="migwiz-fleet-rollout")
        self.rollout.start()
        self.query_one("#fleet-controls", Static).update(super()._controls_text())
        self.refresh_bindings()

    def on_rollout_ended(self, message: RolloutEnded) -> None:
        if self.rollout is not None:
            self.rollout.join()
        self.ended = message.line
        self.notify(message.line + message.failed, severity="information" if message.ok else "error")
        self.query_one("#fleet-controls", Static).update(self._controls_text())
        self.refresh_bindings()
