"""Connections: which DSN to use, how to open it, and how to talk about it without leaking a secret."""

from __future__ import annotations

import os
import re
from typing import Any

import psycopg
from psycopg import conninfo

from migwiz.engine.errors import ConnectionFailed, PermissionProblem
from migwiz.engine.session_limits import KEEPALIVE_PARAMS

APPLICATION_NAME = "migwiz"

_secrets: set[str] = set()
_URI_PASSWORD = re.compile(r"(postgres(?:ql)?://[^:/@\s]*:)([^@\s]*)(@)")
_KV_PASSWORD = re.compile(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)", re.IGNORECASE)


def resolve_dsn(dsn: str | None) -> str:
    """The DSN: the flag, else DATABASE_URL, else "" (libpq's own defaults: PGHOST, .pgpass, services)."""
    chosen = dsn if dsn is not None else os.environ.get("DATABASE_URL", "")
    remember_secrets(chosen)
    return chosen


def remember_secrets(dsn: str) -> None:
    """Note the password of `dsn` (and PGPASSWORD) so `scrub` removes it from anything we print or log."""
    password = os.environ.get("PGPASSWORD")
    if password:
        _secrets.add(password)
    try:
        from_dsn = conninfo.conninfo_to_dict(dsn).get("password")
    except psycopg.ProgrammingError:
        from_dsn = None
    if from_dsn:
        _secrets.add(str(from_dsn))


def scrub(text: str) -> str:
    """Remove every known secret and any password written in a DSN from `text`.

    >>> scrub("postgresql://app:hunter2@db/x failed")
    'postgresql://app:***@db/x failed'
    >>> scrub("host=db password='a b' dbname=x")
    'host=db password=*** dbname=x'
    """
    text = _URI_PASSWORD.sub(r"\1***\3", text)
    text = _KV_PASSWORD.sub(r"\1***", text)
    for secret in sorted(_secrets, key=len, reverse=True):
        if len(secret) >= 3:
            text = text.replace(secret, "***")
    return text


def describe(dsn: str) -> str:
    """A short, secret-free label for a DSN: `user@host:port/dbname` (libpq defaults filled in)."""
    try:
        params = conninfo.conninfo_to_dict(dsn)
    except psycopg.ProgrammingError:
        return "(invalid DSN)"
    user = params.get("user") or os.environ.get("PGUSER") or ""
    host = params.get("host") or os.environ.get("PGHOST") or "localhost"
    port = params.get("port") or os.environ.get("PGPORT") or "5432"
    dbname = params.get("dbname") or os.environ.get("PGDATABASE") or user
    return f"{user}@{host}:{port}/{dbname}" if user else f"{host}:{port}/{dbname}"


def with_dbname(dsn: str, dbname: str) -> str:
    """The same connection parameters pointed at another database."""
    params: dict[str, Any] = conninfo.conninfo_to_dict(dsn)
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
    remember_secrets(dsn)
    name = f"{APPLICATION_NAME} {purpose}".strip()
    try:
        params = conninfo.conninfo_to_dict(dsn)
    except psycopg.ProgrammingError as exc:
        raise ConnectionFailed(
            f"invalid connection string: {scrub(str(exc)).splitlines()[0]}",
            "use a URI (postgresql://user@host/db) or key=value pairs (host=... dbname=...)",
        ) from None
    params.setdefault("connect_timeout", connect_timeout)
    for key, value in KEEPALIVE_PARAMS.items():  # a silent peer is an error within seconds, not a hang
        if key != "tcp_user_timeout" or psycopg.pq.version() >= 120000:
            params.setdefault(key, value)
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
