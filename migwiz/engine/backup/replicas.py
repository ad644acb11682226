"""Standbys in `backup-check`: who streams from the server, through which slot, how far behind.

A standby is not a backup: it replays every change as it comes, a dropped table included. What it
changes in the verdict is said here: WAL that only reaches a replica protects nothing from a bad
migration, a standby far behind or not streaming is worth a warning, and a physical slot nobody
streams through is a standby that is down or disconnected.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import psycopg

from migwiz.engine import humanize, queries

REPLICA_LAG_WARN_S = 60.0
"""A standby whose replay is further behind than this (seconds) is a warning."""
REPLICA_LAG_WARN_BYTES = 1_000_000_000
"""... or than this much WAL."""
RECEIVERS = frozenset({"pg_receivewal", "pg_receivexlog", "barman_receive_wal"})
"""application_name of WAL receivers that store WAL rather than replay it (what a backup streams to)."""


@dataclass(frozen=True)
class ReplicaFacts:
    """One standby (or WAL receiver) streaming from the server; None where the role may not see it."""

    name: str
    client_addr: str | None
    state: str | None
    sync_state: str | None
    slot: str | None
    replay_lag_bytes: int | None
    replay_lag_s: float | None

    @property
    def stores_wal(self) -> bool:
        """A WAL receiver such as pg_receivewal (keeps WAL) rather than a standby (replays it)."""
        return self.name in RECEIVERS

    def lag_text(self) -> str:
        """`1.2 MB, 3.4 s behind` or `caught up`."""
        if self.replay_lag_bytes is None:
            return "lag not visible"
        if self.replay_lag_bytes == 0:
            return "caught up"
        seconds = f", {humanize.duration(self.replay_lag_s)}" if self.replay_lag_s is not None else ""
        return f"{humanize.size(self.replay_lag_bytes)}{seconds} behind"

    def summary(self) -> str:
        """`caught up, streaming async, slot s1, 127.0.0.1`: its lag first, then its state and where it is."""
        state = " ".join(p for p in (self.state, self.sync_state) if p)
        slot = f"slot {self.slot}" if self.slot else "no slot"
        return ", ".join(p for p in (self.lag_text(), state, slot, self.client_addr or "local") if p)

    def to_json(self) -> dict[str, Any]:
        """The `--json` form."""
        return {
            "name": self.name,
            "client_addr": self.client_addr,
            "state": self.state,
            "sync_state": self.sync_state,
            "slot": self.slot,
            "replay_lag_bytes": self.replay_lag_bytes,
            "replay_lag_s": self.replay_lag_s,
        }


def read_replicas(conn: psycopg.Connection[Any]) -> tuple[ReplicaFacts, ...]:
    """Every WAL sender of the server, with its slot and replay lag."""
    rows = conn.execute(queries.load_sql("backup_replicas")).fetchall()
    return tuple(
        ReplicaFacts(
            str(r[0] or ""),
            r[1],
            r[2],
            r[3],
            r[4],
            int(r[5]) if r[5] is not None else None,
            float(r[6]) if r[6] is not None else None,
        )
        for r in rows
    )


def replica_lag_warning(replica: ReplicaFacts) -> str | None:
    """The warning a standby's state or lag deserves, or None."""
    if replica.state is not None and replica.state != "streaming":
        return f"standby {replica.name} is in state {replica.state}, not streaming, so it is behind."
    lag_s, lag_b = replica.replay_lag_s, replica.replay_lag_bytes
    if (lag_s is not None and lag_s >= REPLICA_LAG_WARN_S) or (
        lag_b is not None and lag_b >= REPLICA_LAG_WARN_BYTES
    ):
        return (
            f"standby {replica.name} is {replica.lag_text()} in replay, "
            "so a failover during the migration would wait for it to catch up."
        )
    return None
