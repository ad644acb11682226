"""What the runner is doing right now, readable from another thread (`up --watch`, the wizard).

`CurrentStatement` is a frozen snapshot the runner replaces at every step; long-operation progress
(CREATE INDEX, CLUSTER, VACUUM, COPY) comes from the monitor, filtered to the executor's backend pid.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from migwiz.engine import humanize
from migwiz.engine.observe import Progress, Snapshot


@dataclass(frozen=True)
class CurrentStatement:
    """The statement the runner is executing (or waiting to execute)."""

    version: str
    label: str
    direction: str
    path: str
    line: int
    index: int
    """0-based index of the statement in its script."""
    total: int
    sql: str
    started_at: datetime
    backend_pid: int | None
    attempt: int = 1
    waiting: str | None = None
    """Why it has not started yet (waiting outside the lock queue, backing off), None when running."""
    estimate_ms: float | None = None
    """Expected duration from `plan` (up statements only; None when unknown)."""
    migration_number: int = 0
    """1-based position of its migration in this run (0: unknown)."""
    migrations: int = 0
    """How many migrations this run runs."""
    count: int = 1
    """How many statements are sent together (a batch of small data statements: more than one)."""
    last_line: int | None = None
    """The line of the last statement of a batch."""

    def elapsed_s(self, now: datetime | None = None) -> float:
        """Seconds since the statement (or its current attempt) started."""
        return ((now or datetime.now(UTC)) - self.started_at).total_seconds()

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "version": self.version,
            "label": self.label,
            "direction": self.direction,
            "path": self.path,
            "line": self.line,
            "statement": self.index + 1,
            "total": self.total,
            "started_at": self.started_at.isoformat(),
            "backend_pid": self.backend_pid,
            "attempt": self.attempt,
            "waiting": self.waiting,
            "estimate_ms": self.estimate_ms,
            "migration_number": self.migration_number,
            "migrations": self.migrations,
        }


def our_progress(snapshot: Snapshot, pid: int | None) -> tuple[Progress, ...]:
    """The long operations of the executor's backend in a monitor snapshot."""
    if pid is None:
        return ()
    return tuple(p for p in snapshot.progress if p.pid == pid)


def describe_current(current: CurrentStatement, now: datetime | None = None) -> str:
    """`0002_x statement 2/3 (0002_x.up.sql:5), 12.3 s` plus the estimate or what it waits for.

    >>> when = datetime(2024, 1, 1, tzinfo=UTC)
    >>> cur = CurrentStatement("2", "2_x", "up", "m/2_x.up.sql", 5, 1, 3, "SELECT 1", when, 42)
    >>> describe_current(cur, datetime(2024, 1, 1, 0, 0, 12, tzinfo=UTC))
    '2_x: statement 2/3 (2_x.up.sql:5), running 12 s'
    """
    name = current.path.rsplit("/", 1)[-1]
    text = f"{current.label}: statement {current.index + 1}/{current.total} ({name}:{current.line})"
    if current.waiting:
        return f"{text}, {current.waiting}"
    text += f", running {humanize.duration(current.elapsed_s(now))}"
    if current.estimate_ms is not None:
        text += f" of ~{humanize.duration(current.estimate_ms / 1000)}"
    if current.attempt > 1:
        text += f" (attempt {current.attempt})"
    return text
