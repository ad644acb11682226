"""Observer mode: attach read-only to a run in progress — the central log plus the monitor."""

from __future__ import annotations

import threading
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.worker import get_current_worker

from migwiz.engine.commands import LogFollower, Monitor
from migwiz.engine.errors import one_line
from migwiz.engine.types import Logged, Snapshot
from migwiz.tui.execution import logged_event
from migwiz.tui.messages import BackfillProgressed, LogEvent, MonitorFailed, MonitorSample
from migwiz.tui.screens.base import WizardScreen
from migwiz.tui.screens.execute import OURS_PREFIX
from migwiz.tui.widgets.event_tail import EventTail
from migwiz.tui.widgets.lock_pane import LockPane
from migwiz.tui.widgets.progress_pane import ProgressPane

WATCH_PURPOSE = "watch"
WATCH_LOG_NAME = f"{OURS_PREFIX}{WATCH_PURPOSE}"
"""The log reader's own session: named like ours, never shown as a running statement."""


class WatchScreen(WizardScreen):
    """Lock tree, long operations and the log of whatever run is going on. Never writes anything."""

    STEP = "watch"
    TITLE = "Watch (read-only)"
    CSS_PATH = "watch.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._wake = threading.Event()
        self.error: str | None = None

    def body(self) -> ComposeResult:
        yield ProgressPane(id="progress")
        yield LockPane(id="locks")
        yield EventTail(id="events")

    def on_mount(self) -> None:
        self.refresh_header()
        if self.wizard.context.live:
            self.set_status("observing: nothing here changes the database · q quits")
            self.poll_monitor()
            self.follow_log()

    def on_unmount(self) -> None:
        self._wake.set()

    @work(thread=True, exclusive=True, exit_on_error=False, group="watch-monitor")
    def poll_monitor(self) -> None:
        """The monitor pane's loop: sample → post → sleep."""
        worker = get_current_worker()
        ctx = self.wizard.context
        monitor: Monitor | None = None
        try:
            while not worker.is_cancelled:
                try:
                    if monitor is None:
                        monitor = Monitor(ctx.dsn, application_name="migwiz-watch", ours_prefix=OURS_PREFIX)
                    self.post_message(MonitorSample(monitor.sample()))
                except Exception as exc:
                    self.post_message(MonitorFailed(one_line(exc)))
                self._wake.wait(ctx.poll_interval_s)
        finally:
            if monitor is not None:
                monitor.close()

    @work(thread=True, exclusive=True, exit_on_error=False, group="watch-log")
    def follow_log(self) -> None:
        """The log pane's loop: new events of the central log since the last one seen."""
        worker = get_current_worker()
        ctx = self.wizard.context
        first = True
        with LogFollower(ctx.dsn, ctx.settings.schema, purpose=WATCH_PURPOSE) as follower:
            while not worker.is_cancelled:
                try:
                    if follower.ready():
                        for typed in follower.run_events(limit=40 if first else 500):
                            if isinstance(
                                typed, Logged
                            ):  # the tail shows lines; backfills come from checkpoints
                                self.post_message(LogEvent(logged_event(typed)))
                        # live ones, each one once more as it ends, and at first those left stopped
                        for reading in follower.backfills(stopped=first):
                            self.post_message(BackfillProgressed(reading))
                        first = False
                    self._wake.wait(ctx.poll_interval_s * 2)
                except Exception as exc:
                    follower.reset()  # the next round opens a new connection and goes on where it stopped
                    self.post_message(MonitorFailed(f"log: {one_line(exc)}"))
                    self._wake.wait(2.0)

    def on_backfill_progressed(self, message: BackfillProgressed) -> None:
        self.query_one(ProgressPane).show_backfill(message.progress)

    def on_monitor_sample(self, message: MonitorSample) -> None:
        if self.app.screen is self:
            self.render_snapshot(message.snapshot)

    def render_snapshot(self, snapshot: Snapshot) -> None:
        """Both panes from one sample."""
        with self.app.batch_update():
            self.query_one(LockPane).show(snapshot)
            pane = self.query_one(ProgressPane)
            pane.show_sessions(snapshot, skip=(WATCH_LOG_NAME,))
            pane.show_snapshot(snapshot)

    def on_monitor_failed(self, message: MonitorFailed) -> None:
        if message.error != self.error:
            self.error = message.error
            self.notify(message.error, severity="warning")

    def on_log_event(self, message: LogEvent) -> None:
        if message.event.step == "backfill progress":
            return  # the progress pane shows it (from the checkpoint); the tail keeps the decisions
        self.query_one(EventTail).add(message.event)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:
            self.app.exit(0)

    def action_quit(self) -> None:
        """Leave."""
        self.app.exit(0)
