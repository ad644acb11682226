"""Table-rewriting maintenance and bulk removal: CLUSTER, VACUUM (FULL), ANALYZE, TRUNCATE, REFRESH
MATERIALIZED VIEW."""

from __future__ import annotations

from typing import Any

from pglast import ast

from migwiz.engine.analysis.effects import (
    ACCESS_EXCLUSIVE,
    ACCESS_SHARE,
    EXCLUSIVE,
    NO_TX_DIRECTIVE,
    SHARE_UPDATE_EXCLUSIVE,
    Context,
    Effect,
    Hit,
    Registry,
    has_storage,
    with_descendants,
)
from migwiz.engine.analysis.sqlnodes import sql_name

registry = Registry()
"""The statement handlers of this module."""


@registry.handles(ast.ClusterStmt)
def _cluster(node: Any, ctx: Context) -> Effect:
    effect = Effect("CLUSTER")
    if node.relation is None:
        effect.no_transaction = True
        effect.unknown = True
        return effect
    relation = ctx.name(node.relation)
    effect.lock(relation, ACCESS_EXCLUSIVE)
    state = ctx.schema.table(relation)
    if state is not None and state.kind == "p":  # 15+, outside a transaction: partition by partition
        effect.no_transaction = True
    for target in with_descendants(ctx, relation, True):
        effect.lock(target, ACCESS_EXCLUSIVE)
        if has_storage(ctx, target):
            effect.rewrite(target)
    if not ctx.is_new(relation):
        effect.hits.append(
            Hit(
                "cluster",
                relation,
                f"CLUSTER rewrites {relation} under AccessExclusiveLock: reads and writes wait until it ends",
                "-- use pg_repack (online), or schedule a maintenance window",
            )
        )
    return effect


@registry.handles(ast.VacuumStmt)
def _vacuum(node: Any, ctx: Context) -> Effect:
    options = {str(o.defname).lower() for o in node.options or ()}
    full = "full" in options
    kind = ("VACUUM FULL" if full else "VACUUM") if node.is_vacuumcmd else "ANALYZE"
    effect = Effect(kind, no_transaction=bool(node.is_vacuumcmd))
    for rel in node.rels or ():
        relation = ctx.name(rel.relation)
        mode = ACCESS_EXCLUSIVE if full else SHARE_UPDATE_EXCLUSIVE
        state = ctx.schema.table(relation)
        partitioned = state is not None and state.kind == "p"
        # a partitioned table is read to list its partitions, then opened with the vacuum's own lock for an
        # instant (vacuum_rel: nothing to do, closed at once) -- an instant that still queues behind every
        # reader; its partitions are processed one by one
        effect.lock(relation, mode)
        for target in ctx.schema.descendants(relation) if partitioned else ():
            effect.lock(target, mode)
            if full and has_storage(ctx, target):
                effect.rewrite(target)
        if full:
            if not partitioned:
                effect.rewrite(relation)
            if not ctx.is_new(relation):
                effect.hits.append(
                    Hit(
                        "vacuum-full",
                        relation,
                        f"VACUUM FULL rewrites {relation} and rebuilds its indexes under "
                        f"AccessExclusiveLock: reads and writes wait",
                        f"VACUUM {sql_name(relation)};  -- or pg_repack for an online rewrite",
                    )
                )
    return effect


@registry.handles(ast.TruncateStmt)
def _truncate(node: Any, ctx: Context) -> Effect:
    effect = Effect("TRUNCATE")
    truncated = {ctx.name(rel) for rel in node.relations}
    for rel in node.relations:
        relation = ctx.name(rel)
        referencing = [fk.table for fk in ctx.schema.referenced_by(relation) if fk.table not in truncated]
        if referencing and node.behavior.name != "DROP_CASCADE":
            effect.hits.append(
                Hit(
                    "drop-has-dependents",
                    relation,
                    f"TRUNCATE {relation} fails: {', '.join(dict.fromkeys(referencing))} reference it by "
                    f"foreign key (truncate them in the same statement, or CASCADE)",
                    f"TRUNCATE {', '.join(sql_name(r) for r in dict.fromkeys([relation, *referencing]))};",
                )
            )
        for target in with_descendants(ctx, relation, bool(rel.inh)):
            effect.lock(target, ACCESS_EXCLUSIVE)
            if has_storage(ctx, target):
                effect.rewrite(target)
        effect.destroys.append(relation)
        if node.behavior.name == "DROP_CASCADE":
            for fk in ctx.schema.referenced_by(relation):
                effect.lock(fk.table, ACCESS_EXCLUSIVE)
                effect.rewrite(fk.table)
        if not ctx.is_new(relation):
            effect.hits.append(
                Hit(
                    "truncate",
                    relation,
                    f"TRUNCATE takes AccessExclusiveLock on {relation} and deletes all its rows (its storage "
                    f"is replaced: new, empty files for the table and its indexes)",
                    f"DELETE FROM {sql_name(relation)} WHERE <batch condition>;  -- in batches, in a "
                    f"backfill migration",
                )
            )
    return effect


@registry.handles(ast.RefreshMatViewStmt)
def _refresh(node: Any, ctx: Context) -> Effect:
    relation = ctx.name(node.relation)
    concurrent = bool(node.concurrent)
    effect = Effect(f"REFRESH MATERIALIZED VIEW{' CONCURRENTLY' if concurrent else ''}")
    effect.lock(relation, EXCLUSIVE if concurrent else ACCESS_EXCLUSIVE)
    state = ctx.schema.table(relation)
    for source in state.sources if state and not node.skipData else ():
        effect.lock(source, ACCESS_SHARE)
    if (
        concurrent
        and state is not None
        and not state.indexes
        and (ctx.schema.from_catalog or ctx.schema.from_empty)
    ):
        effect.hits.append(
            Hit(
                "refresh-concurrently-no-unique-index",
                relation,
                f"REFRESH MATERIALIZED VIEW CONCURRENTLY {relation} fails: it has no unique index",
                f"{NO_TX_DIRECTIVE}\nCREATE UNIQUE INDEX CONCURRENTLY <name> ON {sql_name(relation)} "
                f"(<key columns>);\n-- then, in the next migration, REFRESH MATERIALIZED VIEW CONCURRENTLY",
            )
        )
    if not concurrent:
        effect.rewrite(relation)
        if not ctx.is_new(relation):
            effect.hits.append(
                Hit(
                    "refresh-materialized-view-blocking",
                    relation,
                    f"REFRESH MATERIALIZED VIEW {relation} takes AccessExclusiveLock: reads of it wait",
                    f"REFRESH MATERIALIZED VIEW CONCURRENTLY {sql_name(relation)};  -- needs a unique index "
                    f"on it",
                )
            )
    return effect
