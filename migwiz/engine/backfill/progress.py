"""How far a backfill is: the frozen value the CLI, the log and the wizard all show."""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal, cast

import psycopg

if TYPE_CHECKING:
    from migwiz.engine.backfill.store import Checkpoint

BackfillState = Literal["starting", "running", "paused", "throttled", "done", "stopped"]


@dataclass(frozen=True)
class WorkerProgress:
    """One worker as the operator sees it."""

    worker: int
    range_no: int | None
    rows_done: int
    rate: float
    """Rows per second over the last few seconds."""
    batch_size: int
    last_batch_ms: float
    state: str
    """running, braked (waiting for the brakes), idle (not allowed to run now) or done."""


@dataclass(frozen=True)
class BackfillProgress:
    """One reading of a running backfill.

    `rows_done` counts rows of the key range walked so far (updated or not), `rows_updated` those the
    UPDATE changed; `total_estimate` is the planner's estimate of the range's rows when it started.
    """

    backfill_id: str
    table: str
    state: BackfillState
    rows_done: int
    rows_updated: int
    total_estimate: int
    batches: int
    batch_size: int
    rate: float
    """Rows per second over the last few seconds."""
    eta_s: float | None
    elapsed_s: float
    last_batch_ms: float
    throttle: str | None = None
    """The brake in force and why (pause, replica lag, WAL rate, app latency, lock waits), when one is."""
    workers: tuple[WorkerProgress, ...] = ()
    """Each worker: its range, rows, rate, batch size and state."""

    @property
    def fraction(self) -> float:
        """Done, between 0 and 1 (the estimate may be low: never above 1)."""
        if self.state == "done":
            return 1.0
        if self.total_estimate <= 0:
            return 0.0
        return min(1.0, self.rows_done / self.total_estimate)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict (also the `data` of `backfill` log events)."""
        data = asdict(self)
        data["fraction"] = round(self.fraction, 4)
        data["rate"] = round(self.rate, 1)
        data["eta_s"] = round(self.eta_s, 1) if self.eta_s is not None else None
        data["elapsed_s"] = round(self.elapsed_s, 2)
        data["last_batch_ms"] = round(self.last_batch_ms, 2)
        data["workers"] = [
            {**w, "rate": round(w["rate"], 1), "last_batch_ms": round(w["last_batch_ms"], 2)}
            for w in data["workers"]
        ]
        return data


class RateWindow:
    """Rows done over time: the rate of the last seconds, and the ETA from the rate of the last minute,
    so that time spent braking (paused, replica lag, fewer workers) lengthens the ETA as it should.

    >>> w = RateWindow()
    >>> for t, rows in [(0, 0), (10, 10_000), (20, 10_000), (25, 15_000)]:  # braked from 10 s to 20 s
    ...     w.add(t, rows)
    >>> w.rate(5.0), w.rate(60.0), w.eta(15_000, 60.0)
    (1000.0, 600.0, 25.0)
    """

    def __init__(self, keep_s: float = 60.0) -> None:
        self._keep = keep_s
        self._points: deque[tuple[float, int]] = deque()

    def add(self, at: float, rows: int) -> None:
        """Rows done at time `at` (time.monotonic())."""
        self._points.append((at, rows))
        while len(self._points) > 2 and at - self._points[0][0] > self._keep:
            self._points.popleft()

    def rate(self, span_s: float) -> float:
        """Rows per second over the last `span_s` seconds."""
        if len(self._points) < 2:
            return 0.0
        t1, r1 = self._points[-1]
        t0, r0 = next((t, r) for t, r in self._points if t1 - t <= span_s)
        return (r1 - r0) / (t1 - t0) if t1 > t0 else 0.0

    def eta(self, remaining: int, span_s: float) -> float | None:
        """Seconds to do `remaining` rows at the rate of the last `span_s` (None: no rate yet)."""
        rate = self.rate(span_s)
        return remaining / rate if rate > 0 else None


def progress_from_json(data: Mapping[str, Any]) -> BackfillProgress | None:
    """Rebuild a BackfillProgress from `to_json` output (e.g. a log event's data); None if it is not one."""
    names = {f.name for f in fields(BackfillProgress)} - {"workers"}
    if not names.issubset(data):
        return None
    workers = tuple(WorkerProgress(**w) for w in data.get("workers") or ())
    return BackfillProgress(**{name: data[name] for name in names}, workers=workers)


def progress_from_checkpoint(
    checkpoint: Checkpoint,
    now: datetime,
) -> BackfillProgress:
    """A reading rebuilt from a stored checkpoint , as another process sees it.

    The rate is the checkpoint's own (rows per second of its last seconds); the ETA is the running
    backfill's own (it counts time spent braking), else follows from the rate and the planner's estimate
    of the range. `now` is the server clock of the reading.
    """
    state = cast(BackfillState, checkpoint.state if checkpoint.state in _STATES else "running")
    done = int(checkpoint.rows_scanned or 0)
    total = int(checkpoint.total_estimate or 0)
    rate = float(checkpoint.rate or 0.0)
    eta = max(0.0, (total - done) / rate) if rate > 0 and total > done and state != "done" else None
    if checkpoint.eta_s is not None and state != "done":
        eta = checkpoint.eta_s
    end = checkpoint.finished_at or now
    return BackfillProgress(
        backfill_id=checkpoint.id,
        table=checkpoint.relation,
        state=state,
        rows_done=done,
        rows_updated=int(checkpoint.rows_updated or 0),
        total_estimate=total,
        batches=int(checkpoint.batches or 0),
        batch_size=int(checkpoint.batch_size or 0),
        rate=rate,
        eta_s=eta,
        elapsed_s=max(0.0, (end - checkpoint.started_at).total_seconds()),
        last_batch_ms=0.0,
        throttle=checkpoint.brake if state != "done" else None,
    )


_STATES = frozenset({"starting", "running", "paused", "throttled", "done", "stopped"})


LIVE_STATES = frozenset({"starting", "running", "paused", "throttled"})


def checkpoint_readings(conn: psycopg.Connection[Any], schema: str) -> list[BackfillProgress]:
    """Every stored backfill as another process sees it now (server clock); a checkpoint left live by a
    process whose backend is gone reads as stopped, as in `migwiz backfill status`."""
    row = conn.execute("SELECT pg_catalog.clock_timestamp()").fetchone()
    now: datetime = row[0] if row else datetime.now().astimezone()
    readings = []
    from migwiz.engine.backfill.ranges import worker_readings
    from migwiz.engine.backfill.store import checkpoints_alive

    for checkpoint, alive in checkpoints_alive(conn, schema):
        reading = progress_from_checkpoint(checkpoint, now)
        if reading.state in LIVE_STATES and not alive:
            reading = replace(reading, state="stopped", eta_s=None, throttle=None)
        elif reading.state in LIVE_STATES:
            count = checkpoint.workers or 0
            workers = tuple(
                WorkerProgress(
                    w.worker,
                    w.range_no,
                    0,
                    w.rate or 0.0,
                    w.batch_size or 0,
                    w.batch_ms or 0.0,
                    "running" if w.age_s < 5 else "idle",
                )
                for w in worker_readings(conn, schema, checkpoint.id)
                if w.worker < count
            )
            reading = replace(reading, workers=workers)
        readings.append(reading)
    return readings
