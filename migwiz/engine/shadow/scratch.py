"""Throw-away databases on the operator's server: create, fill with a schema copy, drop.

`trace` runs migrations on them; dry runs and rollback tests reuse the same helpers. A scratch database
lives on the same server as the DSN it is made from, so roles, extensions and the server version match.
"""

from __future__ import annotations

import contextlib
import re
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.rows import TupleRow

from migwiz.engine import queries
from migwiz.engine.errors import ConnectionFailed, MigwizError, PermissionProblem, one_line
from migwiz.engine.servers.connect import connect as open_connection
from migwiz.engine.servers.connect import describe as describe_dsn
from migwiz.engine.servers.connect import scrub
from migwiz.engine.servers.connect import with_dbname as dsn_with_dbname
from migwiz.engine.servers.pgtools import find_client, libpq_invocation

MAINTENANCE_DB = "postgres"
_MADE: dict[str, str] = {}
"""Scratch databases this process made and has not dropped yet: name -> the DSN they were made from."""
_PSQL_META = re.compile(r"^\\(restrict|unrestrict)\b.*$", re.MULTILINE)


def connect(dsn: str, *, autocommit: bool = True) -> psycopg.Connection[TupleRow]:
    """An autocommit connection for scratch work; failures become `ConnectionFailed` without the password."""
    return open_connection(dsn, autocommit=autocommit, purpose="scratch")


def admin_connection(dsn: str) -> psycopg.Connection[TupleRow]:
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
    with admin_connection(admin_dsn) as conn:
        try:
            conn.execute(query)
            if template is not None:
                copy_settings(conn, template, name)
        except psycopg.errors.InsufficientPrivilege:
            raise PermissionProblem(
                f"role cannot create a scratch database on {describe_dsn(admin_dsn)}",
                hint="grant CREATEDB to the role, or trace on a server where it has it",
            ) from None
        except psycopg.Error as exc:
            raise MigwizError(
                f"cannot create scratch database {name}: {scrub(_message(exc))}",
                hint="a template must have no other connections" if template else None,
            ) from None
    return dsn_with_dbname(admin_dsn, name)


def copy_settings(conn: psycopg.Connection[TupleRow], source: str, target: str) -> None:
    """Give database `target` the `ALTER DATABASE … SET` settings of `source`, which a template copy does
    not carry (a search_path set on the database, as a baseline or a migration may). Each value goes
    through the session (`set_config`, a parameter) and `SET … FROM CURRENT`, never into the SQL text;
    one the role may not set is left out."""
    for (item,) in conn.execute(queries.load("database_settings"), (source,)).fetchall():
        name, _, value = str(item).partition("=")
        setting = sql.Identifier(*name.split("."))
        try:
            conn.execute("SELECT pg_catalog.set_config(%s, %s, false)", (name, value))
            conn.execute(
                sql.SQL("ALTER DATABASE {} SET {} FROM CURRENT").format(sql.Identifier(target), setting)
            )
        except psycopg.Error:
            continue
        finally:
            with contextlib.suppress(psycopg.Error):
                conn.execute(sql.SQL("RESET {}").format(setting))


def drop_database(admin_dsn: str, name: str) -> None:
    """Drop database `name`, first ending any session still connected to it."""
    with admin_connection(admin_dsn) as conn:
        conn.execute(queries.load("shadow_terminate_sessions"), (name,))
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
    _MADE[name] = admin_dsn
    try:
        yield dsn
    finally:
        drop_database(admin_dsn, name)
        _MADE.pop(name, None)


def drop_scratch_databases() -> list[str]:
    """Drop the scratch databases this process still has (their sessions ended first): for a process that
    must leave at once while a worker is busy in one (a wizard whose terminal was lost). The names dropped;
    one that cannot be dropped is left for its owner's `finally`."""
    dropped = []
    for name, admin_dsn in list(_MADE.items()):
        try:
            drop_database(admin_dsn, name)
        except (MigwizError, psycopg.Error):
            continue
        _MADE.pop(name, None)
        dropped.append(name)
    return dropped


def server_major(dsn: str) -> int:
    """The major version of the server behind `dsn` (16 for 16.4)."""
    with connect(dsn) as conn:
        return conn.info.server_version // 10000


def find_pg_dump(major: int) -> Path:
    """`pg_dump` of exactly this major version (a newer one could write SQL an older server rejects)."""
    return find_client("pg_dump", major).path


SCHEMA_LOCK_WAIT = "30s"
"""pg_dump of a schema gives up instead of waiting longer than this for a table lock (another session's
DDL, or a long transaction holding AccessExclusiveLock): a dry run never hangs behind it."""


def dump_schema(source_dsn: str, *, pg_dump: Path | None = None, lock_wait: str | None = None) -> str:
    """The schema of `source_dsn` as SQL (`pg_dump --schema-only`, no owners, privileges or subscriptions);
    `lock_wait`: the longest wait for a table lock before giving up (`SCHEMA_LOCK_WAIT` when not given)."""
    lock_wait = lock_wait or SCHEMA_LOCK_WAIT
    tool = pg_dump or find_pg_dump(server_major(source_dsn))
    conn_args, env = libpq_invocation(source_dsn)
    args = [
        str(tool), "--schema-only", "--no-owner", "--no-privileges", "--no-subscriptions",
        "--no-publications", "--no-tablespaces", "--no-security-labels",
        f"--lock-wait-timeout={lock_wait}", *conn_args,
    ]  # fmt: skip
    result = subprocess.run(args, capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        stderr = result.stderr
        if "LOCK TABLE" in stderr and ("statement timeout" in stderr or "could not obtain lock" in stderr):
            raise MigwizError(
                f"pg_dump of the schema gave up after waiting {lock_wait} for a lock another session"
                f" holds on a table of {describe_dsn(source_dsn)}",
                "find the holder in pg_locks and pg_stat_activity, then retry when that session is done",
            )
        detail = scrub(stderr.strip()) or f"exit status {result.returncode}"
        raise MigwizError(f"pg_dump of {describe_dsn(source_dsn)} failed: {detail}")
    return result.stdout


def without_dump_meta(script: str) -> str:
    """`script` without the psql meta-commands of pg_dump's schema dumps (`\\restrict`, `\\unrestrict`)."""
    return _PSQL_META.sub("", script)


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


def copy_schema(
    source_dsn: str, target_dsn: str, *, pg_dump: Path | None = None, lock_wait: str | None = None
) -> None:
    """Copy the schema (no data) of `source_dsn` into the database of `target_dsn`."""
    restore_schema(target_dsn, dump_schema(source_dsn, pg_dump=pg_dump, lock_wait=lock_wait))


def _message(exc: psycopg.Error) -> str:
    primary = exc.diag.message_primary
    return scrub(primary) if primary else one_line(exc)
