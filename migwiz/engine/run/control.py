"""Run control: stop a run at a safe point and change its lock_timeout while it runs, from another thread.

A `RunControl` is shared by the thread that runs the migrations (the runner checks it) and whoever steers
the run: the wizard's keys, a signal handler, `RunSession.control`. It holds no connection of its own.

Safe points:

- `after="migration"` (the default): the migration that is running finishes (or fails and is rolled back,
  as usual); no later migration starts. The rest stays pending and the log says why.
- `after="statement"`: the next statement does not start. A transactional migration is then rolled back
  whole; a `no-transaction` migration stops between two statements and `migwiz up` resumes it there.
  A backfill stops between two batches whichever safe point is asked (each batch commits its checkpoint):
  its migration is then `stopped` at N % (engine/standing.py) and `migwiz up` resumes it.

A pause (`pause()`, then `resume()`) holds the run at the next safe point outside a transaction: before the
next migration, before the next statement of a `no-transaction` migration, between two backfill batches (a
transactional migration runs to its end first: pausing inside it would hold its locks).

A lock_timeout set with `set_lock_timeout` applies from the next statement on (the migration that is running
included) and to every later migration, overriding script directives; the runner logs the change.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterable
from types import FrameType
from typing import Any, Literal, Protocol

import psycopg

from migwiz.engine.run.notes import CancelledAfterGrace

StopAfter = Literal["migration", "statement"]

SIGNAL_REASONS = {
    signal.SIGHUP: "the terminal was lost (SIGHUP)",
    signal.SIGTERM: "migwiz was asked to stop (SIGTERM)",
}


class Steered(Protocol):
    """The run a control is attached to: its executor connection and its id."""

    @property
    def conn(self) -> psycopg.Connection[Any] | None:
        """The executor connection (None before it is opened)."""
        ...

    @property
    def backend_pid(self) -> int | None:
        """The executor's server pid."""
        ...

    @property
    def run_id(self) -> str:
        """The run's id in the central log."""
        ...

    def emit(self, event: CancelledAfterGrace) -> None:
        """Put an event of the control's own on the run's event stream."""
        ...


class RunStopped(Exception):
    """Raised inside the runner at a statement safe point; the runner turns it into a logged stop."""

    def __init__(self, reason: str, index: int, *, what: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.index = index
        """0-based index of the statement that did not start."""
        self.what = what
        """Where the run stopped, when the statement index does not say it (a backfill between batches)."""


class RunControl:
    """Thread-safe controls of one run: a stop at a safe point, a live lock_timeout, the statement cancel."""

    def __init__(self, *, lock_timeout_ms: int | None = None) -> None:
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._after: StopAfter | None = None
        self._reason: str | None = None
        self._lock_timeout_ms = lock_timeout_ms
        self._running = threading.Event()
        self._running.set()
        self._runner: Steered | None = None
        self.done = threading.Event()
        """Set when the run has ended (by whoever ran it: `finish()`)."""

    # -- stopping ------------------------------------------------------------------------------------

    def request_stop(self, reason: str, *, after: StopAfter = "migration") -> None:
        """Stop at the next safe point: after the running migration, or before the next statement.

        The first reason is kept; a later request can only make the stop sooner (statement over migration).
        """
        with self._lock:
            if self._reason is None:
                self._reason = reason
            if self._after != "statement":
                self._after = after
        self._stop.set()
        self._running.set()  # a paused run wakes up to stop

    @property
    def stop_requested(self) -> bool:
        """A stop was asked for."""
        return self._stop.is_set()

    @property
    def stop_after(self) -> StopAfter | None:
        """Which safe point the stop waits for (None: no stop asked)."""
        with self._lock:
            return self._after

    @property
    def stop_reason(self) -> str | None:
        """Why the run is to stop (the first reason given)."""
        with self._lock:
            return self._reason

    # -- pausing -------------------------------------------------------------------------------------

    def pause(self) -> None:
        """Hold the run at its next safe point outside a transaction until `resume()` (or a stop)."""
        self._running.clear()

    def resume(self) -> None:
        """Let a paused run go on."""
        self._running.set()

    @property
    def paused(self) -> bool:
        """A pause is asked for (the run waits at its next safe point)."""
        return not self._running.is_set()

    def wait_while_paused(self) -> None:
        """Called by the runner at a safe point: returns once resumed or a stop is asked for."""
        while not self._running.wait(0.5):
            pass

    # -- lock_timeout --------------------------------------------------------------------------------

    def set_lock_timeout(self, ms: int) -> None:
        """lock_timeout (ms, > 0) from the next statement on, for the rest of the run."""
        if ms <= 0:
            raise ValueError("lock_timeout must be more than 0 ms")
        with self._lock:
            self._lock_timeout_ms = ms

    @property
    def lock_timeout_ms(self) -> int | None:
        """The operator's lock_timeout (None: the run's policy and script directives decide)."""
        with self._lock:
            return self._lock_timeout_ms

    # -- the runner ----------------------------------------------------------------------------------

    def attach(self, runner: Steered) -> None:
        """Called by the runner this control steers."""
        with self._lock:
            self._runner = runner

    def announce(self, event: CancelledAfterGrace) -> None:
        """Put `event` on the attached run's event stream (nothing when no run is attached or it ended)."""
        with self._lock:
            runner = self._runner
        if runner is not None and not self.done.is_set():
            runner.emit(event)

    @property
    def backend_pid(self) -> int | None:
        """The executor's server pid, once connected."""
        with self._lock:
            runner = self._runner
        return runner.backend_pid if runner is not None else None

    def our_pids(self) -> set[int]:
        """For the monitor: the executor's pid when known."""
        pid = self.backend_pid
        return {pid} if pid else set()

    def cancel_statement(self) -> bool:
        """Cancel the statement running now (it fails, and its migration is rolled back as any failure
        is). Use with `request_stop(after="statement")` so that nothing starts after it. False when no
        executor connection is open."""
        with self._lock:
            runner = self._runner
        conn = runner.conn if runner is not None else None
        if conn is None or conn.closed:
            return False
        conn.cancel_safe(timeout=5.0)
        return True

    def cancel(self, reason: str) -> bool:
        """Cancel the statement running now and start nothing after it (its migration is rolled back, or
        a `no-transaction` one is left resumable); False when no executor connection is open."""
        self.request_stop(reason, after="statement")
        return self.cancel_statement()

    @property
    def run_id(self) -> str | None:
        """The id of the attached run."""
        with self._lock:
            runner = self._runner
        return runner.run_id if runner is not None else None

    # -- the end -------------------------------------------------------------------------------------

    def finish(self) -> None:
        """Mark the run as ended."""
        self.done.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the run to end; False on timeout."""
        return self.done.wait(timeout)


def install_signal_stop(
    control: RunControl,
    signals: Iterable[signal.Signals] = (signal.SIGHUP, signal.SIGTERM),
    *,
    after: StopAfter = "migration",
) -> Callable[[], None]:
    """Make these signals stop the run at a safe point instead of killing the process; returns a function
    that puts the previous handlers back. Call it from the main thread (Python's rule for signals).

    `migwiz up` uses it so that a lost SSH session (SIGHUP) finishes the migration that is running and
    starts nothing after it. A `kill` (SIGTERM) asks the same, and when the run has not reached that safe
    point within `TERM_GRACE_S` (a long statement), the running statement is cancelled: its migration is
    rolled back, or a `no-transaction` one is left resumable, and the run ends within seconds.
    """
    previous: dict[signal.Signals, object] = {}
    cancelling: list[threading.Thread] = []

    def handler(signum: int, frame: FrameType | None) -> None:
        sig = signal.Signals(signum)
        reason = SIGNAL_REASONS.get(sig, f"migwiz received {sig.name}")
        control.request_stop(reason, after=after)
        if sig == signal.SIGTERM and not cancelling:
            cancelling.append(threading.Thread(target=_cancel_late, args=(control,), daemon=True))
            cancelling[0].start()

    for sig in signals:
        previous[sig] = signal.signal(sig, handler)

    def restore() -> None:
        for sig, old in previous.items():
            signal.signal(sig, old)  # type: ignore[arg-type]

    return restore


TERM_GRACE_S = 5.0
"""After SIGTERM, how long the run has to reach its safe point before its running statement is cancelled
(service managers send SIGKILL some seconds after SIGTERM: 10 s for Docker, 30 s for Kubernetes)."""


def _cancel_late(control: RunControl) -> None:
    """SIGTERM's second step: the running statement cancelled when the run is still going after the grace."""
    if control.done.wait(TERM_GRACE_S):
        return
    control.announce(CancelledAfterGrace(TERM_GRACE_S))
    control.cancel(SIGNAL_REASONS[signal.SIGTERM])
