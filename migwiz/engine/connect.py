"""Connections: which DSN to use, how to open it, and how to talk about it without leaking a secret."""

from __future__ import annotations

import os
from typing import Any

import psycopg
from psycopg import conninfo

from migwiz.engine.errors import ConnectionFailed, PermissionProblem
from migwiz.engine.secrets import malformed, remember_secrets, scrub

__all__ = [
    "connect",
    "describe",
    "dsn_params",
    "remember_secrets",
    "resolve_dsn",
    "scrub",
    "with_dbname",
]

APPLICATION_NAME = "migwiz"

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
    params["application_name"] = name
    try:
        return psycopg.connect(conninfo.make_conninfo("", **params), autocommit=autocommit)
    except psycopg.OperationalError as exc:
        raise _connection_error(dsn, exc) from None


def _connection_error(dsn: str, exc: psycopg.OperationalError) -> ConnectionFailed:
    text = scrub(str(exc)).strip()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    detail = lines[-1] if lines else "unknown error"
    for line in lines:
        if "FATAL" in line or "failed:" in line:
            detail = line.split("failed:", 1)[-1].strip() if "failed:" in line else line
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
    return PermissionProblem(
        f"permission denied while {doing}: {message}",
        "grant the privilege to the migration role, or connect as the schema owner",
    )
