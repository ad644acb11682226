"""migwiz's read-only sessions on a target (target, plan, drift, verify, the wizard's history): every wait
for a lock is bounded, and giving up says which relation was held and by whom, in one line.

A reader only takes ACCESS SHARE locks, which only ACCESS EXCLUSIVE blocks: a migration (or anyone)
holding one on a table migwiz reads (or on migwiz's own history) would otherwise make the read wait forever.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.rows import dict_row

from migwiz.engine import queries
from migwiz.engine.errors import ReadLockTimeout
from migwiz.engine.run.session_limits import BOOKKEEPING_LOCK_TIMEOUT_MS, limit_bookkeeping
from migwiz.engine.servers.connect import connect

READ_LOCK_TIMEOUT_MS = BOOKKEEPING_LOCK_TIMEOUT_MS
"""lock_timeout of every read-only session: the same bound as the bookkeeping sessions'."""


@contextmanager
def reading(dsn: str, *, purpose: str, doing: str | None = None) -> Iterator[psycopg.Connection[Any]]:
    """An autocommit connection whose lock waits end after `READ_LOCK_TIMEOUT_MS`; a wait that ends raises
    `ReadLockTimeout` naming the relation and its holder (`doing`, default `purpose`, says what was read)."""
    with connect(dsn, autocommit=True, purpose=purpose) as conn:
        limit_bookkeeping(conn)
        try:
            yield conn
        except psycopg.errors.LockNotAvailable:
            raise lock_wait_error(conn, doing or purpose) from None


def lock_wait_error(conn: psycopg.Connection[Any], doing: str) -> ReadLockTimeout:
    """The error for a read whose lock_timeout fired: who holds ACCESS EXCLUSIVE (read on `conn`)."""
    with conn.cursor(row_factory=dict_row) as cur:
        rows = cur.execute(queries.load("reader_lock_holders")).fetchall()
    held = [_holder(row) for row in rows]
    where = "; ".join(held) if held else "a relation (its holder is gone)"
    return ReadLockTimeout(
        f"{doing}: waited {READ_LOCK_TIMEOUT_MS // 1000} s for a lock on {where}; gave up",
        "that session must commit or roll back first (or stop it with pg_terminate_backend), then run again",
    )


def _holder(row: dict[str, Any]) -> str:
    if row["pid"] is None:
        who = "a prepared transaction (see pg_prepared_xacts)"
    else:
        state = row["state"] or "no state"
        age = f" for {round(row['xact_age_s'])} s" if row["xact_age_s"] is not None else ""
        who = f"pid {row['pid']} ({row['application_name'] or 'no name'}, {state}{age})"
    verb = "held" if row["granted"] else "queued for"
    return f"{row['relation']} {verb} ACCESS EXCLUSIVE by {who}"
