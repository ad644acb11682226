"""What a run costs others: the longest time any session waited behind one of our sessions.

Measured, not estimated: a watcher samples the lock tree (the monitor service, its own connection) while
the run goes on, and keeps the longest wait it saw behind our pids.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection
from types import TracebackType

from migwiz.engine.errors import MigwizError
from migwiz.engine.observe import LockWait, Monitor, Snapshot


def longest_wait_caused(snapshot: Snapshot) -> float:
    """The longest time (s) any session has been waiting behind one of our sessions in this snapshot."""
    longest = 0.0
    for root in snapshot.lock_tree:
        for _, node in root.walk():
            if node.ours:
                longest = max(longest, _deepest_wait(node))
    return longest


def _deepest_wait(node: LockWait) -> float:
    return max((n.wait_s or 0.0 for _, n in node.walk() if n is not node), default=0.0)


class InflictedWaitWatch:
    """Samples the lock tree every `interval_s` in a thread while a run goes on; `longest_s` is the result.

    If the monitor cannot connect, the watch records nothing and the run goes on.
    """

    def __init__(
        self, dsn: str, our_pids: Callable[[], Collection[int]], *, interval_s: float = 0.25
    ) -> None:
        self._dsn = dsn
        self._our_pids = our_pids
        self._interval_s = interval_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="migwiz-impact", daemon=True)
        self.longest_s = 0.0
        self.samples = 0

    def _loop(self) -> None:
        try:
            monitor = Monitor(self._dsn, application_name="migwiz impact", our_pids=self._our_pids)
        except MigwizError:
            return
        with monitor:
            while not self._stop.is_set():
                try:
                    snapshot = monitor.sample()
                except MigwizError:
                    return
                self.samples += 1
                self.longest_s = max(self.longest_s, longest_wait_caused(snapshot))
                self._stop.wait(self._interval_s)

    def __enter__(self) -> InflictedWaitWatch:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
