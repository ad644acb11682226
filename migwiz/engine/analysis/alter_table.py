"""ALTER TABLE (and ALTER INDEX / VIEW / SEQUENCE / FOREIGN TABLE): the lock level of each subcommand, as
PostgreSQL's `AlterTableGetLockLevel` chooses it, and dispatch to the column, constraint and partition
modules."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pglast import ast
from pglast.enums import AlterTableType as AT
from pglast.enums import ConstrType, DropBehavior, ObjectType

from migwiz.engine.analysis.columns import add_column, alter_column_type, drop_column, set_not_null
from migwiz.engine.analysis.constraints import add_constraint, drop_constraint, validate_constraint
from migwiz.engine.analysis.dml import stored_default
from migwiz.engine.analysis.effects import (
    ACCESS_EXCLUSIVE,
    ACCESS_SHARE,
    SHARE,
    SHARE_ROW_EXCLUSIVE,
    SHARE_UPDATE_EXCLUSIVE,
    Context,
    Effect,
    Hit,
    Registry,
    has_storage,
    known_column,
    surely_absent,
    with_descendants,
)
from migwiz.engine.analysis.only import only_on_parent
from migwiz.engine.analysis.partition import attach_partition, detach_partition, finalize_detach
from migwiz.engine.analysis.rewrites import rewriting_subcommand
from migwiz.engine.analysis.sequence import default_sequences, identity_change
from migwiz.engine.analysis.sqlnodes import sql_ident, sql_name

registry = Registry()
"""The statement handlers of this module."""


_RECURSING = {
    AT.AT_AddColumn,
    AT.AT_DropColumn,
    AT.AT_AlterColumnType,
    AT.AT_SetNotNull,
    AT.AT_DropNotNull,
    AT.AT_ColumnDefault,
    AT.AT_AddConstraint,
    AT.AT_ValidateConstraint,
    AT.AT_DropConstraint,
    AT.AT_SetStatistics,
    AT.AT_SetStorage,
    AT.AT_SetCompression,
    AT.AT_DropExpression,
}


_IDENTITY = {AT.AT_AddIdentity, AT.AT_SetIdentity, AT.AT_DropIdentity}
"""Identity subcommands: they reach the partitions (not inheritance children) from PostgreSQL 17."""


_SUE_SUBCOMMANDS = {
    AT.AT_SetStatistics,
    AT.AT_ClusterOn,
    AT.AT_DropCluster,
    AT.AT_SetOptions,
    AT.AT_ResetOptions,
    AT.AT_ValidateConstraint,
    AT.AT_DetachPartitionFinalize,
}


_SRE_SUBCOMMANDS = {
    AT.AT_EnableTrig,
    AT.AT_EnableAlwaysTrig,
    AT.AT_EnableReplicaTrig,
    AT.AT_EnableTrigAll,
    AT.AT_EnableTrigUser,
    AT.AT_DisableTrig,
    AT.AT_DisableTrigAll,
    AT.AT_DisableTrigUser,
}


_REWRITING_SUBCOMMANDS = {AT.AT_SetTableSpace, AT.AT_SetLogged, AT.AT_SetUnLogged, AT.AT_SetAccessMethod}


_AEL_RELOPTIONS = frozenset({"check_option", "security_barrier", "security_invoker", "user_catalog_table"})


_AT_KINDS = {
    AT.AT_AddColumn: "ADD COLUMN",
    AT.AT_DropColumn: "DROP COLUMN",
    AT.AT_AlterColumnType: "ALTER COLUMN TYPE",
    AT.AT_SetNotNull: "SET NOT NULL",
    AT.AT_DropNotNull: "DROP NOT NULL",
    AT.AT_ColumnDefault: "SET DEFAULT",
    AT.AT_AddConstraint: "ADD CONSTRAINT",
    AT.AT_ValidateConstraint: "VALIDATE CONSTRAINT",
    AT.AT_DropConstraint: "DROP CONSTRAINT",
    AT.AT_SetStatistics: "SET STATISTICS",
    AT.AT_SetRelOptions: "SET (options)",
    AT.AT_ResetRelOptions: "RESET (options)",
    AT.AT_AttachPartition: "ATTACH PARTITION",
    AT.AT_DetachPartition: "DETACH PARTITION",
    AT.AT_SetStorage: "SET STORAGE",
    AT.AT_ReplicaIdentity: "REPLICA IDENTITY",
    AT.AT_EnableRowSecurity: "ENABLE ROW LEVEL SECURITY",
    AT.AT_ChangeOwner: "OWNER TO",
    AT.AT_SetTableSpace: "SET TABLESPACE",
    AT.AT_SetLogged: "SET LOGGED",
    AT.AT_SetUnLogged: "SET UNLOGGED",
    AT.AT_AddIdentity: "ADD IDENTITY",
    AT.AT_ClusterOn: "CLUSTER ON",
    AT.AT_AddInherit: "INHERIT",
    AT.AT_DropInherit: "NO INHERIT",
}


@registry.handles(ast.AlterTableStmt)
def _alter_table(node: Any, ctx: Context) -> Effect:
    relation = ctx.name(node.relation)
    objtype = node.objtype
    if node.missing_ok and surely_absent(ctx, relation, objtype == ObjectType.OBJECT_SEQUENCE):
        return Effect("ALTER TABLE")  # IF EXISTS of a relation the database does not have: nothing happens
    if objtype == ObjectType.OBJECT_INDEX:
        return _alter_index(node, relation, ctx)
    if objtype == ObjectType.OBJECT_TYPE:  # a composite type's attributes: the type, not a table
        return _alter_composite(node, relation, ctx)
    prefix = {
        ObjectType.OBJECT_VIEW: "ALTER VIEW",
        ObjectType.OBJECT_MATVIEW: "ALTER MATERIALIZED VIEW",
        ObjectType.OBJECT_SEQUENCE: "ALTER SEQUENCE",
        ObjectType.OBJECT_FOREIGN_TABLE: "ALTER FOREIGN TABLE",
    }.get(objtype, "ALTER TABLE")
    kinds: list[str] = []
    effect = Effect(prefix)
    for cmd in node.cmds:
        kind = _AT_KINDS.get(cmd.subtype, cmd.subtype.name.removeprefix("AT_"))
        if cmd.subtype == AT.AT_ColumnDefault and cmd.def_ is None:
            kind = "DROP DEFAULT"
        if kind not in kinds:
            kinds.append(kind)
        if objtype == ObjectType.OBJECT_SEQUENCE and cmd.subtype in (AT.AT_SetLogged, AT.AT_SetUnLogged):
            effect.lock(relation, ACCESS_EXCLUSIVE)  # a sequence's new file is no rewrite
            continue
        if not node.relation.inh:
            only_on_parent(cmd, relation, effect, ctx)
        _alter_table_cmd(cmd, relation, bool(node.relation.inh), effect, ctx)
    effect.kind = f"{prefix} {', '.join(kinds)}"
    return effect


def _identity_needs_not_null(cmd: Any, relation: str, effect: Effect, ctx: Context) -> None:
    """ADD GENERATED ... AS IDENTITY is refused on a column that is not NOT NULL (55000)."""
    state = ctx.schema.table(relation)
    facts = state.columns.get(str(cmd.name)) if state else None
    if facts is None or facts.not_null:
        return
    column = sql_ident(str(cmd.name))
    effect.hits.append(
        Hit(
            "statement-fails",
            relation,
            f"ADD GENERATED AS IDENTITY fails: {relation}.{cmd.name} is not NOT NULL (55000)",
            f"-- make the column NOT NULL first (see set-not-null-scan for the scan-free way), then:\n"
            f"ALTER TABLE {sql_name(relation)} ALTER COLUMN {column} SET NOT NULL;\n"
            f"ALTER TABLE {sql_name(relation)} ALTER COLUMN {column} ADD GENERATED "
            f"{'ALWAYS' if str(cmd.def_.generated_when) == 'a' else 'BY DEFAULT'} AS IDENTITY;",
        )
    )


def _alter_composite(node: Any, type_name: str, ctx: Context) -> Effect:
    """ALTER TYPE of a composite type's attributes locks no table; changing an attribute's type fails while
    a table column has the type (PostgreSQL does not rewrite the rows that store it)."""
    effect = Effect("ALTER TYPE")
    name = type_name.rsplit(".", 1)[-1]
    if not any(cmd.subtype == AT.AT_AlterColumnType for cmd in node.cmds):
        return effect
    users = [
        f"{table}.{column}"
        for table, state in ctx.schema.tables.items()
        if state.kind in ("r", "p")
        for column, facts in state.columns.items()
        if facts.type_name == name
    ]
    if users:
        effect.hits.append(
            Hit(
                "composite-type-in-use",
                type_name,
                f"ALTER TYPE {type_name} ALTER ATTRIBUTE ... TYPE fails: {', '.join(users)} uses the type",
                "-- create a new composite type, add a column of it, backfill it in batches, then drop the "
                "old column and type in a contract step",
            )
        )
    return effect


def _alter_index(node: Any, relation: str, ctx: Context) -> Effect:
    effect = Effect("ALTER INDEX")
    for cmd in node.cmds:
        if cmd.subtype == AT.AT_AttachPartition:
            _attach_index(cmd, relation, effect, ctx)
        elif cmd.subtype in (AT.AT_SetRelOptions, AT.AT_ResetRelOptions):
            effect.lock(relation, SHARE_UPDATE_EXCLUSIVE)
            effect.kind = "ALTER INDEX SET (options)"
        elif cmd.subtype == AT.AT_SetStatistics:
            effect.lock(relation, SHARE_UPDATE_EXCLUSIVE)
            effect.kind = "ALTER INDEX SET STATISTICS"
        else:
            effect.lock(relation, ACCESS_EXCLUSIVE)
            if cmd.subtype == AT.AT_SetTableSpace and _stays(relation, str(cmd.name), ctx):
                continue  # already there: PostgreSQL does nothing
            if cmd.subtype == AT.AT_SetTableSpace:  # the index is copied to a new file
                effect.rewrite(relation)
                effect.rebuild(relation)
    return effect


def _stays(index: str, tablespace: str, ctx: Context) -> bool:
    """SET TABLESPACE pg_default of an index of a table in the default tablespace: where it already is."""
    table = ctx.schema.index_tables.get(index)
    state = ctx.schema.table(table) if table else None
    return tablespace == "pg_default" and state is not None and state.tablespace is None


def _attach_index(cmd: Any, index: str, effect: Effect, ctx: Context) -> None:
    """ALTER INDEX parent ATTACH PARTITION child: ShareUpdateExclusiveLock on the parent index,
    AccessExclusiveLock on the attached one, AccessShareLock on both tables, no build."""
    effect.kind = "ALTER INDEX ATTACH PARTITION"
    child = ctx.name(cmd.def_.name)
    effect.lock(index, SHARE_UPDATE_EXCLUSIVE)
    effect.lock(child, ACCESS_EXCLUSIVE)
    for name in (index, child):
        table = ctx.schema.index_tables.get(name)
        if table:
            effect.lock(table, ACCESS_SHARE)


def _alter_table_cmd(cmd: Any, relation: str, inh: bool, effect: Effect, ctx: Context) -> None:
    sub = cmd.subtype
    mode = _at_mode(cmd, ctx)
    state = ctx.schema.table(relation)
    partitioned = state is not None and state.kind == "p"
    recurses = sub in _RECURSING or (sub in _IDENTITY and ctx.pg_version >= 17 and partitioned)
    if sub == AT.AT_AddConstraint and getattr(cmd.def_, "is_no_inherit", False) and ctx.pg_version < 18:
        recurses = False  # a CHECK ... NO INHERIT leaves the children alone (18 locks them too)
    targets = with_descendants(ctx, relation, inh and recurses)
    for target in targets:
        effect.lock(target, _partition_mode(cmd, target, mode, ctx) if target != relation else mode)
    storage_targets = [t for t in targets if has_storage(ctx, t)]
    if sub == AT.AT_AddColumn and cmd.missing_ok and known_column(ctx, relation, cmd.def_.colname) is True:
        return  # ADD COLUMN IF NOT EXISTS of a column the table has: only the lock
    if sub == AT.AT_DropColumn and cmd.missing_ok and known_column(ctx, relation, cmd.name) is False:
        return  # DROP COLUMN IF EXISTS of a column the table lacks: only the lock
    if sub == AT.AT_AddColumn:
        add_column(cmd.def_, relation, storage_targets, effect, ctx)
    elif sub == AT.AT_AlterColumnType:
        alter_column_type(cmd, relation, storage_targets, effect, ctx)
    elif sub == AT.AT_SetNotNull:
        set_not_null(cmd.name, relation, storage_targets, effect, ctx)
    elif sub == AT.AT_ColumnDefault:
        if cmd.def_ is not None:
            stored_default(cmd.def_, effect, ctx)
        state = ctx.schema.table(relation)
        if state and cmd.name in state.columns and not state.columns[cmd.name].identity:
            sequences = default_sequences(cmd.def_, ctx)
            state.columns[cmd.name] = replace(state.columns[cmd.name], sequences=sequences)
    elif sub in (AT.AT_AddIdentity, AT.AT_DropIdentity):
        if sub == AT.AT_AddIdentity:
            _identity_needs_not_null(cmd, relation, effect, ctx)
        identity_change(cmd, relation, ctx)
    elif sub == AT.AT_DropNotNull:
        state = ctx.schema.table(relation)
        if state and cmd.name in state.columns:
            state.columns[cmd.name] = replace(state.columns[cmd.name], not_null=False)
    elif sub == AT.AT_AddConstraint:
        add_constraint(cmd.def_, relation, storage_targets, effect, ctx)
    elif sub == AT.AT_ValidateConstraint:
        validate_constraint(cmd.name, relation, storage_targets, effect, ctx)
    elif sub == AT.AT_DropConstraint:
        cascade = cmd.behavior == DropBehavior.DROP_CASCADE
        drop_constraint(cmd.name, relation, cascade, effect, ctx, missing_ok=bool(cmd.missing_ok))
    elif sub == AT.AT_DropColumn:
        drop_column(cmd, relation, effect, ctx)
    elif sub in _REWRITING_SUBCOMMANDS or sub == AT.AT_SetExpression:
        rewriting_subcommand(cmd, relation, storage_targets, effect, ctx)
    elif sub == AT.AT_AttachPartition:
        attach_partition(cmd.def_, relation, effect, ctx)
    elif sub == AT.AT_DetachPartition:
        detach_partition(cmd.def_, relation, effect, ctx)
    elif sub == AT.AT_DetachPartitionFinalize:
        finalize_detach(cmd.def_, relation, effect, ctx)
    elif sub == AT.AT_AddInherit:
        effect.lock(ctx.name(cmd.def_), SHARE_UPDATE_EXCLUSIVE)
    elif sub == AT.AT_DropInherit:
        effect.lock(ctx.name(cmd.def_), ACCESS_SHARE)


_INDEX_BACKED = (ConstrType.CONSTR_UNIQUE, ConstrType.CONSTR_PRIMARY, ConstrType.CONSTR_EXCLUSION)


def _partition_mode(cmd: Any, partition: str, mode: str, ctx: Context) -> str:
    """The lock a recursing subcommand takes on a partition: before PostgreSQL 18 an index-backed
    constraint reaches the partitions as an index build (ShareLock), from 18 as the subcommand itself; a
    primary key on a column not yet NOT NULL sets it on the partition (AccessExclusiveLock)."""
    con = cmd.def_ if cmd.subtype == AT.AT_AddConstraint else None
    if (
        not isinstance(con, ast.Constraint)
        or con.contype not in _INDEX_BACKED
        or con.indexname
        or ctx.pg_version >= 18
    ):
        return mode
    if con.contype == ConstrType.CONSTR_PRIMARY:
        state = ctx.schema.table(partition)
        columns = state.columns if state is not None else {}
        keys = [str(k.sval) for k in con.keys or ()]
        if not all(k in columns and columns[k].not_null for k in keys):
            return mode
    return SHARE


def _at_mode(cmd: Any, ctx: Context) -> str:
    sub = cmd.subtype
    if sub in _SUE_SUBCOMMANDS:
        return SHARE_UPDATE_EXCLUSIVE
    if sub in _SRE_SUBCOMMANDS:
        return SHARE_ROW_EXCLUSIVE
    if sub in (AT.AT_SetRelOptions, AT.AT_ResetRelOptions):
        names = {str(d.defname).lower() for d in cmd.def_ or ()}
        return ACCESS_EXCLUSIVE if names & _AEL_RELOPTIONS else SHARE_UPDATE_EXCLUSIVE
    if sub == AT.AT_AddConstraint and isinstance(cmd.def_, ast.Constraint):
        if cmd.def_.contype == ConstrType.CONSTR_FOREIGN:
            return SHARE_ROW_EXCLUSIVE
        return ACCESS_EXCLUSIVE
    if sub == AT.AT_AttachPartition:
        return SHARE_UPDATE_EXCLUSIVE if ctx.pg_version >= 12 else ACCESS_EXCLUSIVE
    if sub == AT.AT_DetachPartition:
        return SHARE_UPDATE_EXCLUSIVE if cmd.def_.concurrent else ACCESS_EXCLUSIVE
    return ACCESS_EXCLUSIVE
