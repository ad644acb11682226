"""Execute: a typed confirmation, then live panes — lock-wait tree, progress, event-log tail.

Keys: abort safely (stop after the running migration, or cancel the running statement), change
lock_timeout (from the next statement on). The run happens in a thread worker through `execution.execute`
under the engine's `RunControl`; its typed events (statements with their estimate, backfill batches, log
lines, the longest wait we caused) become this screen's messages. The monitor is sampled by one
non-overlapping loop owned by this screen, for the lock pane and long-operation progress only.
"""

from __future__ import annotations

import contextlib
import threading
from dataclasses import replace
from datetime import UTC, datetime
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.worker import get_current_worker

from migwiz.engine import commands
from migwiz.engine.commands import Monitor, error_findings, os_identity
from migwiz.engine.durations import parse_duration
from migwiz.engine.errors import one_line
from migwiz.engine.types import (
    BackfillProgress,
    LintReport,
    Migration,
    RunControl,
    RunEvent,
    Snapshot,
    abort_events,
)
from migwiz.engine.types import run_events as events
from migwiz.tui import backend, execution
from migwiz.tui.execution import RunSummary
from migwiz.tui.messages import (
    BackfillControlled,
    BackfillProgressed,
    LogEvent,
    MonitorFailed,
    MonitorSample,
    RunFinished,
    RunWaiting,
    StatementStarted,
)
from migwiz.tui.outcome import run_outcome
from migwiz.tui.screens.base import WizardScreen
from migwiz.tui.screens.confirm import ChoiceModal, ConfirmModal, ValueModal, confirmation
from migwiz.tui.verdicts import lint_errors_lines, plan_verdicts, reverting_sentence
from migwiz.tui.widgets.event_tail import EventTail
from migwiz.tui.widgets.lock_pane import LockPane
from migwiz.tui.widgets.progress_pane import ProgressPane

OURS_PREFIX = "migwiz "
"""Our sessions are named `migwiz <purpose>` (executor, guard, backfill...); an application merely named
`migwiz-something` (the demo's workload) is not ours."""


class ExecuteScreen(WizardScreen):
    """The run, live."""

    STEP = "execute"
    TITLE = "Execute"
    CSS_PATH = "execute.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("x", "execute", "Run", tooltip="asks for the database name first"),
        Binding(
            "a",
            "abort",
            "Abort",
            tooltip="stop after the running migration, or cancel the running statement now",
        ),
        Binding(
            "p",
            "pause",
            "Pause",
            tooltip="pause the run at its next safe point (a backfill between two batches), or resume it",
        ),
        Binding("r", "refresh", "Refresh", show=False),
        Binding("l", "lock_timeout", "Timeout", tooltip="change lock_timeout from the next statement on"),
        Binding("n", "next", "Next", tooltip="verify and roll-back test, once the run has ended"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.held: Snapshot | None = None
        self.backfill: BackfillProgress | None = None
        self.monitor_error: str | None = None
        self.abort: tuple[str, datetime] | None = None
        """The operator's abort choice (stop / cancel) and when, while a run executes."""
        self._wake = threading.Event()
        self.waited = False
        """The status line says the run waits for a lock (the next statement puts it back)."""

    def body(self) -> ComposeResult:
        yield ProgressPane(id="progress")
        yield LockPane(id="locks")
        yield EventTail(id="events")

    @property
    def direction(self) -> execution.Direction:
        """Down in the rollback flow."""
        return "down" if self.wizard.flow[1] == "recent" else "up"

    def on_mount(self) -> None:
        self.refresh_header()
        run = self.wizard.data.run
        if isinstance(run, RunSummary):
            self.show_finished(run)
            return
        if self.wizard.context.live:
            self.action_execute()
        else:
            self.set_status("x to execute")

    def on_unmount(self) -> None:
        self._wake.set()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only the keys that mean something now: x before the run, a/p/l during it (not Esc), n after it."""
        ran, running = isinstance(self.wizard.data.run, RunSummary), self.wizard.running
        wanted = {"execute": not ran and not running, "next": ran or not self.wizard.context.live,
                  "back": not running}  # fmt: skip
        return running if action in ("abort", "pause", "lock_timeout") else wanted.get(action, True)

    # -- confirmation and start ----------------------------------------------------------------------------

    def what_runs(self) -> str:
        """One sentence for the confirmation."""
        question, risky = self.asked()
        return (f"{risky[0]} {'; '.join(risky[1:])}. " if risky else "") + question

    def asked(self) -> tuple[str, list[str]]:
        """The question, and what lint rates `error` among what runs (its head line, one per finding)."""
        ctx = self.wizard.context
        if self.direction == "down":
            return reverting_sentence(self.wizard.data.recent, self.wizard.data.rollback_to, ctx.database), []
        to = self.wizard.data.apply_to
        pending = [
            s
            for s in (self.wizard.data.statuses or [])
            if s.state in ("pending", "failed") and s.version.within(to)
        ]
        count = f"{len(pending)} pending migration(s)" if pending else "the pending migrations"
        upto = f" (up to {to})" if to is not None else ""
        risky = self.risky([s.migration for s in pending if s.migration is not None])
        return f"Apply {count}{upto} to {ctx.database}?", risky

    def risky(self, migrations: list[Migration]) -> list[str]:
        """What lint rates `error` among `migrations`, with the plan's verdict, as lines."""
        report = self.wizard.data.lint  # the Pending step's PendingInfo (tests may hand a LintReport)
        info = report
        if isinstance(report, backend.PendingInfo):
            report = report.lint
        if not isinstance(report, LintReport) or not migrations:
            return []
        verdicts = plan_verdicts(info, self.wizard.data.plan)
        return lint_errors_lines(error_findings(report, migrations), verdicts)

    def action_execute(self) -> None:
        """Ask for the database name, then run."""
        if self.wizard.running or isinstance(self.wizard.data.run, RunSummary):
            self.set_status("this run already happened: see Verify and Summary (n)")
            return
        if not self.wizard.context.live:
            return
        question = confirmation(*self.asked())
        self.app.push_screen(
            ConfirmModal(question, self.wizard.context.database, blink=self.wizard.context.cursor_blink),
            self.confirmed,
        )

    def confirmed(self, ok: bool | None) -> None:
        """Start the run and the monitor loop once confirmed."""
        if not ok:
            self.set_status("not confirmed: nothing was run · x to execute, Esc to go back")
            return
        self.wizard.control = RunControl()
        self.refresh_bindings()
        self.set_status("running · a abort safely, l change lock_timeout")
        self.poll_monitor()
        self.run_migrations()

    @work(thread=True, exclusive=True, exit_on_error=False, group="execute")
    def run_migrations(self) -> None:
        ctx = self.wizard.context
        control = self.wizard.control
        assert control is not None
        try:
            backend.migration_set(ctx.project)
        except Exception as exc:
            control.finish()
            self.post_message(RunFinished(_failed_summary(self.direction, one_line(exc))))
            return
        data = self.wizard.data
        down = self.direction == "down"
        summary = execution.execute(
            ctx.project, direction=self.direction,
            target=data.rollback_to if self.direction == "down" else data.apply_to, control=control,
            policy=backend.policy_for(ctx.project, allow_edited=down and bool(data.allow_edited)),
            on_event=self.run_event, estimates=_estimates(data.plan),
        )  # fmt: skip
        self.post_message(RunFinished(summary))

    def run_event(self, event: RunEvent) -> None:
        """On the run's thread: the events this screen shows, posted as its messages."""
        if isinstance(event, events.StatementStarted):
            self.post_message(StatementStarted(event.statement))
        elif isinstance(event, events.GuardDecision) and event.action == "wait_outside_queue":
            self.post_message(
                RunWaiting(event.what, "waiting outside the lock queue", _holders(event), event.at)
            )
        elif isinstance(event, events.LockWait) and event.kind != "holders":
            why = {"lock_timeout": "lock_timeout reached", "guard": "cancelled: sessions queued behind it",
                   "deadlock": "deadlock"}[event.kind]  # fmt: skip
            self.post_message(
                RunWaiting(event.what, f"{why} on attempt {event.attempt}, retrying", _holders(event),
                           event.at)
            )  # fmt: skip
        elif isinstance(event, events.BackfillBatch):
            self.post_message(BackfillProgressed(event.progress))
        elif isinstance(event, events.Logged):
            self.post_message(LogEvent(execution.logged_event(event)))

    # -- the monitor loop ----------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="monitor")
    def poll_monitor(self) -> None:
        """Sample → post → sleep, until the screen goes away or the run has ended."""
        worker = get_current_worker()
        ctx = self.wizard.context
        control = self.wizard.control
        monitor: Monitor | None = None
        try:
            while not worker.is_cancelled:
                try:
                    if monitor is None:
                        monitor = Monitor(
                            ctx.dsn, our_pids=control.our_pids if control else None, ours_prefix=OURS_PREFIX
                        )
                    self.post_message(MonitorSample(monitor.sample()))
                except Exception as exc:
                    self.post_message(MonitorFailed(one_line(exc)))
                if control is not None and control.done.is_set():
                    break
                self._wake.wait(ctx.poll_interval_s)
        finally:
            if monitor is not None:
                monitor.close()

    def on_monitor_sample(self, message: MonitorSample) -> None:
        if self.app.screen is not self:  # a modal is open: keep the newest, render on resume
            self.held = message.snapshot
            return
        self.render_snapshot(message.snapshot)

    def render_snapshot(self, snapshot: Snapshot) -> None:
        """Both panes from one sample."""
        with self.app.batch_update():
            self.query_one(LockPane).show(snapshot)
            progress = self.query_one(ProgressPane)
            progress.show_snapshot(snapshot)
            progress.border_subtitle = snapshot.replicas_text
            progress.tick(snapshot.taken_at)  # elapsed vs estimate of the running statement

    def on_screen_resume(self) -> None:
        if self.held is not None:
            self.render_snapshot(self.held)
            self.held = None

    def on_monitor_failed(self, message: MonitorFailed) -> None:
        if message.error != self.monitor_error:
            self.monitor_error = message.error
            self.notify(f"monitor: {message.error}", severity="warning")

    # -- run events ----------------------------------------------------------------------------------------

    def on_statement_started(self, message: StatementStarted) -> None:
        self.query_one(ProgressPane).show_statement(message.current)
        if self.waited and self.abort is None and self.wizard.running:
            self.set_status("running · a abort safely, l change lock_timeout")
        self.waited = False

    def on_run_waiting(self, message: RunWaiting) -> None:
        self.query_one(ProgressPane).show_waiting(message.what, message.why, message.holders, message.since)
        if self.abort is None:
            self.waited = True
            self.set_status(
                Text("waiting for a lock · a abort (ends the wait), l change lock_timeout", "yellow")
            )

    def on_log_event(self, message: LogEvent) -> None:
        if message.event.step == "backfill progress":
            return  # the progress pane shows it (from the runner's callback); the tail keeps the decisions
        control = self.wizard.control
        if message.event.step == "pause" and control is not None and control.paused:
            where = message.event.message.removeprefix("paused by the operator ")
            self.set_status(f"paused {where} · nothing runs · p to resume")
        self.query_one(EventTail).add(message.event)

    def on_backfill_progressed(self, message: BackfillProgressed) -> None:
        self.backfill = message.progress
        self.query_one(ProgressPane).show_backfill(message.progress)

    def action_pause(self) -> None:
        """One key for a pause: a running backfill pauses between two batches (its control row, so the
        progress pane says so); otherwise the run holds at its next safe point outside a transaction."""
        control = self.wizard.control
        running = control is not None and not control.done.is_set()
        p = self.backfill
        if control is not None and running and control.paused:
            control.resume()
            self.set_status("resumed: the run goes on · p to pause")
        elif p is not None and p.state in ("starting", "running", "paused", "throttled"):
            pause = p.state != "paused"
            self.set_status("pausing the backfill…" if pause else "resuming the backfill…")
            self.control_backfill(p.backfill_id, pause)
        elif control is not None and running:
            control.pause()
            current = self.query_one(ProgressPane).current
            running_now = f"{current.version} runs on; " if current is not None else ""
            self.set_status(f"pause asked: {running_now}the run holds at the next safe point · p to resume")
        else:
            self.set_status("nothing is running to pause")

    @work(thread=True, exclusive=True, exit_on_error=False, group="backfill-control")
    def control_backfill(self, backfill_id: str, pause: bool) -> None:
        ctx = self.wizard.context

        def write() -> str:
            commands.control_backfill(ctx.project, backfill_id, paused=pause)
            return "paused" if pause else "resumed"

        self.deliver("backfill-control", write, BackfillControlled)

    def on_backfill_controlled(self, message: BackfillControlled) -> None:
        self.succeeded("backfill-control")
        self.set_status(
            f"backfill {message.state}: p to {'resume' if message.state == 'paused' else 'pause'}"
        )

    def on_run_finished(self, message: RunFinished) -> None:
        summary = replace(message.summary, target=self.wizard.target_label)
        self.wizard.data.run = summary
        self._wake.set()
        self.refresh_bindings()
        self.show_finished(summary)

    def show_finished(self, summary: RunSummary) -> None:
        """The outcome in the progress pane and the status line."""
        outcome = run_outcome(summary, self.abort)
        self.query_one(ProgressPane).show_done(
            outcome.done, outcome.total, outcome.text.plain, outcome.details
        )
        text = outcome.text.copy()
        text.append(" · n verify", style="")
        self.set_status(text, error=summary.error is not None)

    # -- keys ----------------------------------------------------------------------------------------------

    def action_abort(self) -> None:
        """Stop after the running migration, or cancel the running statement."""
        control = self.wizard.control
        if control is None or control.done.is_set():
            self.set_status("nothing is running")
            return

        def chosen(answer: str | None) -> None:
            choice = answer or "keep"
            at = datetime.now(UTC)
            finished = control.done.is_set()
            # the run's id now, before a cancel can end the run and detach it from `control`
            self.log_abort(control, control.run_id, choice, at, finished)
            if finished:  # the run ended while the question was open: say so, change nothing
                self.abort = None
                run = self.wizard.data.run
                if isinstance(run, RunSummary):
                    self.show_finished(run)
                if choice != "keep":
                    self.set_status(
                        Text("the run had already finished when the abort was chosen: nothing was stopped"
                             " · n verify", "bold yellow")
                    )  # fmt: skip
                return
            if choice == "stop":
                self.abort = (choice, at)
                control.request_stop("the operator asked to stop")
                self.set_status("stopping after the running migration…")
            elif choice == "cancel":
                self.abort = (choice, at)
                control.request_stop("the operator cancelled the running statement", after="statement")
                control.cancel_statement()
                self.set_status("cancelling the running statement…")

        self.app.push_screen(
            ChoiceModal(
                "Abort safely: the migration that is running can finish first (a backfill stops after its"
                " current batch, resumable), or its statement can be cancelled now (a transactional"
                " migration is rolled back whole).",
                [
                    ("stop", "Stop after the running migration"),
                    ("cancel", "Cancel the running statement now"),
                    ("keep", "Keep going"),
                ],
            ),
            chosen,
        )

    @work(thread=True, exit_on_error=False, group="abort-log")
    def log_abort(
        self, control: RunControl, run_id: str | None, choice: str, at: datetime, finished: bool
    ) -> None:
        """The operator's abort request (who, when, which choice) as an event of the run's central log."""
        ctx = self.wizard.context
        if run_id is None:
            return
        os_user, host = os_identity()
        picked: abort_events.AbortChoice = "keep"
        for known in abort_events.CHOICE_TEXT:
            picked = known if known == choice else picked
        request = abort_events.AbortRequested(picked, os_user, host, at, finished)
        # Written on a connection of its own, not through the run's log: a cancel can end the run and close
        # that log while this worker writes, and the operator's decision must be on record either way.
        with contextlib.suppress(Exception):  # the log is best effort here: never hide the run's outcome
            commands.record_abort(ctx.dsn, ctx.settings.schema, run_id, request)

    def action_lock_timeout(self) -> None:
        """Change lock_timeout from the next statement on (this run's later migrations included)."""
        control = self.wizard.control
        current = (
            control.lock_timeout_ms if control else None
        ) or self.wizard.context.settings.lock_timeout_ms

        def check(value: str) -> str | None:
            try:
                return None if parse_duration(value) > 0 else "must be more than 0"
            except ValueError as exc:
                return one_line(exc)

        def chosen(value: str | None) -> None:
            if value is None:
                return
            ms = parse_duration(value)
            if control is None or control.done.is_set():
                self.set_status(
                    "no run is executing: lock_timeout is the configured one (lock_timeout in migwiz.toml)"
                )
                return
            control.set_lock_timeout(ms)
            self.set_status(f"lock_timeout {ms} ms from the next statement on")

        self.app.push_screen(
            ValueModal(
                "lock_timeout from the next statement on, for the rest of this run (e.g. 500ms, 2s):",
                f"{current}ms",
                check,
                blink=self.wizard.context.cursor_blink,
            ),
            chosen,
        )

    def action_back(self) -> None:
        if self.wizard.running:
            self.set_status("a run is executing: abort it (a) or wait for it to end")
            return
        super().action_back()

    def action_next(self) -> None:
        if not isinstance(self.wizard.data.run, RunSummary):
            self.set_status("nothing has run yet: x to execute")
            return
        self.workers.cancel_group(self, "monitor")
        super().action_next()


def _holders(event: events.GuardDecision | events.LockWait) -> str:
    """Who holds the lock the run waits for (the first two, and how many more)."""
    shown = "; ".join(h.describe() for h in event.holders[:2])
    return shown + (f"; and {len(event.holders) - 2} more" if len(event.holders) > 2 else "")


def _failed_summary(direction: execution.Direction, error: str) -> RunSummary:
    from datetime import UTC, datetime

    from migwiz.engine.types import RunReport

    now = datetime.now(UTC)
    return RunSummary(None, direction, RunReport(direction), now, now, error=error)


def _estimates(plan: object) -> dict[tuple[str, int], float]:
    """Per-statement estimates (ms, by version and line) from the Impact step's report, when it ran."""
    if not isinstance(plan, backend.ImpactReport):
        return {}
    return {(r.version, r.line): r.est_seconds * 1000 for r in plan.rows if r.est_seconds is not None}
