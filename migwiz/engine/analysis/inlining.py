"""What a function call is once PostgreSQL's planner has inlined it: a SQL function whose body is a single
`SELECT expression` (not SECURITY DEFINER, no SET, not returning a set) is replaced by that expression
when the expression is no more volatile than the function is declared. A default or an index expression
is judged after inlining, so a VOLATILE SQL function returning a constant is no volatile default."""

from __future__ import annotations

from typing import Any

from pglast import ast, parse_sql
from pglast.parser import ParseError

from migwiz.engine.analysis.sqlnodes import function_names, walk

VOLATILITY_ORDER = "isv"
"""pg_proc.provolatile from least to most volatile: immutable, stable, volatile."""

STABLE_BUILTINS = frozenset(
    {
        "now",
        "statement_timestamp",
        "transaction_timestamp",
        "current_setting",
        "to_char",
        "current_schema",
        "current_schemas",
        "pg_backend_pid",
    }
)
"""Built-in functions PostgreSQL marks STABLE that appear in expressions (not allowed in an index)."""


def expression_volatility(expr: Any, known: dict[str, str], volatile_builtins: frozenset[str]) -> str:
    """The volatility ('i', 's' or 'v') of an expression from the functions it calls: known (catalog or
    earlier CREATE FUNCTION, as planned) first, then built-ins; CURRENT_TIMESTAMP and friends are stable."""
    worst = "i"
    for name in function_names(expr):
        level = known.get(name) or (
            "v" if name in volatile_builtins else "s" if name in STABLE_BUILTINS else "i"
        )
        worst = max(worst, level, key=VOLATILITY_ORDER.index)
    if worst == "i" and any(isinstance(n, ast.SQLValueFunction) for n in walk(expr)):
        worst = "s"
    return worst


def inline_body(source: str) -> Any | None:
    """The expression of a `SELECT expression` body (nothing else: no FROM, WHERE, several columns), or of
    a SQL-standard `RETURN expression` body as `pg_get_function_sqlbody` prints it."""
    text = source.strip()
    if text[:7].upper() == "RETURN ":
        source = f"SELECT {text[7:]}"
    try:
        stmts = parse_sql(source)
    except ParseError:  # a body PostgreSQL accepted but pglast cannot read: not inlined
        return None
    if len(stmts) != 1 or not isinstance(stmts[0].stmt, ast.SelectStmt):
        return None
    select = stmts[0].stmt
    plain = not any(
        getattr(select, attr)
        for attr in ("fromClause", "whereClause", "groupClause", "havingClause", "sortClause", "limitCount",
                     "limitOffset", "withClause", "distinctClause", "valuesLists", "windowClause")
    )  # fmt: skip
    targets = select.targetList or ()
    if not plain or (select.op is not None and select.op.name != "SETOP_NONE") or len(targets) != 1:
        return None
    return targets[0].val


def planned_volatility(
    declared: str, body: Any | None, known: dict[str, str], volatile_builtins: frozenset[str]
) -> str:
    """The volatility a call has once planned: the body's when the function is inlined (the body is no
    more volatile than declared), else the declared one; a body PostgreSQL cannot inline keeps it."""
    if body is None:
        return declared
    level = expression_volatility(body, known, volatile_builtins)
    return min(declared, level, key=VOLATILITY_ORDER.index)
