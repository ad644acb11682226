"""CREATE INDEX, REINDEX and DROP INDEX, with and without CONCURRENTLY."""

from __future__ import annotations

from typing import Any

from pglast import ast
from pglast.enums import ReindexObjectType

from migwiz.engine.analysis.effects import (
    ACCESS_EXCLUSIVE,
    NO_TX_DIRECTIVE,
    SHARE,
    SHARE_UPDATE_EXCLUSIVE,
    Context,
    Effect,
    Hit,
    Registry,
    fresh_statement,
    has_storage,
    with_descendants,
)
from migwiz.engine.analysis.index_expressions import key_expressions
from migwiz.engine.analysis.inlining import expression_volatility
from migwiz.engine.analysis.sqlnodes import VOLATILE_BUILTINS, deparse, sql_ident, walk
from migwiz.engine.sets.parsing import parse_sql

registry = Registry()
"""The statement handlers of this module."""


@registry.handles(ast.IndexStmt)
def _create_index(node: Any, ctx: Context) -> Effect:
    relation = ctx.name(node.relation)
    concurrent = bool(node.concurrent)
    effect = Effect(f"CREATE {'UNIQUE ' if node.unique else ''}INDEX{' CONCURRENTLY' if concurrent else ''}")
    mode = SHARE_UPDATE_EXCLUSIVE if concurrent else SHARE
    effect.no_transaction = concurrent
    state = ctx.schema.table(relation)
    partitioned = state is not None and state.kind == "p"  # inheritance children get no index
    index_name = f"{relation.split('.')[0]}.{node.idxname}" if node.idxname else None
    if node.if_not_exists and index_name in ctx.schema.index_tables:  # already there: nothing is built
        effect.lock(relation, mode)
        return effect
    for target in with_descendants(ctx, relation, bool(node.relation.inh) and partitioned):
        effect.lock(target, mode)
        if has_storage(ctx, target):
            effect.scan(target)
    if concurrent and state is not None and state.kind == "p" and node.relation.inh:
        effect.hits.append(_partitioned_concurrently_hit(node, relation, ctx))
    mutable = _mutable_expression(node, ctx)
    if mutable is not None:
        effect.hits.append(mutable)
        return effect  # PostgreSQL refuses it before building anything
    builds = not (state is not None and state.kind == "p" and not node.relation.inh)  # ON ONLY: empty
    if not concurrent and builds and not ctx.is_new(relation):
        fresh = fresh_statement(ctx)
        fresh.concurrent = True
        matview = state is not None and state.kind == "m"
        blocked = "REFRESH waits" if matview else "writes wait"
        effect.hits.append(
            Hit(
                "index-not-concurrent",
                relation,
                f"CREATE INDEX without CONCURRENTLY holds ShareLock on {relation}: {blocked} for the whole "
                f"build",
                f"{NO_TX_DIRECTIVE}\n{deparse(fresh)};",
                "warning" if matview else None,
            )
        )
    if node.idxname:
        index = f"{relation.split('.')[0]}.{node.idxname}"
        ctx.schema.index_tables[index] = relation
        state = ctx.schema.table(relation)
        if state is not None:
            state.indexes[index] = index_columns(node)
            expressions = key_expressions(node.indexParams, node.whereClause)
            if expressions:
                state.index_expressions[index] = expressions
    if partitioned and node.relation.inh:
        _partition_indexes(node, relation, ctx)
    return effect


def _mutable_expression(node: Any, ctx: Context) -> Hit | None:
    """An index expression or predicate that is not IMMUTABLE once planned makes CREATE INDEX fail."""
    known = ctx.schema.function_volatility
    parts = [p.expr for p in node.indexParams if p.expr is not None]
    for what, part in [*(("expression", p) for p in parts), ("predicate", node.whereClause)]:
        if part is None or expression_volatility(part, known, VOLATILE_BUILTINS) == "i":
            continue
        return Hit(
            "index-expression-mutable",
            ctx.name(node.relation),
            f"CREATE INDEX fails: its {what} {deparse(part)} calls a function that is not IMMUTABLE",
            "-- index an IMMUTABLE expression: store the value in a column (filled by the application or a "
            "trigger) and index that column, or use a function declared IMMUTABLE that truly is",
        )
    return None


def _partition_indexes(node: Any, relation: str, ctx: Context) -> None:
    """The index PostgreSQL creates on each partition (`<partition>_<columns>_idx`, `..._expr_idx`; even
    for CREATE UNIQUE INDEX: only constraints get `_key`)."""
    keys = [str(p.name) if p.name else "expr" for p in node.indexParams]
    for partition in ctx.schema.descendants(relation):
        child = ctx.schema.table(partition)
        if child is None or child.kind == "p":
            continue
        schema, name = partition.split(".", 1)
        index = f"{schema}.{'_'.join([name, *keys, 'idx'])}"[: len(schema) + 1 + 63]  # "key": constraints
        if index not in ctx.schema.index_tables:
            ctx.schema.add_index(index, partition, index_columns(node))


def index_columns(node: Any) -> tuple[str, ...]:
    """The columns an index depends on: its key columns in order, then those its expressions and its
    predicate read (changing their type rebuilds the index; dropping one drops it)."""
    keys = [str(p.name) for p in node.indexParams if p.name]
    used = [
        str(n.fields[-1].sval)
        for part in (*(p.expr for p in node.indexParams if p.expr is not None), node.whereClause)
        for n in walk(part)
        if isinstance(n, ast.ColumnRef) and n.fields and isinstance(n.fields[-1], ast.String)
    ]
    return tuple(dict.fromkeys([*keys, *used]))


def _partitioned_concurrently_hit(node: Any, relation: str, ctx: Context) -> Hit:
    """CREATE INDEX CONCURRENTLY on a partitioned table fails: build it per partition, then attach."""
    schema, table = relation.split(".", 1)
    name = str(node.idxname or f"{table}_idx")
    parent = f"{sql_ident(schema)}.{sql_ident(name)}"
    steps = []
    attaches = []
    for partition in ctx.schema.descendants(relation):
        child = ctx.schema.table(partition)
        if child is None or child.kind == "p":
            continue
        fresh: Any = fresh_statement(ctx)
        fresh.relation.schemaname, fresh.relation.relname = partition.split(".", 1)
        fresh.idxname = f"{partition.split('.')[-1]}_{name}"[:63]
        steps.append(f"{deparse(fresh)};")
        attaches.append(
            f"ALTER INDEX {parent} ATTACH PARTITION {sql_ident(schema)}.{sql_ident(fresh.idxname)};"
        )
    only: Any = fresh_statement(ctx)
    only.concurrent = False
    only.relation.inh = False
    only.idxname = name
    return Hit(
        "index-concurrently-partitioned",
        relation,
        f"CREATE INDEX CONCURRENTLY on the partitioned table {relation} fails (PostgreSQL builds indexes "
        f"on partitioned tables only without CONCURRENTLY)",
        "\n".join(
            [
                f"{NO_TX_DIRECTIVE}",
                "-- one index per partition, built concurrently:",
                *(steps or ["CREATE INDEX CONCURRENTLY <name> ON <each partition> (...);"]),
                "-- then, in the next migration: the parent's index (no build) and the attachments",
                f"{deparse(only)};",
                *(attaches or [f"ALTER INDEX {parent} ATTACH PARTITION <each partition index>;"]),
            ]
        ),
    )


@registry.handles(ast.ReindexStmt)
def _reindex(node: Any, ctx: Context) -> Effect:
    concurrent = any(str(p.defname).lower() == "concurrently" for p in node.params or ())
    effect = Effect(f"REINDEX{' CONCURRENTLY' if concurrent else ''}", no_transaction=concurrent)
    if node.kind == ReindexObjectType.REINDEX_OBJECT_INDEX:
        index = ctx.name(node.relation)
        effect.kind = f"REINDEX INDEX{' CONCURRENTLY' if concurrent else ''}"
        effect.lock(index, ACCESS_EXCLUSIVE)  # CONCURRENTLY: when the old, dead index is dropped, at the end
        if concurrent:
            effect.dead.add(index)
        table = ctx.schema.index_tables.get(index)
        state = ctx.schema.table(table) if table else None
        if table and state is not None and state.kind == "p":  # the partitions' indexes are rebuilt
            effect.no_transaction = True
            _reindex_partition_indexes(index, table, concurrent, effect, ctx)
        elif table:
            effect.lock(table, SHARE_UPDATE_EXCLUSIVE if concurrent else SHARE)
            if has_storage(ctx, table):
                effect.scan(table)  # the index is built again from the table
            effect.rewrite(index)
            effect.rebuild(index)
        else:
            effect.rewrite(index)
            effect.rebuild(index)
        relation = table or index
    elif node.kind == ReindexObjectType.REINDEX_OBJECT_TABLE:
        relation = ctx.name(node.relation)
        effect.kind = f"REINDEX TABLE{' CONCURRENTLY' if concurrent else ''}"
        state = ctx.schema.table(relation)
        partitioned = state is not None and state.kind == "p"
        effect.no_transaction = concurrent or partitioned  # 14+: partition by partition, each committed
        for table in with_descendants(ctx, relation, partitioned):
            effect.lock(table, SHARE_UPDATE_EXCLUSIVE if concurrent else SHARE)
            if not has_storage(ctx, table):
                continue
            for index in ctx.schema.indexes_of(table):
                effect.rewrite(index)
                effect.rebuild(index)
                effect.scan(table)
    elif node.kind == ReindexObjectType.REINDEX_OBJECT_SCHEMA and node.name:
        first = _reindex_schema(str(node.name), concurrent, effect, ctx)
        if first is None:
            return effect
        relation = first
    else:
        effect.no_transaction = True
        effect.unknown = True
        return effect
    if not concurrent and ctx.pg_version >= 12 and not ctx.is_new(relation):
        effect.hits.append(
            Hit(
                "reindex-not-concurrent",
                relation,
                f"REINDEX without CONCURRENTLY blocks writes to {relation} (and reads through the index)",
                f"{NO_TX_DIRECTIVE}\n{_reindex_concurrently(ctx.sql)};",
            )
        )
    return effect


def _reindex_schema(schema: str, concurrent: bool, effect: Effect, ctx: Context) -> str | None:
    """REINDEX SCHEMA: outside a transaction, table by table (each under ShareLock, or
    ShareUpdateExclusiveLock CONCURRENTLY), every index of every table and materialized view rebuilt. The
    first existing table is the one the finding names (None: nothing to rebuild)."""
    effect.kind = f"REINDEX SCHEMA{' CONCURRENTLY' if concurrent else ''}"
    effect.no_transaction = True
    first = None
    for table, state in sorted(ctx.schema.tables.items()):
        if not table.startswith(f"{schema}.") or state.kind not in ("r", "m"):
            continue
        indexes = ctx.schema.indexes_of(table)
        if indexes:
            effect.lock(table, SHARE_UPDATE_EXCLUSIVE if concurrent else SHARE)
        for index in indexes:
            effect.rewrite(index)
            effect.rebuild(index)
        if indexes:
            effect.scan(table)
            if first is None and not ctx.is_new(table):
                first = table
    return first


def _reindex_partition_indexes(
    index: str, table: str, concurrent: bool, effect: Effect, ctx: Context
) -> None:
    """REINDEX INDEX of a partitioned index (14+, outside a transaction): each partition's index on the same
    columns is rebuilt under the partition's lock."""
    parent = ctx.schema.table(table)
    columns = parent.indexes.get(index) if parent is not None else None
    effect.lock(table, SHARE_UPDATE_EXCLUSIVE if concurrent else SHARE)
    for partition in ctx.schema.descendants(table):
        child = ctx.schema.table(partition)
        if child is None or child.kind == "p":
            continue
        effect.lock(partition, SHARE_UPDATE_EXCLUSIVE if concurrent else SHARE)
        for leaf, leaf_columns in sorted(child.indexes.items()):
            if leaf_columns == columns:
                effect.rewrite(leaf)
                effect.rebuild(leaf)
                effect.scan(partition)


def _reindex_concurrently(sql: str) -> str:
    fresh: Any = parse_sql(sql)[0].stmt
    fresh.params = (*(fresh.params or ()), ast.DefElem(defname="concurrently"))
    return deparse(fresh)


def drop_index(node: Any, ctx: Context) -> Effect:
    concurrent = bool(node.concurrent)
    effect = Effect(f"DROP INDEX{' CONCURRENTLY' if concurrent else ''}", no_transaction=concurrent)
    for names in node.objects:
        index = ctx.qualified(names)
        if node.missing_ok and ctx.schema.absent(index):
            continue  # IF EXISTS of an index the database does not have: nothing happens
        # CONCURRENTLY: ShareUpdateExclusiveLock on the table, and AccessExclusiveLock on the index in the
        # last transaction, once it is dead (no query can be using it)
        effect.lock(index, ACCESS_EXCLUSIVE)
        if concurrent:
            effect.dead.add(index)
        table = ctx.schema.index_tables.get(index)
        if table:
            effect.lock(table, SHARE_UPDATE_EXCLUSIVE if concurrent else ACCESS_EXCLUSIVE)
            if not concurrent:
                effect.covered.add(index)  # under the AccessExclusiveLock of its table
            state = ctx.schema.table(table)
            for partition in ctx.schema.descendants(table) if state is not None and state.kind == "p" else ():
                effect.lock(partition, ACCESS_EXCLUSIVE)  # their indexes go with the parent's
        if not concurrent and not (table and ctx.is_new(table)):
            fresh = fresh_statement(ctx)
            fresh.concurrent = True
            effect.hits.append(
                Hit(
                    "drop-index-not-concurrent",
                    table or index,
                    f"DROP INDEX {index} takes AccessExclusiveLock on {table or 'its table'}: reads and "
                    f"writes wait",
                    f"{NO_TX_DIRECTIVE}\n{deparse(fresh)};",
                )
            )
        ctx.schema.drop(index)
    return effect
