"""Statement -> the locks PostgreSQL takes, what it rewrites or scans, whether it needs autocommit.

Lock levels follow PostgreSQL's own choices (`AlterTableGetLockLevel` in tablecmds.c, index.c,
cluster.c, ...) and were checked against pg_locks on real servers. Each handler also reports `Hit`s: the
rule-worthy facts it saw (a rewrite, a scan under a strong lock), with a message and a mechanical fix.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from pglast import ast, parse_sql
from pglast.enums import AlterTableType as AT
from pglast.enums import ConstrType, ObjectType, ReindexObjectType

from migwiz.engine.analysis.model import LOCK_MODES, ColumnFacts, ForeignKeyFacts, lock_rank, stronger
from migwiz.engine.analysis.schema import DomainState, Schema, TableState
from migwiz.engine.analysis.sqlnodes import (
    SERIAL_TYPES,
    deparse,
    func_name,
    is_volatile,
    qualify,
    qualify_names,
    raw_type_name,
    read_relations,
    string_const,
    type_of,
    walk,
)

ACCESS_SHARE = "AccessShareLock"
ROW_SHARE = "RowShareLock"
ROW_EXCLUSIVE = "RowExclusiveLock"
SHARE_UPDATE_EXCLUSIVE = "ShareUpdateExclusiveLock"
SHARE = "ShareLock"
SHARE_ROW_EXCLUSIVE = "ShareRowExclusiveLock"
EXCLUSIVE = "ExclusiveLock"
ACCESS_EXCLUSIVE = "AccessExclusiveLock"

NO_TX_DIRECTIVE = "-- migwiz:no-transaction"


@dataclass(frozen=True)
class Hit:
    """A rule-worthy fact about a statement: which rule, on which relation, and the fix."""

    rule: str
    relation: str
    message: str
    fix: str | None = None


@dataclass
class Effect:
    """What one statement does, as far as static analysis can tell."""

    kind: str
    locks: dict[str, str] = field(default_factory=dict)
    rewrites: list[str] = field(default_factory=list)
    scans: list[str] = field(default_factory=list)
    no_transaction: bool = False
    hits: list[Hit] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)
    """Relations renamed by this statement, old -> new (locks held on them follow the new name)."""
    unknown: bool = False
    sets_lock_timeout: bool = False
    ends_transaction: bool = False
    destroys: list[str] = field(default_factory=list)
    """Relations (or `table.column`) whose data this statement deletes."""
    dead: set[str] = field(default_factory=set)
    """Relations locked only once no other session can use them (an index already marked dead at the end
    of DROP INDEX / REINDEX CONCURRENTLY): listed in the locks, but they block nothing."""

    def lock(self, relation: str, mode: str) -> None:
        """Record a lock, keeping the strongest mode per relation."""
        self.locks[relation] = stronger(self.locks.get(relation, mode), mode)

    def rewrite(self, relation: str) -> None:
        if relation not in self.rewrites:
            self.rewrites.append(relation)

    def scan(self, relation: str) -> None:
        if relation not in self.scans:
            self.scans.append(relation)


@dataclass
class Context:
    """Inputs every handler needs."""

    pg_version: int
    default_schema: str
    schema: Schema
    sql: str

    def name(self, rangevar: Any) -> str:
        return qualify(rangevar, self.default_schema)

    def is_new(self, relation: str) -> bool:
        return self.schema.is_new(relation)


Handler = Callable[[Any, Context], Effect]
_HANDLERS: dict[type, Handler] = {}


def _handles(*node_types: type) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        for t in node_types:
            _HANDLERS[t] = fn
        return fn

    return register


NO_LOCK_KINDS: dict[type, str] = {
    ast.CreateEnumStmt: "CREATE TYPE AS ENUM",
    ast.CompositeTypeStmt: "CREATE TYPE",
    ast.CreateSchemaStmt: "CREATE SCHEMA",
    ast.CreateExtensionStmt: "CREATE EXTENSION",
    ast.AlterExtensionStmt: "ALTER EXTENSION",
    ast.DefineStmt: "CREATE (definition)",
    ast.CreateRoleStmt: "CREATE ROLE",
    ast.AlterRoleStmt: "ALTER ROLE",
    ast.DropRoleStmt: "DROP ROLE",
    ast.GrantRoleStmt: "GRANT ROLE",
    ast.AlterDefaultPrivilegesStmt: "ALTER DEFAULT PRIVILEGES",
    ast.VariableShowStmt: "SHOW",
    ast.CreateCastStmt: "CREATE CAST",
    ast.AlterFunctionStmt: "ALTER FUNCTION",
    ast.CreateEventTrigStmt: "CREATE EVENT TRIGGER",
    ast.CreateConversionStmt: "CREATE CONVERSION",
    ast.AlterOwnerStmt: "ALTER OWNER",
    ast.CreateRangeStmt: "CREATE TYPE AS RANGE",
    ast.AlterEnumStmt: "ALTER TYPE ADD VALUE",
}
NO_TRANSACTION_KINDS: dict[type, str] = {
    ast.CreatedbStmt: "CREATE DATABASE",
    ast.DropdbStmt: "DROP DATABASE",
    ast.AlterSystemStmt: "ALTER SYSTEM",
    ast.CreateTableSpaceStmt: "CREATE TABLESPACE",
    ast.DropTableSpaceStmt: "DROP TABLESPACE",
}


def effect_of(node: Any, ctx: Context) -> Effect:
    """The effect of one parsed statement; kind "unknown" (no locks claimed) when not modelled."""
    handler = _HANDLERS.get(type(node))
    if handler is not None:
        return handler(node, ctx)
    if type(node) in NO_LOCK_KINDS:
        return Effect(NO_LOCK_KINDS[type(node)])
    if type(node) in NO_TRANSACTION_KINDS:
        return Effect(NO_TRANSACTION_KINDS[type(node)], no_transaction=True)
    return Effect("unknown", unknown=True)


def _fresh(ctx: Context) -> Any:
    """A new parse tree of the statement, safe to modify for a rewritten fix."""
    return parse_sql(ctx.sql)[0].stmt


def _with_descendants(ctx: Context, relation: str, recurse: bool) -> list[str]:
    return [relation, *(ctx.schema.descendants(relation) if recurse else [])]


def _has_storage(ctx: Context, relation: str) -> bool:
    state = ctx.schema.table(relation)
    return state is None or state.kind not in ("p", "v")


# --- ALTER TABLE -----------------------------------------------------------------------------------

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


@_handles(ast.AlterTableStmt)
def _alter_table(node: Any, ctx: Context) -> Effect:
    relation = ctx.name(node.relation)
    objtype = node.objtype
    if objtype == ObjectType.OBJECT_INDEX:
        return _alter_index(node, relation, ctx)
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
        if kind not in kinds:
            kinds.append(kind)
        _alter_table_cmd(cmd, relation, bool(node.relation.inh), effect, ctx)
    effect.kind = f"{prefix} {', '.join(kinds)}"
    return effect


def _alter_index(node: Any, relation: str, ctx: Context) -> Effect:
    effect = Effect("ALTER INDEX")
    for cmd in node.cmds:
        if cmd.subtype in (AT.AT_SetRelOptions, AT.AT_ResetRelOptions):
            effect.lock(relation, SHARE_UPDATE_EXCLUSIVE)
            effect.kind = "ALTER INDEX SET (options)"
        else:
            effect.lock(relation, ACCESS_EXCLUSIVE)
            if cmd.subtype == AT.AT_SetTableSpace:
                effect.rewrite(relation)
    return effect


def _alter_table_cmd(cmd: Any, relation: str, inh: bool, effect: Effect, ctx: Context) -> None:
    sub = cmd.subtype
    mode = _at_mode(cmd, ctx)
    targets = _with_descendants(ctx, relation, inh and sub in _RECURSING)
    for target in targets:
        effect.lock(target, mode)
    storage_targets = [t for t in targets if _has_storage(ctx, t)]
    if sub == AT.AT_AddColumn:
        _add_column(cmd.def_, relation, storage_targets, effect, ctx)
    elif sub == AT.AT_AlterColumnType:
        _alter_column_type(cmd, relation, storage_targets, effect, ctx)
    elif sub == AT.AT_SetNotNull:
        _set_not_null(cmd.name, relation, storage_targets, effect, ctx)
    elif sub == AT.AT_DropNotNull:
        state = ctx.schema.table(relation)
        if state and cmd.name in state.columns:
            col = state.columns[cmd.name]
            state.columns[cmd.name] = ColumnFacts(col.type_name, col.type_mods, False)
    elif sub == AT.AT_AddConstraint:
        _add_constraint(cmd.def_, relation, storage_targets, effect, ctx)
    elif sub == AT.AT_ValidateConstraint:
        _validate_constraint(cmd.name, relation, storage_targets, effect, ctx)
    elif sub == AT.AT_DropConstraint:
        _drop_constraint(cmd.name, relation, effect, ctx)
    elif sub == AT.AT_DropColumn:
        _drop_column(cmd, relation, effect, ctx)
    elif sub in _REWRITING_SUBCOMMANDS or sub == AT.AT_SetExpression:
        for target in storage_targets:
            effect.rewrite(target)
    elif sub == AT.AT_AttachPartition:
        _attach_partition(cmd.def_, relation, effect, ctx)
    elif sub == AT.AT_DetachPartition:
        _detach_partition(cmd.def_, relation, effect, ctx)
    elif sub == AT.AT_AddInherit:
        effect.lock(ctx.name(cmd.def_), SHARE_UPDATE_EXCLUSIVE)
    elif sub == AT.AT_DropInherit:
        effect.lock(ctx.name(cmd.def_), ACCESS_SHARE)


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


def _column_constraints(coldef: Any) -> list[Any]:
    return [c for c in coldef.constraints or () if isinstance(c, ast.Constraint)]


def _add_column(coldef: Any, relation: str, storage: list[str], effect: Effect, ctx: Context) -> None:
    constraints = _column_constraints(coldef)
    types = {c.contype for c in constraints}
    default = next((c.raw_expr for c in constraints if c.contype == ConstrType.CONSTR_DEFAULT), None)
    generated = next((c for c in constraints if c.contype == ConstrType.CONSTR_GENERATED), None)
    serial = raw_type_name(coldef.typeName) in SERIAL_TYPES
    type_name, mods = type_of(coldef.typeName)
    reason = None
    if ConstrType.CONSTR_IDENTITY in types or serial:
        reason = "an identity/serial column fills every row from a sequence"
    elif generated is not None and (generated.generated_kind != "v" or ctx.pg_version < 18):
        reason = "a stored generated column is computed for every row"
    elif default is not None and is_volatile(default, ctx.schema.function_volatility):
        reason = f"the default {deparse(default)} is volatile"
    elif type_name in ctx.schema.constrained_domains:
        reason = f"the domain {type_name} has constraints, checked on every row"
    new = ctx.is_new(relation)
    if reason:
        for target in storage:
            effect.rewrite(target)
        if not new:
            fix = None
            if default is not None and reason.startswith("the default"):
                fix = (
                    f"ALTER TABLE {relation} ADD COLUMN {coldef.colname} {deparse(coldef.typeName)};\n"
                    f"ALTER TABLE {relation} ALTER COLUMN {coldef.colname} SET DEFAULT {deparse(default)};\n"
                    f"-- then backfill existing rows in batches in a backfill migration"
                )
            effect.hits.append(
                Hit(
                    "add-column-volatile-default",
                    relation,
                    f"ADD COLUMN {coldef.colname} rewrites {relation} under AccessExclusiveLock: {reason}",
                    fix,
                )
            )
    not_null = coldef.is_not_null or ConstrType.CONSTR_NOTNULL in types or ConstrType.CONSTR_PRIMARY in types
    identity = ConstrType.CONSTR_IDENTITY in types
    if not_null and default is None and generated is None and not identity and not serial:
        for target in storage:
            effect.scan(target)
        if not new:
            effect.hits.append(
                Hit(
                    "add-column-not-null-no-default",
                    relation,
                    f"ADD COLUMN {coldef.colname} NOT NULL without a default fails on a non-empty "
                    f"{relation} (and scans it under AccessExclusiveLock)",
                    f"ALTER TABLE {relation} ADD COLUMN {coldef.colname} {deparse(coldef.typeName)} "
                    f"NOT NULL DEFAULT <value>;",
                )
            )
    if types & {ConstrType.CONSTR_CHECK, ConstrType.CONSTR_UNIQUE, ConstrType.CONSTR_PRIMARY}:
        for target in storage:
            effect.scan(target)
    for c in constraints:
        if c.contype == ConstrType.CONSTR_FOREIGN:
            referenced = ctx.name(c.pktable)
            effect.lock(referenced, SHARE_ROW_EXCLUSIVE)
            _remember_fk(
                ctx,
                relation,
                c.conname or f"{relation}_{coldef.colname}_fkey",
                (coldef.colname,),
                c,
                True,
            )
    state = ctx.schema.table(relation)
    if state is not None:
        state.columns[coldef.colname] = ColumnFacts(type_name, mods, bool(not_null))


def _remember_fk(
    ctx: Context, table: str, name: str, columns: tuple[str, ...], con: Any, validated: bool
) -> None:
    state = ctx.schema.table(table)
    referenced = ctx.name(con.pktable)
    ref_columns = tuple(str(a.sval) for a in con.pk_attrs or ())
    if state is not None:
        state.foreign_keys.append(ForeignKeyFacts(name, table, columns, referenced, validated, ref_columns))


_NO_REWRITE_CASTS = {("varchar", "text"), ("text", "varchar"), ("cidr", "inet"), ("bpchar", "text")}


def _type_change_rewrites(old: ColumnFacts, new_type: str, new_mods: tuple[int, ...], ctx: Context) -> bool:
    """PostgreSQL's ATColumnChangeRequiresRewrite for the common binary-coercible cases."""
    if old.type_name == new_type:
        if old.type_mods == new_mods or not new_mods:
            return False
        if not old.type_mods:
            return True
        if new_type in ("varchar", "varbit"):
            return new_mods[0] < old.type_mods[0]
        if new_type == "numeric":
            old_scale = old.type_mods[1] if len(old.type_mods) > 1 else 0
            new_scale = new_mods[1] if len(new_mods) > 1 else 0
            return new_scale != old_scale or new_mods[0] < old.type_mods[0]
        return True
    if (old.type_name, new_type) in _NO_REWRITE_CASTS:
        if old.type_name == "bpchar":
            return True  # char(n) -> text strips trailing blanks
        return bool(new_mods) and new_type == "varchar"
    if {old.type_name, new_type} == {"timestamp", "timestamptz"}:
        return not (ctx.pg_version >= 12 and ctx.schema.timezone_utc)
    return True


def _alter_column_type(cmd: Any, relation: str, storage: list[str], effect: Effect, ctx: Context) -> None:
    column = cmd.name
    new_type, new_mods = type_of(cmd.def_.typeName)
    state = ctx.schema.table(relation)
    old = state.columns.get(column) if state else None
    using = cmd.def_.raw_default
    plain_using = using is None or (
        isinstance(using, ast.TypeCast) and isinstance(using.arg, ast.ColumnRef)
    )  # USING col::newtype is what PostgreSQL does anyway
    rewrites = old is None or not plain_using or _type_change_rewrites(old, new_type, new_mods, ctx)
    if rewrites:
        for target in storage:
            effect.rewrite(target)
        if not ctx.is_new(relation):
            why = "its current type is unknown (pass --dsn)" if old is None else f"{_fmt(old)} -> {new_type}"
            effect.hits.append(
                Hit(
                    "column-type-rewrite",
                    relation,
                    f"ALTER COLUMN {column} TYPE rewrites {relation} and its indexes under "
                    f"AccessExclusiveLock ({why})",
                    f"ALTER TABLE {relation} ADD COLUMN {column}_new {deparse(cmd.def_.typeName)};\n"
                    "-- keep it in sync with a trigger, backfill in batches, then swap the names "
                    "in a contract step",
                )
            )
    # the foreign keys on the column are dropped and re-added: both ends are locked
    for fk in _fks_on_column(ctx, relation, column):
        other = fk.referenced if fk.table == relation else fk.table
        effect.lock(other, ACCESS_EXCLUSIVE)
    if state is not None:
        not_null = old.not_null if old else False
        state.columns[column] = ColumnFacts(new_type, new_mods, not_null)


def _fmt(col: ColumnFacts) -> str:
    return col.type_name + (f"({','.join(map(str, col.type_mods))})" if col.type_mods else "")


def _fks_on_column(ctx: Context, relation: str, column: str) -> list[ForeignKeyFacts]:
    out: list[ForeignKeyFacts] = []
    state = ctx.schema.table(relation)
    if state is not None:
        out.extend(fk for fk in state.foreign_keys if column in fk.columns)
    for fk in ctx.schema.referenced_by(relation):
        if fk.table != relation and column in (fk.referenced_columns or _primary_key(ctx, relation)):
            out.append(fk)
    return out


def _primary_key(ctx: Context, relation: str) -> tuple[str, ...]:
    """Columns of `<table>_pkey` (PostgreSQL's default primary key name), when known."""
    state = ctx.schema.table(relation)
    return state.indexes.get(f"{relation}_pkey", ()) if state else ()


def _set_not_null(column: str, relation: str, storage: list[str], effect: Effect, ctx: Context) -> None:
    state = ctx.schema.table(relation)
    proven = ctx.pg_version >= 12 and state is not None and column in state.not_null_checks
    if state is not None and column in state.columns and state.columns[column].not_null:
        proven = True
    if not proven:
        for target in storage:
            effect.scan(target)
        if not ctx.is_new(relation):
            check = f"{relation.split('.')[-1]}_{column}_not_null"
            fix: str | None = (
                f"ALTER TABLE {relation} ADD CONSTRAINT {check} CHECK ({column} IS NOT NULL) NOT VALID;\n"
                f"ALTER TABLE {relation} VALIDATE CONSTRAINT {check};\n"
                f"ALTER TABLE {relation} ALTER COLUMN {column} SET NOT NULL;\n"
                f"ALTER TABLE {relation} DROP CONSTRAINT {check};"
            )
            if ctx.pg_version < 12:
                fix = None
            effect.hits.append(
                Hit(
                    "set-not-null-scan",
                    relation,
                    f"SET NOT NULL on {relation}.{column} scans the whole table under AccessExclusiveLock",
                    fix,
                )
            )
    if state is not None and column in state.columns:
        col = state.columns[column]
        state.columns[column] = ColumnFacts(col.type_name, col.type_mods, True)


def _is_not_null_check(expr: Any) -> str | None:
    if type(expr) is ast.NullTest and str(getattr(expr.nulltesttype, "name", "")) == "IS_NOT_NULL":
        fields: Any = getattr(expr.arg, "fields", None) if type(expr.arg) is ast.ColumnRef else None
        if fields and isinstance(fields[-1], ast.String):
            return str(fields[-1].sval)
    return None


def _add_constraint(con: Any, relation: str, storage: list[str], effect: Effect, ctx: Context) -> None:
    new = ctx.is_new(relation)
    state = ctx.schema.table(relation)
    if con.contype == ConstrType.CONSTR_FOREIGN:
        referenced = ctx.name(con.pktable)
        effect.lock(referenced, SHARE_ROW_EXCLUSIVE)
        validated = not con.skip_validation
        if validated:
            for target in storage:
                effect.scan(target)
            effect.lock(referenced, ROW_SHARE)
            if not new:
                effect.hits.append(
                    Hit(
                        "constraint-not-valid-missing",
                        relation,
                        f"FOREIGN KEY on {relation} validates every row while holding ShareRowExclusiveLock "
                        f"on {relation} and {referenced} (writes blocked on both)",
                        _not_valid_fix(con, relation, ctx),
                    )
                )
        name = con.conname or f"{relation.split('.')[-1]}_fkey"
        columns = tuple(str(a.sval) for a in con.fk_attrs or ())
        _remember_fk(ctx, relation, name, columns, con, validated)
    elif con.contype in (ConstrType.CONSTR_CHECK, ConstrType.CONSTR_NOTNULL):
        validated = not con.skip_validation
        column = _is_not_null_check(con.raw_expr) if con.contype == ConstrType.CONSTR_CHECK else None
        if con.contype == ConstrType.CONSTR_NOTNULL and con.keys:
            column = str(con.keys[0].sval)
        if validated:
            for target in storage:
                effect.scan(target)
            if not new:
                effect.hits.append(
                    Hit(
                        "constraint-not-valid-missing",
                        relation,
                        f"CHECK constraint on {relation} validates every row under AccessExclusiveLock",
                        _not_valid_fix(con, relation, ctx),
                    )
                )
            if column and state is not None:
                state.not_null_checks.add(column)
        elif column and state is not None and con.conname:
            _pending_checks(ctx)[(relation, con.conname)] = column
    elif con.contype in (ConstrType.CONSTR_UNIQUE, ConstrType.CONSTR_PRIMARY, ConstrType.CONSTR_EXCLUSION):
        if con.indexname:
            index = f"{relation.split('.')[0]}.{con.indexname}"
            effect.lock(index, SHARE_UPDATE_EXCLUSIVE)
            if con.contype == ConstrType.CONSTR_PRIMARY and state is not None:
                cols = state.indexes.get(index, ())
                if any(not (c in state.columns and state.columns[c].not_null) for c in cols) or not cols:
                    for target in storage:
                        effect.scan(target)
            return
        for target in storage:
            effect.scan(target)
        if not new and con.contype != ConstrType.CONSTR_EXCLUSION:
            effect.hits.append(
                Hit(
                    "unique-without-index",
                    relation,
                    f"ADD {'PRIMARY KEY' if con.contype == ConstrType.CONSTR_PRIMARY else 'UNIQUE'} builds "
                    f"an index on {relation} under AccessExclusiveLock",
                    _unique_fix(con, relation),
                )
            )


def _pending_checks(ctx: Context) -> dict[tuple[str, str], str]:
    return ctx.schema.pending_not_null_checks


def _not_valid_fix(con: Any, relation: str, ctx: Context) -> str:
    fresh = _fresh(ctx)
    for cmd in getattr(fresh, "cmds", ()) or ():
        if isinstance(cmd.def_, ast.Constraint):
            cmd.def_.skip_validation = True
            cmd.def_.initially_valid = False
    name = con.conname or "<constraint name>"
    return f"{deparse(fresh)};\nALTER TABLE {relation} VALIDATE CONSTRAINT {name};"


def _unique_fix(con: Any, relation: str) -> str:
    table = relation.split(".")[-1]
    cols = [str(k.sval) for k in con.keys or ()]
    name = con.conname or f"{table}_{'_'.join(cols)}_key"
    kind = "PRIMARY KEY" if con.contype == ConstrType.CONSTR_PRIMARY else "UNIQUE"
    return (
        f"{NO_TX_DIRECTIVE}\nCREATE UNIQUE INDEX CONCURRENTLY {name} ON {relation} ({', '.join(cols)});\n"
        f"-- then, in the next migration:\n"
        f"ALTER TABLE {relation} ADD CONSTRAINT {name} {kind} USING INDEX {name};"
    )


def _validate_constraint(name: str, relation: str, storage: list[str], effect: Effect, ctx: Context) -> None:
    state = ctx.schema.table(relation)
    known = [fk for fk in state.foreign_keys if fk.name == name] if state else []
    if known and all(fk.validated for fk in known):
        return  # already valid: PostgreSQL does nothing
    for target in storage:
        effect.scan(target)
    for fk in known:
        effect.lock(fk.referenced, ROW_SHARE)
        state.foreign_keys[state.foreign_keys.index(fk)] = replace(fk, validated=True)  # type: ignore[union-attr]
    column = _pending_checks(ctx).pop((relation, name), None)
    if column and state is not None:
        state.not_null_checks.add(column)


def _drop_constraint(name: str, relation: str, effect: Effect, ctx: Context) -> None:
    state = ctx.schema.table(relation)
    if state is None:
        return
    for fk in list(state.foreign_keys):
        if fk.name == name:
            effect.lock(fk.referenced, ACCESS_EXCLUSIVE)
            state.foreign_keys.remove(fk)


def _drop_column(cmd: Any, relation: str, effect: Effect, ctx: Context) -> None:
    column = cmd.name
    effect.destroys.append(f"{relation}.{column}")
    state = ctx.schema.table(relation)
    if state is not None:
        for fk in list(state.foreign_keys):
            if column in fk.columns:
                effect.lock(fk.referenced, ACCESS_EXCLUSIVE)
                state.foreign_keys.remove(fk)
        state.columns.pop(column, None)
    if not ctx.is_new(relation):
        effect.hits.append(
            Hit(
                "drop-outside-contract",
                relation,
                f"DROP COLUMN {column} on {relation} breaks code still reading it and destroys its data",
                "-- stop reading and writing the column first, then drop it in a contract-phase migration "
                "(-- migwiz:phase=contract)",
            )
        )


def _attach_partition(pcmd: Any, relation: str, effect: Effect, ctx: Context) -> None:
    partition = ctx.name(pcmd.name)
    effect.lock(partition, ACCESS_EXCLUSIVE)
    for child in ctx.schema.descendants(partition):
        effect.lock(child, ACCESS_EXCLUSIVE)
    effect.scan(partition)
    is_default = bool(pcmd.bound is not None and pcmd.bound.is_default)
    if not is_default:
        _scan_default_partition("ATTACH PARTITION", partition, relation, effect, ctx)
    parent = ctx.schema.table(relation)
    if parent is not None:
        parent.children.append(partition)
    child_state = ctx.schema.table(partition)
    if child_state is not None:
        child_state.parent = relation
        child_state.default_partition = is_default


def _scan_default_partition(what: str, partition: str, relation: str, effect: Effect, ctx: Context) -> None:
    """A new partition narrows the DEFAULT partition: PostgreSQL locks it (and its partitions)
    AccessExclusiveLock and scans it for rows that now belong to the new partition."""
    default = ctx.schema.default_partition(relation)
    if default is None:
        return
    for target in (default, *ctx.schema.descendants(default)):
        effect.lock(target, ACCESS_EXCLUSIVE)
        if _has_storage(ctx, target):
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
                f"ALTER TABLE {default} ADD CONSTRAINT <name> CHECK (NOT (<new partition bound>)) "
                f"NOT VALID;\n"
                f"ALTER TABLE {default} VALIDATE CONSTRAINT <name>;",
            )
        )


def _detach_partition(pcmd: Any, relation: str, effect: Effect, ctx: Context) -> None:
    """DETACH takes AccessExclusiveLock on the partition; CONCURRENTLY (14+) too, in its second
    transaction, once the queries that saw the partition are gone. Without CONCURRENTLY the DEFAULT
    partition is locked as well (its constraint widens); CONCURRENTLY is refused when one exists."""
    partition = ctx.name(pcmd.name)
    effect.lock(partition, ACCESS_EXCLUSIVE)
    default = ctx.schema.default_partition(relation)
    if default == partition:
        default = None
    if pcmd.concurrent:
        effect.no_transaction = True
    else:
        if default is not None:
            effect.lock(default, ACCESS_EXCLUSIVE)
        if ctx.pg_version >= 14 and not ctx.is_new(relation):
            effect.hits.append(_detach_hit(partition, relation, default, ctx))
    parent = ctx.schema.table(relation)
    if parent is not None:
        parent.children = [c for c in parent.children if c != partition]
    child = ctx.schema.table(partition)
    if child is not None:
        child.parent = None
        child.default_partition = False


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
            None,
        )
    fresh = _fresh(ctx)
    for cmd in fresh.cmds:
        if cmd.subtype == AT.AT_DetachPartition:
            cmd.def_.concurrent = True
    return Hit("detach-partition-not-concurrent", relation, message, f"{NO_TX_DIRECTIVE}\n{deparse(fresh)};")


# --- indexes ---------------------------------------------------------------------------------------


@_handles(ast.IndexStmt)
def _create_index(node: Any, ctx: Context) -> Effect:
    relation = ctx.name(node.relation)
    concurrent = bool(node.concurrent)
    effect = Effect(f"CREATE {'UNIQUE ' if node.unique else ''}INDEX{' CONCURRENTLY' if concurrent else ''}")
    mode = SHARE_UPDATE_EXCLUSIVE if concurrent else SHARE
    effect.no_transaction = concurrent
    for target in _with_descendants(ctx, relation, bool(node.relation.inh)):
        effect.lock(target, mode)
        if _has_storage(ctx, target):
            effect.scan(target)
    if not concurrent and not ctx.is_new(relation):
        fresh = _fresh(ctx)
        fresh.concurrent = True
        effect.hits.append(
            Hit(
                "index-not-concurrent",
                relation,
                f"CREATE INDEX without CONCURRENTLY holds ShareLock on {relation}: writes wait for the "
                f"whole build",
                f"{NO_TX_DIRECTIVE}\n{deparse(fresh)};",
            )
        )
    if node.idxname:
        index = f"{relation.split('.')[0]}.{node.idxname}"
        ctx.schema.index_tables[index] = relation
        state = ctx.schema.table(relation)
        if state is not None:
            state.indexes[index] = tuple(str(p.name) for p in node.indexParams if p.name)
    return effect


@_handles(ast.ReindexStmt)
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
        if table:
            effect.lock(table, SHARE_UPDATE_EXCLUSIVE if concurrent else SHARE)
        effect.rewrite(index)
        relation = table or index
    elif node.kind == ReindexObjectType.REINDEX_OBJECT_TABLE:
        relation = ctx.name(node.relation)
        effect.kind = f"REINDEX TABLE{' CONCURRENTLY' if concurrent else ''}"
        effect.lock(relation, SHARE_UPDATE_EXCLUSIVE if concurrent else SHARE)
        for index, table in ctx.schema.index_tables.items():
            if table == relation:
                effect.rewrite(index)
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


def _reindex_concurrently(sql: str) -> str:
    fresh: Any = parse_sql(sql)[0].stmt
    fresh.params = (*(fresh.params or ()), ast.DefElem(defname="concurrently"))
    return deparse(fresh)


# --- DROP, RENAME, SET SCHEMA ----------------------------------------------------------------------

_DROP_KINDS = {
    ObjectType.OBJECT_TABLE: "TABLE",
    ObjectType.OBJECT_VIEW: "VIEW",
    ObjectType.OBJECT_MATVIEW: "MATERIALIZED VIEW",
    ObjectType.OBJECT_SEQUENCE: "SEQUENCE",
    ObjectType.OBJECT_FOREIGN_TABLE: "FOREIGN TABLE",
}
_ON_TABLE_KINDS = {
    ObjectType.OBJECT_TRIGGER: "TRIGGER",
    ObjectType.OBJECT_POLICY: "POLICY",
    ObjectType.OBJECT_RULE: "RULE",
}


@_handles(ast.DropStmt)
def _drop(node: Any, ctx: Context) -> Effect:
    rt = node.removeType
    if rt == ObjectType.OBJECT_INDEX:
        return _drop_index(node, ctx)
    if rt in _ON_TABLE_KINDS:
        effect = Effect(f"DROP {_ON_TABLE_KINDS[rt]}")
        for names in node.objects:
            effect.lock(qualify_names(names[:-1], ctx.default_schema), ACCESS_EXCLUSIVE)
        return effect
    if rt not in _DROP_KINDS:
        return Effect(f"DROP {rt.name.removeprefix('OBJECT_')}")
    effect = Effect(f"DROP {_DROP_KINDS[rt]}")
    for names in node.objects:
        relation = qualify_names(names, ctx.default_schema)
        effect.lock(relation, ACCESS_EXCLUSIVE)
        if rt == ObjectType.OBJECT_TABLE:
            new = ctx.is_new(relation)
            for child in ctx.schema.descendants(relation):
                effect.lock(child, ACCESS_EXCLUSIVE)
            parent = _partition_parent(ctx, relation)
            if parent is not None:
                effect.lock(parent, ACCESS_EXCLUSIVE)
                default = ctx.schema.default_partition(parent)
                if default is not None and default != relation:
                    effect.lock(default, ACCESS_EXCLUSIVE)
            state = ctx.schema.table(relation)
            for fk in state.foreign_keys if state else ():
                if fk.referenced != relation:
                    effect.lock(fk.referenced, ACCESS_EXCLUSIVE)
            if node.behavior.name == "DROP_CASCADE":
                for fk in ctx.schema.referenced_by(relation):
                    if fk.table != relation:
                        effect.lock(fk.table, ACCESS_EXCLUSIVE)
            effect.destroys.append(relation)
            if not new:
                effect.hits.append(_drop_table_hit(relation, parent, ctx))
        ctx.schema.drop(relation)
    return effect


def _partition_parent(ctx: Context, relation: str) -> str | None:
    """The partitioned table `relation` is a partition of (an inheritance parent is not locked by DROP)."""
    state = ctx.schema.table(relation)
    parent = state.parent if state else None
    parent_state = ctx.schema.table(parent) if parent else None
    if parent is None or (parent_state is not None and parent_state.kind != "p"):
        return None
    return parent


def _drop_table_hit(relation: str, parent: str | None, ctx: Context) -> Hit:
    if parent is None:
        return Hit(
            "drop-outside-contract",
            relation,
            f"DROP TABLE {relation} breaks code still using it and destroys its data",
            "-- stop using the table first, then drop it in a contract-phase migration "
            "(-- migwiz:phase=contract)",
        )
    fix = "-- stop using the partition, then drop it in a contract-phase migration (-- migwiz:phase=contract)"
    if ctx.pg_version >= 14 and ctx.schema.default_partition(parent) is None:
        fix = (
            f"{NO_TX_DIRECTIVE}\nALTER TABLE {parent} DETACH PARTITION {relation} CONCURRENTLY;\n"
            f"-- then, in a contract-phase migration (-- migwiz:phase=contract), with no lock on {parent}:\n"
            f"DROP TABLE {relation};"
        )
    return Hit(
        "drop-outside-contract",
        relation,
        f"DROP TABLE {relation} destroys its data and takes AccessExclusiveLock on its parent {parent}: "
        f"reads and writes of every partition wait",
        fix,
    )


def _drop_index(node: Any, ctx: Context) -> Effect:
    concurrent = bool(node.concurrent)
    effect = Effect(f"DROP INDEX{' CONCURRENTLY' if concurrent else ''}", no_transaction=concurrent)
    for names in node.objects:
        index = qualify_names(names, ctx.default_schema)
        # CONCURRENTLY: ShareUpdateExclusiveLock on the table, and AccessExclusiveLock on the index in the
        # last transaction, once it is dead (no query can be using it)
        effect.lock(index, ACCESS_EXCLUSIVE)
        if concurrent:
            effect.dead.add(index)
        table = ctx.schema.index_tables.get(index)
        if table:
            effect.lock(table, SHARE_UPDATE_EXCLUSIVE if concurrent else ACCESS_EXCLUSIVE)
        if not concurrent and not (table and ctx.is_new(table)):
            fresh = _fresh(ctx)
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


_RENAME_KINDS = {
    ObjectType.OBJECT_TABLE: "TABLE",
    ObjectType.OBJECT_VIEW: "VIEW",
    ObjectType.OBJECT_MATVIEW: "MATERIALIZED VIEW",
    ObjectType.OBJECT_SEQUENCE: "SEQUENCE",
    ObjectType.OBJECT_FOREIGN_TABLE: "FOREIGN TABLE",
    ObjectType.OBJECT_INDEX: "INDEX",
}


@_handles(ast.RenameStmt)
def _rename(node: Any, ctx: Context) -> Effect:
    rt = node.renameType
    if rt in _RENAME_KINDS and node.relation is not None:
        old = ctx.name(node.relation)
        new = f"{old.split('.')[0]}.{node.newname}"
        is_index = rt == ObjectType.OBJECT_INDEX or old in ctx.schema.index_tables
        effect = Effect(f"ALTER {'INDEX' if is_index else _RENAME_KINDS[rt]} RENAME TO")
        mode = SHARE_UPDATE_EXCLUSIVE if is_index and ctx.pg_version >= 12 else ACCESS_EXCLUSIVE
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
                    f"ALTER TABLE {old} RENAME TO {node.newname};\n"
                    f"CREATE VIEW {old} AS SELECT * FROM {new};\n"
                    f"-- deploy code using {new}, then drop the view in a contract migration",
                )
            )
        ctx.schema.rename(old, new)
        return effect
    if rt == ObjectType.OBJECT_COLUMN and node.relation is not None:
        relation = ctx.name(node.relation)
        effect = Effect("ALTER TABLE RENAME COLUMN")
        for target in _with_descendants(ctx, relation, bool(node.relation.inh)):
            effect.lock(target, ACCESS_EXCLUSIVE)
        if not ctx.is_new(relation):
            effect.hits.append(
                Hit(
                    "rename-column",
                    relation,
                    f"RENAME COLUMN {node.subname} on {relation} breaks deployed code still using the "
                    f"old name",
                    f"-- expand/contract: ALTER TABLE {relation} ADD COLUMN {node.newname} <type>;\n"
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
            effect.lock(ctx.name(node.relation), ACCESS_EXCLUSIVE)
        return effect
    return Effect(f"ALTER {rt.name.removeprefix('OBJECT_')} RENAME")


@_handles(ast.AlterObjectSchemaStmt)
def _set_schema(node: Any, ctx: Context) -> Effect:
    effect = Effect(f"ALTER {node.objectType.name.removeprefix('OBJECT_')} SET SCHEMA")
    if node.relation is not None:
        old = ctx.name(node.relation)
        new = f"{node.newschema}.{node.relation.relname}"
        effect.lock(new, ACCESS_EXCLUSIVE)
        effect.renamed[old] = new
        ctx.schema.rename(old, new)
    return effect


# --- table-rewriting maintenance -------------------------------------------------------------------


@_handles(ast.ClusterStmt)
def _cluster(node: Any, ctx: Context) -> Effect:
    effect = Effect("CLUSTER")
    if node.relation is None:
        effect.no_transaction = True
        effect.unknown = True
        return effect
    relation = ctx.name(node.relation)
    effect.lock(relation, ACCESS_EXCLUSIVE)
    effect.rewrite(relation)
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


@_handles(ast.VacuumStmt)
def _vacuum(node: Any, ctx: Context) -> Effect:
    options = {str(o.defname).lower() for o in node.options or ()}
    full = "full" in options
    kind = ("VACUUM FULL" if full else "VACUUM") if node.is_vacuumcmd else "ANALYZE"
    effect = Effect(kind, no_transaction=bool(node.is_vacuumcmd))
    for rel in node.rels or ():
        relation = ctx.name(rel.relation)
        effect.lock(relation, ACCESS_EXCLUSIVE if full else SHARE_UPDATE_EXCLUSIVE)
        if full:
            effect.rewrite(relation)
            if not ctx.is_new(relation):
                effect.hits.append(
                    Hit(
                        "vacuum-full",
                        relation,
                        f"VACUUM FULL rewrites {relation} under AccessExclusiveLock: reads and writes wait",
                        f"VACUUM {relation};  -- or pg_repack for an online rewrite",
                    )
                )
    return effect


@_handles(ast.TruncateStmt)
def _truncate(node: Any, ctx: Context) -> Effect:
    effect = Effect("TRUNCATE")
    for rel in node.relations:
        relation = ctx.name(rel)
        for target in _with_descendants(ctx, relation, bool(rel.inh)):
            effect.lock(target, ACCESS_EXCLUSIVE)
            if _has_storage(ctx, target):
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
                    f"TRUNCATE takes AccessExclusiveLock on {relation} and deletes all its rows",
                    f"DELETE FROM {relation} WHERE <batch condition>;  -- in batches, in a backfill "
                    f"migration",
                )
            )
    return effect


@_handles(ast.RefreshMatViewStmt)
def _refresh(node: Any, ctx: Context) -> Effect:
    relation = ctx.name(node.relation)
    concurrent = bool(node.concurrent)
    effect = Effect(f"REFRESH MATERIALIZED VIEW{' CONCURRENTLY' if concurrent else ''}")
    effect.lock(relation, EXCLUSIVE if concurrent else ACCESS_EXCLUSIVE)
    state = ctx.schema.table(relation)
    for source in state.sources if state else ():
        effect.lock(source, ACCESS_SHARE)
    if not concurrent:
        effect.rewrite(relation)
        if not ctx.is_new(relation):
            effect.hits.append(
                Hit(
                    "refresh-materialized-view-blocking",
                    relation,
                    f"REFRESH MATERIALIZED VIEW {relation} takes AccessExclusiveLock: reads of it wait",
                    f"REFRESH MATERIALIZED VIEW CONCURRENTLY {relation};  -- needs a unique index on it",
                )
            )
    return effect


# --- CREATE ----------------------------------------------------------------------------------------


@_handles(ast.CreateStmt)
def _create_table(node: Any, ctx: Context) -> Effect:
    relation = ctx.name(node.relation)
    effect = Effect("CREATE TABLE")
    state = TableState(relation, kind="p" if node.partspec is not None else "r")
    if node.partbound is not None and node.inhRelations:
        parent = ctx.name(node.inhRelations[0])
        effect.kind = "CREATE TABLE PARTITION OF"
        effect.lock(parent, ACCESS_EXCLUSIVE)
        state.parent = parent
        state.default_partition = bool(node.partbound.is_default)
        if not state.default_partition:
            _scan_default_partition("CREATE TABLE PARTITION OF", relation, parent, effect, ctx)
    else:
        for parent_rv in node.inhRelations or ():
            effect.lock(ctx.name(parent_rv), SHARE_UPDATE_EXCLUSIVE)
    for parent_rv in node.inhRelations or ():  # partitions and children have their parents' columns
        parent_state = ctx.schema.table(ctx.name(parent_rv))
        if parent_state is not None:
            state.columns.update(parent_state.columns)
    fks: list[tuple[str, tuple[str, ...], Any]] = []
    for elt in node.tableElts or ():
        if isinstance(elt, ast.ColumnDef):
            constraints = _column_constraints(elt)
            not_null = elt.is_not_null or any(
                c.contype in (ConstrType.CONSTR_NOTNULL, ConstrType.CONSTR_PRIMARY) for c in constraints
            )
            name, mods = type_of(elt.typeName)
            column = str(elt.colname)
            state.columns[column] = ColumnFacts(name, mods, bool(not_null))
            for c in constraints:
                if c.contype == ConstrType.CONSTR_FOREIGN:
                    fks.append((c.conname or f"{node.relation.relname}_{column}_fkey", (column,), c))
                elif c.contype == ConstrType.CONSTR_PRIMARY:
                    state.indexes[f"{relation}_pkey"] = (column,)
        elif isinstance(elt, ast.Constraint) and elt.contype == ConstrType.CONSTR_FOREIGN:
            cols = tuple(str(a.sval) for a in elt.fk_attrs or ())
            fks.append((elt.conname or f"{node.relation.relname}_fkey", cols, elt))
        elif isinstance(elt, ast.Constraint) and elt.contype == ConstrType.CONSTR_PRIMARY:
            state.indexes[f"{relation}_pkey"] = tuple(str(k.sval) for k in elt.keys or ())
        elif isinstance(elt, ast.TableLikeClause):
            source = ctx.name(elt.relation)
            effect.lock(source, ACCESS_SHARE)
            src = ctx.schema.table(source)
            if src is not None:
                state.columns.update(src.columns)
    ctx.schema.add_table(state)
    for name, cols, con in fks:
        referenced = ctx.name(con.pktable)
        if referenced != relation:
            effect.lock(referenced, SHARE_ROW_EXCLUSIVE)
        _remember_fk(ctx, relation, name, cols, con, True)
    return effect


@_handles(ast.CreateTableAsStmt)
def _create_table_as(node: Any, ctx: Context) -> Effect:
    relation = ctx.name(node.into.rel)
    matview = node.objtype == ObjectType.OBJECT_MATVIEW
    effect = Effect("CREATE MATERIALIZED VIEW" if matview else "CREATE TABLE AS")
    sources = read_relations(node.query, ctx.default_schema)
    for source in sources:
        effect.lock(source, ACCESS_SHARE)
    state = TableState(relation, kind="m" if matview else "r", sources=tuple(sources))
    state.columns = _output_columns(node.query, sources, ctx)
    ctx.schema.add_table(state)
    return effect


def _output_columns(query: Any, sources: list[str], ctx: Context) -> dict[str, ColumnFacts]:
    """The columns of a query's result that are plain columns (or `*`) of the relations it reads."""
    known = [ctx.schema.table(s) for s in sources]
    source_columns = [t.columns for t in known if t is not None]
    out: dict[str, ColumnFacts] = {}
    if not isinstance(query, ast.SelectStmt):
        return out
    for target in query.targetList or ():
        fields = target.val.fields if isinstance(target.val, ast.ColumnRef) else ()
        if fields and isinstance(fields[-1], ast.A_Star):
            for columns in source_columns:
                out.update(columns)
        elif fields and isinstance(fields[-1], ast.String):
            column = str(fields[-1].sval)
            facts = next((c[column] for c in source_columns if column in c), None)
            if facts is not None:
                out[str(target.name or column)] = ColumnFacts(facts.type_name, facts.type_mods)
    return out


@_handles(ast.ViewStmt)
def _create_view(node: Any, ctx: Context) -> Effect:
    relation = ctx.name(node.view)
    effect = Effect("CREATE OR REPLACE VIEW" if node.replace else "CREATE VIEW")
    sources = read_relations(node.query, ctx.default_schema)
    for source in sources:
        effect.lock(source, ACCESS_SHARE)
    existing = ctx.schema.table(relation)
    if node.replace and existing is not None and not ctx.is_new(relation):
        effect.lock(relation, ACCESS_EXCLUSIVE)
    elif node.replace and existing is None and not ctx.schema.from_catalog:
        effect.lock(relation, ACCESS_EXCLUSIVE)  # may exist: OR REPLACE of an existing view
    if existing is None:
        ctx.schema.add_table(TableState(relation, kind="v", sources=tuple(sources)))
    return effect


@_handles(ast.CreateTrigStmt)
def _create_trigger(node: Any, ctx: Context) -> Effect:
    effect = Effect("CREATE TRIGGER")
    effect.lock(ctx.name(node.relation), SHARE_ROW_EXCLUSIVE)
    return effect


@_handles(ast.CreatePolicyStmt, ast.AlterPolicyStmt)
def _policy(node: Any, ctx: Context) -> Effect:
    effect = Effect("CREATE POLICY" if isinstance(node, ast.CreatePolicyStmt) else "ALTER POLICY")
    effect.lock(ctx.name(node.table), ACCESS_EXCLUSIVE)
    return effect


@_handles(ast.RuleStmt)
def _rule(node: Any, ctx: Context) -> Effect:
    effect = Effect("CREATE RULE")
    effect.lock(ctx.name(node.relation), ACCESS_EXCLUSIVE)
    return effect


@_handles(ast.CreateSeqStmt)
def _create_sequence(node: Any, ctx: Context) -> Effect:
    ctx.schema.add_table(TableState(ctx.name(node.sequence), kind="S"))
    effect = Effect("CREATE SEQUENCE")
    _owned_by(node, effect, ctx)
    return effect


@_handles(ast.AlterSeqStmt)
def _alter_sequence(node: Any, ctx: Context) -> Effect:
    relation = ctx.name(node.sequence)
    effect = Effect("ALTER SEQUENCE")
    effect.lock(relation, SHARE_ROW_EXCLUSIVE)
    _owned_by(node, effect, ctx)
    return effect


def _owned_by(node: Any, effect: Effect, ctx: Context) -> None:
    """OWNED BY table.column opens the table with AccessShareLock (a sequence's new file is no rewrite)."""
    for opt in node.options or ():
        names = [str(n.sval) for n in opt.arg or ()] if str(opt.defname) == "owned_by" else []
        if len(names) >= 2:
            effect.lock(qualify_names([ast.String(n) for n in names[:-1]], ctx.default_schema), ACCESS_SHARE)


@_handles(ast.CreateFunctionStmt)
def _create_function(node: Any, ctx: Context) -> Effect:
    volatility = "v"
    for opt in node.options or ():
        if str(opt.defname) == "volatility" and isinstance(opt.arg, ast.String):
            volatility = str(opt.arg.sval)[0]
    ctx.schema.function_volatility[str(node.funcname[-1].sval).lower()] = volatility
    return Effect("CREATE PROCEDURE" if node.is_procedure else "CREATE FUNCTION")


@_handles(ast.CreateDomainStmt)
def _create_domain(node: Any, ctx: Context) -> Effect:
    name = qualify_names(node.domainname, ctx.default_schema)
    base = ctx.schema.find_domain(qualify_names(node.typeName.names, ctx.default_schema))
    state = DomainState(name, base=base.name if base else None)
    for c in node.constraints or ():
        if isinstance(c, ast.Constraint) and c.contype == ConstrType.CONSTR_NOTNULL:
            state.not_null = True
        elif isinstance(c, ast.Constraint) and c.contype == ConstrType.CONSTR_CHECK:
            state.constraints[c.conname or f"{state.type_name}_check"] = True
    ctx.schema.domains[name] = state
    ctx.schema.note_domain_constraints(state)
    return Effect("CREATE DOMAIN")


_DOMAIN_KINDS = {
    "T": "ALTER DOMAIN SET DEFAULT",
    "N": "ALTER DOMAIN DROP NOT NULL",
    "O": "ALTER DOMAIN SET NOT NULL",
    "C": "ALTER DOMAIN ADD CONSTRAINT",
    "X": "ALTER DOMAIN DROP CONSTRAINT",
    "V": "ALTER DOMAIN VALIDATE CONSTRAINT",
}


@_handles(ast.AlterDomainStmt)
def _alter_domain(node: Any, ctx: Context) -> Effect:
    """ADD CONSTRAINT (unless NOT VALID), VALIDATE CONSTRAINT (even of a valid one) and SET NOT NULL (unless
    already NOT NULL) check every stored value: ShareLock on each table and materialized view with a column
    of the domain or of a domain over it, kept to the end of the transaction (11-18)."""
    name = qualify_names(node.typeName, ctx.default_schema)
    state = ctx.schema.find_domain(name)
    sub = str(node.subtype)
    effect = Effect(_DOMAIN_KINDS.get(sub, "ALTER DOMAIN"))
    checks = False
    con = node.def_ if sub == "C" and isinstance(node.def_, ast.Constraint) else None
    if sub == "O" or (con is not None and con.contype == ConstrType.CONSTR_NOTNULL):
        checks = not (state and state.not_null) and (sub == "O" or ctx.pg_version >= 17)
        if state is not None and checks:
            state.not_null = True
            if con is not None:
                state.constraints[con.conname or f"{state.type_name}_not_null"] = True
    elif con is not None and con.contype == ConstrType.CONSTR_CHECK:
        checks = not con.skip_validation
        if state is not None:
            state.constraints[con.conname or f"{state.type_name}_check"] = checks
    elif sub == "V":
        checks = True
        if state is not None and node.name in state.constraints:
            state.constraints[node.name] = True
    elif sub == "N" and state is not None:
        state.not_null = False
    elif sub == "X" and state is not None:
        state.constraints.pop(node.name, None)
    if state is not None:
        ctx.schema.note_domain_constraints(state)
    if checks:
        _check_domain_columns(state.name if state else name, effect, ctx)
    return effect


def _check_domain_columns(domain: str, effect: Effect, ctx: Context) -> None:
    tables = ctx.schema.domain_tables(domain)
    for table in tables:
        effect.lock(table, SHARE)
        effect.scan(table)
    existing = [t for t in tables if not ctx.is_new(t)]
    unknown = not tables and not ctx.schema.from_catalog and domain not in ctx.schema.domains
    if not existing and not unknown:
        return
    where = ", ".join(existing) if existing else "every table with a column of it (unknown without --dsn)"
    effect.hits.append(
        Hit(
            "domain-constraint-scan",
            existing[0] if existing else domain,
            f"{effect.kind.removeprefix('ALTER DOMAIN ')} on domain {domain} checks every row of {where} "
            f"under ShareLock: writes wait for the whole scan",
            _domain_fix(domain, effect.kind, ctx),
        )
    )


def _domain_fix(domain: str, kind: str, ctx: Context) -> str:
    if kind == "ALTER DOMAIN ADD CONSTRAINT":
        fresh = _fresh(ctx)
        if fresh.def_.contype == ConstrType.CONSTR_CHECK:
            fresh.def_.skip_validation = True
            fresh.def_.initially_valid = False
            name = fresh.def_.conname or f"{domain.rsplit('.', 1)[-1]}_check"
            return (
                f"{deparse(fresh)};\n"
                f"-- new values are checked from now on; validate the existing rows later, in a quiet\n"
                f"-- window (VALIDATE CONSTRAINT also holds ShareLock on every table using the domain):\n"
                f"ALTER DOMAIN {domain} VALIDATE CONSTRAINT {name};"
            )
    if kind == "ALTER DOMAIN VALIDATE CONSTRAINT":
        return (
            "-- run it in a quiet window: a domain's VALIDATE holds ShareLock on the tables while it checks"
        )
    return (
        "-- a domain's NOT NULL cannot be added NOT VALID: run it in a quiet window, or put\n"
        "-- CHECK (<column> IS NOT NULL) NOT VALID constraints on the columns and VALIDATE them\n"
        "-- (ShareUpdateExclusiveLock) instead"
    )


@_handles(ast.CommentStmt)
def _comment(node: Any, ctx: Context) -> Effect:
    ot = node.objtype
    effect = Effect(f"COMMENT ON {ot.name.removeprefix('OBJECT_')}")
    names = node.object
    if ot in _RENAME_KINDS and isinstance(names, (list, tuple)):
        effect.lock(qualify_names(names, ctx.default_schema), SHARE_UPDATE_EXCLUSIVE)
    elif ot in (
        ObjectType.OBJECT_COLUMN,
        ObjectType.OBJECT_TABCONSTRAINT,
        ObjectType.OBJECT_TRIGGER,
        ObjectType.OBJECT_POLICY,
        ObjectType.OBJECT_RULE,
    ):
        effect.lock(qualify_names(names[:-1], ctx.default_schema), SHARE_UPDATE_EXCLUSIVE)
    return effect


@_handles(ast.GrantStmt)
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


@_handles(ast.AlterEnumStmt)
def _alter_enum(node: Any, ctx: Context) -> Effect:
    kind = "ALTER TYPE RENAME VALUE" if node.oldVal else "ALTER TYPE ADD VALUE"
    return Effect(kind, no_transaction=ctx.pg_version < 12 and not node.oldVal)


@_handles(ast.LockStmt)
def _lock(node: Any, ctx: Context) -> Effect:
    effect = Effect("LOCK TABLE")
    mode = LOCK_MODES[node.mode - 1]
    for rel in node.relations:
        for target in _with_descendants(ctx, ctx.name(rel), bool(rel.inh)):
            effect.lock(target, mode)
    return effect


# --- sessions, transactions ------------------------------------------------------------------------


@_handles(ast.VariableSetStmt)
def _set(node: Any, ctx: Context) -> Effect:
    effect = Effect(f"SET {node.name}" if node.name else "SET")
    if node.name == "lock_timeout" and node.args:
        value = string_const(node.args[0])
        number = getattr(getattr(node.args[0], "val", None), "ival", None)
        effect.sets_lock_timeout = (value not in (None, "0")) or (number not in (None, 0))
    return effect


@_handles(ast.TransactionStmt)
def _transaction(node: Any, ctx: Context) -> Effect:
    name = node.kind.name.removeprefix("TRANS_STMT_")
    return Effect(name, ends_transaction=name in ("COMMIT", "ROLLBACK", "PREPARE", "COMMIT_PREPARED"))


# --- DML -------------------------------------------------------------------------------------------


@_handles(ast.InsertStmt, ast.UpdateStmt, ast.DeleteStmt, ast.MergeStmt)
def _dml(node: Any, ctx: Context) -> Effect:
    kind = {ast.InsertStmt: "INSERT", ast.UpdateStmt: "UPDATE", ast.DeleteStmt: "DELETE"}.get(
        type(node), "MERGE"
    )
    effect = Effect(kind)
    relation = ctx.name(node.relation)
    for source in read_relations(node, ctx.default_schema):
        if source != relation:
            effect.lock(source, ACCESS_SHARE)
    _sequence_calls(node, effect, ctx)
    for target in _with_descendants(ctx, relation, bool(node.relation.inh)):
        effect.lock(target, ROW_EXCLUSIVE)
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
                    f"{kind} ... WHERE id IN (SELECT id FROM {relation} WHERE <not yet done> LIMIT 10000);",
                )
            )
    return effect


def _inserts_rows(node: Any) -> bool:
    select = node.selectStmt
    return isinstance(select, ast.SelectStmt) and bool(select.valuesLists)


def _sequence_calls(node: Any, effect: Effect, ctx: Context) -> None:
    for call in walk(node):
        if isinstance(call, ast.FuncCall) and func_name(call) in ("nextval", "setval"):
            name = string_const(call.args[0]) if call.args else None
            if name:
                parts = name.split(".")
                effect.lock(
                    f"{parts[0]}.{parts[1]}" if len(parts) == 2 else f"{ctx.default_schema}.{name}",
                    ROW_EXCLUSIVE,
                )


@_handles(ast.SelectStmt)
def _select(node: Any, ctx: Context) -> Effect:
    effect = Effect("SELECT")
    locking = bool(node.lockingClause)
    if node.intoClause is not None:
        effect.kind = "SELECT INTO"
    for source in read_relations(node, ctx.default_schema):
        mode = ROW_SHARE if locking else ACCESS_SHARE
        for target in _with_descendants(ctx, source, True):
            effect.lock(target, mode)
            state = ctx.schema.table(target)
            for view_source in state.sources if state and state.kind == "v" else ():
                effect.lock(view_source, mode)
    _sequence_calls(node, effect, ctx)
    return effect


@_handles(ast.DoStmt)
def _do(node: Any, ctx: Context) -> Effect:
    return Effect("DO", unknown=True)


def blocking_locks(effect: Effect) -> dict[str, str]:
    """The locks of a statement that other sessions can queue behind (all but those on dead relations)."""
    return {relation: mode for relation, mode in effect.locks.items() if relation not in effect.dead}


def strongest(locks: dict[str, str]) -> str | None:
    """The strongest mode in a lock map, or None when empty."""
    return max(locks.values(), key=lock_rank) if locks else None
