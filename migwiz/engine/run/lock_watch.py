"""The migration lock watched while the run runs: a lock whose session ended stops the run.

The lock is a session-level advisory lock (migration_lock.py): it lasts exactly as long as its session. A
DBA's `pg_terminate_backend` of that session, a migration that terminates it, or its connection lost
ends it silently, and a second `migwiz up` could then take the lock and run beside this one. The run asks
the lock's session for a round trip before every migration, and at most every `CHECK_S` at the other
safe points (before a statement, between backfill batches, while it waits for a lock); once the session is
gone it publishes `MigrationLockLost`, stops at the next safe point, and `migrate` ends it with `LockLost`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from migwiz.engine.errors import LockLost
from migwiz.engine.run.migration_lock import MigrationLock
from migwiz.engine.run.notes import MigrationLockLost

CHECK_S = 1.0
"""Seconds between two checks of the lock's session at safe points other than before a migration."""


class LockWatch:
    """Checks that a run's migration lock is still held; remembers (and publishes once) that it is not."""

    def __init__(
        self, lock: MigrationLock, emit: Callable[[MigrationLockLost], None], *, every_s: float = CHECK_S
    ) -> None:
        self._lock = lock
        self._emit = emit
        self.every_s = every_s
        self._checked_at: float | None = None
        self.lost: MigrationLockLost | None = None
        """Set once the lock's session was found gone."""
        self._mutex = threading.Lock()  # a backfill's threads reach safe points too

    def check(self, *, now: bool = False) -> str | None:
        """Why the run must stop because its lock is gone (None: the lock is held). Asks the server at most
        every `every_s`, unless `now`."""
        with self._mutex:
            if self.lost is not None:
                return self.lost.reason
            at = time.monotonic()
            if not now and self._checked_at is not None and at - self._checked_at < self.every_s:
                return None
            self._checked_at = at
            gone = self._lock.gone()
            if gone is None:
                return None
            self.lost = MigrationLockLost(self._lock.pid, gone)
        self._emit(self.lost)
        return self.lost.reason

    def error(self) -> LockLost:
        """The run's error once the lock is lost: one line naming what happened, and what to do."""
        lost = self.lost
        said = f"the session holding it (pid {lost.pid}) ended: {lost.error}" if lost else "its session ended"
        return LockLost(
            f"migwiz lost the migration lock under the run: {said}; the run stopped at a safe point",
            "another migwiz run could have started meanwhile: check `migwiz status` and `migwiz log` before"
            " running `migwiz up` again",
        )
