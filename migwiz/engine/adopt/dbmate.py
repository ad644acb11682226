"""dbmate: `schema_migrations(version varchar)`, one row per applied version, no timestamps."""

from __future__ import annotations

from typing import Any

import psycopg

from migwiz.engine.adopt.common import fetch, match_by_key
from migwiz.engine.adopt.model import ForeignRow, ForeignSource, Resolution
from migwiz.engine.sets.model import MigrationSet

TOOL = "dbmate"
TABLES = ("schema_migrations",)


def recognises(table: str, columns: set[str]) -> bool:
    """A `schema_migrations` table with a `version` column and no `dirty` column."""
    return table in TABLES and "version" in columns and "dirty" not in columns


def read(conn: psycopg.Connection[Any], source: ForeignSource) -> list[ForeignRow]:
    """One row per applied version."""
    return [ForeignRow(TOOL, v, None, None, None) for (v,) in fetch(conn, "adopt_dbmate", source)]


def resolve(rows: list[ForeignRow], mset: MigrationSet) -> Resolution:
    """Rows matched to files by version as written (dbmate compares the digits as text: `1` is not `001`)."""
    return match_by_key(rows, mset, lambda m: m.version.text, lambda r: r.version or "")
