"""The dry run's own typed events (`migwiz dry-run`), besides those of the run it makes on the shadow:
the shadow it copied the schema into, the rows it sampled, its verdict.

Each event says what its central-log line is (`line()`); the dry run writes them through the run's log
writer (run/log_writer.py) and `migwiz watch` reads them back (run/log_notes.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from migwiz.engine.log.line import LogLine


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class DryRunShadow:
    """The dry run copies the target's schema (`source`, secret-free) into its shadow database."""

    shadow: str
    source: str
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        return LogLine(
            "info", "dry-run", f"shadow database {self.shadow}: copying the schema of {self.source}"
        )


@dataclass(frozen=True)
class DryRunSampled:
    """Rows copied into the shadow, per table, at most `limit` each."""

    limit: int
    sampled: Mapping[str, int]
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        text = f"sampled up to {self.limit} rows of {len(self.sampled)} table(s)"
        return LogLine("info", "dry-run", text, {"sampled": dict(self.sampled)})


@dataclass(frozen=True)
class DryRunVerdict:
    """What the dry run found: every statement ran (`statements` of them), or the first that would fail."""

    statements: int
    file: str | None = None
    sqlstate: str | None = None
    error: str | None = None
    version: str | None = None
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        if self.file is None:
            return LogLine("info", "dry-run", f"{self.statements} statement(s) would run without error")
        text = f"would fail: {self.file}: {self.sqlstate} {self.error}"
        return LogLine("error", "dry-run", text, {"version": self.version})


DryRunEvent = DryRunShadow | DryRunSampled | DryRunVerdict
