"""The data a migration set is made of: versions, statements, directives, scripts, migrations.

Everything here is a frozen dataclass so the loader, the analyser, the planner and the executor can
share them freely.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import total_ordering
from pathlib import Path
from typing import Literal

Phase = Literal["expand", "backfill", "contract"]
PHASES: tuple[Phase, ...] = ("expand", "backfill", "contract")

_VERSION_PART = re.compile(r"\d+")


@total_ordering
@dataclass(frozen=True)
class Version:
    """A migration version as written in its file name, ordered numerically part by part.

    >>> Version("1.2.10") > Version("1.2.9")
    True
    >>> Version("2019-02-26-002946") < Version("2019-02-27-000000")
    True
    >>> Version("20240101120000") > Version("9")
    True
    """

    text: str

    @property
    def key(self) -> tuple[int, ...]:
        """Numeric parts, trailing zero parts dropped (Flyway: 1.2 == 1.2.0)."""
        parts = [int(p) for p in _VERSION_PART.findall(self.text)]
        while len(parts) > 1 and parts[-1] == 0:
            parts.pop()
        return tuple(parts)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Version):
            return NotImplemented
        return self.key < other.key

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Version):
            return NotImplemented
        return self.key == other.key

    def __hash__(self) -> int:
        return hash(self.key)

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Statement:
    """One SQL statement of a script, with the 1-based line (and column) in its file where it starts."""

    sql: str
    line: int
    column: int = 1
    """1-based column of the statement's first character on `line` (in characters)."""


@dataclass(frozen=True)
class Ignore:
    """An inline `-- migwiz:ignore <rule> <reason>` suppression, applying to the next statement."""

    rule: str
    reason: str
    line: int


@dataclass(frozen=True)
class Directives:
    """Options set in a script's leading `-- migwiz:` comments (or dbmate's `transaction:false`)."""

    transaction: bool = True
    lock_timeout_ms: int | None = None
    statement_timeout_ms: int | None = None
    phase: Phase | None = None
    backfill: bool = False


@dataclass(frozen=True)
class Script:
    """The up or down half of a migration: its file, statements and directives."""

    path: Path
    statements: tuple[Statement, ...]
    directives: Directives = field(default_factory=Directives)
    ignores: tuple[Ignore, ...] = ()
    first_line: int = 1
    """Line in `path` where this script's text begins (dbmate keeps up and down in one file)."""


@dataclass(frozen=True)
class Migration:
    """A versioned change: an up script, an optional down script and the checksum of the up."""

    version: Version
    name: str
    up: Script
    down: Script | None
    checksum: str
    layout: str

    @property
    def label(self) -> str:
        """`version_name`, as shown to operators."""
        return f"{self.version}_{self.name}" if self.name else str(self.version)


@dataclass(frozen=True)
class MigrationSet:
    """All migrations found in one folder, ordered by version."""

    root: Path
    layout: str
    migrations: tuple[Migration, ...]

    def by_version(self) -> dict[Version, Migration]:
        """Migrations keyed by version."""
        return {m.version: m for m in self.migrations}
