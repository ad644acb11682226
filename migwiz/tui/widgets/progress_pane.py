"""Progress of a run: the current statement, migrations done, and the long operation underway."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import ProgressBar, Static

from migwiz.engine import commands, humanize
from migwiz.engine.types import BackfillProgress, Progress, Snapshot
from migwiz.tui.execution import CurrentStatement, Rate
from migwiz.tui.widgets.indent import UnitText


def progress_label(op: Progress, rate: float | None, eta: float | None) -> Text:
    """`CREATE INDEX public.orders_idx · 61 k/169 k blocks · ETA 4 s · 12 k blocks/s · building index:
    scanning table`: the numbers before the phase's words, so an 80-column line cut at its end keeps them."""
    text = Text()
    text.append(op.operation, style="bold")
    where = op.index or op.relation
    if where:
        text.append(f" {where}")
    if op.waiting_for:
        text.append(f" · waiting for pid {op.waiting_for}", style="yellow")
    if op.done is not None and op.total:
        text.append(f" · {humanize.count(op.done)}/{humanize.count(op.total, op.unit)}")
    if eta is not None:
        text.append(f" · ETA {humanize.duration(eta)}")
    if rate is not None and rate > 0:
        text.append(f" · {humanize.count(rate, op.unit)}/s")
    text.append(f" · {op.phase}")
    return text


def backfill_label(p: BackfillProgress) -> Text:
    """`backfill orders · running · 1.2 M/4.0 M rows · 180 k rows/s · ETA 16 s` (the ETA counts the time
    spent braking), then the brake in force, if any."""
    text = Text()
    text.append("backfill", style="bold")
    text.append(f" {p.table} · {p.state}")
    text.append(f" · {humanize.count(p.rows_done)}/{humanize.count(p.total_estimate, 'rows')}")
    moving = p.state not in ("done", "stopped", "paused")  # stopped or paused: no live rate, no ETA
    if p.rate > 0 and moving:
        text.append(f" · {humanize.count(p.rate, 'rows')}/s")
    if p.eta_s is not None and moving:
        text.append(f" · ETA {humanize.duration(p.eta_s)}")
    if p.state == "stopped":
        text.append(" · resumable: migwiz up", style="yellow")
    if p.throttle:
        text.append(f" · brake: {p.throttle}", style="yellow")
    return text


def workers_label(p: BackfillProgress) -> Text:
    """Each worker's rate (or why it waits) and the brake in force and why, on lines of their own:
    `workers 3/4 · #0 60 k · #1 58 k · #2 61 k · #3 idle rows/s` / `brake: app latency 41 ms ...`."""
    text = Text()
    if p.workers and p.state not in ("done", "stopped"):
        running = sum(1 for w in p.workers if w.state == "running")
        text.append(f"workers {running}/{len(p.workers)}", style="bold")
        for w in p.workers:
            shown = humanize.count(w.rate) if w.state == "running" else w.state
            text.append(f" · #{w.worker} {shown}", style="" if w.state == "running" else "dim")
        text.append(" rows/s")
    if p.throttle and p.state not in ("done", "stopped"):
        text.append(("\n" if text else "") + f"brake: {p.throttle}", style="yellow")
    return text


def statement_title(current: CurrentStatement, now: datetime | None = None) -> Text:
    """`Progress: 12 s of ~20 s · statement 3/4 (line 6) · migration 2/5 0008_x`: elapsed (as of `now`)
    vs the plan's estimate first (what changes, kept when an 80-column line is cut), as `up --watch`
    shows it."""
    text = Text.assemble(("Progress", "bold"), ": ")
    estimate = current.estimate_ms / 1000 if current.estimate_ms is not None else None
    if now is not None:
        elapsed = max(0.0, current.elapsed_s(now))
        text.append(humanize.duration(elapsed))
        if estimate is not None:
            text.append(
                f" of ~{humanize.duration(estimate)}", style="yellow" if elapsed > estimate * 2 else ""
            )
        text.append(" · ")
    elif estimate is not None:
        text.append(f"~{humanize.duration(estimate)} estimated · ")
    text.append(f"statement {current.index + 1}/{current.total} (line {current.line})")
    if current.attempt > 1:
        text.append(f" (attempt {current.attempt})", style="yellow")
    text.append(f" · migration {current.migration_number}/{current.migrations} {current.label}")
    return text


def waiting_title(what: str, why: str, since: datetime, now: datetime | None = None) -> Text:
    """`Progress: waiting outside the lock queue · 12 s · 0008_x statement 1`: why and how long (as of
    `now`) first, so that an 80-column line cut at a word keeps them and drops the long name (the log
    names it)."""
    text = Text.assemble(("Progress", "bold"), ": ", (why, "yellow"))
    if now is not None:
        text.append(f" · {humanize.duration(max(0.0, (now - since).total_seconds()))}")
    return text.append(f" · {what}")


class ProgressPane(Vertical):
    """Bars bound to reactives: migrations done of total, and the current long operation."""

    DEFAULT_CSS = """
    ProgressPane #backfill-workers {
        height: auto;
        padding: 0 1;
    }
    ProgressPane #outcome {
        height: auto;
        max-height: 5;
        padding: 0 1;
    }
    """

    migrations_total: reactive[float | None] = reactive(None)
    migrations_done: reactive[float] = reactive(0.0)
    op_total: reactive[float | None] = reactive(None)
    op_done: reactive[float] = reactive(0.0)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rates: dict[tuple[int, str], Rate] = {}
        self.backfill: BackfillProgress | None = None
        self.last_backfill: BackfillProgress | None = None
        self.current: CurrentStatement | None = None
        self.waiting: tuple[str, str, datetime] | None = None
        """What waits for a lock, why, and since when (until the next statement starts)."""

    def compose(self) -> ComposeResult:
        yield Static("Progress: not started", id="progress-title", classes="pane-title")
        yield Static("", id="outcome")
        yield Static("", id="current-statement")
        yield ProgressBar(id="migrations-bar", show_eta=False).data_bind(
            total=ProgressPane.migrations_total, progress=ProgressPane.migrations_done
        )
        yield Static("", id="operation")
        yield ProgressBar(id="operation-bar", show_eta=False).data_bind(
            total=ProgressPane.op_total, progress=ProgressPane.op_done
        )
        yield Static("", id="backfill-workers")

    def _title(self, text: Text) -> None:
        """The pane's one-line title (cut at a word, a number kept with its unit)."""
        self.query_one("#progress-title", Static).update(UnitText(text, one_line=True))

    def watch_migrations_total(self, total: float | None) -> None:
        self.query_one("#migrations-bar", ProgressBar).display = total is not None

    def watch_op_total(self, total: float | None) -> None:
        self.query_one("#operation-bar", ProgressBar).display = total is not None

    def on_mount(self) -> None:
        self.query_one("#backfill-workers", Static).display = False
        self.query_one("#outcome", Static).display = False
        self.watch_migrations_total(self.migrations_total)
        self.watch_op_total(self.op_total)

    def show_statement(self, current: CurrentStatement) -> None:
        """The statement that started (with its estimate; `tick` adds the time it has run)."""
        self.current = current
        self.waiting = None
        self.migrations_total = current.migrations
        self.migrations_done = current.migration_number - 1
        self._title(statement_title(current))
        self.query_one("#current-statement", Static).update(
            Text(commands.query_line(current.sql, 200), no_wrap=True, overflow="ellipsis", style="italic")
        )

    def tick(self, now: datetime | None = None) -> None:
        """Elapsed vs estimate of the running statement (or how long the run has waited for a lock), as of
        `now` (the monitor sample's clock)."""
        if self.waiting is not None:
            what, why, since = self.waiting
            self._title(waiting_title(what, why, since, now))
        elif self.current is not None:
            self._title(statement_title(self.current, now))

    def show_waiting(self, what: str, why: str, holders: str, since: datetime) -> None:
        """The run waits for a lock before its next attempt: what, why, since when, and who holds it."""
        self.waiting = (what, why, since)
        self._title(waiting_title(what, why, since))
        held = f"held by {holders}" if holders else "the lock is not granted"
        self.query_one("#current-statement", Static).update(
            Text(held, no_wrap=True, overflow="ellipsis", style="yellow")
        )

    def show_done(self, done: int, total: int, text: str, details: Sequence[str] = ()) -> None:
        """The run ended; `details` (PostgreSQL's message, DETAIL, HINT of a failure) in full below."""
        self.current = None
        self.waiting = None
        self.migrations_total = max(total, 1)
        self.migrations_done = done
        self.query_one("#progress-title", Static).update(Text.assemble(("Progress", "bold"), f": {text}"))
        self.query_one("#current-statement", Static).update("")
        outcome = self.query_one("#outcome", Static)
        outcome.update(Text("\n".join(details), style="red"))
        outcome.display = bool(details)
        self.query_one("#current-statement", Static).display = not details
        self.query_one("#operation", Static).display = not details
        last = self.last_backfill
        if last is not None and last.state not in ("done", "stopped"):  # the run is over: so is its backfill
            self.backfill, self.last_backfill = None, replace(last, state="stopped", eta_s=None)
            self.query_one("#operation", Static).update(
                UnitText(backfill_label(self.last_backfill), one_line=True)
            )
            self.query_one("#backfill-workers", Static).display = False

    def show_backfill(self, p: BackfillProgress) -> None:
        """A backfill's progress: rows, rate, ETA (braking included), its workers, and the brake in force."""
        self.backfill = p if p.state not in ("done", "stopped") else None
        self.last_backfill = p
        if self.current is None or self.current.version != p.backfill_id:  # a backfill has no statements
            self.waiting = None
            self.current = None  # `tick` must not bring back the previous migration's statement
            self.query_one("#current-statement", Static).update("")
            title = Text.assemble(
                ("Progress", "bold"), f": backfill {p.backfill_id} of {p.table} · {p.state}"
            )
            self.query_one("#progress-title", Static).update(title)
        self.query_one("#operation", Static).update(UnitText(backfill_label(p), one_line=True))
        detail = workers_label(p)
        workers = self.query_one("#backfill-workers", Static)
        workers.update(detail)
        workers.display = bool(detail)
        self.op_total = float(max(p.total_estimate, p.rows_done, 1))
        self.op_done = float(p.rows_done if p.state != "done" else self.op_total)

    def show_sessions(self, snapshot: Snapshot, skip: Collection[str] = ()) -> None:
        """Observer mode: the statements our sessions (`migwiz ...`, another process) are running now."""
        running = sorted(
            (s for s in snapshot.ours if s.state == "active" and s.application_name not in skip),
            key=lambda s: -(s.query_age_s or 0.0),
        )
        title = self.query_one("#progress-title", Static)
        statement = self.query_one("#current-statement", Static)
        if not running:
            title.update(Text.assemble(("Progress", "bold"), ": no migwiz statement running"))
            statement.update("")
            return
        first = running[0]
        text = Text.assemble(("Progress", "bold"), f": {first.application_name} (pid {first.pid})")
        if first.query_age_s is not None:
            text.append(f" · running {humanize.duration(first.query_age_s)}")
        if first.wait_event and first.wait_event.startswith("Lock:"):
            text.append(f" · waiting for a lock ({first.wait_event[5:]})", style="yellow")
        if len(running) > 1:
            text.append(f" · +{len(running) - 1} more")
        title.update(UnitText(text, one_line=True))
        statement.update(Text(first.query, no_wrap=True, overflow="ellipsis", style="italic"))

    def show_snapshot(self, snapshot: Snapshot, at: float | None = None) -> None:
        """The long operation of our session (else any) from the monitor, with rate and ETA."""
        if self.backfill is not None:
            return
        ops = sorted(snapshot.progress, key=lambda p: (not p.ours, p.pid))
        label = self.query_one("#operation", Static)
        if not ops and self.last_backfill is not None:
            return  # keep the finished backfill's line until another operation starts
        if not ops:
            label.update(Text("no long operation running (index build, rewrite, vacuum, copy)", style="dim"))
            self.op_total, self.op_done = None, 0.0
            return
        op = ops[0]
        rate = self._rates.setdefault((op.pid, op.operation + op.phase), Rate())
        if op.done is not None:
            rate.add(op.done, at)
        label.update(UnitText(progress_label(op, rate.per_second(), rate.eta(op.total)), one_line=True))
        if op.total:
            self.op_total, self.op_done = float(op.total), float(op.done or 0)
        else:
            self.op_total, self.op_done = None, 0.0
