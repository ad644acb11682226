"""golang-migrate: `schema_migrations(version bigint, dirty boolean)` holding one row, the current version.

Every migration at or below that version counts as applied; a dirty version failed half-way and must be
settled with `migrate force` before it can be adopted.
"""

from __future__ import annotations

from typing import Any

import psycopg

from migwiz.engine.adopt.common import fetch
from migwiz.engine.adopt.model import Applied, Blocked, ForeignRow, ForeignSource, Resolution
from migwiz.engine.sets.model import MigrationSet

TOOL = "golang-migrate"
TABLES = ("schema_migrations",)


def recognises(table: str, columns: set[str]) -> bool:
    """A `schema_migrations` table with a `dirty` column."""
    return table in TABLES and {"version", "dirty"} <= columns


def read(conn: psycopg.Connection[Any], source: ForeignSource) -> list[ForeignRow]:
    """The current-version row (none when nothing was ever applied)."""
    return [
        ForeignRow(
            TOOL, str(version), None, None, None, success=not dirty, kind="dirty" if dirty else "current"
        )
        for version, dirty in fetch(conn, "adopt_golang_migrate", source)
    ]


def resolve(rows: list[ForeignRow], mset: MigrationSet) -> Resolution:
    """Every file at or below the current version is applied; the current one is blocked when dirty."""
    if not rows:
        return Resolution((), notes=("golang-migrate's table is empty: nothing was applied",))
    if len(rows) > 1:
        return Resolution(
            (),
            blocked=tuple(
                Blocked(r, None, f"golang-migrate's table holds {len(rows)} rows instead of one")
                for r in rows
            ),
        )
    row = rows[0]
    assert row.version is not None
    if int(row.version) < 0:
        return Resolution((), blocked=(Blocked(row, None, "golang-migrate recorded a dirty nil version"),))
    current = mset.version(row.version)
    by_version = mset.by_version()
    applied: list[Applied] = []
    blocked: list[Blocked] = []
    for migration in mset.migrations:
        if migration.version < current:
            applied.append(Applied(migration, row, note=f"below golang-migrate's version {current}"))
        elif migration.version == current and row.success:
            applied.append(Applied(migration, row, note="golang-migrate's current version"))
        elif migration.version == current:
            blocked.append(
                Blocked(
                    row,
                    migration,
                    f"golang-migrate marks version {current} dirty: it failed part-way",
                )
            )
    unmatched = () if current in by_version else (row,)
    return Resolution(tuple(applied), tuple(blocked), unmatched)
