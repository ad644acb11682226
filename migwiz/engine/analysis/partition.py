"""Partitions: ATTACH and DETACH (CONCURRENTLY), the DEFAULT partition a new partition narrows, and the
parent a dropped partition locks."""

from __future__ import annotations

from typing import Any

from pglast.enums import AlterTableType as AT

from migwiz.engine.analysis.effects import (
    ACCESS_EXCLUSIVE,
    NO_TX_DIRECTIVE,
    Context,
    Effect,
    Hit,
    fresh_statement,
    has_storage,
)
from migwiz.engine.analysis.sqlnodes import deparse, sql_ident, sql_name


def attach_partition(pcmd: Any, relation: str, effect: Effect, ctx: Context) -> None:
    partition = ctx.name(pcmd.name)
    effect.lock(partition, ACCESS_EXCLUSIVE)
    for child in ctx.schema.descendants(partition):
        effect.lock(child, ACCESS_EXCLUSIVE)
    attached = ctx.schema.table(partition)
    parent_state = ctx.schema.table(relation)
    key = set(parent_state.partition_key) if parent_state is not None else set()
    proven = attached is not None and bool(attached.checked_columns) and key <= attached.checked_columns
    if not proven:  # no validated CHECK constraint on the partition key that may imply the bound
        effect.scan(partition)
        if not ctx.is_new(partition):
            effect.hits.append(_attach_scan_hit(pcmd, partition, relation))
    _missing_indexes(partition, attached, parent_state, effect, ctx)
    is_default = bool(pcmd.bound is not None and pcmd.bound.is_default)
    if not is_default:
        scan_default_partition("ATTACH PARTITION", partition, relation, effect, ctx)
    parent = ctx.schema.table(relation)
    if parent is not None:
        parent.children.append(partition)
    child_state = ctx.schema.table(partition)
    if child_state is not None:
        child_state.parent = relation
        child_state.default_partition = is_default


def _missing_indexes(partition: str, attached: Any, parent: Any, effect: Effect, ctx: Context) -> None:
    """The parent's indexes that the attached table has no index on the same columns for are built on it,
    under its AccessExclusiveLock (a full scan each)."""
    if attached is None or parent is None or attached.kind == "p":
        return
    have = set(attached.indexes.values())
    missing = [
        (index, columns) for index, columns in parent.indexes.items() if columns and columns not in have
    ]
    if not missing:
        return
    effect.scan(partition)
    if ctx.is_new(partition):
        return
    names = ", ".join(index for index, _ in missing)
    creates = [
        f"CREATE INDEX CONCURRENTLY ON {sql_name(partition)} ({', '.join(sql_ident(c) for c in columns)});"
        for _, columns in missing
    ]
    effect.hits.append(
        Hit(
            "index-not-concurrent",
            partition,
            f"ATTACH PARTITION builds {names} on {partition} under AccessExclusiveLock: reads and writes of "
            f"{partition} wait for each build",
            "\n".join(
                [
                    NO_TX_DIRECTIVE,
                    "-- build the indexes on the table first; ATTACH then adopts them:",
                    *creates,
                ]
            ),
        )
    )


def _attach_scan_hit(pcmd: Any, partition: str, relation: str) -> Hit:
    """ATTACH PARTITION reads every row of the table it attaches under AccessExclusiveLock, unless a
    validated CHECK constraint already proves the bound."""
    bound = deparse(pcmd.bound) if pcmd.bound is not None else "<bound>"
    check = sql_ident(f"{partition.split('.', 1)[-1]}_bound")
    part, rel = sql_name(partition), sql_name(relation)
    return Hit(
        "attach-partition-scan",
        partition,
        f"ATTACH PARTITION {partition} scans it for rows outside the bound ({bound}) under "
        f"AccessExclusiveLock: reads and writes of {partition} wait for the whole scan",
        f"ALTER TABLE {part} ADD CONSTRAINT {check} CHECK (<the bound as a condition on the partition "
        f"key, NOT NULL included>) NOT VALID;\n"
        f"-- in the next migration (ShareUpdateExclusiveLock only):\n"
        f"ALTER TABLE {part} VALIDATE CONSTRAINT {check};\n"
        f"-- in the next migration: the attach skips the scan\n"
        f"ALTER TABLE {rel} ATTACH PARTITION {part} {bound};\n"
        f"ALTER TABLE {part} DROP CONSTRAINT {check};",
    )


def scan_default_partition(what: str, partition: str, relation: str, effect: Effect, ctx: Context) -> None:
    """A new partition narrows the DEFAULT partition: PostgreSQL locks it (and its partitions)
    AccessExclusiveLock and scans it for rows that now belong to the new partition."""
    default = ctx.schema.default_partition(relation)
    if default is None:
        return
    for target in (default, *ctx.schema.descendants(default)):
        effect.lock(target, ACCESS_EXCLUSIVE)
        if has_storage(ctx, target):
            effect.scan(target)
    if not ctx.is_new(default):
        effect.hits.append(
            Hit(
                "default-partition-scan",
                default,
                f"{what} {partition} scans the default partition {default} under AccessExclusiveLock: "
                f"reads and writes of {default} (and queries on {relation} that reach it) wait for the "
                f"whole scan",
                f"-- first add a CHECK constraint on {default} that excludes the new partition's values,\n"
                f"-- so PostgreSQL skips the scan (its AccessExclusiveLock stays, but only briefly):\n"
                f"ALTER TABLE {sql_name(default)} ADD CONSTRAINT <name> CHECK (NOT (<new partition bound>)) "
                f"NOT VALID;\n"
                f"ALTER TABLE {sql_name(default)} VALIDATE CONSTRAINT <name>;",
            )
        )


def detach_partition(pcmd: Any, relation: str, effect: Effect, ctx: Context) -> None:
    """DETACH takes AccessExclusiveLock on the partition; CONCURRENTLY (14+) too, in its second
    transaction, once the queries that saw the partition are gone. Without CONCURRENTLY the DEFAULT
    partition is locked as well (its constraint widens); CONCURRENTLY is refused when one exists."""
    partition = ctx.name(pcmd.name)
    effect.lock(partition, ACCESS_EXCLUSIVE)
    default = ctx.schema.default_partition(relation)
    refusing = default  # CONCURRENTLY is refused while a default partition exists, even to detach it
    if default == partition:
        default = None
    if pcmd.concurrent:
        effect.no_transaction = True
        pending = [
            c for c in ctx.schema.descendants(relation) if (s := ctx.schema.table(c)) and s.detach_pending
        ]
        if pending:
            effect.hits.append(_pending_detach_hit(partition, relation, pending[0]))
        elif refusing is not None:
            effect.hits.append(_concurrent_refused_hit(partition, relation, refusing))
    else:
        if default is not None:
            effect.lock(default, ACCESS_EXCLUSIVE)
        if ctx.pg_version >= 14 and not ctx.is_new(relation):
            effect.hits.append(_detach_hit(partition, relation, refusing, ctx))
    parent = ctx.schema.table(relation)
    if parent is not None:
        parent.children = [c for c in parent.children if c != partition]
    child = ctx.schema.table(partition)
    if child is not None:
        child.parent = None
        child.default_partition = False


def finalize_detach(pcmd: Any, relation: str, effect: Effect, ctx: Context) -> None:
    """DETACH PARTITION ... FINALIZE completes an interrupted DETACH CONCURRENTLY; with none pending on the
    partition (the catalog read, or the set walked from its start, where every detach completes) it fails."""
    partition = ctx.name(pcmd.name)
    child = ctx.schema.table(partition)
    whole = ctx.schema.from_catalog or ctx.schema.from_empty
    if child is not None and not child.detach_pending and whole:
        effect.hits.append(
            Hit(
                "statement-fails",
                partition,
                f"DETACH PARTITION {partition} FINALIZE fails: no DETACH CONCURRENTLY of it is pending",
                f"-- drop the statement: {partition} is still attached to {relation}; to detach it:\n"
                f"{NO_TX_DIRECTIVE}\nALTER TABLE {sql_name(relation)} DETACH PARTITION {sql_name(partition)} "
                f"CONCURRENTLY;",
            )
        )
        return
    parent = ctx.schema.table(relation)
    if parent is not None:
        parent.children = [c for c in parent.children if c != partition]
    if child is not None:
        child.parent = None
        child.detach_pending = False


def _pending_detach_hit(partition: str, relation: str, pending: str) -> Hit:
    """A cut-off DETACH CONCURRENTLY left `pending` half-detached: no other concurrent detach of the table
    runs until it is finalized (55000)."""
    fix = f"ALTER TABLE {sql_name(relation)} DETACH PARTITION {sql_name(pending)} FINALIZE;"
    if pending != partition:
        fix += (
            f"\n-- then:\n{NO_TX_DIRECTIVE}\nALTER TABLE {sql_name(relation)} DETACH PARTITION "
            f"{sql_name(partition)} CONCURRENTLY;"
        )
    return Hit(
        "statement-fails",
        relation,
        f"DETACH PARTITION {partition} CONCURRENTLY fails: the detach of {pending} from {relation} was cut "
        f"off and is still pending (55000)",
        fix,
    )


def _concurrent_refused_hit(partition: str, relation: str, default: str) -> Hit:
    return Hit(
        "statement-fails",
        relation,
        f"DETACH PARTITION {partition} CONCURRENTLY fails: {relation} has the default partition {default} "
        f"(55000)",
        f"-- in a quiet window (AccessExclusiveLock on {relation}):\n"
        f"ALTER TABLE {sql_name(relation)} DETACH PARTITION {sql_name(partition)};",
    )


def _detach_hit(partition: str, relation: str, default: str | None, ctx: Context) -> Hit:
    message = (
        f"DETACH PARTITION {partition} takes AccessExclusiveLock on {relation}: reads and writes of "
        f"every partition wait"
    )
    if default is not None:
        return Hit(
            "detach-partition-not-concurrent",
            relation,
            f"{message} (CONCURRENTLY is refused while {relation} has the default partition {default})",
            f"-- run it in a quiet window, with a short lock_timeout: {relation} has a default partition, "
            f"so DETACH ... CONCURRENTLY is refused",
        )
    fresh = fresh_statement(ctx)
    for cmd in fresh.cmds:
        if cmd.subtype == AT.AT_DetachPartition:
            cmd.def_.concurrent = True
    return Hit("detach-partition-not-concurrent", relation, message, f"{NO_TX_DIRECTIVE}\n{deparse(fresh)};")


def partition_parent(ctx: Context, relation: str) -> str | None:
    """The partitioned table `relation` is a partition of (an inheritance parent is not locked by DROP)."""
    state = ctx.schema.table(relation)
    parent = state.parent if state else None
    parent_state = ctx.schema.table(parent) if parent else None
    if parent is None or (parent_state is not None and parent_state.kind != "p"):
        return None
    return parent
