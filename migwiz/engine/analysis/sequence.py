"""CREATE and ALTER SEQUENCE: the sequence's own lock and the table OWNED BY names."""

from __future__ import annotations

from typing import Any

from pglast import ast
from pglast.enums import ConstrType

from migwiz.engine.analysis.effects import (
    ACCESS_SHARE,
    SHARE_ROW_EXCLUSIVE,
    Context,
    Effect,
    Registry,
    column_constraints,
    surely_absent,
)
from migwiz.engine.analysis.schema import TableState
from migwiz.engine.analysis.sqlnodes import (
    SERIAL_TYPES,
    func_name,
    qualify_names,
    raw_type_name,
    string_const,
    walk,
)

registry = Registry()
"""The statement handlers of this module."""


@registry.handles(ast.CreateSeqStmt)
def _create_sequence(node: Any, ctx: Context) -> Effect:
    ctx.schema.add_table(TableState(ctx.name(node.sequence), kind="S"))
    effect = Effect("CREATE SEQUENCE")
    _owned_by(node, effect, ctx)
    return effect


@registry.handles(ast.AlterSeqStmt)
def _alter_sequence(node: Any, ctx: Context) -> Effect:
    relation = ctx.name(node.sequence)
    effect = Effect("ALTER SEQUENCE")
    if node.missing_ok and surely_absent(ctx, relation, sequence=True):
        return effect  # IF EXISTS of a sequence the database does not have: nothing happens
    effect.lock(relation, SHARE_ROW_EXCLUSIVE)
    _owned_by(node, effect, ctx)
    return effect


def _owned_by(node: Any, effect: Effect, ctx: Context) -> None:
    """OWNED BY table.column opens the table with AccessShareLock (a sequence's new file is no rewrite)."""
    for opt in node.options or ():
        names = [str(n.sval) for n in opt.arg or ()] if str(opt.defname) == "owned_by" else []
        if len(names) >= 2:
            effect.lock(qualify_names([ast.String(n) for n in names[:-1]], ctx.default_schema), ACCESS_SHARE)


def column_sequences(coldef: Any, relation: str, ctx: Context) -> tuple[str, tuple[str, ...]]:
    """(pg_attribute.attidentity, the sequences the column needs) of a column definition: an identity
    column's own sequence ("a" or "d"), a serial column's, or those `nextval('…')` in its default names."""
    table = relation.rsplit(".", 1)
    schema, name = (table[0], table[1]) if len(table) == 2 else (ctx.default_schema, table[0])
    own = f"{schema}.{name}_{coldef.colname}_seq"
    for c in column_constraints(coldef):
        if c.contype == ConstrType.CONSTR_IDENTITY:
            named = [o.arg for o in c.options or () if str(o.defname) == "sequence_name"]
            sequence = qualify_names(named[0], schema) if named else own
            return str(c.generated_when), (sequence,)
    if raw_type_name(coldef.typeName) in SERIAL_TYPES:
        return "", (own,)
    defaults = [c.raw_expr for c in column_constraints(coldef) if c.contype == ConstrType.CONSTR_DEFAULT]
    return "", default_sequences(defaults[0] if defaults else None, ctx)


def default_sequences(expr: Any, ctx: Context) -> tuple[str, ...]:
    """The sequences the `nextval('…')` calls of a default expression name (resolved on the search_path)."""
    out: list[str] = []
    for node in walk(expr) if expr is not None else ():
        if not isinstance(node, ast.FuncCall) or func_name(node) != "nextval" or not node.args:
            continue
        text = string_const(node.args[0])
        if text:
            parts = [part[1:-1] if part.startswith('"') else part.lower() for part in text.split(".")]
            resolved = ctx.schema.resolve(parts[-1], ctx.default_schema)
            out.append(".".join(parts[-2:]) if len(parts) >= 2 else resolved)
    return tuple(dict.fromkeys(out))
