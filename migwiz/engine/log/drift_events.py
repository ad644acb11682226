"""`migwiz drift`'s typed events: how the expected schema was rebuilt (a cached snapshot read, or snapshots
restored and files replayed), each difference found, the count.

A leaf module (it imports only the log line): schema/drift.py writes its central-log lines from these
events, `migwiz watch` reads them back (run/log_notes.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from migwiz.engine.log.line import LogLine

SNAPSHOT_READ = "replay: the state after these files is cached: reading its snapshot"


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class DriftSnapshotRead:
    """The state after the applied files was saved before: drift reads its snapshot instead of replaying."""

    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        return LogLine("info", "drift", SNAPSHOT_READ)


@dataclass(frozen=True)
class DriftReplayed:
    """The expected schema was rebuilt: `restored` snapshots restored, `replayed` files run, `saved` new
    snapshots kept for the next time."""

    restored: int
    replayed: int
    saved: int
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        text = f"replay: {self.restored} snapshot(s) restored, {self.replayed} file(s) replayed"
        data = {"restored": self.restored, "saved": self.saved, "replayed": self.replayed}
        return LogLine("info", "drift", text, data)


@dataclass(frozen=True)
class DriftFound:
    """One difference between the database and its applied files (`sentence`: as the report says it)."""

    kind: str
    object_type: str
    name: str
    sentence: str
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        data = {"kind": self.kind, "object_type": self.object_type, "name": self.name}
        return LogLine("warning", "drift", self.sentence, data)


@dataclass(frozen=True)
class DriftCounted:
    """Drift's summary: `differences` found, `ignored` left out (drift_ignore, another tool's history)."""

    differences: int
    ignored: int
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        text = f"{self.differences} difference(s), {self.ignored} ignored"
        return LogLine("info", "drift", text, {"differences": self.differences})


DriftEvent = DriftSnapshotRead | DriftReplayed | DriftFound | DriftCounted
"""`drift`'s typed events (part of `run.events.RunEvent`)."""
