"""Checks made before anything runs: the target accepts writes, and the role holds what migwiz needs.

Each problem is one line naming the object and the privilege or setting, with the statement that fixes it,
said before the migration lock is taken or a first migration runs, not halfway through a run.
"""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg import sql

from migwiz.engine import queries
from migwiz.engine.errors import MigwizError, PermissionProblem, ReadOnlyTarget
from migwiz.engine.servers.connect import permission_error

_TABLES: dict[str, tuple[str, ...]] = {
    "meta": ("SELECT",),
    "runs": ("SELECT", "INSERT", "UPDATE"),
    "history": ("SELECT", "INSERT", "UPDATE", "DELETE"),
    "events": ("SELECT", "INSERT"),
}
"""What every recording command does to migwiz's own tables (`pruning` adds DELETE on runs and events)."""


def check_target(conn: psycopg.Connection[Any], schema: str, *, pruning: bool = False) -> None:
    """Refuse, in one line, a target migwiz cannot record its work in.

    A hot standby or a read-only session is a `ReadOnlyTarget`; a missing CREATE on the database (first
    run), USAGE on the schema, privilege on one of migwiz's tables or on its event sequence is a
    `PermissionProblem`. `conn` is in autocommit mode.
    """
    _check_writable(conn)
    _check_privileges(conn, schema, pruning)


def _check_writable(conn: psycopg.Connection[Any]) -> None:
    row = conn.execute(queries.load("preflight_writable")).fetchone()
    assert row is not None
    in_recovery, read_only, user, database, source = row
    if in_recovery:
        raise ReadOnlyTarget(
            "the target is a hot standby (pg_is_in_recovery() is true): it accepts no writes",
            "run migwiz against the primary server",
        )
    if read_only == "on":
        role, db = (sql.Identifier(n).as_string(conn) for n in (user, database))
        fix = {
            "user": f"ALTER ROLE {role} SET default_transaction_read_only = off",
            "database": f"ALTER DATABASE {db} SET default_transaction_read_only = off",
        }.get(source, "connect with options='-c default_transaction_read_only=off' or a read-write role")
        raise ReadOnlyTarget(
            f"default_transaction_read_only is on (set by {source or 'the session'}):"
            " migwiz cannot record its history here",
            fix,
        )


def _check_privileges(conn: psycopg.Connection[Any], schema: str, pruning: bool) -> None:
    row = conn.execute(
        queries.load("preflight_database"), (sql.Identifier(schema).as_string(conn),)
    ).fetchone()
    assert row is not None
    user, database, schema_exists, can_create = row
    role = sql.Identifier(user).as_string(conn)
    where = sql.Identifier(schema).as_string(conn)
    if not schema_exists:
        if not can_create:
            db = sql.Identifier(database).as_string(conn)
            raise PermissionProblem(
                f"role {user!r} lacks CREATE on database {database!r}: needed to create migwiz's schema"
                f" {schema!r}",
                f"GRANT CREATE ON DATABASE {db} TO {role}; or create schema {where} once as its owner",
            )
        return
    usage = conn.execute(queries.load("preflight_schema_usage"), (schema,)).fetchone()
    if not (usage and usage[0]):
        raise PermissionProblem(
            f"role {user!r} lacks USAGE on schema {schema!r} (migwiz's history and log)",
            f"GRANT USAGE ON SCHEMA {where} TO {role}",
        )
    wanted = [(t, p) for t, ps in _TABLES.items() for p in ps]
    if pruning:
        wanted += [("runs", "DELETE"), ("events", "DELETE")]
    missing = conn.execute(
        queries.load("preflight_table_privileges"),
        ([t for t, _ in wanted], [p for _, p in wanted], schema, schema),
    ).fetchall()
    sequence = conn.execute(queries.load("preflight_event_sequence"), (schema,)).fetchone()
    if sequence and sequence[0]:
        used = conn.execute(queries.load("preflight_sequence_usage"), (sequence[0],)).fetchone()
        if not (used and used[0]):
            raise PermissionProblem(
                f"role {user!r} lacks USAGE on sequence {sequence[0]} (ids of migwiz's events)",
                f"GRANT USAGE ON SEQUENCE {sequence[0]} TO {role}",
            )
    if missing:
        first_table = missing[0][0]
        privileges = [p for t, p in missing if t == first_table]
        table = f"{where}.{sql.Identifier(first_table).as_string(conn)}"
        more = f" (and {len(missing) - len(privileges)} more)" if len(missing) > len(privileges) else ""
        raise PermissionProblem(
            f"role {user!r} lacks {', '.join(privileges)} on {schema}.{first_table}{more}",
            f"GRANT {', '.join(privileges)} ON {table} TO {role}; or run migwiz as the owner of {where}",
        )


def explain(exc: psycopg.Error) -> MigwizError | None:
    """A database error an operator can act on, said as one line; None for any other."""
    if isinstance(exc, psycopg.errors.InsufficientPrivilege):
        return permission_error(exc, "working on the database")
    if isinstance(exc, psycopg.errors.ReadOnlySqlTransaction):
        return ReadOnlyTarget(
            f"the target refuses writes: {exc.diag.message_primary or exc}",
            "run migwiz against the primary with a read-write role (default_transaction_read_only = off)",
        )
    return None
