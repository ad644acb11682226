"""Limits on migwiz's own sessions, so that nothing migwiz does can wait forever.

- Every connection (`connect`) has TCP keepalives and a TCP user timeout: a peer gone silent (a network
  black hole) is noticed by the client within about half a minute instead of never.
- The executor's session also tells the server to give up on a silent client: server-side keepalives, and
  `idle_in_transaction_session_timeout` (`IDLE_IN_TRANSACTION_MS`, 15 s), which ends a migration
  transaction whose client stopped talking, so its locks (ACCESS EXCLUSIVE, often) are released and the
  application runs again.
- Bookkeeping and status sessions have a lock_timeout: a migration (or anyone) holding migwiz's own
  tables makes them fail with a clear line instead of hanging.
"""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg import sql

from migwiz.engine import queries
from migwiz.engine.errors import OwnTablesLocked

KEEPALIVE_PARAMS: dict[str, int] = {
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 5,
    "keepalives_count": 3,
    "tcp_user_timeout": 30_000,
}
"""libpq parameters of every connection (a DSN that sets one keeps its own value)."""

BOOKKEEPING_LOCK_TIMEOUT_MS = 5_000
"""lock_timeout of migwiz's bookkeeping and status sessions: a locked history is an error, not a hang."""
STATUS_STATEMENT_TIMEOUT_MS = 30_000
"""statement_timeout of the read-only status session."""
LOG_WRITES_BETWEEN_STATEMENTS = 2
"""Event-log writes the runner may make between two statements of a migration transaction: the finished
statement's event and a pending batch of data statements flushed before it."""
IDLE_MARGIN_MS = 5_000
"""Python's own work between two statements (a batch of up to 16 MB joined, the guard's watch started and
stopped), with room for a loaded machine."""
IDLE_IN_TRANSACTION_MS = LOG_WRITES_BETWEEN_STATEMENTS * BOOKKEEPING_LOCK_TIMEOUT_MS + IDLE_MARGIN_MS
"""The executor session's idle_in_transaction_session_timeout: 15 s.

Inside a migration transaction migwiz's client only waits on its own bookkeeping between two statements,
each log write bounded by the bookkeeping lock_timeout. The lock-retry budget (`--retry-for`) is not part
of it: the guard waits for conflicting holders before BEGIN, and a lock conflict aborts the transaction,
so every retry starts a new one. Only a client that stopped talking (crashed, suspended, cut off) stays
idle longer, and then its locks are released after 15 s instead of a minute. A statement that runs for
hours is active, not idle, and is never cut by it; nor is a no-transaction migration between statements
(idle, but in no transaction, holding no lock)."""


def limit_bookkeeping(conn: psycopg.Connection[Any], *, statement_timeout_ms: int | None = None) -> None:
    """Give a bookkeeping or status session a lock_timeout (and a statement_timeout when given)."""
    conn.execute(sql.SQL("SET lock_timeout = {}").format(sql.Literal(f"{BOOKKEEPING_LOCK_TIMEOUT_MS}ms")))
    if statement_timeout_ms is not None:
        conn.execute(sql.SQL("SET statement_timeout = {}").format(sql.Literal(f"{statement_timeout_ms}ms")))


def limit_executor(conn: psycopg.Connection[Any], *, idle_ms: int = IDLE_IN_TRANSACTION_MS) -> None:
    """The executor's session: bookkeeping lock_timeout by default (each script sets its own), the server
    gives up on a silent client (keepalives, TCP user timeout) and ends a transaction left idle `idle_ms`."""
    limit_bookkeeping(conn)
    settings = {
        "idle_in_transaction_session_timeout": f"{idle_ms}ms",
        "tcp_keepalives_idle": str(KEEPALIVE_PARAMS["keepalives_idle"]),
        "tcp_keepalives_interval": str(KEEPALIVE_PARAMS["keepalives_interval"]),
        "tcp_keepalives_count": str(KEEPALIVE_PARAMS["keepalives_count"]),
    }
    if conn.info.server_version >= 120000:
        settings["tcp_user_timeout"] = f"{KEEPALIVE_PARAMS['tcp_user_timeout']}ms"
    for name, value in settings.items():
        conn.execute(
            sql.SQL("SELECT pg_catalog.set_config({}, {}, false)").format(
                sql.Literal(name), sql.Literal(value)
            )
        )


def own_tables_locked(conn: psycopg.Connection[Any], schema: str, doing: str) -> OwnTablesLocked:
    """The error for a bookkeeping lock_timeout: who holds migwiz's own tables (read on `conn`)."""
    rows = conn.execute(queries.load("run_own_table_holders"), (schema,)).fetchall()
    who = ", ".join(
        f"pid {pid} ({app or 'no name'}, {mode} on {schema}.{rel})" for pid, app, mode, rel in rows
    )
    return OwnTablesLocked(
        f"{doing}: migwiz's own tables are locked by {who or 'another session'};"
        f" gave up after {BOOKKEEPING_LOCK_TIMEOUT_MS // 1000} s",
        "that session must commit or roll back first (or stop it with pg_terminate_backend)",
    )
