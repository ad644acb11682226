"""Run a backfill in key ranges by several workers, one short transaction per batch, resumable anywhere.

The backfill's key range (its first key to the largest key present when it started) is cut into ranges
(ranges.py), each with its own checkpoint. Workers (workers.py) take the ranges; each batch is a single
statement: the user's UPDATE limited to the keys (last, end] of one range together with that range's
checkpoint moving to `end`. Either both commit or neither does, so after a crash, SIGKILL, server restart
or Ctrl-C the next run, with any number of workers, goes on from every range's last committed batch: no
row is done twice and none is skipped. The key range ends at the largest key present when the backfill
started, so it ends even while rows keep being inserted (rows written later are the expand phase's
business).

This module is the coordinator: it starts and resumes, runs the workers, applies the brakes to all of
them (pause, replica lag, WAL rate, the application's latency, lock waits: brakes.py) and reports
progress with an ETA that counts the time spent braking. All it reports is a typed event on the run's
stream (`BackfillBatch` and backfill/events.py): the central log is written from them.
"""

from __future__ import annotations

import contextlib
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import psycopg

from migwiz.engine import humanize
from migwiz.engine.backfill.begin import begin
from migwiz.engine.backfill.brakes import MAX_WORKERS, Governor, LatencyProbe, auto_workers, latency_pressure
from migwiz.engine.backfill.events import (
    BackfillBatch,
    BackfillBatchRetried,
    BackfillBraking,
    BackfillCrew,
    BackfillDone,
    BackfillEvent,
    BackfillLockWaits,
    BackfillPaused,
    BackfillWorkersChanged,
)
from migwiz.engine.backfill.keys import KeysetQueries, TableKey
from migwiz.engine.backfill.progress import BackfillProgress, BackfillState, RateWindow
from migwiz.engine.backfill.ranges import KeyRange, create_ranges, cut_points, range_count, read_ranges
from migwiz.engine.backfill.serverbrakes import ServerBrakes
from migwiz.engine.backfill.spec import BackfillSpec
from migwiz.engine.backfill.store import (
    Checkpoint,
    Control,
    finish_checkpoint,
    keep_base,
    read_control,
    set_state,
    write_live,
    write_totals,
)
from migwiz.engine.backfill.throttle import BackfillSettings, LockWatch, read_server_load
from migwiz.engine.backfill.workers import Crew, Worker
from migwiz.engine.errors import MigrationFailed
from migwiz.engine.run.control import RunStopped
from migwiz.engine.servers.connect import dsn_params

_TICK_S = 0.1
_RATE_WINDOW_S = 5.0
_ETA_WINDOW_S = 60.0
_LIVE_WRITE_S = 1.0


@dataclass(frozen=True)
class BackfillResult:
    """What a backfill run did (this run only for `batches`; totals for the rows)."""

    backfill_id: str
    rows_done: int
    rows_updated: int
    batches: int
    duration_s: float
    resumed: bool
    workers: int = 1
    max_batch_ms: float = 0.0
    """The longest batch of this run as its worker saw it (the round trip, waits for a core included)."""
    max_held_ms: float = 0.0
    """The longest any batch of this run held its row locks, measured by the server."""


class Backfill:
    """One backfill: the statement, where it stands, and the workers that finish it."""

    def __init__(
        self,
        conn: psycopg.Connection[Any],
        dsn: str,
        spec: BackfillSpec,
        *,
        backfill_id: str,
        schema: str,
        run_id: str,
        emit: Callable[[BackfillEvent], None],
        settings: BackfillSettings | None = None,
        statement_timeout_ms: int | None = None,
        should_stop: Callable[[], str | None] | None = None,
    ) -> None:
        self.conn = conn
        self.dsn = dsn
        self.spec = spec
        self.id = backfill_id
        self.schema = schema
        self.run_id = run_id
        self.emit = emit
        """Where its events go (the run's stream, whose log writer writes the central log)."""
        self.settings = settings or BackfillSettings()
        self.statement_timeout_ms = statement_timeout_ms
        self.should_stop = should_stop
        """Returns why the run must stop (checked between batches and while paused), else None."""
        self.workers: dict[int, Worker] = {}
        self.auto: tuple[int, str] | None = None
        """The default number of workers and why (measured once, at the start)."""
        self._started = time.monotonic()
        self._window = RateWindow(_ETA_WINDOW_S)
        self._last_log = 0.0
        self._last_live = 0.0
        self._last_emit = 0.0
        self._last_control = 0.0
        self._server = ServerBrakes(self.settings, _TICK_S)
        self._notes: deque[BackfillBatchRetried] = deque()

    # -- the run -----------------------------------------------------------------------------------

    def run(self, *, resume: bool = True) -> BackfillResult:
        """Run (or resume, when `resume` and a checkpoint exists) until the key range is done."""
        conn = self.conn
        begun = begin(conn, self.spec, self.id, self.schema, self.run_id, self.emit, resume=resume)
        checkpoint, resumed = begun.checkpoint, begun.resumed
        if checkpoint.state == "done" or checkpoint.upper_key is None:
            if checkpoint.state != "done":
                finish_checkpoint(conn, self.schema, self.id)
            self._emit(checkpoint, "done", None, force_log=True)
            return BackfillResult(self.id, checkpoint.rows_scanned, checkpoint.rows_updated, 0, 0.0, resumed)
        ranges = read_ranges(conn, self.schema, self.id) or self._cut(begun.key, begun.queries, checkpoint)
        return self._run(begun.queries, checkpoint, ranges, resumed)

    def _cut(self, key: TableKey, queries: KeysetQueries, checkpoint: Checkpoint) -> list[KeyRange]:
        """Cut what is left of the key range into ranges, stored in one transaction."""
        assert checkpoint.upper_key is not None
        left = max(0, (checkpoint.total_estimate or 0) - checkpoint.rows_scanned)
        count = range_count(left)
        after = checkpoint.last_key or key.start
        points = cut_points(self.conn, key, queries, after, checkpoint.upper_key, count, left)
        with self.conn.transaction():
            keep_base(self.conn, self.schema, self.id)
            return create_ranges(self.conn, self.schema, self.id, after, points)

    def _wanted(self, control: Control) -> int:
        """Workers to run: the operator's, else the settings', else from the server's cores and load."""
        chosen = control.workers or self.settings.workers
        if chosen is None:
            if self.auto is None:
                self.auto = auto_workers(self.conn, local=_is_local(self.dsn))
            chosen = self.auto[0]
        return max(1, min(MAX_WORKERS, chosen))

    def _run(
        self, queries: KeysetQueries, checkpoint: Checkpoint, ranges: list[KeyRange], resumed: bool
    ) -> BackfillResult:
        conn = self.conn
        control = read_control(conn, self.schema, self.id)
        wanted = self._wanted(control)
        crew = Crew(deque(r for r in ranges if not r.done), self.settings, control, wanted, wanted)
        crew.retried = self._notes.append
        if self.settings.max_replica_lag_bytes is not None or self.settings.max_wal_bytes_per_s:
            crew.wal_room = 0.0  # no batch before the first read of the server
        self.crew = crew
        base_done, base_updated = checkpoint.rows_scanned, checkpoint.rows_updated
        governor = Governor(wanted)
        why = self.auto[1] if self.auto and not (control.workers or self.settings.workers) else ""
        self.emit(BackfillCrew(self.id, checkpoint.relation, wanted, len(crew.ranges), why))
        probe = LatencyProbe(self.dsn, self.schema).start() if self.settings.latency_brake else None
        watch = LockWatch(
            self.dsn, lambda: [w.pid for w in self.workers.values() if w.pid], self.settings.watch_interval_ms
        ).start()
        self._window.add(time.monotonic(), checkpoint.rows_scanned)
        finished = False
        state: BackfillState = "running"
        brake: str | None = None
        shown: tuple[BackfillState, str | None] = (state, brake)
        try:
            while True:
                self._spawn(queries, crew, watch)
                if crew.failure is not None:
                    self._join(crew)
                    raise crew.failure
                if not crew.ranges and not any(w.is_alive() for w in self.workers.values()):
                    break
                reason = self.should_stop() if self.should_stop is not None else None
                if reason is not None:
                    self._join(crew)
                    if crew.failure is not None:
                        raise crew.failure
                    raise RunStopped(
                        reason,
                        0,
                        what=f"after {base_done + crew.rows_done} rows of the backfill; `migwiz up` "
                        "resumes it from its checkpoints",
                    )
                now = time.monotonic()
                self._control(crew, governor, now)
                pressure = self._pressure(watch, probe)
                governor.update(pressure, now)
                crew.allowed, crew.pause_ms = governor.allowed, governor.pause_ms
                self._server_brakes(crew, now)
                new_brake = self._brake(crew, governor)
                braking = new_brake is not None and not new_brake.startswith("max rate")
                new_state: BackfillState = (
                    "paused" if crew.control.paused else "throttled" if braking else "running"
                )
                holding = crew.control.paused or now < crew.hold_until
                if holding and any(w.in_batch for w in self.workers.values()):
                    new_state = state  # paused or held only once no batch is under way
                if new_state != state:
                    self._last_live = 0.0  # other processes see a new state at once
                if new_state != state and "paused" in (state, new_state):
                    self.emit(BackfillPaused(self.id, new_state == "paused"))
                if new_brake != brake and new_brake is not None and new_state == "throttled":
                    self.emit(BackfillBraking(self.id, new_brake))
                state, brake = new_state, new_brake
                while self._notes:
                    self.emit(self._notes.popleft())
                current = replace(
                    checkpoint,
                    rows_scanned=base_done + crew.rows_done,
                    rows_updated=base_updated + crew.rows_updated,
                    batches=checkpoint.batches + crew.batches,
                )
                if now - self._last_emit >= 0.25 or (state, brake) != shown:
                    shown = (state, brake)
                    self._emit(current, state, brake)
                crew.changed.wait(_TICK_S)
                crew.changed.clear()
            if crew.failure is not None:  # a worker failed after the last look
                raise crew.failure
            if not all(r.done for r in ranges):
                raise MigrationFailed(
                    f"backfill {self.id}: its workers ended with ranges left",
                    "rerun `migwiz up`: it resumes from the ranges' checkpoints",
                )
            finish_checkpoint(conn, self.schema, self.id)
            finished = True
        finally:
            crew.stopping = True
            self._join(crew)
            watch.stop()
            if probe is not None:
                probe.stop()
            if not (conn.closed or conn.broken):
                with contextlib.suppress(psycopg.Error):
                    rows, updated = base_done + crew.rows_done, base_updated + crew.rows_updated
                    batches = checkpoint.batches + crew.batches
                    write_totals(conn, self.schema, self.id, rows, updated, batches)
                    if not finished:
                        set_state(conn, self.schema, self.id, "stopped")
        duration = time.monotonic() - self._started
        done, updated = base_done + crew.rows_done, base_updated + crew.rows_updated
        final = replace(
            checkpoint, rows_scanned=done, rows_updated=updated, batches=checkpoint.batches + crew.batches
        )
        self._emit(final, "done", None, force_log=True)
        self.emit(
            BackfillDone(self.id, checkpoint.relation, done, updated, crew.batches, wanted, duration,
                         crew.max_batch_ms, crew.max_held_ms)
        )  # fmt: skip
        return BackfillResult(
            self.id,
            done,
            updated,
            crew.batches,
            duration,
            resumed,
            wanted,
            crew.max_batch_ms,
            crew.max_held_ms,
        )

    # -- the workers -------------------------------------------------------------------------------

    def _spawn(self, queries: KeysetQueries, crew: Crew, watch: LockWatch) -> None:
        """Start a worker for every index below `wanted` that has none while ranges are left."""
        if crew.stopping:
            return
        for index in range(crew.wanted):
            worker = self.workers.get(index)
            if worker is not None and (worker.is_alive() or not crew.ranges):
                continue
            if worker is None and not crew.ranges:
                continue
            self.workers[index] = Worker(
                index,
                crew,
                dsn=self.dsn,
                schema=self.schema,
                backfill_id=self.id,
                queries=queries,
                statement_timeout_ms=self.statement_timeout_ms,
                target_ms=lambda: self._target_ms(crew, watch),
            )
            self.workers[index].start()

    def _join(self, crew: Crew) -> None:
        crew.stopping = True
        for worker in self.workers.values():
            if worker.is_alive():
                worker.join()

    def _target_ms(self, crew: Crew, watch: LockWatch) -> float:
        target = crew.control.target_ms or self.settings.target_batch_ms
        last = watch.last_seen if watch.last_seen is not None else self._started
        if time.monotonic() - last < self.settings.contention_memory_s:
            return min(target, self.settings.contended_batch_ms)
        return target

    def _control(self, crew: Crew, governor: Governor, now: float) -> None:
        """Read the operator's control row (the workers also get it with every batch)."""
        if now - self._last_control >= 0.5:
            self._last_control = now
            crew.control = read_control(self.conn, self.schema, self.id)
        wanted = self._wanted(crew.control)
        if wanted != crew.wanted:
            self.emit(BackfillWorkersChanged(self.id, wanted, crew.wanted))
            governor.want(wanted)
            crew.wanted = wanted

    # -- brakes ------------------------------------------------------------------------------------

    def _pressure(self, watch: LockWatch, probe: LatencyProbe | None) -> str | None:
        """Why the workers should back off now: lock waits on our batches, the application's latency."""
        waiters, longest = watch.take()
        if waiters:
            self.emit(BackfillLockWaits(self.id, waiters, longest, self.settings.contended_batch_ms))
            if longest >= self.settings.lock_wait_brake_ms:
                return (
                    f"lock waits: {waiters} session(s) waited on our batches up to"
                    f" {humanize.duration(longest / 1000)}"
                )
        if probe is not None:
            return latency_pressure(
                probe.reading(), self.settings.latency_factor, self.settings.latency_slack_ms
            )
        return None

    def _server_brakes(self, crew: Crew, now: float) -> None:
        """WAL rate and replica backlog, on the WAL forecast for the next read (serverbrakes.py)."""
        if not self._server.due(now):
            return
        with crew.lock:
            settled = crew.wal_settled  # a batch ending during the read may not be in what it reads
        load = read_server_load(self.conn)
        with crew.lock:
            self._server.take(load, crew.rows_done, crew.wal_reserved - settled)
            crew.hold_until = self._server.hold_until(load.at)
            crew.wal_room, crew.wal_per_row = self._server.room, self._server.forecast.per_row

    def _brake(self, crew: Crew, governor: Governor) -> str | None:
        """The brake in force and why (None when the workers run freely)."""
        if crew.control.paused:
            return "paused by the operator"
        server = self._server.reason(time.monotonic())
        if server is not None:
            return server
        described = governor.describe()
        if described is not None:
            return described
        max_rate = crew.control.max_rate or self.settings.max_rows_per_s
        return f"max rate {max_rate:.0f} rows/s" if max_rate else None

    # -- progress ----------------------------------------------------------------------------------

    def _emit(
        self,
        checkpoint: Checkpoint,
        state: BackfillState,
        brake: str | None,
        *,
        force_log: bool = False,
    ) -> None:
        now = time.monotonic()
        self._last_emit = now
        self._window.add(now, checkpoint.rows_scanned)
        rate = self._window.rate(_RATE_WINDOW_S)
        total = checkpoint.total_estimate or 0
        remaining = max(0, total - checkpoint.rows_scanned)
        eta = 0.0 if state == "done" else self._window.eta(remaining, _ETA_WINDOW_S)
        ordered = sorted(self.workers.values(), key=lambda w: w.index)
        workers = tuple(w.progress() for w in ordered if w.is_alive())
        running = [w for w in workers if w.state == "running"] or list(workers)
        size = max((w.batch_size for w in running), default=0)
        progress = BackfillProgress(
            backfill_id=self.id,
            table=checkpoint.relation,
            state=state,
            rows_done=checkpoint.rows_scanned,
            rows_updated=checkpoint.rows_updated,
            total_estimate=total,
            batches=checkpoint.batches,
            batch_size=size,
            rate=rate,
            eta_s=eta,
            elapsed_s=now - self._started,
            last_batch_ms=max((w.last_batch_ms for w in workers), default=0.0),
            throttle=brake,
            workers=workers if state != "done" else (),
        )
        logged = force_log or now - self._last_log >= self.settings.log_interval_s
        if logged:
            self._last_log = now
        self.emit(BackfillBatch(self.id, progress, logged))
        if state != "done" and now - self._last_live >= _LIVE_WRITE_S:
            self._last_live = now
            alive = sum(1 for w in workers if w.state != "done")
            write_live(
                self.conn,
                self.schema,
                self.id,
                state=state,
                rate=rate,
                batch_size=size,
                workers=alive,
                brake=brake,
                eta_s=eta,
            )
            rows, updated, batches = checkpoint.rows_scanned, checkpoint.rows_updated, checkpoint.batches
            write_totals(self.conn, self.schema, self.id, rows, updated, batches)


def _is_local(dsn: str) -> bool:
    """Whether the server runs on this machine (a socket directory, localhost)."""
    host = str(dsn_params(dsn).get("host") or "")
    return not host or host.startswith("/") or host in ("localhost", "127.0.0.1", "::1")
