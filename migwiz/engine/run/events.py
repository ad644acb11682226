"""One typed event stream per run: what the runner does, as frozen dataclasses, in order.

Every face observes a run through this stream: `up --watch`, the wizard's Execute step, `migwiz watch`
(which maps the central log's rows to the same types, see `from_logged`), the dry run and the rollback
test. The runner publishes; consumers either register a callback (`RunEvents.on`, called on the runner's
thread: hand the event over, e.g. Textual's thread-safe `post_message`, and return) or iterate a
`Subscription` (a thread-safe queue, for a click loop or any other thread; it ends after `RunFinished`).
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal

from migwiz.engine.backfill.progress import BackfillProgress
from migwiz.engine.run.current import CurrentStatement
from migwiz.engine.run.failures import StatementFailure
from migwiz.engine.run.guard import Session

if TYPE_CHECKING:
    from migwiz.engine.log.eventlog import Level

_LOG = logging.getLogger(__name__)


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class StatementStarted:
    """A statement (or a batch of small data statements) starts; `statement` carries the estimate and the
    attempt (a transactional migration retried after a lock conflict starts again at attempt 2)."""

    statement: CurrentStatement
    at: datetime = field(default_factory=_now)


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
    at: datetime = field(default_factory=_now)


GuardAction = Literal["wait_outside_queue", "cancel_own_statement", "terminate_blockers", "give_up"]


@dataclass(frozen=True)
class GuardDecision:
    """The lock-queue guard (or the retry policy behind it) decided something about our statement."""

    what: str
    version: str | None
    action: GuardAction
    reason: str
    holders: tuple[Session, ...] = ()
    at: datetime = field(default_factory=_now)


@dataclass(frozen=True)
class BackfillBatch:
    """A backfill migration committed a batch (its checkpoint with it)."""

    version: str
    progress: BackfillProgress
    at: datetime = field(default_factory=_now)


@dataclass(frozen=True)
class PhaseGate:
    """The contract guard's decision about a contract migration (expand → backfill → contract)."""

    version: str
    label: str
    allowed: bool
    forced: bool = False
    reasons: tuple[str, ...] = ()
    at: datetime = field(default_factory=_now)


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
    at: datetime = field(default_factory=_now)


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


@dataclass(frozen=True)
class Logged:
    """A line of the run's central log (level, step, message), for log panes that follow the stream."""

    run_id: str
    level: Level
    step: str
    message: str
    data: Mapping[str, Any] = field(default_factory=dict)
    at: datetime = field(default_factory=_now)


RunEvent = (
    StatementStarted
    | StatementFinished
    | LockWait
    | GuardDecision
    | BackfillBatch
    | PhaseGate
    | MigrationFinished
    | RunFinished
    | Logged
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
        self._callbacks: list[Callback] = []
        self._subscriptions: list[Subscription] = []
        self.closed = False

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
        """Hand `event` to every consumer; a `RunFinished` ends the subscriptions."""
        with self._lock:
            if self.closed:
                return
            callbacks = list(self._callbacks)
            subscriptions = list(self._subscriptions)
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
