"""migwiz's own schema in the target database: history, runs and the central event log.

The schema is versioned by a row in `<schema>.meta`; `ensure_state` creates it on first use and applies
any newer state migrations, so later releases can change it safely.
"""

from __future__ import annotations

import getpass
import socket
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import psycopg
from psycopg import sql

from migwiz.engine import queries
from migwiz.engine.history.names import DEFAULT_SCHEMA as DEFAULT_SCHEMA  # its callers import it here
from migwiz.engine.servers.connect import permission_error, reading_refused

STATE_VERSION = 4
_STATE_SCRIPTS = {1: "state_v1", 2: "state_v2", 3: "state_v3", 4: "state_v4"}
_ADVISORY_STATE_KEY = 0x6D69677B  # serialises first-time creation (not the run lock, 0x6D69677A)


def os_identity() -> tuple[str, str]:
    """(OS user, host name) of this process, recorded with every run."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    return user, socket.gethostname()


def state_exists(conn: psycopg.Connection[Any], schema: str) -> bool:
    """Whether the migwiz schema has been created in this database."""
    row = conn.execute(queries.load("own_table_exists"), (schema, "meta")).fetchone()
    return bool(row and row[0])


def state_version(conn: psycopg.Connection[Any], schema: str) -> int:
    """The version of the migwiz schema present (0 when absent)."""
    if not state_exists(conn, schema):
        return 0
    row = conn.execute(
        sql.SQL("SELECT value FROM {}.meta WHERE key = 'state_version'").format(sql.Identifier(schema))
    ).fetchone()
    return int(row[0]) if row else 0


def ensure_state(conn: psycopg.Connection[Any], schema: str = DEFAULT_SCHEMA) -> None:
    """Create or upgrade the migwiz schema; idempotent and safe against concurrent first runs.

    `conn` must be in autocommit mode; the work happens in one transaction of its own.
    """
    if state_version(conn, schema) >= STATE_VERSION:
        return
    try:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", (_ADVISORY_STATE_KEY, schema))
            current = state_version(conn, schema)
            for version in range(current + 1, STATE_VERSION + 1):
                script = sql.SQL(queries.load(_STATE_SCRIPTS[version])).format(schema=sql.Identifier(schema))
                conn.execute(script)
                conn.execute(
                    sql.SQL(
                        "INSERT INTO {}.meta (key, value) VALUES ('state_version', %s)"
                        " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
                    ).format(sql.Identifier(schema)),
                    (str(version),),
                )
    except psycopg.errors.InsufficientPrivilege as exc:
        raise permission_error(exc, f"creating the {schema!r} schema") from None


@dataclass(frozen=True)
class HistoryRow:
    """One applied (or partly applied) migration as recorded in the target database."""

    version: str
    name: str
    checksum: str
    applied_at: datetime
    db_user: str
    os_user: str | None
    host: str | None
    duration_ms: float | None
    run_id: str | None
    success: bool
    statements_done: int
    statement_running: int | None
    reverting: bool
    phase: str | None


def read_history(conn: psycopg.Connection[Any], schema: str = DEFAULT_SCHEMA) -> list[HistoryRow]:
    """Every history row (empty when the migwiz schema does not exist yet)."""
    if not state_exists(conn, schema):
        return []
    query = sql.SQL(
        "SELECT version, name, checksum, applied_at, db_user, os_user, host, duration_ms, run_id::text,"
        " success, statements_done, statement_running, reverting, phase FROM {}.history"
    ).format(sql.Identifier(schema))
    try:
        rows = conn.execute(query).fetchall()
    except psycopg.errors.InsufficientPrivilege as exc:
        raise reading_refused(conn, exc, schema, "history", "reading migwiz's history") from None
    return [HistoryRow(*row) for row in rows]
