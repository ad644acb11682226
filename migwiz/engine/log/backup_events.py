"""`migwiz backup-check`'s typed events: the point-in-time-recovery verdict, the dump it takes, its notes,
the pg_dump it used, the verified file.

A leaf module (it imports only the log line and humanize): backup/dump.py writes its central-log lines
from these events, `migwiz watch` reads them back (run/log_notes.py). An error that ends the check is the
run's `RunErrored` with step `dump`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from migwiz.engine import humanize
from migwiz.engine.log.line import LogLine


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class PitrChecked:
    """The point-in-time-recovery verdict, with its reasons."""

    verdict: str
    reasons: tuple[str, ...] = ()
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        data = {"verdict": self.verdict, "reasons": list(self.reasons)}
        return LogLine("info", "check", f"point-in-time recovery: {self.verdict}", data)


@dataclass(frozen=True)
class DumpStarted:
    """The dump starts (`what`: the whole database, or the tables pending migrations touch)."""

    what: str
    mode: str
    tables: tuple[str, ...]
    migrations: tuple[str, ...]
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        data = {"mode": self.mode, "tables": list(self.tables), "migrations": list(self.migrations)}
        return LogLine("info", "dump", f"dumping {self.what}", data)


@dataclass(frozen=True)
class DumpNoted:
    """Something the dump's plan says the operator should know (a table it cannot take, ...)."""

    note: str
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        return LogLine("warning", "dump", self.note)


@dataclass(frozen=True)
class DumpToolNewer:
    """No pg_dump of the server's major here: a newer one was used (`used`: which)."""

    server_major: int
    used: str
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        text = f"no pg_dump {self.server_major} here: used the newer {self.used}"
        return LogLine("warning", "dump", text, {"server_major": self.server_major})


@dataclass(frozen=True)
class DumpVerified:
    """The dump was taken and verified: its file, size, sha256, tables and the pg_dump that made it."""

    file: str
    name: str
    size: int
    sha256: str
    tables: tuple[str, ...]
    pg_dump: str
    pg_dump_version: str
    toc_entries: int
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        data = {
            "file": self.file, "size": self.size, "sha256": self.sha256, "tables": list(self.tables),
            "pg_dump": self.pg_dump, "pg_dump_version": self.pg_dump_version, "toc_entries": self.toc_entries,
        }  # fmt: skip
        return LogLine("info", "dump", f"dump verified: {self.name}, {humanize.size(self.size)}", data)


BackupEvent = PitrChecked | DumpStarted | DumpNoted | DumpToolNewer | DumpVerified
"""`backup-check`'s typed events (part of `run.events.RunEvent`)."""
