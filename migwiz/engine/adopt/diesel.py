"""Diesel: `__diesel_schema_migrations(version varchar(50), run_on timestamp)`, one row per migration.

Diesel's version is the folder name's prefix with its dashes removed (`2024-01-02-030405` is stored as
`20240102030405`, `2024-01-02-030405-0000` as `202401020304050000`), so files are matched on that.
"""

from __future__ import annotations

from typing import Any

import psycopg

from migwiz.engine.adopt.common import fetch, match_by_key
from migwiz.engine.adopt.model import ForeignRow, ForeignSource, Resolution
from migwiz.engine.sets.model import MigrationSet

TOOL = "diesel"
TABLES = ("__diesel_schema_migrations",)


def recognises(table: str, columns: set[str]) -> bool:
    """Diesel's own table name with its `version` column."""
    return table in TABLES and "version" in columns


def read(conn: psycopg.Connection[Any], source: ForeignSource) -> list[ForeignRow]:
    """One row per applied migration, with when it ran."""
    return [ForeignRow(TOOL, v, None, at, None) for v, at in fetch(conn, "adopt_diesel", source)]


def stored(text: str) -> str:
    """The version as Diesel stores it (`version_from_string`: the dashes removed).

    >>> stored("2024-01-02-030405")
    '20240102030405'
    """
    return text.replace("-", "")


def resolve(rows: list[ForeignRow], mset: MigrationSet) -> Resolution:
    """Rows matched to files by their version as Diesel stores it."""
    return match_by_key(rows, mset, lambda m: stored(m.version.text), lambda r: stored(r.version or ""))
