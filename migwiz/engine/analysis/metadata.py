"""Statements that change catalog metadata only: COMMENT, GRANT / REVOKE, ALTER TYPE (enum values)."""

from __future__ import annotations

from typing import Any

from pglast import ast
from pglast.enums import AlterPublicationAction, ObjectType, PublicationObjSpecType

from migwiz.engine.analysis.effects import (
    ACCESS_SHARE,
    RELATION_KINDS,
    SHARE_UPDATE_EXCLUSIVE,
    Context,
    Effect,
    Registry,
)
from migwiz.engine.analysis.sqlnodes import qualify_names

registry = Registry()
"""The statement handlers of this module."""


@registry.handles(ast.CommentStmt)
def _comment(node: Any, ctx: Context) -> Effect:
    ot = node.objtype
    effect = Effect(f"COMMENT ON {ot.name.removeprefix('OBJECT_')}")
    names = node.object
    if ot in RELATION_KINDS and isinstance(names, (list, tuple)):
        effect.lock(qualify_names(names, ctx.default_schema), SHARE_UPDATE_EXCLUSIVE)
    elif ot == ObjectType.OBJECT_COLUMN:
        effect.lock(qualify_names(names[:-1], ctx.default_schema), SHARE_UPDATE_EXCLUSIVE)
    elif ot in (
        ObjectType.OBJECT_TABCONSTRAINT,
        ObjectType.OBJECT_TRIGGER,
        ObjectType.OBJECT_POLICY,
        ObjectType.OBJECT_RULE,
    ):  # the object is found through its table, opened to read
        effect.lock(qualify_names(names[:-1], ctx.default_schema), ACCESS_SHARE)
    return effect


@registry.handles(ast.GrantStmt)
def _grant(node: Any, ctx: Context) -> Effect:
    effect = Effect("GRANT" if node.is_grant else "REVOKE")
    if (
        ctx.pg_version >= 18
        and node.targtype.name == "ACL_TARGET_OBJECT"
        and node.objtype in (ObjectType.OBJECT_TABLE, ObjectType.OBJECT_SEQUENCE)
    ):
        for rel in node.objects:
            effect.lock(ctx.name(rel), ACCESS_SHARE)
    return effect


@registry.handles(ast.CreateStatsStmt)
def _create_statistics(node: Any, ctx: Context) -> Effect:
    """CREATE STATISTICS: ShareUpdateExclusiveLock on its table (no scan until ANALYZE)."""
    effect = Effect("CREATE STATISTICS")
    for rel in node.relations or ():
        if isinstance(rel, ast.RangeVar):
            effect.lock(ctx.name(rel), SHARE_UPDATE_EXCLUSIVE)
            if node.defnames:
                ctx.schema.statistics[qualify_names(node.defnames, ctx.default_schema)] = ctx.name(rel)
    return effect


@registry.handles(ast.AlterEnumStmt)
def _alter_enum(node: Any, ctx: Context) -> Effect:
    kind = "ALTER TYPE RENAME VALUE" if node.oldVal else "ALTER TYPE ADD VALUE"
    return Effect(kind, no_transaction=ctx.pg_version < 12 and not node.oldVal)


@registry.handles(ast.CreatePublicationStmt, ast.AlterPublicationStmt)
def _publication(node: Any, ctx: Context) -> Effect:
    """A publication's listed tables are each taken under ShareUpdateExclusiveLock (not their partitions);
    FOR ALL TABLES and TABLES IN SCHEMA lock none."""
    create = isinstance(node, ast.CreatePublicationStmt)
    effect = Effect("CREATE PUBLICATION" if create else "ALTER PUBLICATION")
    tables = set()
    for obj in node.pubobjects or ():
        table = getattr(obj, "pubtable", None)
        if obj.pubobjtype == PublicationObjSpecType.PUBLICATIONOBJ_TABLE and table is not None:
            tables.add(ctx.name(table.relation))
    for relation in tables:
        effect.lock(relation, SHARE_UPDATE_EXCLUSIVE)
    known = ctx.schema.publications.setdefault(str(node.pubname), set())
    action = None if create else node.action
    if action == AlterPublicationAction.AP_SetObjects:  # the tables it leaves are locked too
        for relation in known - tables:
            if ctx.schema.table(relation) is not None:
                effect.lock(relation, SHARE_UPDATE_EXCLUSIVE)
        known.clear()
    if action == AlterPublicationAction.AP_DropObjects:
        known -= tables
    else:
        known |= tables
    return effect
