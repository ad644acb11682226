"""The data a migration set is made of: versions, statements, directives, scripts, migrations.

Everything here is a frozen dataclass so the loader, the analyser, the planner and the executor can
share them freely.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Literal

from migwiz.engine.sets.versions import Version as Version
from migwiz.engine.sets.versions import parse_version

Phase = Literal["expand", "backfill", "contract"]
PHASES: tuple[Phase, ...] = ("expand", "backfill", "contract")


@dataclass(frozen=True, slots=True)
class Statement:
    """One SQL statement of a script, with the 1-based line (and column) in its file where it starts.

    Slotted: a seed file holds a million of them, and an instance dict would double their memory."""

    sql: str
    line: int
    column: int = 1
    """1-based column of the statement's first character on `line` (in characters)."""

    def locate(self, position: str | int | None) -> tuple[int, int | None]:
        """The file's (line, column) of PostgreSQL's 1-based error `position` in this statement's text;
        (line of the statement, None) when there is no position or it falls outside the text."""
        if isinstance(position, str):
            position = int(position) if position.isdigit() else None
        offset = position or 0
        if not 0 < offset <= len(self.sql) + 1:
            return self.line, None
        before = self.sql[: offset - 1]
        newlines = before.count("\n")
        column = len(before) - before.rfind("\n") if newlines else self.column + len(before)
        return self.line + newlines, column


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
    statements: Sequence[Statement]
    """A tuple; for a big file a `sets.streamed.StreamedStatements`, read from the file on demand."""
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
    spelling: str = ""
    """The file's own `version<sep>name` where the label must keep it (dbmate: `1_a`, `1-a`, `1a`)."""
    baseline: bool = False
    """A Flyway baseline migration (`B<version>__<name>.sql`): kept in `MigrationSet.baselines`."""

    @property
    def label(self) -> str:
        """`version_name`, as shown to operators (Prisma: the folder name, which holds both)."""
        if self.spelling:
            return self.spelling
        text = str(self.version)
        if not self.name or text == self.name or text.endswith(f"_{self.name}"):
            return text
        return f"{text}_{self.name}"


@dataclass(frozen=True)
class MigrationSet:
    """All migrations found in one folder, in the order their tool runs them."""

    root: Path
    layout: str
    migrations: tuple[Migration, ...]
    notices: tuple[str, ...] = ()
    """One line per entry of the folder that the layout's tool ignores (and migwiz with it)."""
    baselines: tuple[Migration, ...] = ()
    """Flyway baseline migrations (`B<version>__<name>.sql`), oldest first. The newest is in `migrations`
    in place of the versioned ones up to its version (`superseded`): the chain of an empty database."""
    superseded: tuple[Migration, ...] = ()
    """The versioned migrations up to the newest baseline migration's version (see `for_history`)."""

    def for_history(self, applied: Mapping[Version, str]) -> tuple[Migration, ...]:
        """The migrations that count on a database whose history holds `applied` (version -> checksum),
        as Flyway decides with baseline migrations (`ResolvedMigration.getState`): with no migration
        applied yet, the newest `B` file runs in place of every versioned migration up to its version
        (`migrations`); once a `B` file ran, the versioned ones up to it stay below that baseline; once
        versioned migrations ran without one, every `B` file is ignored. Without `B` files: `migrations`."""
        if not self.baselines:
            return self.migrations
        files = sorted(
            (*self.superseded, *(m for m in self.migrations if not m.baseline)), key=lambda m: m.version
        )
        by_version = {m.version: m for m in files}

        def ran(b: Migration) -> bool:  # a versioned twin with the same text: the versioned one ran
            twin = by_version.get(b.version)
            return b.version in applied and (
                twin is None or applied[b.version] == b.checksum != twin.checksum
            )

        ran_baselines = [b for b in self.baselines if ran(b)]
        if ran_baselines:
            base = ran_baselines[-1]
            return (base, *(m for m in files if m.version.repeatable or m.version > base.version))
        if any(not v.repeatable for v in applied):
            return tuple(files)
        return self.migrations

    def version(self, text: str) -> Version:
        """`text` (from migwiz's history, `--to`, an operator) as this set's layout reads it."""
        parsed = parse_version(self.layout, text)
        known = self._versions.get(parsed)  # dbmate orders by file name: the file's version knows it
        if known is None and self.layout == "prisma":  # `--to 20240101000000`: the folder it starts
            named = [v for v in self._versions if v.text.startswith(f"{text}_")]
            known = named[0] if len(named) == 1 else None
        return known if known is not None else parsed

    @cached_property
    def _versions(self) -> dict[Version, Version]:
        return {m.version: m.version for m in self.migrations}

    def by_version(self) -> dict[Version, Migration]:
        """Migrations keyed by version."""
        return {m.version: m for m in self.migrations}
