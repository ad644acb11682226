"""Observer mode: attach read-only to a run in progress — the central log plus the monitor."""

from __future__ import annotations

import threading
from typing import Any, ClassVar

import psycopg
from psycopg import conninfo
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.worker import get_current_worker

from migwiz.engine.backfill.progress import LIVE_STATES, BackfillProgress, checkpoint_readings
from migwiz.engine.history.state import state_exists
from migwiz.engine.log.eventlog import read_events
from migwiz.engine.observe import Monitor, Snapshot
from migwiz.engine.run.events import Logged, RunEvent
from migwiz.engine.run.log_events import events_from_log
from migwiz.engine.servers.connect import connect, dsn_params, scrub
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
LIVE_BACKFILL = LIVE_STATES


def read_only(dsn: str) -> str:
    """The DSN with every transaction read-only (a libpq startup option: nothing to send as SQL)."""
    params = dsn_params(dsn)
    params["options"] = f"{params.get('options') or ''} -c default_transaction_read_only=on".strip()
    return conninfo.make_conninfo("", **params)


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
        self._backfills: set[str] = set()  # ids of the backfills seen running (worker thread only)
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
                    self.post_message(
                        MonitorFailed(scrub(str(exc)).splitlines()[0] if str(exc) else type(exc).__name__)
                    )
                self._wake.wait(ctx.poll_interval_s)
        finally:
            if monitor is not None:
                monitor.close()

    @work(thread=True, exclusive=True, exit_on_error=False, group="watch-log")
    def follow_log(self) -> None:
        """The log pane's loop: new events of the central log since the last one seen."""
        worker = get_current_worker()
        ctx = self.wizard.context
        schema = ctx.settings.schema
        last_id = 0
        first = True
        while not worker.is_cancelled:
            try:
                with connect(read_only(ctx.dsn), autocommit=True, purpose=WATCH_PURPOSE) as conn:
                    while not worker.is_cancelled:
                        if state_exists(conn, schema):
                            events = read_events(conn, schema, after_id=last_id, limit=40 if first else 500)
                            first = False
                            for event_id, row in events:
                                last_id = max(last_id, event_id)
                                self.post_run_events(events_from_log(row))
                            for reading in self.backfill_readings(conn, schema):
                                self.post_message(BackfillProgressed(reading))
                        self._wake.wait(ctx.poll_interval_s * 2)
            except Exception as exc:
                said = str(exc).splitlines()[0] if str(exc) else repr(exc)
                self.post_message(MonitorFailed(scrub(f"log: {said}")))
                self._wake.wait(2.0)

    def post_run_events(self, typed: list[RunEvent]) -> None:
        """A log row as the run's typed events (the same types `migwiz up` publishes): its line for the
        tail. Backfill progress comes from the checkpoints instead (they also say when a run died)."""
        for event in typed:
            if isinstance(event, Logged):
                self.post_message(LogEvent(logged_event(event)))

    def backfill_readings(self, conn: psycopg.Connection[Any], schema: str) -> list[BackfillProgress]:
        """The running backfills' checkpoints, and once more each one that stopped or finished since.

        A checkpoint left `running` by a process that died (its backend is gone) reads as stopped, as in
        `migwiz backfill status`."""
        readings: list[BackfillProgress] = []
        for reading in checkpoint_readings(conn, schema):
            live = reading.state in LIVE_BACKFILL
            if live or reading.backfill_id in self._backfills:
                readings.append(reading)
            if live:
                self._backfills.add(reading.backfill_id)
            else:
                self._backfills.discard(reading.backfill_id)
        return readings

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
