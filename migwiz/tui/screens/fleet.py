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
from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static
from textual.worker import get_current_worker

from migwiz.engine.commands import FleetControl, FleetProgress, FleetStateTail, Monitor, scrub
from migwiz.engine.types import Snapshot, Target
from migwiz.present import TARGET_STYLES
from migwiz.tui.widgets.keyed_table import selected_key, sync_rows
from migwiz.tui.widgets.lock_pane import LockPane

ROWS_SHOWN = 200
"""Targets listed at most (failed, then running, then the latest ended): the counts cover the rest."""
ORDER = {"failed": 0, "running": 1, "stopped": 2, "done": 3}


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
        yield Footer()

    def on_mount(self) -> None:
        self.follow()

    def on_unmount(self) -> None:
        self._wake.set()

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
            self.query_one("#fleet-head", Static).update(message.view.line)
            self.query_one("#fleet-controls", Static).update(self._controls_text())
            rows = {
                k: (Text(s, style=TARGET_STYLES.get(s, "")), n, d)
                for k, (s, n, d) in message.view.rows.items()
            }
            sync_rows(self.query_one("#fleet-targets", DataTable), rows)

    def _controls_text(self) -> Text:
        if self.control is None:
            return Text("following a rollout of another process · Enter: locks of a target · q quits", "dim")
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
            self.app.call_from_thread(self.notify, scrub(str(exc)).splitlines()[0], severity="error")
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
                    self.post_message(
                        LocksSampled(None, scrub(str(exc)).splitlines()[0] if str(exc) else "error")
                    )
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
