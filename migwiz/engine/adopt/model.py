"""What the history tables of other migration tools say, in one shape for every tool."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from migwiz.engine.sets.model import Migration


@dataclass(frozen=True)
class ForeignSource:
    """Where a tool keeps its history: the tool's name and its (schema, table)."""

    tool: str
    schema: str
    table: str

    @property
    def qualified(self) -> str:
        """`schema.table` as shown to operators."""
        return f"{self.schema}.{self.table}"


@dataclass(frozen=True)
class ForeignRow:
    """One row of another tool's history, as that tool wrote it.

    `version` is the tool's version text (None for a sqitch change or a Flyway repeatable, which are
    known by `name`); `checksum` is the tool's own checksum when it keeps one (Flyway CRC32, sqitch SHA-1).
    """

    tool: str
    version: str | None
    name: str | None
    applied_at: datetime | None
    applied_by: str | None
    success: bool = True
    kind: str = "applied"
    checksum: str | None = None
    duration_ms: float | None = None
    project: str | None = None

    @property
    def label(self) -> str:
        """How the tool itself would name this row."""
        if self.version and self.name:
            return f"{self.version} ({self.name})"
        return self.version or self.name or "?"

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "tool": self.tool,
            "version": self.version,
            "name": self.name,
            "applied_at": self.applied_at.isoformat() if self.applied_at else None,
            "applied_by": self.applied_by,
            "success": self.success,
            "kind": self.kind,
            "checksum": self.checksum,
        }


@dataclass(frozen=True)
class Applied:
    """A migration file that the foreign history says is applied, with the row that says so."""

    migration: Migration
    row: ForeignRow
    note: str | None = None
    checksum_matches: bool | None = None
    """Whether the tool's own checksum matches the file today (None: the tool keeps none, or cannot tell)."""


@dataclass(frozen=True)
class Blocked:
    """A row that stops adoption (dirty, failed), with the reason and how to fix it in that tool."""

    row: ForeignRow
    migration: Migration | None
    reason: str


@dataclass(frozen=True)
class Resolution:
    """The foreign history joined with the migration files."""

    applied: tuple[Applied, ...]
    blocked: tuple[Blocked, ...] = ()
    unmatched: tuple[ForeignRow, ...] = ()
    """Applied according to the tool, but no migration file has that version (or name)."""
    notes: tuple[str, ...] = ()
