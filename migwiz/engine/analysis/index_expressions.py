"""Index expressions a type change makes mutable: `timestamp -> timestamptz` under `date_trunc('day', col)`
fails, as the index is re-created and its expression is then only STABLE (it depends on the TimeZone)."""

from __future__ import annotations

from typing import Any

from pglast import ast, parse_sql
from pglast.parser import ParseError

from migwiz.engine.analysis.effects import Context, Hit
from migwiz.engine.analysis.model import ColumnFacts
from migwiz.engine.analysis.sqlnodes import deparse, func_name, sql_ident, sql_name, type_of, walk

_ZONED_FUNCTIONS = frozenset({"date_trunc", "date_part", "extract", "to_char", "age", "justify_days"})
"""Built-in functions that are STABLE on timestamptz and IMMUTABLE on timestamp."""
_ZONED_CASTS = frozenset({"date", "time", "timestamp"})
"""Casts from timestamptz that are STABLE (from timestamp: IMMUTABLE)."""


def key_expressions(params: list[object]) -> str:
    """The expressions among an index's key parts, as SQL (empty when it has none)."""
    return ", ".join(deparse(p.expr) for p in params if isinstance(p, ast.IndexElem) and p.expr is not None)


def mutable_index_hits(
    old: ColumnFacts | None, new_type: str, column: str, relation: str, ctx: Context
) -> list[Hit]:
    """An index whose expression calls a time-zone dependent function of the column makes
    `ALTER COLUMN ... TYPE timestamptz` (from timestamp) fail."""
    state = ctx.schema.tables.get(relation)
    if old is None or state is None or (old.type_name, new_type) != ("timestamp", "timestamptz"):
        return []
    hits = []
    for index, columns in sorted(state.indexes.items()):
        text = state.index_expressions.get(index)
        if column in columns and text and _zoned(text, column):
            hits.append(
                Hit(
                    "index-expression-mutable",
                    relation,
                    f"ALTER COLUMN {column} TYPE timestamptz fails: the expression of index {index} "
                    f"({text}) is not IMMUTABLE on timestamptz",
                    f"DROP INDEX CONCURRENTLY {sql_name(index)};  -- first, in a migration of its own; "
                    f"then index an immutable form, e.g. date_trunc('day', {sql_ident(column)} "
                    f"AT TIME ZONE 'UTC')",
                )
            )
    return hits


def _zoned(expressions: str, column: str) -> bool:
    """Whether an expression calls a time-zone dependent function (or cast) on the column."""
    try:
        tree = parse_sql(f"SELECT {expressions}")
    except ParseError:  # an expression we cannot read is not reported
        return False
    for node in walk(tree[0].stmt):
        inside: Any
        if isinstance(node, ast.FuncCall) and func_name(node) in _ZONED_FUNCTIONS:
            inside = node.args
        elif isinstance(node, ast.TypeCast) and type_of(node.typeName)[0] in _ZONED_CASTS:
            inside = node.arg
        else:
            continue
        if any(_names(ref, column) for ref in walk(inside)):
            return True
    return False


def _names(node: Any, column: str) -> bool:
    fields: Any = node.fields if isinstance(node, ast.ColumnRef) else None
    return bool(fields) and isinstance(fields[-1], ast.String) and str(fields[-1].sval) == column
