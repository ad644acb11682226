"""The operator's side of a running backfill: pause, resume, retune and look, from another terminal."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from migwiz.engine import queries
from migwiz.engine.backfill.ranges import WorkerReading, ranges_left, worker_readings
from migwiz.engine.backfill.store import (
    Checkpoint,
    Control,
    ControlChanges,
    ensure_backfill_state,
    read_checkpoints,
    read_control,
    write_control,
)
from migwiz.engine.errors import UsageError
from migwiz.engine.history.standing import BackfillFacts, Standing, backfill_standing
from migwiz.engine.servers.connect import connect

if TYPE_CHECKING:
    from typing_extensions import Unpack


@dataclass(frozen=True)
class BackfillStatus:
    """A stored backfill: its checkpoint, its control row and whether its session is alive."""

    checkpoint: Checkpoint
    control: Control
    alive: bool
    workers: tuple[WorkerReading, ...] = ()
    """Each worker's latest batch, while the backfill runs."""
    ranges: tuple[int, int] = (0, 0)
    """(ranges not done, ranges in all)."""
    brake: str | None = field(default=None)
    """The brake in force and why, while the backfill runs."""

    @property
    def standing(self) -> Standing:
        """Where the backfill stands, as `status` and the wizard say it (engine/standing.py)."""
        return backfill_standing(BackfillFacts(self.checkpoint, self.alive))

    @property
    def fraction(self) -> float:
        """Done, between 0 and 1."""
        total = self.checkpoint.total_estimate or 0
        if self.checkpoint.state == "done":
            return 1.0
        return min(1.0, self.checkpoint.rows_scanned / total) if total > 0 else 0.0

    @property
    def eta_s(self) -> float | None:
        """Seconds left: the running backfill's own ETA (it counts time spent braking), else at the last
        recorded rate (None when unknown)."""
        rate = self.checkpoint.rate or 0.0
        total = self.checkpoint.total_estimate or 0
        if self.checkpoint.state == "done":
            return 0.0
        if self.alive and self.checkpoint.eta_s is not None:
            return self.checkpoint.eta_s
        return max(0, total - self.checkpoint.rows_scanned) / rate if rate > 0 else None

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        c = self.checkpoint
        standing = self.standing
        state = {"applied": "done", "stopped": "stopped"}.get(standing.state, c.state)
        return {
            "id": c.id,
            "table": c.relation,
            "state": state,
            "percent": standing.percent,
            "resumable": standing.resumable,
            "standing": standing.text,
            "rows_done": c.rows_scanned,
            "rows_updated": c.rows_updated,
            "total_estimate": c.total_estimate,
            "fraction": round(self.fraction, 4),
            "batches": c.batches,
            "batch_size": c.batch_size,
            "rate": round(c.rate, 1) if c.rate is not None else None,
            "eta_s": round(self.eta_s, 1) if self.eta_s is not None else None,
            "last_key": list(c.last_key) if c.last_key else None,
            "upper_key": list(c.upper_key) if c.upper_key else None,
            "paused": self.control.paused,
            "tuned_batch_size": self.control.batch_size,
            "tuned_max_rate": self.control.max_rate,
            "tuned_target_ms": self.control.target_ms,
            "alive": self.alive,
            "workers": [w.to_json() for w in self.workers],
            "ranges_left": self.ranges[0],
            "ranges": self.ranges[1],
            "brake": self.brake,
            "tuned_workers": self.control.workers,
            "started_at": c.started_at.isoformat(),
            "updated_at": c.updated_at.isoformat(),
        }


def backfill_status(dsn: str, schema: str) -> list[BackfillStatus]:
    """Every backfill recorded in the database, newest first."""
    with connect(dsn, autocommit=True, purpose="backfill status") as conn:
        checkpoints = read_checkpoints(conn, schema)
        pids = {int(r[0]) for r in conn.execute(queries.load("activity_pids")).fetchall()}
        statuses = []
        for c in checkpoints:
            alive = c.pid is not None and c.pid in pids
            live = alive and c.state != "done"
            statuses.append(
                BackfillStatus(
                    c,
                    read_control(conn, schema, c.id),
                    alive,
                    tuple(w for w in worker_readings(conn, schema, c.id) if w.worker < (c.workers or 0))
                    if live
                    else (),
                    ranges_left(conn, schema, c.id),
                    c.brake if live else None,
                )
            )
        return statuses


def _target(dsn: str, schema: str, backfill_id: str | None) -> str:
    running = [s for s in backfill_status(dsn, schema) if s.checkpoint.state != "done"]
    if backfill_id is not None:
        return backfill_id
    if len(running) == 1:
        return running[0].checkpoint.id
    if not running:
        raise UsageError("no backfill is in progress", "start one with `migwiz up --phase backfill`")
    ids = ", ".join(s.checkpoint.id for s in running)
    raise UsageError(f"several backfills are in progress ({ids})", "name one: --id VERSION")


def control_backfill(
    dsn: str, schema: str, backfill_id: str | None = None, **changes: Unpack[ControlChanges]
) -> tuple[str, Control]:
    """Pause, resume or retune a backfill (the only one in progress unless `backfill_id`), or set its
    number of workers (before it starts too, with `backfill_id`).

    The running backfill reads its control row with every batch, so a change applies within one batch.
    """
    chosen = _target(dsn, schema, backfill_id)
    with connect(dsn, autocommit=True, purpose="backfill control") as conn:
        ensure_backfill_state(conn, schema)
        control = write_control(conn, schema, chosen, **changes)
    return chosen, control
