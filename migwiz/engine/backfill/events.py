"""A backfill's typed events on the run's stream (run/events.py): it started or resumed, its crew of
workers, its batches, the operator's pause, the brakes, a batch retried, its end.

Each event says what its central-log line is (`line()`); the run's log writer writes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from migwiz.engine import humanize
from migwiz.engine.backfill.progress import BackfillProgress
from migwiz.engine.log.line import LogLine


def _now() -> datetime:
    return datetime.now(UTC)


def _show(key: tuple[str, ...] | None) -> str:
    if key is None:
        return "(none)"
    return key[0] if len(key) == 1 else "(" + ", ".join(key) + ")"


@dataclass(frozen=True)
class BackfillStarted:
    """A backfill took its checkpoint: the key (or block) range it walks and about how many rows."""

    backfill_id: str
    table: str
    key_columns: tuple[str, ...]
    upper_key: tuple[str, ...] | None
    total_estimate: int | None
    by_block: bool = False
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        what = (
            f"blocks up to {_show(self.upper_key)}"
            if self.by_block
            else f"keys up to {_show(self.upper_key)}"
        )
        about = (
            f", about {humanize.count(self.total_estimate, 'rows')}"
            if self.total_estimate is not None
            else ""
        )
        text = f"backfill of {self.table} started: {what}{about}"
        data = {
            "backfill": self.backfill_id, "table": self.table, "key_columns": list(self.key_columns),
            "upper_key": list(self.upper_key) if self.upper_key else None,
            "total_estimate": self.total_estimate,
        }  # fmt: skip
        return LogLine("info", "backfill", text, data)


@dataclass(frozen=True)
class BackfillResumed:
    """A backfill goes on from its checkpoint."""

    backfill_id: str
    table: str
    last_key: tuple[str, ...] | None
    rows_done: int
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        text = (
            f"backfill of {self.table} resumed ({humanize.count(self.rows_done, 'rows')} done,"
            f" every key up to {_show(self.last_key)})"
        )
        data = {
            "backfill": self.backfill_id,
            "last_key": list(self.last_key) if self.last_key else None,
            "rows_done": self.rows_done,
        }
        return LogLine("info", "backfill", text, data)


@dataclass(frozen=True)
class BackfillCrew:
    """The workers a backfill starts with (`why`: how their number was chosen) over its key ranges."""

    backfill_id: str
    table: str
    workers: int
    ranges: int
    why: str = ""
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        why = f" ({self.why})" if self.why else ""
        text = f"backfill of {self.table}: {self.workers} worker(s){why} over {self.ranges} range(s)"
        data = {"backfill": self.backfill_id, "workers": self.workers, "ranges": self.ranges}
        return LogLine("info", "backfill", text, data)


@dataclass(frozen=True)
class BackfillBatch:
    """A backfill migration committed a batch (its checkpoint with it)."""

    version: str
    progress: BackfillProgress
    logged: bool = False
    """A reading the central log keeps (one every `log_interval_s`, and the last)."""
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine | None:
        """The central-log line of a kept reading."""
        if not self.logged:
            return None
        p = self.progress
        message = (
            f"{p.table}: {humanize.count(p.rows_done)}/{humanize.count(p.total_estimate, 'rows')}"
            f" ({humanize.percent(p.rows_done, p.total_estimate)}), {humanize.count(p.rate, 'rows/s')}"
            + (f" by {len(p.workers)} worker(s)" if p.workers else "")
            + (f", {p.throttle}" if p.throttle else "")
        )
        return LogLine("info", "backfill progress", message, p.to_json())


@dataclass(frozen=True)
class BackfillWorkersChanged:
    """The operator changed the number of workers of a running backfill."""

    backfill_id: str
    workers: int
    was: int
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        text = f"backfill {self.backfill_id}: {self.workers} worker(s) from now on (was {self.was})"
        return LogLine("info", "backfill", text, {"backfill": self.backfill_id, "workers": self.workers})


@dataclass(frozen=True)
class BackfillPaused:
    """The operator paused (`paused`) or resumed a backfill; it holds between two batches."""

    backfill_id: str
    paused: bool
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        what = "paused by the operator" if self.paused else "resumed by the operator"
        return LogLine(
            "info", "backfill", f"backfill {self.backfill_id} {what}", {"backfill": self.backfill_id}
        )


@dataclass(frozen=True)
class BackfillBraking:
    """A brake holds the backfill's workers back (lock waits, latency, WAL rate, replica lag)."""

    backfill_id: str
    brake: str
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        text = f"backfill {self.backfill_id} braking: {self.brake}"
        return LogLine("info", "backfill", text, {"backfill": self.backfill_id})


@dataclass(frozen=True)
class BackfillLockWaits:
    """Sessions waited on a batch's row locks: batches now aim at `aim_ms`."""

    backfill_id: str
    waiters: int
    longest_wait_ms: float
    aim_ms: float
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        text = (
            f"{self.waiters} session(s) waited on a batch's locks"
            f" (longest {humanize.duration(self.longest_wait_ms / 1000)}); batches now aim at"
            f" {humanize.duration(self.aim_ms / 1000)}"
        )
        data = {
            "backfill": self.backfill_id, "waiters": self.waiters,
            "longest_wait_ms": round(self.longest_wait_ms, 1), "aim_ms": self.aim_ms,
        }  # fmt: skip
        return LogLine("info", "backfill", text, data)


@dataclass(frozen=True)
class BackfillBatchRetried:
    """A worker's batch failed and is tried again with fewer rows."""

    backfill_id: str
    worker: int
    rows: int
    error: str
    sqlstate: str | None
    retries: int
    batch_size: int
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        text = (
            f"worker {self.worker}: batch of {humanize.count(self.rows, 'rows')} failed ({self.error});"
            f" retrying with {humanize.count(self.batch_size, 'rows')}"
        )
        data = {
            "backfill": self.backfill_id, "worker": self.worker, "rows": self.rows, "sqlstate": self.sqlstate,
            "retries": self.retries, "batch_size": self.batch_size,
        }  # fmt: skip
        return LogLine("warning", "backfill", text, data)


@dataclass(frozen=True)
class BackfillDone:
    """A backfill walked its whole range (or stopped: the totals of this run of it)."""

    backfill_id: str
    table: str
    rows_done: int
    rows_updated: int
    batches: int
    workers: int
    duration_s: float
    max_batch_ms: float
    max_held_ms: float
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        text = (
            f"backfill of {self.table} done: {humanize.count(self.rows_done, 'rows')} walked,"
            f" {humanize.count(self.rows_updated)} updated, {humanize.count(self.batches, 'batches')} by"
            f" {self.workers} worker(s) in {humanize.duration(self.duration_s)}"
        )
        data = {
            "backfill": self.backfill_id, "rows_done": self.rows_done, "rows_updated": self.rows_updated,
            "batches": self.batches, "workers": self.workers, "duration_s": round(self.duration_s, 2),
            "max_batch_ms": round(self.max_batch_ms, 1), "max_held_ms": round(self.max_held_ms, 1),
        }  # fmt: skip
        return LogLine("info", "backfill", text, data)


BackfillEvent = (
    BackfillStarted
    | BackfillResumed
    | BackfillCrew
    | BackfillWorkersChanged
    | BackfillBatch
    | BackfillPaused
    | BackfillBraking
    | BackfillLockWaits
    | BackfillBatchRetried
    | BackfillDone
)
