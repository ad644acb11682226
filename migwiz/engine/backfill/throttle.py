"""How fast a backfill may go: batch sizing toward a target duration, and the brakes.

The batch size follows the measured rate toward `target_batch_ms`: it grows by at most half per batch,
and a batch that overshot its target is followed at once by one sized to land well under it (not merely
halved), so one slow batch on a loaded machine is not followed by another. The duration is how long the
batch held its row locks, measured by the server (from its statement's start to the end of its work; a
batch is one statement), not the client's round trip. While other sessions wait on our locks (and at
first, until none has for a while) the target is `contended_batch_ms` instead: nobody waits long.
Between batches the runner may sleep for the pause, the max rate, the WAL rate or replica lag
(serverbrakes.py).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import psycopg

from migwiz.engine import queries
from migwiz.engine.errors import one_line
from migwiz.engine.servers.connect import connect


@dataclass(frozen=True)
class BackfillSettings:
    """Tuning of a backfill. Durations in ms, rates per second; None switches a brake off."""

    target_batch_ms: float = 20.0
    """Lock hold a batch aims at: well under 50 ms, so a batch slowed down by a loaded machine stays under."""
    contended_batch_ms: float = 10.0
    """The target while other sessions wait on locks our batches hold (and at first, until the table has
    been seen quiet for `contention_memory_s`): a batch's duration is how long it holds its row locks."""
    contention_memory_s: float = 10.0
    """How long after the last lock wait we caused (or after the start) the lower target stays in force."""
    initial_batch: int = 1000
    min_batch: int = 10
    max_batch: int = 500_000
    pause_ms: float = 0.0
    max_rows_per_s: float | None = None
    max_replica_lag_ms: float | None = 10_000.0
    max_replica_lag_bytes: float | None = None
    """WAL the worst standby may have left to replay. Unlike the time lag, which grows with the clock
    while a standby's replay is stalled, the backlog grows only with what the backfill writes."""
    max_wal_bytes_per_s: float | None = None
    lock_timeout_ms: int = 1000
    """lock_timeout of each batch: a batch that cannot get its row locks is retried smaller."""
    max_retries: int = 50
    """Consecutive failed attempts (lock timeout, deadlock, serialization) before giving up."""
    watch_interval_ms: float = 20.0
    """How often the lock watcher looks for sessions waiting on us."""
    check_interval_s: float = 1.0
    """How often replica lag and WAL rate are checked."""
    log_interval_s: float = 5.0
    """How often progress is written to the central log."""
    workers: int | None = None
    """Workers taking key ranges at once (None: from the server's cores and current load)."""
    latency_brake: bool = True
    """Back off when the application's latency rises (a probe, and pg_stat_statements where readable)."""
    latency_factor: float = 3.0
    latency_slack_ms: float = 30.0
    """The latency brake acts when the probe is above both `latency_factor` times and `latency_slack_ms`
    more than before the backfill (a tenth of the slack for pg_stat_statements' mean)."""
    lock_wait_brake_ms: float = 50.0
    """Back off when a session waits this long on the locks of our batches."""
    synchronous_commit: bool = False
    """Batches commit without waiting for their WAL to reach disk (`synchronous_commit = off`): a server
    crash may lose the last batches, but each batch and its checkpoint commit together, so they are lost
    together and redone on resume."""


_GROWTH = 1.5
_OVERSHOOT_MARGIN = 0.8


class BatchSizer:
    """Next batch size from the last batch's rows and duration."""

    def __init__(self, settings: BackfillSettings) -> None:
        self.settings = settings
        self.size = max(settings.min_batch, min(settings.initial_batch, settings.max_batch))

    def observe(self, rows: int, duration_ms: float, target_ms: float) -> int:
        """Record a batch (its rows and lock hold) and return the size of the next one.

        >>> sizer = BatchSizer(BackfillSettings(initial_batch=1000))
        >>> sizer.observe(1000, 10.0, 20.0), sizer.observe(1500, 100.0, 20.0)
        (1500, 240)
        """
        if rows <= 0 or duration_ms <= 0:
            return self.size
        wanted = rows * target_ms / duration_ms
        if duration_ms > target_ms:
            wanted *= _OVERSHOOT_MARGIN  # at once, and below the target: the next one must not overshoot
        else:
            wanted = min(wanted, self.size * _GROWTH)
        self.size = int(max(self.settings.min_batch, min(self.settings.max_batch, wanted)))
        return self.size

    def shrink(self) -> int:
        """Halve the size (after a lock timeout or a deadlock)."""
        self.size = max(self.settings.min_batch, self.size // 2)
        return self.size


class LockWatch:
    """A background thread noting sessions that wait for locks held by our backends (our batches)."""

    def __init__(self, dsn: str, pids: Callable[[], list[int]], interval_ms: float) -> None:
        self._dsn = dsn
        self._pids = pids
        self._interval = interval_ms / 1000
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._waiters = 0
        self._longest_ms = 0.0
        self.last_seen: float | None = None
        self.error: str | None = None
        self._thread = threading.Thread(target=self._loop, name="migwiz backfill lock watch", daemon=True)

    def start(self) -> LockWatch:
        """Start watching."""
        self._thread.start()
        return self

    def _loop(self) -> None:
        query = queries.load("backfill_waiters")
        try:
            with connect(self._dsn, autocommit=True, purpose="backfill watch") as conn:
                conn.execute("SET statement_timeout = '500ms'")
                conn.execute("SET lock_timeout = '100ms'")
                while not self._stop.wait(self._interval):
                    row = conn.execute(query, {"pids": self._pids()}).fetchone()
                    if row and row[0]:
                        with self._lock:
                            self._waiters = max(self._waiters, int(row[0]))
                            self._longest_ms = max(self._longest_ms, float(row[1]))
                            self.last_seen = time.monotonic()
        except Exception as exc:  # the watcher is advisory: note it and stop
            self.error = one_line(exc)

    def take(self) -> tuple[int, float]:
        """Most sessions seen waiting on us, and the longest wait (ms), since the last call."""
        with self._lock:
            result = (self._waiters, self._longest_ms)
            self._waiters, self._longest_ms = 0, 0.0
        return result

    def stop(self) -> None:
        """Stop the thread and close its connection."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=2)


@dataclass(frozen=True)
class ServerLoad:
    """Replica lag (ms, None without standbys) and WAL written (bytes since 0/0) at one moment."""

    at: float
    replica_lag_ms: float | None
    wal_bytes: float
    replica_lag_bytes: float | None = None
    """WAL the worst standby has yet to replay (None without standbys)."""


def read_server_load(conn: psycopg.Connection[Any]) -> ServerLoad:
    """Replica lag and WAL position, read with the executor's connection between batches."""
    row = conn.execute(queries.load("backfill_replication")).fetchone()
    assert row is not None
    return ServerLoad(time.monotonic(), row[0], float(row[2]), row[1])


def rate_wait_s(rows: int, elapsed_s: float, max_rows_per_s: float) -> float:
    """How long to sleep so `rows` done in `elapsed_s` stays under `max_rows_per_s`.

    >>> rate_wait_s(1000, 0.5, 1000.0)
    0.5
    """
    return max(0.0, rows / max_rows_per_s - elapsed_s)
