"""Throw-away databases on the operator's server: create, fill with a schema copy, drop.

`trace` runs migrations on them; dry runs and rollback tests reuse the same helpers. A scratch database
lives on the same server as the DSN it is made from, so roles, extensions and the server version match.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from psycopg.rows import TupleRow

from migwiz.engine.errors import ConnectionFailed, MigwizError, PermissionProblem, UsageError
from migwiz.engine.localserver import SYSTEM_ROOTS, find_binaries

MAINTENANCE_DB = "postgres"
_PSQL_META = re.compile(r"^\\(restrict|unrestrict)\b.*$", re.MULTILINE)


def dsn_with_dbname(dsn: str, dbname: str) -> str:
    """The same connection parameters with another database (URIs and key=value DSNs alike).

    >>> dsn_with_dbname("postgresql://u@h:5433/app?sslmode=disable", "other")
    'user=u dbname=other host=h port=5433 sslmode=disable'
    >>> dsn_with_dbname("host=h dbname=app", "x y")
    "dbname='x y' host=h"
    """
    params = conninfo_to_dict(dsn)
    params["dbname"] = dbname
    return make_conninfo("", **params)


def describe_dsn(dsn: str) -> str:
    """`user@host:port/dbname` for messages: never the password.

    >>> describe_dsn("postgresql://bob:secret@db:5433/app")
    'bob@db:5433/app'
    """
    params = conninfo_to_dict(dsn)
    user = params.get("user") or "(default user)"
    host = params.get("host") or params.get("hostaddr") or "localhost"
    port = params.get("port") or "5432"
    return f"{user}@{host}:{port}/{params.get('dbname') or '(default db)'}"


def _redact(text: str, dsn: str) -> str:
    password = conninfo_to_dict(dsn).get("password")
    return text.replace(str(password), "***") if password else text


def connect(dsn: str, *, autocommit: bool = True) -> psycopg.Connection[TupleRow]:
    """Open a connection, turning failures into `ConnectionFailed` without the password."""
    try:
        return psycopg.connect(dsn, autocommit=autocommit)
    except psycopg.OperationalError as exc:
        reason = _redact(str(exc).strip().splitlines()[-1] if str(exc).strip() else repr(exc), dsn)
        raise ConnectionFailed(
            f"cannot connect to {describe_dsn(dsn)}: {reason}",
            hint="check the DSN, that the server is running and that this role may connect",
        ) from None


def _admin_connection(dsn: str) -> psycopg.Connection[TupleRow]:
    """A connection able to run CREATE/DROP DATABASE: the maintenance database, else the DSN's own."""
    try:
        return connect(dsn_with_dbname(dsn, MAINTENANCE_DB))
    except ConnectionFailed:
        return connect(dsn)


def create_database(admin_dsn: str, name: str, *, template: str | None = None) -> str:
    """CREATE DATABASE `name` on the server of `admin_dsn` (optionally from a template); its DSN."""
    query = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    if template is not None:
        query = sql.SQL("{} TEMPLATE {}").format(query, sql.Identifier(template))
    with _admin_connection(admin_dsn) as conn:
        try:
            conn.execute(query)
        except psycopg.errors.InsufficientPrivilege:
            raise PermissionProblem(
                f"role cannot create a scratch database on {describe_dsn(admin_dsn)}",
                hint="grant CREATEDB to the role, or trace on a server where it has it",
            ) from None
        except psycopg.Error as exc:
            raise MigwizError(
                f"cannot create scratch database {name}: {_redact(_message(exc), admin_dsn)}",
                hint="a template must have no other connections" if template else None,
            ) from None
    return dsn_with_dbname(admin_dsn, name)


def drop_database(admin_dsn: str, name: str) -> None:
    """Drop database `name`, first ending any session still connected to it."""
    with _admin_connection(admin_dsn) as conn:
        conn.execute(
            "SELECT pg_catalog.pg_terminate_backend(pid) FROM pg_catalog.pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_catalog.pg_backend_pid()",
            (name,),
        )
        query = sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name))
        if conn.info.server_version >= 130000:
            query = sql.SQL("{} WITH (FORCE)").format(query)
        conn.execute(query)


@contextmanager
def scratch_database(
    admin_dsn: str, *, prefix: str = "migwiz_scratch", template: str | None = None
) -> Iterator[str]:
    """A uniquely named, empty (or `template`-copied) database on the same server, dropped on exit.

    Yields the DSN of the new database: `admin_dsn` with its dbname replaced.
    """
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    dsn = create_database(admin_dsn, name, template=template)
    try:
        yield dsn
    finally:
        drop_database(admin_dsn, name)


def server_major(dsn: str) -> int:
    """The major version of the server behind `dsn` (16 for 16.4)."""
    with connect(dsn) as conn:
        return conn.info.server_version // 10000


def find_pg_dump(major: int) -> Path:
    """`pg_dump` of exactly this major version: local installations, PATH, then the Debian layout."""
    candidates: list[Path] = []
    binaries = find_binaries(major)
    if binaries is not None:
        candidates.append(binaries.tool("pg_dump"))
    on_path = shutil.which("pg_dump")
    if on_path:
        candidates.append(Path(on_path))
    candidates.extend(root / str(major) / "bin" / "pg_dump" for root in SYSTEM_ROOTS)
    for path in candidates:
        if path.exists() and _tool_major(path) == major:
            return path
    raise UsageError(
        f"pg_dump for PostgreSQL {major} not found (the schema copy needs the server's major version)",
        hint=f"install the PostgreSQL {major} client programs or pass the path of its pg_dump",
    )


def _tool_major(path: Path) -> int | None:
    out = subprocess.run([str(path), "--version"], capture_output=True, text=True, check=False)
    match = re.search(r"\)\s*(\d+)", out.stdout) or re.search(r"(\d+)\.", out.stdout)
    return int(match.group(1)) if match else None


def dump_schema(source_dsn: str, *, pg_dump: Path | None = None) -> str:
    """The schema of `source_dsn` as SQL (`pg_dump --schema-only`, no owners, privileges or subscriptions)."""
    tool = pg_dump or find_pg_dump(server_major(source_dsn))
    params = conninfo_to_dict(source_dsn)
    env = dict(os.environ)
    password = params.pop("password", None)
    if password is not None:
        env["PGPASSWORD"] = str(password)
    args = [
        str(tool), "--schema-only", "--no-owner", "--no-privileges", "--no-subscriptions",
        "--no-publications", "--no-tablespaces", "--no-security-labels",
        "--dbname", make_conninfo("", **params),
    ]  # fmt: skip
    result = subprocess.run(args, capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        detail = _redact(result.stderr.strip(), source_dsn) or f"exit status {result.returncode}"
        raise MigwizError(f"pg_dump of {describe_dsn(source_dsn)} failed: {detail}")
    return result.stdout


def restore_schema(target_dsn: str, script: str) -> None:
    """Run a plain-format schema dump on `target_dsn` in one implicit transaction (what `psql -1` does).

    The only psql meta-commands pg_dump writes in schema dumps (`\\restrict`, `\\unrestrict`) are dropped.
    """
    body = _PSQL_META.sub("", script)
    leftover = re.search(r"^\\\S+", body, re.MULTILINE)
    if leftover:
        raise MigwizError(f"schema dump contains a psql meta-command migwiz cannot run: {leftover.group(0)}")
    with connect(target_dsn) as conn:
        try:
            conn.execute(body.encode())
        except psycopg.Error as exc:
            raise MigwizError(
                f"copying the schema into {describe_dsn(target_dsn)} failed: {_message(exc)}",
                hint="objects needing a superuser (extensions, event triggers) cannot be copied by this role",
            ) from None


def copy_schema(source_dsn: str, target_dsn: str, *, pg_dump: Path | None = None) -> None:
    """Copy the schema (no data) of `source_dsn` into the database of `target_dsn`."""
    restore_schema(target_dsn, dump_schema(source_dsn, pg_dump=pg_dump))


def _message(exc: psycopg.Error) -> str:
    return exc.diag.message_primary or str(exc).strip()
