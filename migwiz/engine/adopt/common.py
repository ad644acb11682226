"""Helpers shared by the per-tool readers: running their query and matching rows to migration files."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import psycopg
from psycopg import sql

from migwiz.engine import queries
from migwiz.engine.adopt.model import Applied, ForeignRow, ForeignSource, Resolution
from migwiz.engine.errors import MigrationFileError
from migwiz.engine.sets.files import read_migration_file
from migwiz.engine.sets.model import Migration, MigrationSet


def fetch(conn: psycopg.Connection[Any], query: str, source: ForeignSource) -> list[tuple[Any, ...]]:
    """Rows of `queries/<query>` with `{table}` replaced by the source's quoted schema and table."""
    text = queries.load_sql(query).format(table=sql.Identifier(source.schema, source.table))
    return conn.execute(text).fetchall()


def match_by_key(
    rows: Iterable[ForeignRow],
    mset: MigrationSet,
    key: Callable[[Migration], str],
    row_key: Callable[[ForeignRow], str],
    *,
    checksum: Callable[[Migration, ForeignRow], bool | None] = lambda m, r: None,
) -> Resolution:
    """Each successful row matched to the migration with the same key; rows without a file are unmatched."""
    by_key = {key(m): m for m in mset.migrations}
    applied: list[Applied] = []
    unmatched: list[ForeignRow] = []
    for row in rows:
        migration = by_key.get(row_key(row))
        if migration is None:
            unmatched.append(row)
        else:
            applied.append(Applied(migration, row, checksum_matches=checksum(migration, row)))
    applied.sort(key=lambda a: a.migration.version)
    return Resolution(tuple(applied), unmatched=tuple(unmatched))


def up_bytes(migration: Migration) -> bytes:
    """The bytes of the migration's up script file, as the tool checksums them (empty if unreadable)."""
    return up_text(migration).encode("utf-8")


def up_text(migration: Migration) -> str:
    """The text of the migration's up script as the tool saw it (dbmate: the whole file)."""
    try:
        return read_migration_file(migration.up.path)
    except MigrationFileError:
        return ""
