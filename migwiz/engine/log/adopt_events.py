"""`migwiz adopt`'s typed events: where it reads the other tool's history, each migration it records as
applied, a file that differs from what the tool ran, its notes, its summary.

A leaf module (it imports only the log line): adopt/importer.py writes its central-log lines from these
events, `migwiz watch` reads them back (run/log_notes.py). An error that ends the adoption is the run's
`RunErrored` with step `adopt`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from migwiz.engine.log.line import LogLine


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class AdoptStarted:
    """The adoption reads `tool`'s history from `table` (read only)."""

    tool: str
    table: str
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        text = f"adopting {self.tool}'s history from {self.table} (read only)"
        return LogLine("info", "adopt", text, {"tool": self.tool, "table": self.table})


@dataclass(frozen=True)
class MigrationAdopted:
    """A migration the tool applied is recorded as applied in migwiz's history (`how`: per which row)."""

    version: str
    label: str
    how: str
    tool_row: Mapping[str, Any]
    checksum: str
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        data = {"version": self.version, "tool_row": dict(self.tool_row), "checksum": self.checksum}
        return LogLine("info", "adopt", f"{self.label}: recorded as applied ({self.how})", data)


@dataclass(frozen=True)
class AdoptedFileDiffers:
    """An adopted migration's file is not what the tool ran (its checksum differs)."""

    version: str
    label: str
    tool: str
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        text = f"{self.label}: the file differs from what {self.tool} ran (its checksum)"
        return LogLine("warning", "adopt", text, {"version": self.version})


@dataclass(frozen=True)
class AdoptNoted:
    """Something the adoption noticed about the tool's history (a note of its resolution)."""

    note: str
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        return LogLine("info", "adopt", self.note)


@dataclass(frozen=True)
class AdoptDone:
    """The adoption's summary: what it recorded, what was there already, what is pending."""

    tool: str
    table: str
    adopted: tuple[str, ...]
    already: int
    pending: int
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        text = (
            f"adopted {len(self.adopted)} migration(s) from {self.tool}; {self.already} already recorded,"
            f" {self.pending} pending; {self.table} left untouched"
        )
        return LogLine(
            "info", "adopt", text, {"tool": self.tool, "table": self.table, "adopted": list(self.adopted)}
        )


AdoptEvent = AdoptStarted | MigrationAdopted | AdoptedFileDiffers | AdoptNoted | AdoptDone
"""`adopt`'s typed events (part of `run.events.RunEvent`)."""
