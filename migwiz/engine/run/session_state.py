"""The session state a migration may set (`SET ROLE`, `SET search_path`) and migwiz's own work beside it.

golang-migrate, dbmate, Diesel, sqlx and Prisma run a whole `up` on one session, so a migration's plain `SET`
reaches the next migration. migwiz's bookkeeping (its history rows, the history it reads between
migrations) runs on that same session, but as the session's own user with only `pg_catalog` on the path
(`bookkeeping`): `SET LOCAL` inside the migration's transaction, or a short transaction of its own between
statements, so what the migration set is exactly what the next migration sees. A shadow database that
replays a set saves that state with each snapshot (`save_state`, `restore_state`), so a replay resumed from
a snapshot goes on in the session the files left, as one `up` would.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg import sql
from psycopg.pq import TransactionStatus

from migwiz.engine import queries

_OWN = (
    "SELECT current_setting('role'), current_setting('search_path'),"
    " set_config('role', 'none', true), set_config('search_path', 'pg_catalog', true)"
)
_BACK = "SELECT set_config('role', %s, true), set_config('search_path', %s, true)"


@contextmanager
def bookkeeping(conn: psycopg.Connection[Any]) -> Iterator[None]:
    """Run migwiz's own queries as the session user with `search_path` = pg_catalog, leaving the role and
    search_path a migration set for the rest of the session untouched (both only `SET LOCAL`)."""
    if conn.info.transaction_status == TransactionStatus.IDLE:
        with conn.transaction():
            conn.execute(_OWN)
            yield
        return
    row = conn.execute(_OWN).fetchone()
    assert row is not None
    yield  # on an error the transaction (or its savepoint) is rolled back, and the SET LOCAL with it
    conn.execute(_BACK, (row[0], row[1]))


def save_state(conn: psycopg.Connection[Any], schema: str) -> None:
    """Keep the session's role and search_path in `<schema>.session_state` (a shadow database only)."""
    row = conn.execute("SELECT current_setting('role'), current_setting('search_path')").fetchone()
    assert row is not None
    table = sql.Identifier(schema, "session_state")
    with bookkeeping(conn):
        conn.execute(sql.SQL("CREATE TABLE IF NOT EXISTS {} (role text, search_path text)").format(table))
        conn.execute(sql.SQL("DELETE FROM {}").format(table))
        conn.execute(sql.SQL("INSERT INTO {} VALUES (%s, %s)").format(table), (row[0], row[1]))


def restore_state(conn: psycopg.Connection[Any], schema: str) -> None:
    """Set the role and search_path `save_state` kept in this database, if any."""
    table = sql.Identifier(schema, "session_state")
    with bookkeeping(conn):
        found = conn.execute(queries.load("own_table_exists"), (schema, "session_state")).fetchone()
        row = (
            conn.execute(sql.SQL("SELECT role, search_path FROM {}").format(table)).fetchone()
            if found and found[0]
            else None
        )
    if row is not None:
        conn.execute(
            "SELECT set_config('search_path', %s, false), set_config('role', %s, false)", (row[1], row[0])
        )
