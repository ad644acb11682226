"""What a Flyway repeatable migration was applied with: its statements, kept in `<schema>.meta`.

Flyway runs a repeatable migration again when its file changes; until `up` does, the database holds what
the earlier text made. The runner keeps the statements it ran (after placeholders) under
`applied_script:<version>`, beside the history row and in its transaction, so `drift` replays what was
applied. A row without them (applied by an older migwiz, or adopted from Flyway) falls back to the file.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import psycopg
from psycopg import sql

from migwiz.engine import queries
from migwiz.engine.history.state import state_exists
from migwiz.engine.sets.model import Migration, Statement

_PREFIX = "applied_script:"


@dataclasses.dataclass(frozen=True)
class AppliedScript:
    """The checksum of the file a repeatable migration was applied from, and the statements it ran."""

    checksum: str
    statements: tuple[Statement, ...]


def save(conn: psycopg.Connection[Any], schema: str, migration: Migration) -> None:
    """Keep the statements `migration` runs with (a Flyway repeatable migration; others need none)."""
    if not migration.version.repeatable:
        return
    value = {
        "checksum": migration.checksum,
        "statements": [[s.sql, s.line, s.column] for s in migration.up.statements],
    }
    query = sql.SQL(queries.load("applied_script_save")).format(meta=sql.Identifier(schema, "meta"))
    conn.execute(query, (_PREFIX + str(migration.version), json.dumps(value)))


def load(conn: psycopg.Connection[Any], schema: str) -> dict[str, AppliedScript]:
    """The kept scripts by version (nothing before migwiz's schema exists)."""
    if not state_exists(conn, schema):
        return {}
    query = sql.SQL(queries.load("applied_scripts")).format(meta=sql.Identifier(schema, "meta"))
    found = {}
    for key, value in conn.execute(query).fetchall():
        try:
            data = json.loads(str(value))
            statements = tuple(Statement(str(s), int(line), int(col)) for s, line, col in data["statements"])
            found[str(key).removeprefix(_PREFIX)] = AppliedScript(str(data["checksum"]), statements)
        except (ValueError, KeyError, TypeError):
            continue  # unreadable: the file is replayed, as for a row without one
    return found


def as_applied(migration: Migration, applied: AppliedScript) -> Migration:
    """`migration` with the statements and checksum it was applied with."""
    up = dataclasses.replace(migration.up, statements=applied.statements, ignores=())
    return dataclasses.replace(migration, up=up, checksum=applied.checksum)
