"""A backfill's workers: threads, each with its own connection, taking ranges and running their batches.

Each worker takes the next range that is not done, and runs it batch by batch from its `last_key`: one
statement per batch (the UPDATE on the keys (last, end] and the range's checkpoint moved to `end`, see
keys.py), with lock_timeout, its own batch size adapted toward the target duration, and the next batch's
end looked up while the current one runs. Between batches it asks the crew whether it may go on: the
pause, the brakes and the number of workers wanted are decided by the backfill (execute.py) for all.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import psycopg
from psycopg import sql

from migwiz.engine.backfill.boundary import SIZE_SLACK, BoundaryFinder
from migwiz.engine.backfill.events import BackfillBatchRetried
from migwiz.engine.backfill.keys import Key, KeysetQueries
from migwiz.engine.backfill.progress import WorkerProgress
from migwiz.engine.backfill.ranges import KeyRange
from migwiz.engine.backfill.store import Control
from migwiz.engine.backfill.throttle import BackfillSettings, BatchSizer, rate_wait_s
from migwiz.engine.errors import MigrationFailed
from migwiz.engine.servers.connect import connect

RETRYABLE = (
    psycopg.errors.LockNotAvailable,
    psycopg.errors.DeadlockDetected,
    psycopg.errors.SerializationFailure,
    psycopg.errors.QueryCanceled,
)
_GATE_POLL_S = 0.05
_RATE_WINDOW_S = 5.0


@dataclass
class Crew:
    """What the workers share: the ranges left, the totals, the control row, and the gate."""

    ranges: deque[KeyRange]
    settings: BackfillSettings
    control: Control = field(default_factory=Control)
    allowed: int = 1
    """Workers 0..allowed-1 may run batches now (the others wait)."""
    wanted: int = 1
    """Workers 0..wanted-1 exist; the others finish their batch, give their range back and end."""
    pause_ms: float = 0.0
    hold_until: float = 0.0
    """No batch starts before this (time.monotonic()): the WAL and replica-lag brakes."""
    wal_room: float | None = None
    """Bytes of WAL batches may still be started for before the next read of the standbys' backlog
    (None: no byte limit in force). Each batch takes its rows × `wal_per_row` from it as it starts."""
    wal_per_row: float = 0.0
    """WAL a row of the backfill writes (0 until measured: then one batch at a time takes all the room)."""
    wal_reserved: float = 0.0
    """WAL reserved by every batch started so far (its rows × `wal_per_row` as it started)."""
    wal_settled: float = 0.0
    """WAL reserved by the batches that have ended: `wal_reserved` less this is under way."""
    stopping: bool = False
    rows_done: int = 0
    rows_updated: int = 0
    batches: int = 0
    max_batch_ms: float = 0.0
    """The longest batch as the worker saw it: its round trip (the client's wait for a core included)."""
    max_held_ms: float = 0.0
    """The longest any batch held its row locks, measured by the server (`keys.HELD_MS`)."""
    lock: threading.Lock = field(default_factory=threading.Lock)
    failure: BaseException | None = None
    changed: threading.Event = field(default_factory=threading.Event)
    """Set when a worker ends: the coordinator looks at once."""
    retried: Callable[[BackfillBatchRetried], None] | None = None
    """Told of every batch a worker tries again (on the worker's thread: hand it over)."""

    def take(self) -> KeyRange | None:
        """The next range to work on (None: none left)."""
        with self.lock:
            while self.ranges:
                taken = self.ranges.popleft()
                if not taken.done:
                    return taken
            return None

    def take_wal(self, rows: int) -> tuple[int, float] | None:
        """Reserve the WAL of a batch of up to `rows` from the room left: the rows it may take (fewer
        when the room is short, never under `min_batch`) and the bytes reserved, or None when there is
        not room for `min_batch` rows (wait for the next read)."""
        with self.lock:
            per_row, room = self.wal_per_row * SIZE_SLACK, self.wal_room  # a batch may be that much larger
            if room is not None and per_row <= 0:  # not measured yet: this batch takes all the room
                if room <= 0:
                    return None
                self.wal_room, self.wal_reserved = 0.0, self.wal_reserved + room
                return rows, room
            if room is not None:
                floor = max(1, min(self.settings.min_batch, rows))
                rows = min(rows, int(room / per_row))
                if rows < floor:
                    return None
            need = rows * per_row
            if self.wal_room is not None:
                self.wal_room -= need
            self.wal_reserved += need
            return rows, need

    def settle_wal(self, reserved: float) -> None:
        """A batch ended (committed or not): its reservation is no longer under way."""
        with self.lock:
            self.wal_settled += reserved

    def give_back(self, taken: KeyRange) -> None:
        """A worker leaving gives its range back (at its current `last`), first in line."""
        with self.lock:
            self.ranges.appendleft(taken)

    def count(self, scanned: int, updated: int, batch_ms: float, held_ms: float | None = None) -> None:
        """A batch committed: its round trip and (when the server said) how long it held its locks."""
        with self.lock:
            self.rows_done += scanned
            self.rows_updated += updated
            self.batches += 1
            self.max_batch_ms = max(self.max_batch_ms, batch_ms)
            self.max_held_ms = max(self.max_held_ms, batch_ms if held_ms is None else held_ms)

    def fail(self, exc: BaseException) -> None:
        """A worker failed: every worker stops after its batch."""
        with self.lock:
            if self.failure is None:
                self.failure = exc
            self.stopping = True


class Worker(threading.Thread):
    """One worker of a backfill."""

    def __init__(
        self,
        index: int,
        crew: Crew,
        *,
        dsn: str,
        schema: str,
        backfill_id: str,
        queries: KeysetQueries,
        statement_timeout_ms: int | None,
        target_ms: Callable[[], float],
    ) -> None:
        super().__init__(name=f"migwiz backfill worker {index}", daemon=True)
        self.index = index
        self.crew = crew
        self.dsn = dsn
        self.schema = schema
        self.backfill_id = backfill_id
        self.queries = queries
        self.statement_timeout_ms = statement_timeout_ms
        self.target_ms = target_ms
        self.sizer = BatchSizer(crew.settings)
        self.pid: int | None = None
        self.current: KeyRange | None = None
        self.rows_done = 0
        self.last_batch_ms = 0.0
        self.state = "running"
        self.in_batch = False
        """Between passing the gate and its batch's commit (the brakes hold only once no worker is)."""
        self._reserved = 0.0
        self._size = 0
        self.waited_s = 0.0
        """Time spent waiting at the gate for a brake, the pause or the room under a limit (not idle)."""
        self._window: deque[tuple[float, int]] = deque([(time.monotonic(), 0)])
        self._conn: psycopg.Connection[Any] | None = None

    # -- what the operator sees --------------------------------------------------------------------

    def rate(self) -> float:
        """Rows per second over the last few seconds (0 once idle for that long)."""
        now = time.monotonic()
        window = list(self._window)
        recent = [(t, r) for t, r in window if now - t <= _RATE_WINDOW_S]
        if not recent:
            return 0.0
        base = window[len(window) - len(recent) - 1] if len(recent) < len(window) else recent[0]
        span = now - base[0]
        return (recent[-1][1] - base[1]) / span if span > 0 else 0.0

    def progress(self) -> WorkerProgress:
        """This worker now."""
        size = self.crew.control.batch_size or self.sizer.size
        current = self.current.number if self.current is not None else None
        return WorkerProgress(
            self.index, current, self.rows_done, self.rate(), size, self.last_batch_ms, self.state
        )

    # -- the loop ----------------------------------------------------------------------------------

    def run(self) -> None:
        finder: BoundaryFinder | None = None
        try:
            self._conn = conn = connect(self.dsn, autocommit=True, purpose=f"backfill worker {self.index}")
            self.pid = conn.info.backend_pid
            conn.execute(
                sql.SQL("SET lock_timeout = {}").format(
                    sql.Literal(f"{self.crew.settings.lock_timeout_ms}ms")
                )
            )
            if not self.crew.settings.synchronous_commit:
                conn.execute("SET synchronous_commit = off")
            if self.statement_timeout_ms is not None:
                conn.execute(
                    sql.SQL("SET statement_timeout = {}").format(
                        sql.Literal(f"{self.statement_timeout_ms}ms")
                    )
                )
            finder = BoundaryFinder(self.dsn, self.queries, ())
            while self._may_continue():
                taken = self.crew.take()
                if taken is None:
                    break
                self.current = taken
                if not self._run_range(taken, finder):
                    self.crew.give_back(taken)
                    break
                self.current = None
        except BaseException as exc:
            self.crew.fail(exc)
        finally:
            self.state = "done"
            self._end_batch()
            self.current = None
            self.crew.changed.set()
            if finder is not None:
                with contextlib.suppress(psycopg.Error):
                    finder.close()
            if self._conn is not None:
                self._conn.close()

    def _may_continue(self) -> bool:
        return not self.crew.stopping and self.index < self.crew.wanted

    def _gate(self) -> bool:
        """Wait while paused, braked or not allowed to run, then take the WAL room of the next batch
        (`_size` rows, fewer when the room is short); False when this worker must leave."""
        crew = self.crew
        while True:
            if not self._may_continue():
                return False
            now = time.monotonic()
            if crew.control.paused or now < crew.hold_until:
                self.state = "braked"
                self.waited_s += _GATE_POLL_S
            elif self.index >= crew.allowed:
                self.state = "idle"
            elif (taken := crew.take_wal(self._size)) is None:
                self.state = "braked"
                self.waited_s += _GATE_POLL_S
            else:
                self.state = "running"
                self.in_batch = True
                self._size, self._reserved = taken
                return True
            time.sleep(_GATE_POLL_S)

    def _end_batch(self) -> None:
        if self.in_batch:
            self.in_batch = False
            self.crew.settle_wal(self._reserved)

    def _run_range(self, taken: KeyRange, finder: BoundaryFinder) -> bool:
        """Run a range to its end (True), or until this worker must leave (False: give it back)."""
        finder.upper = taken.upper
        retries = 0
        while True:
            self._size = self.crew.control.batch_size or self.sizer.size
            if not self._gate():
                return False
            size = self._size
            end, scanned, final = finder.find(taken.last, size)
            if self.queries.rows_per_block is not None and taken.last is not None:  # block ranges
                scanned = round((int(end[0]) - int(taken.last[0])) * self.queries.rows_per_block)
            if not final:
                finder.prefetch(end, size)
            started = time.monotonic()
            try:
                row = self._batch(taken, end, scanned, size, final)
            except RETRYABLE as exc:
                self._end_batch()
                retries += 1
                self._retry(exc, retries, size)
                continue
            retries = 0
            self._end_batch()
            elapsed_ms = (time.monotonic() - started) * 1000
            held_ms = float(row[7]) if len(row) > 7 and row[7] is not None else elapsed_ms
            self.last_batch_ms = held_ms
            if not row[1]:
                raise MigrationFailed(
                    f"range {taken.number} of backfill {self.backfill_id} disappeared from "
                    f"{self.schema}.backfill_ranges",
                    "something deleted it while the backfill ran; rerun `migwiz up` to start over",
                )
            self.crew.control = Control(bool(row[2]) if row[2] is not None else False, *row[3:7])
            taken.last = end
            self.rows_done += scanned
            self._window.append((time.monotonic(), self.rows_done))
            while len(self._window) > 2 and time.monotonic() - self._window[0][0] > 2 * _RATE_WINDOW_S:
                self._window.popleft()
            self.crew.count(scanned, int(row[0]), elapsed_ms, held_ms)
            self.sizer.observe(scanned, held_ms, self.target_ms())  # the lock hold, not the round trip
            self._between_batches(scanned, started)  # the last batch of a range too: the next range's follows
            if final:
                taken.done = True
                return True

    def _batch(self, taken: KeyRange, end: Key, scanned: int, size: int, final: bool) -> tuple[Any, ...]:
        assert self._conn is not None
        lower: list[str] = list(taken.last) if taken.last is not None else []
        query = self.queries.batch_next if taken.last is not None else self.queries.batch_first
        params = [*lower, *end, list(end), scanned, size, self.rate(), self.last_batch_ms, final]
        params += [self.index, self.backfill_id, taken.number, self.backfill_id]
        row = self._conn.execute(query, params).fetchone()
        assert row is not None
        return tuple(row)

    def _retry(self, exc: psycopg.Error, retries: int, size: int) -> None:
        if retries > self.crew.settings.max_retries:
            raise exc
        new_size = self.sizer.shrink()
        if self.crew.retried is not None:
            error = f"{type(exc).__name__}: {(exc.diag.message_primary or '').strip()}"
            self.crew.retried(
                BackfillBatchRetried(
                    self.backfill_id, self.index, size, error, exc.sqlstate, retries, new_size
                )
            )
        time.sleep(min(2.0, 0.05 * retries))

    def _between_batches(self, scanned: int, started: float) -> None:
        crew = self.crew
        max_rate = crew.control.max_rate or crew.settings.max_rows_per_s
        if max_rate:  # the limit is the backfill's: each running worker gets its share
            share = max_rate / max(1, min(crew.allowed, crew.wanted))
            wait = rate_wait_s(scanned, time.monotonic() - started, share)
            if wait > 0:
                time.sleep(wait)
        pause = crew.settings.pause_ms + crew.pause_ms
        if pause > 0:
            time.sleep(pause / 1000)
