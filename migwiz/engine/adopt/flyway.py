"""Flyway: `flyway_schema_history`, one row per attempt (installed_rank, version, type, checksum, success...).

Rows are replayed in installation order: a successful versioned row applies its version, an undo or a
`DELETE` row (written by `flyway repair`) takes it back, a `BASELINE` row counts every file at or below
it as applied, and a failed row blocks adoption until `flyway repair`. Java and script migrations
(`JDBC`, `SPRING_JDBC`, `SCRIPT` rows) have no SQL file: they are noted, not matched. A repeatable
migration's rows (no version) are matched by description to its `R__` file: applied when Flyway's last
successful run has the file's checksum; otherwise left pending, so `up` runs it again as Flyway would.
"""

from __future__ import annotations

import binascii
import re
from typing import Any

import psycopg

from migwiz.engine.adopt.common import fetch, up_text
from migwiz.engine.adopt.model import Applied, Blocked, ForeignRow, ForeignSource, Resolution
from migwiz.engine.sets.model import Migration, MigrationSet, Version

TOOL = "flyway"
TABLES = ("flyway_schema_history",)
_UNDO = ("UNDO_SQL", "UNDO_JDBC", "UNDO_SCRIPT", "DELETE")
_IGNORED = ("SCHEMA", "TABLE")
_CODE = ("JDBC", "SPRING_JDBC", "SCRIPT", "CUSTOM")  # Java or script migrations: no SQL file to match
_BASELINE_MIGRATION = (
    "SQL_BASELINE",
    "SQL_STATE_SCRIPT",
)  # a `B<version>__x.sql` file ran (and its legacy name)
_LINES = re.compile(r"\r\n|\r|\n")


def recognises(table: str, columns: set[str]) -> bool:
    """A table with Flyway's columns (its name is configurable, so columns decide)."""
    return {"installed_rank", "version", "type", "script", "checksum", "success"} <= columns


def checksum(text: str) -> int:
    """Flyway's checksum of a SQL script: CRC32 of its UTF-8 lines without line ends, as a signed int.

    >>> checksum("SELECT 1;\\n") == checksum("SELECT 1;\\r\\n") == checksum("\\ufeffSELECT 1;")
    True
    """
    value = 0
    for line in _LINES.split(text.removeprefix("\ufeff")):
        value = binascii.crc32(line.encode("utf-8"), value)
    return value - (1 << 32) if value >= (1 << 31) else value


def read(conn: psycopg.Connection[Any], source: ForeignSource) -> list[ForeignRow]:
    """Every row, in installation order."""
    rows = []
    for _rank, version, description, kind, script, crc, by, at, ms, ok in fetch(conn, "adopt_flyway", source):
        rows.append(
            ForeignRow(
                TOOL, version, description or script, at, by, success=bool(ok), kind=kind,
                checksum=None if crc is None else str(crc), duration_ms=None if ms is None else float(ms),
            )
        )  # fmt: skip
    return rows


def _checksum_matches(migration: Migration, row: ForeignRow) -> bool | None:
    if row.checksum is None:
        return None
    return checksum(up_text(migration)) == int(row.checksum)


def resolve(rows: list[ForeignRow], mset: MigrationSet) -> Resolution:
    """Replay the rows in installation order and match the versions left applied to the files."""
    current: dict[Version, ForeignRow] = {}
    failed: dict[Version, ForeignRow] = {}
    baseline: ForeignRow | None = None
    notes: list[str] = []
    repeatables: dict[str, ForeignRow] = {}
    for row in rows:
        if row.kind in _IGNORED:
            continue
        if row.version is None:
            if row.success and row.name is not None:
                repeatables[row.name] = row  # the last successful run of each counts
            continue
        version = mset.version(row.version)
        if row.kind == "BASELINE":
            baseline = row
        elif row.kind in _UNDO:
            current.pop(version, None)
            failed.pop(version, None)
        elif row.success:
            current[version] = row
            failed.pop(version, None)
        else:
            failed[version] = row
    by_version = {m.version: m for m in mset.for_history(_chain_history(mset, current))}
    applied = [
        Applied(by_version[v], row, checksum_matches=_checksum_matches(by_version[v], row))
        for v, row in current.items()
        if v in by_version
    ]
    unmatched = [row for v, row in current.items() if v not in by_version and row.kind not in _CODE]
    notes.extend(
        f"Flyway {row.kind} migration {v} ({row.name}) is code, not a SQL file: Flyway ran it, migwiz has"
        " nothing to adopt for it"
        for v, row in current.items()
        if v not in by_version and row.kind in _CODE
    )
    if baseline is not None:
        assert baseline.version is not None
        line = mset.version(baseline.version)
        below = [m for m in by_version.values() if m.version <= line and m.version not in current]
        applied.extend(Applied(m, baseline, note=f"at or below the Flyway baseline {line}") for m in below)
    applied.extend(_repeatables(repeatables, mset, notes))
    blocked = [
        Blocked(row, by_version.get(v), f"Flyway recorded version {v} as failed (run `flyway repair` first)")
        for v, row in failed.items()
    ]
    applied.sort(key=lambda a: a.migration.version)
    return Resolution(tuple(applied), tuple(blocked), tuple(unmatched), tuple(notes))


def _chain_history(mset: MigrationSet, current: dict[Version, ForeignRow]) -> dict[Version, str]:
    """The applied versions as `MigrationSet.for_history` reads them: a baseline migration's row (by its
    type) with that file's checksum, so the versioned files up to it stay below it; others without one."""
    baselines = {b.version: b.checksum for b in mset.baselines}
    return {v: baselines.get(v, "") if row.kind in _BASELINE_MIGRATION else "" for v, row in current.items()}


def _repeatables(rows: dict[str, ForeignRow], mset: MigrationSet, notes: list[str]) -> list[Applied]:
    """The `R__` files whose last successful Flyway run had their checksum (Flyway's description: the name
    after `R__` with `_` read as a space)."""
    applied = []
    for migration in mset.migrations:
        if not migration.version.repeatable:
            continue
        row = rows.pop(migration.name.replace("_", " "), None)
        if row is None:
            continue
        if _checksum_matches(migration, row) is False:
            notes.append(
                f"Flyway repeatable migration {migration.up.path.name} changed since Flyway last ran it:"
                " not adopted, `up` runs it again (as Flyway would)"
            )
            continue
        applied.append(Applied(migration, row, note="Flyway repeatable migration", checksum_matches=True))
    notes.extend(
        f"Flyway repeatable migration {name!r} has no R__ file in {mset.root}: not adopted" for name in rows
    )
    return applied
