"""What one monitor sample saw: frozen dataclasses of plain values, safe to hand to any thread or UI."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from migwiz.engine import humanize

IDLE_IN_TRANSACTION = frozenset({"idle in transaction", "idle in transaction (aborted)"})
QUERY_WIDTH = 120
_SPACES = re.compile(r"\s+")


def one_line(query: str | None, width: int = QUERY_WIDTH) -> str:
    """A query shortened to one line of at most `width` characters.

    >>> one_line("SELECT *\\n  FROM t\\n WHERE a = 1")
    'SELECT * FROM t WHERE a = 1'
    >>> one_line("SELECT " + "x, " * 50, width=20)
    'SELECT x, x, x, x,…'
    """
    text = _SPACES.sub(" ", query or "").strip()
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


@dataclass(frozen=True)
class SessionInfo:
    """One server session: ours, or a long transaction."""

    pid: int
    application_name: str
    user: str | None
    state: str | None  # "active", "idle in transaction", ... (None when the role may not see it)
    backend_type: str | None
    wait_event: str | None  # "Lock:relation", "IO:DataFileRead", ...
    xact_age_s: float | None
    query_age_s: float | None
    state_age_s: float | None
    query: str  # one line
    ours: bool

    @property
    def idle_in_transaction(self) -> bool:
        """The session holds a transaction open and does nothing."""
        return self.state in IDLE_IN_TRANSACTION


@dataclass(frozen=True)
class LockWait:
    """A node of the lock tree: a session, the lock it waits for (if any) and who waits behind it.

    Roots hold what others wait for and wait for no lock themselves (`mode` is None). A session blocked by
    several others sits under the one deepest in the queue; `blocked_by` lists all of them.
    """

    pid: int  # 0 is a prepared transaction
    application_name: str
    user: str | None
    state: str | None
    wait_s: float | None  # since the wait started (PostgreSQL 14+) or the state changed
    xact_age_s: float | None
    mode: str | None  # lock mode waited for, e.g. "AccessExclusiveLock"
    locktype: str | None  # "relation", "transactionid", "tuple", "advisory", ...
    relation: str | None  # schema-qualified, when the lock is on a relation
    query: str  # one line
    ours: bool
    blocked_by: tuple[int, ...] = ()
    children: tuple[LockWait, ...] = ()
    wait_event: str | None = None  # "Lock:relation", "Client:ClientRead", ... (None when idle or unseen)

    def walk(self, depth: int = 0) -> Iterator[tuple[int, LockWait]]:
        """This node and every node below it, depth first, with their depth."""
        yield depth, self
        for child in self.children:
            yield from child.walk(depth + 1)

    @property
    def queued(self) -> int:
        """How many sessions wait behind this one, directly or not."""
        return sum(1 for _ in self.walk()) - 1


@dataclass(frozen=True)
class Progress:
    """A long operation reported by a pg_stat_progress_* view."""

    pid: int
    operation: str  # "CREATE INDEX CONCURRENTLY", "VACUUM", "CLUSTER", "VACUUM FULL", "COPY FROM", "ANALYZE"
    phase: str
    relation: str | None
    index: str | None
    done: int | None
    total: int | None
    unit: str  # "blocks", "tuples", "bytes", "lockers", "indexes", "tables", "partitions"
    percent: float | None  # when a total is known
    waiting_for: int | None  # pid a CREATE INDEX CONCURRENTLY waits for
    elapsed_s: float | None
    ours: bool


@dataclass(frozen=True)
class ReplicaLag:
    """One WAL sender of pg_stat_replication. Lags are None when unknown or hidden from the role."""

    pid: int
    application_name: str
    client_addr: str | None
    state: str | None
    sync_state: str | None
    replay_lag_bytes: int | None
    replay_lag_s: float | None
    write_lag_s: float | None
    flush_lag_s: float | None

    def lag_text(self) -> str:
        """`27.7 MB, 1.6 s behind`, `caught up`, or `lag not visible` (a role without pg_read_all_stats).

        >>> ReplicaLag(1, "s1", None, "streaming", "async", 0, 0.0, 0.0, 0.0).lag_text()
        'caught up'
        >>> ReplicaLag(1, "s1", None, "streaming", "async", 27_700_000, 1.6, 0.0, 0.0).lag_text()
        '27.7 MB, 1.6 s behind'
        """
        if self.replay_lag_bytes is None:
            return "lag not visible"
        if self.replay_lag_bytes == 0:
            return "caught up"
        seconds = f", {humanize.duration(self.replay_lag_s)}" if self.replay_lag_s is not None else ""
        return f"{humanize.size(self.replay_lag_bytes)}{seconds} behind"


@dataclass(frozen=True)
class Snapshot:
    """Everything one `Monitor.sample()` saw.

    `notices` are new this sample (a feature switched off, a query that timed out); `disabled` names the
    features switched off for the monitor's life.
    """

    taken_at: datetime  # server clock
    server_version: int  # server_version_num
    lock_tree: tuple[LockWait, ...]
    ours: tuple[SessionInfo, ...]
    progress: tuple[Progress, ...]
    replication: tuple[ReplicaLag, ...]
    long_transactions: tuple[SessionInfo, ...]
    notices: tuple[str, ...] = ()
    disabled: tuple[str, ...] = ()
    sample_ms: float = 0.0  # what the sample cost, as seen by the client

    @property
    def replicas_text(self) -> str:
        """`standby walreceiver 27.7 MB, 1.6 s behind`, one per standby; empty without standbys."""
        return " · ".join(f"standby {r.application_name or r.pid} {r.lag_text()}" for r in self.replication)

    @property
    def waiting(self) -> int:
        """How many sessions wait for a lock in the tree."""
        return sum(1 for root in self.lock_tree for _, node in root.walk() if node.mode is not None)
