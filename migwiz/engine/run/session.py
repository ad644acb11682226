"""A run as the faces see it: `commands.start_run(...)` returns a `RunSession`.

    session = commands.start_run(project, direction="up")
    session.on(callback)           # before start: called on the run's thread for every event
    events = session.subscribe()   # or: a thread-safe iterator that ends after RunFinished
    session.start()                # the run in its own thread (or session.run() in this one)
    for event in events: ...
    result = session.wait()        # MigrateResult, or the run's exception raised again

`session.control` steers the run (stop at a safe point, cancel the statement, pause, live lock_timeout);
`session.current` is the statement running now (with its estimate and attempt), kept from the stream.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from migwiz.engine.errors import one_line
from migwiz.engine.run.control import RunControl
from migwiz.engine.run.current import CurrentStatement
from migwiz.engine.run.events import (
    Callback,
    MigrationFinished,
    RunEvent,
    RunEvents,
    RunFinished,
    StatementFinished,
    StatementStarted,
    Subscription,
)
from migwiz.engine.run.policy import RunReport


@dataclass(frozen=True)
class MigrateResult:
    """`up` / `down`: the run's id and report."""

    run_id: str
    report: RunReport


class RunSession:
    """One `up` or `down`: its control, what runs now, and its one typed event stream."""

    def __init__(
        self, work: Callable[[RunSession], MigrateResult], *, control: RunControl | None = None
    ) -> None:
        self._work = work
        self.control = control or RunControl()
        self.events = RunEvents()
        self._lock = threading.Lock()
        self._current: CurrentStatement | None = None
        self._thread: threading.Thread | None = None
        self._done = threading.Event()
        self.result: MigrateResult | None = None
        self.error: BaseException | None = None
        self.events.on(self._follow)

    # -- observing -----------------------------------------------------------------------------------

    def on(self, callback: Callback) -> Callable[[], None]:
        """Call `callback(event)` on the run's thread for every later event; returns `off()`."""
        return self.events.on(callback)

    def subscribe(self) -> Subscription:
        """A thread-safe iterator over every later event; it ends after `RunFinished`."""
        return self.events.subscribe()

    @property
    def current(self) -> CurrentStatement | None:
        """The statement running now (None between statements and migrations)."""
        with self._lock:
            return self._current

    @property
    def run_id(self) -> str | None:
        """The id of the run in the central log, once it has started."""
        return self.control.run_id or (self.result.run_id if self.result is not None else None)

    def _follow(self, event: RunEvent) -> None:
        with self._lock:
            if isinstance(event, StatementStarted):
                self._current = event.statement
            elif isinstance(event, StatementFinished | MigrationFinished | RunFinished):
                self._current = None

    # -- running -------------------------------------------------------------------------------------

    def run(self) -> MigrateResult:
        """Run in this thread until the end; the stream always ends with a `RunFinished`."""
        try:
            self.result = self._work(self)
            return self.result
        except BaseException as exc:
            self.error = exc
            if not self.events.closed:  # it ended before the run was recorded (preflight, the lock)
                self.events.emit(RunFinished(None, "error", 0, error=one_line(exc)))
            raise
        finally:
            self.control.finish()
            self.events.close()
            self._done.set()

    def start(self) -> RunSession:
        """Run in a thread of its own; `wait()` for the result."""

        def target() -> None:
            try:
                self.run()
            except BaseException:  # kept in `error`, raised again by wait()
                return

        self._thread = threading.Thread(target=target, name="migwiz-run", daemon=True)
        self._thread.start()
        return self

    def wait(self, timeout: float | None = None) -> MigrateResult:
        """The result once the run has ended; its exception raised again; TimeoutError after `timeout`."""
        if not self._done.wait(timeout):
            raise TimeoutError("the run is still going")
        if self.error is not None:
            raise self.error
        assert self.result is not None
        return self.result

    @property
    def done(self) -> bool:
        """The run has ended."""
        return self._done.is_set()
