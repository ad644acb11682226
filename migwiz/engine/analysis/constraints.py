"""ALTER TABLE ADD / VALIDATE / DROP CONSTRAINT: foreign keys (both tables), CHECK, NOT NULL, UNIQUE and
PRIMARY KEY, with the NOT VALID and prebuilt-index fixes."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pglast import ast
from pglast.enums import ConstrType

from migwiz.engine.analysis.dependents import dependents_hit
from migwiz.engine.analysis.effects import (
    ACCESS_EXCLUSIVE,
    ACCESS_SHARE,
    NO_TX_DIRECTIVE,
    ROW_SHARE,
    SHARE_ROW_EXCLUSIVE,
    SHARE_UPDATE_EXCLUSIVE,
    Context,
    Effect,
    Hit,
    fresh_statement,
    has_storage,
)
from migwiz.engine.analysis.model import ForeignKeyFacts
from migwiz.engine.analysis.sqlnodes import deparse, sql_ident, sql_name, walk


def column_names(expr: Any) -> set[str]:
    """The (unqualified) names of the columns an expression reads.

    >>> from pglast import parse_sql
    >>> sorted(column_names(parse_sql("SELECT 1 WHERE k >= 0 AND t.v IS NOT NULL")[0].stmt.whereClause))
    ['k', 'v']
    """
    return {
        str(n.fields[-1].sval)
        for n in walk(expr)
        if isinstance(n, ast.ColumnRef) and n.fields and isinstance(n.fields[-1], ast.String)
    }


def remember_fk(
    ctx: Context, table: str, name: str, columns: tuple[str, ...], con: Any, validated: bool
) -> None:
    state = ctx.schema.table(table)
    referenced = ctx.name(con.pktable)
    ref_columns = tuple(str(a.sval) for a in con.pk_attrs or ())
    if state is not None:
        state.foreign_keys.append(ForeignKeyFacts(name, table, columns, referenced, validated, ref_columns))


def _is_not_null_check(expr: Any) -> str | None:
    if type(expr) is ast.NullTest and str(getattr(expr.nulltesttype, "name", "")) == "IS_NOT_NULL":
        fields: Any = getattr(expr.arg, "fields", None) if type(expr.arg) is ast.ColumnRef else None
        if fields and isinstance(fields[-1], ast.String):
            return str(fields[-1].sval)
    return None


def add_constraint(con: Any, relation: str, storage: list[str], effect: Effect, ctx: Context) -> None:
    # nothing to report when no table with data is touched: a new table, or a partitioned table alone
    # (ONLY, or no partitions): PostgreSQL neither scans nor builds anything
    new = ctx.is_new(relation) or not storage
    state = ctx.schema.table(relation)
    if con.contype == ConstrType.CONSTR_FOREIGN:
        referenced = ctx.name(con.pktable)
        ends = referenced_ends(referenced, ctx)
        for end in ends:
            effect.lock(end, SHARE_ROW_EXCLUSIVE)
        validated = not con.skip_validation
        partitioned = state is not None and state.kind == "p" and ctx.pg_version < 18
        if not validated and partitioned:
            effect.hits.append(_partitioned_not_valid_hit(relation, ctx))
        columns = tuple(str(a.sval) for a in con.fk_attrs or ())
        if validated and storage and _adopted(relation, columns, referenced, storage, ctx):
            effect.lock(
                referenced, ACCESS_EXCLUSIVE
            )  # the partitions' keys are attached, their triggers redone
        elif validated:
            for target in storage:
                effect.scan(target)
            effect.lock(referenced, ROW_SHARE)
            for end in ends:  # every row is looked up in the referenced table (one join)
                if not ctx.is_new(end) and has_storage(ctx, end):
                    effect.scan(end)
            if not new:
                effect.hits.append(
                    Hit(
                        "constraint-not-valid-missing",
                        relation,
                        f"FOREIGN KEY on {relation} validates every row while holding ShareRowExclusiveLock "
                        f"on {relation} and {referenced} (writes blocked on both)",
                        _partition_by_partition_fix(relation, ctx)
                        if partitioned
                        else _not_valid_fix(con, relation, ctx),
                    )
                )
        name = con.conname or f"{relation.split('.')[-1]}_fkey"
        remember_fk(ctx, relation, name, columns, con, validated)
    elif con.contype in (ConstrType.CONSTR_CHECK, ConstrType.CONSTR_NOTNULL):
        validated = not con.skip_validation
        if con.contype == ConstrType.CONSTR_CHECK and state is not None:
            read = column_names(con.raw_expr)
            if validated:
                state.checked_columns |= read
            elif con.conname:
                state.unvalidated_checks[str(con.conname)] = read
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
            _using_index(con, relation, storage, effect, ctx)
            return
        for target in storage:
            effect.scan(target)
        if con.contype != ConstrType.CONSTR_EXCLUSION:
            cols = tuple(str(k.sval) for k in con.keys or ())
            ctx.schema.add_index(key_index_name(relation, con, cols), relation, cols)
        if not new and con.contype == ConstrType.CONSTR_EXCLUSION:
            effect.hits.append(
                Hit(
                    "unique-without-index",
                    relation,
                    f"ADD EXCLUDE builds an index on {relation} and checks every row under "
                    f"AccessExclusiveLock",
                    "-- an exclusion constraint cannot use a prebuilt index: add it while the table is "
                    "small or\n-- in a maintenance window; until then, check the rule in the application "
                    "or a trigger",
                )
            )
        elif not new:
            effect.hits.append(
                Hit(
                    "unique-without-index",
                    relation,
                    f"ADD {'PRIMARY KEY' if con.contype == ConstrType.CONSTR_PRIMARY else 'UNIQUE'} builds "
                    f"an index on {relation} under AccessExclusiveLock",
                    _unique_fix(con, relation),
                )
            )


def referenced_ends(referenced: str, ctx: Context) -> list[str]:
    """The referenced table, and its partitions when it is partitioned (each gets the foreign key's
    triggers)."""
    state = ctx.schema.table(referenced)
    partitioned = state is not None and state.kind == "p"
    return [referenced, *(ctx.schema.descendants(referenced) if partitioned else [])]


def key_index_name(relation: str, con: Any, columns: tuple[str, ...]) -> str:
    """The qualified name of the index behind a PRIMARY KEY / UNIQUE constraint, as PostgreSQL names it.

    >>> from pglast import parse_sql
    >>> con = parse_sql("CREATE TABLE t (a int UNIQUE)")[0].stmt.tableElts[0].constraints[0]
    >>> key_index_name("public.t", con, ("a",))
    'public.t_a_key'
    """
    schema, table = relation.rsplit(".", 1)
    if con.conname:
        return f"{schema}.{con.conname}"
    if con.contype == ConstrType.CONSTR_PRIMARY:
        return f"{schema}.{table}_pkey"
    return f"{schema}.{table}_{'_'.join(columns)}_key"


def _using_index(con: Any, relation: str, storage: list[str], effect: Effect, ctx: Context) -> None:
    """ADD PRIMARY KEY / UNIQUE USING INDEX: no build; a primary key on nullable columns scans to set NOT
    NULL under AccessExclusiveLock."""
    state = ctx.schema.table(relation)
    index = f"{relation.split('.')[0]}.{con.indexname}"
    effect.lock(index, SHARE_UPDATE_EXCLUSIVE)
    cols = state.indexes.get(index, ()) if state is not None else ()
    renamed = f"{relation.split('.')[0]}.{con.conname}" if con.conname else index
    if renamed != index:  # PostgreSQL renames the index to the constraint's name
        ctx.schema.rename(index, renamed)
    if con.contype != ConstrType.CONSTR_PRIMARY or state is None:
        return
    nullable = [c for c in cols if not (c in state.columns and state.columns[c].not_null)]
    if cols and not nullable:
        return
    for target in storage:
        effect.scan(target)
    for c in cols:
        if c in state.columns:
            col = state.columns[c]
            state.columns[c] = replace(col, not_null=True)
    if ctx.is_new(relation) or not nullable:
        return
    table, rel = relation.split(".", 1)[-1], sql_name(relation)
    steps = []
    for c in nullable:
        check, quoted = sql_ident(f"{table}_{c}_not_null"), sql_ident(c)
        steps.append(
            f"ALTER TABLE {rel} ADD CONSTRAINT {check} CHECK ({quoted} IS NOT NULL) NOT VALID;\n"
            f"-- in the next migration:\nALTER TABLE {rel} VALIDATE CONSTRAINT {check};\n"
            f"-- in the next migration:\nALTER TABLE {rel} ALTER COLUMN {quoted} SET NOT NULL;\n"
            f"ALTER TABLE {rel} DROP CONSTRAINT {check};"
        )
    effect.hits.append(
        Hit(
            "set-not-null-scan",
            relation,
            f"ADD PRIMARY KEY USING INDEX on nullable column(s) {', '.join(nullable)} scans {relation} "
            f"under AccessExclusiveLock to set NOT NULL",
            "\n".join(steps) + f"\n{deparse(fresh_statement(ctx))};",
        )
    )


def _pending_checks(ctx: Context) -> dict[tuple[str, str], str]:
    return ctx.schema.pending_not_null_checks


def _not_valid_fix(con: Any, relation: str, ctx: Context) -> str:
    fresh = fresh_statement(ctx)
    for cmd in getattr(fresh, "cmds", ()) or ():
        if isinstance(cmd.def_, ast.Constraint):
            cmd.def_.skip_validation = True
            cmd.def_.initially_valid = False
    name = sql_ident(con.conname) if con.conname else "<constraint name>"
    return (
        f"{deparse(fresh)};\n-- in the next migration:\n"
        f"ALTER TABLE {sql_name(relation)} VALIDATE CONSTRAINT {name};"
    )


def _adopted(
    relation: str, columns: tuple[str, ...], referenced: str, storage: list[str], ctx: Context
) -> bool:
    """A foreign key added to a partitioned table whose every partition already has a validated one on the
    same columns to the same table: PostgreSQL attaches those, nothing is scanned."""
    state = ctx.schema.table(relation)
    if state is None or state.kind != "p":
        return False
    partitions = [p for p in storage if p != relation]
    for partition in partitions:
        child = ctx.schema.table(partition)
        keys = child.foreign_keys if child is not None else []
        if not any(fk.validated and fk.columns == columns and fk.referenced == referenced for fk in keys):
            return False
    return bool(partitions)


def _partitioned_not_valid_hit(relation: str, ctx: Context) -> Hit:
    """Before 18, PostgreSQL refuses a NOT VALID foreign key on a partitioned table (42809)."""
    return Hit(
        "version-syntax",
        relation,
        f"fails on PostgreSQL {ctx.pg_version}: a NOT VALID foreign key on the partitioned table {relation} "
        f"needs 18+",
        _partition_by_partition_fix(relation, ctx),
    )


def _partition_by_partition_fix(relation: str, ctx: Context) -> str:
    """Before 18: the key NOT VALID on each partition, each validated, then on the parent (adopting them)."""
    partitions = [p for p in ctx.schema.descendants(relation) if has_storage(ctx, p)]
    names = ", ".join(partitions) or "each partition"
    return (
        f"-- PostgreSQL before 18 refuses NOT VALID on a partitioned table: add the key NOT VALID on each "
        f"partition ({names}), VALIDATE each in the next migration, then add it to {sql_name(relation)} "
        f"(it adopts the partitions' validated keys)"
    )


def _unique_fix(con: Any, relation: str) -> str:
    table, rel = relation.split(".", 1)[-1], sql_name(relation)
    cols = [str(k.sval) for k in con.keys or ()]
    name = sql_ident(con.conname or f"{table}_{'_'.join(cols)}_key")
    kind = "PRIMARY KEY" if con.contype == ConstrType.CONSTR_PRIMARY else "UNIQUE"
    return (
        f"{NO_TX_DIRECTIVE}\nCREATE UNIQUE INDEX CONCURRENTLY {name} ON {rel} "
        f"({', '.join(sql_ident(c) for c in cols)});\n"
        f"-- then, in the next migration:\n"
        f"ALTER TABLE {rel} ADD CONSTRAINT {name} {kind} USING INDEX {name};"
    )


def validate_constraint(name: str, relation: str, storage: list[str], effect: Effect, ctx: Context) -> None:
    state = ctx.schema.table(relation)
    known = [fk for fk in state.foreign_keys if fk.name == name] if state else []
    if known and all(fk.validated for fk in known):
        return  # already valid: PostgreSQL does nothing
    for target in storage:
        effect.scan(target)
    for fk in known:
        effect.lock(fk.referenced, ROW_SHARE)
        referenced = ctx.schema.table(fk.referenced)
        if referenced is not None and referenced.kind == "p":  # its partitions are read
            for partition in ctx.schema.descendants(fk.referenced):
                effect.lock(partition, ACCESS_SHARE)
                if has_storage(ctx, partition):
                    effect.scan(partition)
        else:
            effect.scan(fk.referenced)
        state.foreign_keys[state.foreign_keys.index(fk)] = replace(fk, validated=True)  # type: ignore[union-attr]
    column = _pending_checks(ctx).pop((relation, name), None)
    if column and state is not None:
        state.not_null_checks.add(column)
    if state is not None and name in state.unvalidated_checks:
        state.checked_columns |= state.unvalidated_checks.pop(name)


def drop_constraint(
    name: str, relation: str, cascade: bool, effect: Effect, ctx: Context, *, missing_ok: bool = False
) -> None:
    state = ctx.schema.table(relation)
    if state is None:
        return
    key = state.indexes.get(f"{relation.split('.')[0]}.{name}")
    primary = state.indexes.get(f"{relation}_pkey", ())
    users: list[str] = []
    for fk in ctx.schema.referenced_by(relation) if key else ():  # foreign keys on the key (CASCADE)
        if fk.table != relation and set(fk.referenced_columns or primary) == set(key or ()):
            effect.lock(fk.table, ACCESS_EXCLUSIVE)
            users.append(fk.table)
    if users and not cascade:
        effect.hits.append(dependents_hit(f"DROP CONSTRAINT {name} of {relation}", relation, users))
    for fk in list(state.foreign_keys):
        if fk.name == name:
            effect.lock(fk.referenced, ACCESS_EXCLUSIVE)
            state.foreign_keys.remove(fk)
    index = f"{relation.split('.')[0]}.{name}"
    # the index of a key goes with it; with IF EXISTS, an index of that name may be no constraint's
    if index in state.indexes and not missing_ok:
        effect.lock(index, ACCESS_EXCLUSIVE)
        effect.covered.add(index)  # under the AccessExclusiveLock of its table
        ctx.schema.drop(index)
