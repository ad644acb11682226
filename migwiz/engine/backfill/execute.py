"""Run a backfill in primary-key ranges, one short transaction per batch, resumable at any point.

Each batch is a single statement: the user's UPDATE limited to the keys (last, end] together with the
checkpoint moving to `end`. Either both commit or neither does, so after a crash, SIGKILL, server
restart or Ctrl-C the next run starts exactly after the last committed batch: no row is done twice and
none is skipped. The key range ends at the largest key present when the backfill started, so it ends
even while rows keep being inserted (rows written later are the expand phase's business).
"""

from __future__ import annotations

import contextlib
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import psycopg
from psycopg import sql

from migwiz.engine import humanize
from migwiz.engine.backfill.boundary import BoundaryFinder
from migwiz.engine.backfill.keys import Key, KeysetQueries, keyset_queries, primary_key
from migwiz.engine.backfill.progress import BackfillProgress, BackfillState
from migwiz.engine.backfill.spec import BackfillSpec
from migwiz.engine.backfill.store import (
    Checkpoint,
    Control,
    claim_checkpoint,
    ensure_backfill_state,
    finish_checkpoint,
    read_checkpoint,
    read_control,
    set_state,
    start_checkpoint,
)
from migwiz.engine.backfill.throttle import (
    BackfillSettings,
    BatchSizer,
    LockWatch,
    ServerLoad,
    rate_wait_s,
    read_server_load,
    replica_brake,
    wal_wait_s,
)
from migwiz.engine.errors import MigrationFailed, MigrationFileError
from migwiz.engine.log.eventlog import EventLog
from migwiz.engine.run.control import RunStopped

ProgressCallback = Callable[[BackfillProgress], None]

_RETRYABLE = (
    psycopg.errors.LockNotAvailable,
    psycopg.errors.DeadlockDetected,
    psycopg.errors.SerializationFailure,
    psycopg.errors.QueryCanceled,
)
_PAUSE_POLL_S = 0.2
_RATE_WINDOW_S = 5.0


@dataclass(frozen=True)
class BackfillResult:
    """What a backfill run did (this run only for `batches`; totals for the rows)."""

    backfill_id: str
    rows_done: int
    rows_updated: int
    batches: int
    duration_s: float
    resumed: bool


def estimate_rows(conn: psycopg.Connection[Any], spec: BackfillSpec) -> int:
    """The planner's estimate of the table's rows (what the progress bar divides by)."""
    table = sql.Identifier(*(p for p in (spec.schema, spec.table) if p is not None))
    row = conn.execute(sql.SQL("EXPLAIN (FORMAT JSON) SELECT 1 FROM {}").format(table)).fetchone()
    assert row is not None
    return int(row[0][0]["Plan"]["Plan Rows"])


class Backfill:
    """One backfill: the statement, where it stands, and the loop that finishes it."""

    def __init__(
        self,
        conn: psycopg.Connection[Any],
        dsn: str,
        spec: BackfillSpec,
        *,
        backfill_id: str,
        schema: str,
        log: EventLog,
        settings: BackfillSettings | None = None,
        on_progress: ProgressCallback | None = None,
        statement_timeout_ms: int | None = None,
        should_stop: Callable[[], str | None] | None = None,
    ) -> None:
        self.conn = conn
        self.dsn = dsn
        self.spec = spec
        self.id = backfill_id
        self.schema = schema
        self.log = log
        self.settings = settings or BackfillSettings()
        self.on_progress = on_progress
        self.statement_timeout_ms = statement_timeout_ms
        self.should_stop = should_stop
        """Returns why the run must stop (checked between batches and while paused), else None."""
        self.sizer = BatchSizer(self.settings)
        self.control = Control()
        self._started = time.monotonic()
        self._window: deque[tuple[float, int]] = deque()
        self._last_log = 0.0
        self._last_check = 0.0
        self._load: ServerLoad | None = None
        self._last_batch_ms = 0.0

    # -- the run -----------------------------------------------------------------------------------

    def run(self, *, resume: bool = True) -> BackfillResult:
        """Run (or resume, when `resume` and a checkpoint exists) until the key range is done."""
        conn = self.conn
        ensure_backfill_state(conn, self.schema)
        key = primary_key(conn, self.spec)
        queries = keyset_queries(self.spec, key, self.schema)
        checkpoint = read_checkpoint(conn, self.schema, self.id) if resume else None
        resumed = checkpoint is not None
        if checkpoint is not None and checkpoint.key_columns != key.columns:
            raise MigrationFileError(
                f"{self.spec.path}:{self.spec.line}: the primary key of {key.relation} changed since this "
                f"backfill started ({', '.join(checkpoint.key_columns)} -> {', '.join(key.columns)})",
                "roll the migration back (migwiz down) and apply it again",
            )
        if checkpoint is None:
            upper_row = conn.execute(queries.upper).fetchone()
            upper = tuple(upper_row) if upper_row else None
            checkpoint = start_checkpoint(
                conn,
                self.schema,
                self.id,
                relation=key.relation,
                key_columns=key.columns,
                statement=self.spec.sql,
                upper_key=upper,
                total_estimate=estimate_rows(conn, self.spec),
                run_id=self.log.run_id,
            )
            self.log.info(
                "backfill",
                f"backfill of {key.relation} started: keys up to {_show(upper)}, "
                f"about {checkpoint.total_estimate} rows",
                backfill=self.id,
                table=key.relation,
                key_columns=list(key.columns),
                upper_key=list(upper) if upper else None,
                total_estimate=checkpoint.total_estimate,
            )
        elif checkpoint.state != "done":
            claim_checkpoint(conn, self.schema, self.id, self.log.run_id)
            self.log.info(
                "backfill",
                f"backfill of {key.relation} resumed after key {_show(checkpoint.last_key)} "
                f"({checkpoint.rows_scanned} rows done)",
                backfill=self.id,
                last_key=list(checkpoint.last_key) if checkpoint.last_key else None,
                rows_done=checkpoint.rows_scanned,
            )
        if checkpoint.state == "done" or checkpoint.upper_key is None:
            if checkpoint.state != "done":
                finish_checkpoint(conn, self.schema, self.id)
            self._emit(checkpoint, "done", force_log=True)
            return BackfillResult(self.id, checkpoint.rows_scanned, checkpoint.rows_updated, 0, 0.0, resumed)
        return self._loop(queries, checkpoint, resumed)

    def _loop(self, queries: KeysetQueries, checkpoint: Checkpoint, resumed: bool) -> BackfillResult:
        conn = self.conn
        assert checkpoint.upper_key is not None
        upper: Key = checkpoint.upper_key
        last: Key | None = checkpoint.last_key
        done, updated, batches = checkpoint.rows_scanned, checkpoint.rows_updated, 0
        self.control = read_control(conn, self.schema, self.id)
        self._window.append((time.monotonic(), done))
        conn.execute(
            sql.SQL("SET lock_timeout = {}").format(sql.Literal(f"{self.settings.lock_timeout_ms}ms"))
        )
        if self.statement_timeout_ms is not None:
            conn.execute(
                sql.SQL("SET statement_timeout = {}").format(sql.Literal(f"{self.statement_timeout_ms}ms"))
            )
        watch = LockWatch(self.dsn, conn.info.backend_pid, self.settings.watch_interval_ms).start()
        boundaries = BoundaryFinder(self.dsn, queries, upper)
        retries = 0
        finished = False
        state: BackfillState = "running"
        try:
            while True:
                self._check_stop(done)
                if self.control.paused:
                    self._wait_while_paused(checkpoint, done, updated)
                size = self.control.batch_size or self.sizer.size
                end, scanned, final = boundaries.find(last, size)
                if not final:
                    boundaries.prefetch(end, size)
                started = time.monotonic()
                try:
                    row = self._batch(queries, last, end, scanned, size)
                except _RETRYABLE as exc:
                    retries += 1
                    self._retry(exc, retries, size)
                    continue
                retries = 0
                elapsed_ms = (time.monotonic() - started) * 1000
                self._last_batch_ms = elapsed_ms
                batch_updated, present = int(row[0]), int(row[1])
                if not present:
                    raise MigrationFailed(
                        f"the checkpoint row of backfill {self.id} disappeared from "
                        f"{self.schema}.backfill_progress",
                        "something deleted it while the backfill ran; rerun `migwiz up` to start over",
                    )
                self.control = Control(bool(row[2]) if row[2] is not None else False, row[3], row[4], row[5])
                last = end
                done += scanned
                updated += batch_updated
                batches += 1
                waiters, longest = watch.take()
                if waiters:
                    self.log.info(
                        "backfill",
                        f"{waiters} session(s) waited on a batch's locks"
                        f" (longest {humanize.duration(longest / 1000)}); batches now aim at"
                        f" {humanize.duration(self.settings.contended_batch_ms / 1000)}",
                        backfill=self.id,
                        waiters=waiters,
                        longest_wait_ms=round(longest, 1),
                    )
                self.sizer.observe(scanned, elapsed_ms, self._target_ms(watch))
                checkpoint = replace(
                    checkpoint, last_key=last, rows_scanned=done, rows_updated=updated, batches=batches
                )
                if final:
                    break
                state = self._brakes(scanned, started, checkpoint)
                self._emit(checkpoint, state)
            finish_checkpoint(conn, self.schema, self.id)
            finished = True
        finally:
            watch.stop()
            with contextlib.suppress(psycopg.Error):
                boundaries.close()
            if not finished and not (conn.closed or conn.broken):
                with contextlib.suppress(psycopg.Error):
                    set_state(conn, self.schema, self.id, "stopped")
            if not (conn.closed or conn.broken):
                with contextlib.suppress(psycopg.Error):
                    conn.execute("RESET lock_timeout")
                    conn.execute("RESET statement_timeout")
        duration = time.monotonic() - self._started
        self._emit(checkpoint, "done", force_log=True)
        self.log.info(
            "backfill",
            f"backfill of {checkpoint.relation} done: {done} rows walked, {updated} updated, "
            f"{batches} batches in {humanize.duration(duration)}",
            backfill=self.id,
            rows_done=done,
            rows_updated=updated,
            batches=batches,
            duration_s=round(duration, 2),
        )
        return BackfillResult(self.id, done, updated, batches, duration, resumed)

    # -- one batch ---------------------------------------------------------------------------------

    def _batch(
        self, queries: KeysetQueries, last: Key | None, end: Key, scanned: int, size: int
    ) -> tuple[Any, ...]:
        lower: list[str] = list(last) if last is not None else []
        query = queries.batch_next if last is not None else queries.batch_first
        rate = self._rate()
        row = self.conn.execute(
            query, [*lower, *end, list(end), scanned, size, rate, self.id, self.id]
        ).fetchone()
        assert row is not None
        return tuple(row)

    def _retry(self, exc: psycopg.Error, retries: int, size: int) -> None:
        what = type(exc).__name__
        if retries > self.settings.max_retries:
            raise exc
        new_size = self.sizer.shrink()
        self.log.warning(
            "backfill",
            f"batch of {size} rows failed ({what}: {(exc.diag.message_primary or '').strip()}); "
            f"retrying with {new_size} rows",
            backfill=self.id,
            sqlstate=exc.sqlstate,
            retries=retries,
            batch_size=new_size,
        )
        time.sleep(min(2.0, 0.05 * retries))

    # -- throttling --------------------------------------------------------------------------------

    def _target_ms(self, watch: LockWatch) -> float:
        target = self.control.target_ms or self.settings.target_batch_ms
        last = watch.last_seen if watch.last_seen is not None else self._started
        if time.monotonic() - last < self.settings.contention_memory_s:
            return min(target, self.settings.contended_batch_ms)
        return target

    def _brakes(self, scanned: int, batch_started: float, checkpoint: Checkpoint) -> BackfillState:
        """Sleep as the pause, the max rate, the WAL rate and replica lag require; the state to show."""
        state: BackfillState = "running"
        max_rate = self.control.max_rate or self.settings.max_rows_per_s
        if max_rate:
            wait = rate_wait_s(scanned, time.monotonic() - batch_started, max_rate)
            if wait > 0:
                time.sleep(wait)
        if self.settings.pause_ms > 0:
            time.sleep(self.settings.pause_ms / 1000)
        now = time.monotonic()
        if now - self._last_check < self.settings.check_interval_s:
            return state
        self._last_check = now
        load = read_server_load(self.conn)
        previous, self._load = self._load, load
        if previous is not None and self.settings.max_wal_bytes_per_s:
            wait = wal_wait_s(previous, load, self.settings.max_wal_bytes_per_s)
            if wait > 0:
                state = "throttled"
                self._emit(checkpoint, state, throttle=f"WAL rate: waiting {humanize.duration(wait)}")
                time.sleep(min(wait, 30.0))
                self._load = read_server_load(self.conn)
        while (braking := replica_brake(load, self.settings)) is not None:
            self._check_stop(checkpoint.rows_scanned)
            state = "throttled"
            self._emit(checkpoint, state, throttle=braking)
            time.sleep(_PAUSE_POLL_S)
            load = read_server_load(self.conn)
        return state

    def _check_stop(self, done: int) -> None:
        """A stop asked for the run: every batch has committed its checkpoint, so stop here."""
        reason = self.should_stop() if self.should_stop is not None else None
        if reason is not None:
            raise RunStopped(
                reason,
                0,
                what=f"after {done} rows of the backfill; `migwiz up` resumes it from its checkpoint",
            )

    def _wait_while_paused(self, checkpoint: Checkpoint, done: int, updated: int) -> None:
        set_state(self.conn, self.schema, self.id, "paused")
        self.log.info("backfill", f"backfill {self.id} paused by the operator", backfill=self.id)
        while self.control.paused:
            self._check_stop(done)
            self._emit(checkpoint, "paused", throttle="paused by the operator")
            time.sleep(_PAUSE_POLL_S)
            self.control = read_control(self.conn, self.schema, self.id)
        set_state(self.conn, self.schema, self.id, "running")
        self._window.clear()
        self._window.append((time.monotonic(), done))
        self.log.info("backfill", f"backfill {self.id} resumed by the operator", backfill=self.id)

    # -- progress ----------------------------------------------------------------------------------

    def _rate(self) -> float:
        if len(self._window) < 2:
            return 0.0
        (t0, r0), (t1, r1) = self._window[0], self._window[-1]
        return (r1 - r0) / (t1 - t0) if t1 > t0 else 0.0

    def _emit(
        self,
        checkpoint: Checkpoint,
        state: BackfillState,
        *,
        throttle: str | None = None,
        force_log: bool = False,
    ) -> None:
        now = time.monotonic()
        self._window.append((now, checkpoint.rows_scanned))
        while len(self._window) > 2 and now - self._window[0][0] > _RATE_WINDOW_S:
            self._window.popleft()
        rate = self._rate()
        total = checkpoint.total_estimate or 0
        remaining = max(0, total - checkpoint.rows_scanned)
        eta = 0.0 if state == "done" else (remaining / rate if rate > 0 else None)
        progress = BackfillProgress(
            backfill_id=self.id,
            table=checkpoint.relation,
            state=state,
            rows_done=checkpoint.rows_scanned,
            rows_updated=checkpoint.rows_updated,
            total_estimate=total,
            batches=checkpoint.batches,
            batch_size=self.control.batch_size or self.sizer.size,
            rate=rate,
            eta_s=eta,
            elapsed_s=now - self._started,
            last_batch_ms=self._last_batch_ms,
            throttle=throttle,
        )
        if self.on_progress is not None:
            self.on_progress(progress)
        if force_log or now - self._last_log >= self.settings.log_interval_s:
            self._last_log = now
            self.log.info(
                "backfill progress",
                f"{checkpoint.relation}: {progress.rows_done}/{total} rows ({progress.fraction:.0%}), "
                f"{rate:.0f} rows/s, batch {progress.batch_size}" + (f", {throttle}" if throttle else ""),
                **progress.to_json(),
            )


def _show(key: tuple[str, ...] | None) -> str:
    if key is None:
        return "(none)"
    return key[0] if len(key) == 1 else "(" + ", ".join(key) + ")"
