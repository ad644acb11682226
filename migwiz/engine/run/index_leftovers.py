"""What a killed `REINDEX ... CONCURRENTLY` or unnamed `CREATE INDEX CONCURRENTLY` leaves behind.

A concurrent build that dies (the client killed, the server stopped) leaves an INVALID index. A named
`CREATE INDEX CONCURRENTLY` is found by its name; the others are not named in the statement:
REINDEX builds `<index>_ccnew` (and, after the swap, leaves the old one as `<index>_ccold`; a digit
follows when the name is taken), and an unnamed build picks `<table>_<columns>_idx`. Before such a
statement runs again, these leftovers are found here so they can be dropped, instead of staying behind
next to a valid copy.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import pglast
import psycopg
from pglast import ast
from pglast.enums import ReindexObjectType
from pglast.stream import RawStream

from migwiz.engine import queries

_REINDEX_LEFTOVER = re.compile(r"_cc(?:new|old)\d*$")


def _parse(text: str) -> Any:
    try:
        return pglast.parse_sql(text)[0].stmt
    except Exception:
        return None


def _regclass(conn: psycopg.Connection[Any], rangevar: Any) -> int | None:
    name = ".".join(
        psycopg.sql.Identifier(p).as_string(conn) for p in (rangevar.schemaname, rangevar.relname) if p
    )
    try:
        row = conn.execute(queries.load("relation_oid"), (name,)).fetchone()
    except psycopg.errors.DataError:
        return None
    return int(row[0]) if row and row[0] is not None else None


def _shape(node: Any) -> str:
    """An IndexStmt as SQL without its name, CONCURRENTLY, IF NOT EXISTS and table schema."""
    bare = copy.copy(node)
    bare.idxname = None
    bare.concurrent = False
    bare.if_not_exists = False
    bare.relation = ast.RangeVar(relname=node.relation.relname, inh=True, relpersistence="p")
    return str(RawStream()(bare))


def leftovers_of(conn: psycopg.Connection[Any], statement: str) -> dict[int, str]:
    """Oid -> `schema.name` of INVALID indexes that an interrupted run of `statement` would have left.

    Empty for statements that are neither a concurrent REINDEX nor an unnamed concurrent CREATE INDEX.
    """
    node = _parse(statement)
    if isinstance(node, ast.ReindexStmt):
        concurrent = any(getattr(p, "defname", None) == "concurrently" for p in node.params or ())
        if not concurrent:
            return {}
        return _reindex_leftovers(conn, node)
    if isinstance(node, ast.IndexStmt) and node.concurrent and not node.idxname and node.relation:
        table = _regclass(conn, node.relation)
        wanted = _shape(node)
        out: dict[int, str] = {}
        for oid, schema, name, table_oid, definition in conn.execute(
            queries.load("run_index_leftovers")
        ).fetchall():
            built = _parse(definition)
            if table_oid == table and isinstance(built, ast.IndexStmt) and _shape(built) == wanted:
                out[int(oid)] = f"{schema}.{name}"
        return out
    return {}


def _reindex_leftovers(conn: psycopg.Connection[Any], node: Any) -> dict[int, str]:
    kind = node.kind
    rows = conn.execute(queries.load("run_index_leftovers")).fetchall()
    out: dict[int, str] = {}
    if kind == ReindexObjectType.REINDEX_OBJECT_INDEX and node.relation is not None:
        index = node.relation.relname
        table_row = None
        oid = _regclass(conn, node.relation)
        if oid is not None:
            table_row = conn.execute(queries.load("run_index_table"), (oid,)).fetchone()
        for leftover, schema, name, table_oid, _ in rows:
            found = _REINDEX_LEFTOVER.search(name)
            base = name[: found.start()] if found else ""  # the index name, truncated to fit a suffix
            same_table = table_row is None or table_oid == table_row[0]
            if base and index.startswith(base) and same_table:
                out[int(leftover)] = f"{schema}.{name}"
        return out
    table = _regclass(conn, node.relation) if node.relation is not None else None
    for leftover, schema, name, table_oid, _ in rows:
        if kind == ReindexObjectType.REINDEX_OBJECT_TABLE:
            inside = table is not None and table_oid == table
        elif kind == ReindexObjectType.REINDEX_OBJECT_SCHEMA:
            inside = schema == node.name
        else:  # DATABASE / SYSTEM: every leftover of a concurrent reindex in this database
            inside = True
        if inside and _REINDEX_LEFTOVER.search(name):
            out[int(leftover)] = f"{schema}.{name}"
    return out
