"""CREATE and ALTER SEQUENCE: the sequence's own lock and the table OWNED BY names."""

from __future__ import annotations

from typing import Any

from pglast import ast

from migwiz.engine.analysis.effects import (
    ACCESS_SHARE,
    SHARE_ROW_EXCLUSIVE,
    Context,
    Effect,
    Registry,
    surely_absent,
)
from migwiz.engine.analysis.schema import TableState
from migwiz.engine.analysis.sqlnodes import qualify_names

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
