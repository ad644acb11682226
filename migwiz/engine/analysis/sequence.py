"""CREATE and ALTER SEQUENCE: the sequence's own lock and the table OWNED BY names."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pglast import ast
from pglast.enums import AlterTableType as AT
from pglast.enums import ConstrType, TableLikeOption

from migwiz.engine.analysis.effects import (
    ACCESS_SHARE,
    SHARE_ROW_EXCLUSIVE,
    Context,
    Effect,
    Registry,
    column_constraints,
    surely_absent,
)
from migwiz.engine.analysis.model import ColumnFacts
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
    ctx.schema.add_table(TableState(ctx.created(node.sequence), kind="S"))
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
    for c in column_constraints(coldef):
        if c.contype == ConstrType.CONSTR_IDENTITY:
            return str(c.generated_when), (_identity_sequence(c, relation, str(coldef.colname), ctx),)
    if raw_type_name(coldef.typeName) in SERIAL_TYPES:
        return "", (free_sequence_name(relation, str(coldef.colname), ctx),)
    defaults = [c.raw_expr for c in column_constraints(coldef) if c.contype == ConstrType.CONSTR_DEFAULT]
    return "", default_sequences(defaults[0] if defaults else None, ctx)


def identity_change(cmd: Any, relation: str, ctx: Context) -> None:
    """ADD GENERATED ... AS IDENTITY gives the column its sequence; DROP IDENTITY drops the sequence."""
    state = ctx.schema.table(relation)
    column = str(cmd.name)
    facts = state.columns.get(column) if state else None
    if state is None or facts is None:
        return
    if cmd.subtype == AT.AT_AddIdentity:
        sequence = _identity_sequence(cmd.def_, relation, column, ctx)
        state.columns[column] = replace(facts, identity=str(cmd.def_.generated_when), sequences=(sequence,))
        ctx.schema.add_table(TableState(sequence, kind="S"))
    elif facts.identity:
        state.columns[column] = replace(facts, identity="", sequences=())
        for sequence in facts.sequences:
            ctx.schema.drop(sequence)


def _identity_sequence(constraint: Any, relation: str, column: str, ctx: Context) -> str:
    """An identity column's sequence: SEQUENCE NAME, else `<table>_<column>_seq` beside the table."""
    named = [o.arg for o in constraint.options or () if str(o.defname) == "sequence_name"]
    if named:
        return qualify_names(named[0], relation.rsplit(".", 1)[0])
    return free_sequence_name(relation, column, ctx)


def free_sequence_name(relation: str, column: str, ctx: Context) -> str:
    """The name PostgreSQL gives a serial or identity column's sequence: `<table>_<column>_seq`, or with
    1, 2, ... appended while a relation of that name exists (ChooseRelationName)."""
    base = f"{relation}_{column}_seq"
    name, n = base, 0
    while name in ctx.schema.tables or name in ctx.schema.index_tables:
        n += 1
        name = f"{base}{n}"
    return name


_LIKE_IDENTITY = TableLikeOption.CREATE_TABLE_LIKE_IDENTITY
_LIKE_DEFAULTS = TableLikeOption.CREATE_TABLE_LIKE_DEFAULTS
_LIKE_GENERATED = TableLikeOption.CREATE_TABLE_LIKE_GENERATED


def like_columns(
    columns: dict[str, ColumnFacts], relation: str, options: int, ctx: Context
) -> dict[str, ColumnFacts]:
    """The columns `CREATE TABLE relation (LIKE source ...)` copies: identity only with INCLUDING IDENTITY,
    on a sequence of the new table's own; a default's sequences only with INCLUDING DEFAULTS."""
    out: dict[str, ColumnFacts] = {}
    for column, facts in columns.items():
        if facts.identity and options & _LIKE_IDENTITY:
            facts = replace(facts, sequences=(free_sequence_name(relation, column, ctx),))
        elif facts.identity or not options & _LIKE_DEFAULTS:
            facts = replace(facts, identity="", sequences=())
        if facts.generated and not options & _LIKE_GENERATED:
            facts = replace(facts, generated="")
        out[column] = facts
    return out


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
