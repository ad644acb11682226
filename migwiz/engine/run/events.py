"""One typed event stream per run: what the runner does, as frozen dataclasses, in order.

Every face observes a run through this stream: `up --watch`, the wizard's Execute step, `migwiz watch`
(which maps the central log's rows to the same types, log_events.py), the dry run and the rollback test.
The runner publishes; consumers either register a callback (`RunEvents.on`, called on the runner's
thread: hand the event over, e.g. Textual's thread-safe `post_message`, and return) or iterate a
`Subscription` (a thread-safe queue, for a click loop or any other thread; it ends after `RunFinished`).

The central log is one consumer, the first: every event says what its log line is (`line()`, None when
it has none) and the run's log writer (log_writer.py, `RunEvents.record`) writes it before any other
consumer sees the event. The other typed events are in notes.py and backfill/events.py; those of a run's
record and of `adopt`, `backup-check`, `drift`, `ci` and `plan` in the leaf modules log/record_events.py,
log/adopt_events.py, log/backup_events.py, log/drift_events.py, log/ci_events.py and log/plan_events.py
(written through `EventLog.write`, the same path); the wizard's abort request in log/abort_events.py.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from migwiz.engine import humanize
from migwiz.engine.backfill.events import BackfillBatch as BackfillBatch
from migwiz.engine.backfill.events import BackfillEvent
from migwiz.engine.log.abort_events import AbortEvent
from migwiz.engine.log.adopt_events import AdoptEvent
from migwiz.engine.log.backup_events import BackupEvent
from migwiz.engine.log.ci_events import CiEvent
from migwiz.engine.log.drift_events import DriftEvent
from migwiz.engine.log.line import Level, LogLine
from migwiz.engine.log.plan_events import PlanEvent
from migwiz.engine.log.record_events import RecordEvent
from migwiz.engine.rollback.events import RollbackEvent
from migwiz.engine.run.current import CurrentStatement
from migwiz.engine.run.failures import StatementFailure
from migwiz.engine.run.guard import Session, describe_sessions
from migwiz.engine.run.notes import RunNote
from migwiz.engine.shadow.events import DryRunEvent

_LOG = logging.getLogger(__name__)


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class StatementStarted:
    """A statement (or a batch of small data statements) starts; `statement` carries the estimate and the
    attempt (a transactional migration retried after a lock conflict starts again at attempt 2)."""

    statement: CurrentStatement
    at: datetime = field(default_factory=_now)

    def line(self) -> None:
        """No line: the log records statements once they finish."""
        return None


@dataclass(frozen=True)
class StatementFinished:
    """A statement ended: `error` is None on success (the scrubbed first line of the error otherwise)."""

    statement: CurrentStatement
    duration_ms: float
    error: str | None = None
    sqlstate: str | None = None
    exception: BaseException | None = field(default=None, compare=False, repr=False)
    """The error itself, for consumers on the run's thread that inspect it (the dry run's tracer)."""
    at: datetime = field(default_factory=_now)

    def line(self) -> None:
        """No line of its own: the log writer's statement log writes a slow or DDL statement alone and
        counts fast data statements into one line (statement_log.py); a failure is its migration's."""
        return None


LockWaitKind = Literal["lock_timeout", "guard", "deadlock", "holders"]


@dataclass(frozen=True)
class LockWait:
    """Our statement met a lock conflict: it timed out (`lock_timeout`), the guard cancelled it because
    sessions queued behind it (`guard`), a deadlock, or a long transaction holds a conflicting lock and
    the guard keeps us out of the queue (`holders`, attempt 0: before trying). A retry shows as the
    next `StatementStarted` with a higher attempt, giving up as a `GuardDecision`."""

    what: str
    version: str | None
    kind: LockWaitKind
    attempt: int
    holders: tuple[Session, ...] = ()
    queued: tuple[Session, ...] = ()
    waited_ms: float | None = None
    sqlstate: str | None = None
    detail: str = ""
    """The error's primary message, or (`guard`) why the guard cancelled the statement."""
    max_queued: int = 0
    place: Mapping[str, Any] = field(default_factory=dict)
    """Where the statement is (version, path, line, index), as the log row's data."""
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine | None:
        """The central-log line (`holders`: none, the guard's decision to wait has it)."""
        if self.kind == "holders":
            return None
        if self.kind == "guard":
            message = f"{self.what}: cancelled our own statement: {self.detail}"
            if self.queued:
                message += f"; queued: {describe_sessions(self.queued)}"
        else:
            message = f"{self.what}: {self.sqlstate} {self.detail or self.kind}"
        if self.holders:
            message += f"; blocked by {describe_sessions(self.holders)}"
        data = {
            "kind": self.kind, "attempt": self.attempt, "sqlstate": self.sqlstate,
            "holders": [h.to_json() for h in self.holders], "queued": [q.to_json() for q in self.queued],
            "max_queued": self.max_queued,
            "waited_ms": round(self.waited_ms, 1) if self.waited_ms is not None else None, **self.place,
        }  # fmt: skip
        return LogLine("warning", "lock", message, data)


GuardAction = Literal["wait_outside_queue", "cancel_own_statement", "terminate_blockers", "give_up"]


@dataclass(frozen=True)
class GuardDecision:
    """The lock-queue guard (or the retry policy behind it) decided something about our statement."""

    what: str
    version: str | None
    action: GuardAction
    reason: str
    holders: tuple[Session, ...] = ()
    place: Mapping[str, Any] = field(default_factory=dict)
    """Where the statement is (version, path, line, index), as the log row's data."""
    terminated: tuple[int, ...] = ()
    """`terminate_blockers`: the pids terminated."""
    kind: LockWaitKind | None = None
    """`give_up`: the conflict that used up the retries, after `attempts` attempts in `elapsed_ms`."""
    attempts: int = 0
    elapsed_ms: float | None = None
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine | None:
        """The central-log line (a cancel of our own statement: none, its `LockWait` has it)."""
        holders = [h.to_json() for h in self.holders]
        if self.action == "wait_outside_queue":
            message = (
                f"{self.what}: waiting outside the lock queue while {describe_sessions(self.holders)} holds a"
                " conflicting lock"
            )
            return LogLine("info", "guard", message, {"holders": holders, **self.place})
        if self.action == "terminate_blockers":
            pids = ", ".join(map(str, self.terminated))
            message = f"{self.what}: terminated blocking session(s) {pids} (--terminate-blockers)"
            data = {"terminated": list(self.terminated), "holders": holders, **self.place}
            return LogLine("warning", "guard", message, data)
        if self.action == "give_up":
            elapsed = round(self.elapsed_ms, 1) if self.elapsed_ms is not None else None
            data = {
                "kind": self.kind, "attempts": self.attempts, "elapsed_ms": elapsed, "holders": holders,
                **self.place,
            }  # fmt: skip
            return LogLine("error", "retry", f"{self.what}: giving up: {self.reason}", data)
        return None


@dataclass(frozen=True)
class PhaseGate:
    """The contract guard's decision about a contract migration (expand → backfill → contract)."""

    version: str
    label: str
    allowed: bool
    forced: bool = False
    reasons: tuple[str, ...] = ()
    detail: str = ""
    """What was checked, when allowed without force."""
    queries: tuple[Mapping[str, Any], ...] = ()
    """The queries still using what it drops (refused or forced)."""
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        if self.allowed and not self.forced:
            message = f"contract {self.label}: {self.detail}, no query uses what it drops"
            return LogLine("info", "phase", message, {"version": self.version})
        data = {"version": self.version, "reasons": list(self.reasons), "queries": list(self.queries)}
        if self.forced:
            return LogLine(
                "warning",
                "phase",
                f"contract {self.label} forced although " + " and ".join(self.reasons),
                data,
            )
        return LogLine(
            "error", "phase", f"contract {self.label} refused: " + " and ".join(self.reasons), data
        )


@dataclass(frozen=True)
class MigrationFinished:
    """A migration was applied, reverted, or failed (and was rolled back or left resumable)."""

    version: str
    label: str
    direction: str
    result: Literal["applied", "reverted", "failed"]
    duration_ms: float
    statements_run: int
    failure: StatementFailure | None = None
    note: str | None = None
    """Added to the log line: what a backfill migration did, how it resumes."""
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        note = f" ({self.note})" if self.note else ""
        data: dict[str, Any] = {"version": self.version, "direction": self.direction}
        if self.result == "failed":
            where = f" at {self.failure.describe()}" if self.failure is not None else ""
            data.update(self.failure.to_json() if self.failure is not None else {})
            return LogLine("error", "migration", f"{self.label} failed{where}{note}", data)
        took = humanize.duration(self.duration_ms / 1000)
        data["duration_ms"] = round(self.duration_ms, 2)
        return LogLine("info", "migration", f"{self.label} {self.result} in {took}{note}", data)


@dataclass(frozen=True)
class RunFinished:
    """The run ended (the last event of a stream): how, and the longest time another session waited
    behind one of ours, as the engine's sampler measured it."""

    run_id: str | None
    outcome: str
    """success, stopped (at a safe point, work left), failed, or error (an exception ended the run)."""
    longest_wait_caused_ms: int
    retries: int = 0
    stopped: str | None = None
    error: str | None = None
    at: datetime = field(default_factory=_now)

    def line(self) -> None:
        """No line: the run's record writes its end with the run's summary (`Run.finish`: `RunEnded`)."""
        return None


@dataclass(frozen=True)
class Logged:
    """A line of the run's central log (level, step, message), for log panes that follow the stream."""

    run_id: str
    level: Level
    step: str
    message: str
    data: Mapping[str, Any] = field(default_factory=dict)
    at: datetime = field(default_factory=_now)

    def line(self) -> None:
        """It is a line already."""
        return None


RunEvent = (
    StatementStarted
    | StatementFinished
    | LockWait
    | GuardDecision
    | PhaseGate
    | MigrationFinished
    | RunFinished
    | Logged
    | RunNote
    | BackfillEvent
    | RollbackEvent
    | DryRunEvent
    | RecordEvent
    | AdoptEvent
    | BackupEvent
    | DriftEvent
    | CiEvent
    | PlanEvent
    | AbortEvent
)
Callback = Callable[[RunEvent], object]


class Subscription:
    """The events of a run from the moment of subscribing, as an iterator over a thread-safe queue.

    Iteration ends after `RunFinished` (or when the stream is closed); `get(timeout)` returns None when
    nothing came in time, for loops that also redraw.
    """

    _END = object()

    def __init__(self) -> None:
        self._queue: queue.Queue[object] = queue.Queue()
        self.ended = False

    def _put(self, item: object) -> None:
        self._queue.put(item)

    def get(self, timeout: float | None = None) -> RunEvent | None:
        """The next event, or None when none came within `timeout` s or the stream has ended."""
        if self.ended:
            return None
        try:
            item = self._queue.get(timeout=timeout)
        except queue.Empty:
            return None
        if item is Subscription._END:
            self.ended = True
            return None
        return item  # type: ignore[return-value]

    def __iter__(self) -> Iterator[RunEvent]:
        while not self.ended:
            event = self.get()
            if event is not None:
                yield event


class RunEvents:
    """The publisher: the runner `emit`s, consumers register callbacks or subscribe. Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._recorders: list[Callback] = []
        self._callbacks: list[Callback] = []
        self._subscriptions: list[Subscription] = []
        self.closed = False

    def record(self, recorder: Callback) -> None:
        """Call `recorder(event)` first for every later event, before any consumer sees it (the central
        log's writer: a consumer of `Logged` lines gets an event's line before the event). Unlike a
        callback's, a recorder's error is the run's: it propagates."""
        with self._lock:
            self._recorders.append(recorder)

    def on(self, callback: Callback) -> Callable[[], None]:
        """Call `callback(event)` for every later event, on the emitting thread; returns `off()`.

        A callback must be quick and must not raise (an exception is logged and the run goes on)."""
        with self._lock:
            self._callbacks.append(callback)

        def off() -> None:
            with self._lock:
                if callback in self._callbacks:
                    self._callbacks.remove(callback)

        return off

    def subscribe(self) -> Subscription:
        """A `Subscription` receiving every later event (an ended one if the stream is closed)."""
        subscription = Subscription()
        with self._lock:
            if self.closed:
                subscription._put(Subscription._END)
            else:
                self._subscriptions.append(subscription)
        return subscription

    def emit(self, event: RunEvent) -> None:
        """Hand `event` to the recorders, then to every consumer; a `RunFinished` ends the subscriptions."""
        with self._lock:
            if self.closed:
                return
            recorders = list(self._recorders)
            callbacks = list(self._callbacks)
            subscriptions = list(self._subscriptions)
        for recorder in recorders:
            recorder(event)
        self._hand_out(event, callbacks, subscriptions)

    def publish(self, event: RunEvent) -> None:
        """Hand `event`, whose line is written already (a run record's, by `eventlog.Run`), to every
        consumer without the recorders."""
        with self._lock:
            if self.closed:
                return
            callbacks = list(self._callbacks)
            subscriptions = list(self._subscriptions)
        self._hand_out(event, callbacks, subscriptions)

    def _hand_out(
        self, event: RunEvent, callbacks: list[Callback], subscriptions: list[Subscription]
    ) -> None:
        for subscription in subscriptions:
            subscription._put(event)
        for callback in callbacks:
            try:
                callback(event)
            except Exception:  # a face's bug must not fail the migration
                _LOG.exception("run event consumer failed on %s", type(event).__name__)
        if isinstance(event, RunFinished):
            self.close()

    def close(self) -> None:
        """No more events: end every subscription."""
        with self._lock:
            if self.closed:
                return
            self.closed = True
            subscriptions, self._subscriptions = self._subscriptions, []
        for subscription in subscriptions:
            subscription._put(Subscription._END)
