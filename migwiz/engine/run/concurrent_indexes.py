"""CREATE / REINDEX ... CONCURRENTLY leftovers: the INVALID indexes a failed or cut-off build leaves.

They are dropped (concurrently) before a retry or after the failure, a migration is never recorded as
done while an index it built is invalid, and a cut-off `CREATE INDEX CONCURRENTLY` is resolved from the
state of its index.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Literal

import pglast
import pglast.ast
import psycopg
from psycopg import sql

from migwiz.engine import queries
from migwiz.engine.run.index_leftovers import leftovers_of
from migwiz.engine.run.notes import InvalidIndexDropped
from migwiz.engine.run.policy import Resolve
from migwiz.engine.servers.connect import scrub
from migwiz.engine.sets.model import Migration, Script, Statement

_CCOLD = re.compile(r"_ccold\d*$")

CONCURRENT_INDEX = re.compile(r"\b(CREATE|REINDEX)\b[^;]*\bCONCURRENTLY\b", re.IGNORECASE | re.DOTALL)


def invalid_indexes(conn: psycopg.Connection[Any]) -> dict[int, str]:
    """oid -> schema-qualified name of every INVALID index outside the system schemas, but those another
    session is building (a tenant next door, the application): invalid until their build ends, and never
    ours to blame or drop.

    Read three times, in this order: invalid indexes, the builds in progress, invalid indexes again. A
    build reports its index before the index is committed and stops reporting only after it is marked
    valid, so an index invalid in both reads and not reported in between is not being built.
    """
    first = _invalid_now(conn)
    version = conn.info.server_version
    if not first or version < 120000:  # no pg_stat_progress_create_index before 12
        return first
    building = {int(r[0]) for r in conn.execute(queries.load("run_index_builds", version)).fetchall()}
    again = _invalid_now(conn)
    return {oid: name for oid, name in first.items() if oid in again and oid not in building}


def _invalid_now(conn: psycopg.Connection[Any]) -> dict[int, str]:
    rows = conn.execute(queries.load("run_invalid_indexes")).fetchall()
    return {int(r[0]): str(r[1]) for r in rows}


def drop_new_invalid(
    conn: psycopg.Connection[Any],
    emit: Callable[[InvalidIndexDropped], None],
    before: dict[int, str],
    migration: Migration,
    why: str,
    *,
    strict: bool = False,
) -> list[str]:
    """Drop (concurrently) the invalid indexes that were not there before: a failed build left them.

    `strict`: a failed drop raises (a lock timeout is then retried like the statement itself).
    """
    dropped: list[str] = []
    for oid, name in invalid_indexes(conn).items():
        if oid in before:
            continue
        row = conn.execute(queries.load("run_index_name"), (oid,)).fetchone()
        if row is None:
            continue
        try:
            conn.execute(
                sql.SQL("DROP INDEX CONCURRENTLY IF EXISTS {}.{}").format(
                    sql.Identifier(row[0]), sql.Identifier(row[1])
                )
            )
        except psycopg.Error as exc:
            if conn.broken or strict:
                raise
            error = scrub(str(exc).strip())
            emit(InvalidIndexDropped(str(migration.version), migration.label, name, why, error))
            continue
        dropped.append(name)
        emit(InvalidIndexDropped(str(migration.version), migration.label, name, why))
    return dropped


def built_index(conn: psycopg.Connection[Any], stmt: Statement) -> tuple[int, bool] | Literal[False] | None:
    """For `CREATE INDEX CONCURRENTLY <name>`: (oid, valid) of that index, None when it does not exist;
    False when the statement is something else (or names no index)."""
    try:
        node = pglast.parse_sql(stmt.sql)[0].stmt
    except Exception:
        return False
    if not isinstance(node, pglast.ast.IndexStmt) or not node.concurrent or not node.idxname:
        return False
    relation = node.relation
    if relation is None:
        return False
    table = ".".join(sql.Identifier(p).as_string(conn) for p in (relation.schemaname, relation.relname) if p)
    try:
        row = conn.execute(queries.load("run_built_index"), (node.idxname, table)).fetchone()
    except psycopg.errors.DataError:
        return False
    return (int(row[0]), bool(row[1])) if row else None


def auto_resolve(conn: psycopg.Connection[Any], stmt: Statement) -> Resolve | None:
    """Whether a cut-off `CREATE INDEX CONCURRENTLY <name>` ran, read from the index itself.

    A valid index: it ran. An invalid one (dropped before the statement runs again) or none: it did
    not. Other statements cannot be told apart: None (the operator says, with --resolve).
    """
    built = built_index(conn, stmt)
    if built is False:
        return None
    return "ran" if built is not None and built[1] else "not-ran"


def unfinished_build(conn: psycopg.Connection[Any], stmt: Statement) -> list[str]:
    """The INVALID indexes showing that a cut-off concurrent build (`CREATE INDEX CONCURRENTLY`, named or
    not, `REINDEX ... CONCURRENTLY` before its swap) did not complete: empty when nothing says so."""
    built = built_index(conn, stmt)
    if built is not False:  # a named build: its own index, when INVALID
        if built is None or built[1]:
            return []
        row = conn.execute("SELECT %s::regclass::text", (built[0],)).fetchone()
        return [str(row[0])] if row else []
    # REINDEX leaves `_ccold` INVALID only after the swap: the rebuild itself completed
    return [name for name in leftovers_of(conn, stmt.sql).values() if not _CCOLD.search(name)]


def invalid_left(conn: psycopg.Connection[Any], script: Script, before: dict[int, str]) -> list[str]:
    """Invalid indexes this script is responsible for: new ones, or ones its text names."""
    out: list[str] = []
    named: dict[str, re.Pattern[str]] = {}
    for oid, name in invalid_indexes(conn).items():
        if oid not in before:
            out.append(name)
        else:
            bare = name.rsplit(".", 1)[-1].strip('"')
            named[name] = re.compile(rf"(?<![\w$]){re.escape(bare)}(?![\w$])", re.IGNORECASE)
    for stmt in script.statements if named else ():  # one statement at a time: a big file is streamed
        for name, pattern in list(named.items()):
            if pattern.search(stmt.sql):
                out.append(name)
                del named[name]
        if not named:
            break
    return sorted(out)
