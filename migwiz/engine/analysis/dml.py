"""INSERT / UPDATE / DELETE / MERGE, SELECT (FOR UPDATE), nextval/setval calls, and DO blocks."""

from __future__ import annotations

from typing import Any

from pglast import ast

from migwiz.engine.analysis.effects import (
    ACCESS_SHARE,
    ROW_EXCLUSIVE,
    ROW_SHARE,
    Context,
    Effect,
    Hit,
    Registry,
    with_descendants,
)
from migwiz.engine.analysis.session import follow_set_config
from migwiz.engine.analysis.sqlnodes import func_name, sql_name, string_const, walk

registry = Registry()
"""The statement handlers of this module."""


@registry.handles(ast.InsertStmt, ast.UpdateStmt, ast.DeleteStmt, ast.MergeStmt)
def _dml(node: Any, ctx: Context) -> Effect:
    kind = {ast.InsertStmt: "INSERT", ast.UpdateStmt: "UPDATE", ast.DeleteStmt: "DELETE"}.get(
        type(node), "MERGE"
    )
    effect = Effect(kind)
    relation = ctx.name(node.relation)
    parts = _query_parts(node)
    for source in ctx.reads(parts):
        if source != relation:
            effect.lock(source, ACCESS_SHARE)
    sequence_calls(parts, effect, ctx)
    for target in with_descendants(ctx, relation, bool(node.relation.inh)):
        effect.lock(target, ROW_EXCLUSIVE)
        written = ctx.schema.table(target) if isinstance(node, (ast.InsertStmt, ast.MergeStmt)) else None
        if written is not None:
            written.empty = False
    state = ctx.schema.table(relation)
    if isinstance(node, ast.InsertStmt) and state is not None and _inserts_rows(node):
        for fk in state.foreign_keys:
            effect.lock(fk.referenced, ROW_SHARE)
    if isinstance(node, (ast.UpdateStmt, ast.DeleteStmt)) and node.whereClause is None:
        if isinstance(node, ast.DeleteStmt):
            effect.destroys.append(relation)
        if not ctx.is_new(relation):
            effect.hits.append(
                Hit(
                    "unbatched-update",
                    relation,
                    f"{kind} without WHERE touches every row of {relation} in one transaction "
                    f"(row locks, WAL and bloat all at once)",
                    f"-- move it to a backfill migration (-- migwiz:backfill) and process batches, e.g.\n"
                    f"{kind} ... WHERE id IN (SELECT id FROM {sql_name(relation)} WHERE <not yet done> "
                    f"LIMIT 10000);",
                )
            )
    return effect


_CONSTANT_ROW_ITEMS = (ast.A_Const, ast.SetToDefault)


def _query_parts(node: Any) -> Any:
    """What of a DML statement can read a relation or call a function: all of it, but the rows of an
    INSERT's VALUES list when they hold constants only (a seed file's single INSERT of a million rows is
    then not walked node by node)."""
    select = node.selectStmt if isinstance(node, ast.InsertStmt) else None
    if not (isinstance(select, ast.SelectStmt) and select.valuesLists):
        return node
    if any(
        getattr(select, clause) is not None
        for clause in ("withClause", "sortClause", "limitCount", "limitOffset", "lockingClause")
    ):
        return node
    for row in select.valuesLists:
        for item in row:
            if type(item) is ast.TypeCast:
                item = item.arg
            if type(item) not in _CONSTANT_ROW_ITEMS:
                return node
    return tuple(
        getattr(node, part)
        for part in ("withClause", "relation", "cols", "onConflictClause", "returningClause")
        if getattr(node, part) is not None
    )


def _inserts_rows(node: Any) -> bool:
    select = node.selectStmt
    return isinstance(select, ast.SelectStmt) and bool(select.valuesLists)


def sequence_calls(node: Any, effect: Effect, ctx: Context, mode: str = ROW_EXCLUSIVE) -> None:
    """A lock (RowExclusiveLock: the call runs) on each sequence a nextval() / setval() call below `node`
    names."""
    for call in walk(node):
        if isinstance(call, ast.FuncCall) and func_name(call) in ("nextval", "setval"):
            name = string_const(call.args[0]) if call.args else None
            if name:
                parts = name.split(".")
                effect.lock(
                    f"{parts[0]}.{parts[1]}"
                    if len(parts) == 2
                    else ctx.schema.resolve(name, ctx.default_schema),
                    mode,
                )


def stored_default(expr: Any, effect: Effect, ctx: Context) -> None:
    """A default expression stored in the catalog: from PostgreSQL 18 the sequences it names are locked
    (AccessShareLock) while the dependency is recorded."""
    if ctx.pg_version >= 18:
        sequence_calls(expr, effect, ctx, ACCESS_SHARE)


@registry.handles(ast.SelectStmt)
def _select(node: Any, ctx: Context) -> Effect:
    effect = Effect("SELECT")
    locking = bool(node.lockingClause)
    if node.intoClause is not None:
        effect.kind = "SELECT INTO"
    for source in ctx.reads(node):
        mode = ROW_SHARE if locking else ACCESS_SHARE
        for target in with_descendants(ctx, source, True):
            effect.lock(target, mode)
            state = ctx.schema.table(target)
            for view_source in state.sources if state and state.kind == "v" else ():
                effect.lock(view_source, mode)
    sequence_calls(node, effect, ctx)
    follow_set_config(node, ctx)
    return effect


@registry.handles(ast.DoStmt)
def _do(node: Any, ctx: Context) -> Effect:
    return Effect("DO", unknown=True)
