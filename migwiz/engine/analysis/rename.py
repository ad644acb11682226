"""RENAME of relations, columns, constraints, triggers and policies, and SET SCHEMA: locks follow the new
name."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pglast import ast
from pglast.enums import ObjectType

from migwiz.engine.analysis.effects import (
    ACCESS_EXCLUSIVE,
    RELATION_KINDS,
    SHARE_UPDATE_EXCLUSIVE,
    Context,
    Effect,
    Hit,
    Registry,
    surely_absent,
    with_descendants,
)
from migwiz.engine.analysis.sqlnodes import sql_ident, sql_name

registry = Registry()
"""The statement handlers of this module."""


@registry.handles(ast.RenameStmt)
def _rename(node: Any, ctx: Context) -> Effect:
    rt = node.renameType
    if node.missing_ok and node.relation is not None and surely_absent(ctx, ctx.name(node.relation)):
        return Effect("RENAME")  # IF EXISTS of a relation the database does not have: nothing happens
    if rt in RELATION_KINDS and node.relation is not None:
        old = ctx.name(node.relation)
        new = f"{old.split('.')[0]}.{node.newname}"
        is_index = rt == ObjectType.OBJECT_INDEX or old in ctx.schema.index_tables
        effect = Effect(f"ALTER {'INDEX' if is_index else RELATION_KINDS[rt]} RENAME TO")
        # ALTER INDEX ... RENAME: ShareUpdateExclusiveLock (12+); ALTER TABLE ... RENAME of an index takes the
        # table form's AccessExclusiveLock (PostgreSQL locks again once it sees the relation is an index)
        sue = rt == ObjectType.OBJECT_INDEX and ctx.pg_version >= 12
        mode = SHARE_UPDATE_EXCLUSIVE if sue else ACCESS_EXCLUSIVE
        effect.lock(new, mode)
        effect.renamed[old] = new
        if rt == ObjectType.OBJECT_TABLE and not is_index and not ctx.is_new(old):
            effect.hits.append(
                Hit(
                    "rename-table",
                    old,
                    f"RENAME {old} TO {node.newname} breaks running queries and deployed code using "
                    f"the old name",
                    f"-- expand/contract: create the new name as a view first, e.g.\n"
                    f"ALTER TABLE {sql_name(old)} RENAME TO {sql_ident(node.newname)};\n"
                    f"CREATE VIEW {sql_name(old)} AS SELECT * FROM {sql_name(new)};\n"
                    f"-- deploy code using {new}, then drop the view in a contract migration",
                )
            )
        ctx.schema.rename(old, new)
        return effect
    if rt == ObjectType.OBJECT_COLUMN and node.relation is not None:
        relation = ctx.name(node.relation)
        effect = Effect("ALTER TABLE RENAME COLUMN")
        for target in with_descendants(ctx, relation, bool(node.relation.inh)):
            effect.lock(target, ACCESS_EXCLUSIVE)
        if not ctx.is_new(relation):
            effect.hits.append(
                Hit(
                    "rename-column",
                    relation,
                    f"RENAME COLUMN {node.subname} on {relation} breaks deployed code still using the "
                    f"old name",
                    f"-- expand/contract: ALTER TABLE {sql_name(relation)} ADD COLUMN "
                    f"{sql_ident(node.newname)} <type>;\n"
                    f"-- write both, backfill, switch reads, then drop {node.subname} in a contract "
                    f"migration",
                )
            )
        state = ctx.schema.table(relation)
        if state is not None and node.subname in state.columns:
            state.columns[node.newname] = state.columns.pop(node.subname)
        return effect
    if rt in (ObjectType.OBJECT_TABCONSTRAINT, ObjectType.OBJECT_TRIGGER, ObjectType.OBJECT_POLICY):
        effect = Effect(f"ALTER {rt.name.removeprefix('OBJECT_')} RENAME")
        if node.relation is not None:
            relation = ctx.name(node.relation)
            effect.lock(relation, ACCESS_EXCLUSIVE)
            state = ctx.schema.table(relation) if rt == ObjectType.OBJECT_TABCONSTRAINT else None
            index = f"{relation.split('.')[0]}.{node.subname}"
            if state is not None and index in state.indexes:  # a key's index takes the new name too
                ctx.schema.rename(index, f"{relation.split('.')[0]}.{node.newname}")
        return effect
    if rt == ObjectType.OBJECT_TYPE and isinstance(node.object, tuple) and node.object:
        _rename_type(str(node.object[-1].sval).lower(), str(node.newname).lower(), ctx)
    return Effect(f"ALTER {rt.name.removeprefix('OBJECT_')} RENAME")


def _rename_type(old: str, new: str, ctx: Context) -> None:
    """Columns of a renamed type (or arrays of it) carry the new name."""
    renamed = {old: new, f"{old}[]": f"{new}[]"}
    for name, table in list(ctx.schema.tables.items()):
        if any(c.type_name in renamed for c in table.columns.values()):
            state = ctx.schema.table(name)
            assert state is not None
            for column, facts in list(state.columns.items()):
                if facts.type_name in renamed:
                    state.columns[column] = replace(facts, type_name=renamed[facts.type_name])


@registry.handles(ast.AlterObjectSchemaStmt)
def _set_schema(node: Any, ctx: Context) -> Effect:
    effect = Effect(f"ALTER {node.objectType.name.removeprefix('OBJECT_')} SET SCHEMA")
    if node.relation is not None:
        old = ctx.name(node.relation)
        new = f"{node.newschema}.{node.relation.relname}"
        effect.lock(new, ACCESS_EXCLUSIVE)
        effect.renamed[old] = new
        ctx.schema.rename(old, new)
        _move_owned_sequences(old, new, str(node.newschema), effect, ctx)
    return effect


def _move_owned_sequences(old: str, new: str, schema: str, effect: Effect, ctx: Context) -> None:
    """A table's serial and identity sequences move with it to the new schema, each under
    AccessExclusiveLock."""
    state = ctx.schema.table(new)
    if state is None:
        return
    for column, facts in list(state.columns.items()):
        owned = [s for s in facts.sequences if facts.identity or s.startswith(f"{old}_{column}_seq")]
        if not owned:
            continue
        moved = {s: f"{schema}.{s.split('.', 1)[-1]}" for s in owned}
        for before, after in moved.items():
            effect.lock(after, ACCESS_EXCLUSIVE)
            if before in ctx.schema.tables:
                ctx.schema.rename(before, after)
        state.columns[column] = replace(facts, sequences=tuple(moved.get(s, s) for s in facts.sequences))
