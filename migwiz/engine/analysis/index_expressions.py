"""Index expressions a type change makes mutable: `timestamp -> timestamptz` under `date_trunc('day', col)`
fails, as the index is re-created and its expression is then only STABLE (it depends on the TimeZone).

Which calls become STABLE is read off `pg_proc`, `pg_operator` and `pg_cast` (the same on 11-18): the
functions with an IMMUTABLE overload on timestamp and a STABLE one on timestamptz, the STABLE operators on
timestamptz (± interval; comparisons with date or timestamp, which a constant the index stored is), and the
STABLE casts from timestamptz."""

from __future__ import annotations

from typing import Any

from pglast import ast, parse_sql
from pglast.enums import A_Expr_Kind
from pglast.parser import ParseError

from migwiz.engine.analysis.effects import Context, Hit
from migwiz.engine.analysis.model import ColumnFacts
from migwiz.engine.analysis.sqlnodes import deparse, func_name, sql_ident, sql_name, type_of, walk

_ZONED_FUNCTIONS = frozenset(
    {"age", "date", "date_part", "date_trunc", "extract", "in_range", "overlaps", "time", "timestamp"}
)
"""Built-in functions IMMUTABLE on timestamp and STABLE on timestamptz (pg_proc; `timezone` only with one
argument, AT LOCAL: see `_zoned_call`)."""
_ZONED_CASTS = frozenset({"date", "time", "timetz", "timestamp"})
"""Casts from timestamptz that are STABLE (from timestamp: IMMUTABLE)."""
_ZONED_SHIFTS = frozenset({"+", "-"})
"""timestamptz ± interval is STABLE (a day is not always 24 hours)."""
_COMPARISONS = frozenset({"<", "<=", "=", "<>", "!=", ">", ">="})
"""timestamptz compared with date or timestamp is STABLE: a constant the index holds is a timestamp."""


def key_expressions(params: list[object], predicate: Any = None) -> str:
    """The expressions among an index's key parts and its predicate, as SQL (empty when it has none)."""
    parts = [deparse(p.expr) for p in params if isinstance(p, ast.IndexElem) and p.expr is not None]
    return ", ".join([*parts, deparse(predicate)] if predicate is not None else parts)


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
        inside = _zoned_call(node, column)
        if inside is not None and any(_names(ref, column) for ref in walk(inside)):
            return True
    return False


def _zoned_call(node: Any, column: str) -> Any:
    """The arguments of a call that is STABLE once its timestamp argument is timestamptz (None: not one)."""
    if isinstance(node, ast.FuncCall):
        name = func_name(node)
        if name in _ZONED_FUNCTIONS or (name == "timezone" and len(node.args or ()) == 1):
            return node.args
    elif isinstance(node, ast.TypeCast) and type_of(node.typeName)[0] in _ZONED_CASTS:
        return node.arg
    elif isinstance(node, ast.A_Expr) and node.kind == A_Expr_Kind.AEXPR_OP and node.lexpr is not None:
        operator = str(node.name[-1].sval) if node.name else ""
        sides = (node.lexpr, node.rexpr)
        if operator in _ZONED_SHIFTS and any(_is_interval(side) for side in sides):
            return sides
        if operator in _COMPARISONS and any(_is_constant(side) for side in sides):
            return sides
    return None


def _is_interval(node: Any) -> bool:
    return isinstance(node, ast.TypeCast) and type_of(node.typeName)[0] == "interval"


def _is_constant(node: Any) -> bool:
    """A constant (cast or not): compared with the column, it was stored as a timestamp or a date."""
    inner = node.arg if isinstance(node, ast.TypeCast) else node
    return isinstance(inner, ast.A_Const) and not (
        isinstance(node, ast.TypeCast) and type_of(node.typeName)[0] == "timestamptz"
    )


def _names(node: Any, column: str) -> bool:
    fields: Any = node.fields if isinstance(node, ast.ColumnRef) else None
    return bool(fields) and isinstance(fields[-1], ast.String) and str(fields[-1].sval) == column
