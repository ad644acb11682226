"""ALTER TABLE column subcommands: ADD COLUMN (rewrite or not), ALTER COLUMN TYPE, SET NOT NULL, DROP
COLUMN."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pglast import ast
from pglast.enums import ConstrType, DropBehavior

from migwiz.engine.analysis.constraints import key_index_name, remember_fk
from migwiz.engine.analysis.dependents import dependents_hit
from migwiz.engine.analysis.dml import sequence_calls, stored_default
from migwiz.engine.analysis.effects import (
    ACCESS_EXCLUSIVE,
    NO_TX_DIRECTIVE,
    ROW_SHARE,
    SHARE_ROW_EXCLUSIVE,
    Context,
    Effect,
    Hit,
    column_constraints,
)
from migwiz.engine.analysis.inline import inline_constraint_hits
from migwiz.engine.analysis.model import ColumnFacts, ForeignKeyFacts
from migwiz.engine.analysis.sqlnodes import (
    SERIAL_TYPES,
    deparse,
    is_volatile,
    raw_type_name,
    sql_ident,
    sql_name,
    type_of,
)


def add_column(coldef: Any, relation: str, storage: list[str], effect: Effect, ctx: Context) -> None:
    constraints = column_constraints(coldef)
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
        if default is not None and not all(_empty(t, ctx) for t in storage):
            sequence_calls(default, effect, ctx)  # nextval() runs for every row: the sequence is written
        if not new:
            from_sequence = serial or ConstrType.CONSTR_IDENTITY in types
            fix = _rewrite_free_column(coldef, default, relation, from_sequence)
            effect.hits.append(
                Hit(
                    "add-column-volatile-default",
                    relation,
                    f"ADD COLUMN {coldef.colname} rewrites {relation} under AccessExclusiveLock: {reason}",
                    fix,
                )
            )
    if default is not None:
        stored_default(default, effect, ctx)
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
                    f"ALTER TABLE {sql_name(relation)} ADD COLUMN {sql_ident(coldef.colname)} "
                    f"{deparse(coldef.typeName)} NOT NULL DEFAULT <value>;",
                )
            )
    if types & {ConstrType.CONSTR_CHECK, ConstrType.CONSTR_UNIQUE, ConstrType.CONSTR_PRIMARY}:
        for target in storage:
            effect.scan(target)
    for c in constraints:
        if c.contype == ConstrType.CONSTR_FOREIGN:
            referenced = ctx.name(c.pktable)
            effect.lock(referenced, SHARE_ROW_EXCLUSIVE)
            if default is not None:  # a default: every existing row is checked against the referenced table
                effect.lock(referenced, ROW_SHARE)
                for target in [*storage, *([] if ctx.is_new(referenced) else [referenced])]:
                    effect.scan(target)
            remember_fk(
                ctx,
                relation,
                c.conname or f"{relation.split('.')[-1]}_{coldef.colname}_fkey",
                (coldef.colname,),
                c,
                True,
            )
        elif c.contype in (ConstrType.CONSTR_UNIQUE, ConstrType.CONSTR_PRIMARY):
            column = str(coldef.colname)
            ctx.schema.add_index(key_index_name(relation, c, (column,)), relation, (column,))
    if not new:
        inline_constraint_hits(coldef, constraints, default is not None, relation, effect, ctx)
    state = ctx.schema.table(relation)
    if state is not None:
        kind = str(generated.generated_kind) if generated is not None else ""
        state.columns[coldef.colname] = ColumnFacts(type_name, mods, bool(not_null), kind)


_SERIAL_BASES = {
    "serial": "integer",
    "serial4": "integer",
    "bigserial": "bigint",
    "serial8": "bigint",
    "smallserial": "smallint",
    "serial2": "smallint",
}


def _rewrite_free_column(coldef: Any, default: Any, relation: str, from_sequence: bool) -> str:
    """Add the column without what forces the rewrite, fill it for new rows, backfill the old ones."""
    column, col = str(coldef.colname), sql_ident(coldef.colname)
    schema, table = relation.split(".", 1)
    rel = sql_name(relation)
    plain = _SERIAL_BASES.get(raw_type_name(coldef.typeName), deparse(coldef.typeName))
    add = f"ALTER TABLE {rel} ADD COLUMN {col} {plain};"
    if from_sequence:
        sequence = f"{sql_ident(schema)}.{sql_ident(f'{table}_{column}_seq')}"
        regclass = sequence.replace("'", "''")
        fill = (
            f"CREATE SEQUENCE {sequence} OWNED BY {rel}.{col};\n"
            f"ALTER TABLE {rel} ALTER COLUMN {col} SET DEFAULT nextval('{regclass}');"
        )
    elif default is not None:
        fill = f"ALTER TABLE {rel} ALTER COLUMN {col} SET DEFAULT {deparse(default)};"
    else:
        fill = "-- fill it for new rows with a BEFORE INSERT OR UPDATE trigger"
    return f"{add}\n{fill}\n-- then backfill existing rows in batches in a backfill migration"


_NO_REWRITE_CASTS = {("varchar", "text"), ("text", "varchar"), ("cidr", "inet"), ("bpchar", "text")}


_PRECISION_TYPES = frozenset({"timestamp", "timestamptz", "time", "timetz"})


def _base_of(type_name: str, ctx: Context) -> tuple[str, bool]:
    """The type a domain is defined over (through domains over domains) and whether any of them checks
    values; a type that is no known domain is its own base."""
    constrained = False
    seen: set[str] = set()
    while type_name not in seen:
        seen.add(type_name)
        domain = ctx.schema.find_domain(f"{ctx.default_schema}.{type_name}")
        if domain is None or not domain.base_type:
            break
        constrained = constrained or domain.not_null or bool(domain.constraints)
        type_name = domain.base_type
    return type_name, constrained


def _type_change_rewrites(old: ColumnFacts, new_type: str, new_mods: tuple[int, ...], ctx: Context) -> bool:
    """PostgreSQL's ATColumnChangeRequiresRewrite for the common binary-coercible cases: a domain is
    its base type (a domain that checks values as the new type rewrites)."""
    old_base, _ = _base_of(old.type_name, ctx)
    new_base, checked = _base_of(new_type, ctx)
    if checked:
        return True
    if (old_base, new_base) != (old.type_name, new_type):
        old = replace(old, type_name=old_base, type_mods=old.type_mods if old_base == old.type_name else ())
        new_type = new_base
    if old.type_name == new_type:
        if old.type_mods == new_mods or not new_mods:
            return False
        if not old.type_mods:
            return True
        if new_type in ("varchar", "varbit") or new_type in _PRECISION_TYPES:
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
        # an unknown TimeZone (no --dsn, no SET) is taken as UTC, the usual server setting: `zone_hit` warns
        return ctx.pg_version < 12 or ctx.schema.timezone_utc is False
    return True


def alter_column_type(cmd: Any, relation: str, storage: list[str], effect: Effect, ctx: Context) -> None:
    column = cmd.name
    new_type, new_mods = type_of(cmd.def_.typeName)
    state = ctx.schema.table(relation)
    old = state.columns.get(column) if state else None
    using = cmd.def_.raw_default
    # USING col (or col::newtype) is what PostgreSQL does anyway: a binary-coercible change stays free
    plain_using = (
        using is None
        or _is_column(using, column)
        or (isinstance(using, ast.TypeCast) and _is_column(using.arg, column))
    )
    rewrites = old is None or not plain_using or _type_change_rewrites(old, new_type, new_mods, ctx)
    if not rewrites and old is not None and not ctx.is_new(relation):
        zone = _unknown_zone_hit(old, new_type, column, relation, ctx)
        if zone is not None:
            effect.hits.append(zone)
    views = ctx.schema.views_using(relation, column)
    rules = ctx.schema.rules_using(relation, column)
    if views or rules:
        effect.hits.append(_under_view_hit(column, relation, views, ctx, rules))
    if rewrites:
        for target in storage:
            effect.rewrite(target)
    elif state is not None:  # the indexes on the column are re-created (same file, new index)
        indexed = [index for index, columns in sorted(state.indexes.items()) if column in columns]
        for index in indexed:
            effect.rebuild(index)
        if indexed and cmd.def_.collClause is not None:  # a new collation: each index is built again
            _collation_rebuild(column, relation, indexed, storage, effect, ctx)
        elif old is not None:
            _rebuild_or_recheck(old, new_type, column, relation, indexed, storage, effect, ctx)
    if rewrites and not views and not ctx.is_new(relation):
        new = _fmt(ColumnFacts(new_type, new_mods))
        why = "its current type is unknown (pass --dsn)" if old is None else f"{_fmt(old)} -> {new}"
        effect.hits.append(
            Hit(
                "column-type-rewrite",
                relation,
                f"ALTER COLUMN {column} TYPE rewrites {relation} and its indexes under "
                f"AccessExclusiveLock ({why})",
                f"ALTER TABLE {sql_name(relation)} ADD COLUMN {sql_ident(f'{column}_new')} "
                f"{deparse(cmd.def_.typeName)};\n"
                "-- keep it in sync with a trigger, backfill in batches, then swap the names "
                "in a contract step",
            )
        )
    # the foreign keys on the column are dropped, re-added and checked again: both ends are locked, and
    # the end not rewritten is read in full
    for fk in _fks_on_column(ctx, relation, column):
        other = fk.referenced if fk.table == relation else fk.table
        effect.lock(other, ACCESS_EXCLUSIVE)
        for end in (fk.table, fk.referenced) if rewrites else ():
            if end not in effect.rewrites and not ctx.is_new(end):
                effect.scan(end)
    if state is not None:
        not_null = old.not_null if old else False
        state.columns[column] = ColumnFacts(new_type, new_mods, not_null, old.generated if old else "")


_NEW_OPCLASS = frozenset({("timestamp", "timestamptz"), ("timestamptz", "timestamp")})
"""Type changes without a rewrite whose indexes get another operator class: built again, not reused."""


def _rebuild_or_recheck(
    old: ColumnFacts,
    new_type: str,
    column: str,
    relation: str,
    indexed: list[str],
    storage: list[str],
    effect: Effect,
    ctx: Context,
) -> None:
    """A type change without a rewrite still reads the whole table under AccessExclusiveLock when an index
    on the column needs another operator class (it is built again) or a CHECK constraint reads the column
    (it is added back and validated)."""
    state = ctx.schema.table(relation)
    rebuilt = indexed if (old.type_name, new_type) in _NEW_OPCLASS else []
    checked = state is not None and column in state.checked_columns
    if not rebuilt and not checked:
        return
    for target in storage:
        effect.scan(target)
    if ctx.is_new(relation):
        return
    why = f"builds {', '.join(rebuilt)} again" if rebuilt else "validates its CHECK constraints again"
    effect.hits.append(
        Hit(
            "column-type-rewrite",
            relation,
            f"ALTER COLUMN {column} TYPE {new_type} rewrites no row but {why}: a full scan of {relation} "
            f"under AccessExclusiveLock",
            "-- add a column of the new type beside it, keep it in sync with a trigger, backfill it in "
            "batches, build its indexes CONCURRENTLY (and its CHECK as NOT VALID, then VALIDATE), then swap "
            "the names in a contract step",
        )
    )


def _unknown_zone_hit(
    old: ColumnFacts, new_type: str, column: str, relation: str, ctx: Context
) -> Hit | None:
    """timestamp <-> timestamptz is free only when the session's TimeZone is UTC: unknown here (no --dsn
    and no SET TimeZone earlier in the script), it is taken as UTC and said so."""
    if ctx.schema.timezone_utc is not None or {old.type_name, new_type} != {"timestamp", "timestamptz"}:
        return None
    return Hit(
        "column-type-rewrite",
        relation,
        f"ALTER COLUMN {column} TYPE {new_type} rewrites {relation} under AccessExclusiveLock unless the "
        f"session TimeZone is UTC (unknown here: taken as UTC; pass --dsn to read the server's)",
        "SET TimeZone = 'UTC';  -- before the type change, in the same script",
        "warning",
    )


def _collation_rebuild(
    column: str, relation: str, indexes: list[str], storage: list[str], effect: Effect, ctx: Context
) -> None:
    """A type change that keeps the data but changes the collation builds every index on the column
    again (a full scan) under AccessExclusiveLock."""
    for target in storage:
        effect.scan(target)
    if ctx.is_new(relation):
        return
    names = ", ".join(indexes)
    effect.hits.append(
        Hit(
            "column-type-rewrite",
            relation,
            f"ALTER COLUMN {column} TYPE with a new collation rebuilds {names} (a full scan of {relation}) "
            f"under AccessExclusiveLock",
            f"{NO_TX_DIRECTIVE}\n-- build each index with the new collation beside the old one, e.g.\n"
            f"CREATE INDEX CONCURRENTLY <name>_new ON {sql_name(relation)} "
            f"(({sql_ident(column)} COLLATE <collation>));\n"
            f"-- then add a column with the new collation, backfill it in batches and swap the names in a "
            f"contract step",
        )
    )


def _exact_view(view: str, ctx: Context) -> bool:
    """Whether the columns a view uses are known exactly: read from the catalog, not from its query."""
    return ctx.schema.from_catalog and view not in ctx.schema.created_in_set


def _is_column(node: Any, column: str) -> bool:
    fields = (node.fields or ()) if isinstance(node, ast.ColumnRef) else ()
    return bool(fields) and isinstance(fields[-1], ast.String) and str(fields[-1].sval) == column


def _under_view_hit(
    column: str, relation: str, views: list[str], ctx: Context, rules: list[tuple[str, str]]
) -> Hit:
    """ALTER COLUMN TYPE of a column a view or rule uses fails: drop and re-create them around it."""
    drops: list[str] = [f"DROP RULE {sql_ident(rule)} ON {sql_name(on)};" for rule, on in rules]
    creates: list[str] = [
        f"CREATE RULE {sql_ident(rule)} AS ... ;  -- as before: SELECT pg_get_ruledef(oid) FROM pg_rewrite"
        f" WHERE rulename = {_literal(rule)}"
        for rule, _ in rules
    ]
    for name in views:
        view = ctx.schema.table(name)
        word = "MATERIALIZED VIEW" if view is not None and view.kind == "m" else "VIEW"
        query = (view.definition or "").strip().rstrip(";") if view is not None else ""
        drops.insert(0, f"DROP {word} {sql_name(name)};")
        quoted = sql_name(name)
        creates.append(
            f"CREATE {word} {quoted} AS {query};"
            if query
            else f"CREATE {word} {quoted} AS <its definition>;  -- pg_get_viewdef({_literal(quoted)})"
        )
    grants = "-- then grant again what was granted on the view(s)"
    users = ", ".join([*views, *(f"rule {rule} on {on}" for rule, on in rules)])
    return Hit(
        "type-change-under-view",
        relation,
        f"ALTER COLUMN {column} TYPE fails: {users} use(s) {relation}.{column} (PostgreSQL "
        f"cannot change the type of a column used by a view or rule)",
        "\n".join([*drops, f"{ctx.sql.strip().rstrip(';')};", *creates, grants]),
    )


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


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


def set_not_null(column: str, relation: str, storage: list[str], effect: Effect, ctx: Context) -> None:
    state = ctx.schema.table(relation)
    proven = ctx.pg_version >= 12 and state is not None and column in state.not_null_checks
    if state is not None and column in state.columns and state.columns[column].not_null:
        proven = True
    if not proven:
        for target in storage:
            effect.scan(target)
        if not ctx.is_new(relation) and storage:
            check = sql_ident(f"{relation.split('.', 1)[-1]}_{column}_not_null")
            rel, col = sql_name(relation), sql_ident(column)
            fix: str | None = (
                f"ALTER TABLE {rel} ADD CONSTRAINT {check} CHECK ({col} IS NOT NULL) NOT VALID;\n"
                f"-- in the next migration (VALIDATE must not run under the lock of the ADD):\n"
                f"ALTER TABLE {rel} VALIDATE CONSTRAINT {check};\n"
                f"-- in the next migration:\n"
                f"ALTER TABLE {rel} ALTER COLUMN {col} SET NOT NULL;\n"
                f"ALTER TABLE {rel} DROP CONSTRAINT {check};"
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
        state.columns[column] = replace(state.columns[column], not_null=True)


def _empty(relation: str, ctx: Context) -> bool:
    """Whether the table is known to hold no row."""
    state = ctx.schema.table(relation)
    return state is not None and state.empty


def drop_column(cmd: Any, relation: str, effect: Effect, ctx: Context) -> None:
    column = cmd.name
    effect.destroys.append(f"{relation}.{column}")
    users: list[str] = []
    if cmd.behavior == DropBehavior.DROP_CASCADE:  # the views using the column are dropped with it
        for view in ctx.schema.views_using(relation, column):
            effect.lock(view, ACCESS_EXCLUSIVE)
    for fk in ctx.schema.referenced_by(relation):  # their foreign keys go with the column (CASCADE)
        if fk.table != relation and column in (fk.referenced_columns or _primary_key(ctx, relation)):
            effect.lock(fk.table, ACCESS_EXCLUSIVE)
            users.append(fk.table)
    # the columns a view uses are exact when read from the catalog (pg_depend), an estimate otherwise
    users += [v for v in ctx.schema.views_using(relation, column) if _exact_view(v, ctx)]
    if users and cmd.behavior != DropBehavior.DROP_CASCADE:
        what = f"DROP COLUMN {column} of {relation}"
        effect.hits.append(dependents_hit(what, relation, list(dict.fromkeys(users))))
    ctx.schema.drop_indexes_on(relation, column)
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
