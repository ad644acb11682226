"""Connections: which DSN to use, how to open it, and how to talk about it without leaking a secret."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import socket
import weakref
from collections.abc import Iterable, Iterator
from typing import Any, cast

import psycopg
from psycopg import conninfo, sql
from psycopg.abc import AdaptContext, Params, Query, QueryNoTemplate
from psycopg.rows import Row

from migwiz.engine.errors import ConnectionFailed, PermissionProblem
from migwiz.engine.run.session_limits import KEEPALIVE_PARAMS
from migwiz.engine.secrets import malformed, remember_secrets, scrub

__all__ = [
    "connect",
    "describe",
    "dsn_params",
    "percent_safe",
    "remember_secrets",
    "resolve_dsn",
    "scrub",
    "with_dbname",
]

APPLICATION_NAME = "migwiz"

# psycopg logs what it ignores while closing a broken connection ("error ignored terminating <Pipeline>:
# the connection is lost"); with no handler, Python prints that to stderr beside migwiz's own one line
logging.getLogger("psycopg").addHandler(logging.NullHandler())

_DSN_HINT = "use a URI (postgresql://user@host/db) or key=value pairs (host=... dbname=...)"


def resolve_dsn(dsn: str | None) -> str:
    """The DSN: the flag, else DATABASE_URL, else "" (libpq's own defaults: PGHOST, .pgpass, services)."""
    chosen = dsn if dsn is not None else os.environ.get("DATABASE_URL", "")
    remember_secrets(chosen)
    return chosen


def describe(dsn: str) -> str:
    """A short, secret-free label for a DSN: `user@host:port/dbname` (libpq defaults filled in).

    Only host, port, user and database are shown; a malformed DSN is never quoted.
    """
    remember_secrets(dsn)
    if malformed(dsn) is not None:
        return "(invalid connection string)"
    params = conninfo.conninfo_to_dict(dsn)
    user = params.get("user") or os.environ.get("PGUSER") or ""
    host = params.get("host") or os.environ.get("PGHOST") or "localhost"
    port = params.get("port") or os.environ.get("PGPORT") or "5432"
    dbname = params.get("dbname") or os.environ.get("PGDATABASE") or user
    return scrub(f"{user}@{host}:{port}/{dbname}" if user else f"{host}:{port}/{dbname}")


def dsn_params(dsn: str) -> dict[str, Any]:
    """libpq's reading of `dsn`; a malformed one is a `ConnectionFailed` that quotes none of it."""
    remember_secrets(dsn)
    problem = malformed(dsn)
    if problem is not None:
        raise ConnectionFailed(f"invalid connection string: {problem}", _DSN_HINT)
    return dict(conninfo.conninfo_to_dict(dsn))


def with_dbname(dsn: str, dbname: str) -> str:
    """The same connection parameters pointed at another database."""
    params = dsn_params(dsn)
    params["dbname"] = dbname
    return conninfo.make_conninfo("", **params)


class _Raw(sql.Composable):
    """Bytes already rendered (a name or constant whose `%` were doubled)."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)

    def as_bytes(self, context: AdaptContext | None = None) -> bytes:
        return bytes(self._obj)


def percent_safe(query: Query, context: AdaptContext | None) -> Query:
    """`query` with the `%` of its identifiers and literals doubled, for a query that also has parameters.

    psycopg reads every `%` of a parameterised query as a placeholder, including those of a schema
    named `a%b` composed in with `sql.Identifier`; doubled, they reach the server as one `%`.
    """
    if isinstance(query, sql.Composed):
        return sql.Composed([_doubled(part, context) for part in query._obj])
    return query


def _doubled(part: sql.Composable, context: AdaptContext | None) -> sql.Composable:
    if isinstance(part, sql.Identifier | sql.Literal):
        return _Raw(part.as_bytes(context).replace(b"%", b"%%"))
    if isinstance(part, sql.Composed):
        return sql.Composed([_doubled(p, context) for p in part._obj])
    return part


class Cursor(psycopg.Cursor[Row]):
    """psycopg's cursor, with `percent_safe` applied to composed queries that take parameters."""

    def execute(
        self,
        query: Query,
        params: Params | None = None,
        *,
        prepare: bool | None = None,
        binary: bool | None = None,
    ) -> Cursor[Row]:
        """Execute `query` (see `psycopg.Cursor.execute`)."""
        if params is not None:
            query = percent_safe(query, self._conn)
        super().execute(cast(QueryNoTemplate, query), params, prepare=prepare, binary=binary)
        return self

    def executemany(self, query: Query, params_seq: Iterable[Params], *, returning: bool = False) -> None:
        """Execute `query` once per parameter set (see `psycopg.Cursor.executemany`)."""
        super().executemany(percent_safe(query, self._conn), params_seq, returning=returning)

    def stream(
        self, query: Query, params: Params | None = None, *, binary: bool | None = None, size: int = 1
    ) -> Iterator[Row]:
        """Stream the rows of `query` (see `psycopg.Cursor.stream`)."""
        if params is not None:
            query = percent_safe(query, self._conn)
        return super().stream(query, params, binary=binary, size=size)


def connect(
    dsn: str,
    *,
    autocommit: bool = False,
    purpose: str = "",
    connect_timeout: int = 10,
) -> psycopg.Connection[tuple[Any, ...]]:
    """Open a connection named `migwiz[ purpose]` in pg_stat_activity; errors become `ConnectionFailed`."""
    name = f"{APPLICATION_NAME} {purpose}".strip()
    params = dsn_params(dsn)
    params.setdefault("connect_timeout", connect_timeout)
    for key, value in KEEPALIVE_PARAMS.items():  # a silent peer is an error within seconds, not a hang
        if key != "tcp_user_timeout" or psycopg.pq.version() >= 120000:
            params.setdefault(key, value)
    params["application_name"] = name
    if (cut := _cut.get(_dsn_address(params))) is not None:  # a new connection would wait connect_timeout
        raise ConnectionFailed(f"cannot connect to {describe(dsn)}: {cut}")
    try:
        conn = psycopg.connect(
            conninfo.make_conninfo("", **params), autocommit=autocommit, cursor_factory=Cursor
        )
    except psycopg.OperationalError as exc:
        raise _connection_error(dsn, exc) from None
    _OPEN.add(conn)
    return conn


_OPEN: weakref.WeakSet[psycopg.Connection[Any]] = weakref.WeakSet()
"""Every connection `connect` opened that is still referenced (for `cut_all`)."""
_cut: dict[tuple[str, str], str] = {}
"""Server address (host, port) -> why its connections were cut."""


def address_of(conn: psycopg.Connection[Any]) -> tuple[str, str]:
    """The server address (host, port) `conn` is connected to."""
    return conn.info.host, str(conn.info.port)


def _dsn_address(params: dict[str, Any]) -> tuple[str, str]:
    host = str(params.get("host") or os.environ.get("PGHOST") or "")
    return host, str(params.get("port") or os.environ.get("PGPORT") or "5432")


def cut_all(reason: str, address: tuple[str, str]) -> None:
    """End every wait on every open migwiz connection to the server at `address` now: their sockets are
    shut down, so each wait (a statement, a commit, a log write) fails at once with a lost connection,
    whose error says `reason`, and no new connection to it waits to connect. For a network that stopped
    answering without closing (a proxy that stopped forwarding acknowledges what TCP keepalives send).
    Connections to other servers (other targets of a fleet) are left alone."""
    _cut[address] = reason
    for conn in list(_OPEN):
        with contextlib.suppress(OSError, psycopg.Error):
            if not conn.closed and address_of(conn) == address:
                with socket.socket(fileno=os.dup(conn.pgconn.socket)) as sock:
                    sock.shutdown(socket.SHUT_RDWR)


def register(conn: psycopg.Connection[Any]) -> None:
    """Cut `conn` too when `cut_all` cuts migwiz's connections (one opened without `connect`)."""
    _OPEN.add(conn)


def uncut(dsn: str) -> None:
    """Connect again to the server of `dsn` after `cut_all` (a new run: the network may be back)."""
    _cut.pop(_dsn_address(dsn_params(dsn)), None)


def cut_reason(dsn: str | None = None) -> str | None:
    """Why `cut_all` cut the connections to the server of `dsn` (any server when None); None: it did not."""
    if dsn is None:
        return next(reversed(_cut.values()), None)
    return _cut.get(_dsn_address(dsn_params(dsn)))


def _connection_error(dsn: str, exc: psycopg.OperationalError) -> ConnectionFailed:
    text = scrub(str(exc)).strip()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    detail = lines[-1] if lines else "unknown error"
    for line in lines:
        if "FATAL" in line or "failed:" in line:
            # psycopg says "connection failed: connection to server at ... failed: FATAL: ...": keep the end
            detail = (
                line[line.index("FATAL:") :] if "FATAL:" in line else line.rsplit("failed:", 1)[-1].strip()
            )
            break
    where = describe(dsn)
    lowered = text.lower()
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        hint = "check the user and password (DSN, PGPASSWORD or ~/.pgpass)"
    elif "does not exist" in lowered:
        hint = "check the database and user names"
    elif "connection refused" in lowered or "could not connect" in lowered or "no such file" in lowered:
        hint = "is the server running and listening there? check host and port"
    elif "timeout" in lowered:
        hint = "the server did not answer in time: check the network path and host"
    else:
        hint = "check the DSN (--dsn, DATABASE_URL or PG* variables)"
    return ConnectionFailed(f"cannot connect to {where}: {detail}", hint)


def permission_error(exc: psycopg.errors.InsufficientPrivilege, doing: str) -> PermissionProblem:
    """A missing privilege, said as what migwiz was doing and what PostgreSQL refused."""
    message = scrub(exc.diag.message_primary or str(exc))
    hint = "grant the privilege to the migration role, or connect as the schema owner"
    refused = _REFUSED.fullmatch(message)
    if refused is not None:
        kind, name = refused.groups()
        hint = (
            f'GRANT USAGE ON SCHEMA "{name}" TO the role migwiz connects as; or connect as its owner'
            if kind == "schema"
            else f"grant the privilege it needs on {kind} {name} to the role migwiz connects as"
        )
    return PermissionProblem(f"permission denied while {doing}: {message}", hint)


def reading_refused(
    conn: psycopg.Connection[Any],
    exc: psycopg.errors.InsufficientPrivilege,
    schema: str,
    table: str,
    doing: str,
) -> PermissionProblem:
    """A refused read of migwiz's own `schema.table`, said as the privilege the role lacks (SELECT) and the
    GRANT that gives it; any other refusal as `permission_error` says it."""
    refused = _REFUSED.fullmatch(scrub(exc.diag.message_primary or ""))
    if refused is None or refused.group(1) != "table" or refused.group(2).strip('"') != table:
        return permission_error(exc, doing)
    qualified = sql.SQL("{}.{}").format(sql.Identifier(schema), sql.Identifier(table)).as_string(conn)
    role = sql.Identifier(conn.info.user).as_string(conn)
    return PermissionProblem(
        f"role {conn.info.user!r} lacks SELECT on {schema}.{table} ({doing})",
        f"GRANT SELECT ON {qualified} TO {role}",
    )


_REFUSED = re.compile(r"permission denied for (schema|table|sequence|view|relation|function) (\S+)")
