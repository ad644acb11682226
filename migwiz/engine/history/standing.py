"""Where one migration stands, in one derivation every view shares.

`status`, `status --json`, `backfill status`, the wizard and the run's summary in the log all call
`derive` (or `backfill_standing`), so they tell the same story: applied, running (a backfill whose
session is alive), stopped at N % and resumable (a backfill stopped between two batches, or whose
session is gone), failed at statement k, or pending.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal, Protocol

import psycopg
from psycopg import sql

from migwiz.engine import humanize, queries

if TYPE_CHECKING:
    from migwiz.engine.history.state import HistoryRow
    from migwiz.engine.sets.model import Migration

StandingState = Literal[
    "applied", "pending", "running", "stopped", "failed", "checksum_mismatch", "missing_file"
]

_LIVE = ("starting", "running", "paused", "throttled")


@dataclass(frozen=True)
class Standing:
    """A migration's state as the operator reads it, with what to do next."""

    state: StandingState
    text: str = ""
    """One line in words ("" when the state says it all)."""
    percent: int | None = None
    """How far a backfill got, rounded down (never 100 before it is done)."""
    resumable: bool = False
    """`migwiz up` continues where it stopped (a backfill's checkpoint, a no-transaction statement)."""
    statement: int | None = None
    """1-based statement a partly applied migration failed or stopped at."""

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "state": self.state,
            "text": self.text,
            "percent": self.percent,
            "resumable": self.resumable,
            "statement": self.statement,
        }


class CheckpointFacts(Protocol):
    """What a standing reads of a backfill's checkpoint (`backfill.store.Checkpoint` has it; the backfill
    package reads them, `read_backfill_facts`, and depends on this module, not the other way round)."""

    @property
    def state(self) -> str:
        """starting, running, paused, throttled, stopped or done."""
        ...

    @property
    def rows_scanned(self) -> int:
        """Rows of the key range walked so far."""
        ...

    @property
    def total_estimate(self) -> int | None:
        """The planner's estimate of the range's rows when it started."""
        ...


@dataclass(frozen=True)
class BackfillFacts:
    """What the database says of a backfill: its checkpoint and whether its session is alive."""

    checkpoint: CheckpointFacts
    alive: bool


@dataclass(frozen=True)
class StopFact:
    """The central log's newest word on a part-applied migration: the run stopped it between two
    statements (a safe point), and the reason it gave."""

    statement: int
    """1-based statement that did not start (where `migwiz up` resumes)."""
    reason: str
    at: datetime


def percent_done(checkpoint: CheckpointFacts) -> int:
    """Rows walked against the estimate, rounded down; 100 only when the backfill is done.

    The estimate may be low: a backfill that is not done shows at most 99 %.
    """
    if checkpoint.state == "done":
        return 100
    total = checkpoint.total_estimate or 0
    if total <= 0:
        return 0
    return min(99, math.floor(100 * checkpoint.rows_scanned / total))


def backfill_standing(facts: BackfillFacts) -> Standing:
    """A backfill's standing from its checkpoint alone (`backfill status`)."""
    c = facts.checkpoint
    pct = percent_done(c)
    if c.state == "done":
        return Standing("applied", "backfill done", 100)
    if facts.alive and c.state in _LIVE:
        how = "paused" if c.state == "paused" else "running"
        return Standing("running", f"backfill {how} at {pct} %", pct, resumable=True)
    done, total = humanize.count(c.rows_scanned), humanize.count(c.total_estimate or 0, "rows")
    return Standing(
        "stopped",
        f"backfill stopped at {pct} % ({done} of ~{total}), resumable: "
        "`migwiz up` resumes it from its checkpoint",
        pct,
        resumable=True,
    )


def derive(
    state: str,
    history: HistoryRow | None,
    migration: Migration | None,
    backfill: BackfillFacts | None = None,
    detail: str | None = None,
    stop: StopFact | None = None,
) -> Standing:
    """The standing of one migration from its status (`compute_status`), history row, backfill facts and
    the log's last stop of it: part-applied by a stop at a safe point is `stopped`, by an error `failed`."""
    if state == "failed" and history is not None:
        if backfill is not None and not history.reverting and backfill.checkpoint.state != "done":
            return backfill_standing(backfill)
        running = history.statement_running
        statement = (running if running is not None else history.statements_done) + 1
        if stop is not None and running is None and stop.statement == statement:
            again = "down" if history.reverting else "up"
            return Standing(
                "stopped",
                f"stopped at a safe point before statement {statement} ({stop.reason}); "
                f"{detail + '; ' if detail else ''}`migwiz {again}` resumes it there",
                statement=statement,
                resumable=True,
            )
        return Standing("failed", detail or "", statement=statement, resumable=not history.reverting)
    if state in ("applied", "pending", "checksum_mismatch", "missing_file"):
        return Standing(state, detail or "")  # type: ignore[arg-type]
    return Standing("failed", detail or "")


def read_stop_facts(
    conn: psycopg.Connection[Any], schema: str, history: Iterable[HistoryRow]
) -> dict[str, StopFact]:
    """For each part-applied history row, the log's stop of it when that is the newest stop or failure
    the log holds for its version (empty when no row is part-applied)."""
    versions = [h.version for h in history if not h.success]
    if not versions:
        return {}
    query = queries.load_sql("status_last_stops").format(events=sql.Identifier(schema, "events"))
    facts: dict[str, StopFact] = {}
    for version, step, statement, reason, at in conn.execute(query, (versions,)).fetchall():
        if step == "stop" and statement is not None:
            facts[version] = StopFact(statement, reason or "a stop was requested", at)
    return facts
