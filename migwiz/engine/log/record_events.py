"""The typed events of a run's own record (`eventlog.Run`): it started, its old events were pruned, it ended.

A leaf module (it imports only the log line), so that the central log's `Run`, which every
command that records a run opens, can write its lines from typed events as everything else does.
`migwiz watch` reads them back (run/log_notes.py, run/log_events.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from migwiz.engine.log.line import Level, LogLine


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class RunStarted:
    """A recorded run (`command`: up, down, adopt, backup-check, ...) started: who, where, which migwiz."""

    command: str
    os_user: str | None
    host: str | None
    version: str
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        data = {"os_user": self.os_user, "host": self.host, "version": self.version}
        return LogLine("info", "run", f"migwiz {self.command} started", data)


@dataclass(frozen=True)
class EventsPruned:
    """The log's retention removed `removed` events older than `retention_ms`."""

    removed: int
    retention_ms: int
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        text = f"removed {self.removed} events older than the retention period"
        return LogLine(
            "info", "retention", text, {"removed": self.removed, "retention_ms": self.retention_ms}
        )


@dataclass(frozen=True)
class RunEnded:
    """A recorded run ended with `outcome` (`note`: where it left things; `details`: its summary, as in
    `<schema>.runs`). Read back from the log, its line is also the stream's `RunFinished`."""

    command: str
    outcome: str
    note: str | None = None
    details: Mapping[str, Any] = field(default_factory=dict)
    at: datetime = field(default_factory=_now)

    @property
    def level(self) -> Level:
        """A run `stopped` at a safe point is a warning, not a success; anything else but success an error."""
        return "info" if self.outcome == "success" else "warning" if self.outcome == "stopped" else "error"

    def line(self) -> LogLine:
        """The central-log line."""
        note = f" ({self.note})" if self.note else ""
        text = f"migwiz {self.command} finished: {self.outcome}{note}"
        return LogLine(self.level, "run", text, {"outcome": self.outcome, **self.details})


RecordEvent = RunStarted | EventsPruned | RunEnded
"""The typed events of a run's record (part of `run.events.RunEvent`)."""
