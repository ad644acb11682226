"""DROP TABLE / VIEW / SEQUENCE / ... and DROP TRIGGER / POLICY / RULE (DROP INDEX is in `index`)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pglast import ast
from pglast.enums import ObjectType

from migwiz.engine.analysis.dependents import dependents_hit
from migwiz.engine.analysis.effects import (
    ACCESS_EXCLUSIVE,
    NO_TX_DIRECTIVE,
    SHARE_UPDATE_EXCLUSIVE,
    Context,
    Effect,
    Hit,
    Registry,
    surely_absent,
)
from migwiz.engine.analysis.index import drop_index
from migwiz.engine.analysis.partition import partition_parent
from migwiz.engine.analysis.sqlnodes import qualify_names, sql_ident, sql_name

registry = Registry()
"""The statement handlers of this module."""


_DROP_KINDS = {
    ObjectType.OBJECT_TABLE: "TABLE",
    ObjectType.OBJECT_VIEW: "VIEW",
    ObjectType.OBJECT_MATVIEW: "MATERIALIZED VIEW",
    ObjectType.OBJECT_SEQUENCE: "SEQUENCE",
    ObjectType.OBJECT_FOREIGN_TABLE: "FOREIGN TABLE",
}


_TRACKED_KINDS = (ObjectType.OBJECT_TABLE, ObjectType.OBJECT_VIEW, ObjectType.OBJECT_MATVIEW)
"""What the analyser records every creation of (a sequence may come with a column, unrecorded)."""


_ON_TABLE_KINDS = {
    ObjectType.OBJECT_TRIGGER: "TRIGGER",
    ObjectType.OBJECT_POLICY: "POLICY",
    ObjectType.OBJECT_RULE: "RULE",
}


@registry.handles(ast.DropStmt)
def _drop(node: Any, ctx: Context) -> Effect:
    rt = node.removeType
    if rt == ObjectType.OBJECT_INDEX:
        return drop_index(node, ctx)
    if rt in _ON_TABLE_KINDS:
        effect = Effect(f"DROP {_ON_TABLE_KINDS[rt]}")
        for names in node.objects:
            relation = ctx.qualified(names[:-1])
            state = ctx.schema.table(relation)
            name = str(names[-1].sval)
            known = _named_objects(state, rt)
            if node.missing_ok and (surely_absent(ctx, relation) or _absent_object(known, name, ctx)):
                continue  # IF EXISTS of what the database does not have: no lock
            effect.lock(relation, ACCESS_EXCLUSIVE)
            if rt == ObjectType.OBJECT_TRIGGER and state is not None and state.kind == "p":
                _drop_trigger_clones(relation, name, effect, ctx)
            if isinstance(known, set):
                known.discard(name)
                if state is not None:
                    state.trigger_functions.pop(name, None)
            elif isinstance(known, dict):
                known.pop(name, None)
        return effect
    if rt in (ObjectType.OBJECT_TYPE, ObjectType.OBJECT_DOMAIN):
        return _drop_type(node, ctx)
    if rt == ObjectType.OBJECT_STATISTIC_EXT:
        return _drop_statistics(node, ctx)
    if rt == ObjectType.OBJECT_SCHEMA:
        return _drop_schema(node, ctx)
    if rt == ObjectType.OBJECT_FUNCTION:
        return _drop_function(node, ctx)
    if rt not in _DROP_KINDS:
        return Effect(f"DROP {rt.name.removeprefix('OBJECT_')}")
    effect = Effect(f"DROP {_DROP_KINDS[rt]}")
    dropped = {ctx.qualified(names) for names in node.objects}  # dropped together
    for names in node.objects:
        relation = ctx.qualified(names)
        tracked = rt in _TRACKED_KINDS or rt == ObjectType.OBJECT_SEQUENCE
        if node.missing_ok and tracked and surely_absent(ctx, relation, rt == ObjectType.OBJECT_SEQUENCE):
            continue  # IF EXISTS of a relation the database does not have: nothing happens
        effect.lock(relation, ACCESS_EXCLUSIVE)
        if rt == ObjectType.OBJECT_SEQUENCE:
            _owning_column(relation, node.behavior.name == "DROP_CASCADE", effect, ctx)
        if node.behavior.name == "DROP_CASCADE":
            for view in _dependent_views(relation, ctx):
                effect.lock(view, ACCESS_EXCLUSIVE)
                ctx.schema.drop(view)
        else:
            users = [*_dependent_views(relation, ctx), *_referencing_tables(relation, ctx)]
            users = [u for u in dict.fromkeys(users) if u not in dropped]
            if users:
                effect.hits.append(dependents_hit(f"DROP {_DROP_KINDS[rt]} {relation}", relation, users))
        if rt == ObjectType.OBJECT_TABLE:
            new = ctx.is_new(relation)
            for child in ctx.schema.descendants(relation):
                effect.lock(child, ACCESS_EXCLUSIVE)
            parent = partition_parent(ctx, relation)
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


def _drop_schema(node: Any, ctx: Context) -> Effect:
    """DROP SCHEMA: refused while the schema holds relations; CASCADE drops each under AccessExclusiveLock,
    with the tables outside that their foreign keys reference or that reference them, and the views outside
    that read them."""
    effect = Effect("DROP SCHEMA")
    cascade = node.behavior.name == "DROP_CASCADE"
    for name in node.objects:
        schema = str(name.sval)
        members = [r for r in ctx.schema.tables if r.split(".", 1)[0] == schema]
        if not members:
            continue
        if not cascade:
            effect.hits.append(dependents_hit(f"DROP SCHEMA {schema}", members[0], members))
            continue
        for relation in members:
            effect.lock(relation, ACCESS_EXCLUSIVE)
            state = ctx.schema.table(relation)
            for fk in state.foreign_keys if state else ():
                effect.lock(fk.referenced, ACCESS_EXCLUSIVE)
            for other in [*_referencing_tables(relation, ctx), *_dependent_views(relation, ctx)]:
                effect.lock(other, ACCESS_EXCLUSIVE)
        tables = [
            r for r in members if (s := ctx.schema.table(r)) and s.kind in ("r", "p") and not ctx.is_new(r)
        ]
        if tables:
            effect.hits.append(
                Hit(
                    "drop-outside-contract",
                    tables[0],
                    f"DROP SCHEMA {schema} CASCADE breaks code still using and destroys {', '.join(tables)}",
                    "-- stop using the schema's tables first, then drop it in a contract-phase migration "
                    "(-- migwiz:phase=contract)",
                )
            )
        for relation in [*members, *(v for r in members for v in _dependent_views(r, ctx))]:
            effect.destroys.append(relation)
            ctx.schema.drop(relation)
    return effect


def _drop_function(node: Any, ctx: Context) -> Effect:
    """DROP FUNCTION of a function triggers run: refused, or with CASCADE the triggers go with it, each
    under AccessExclusiveLock on its table (partitions' clones included)."""
    effect = Effect("DROP FUNCTION")
    cascade = node.behavior.name == "DROP_CASCADE"
    for obj in node.objects:
        function = qualify_names(obj.objname, ctx.default_schema)
        users = [
            (table, trigger)
            for table, state in ctx.schema.tables.items()
            for trigger, runs in state.trigger_functions.items()
            if runs == function
        ]
        if users and not cascade:
            named = [f"trigger {trigger} on {table}" for table, trigger in users]
            effect.hits.append(dependents_hit(f"DROP FUNCTION {function}", users[0][0], named))
            continue
        for table, trigger in users:
            effect.lock(table, ACCESS_EXCLUSIVE)
            state = ctx.schema.table(table)
            if state is not None:
                state.triggers.discard(trigger)
                state.trigger_functions.pop(trigger, None)
    return effect


def _drop_trigger_clones(relation: str, name: str, effect: Effect, ctx: Context) -> None:
    """A row trigger of a partitioned table is cloned on its partitions under the same name: dropping it
    drops the clones, each under AccessExclusiveLock (a statement trigger has none)."""
    for partition in ctx.schema.descendants(relation):
        state = ctx.schema.table(partition)
        if state is not None and name in state.triggers:
            effect.lock(partition, ACCESS_EXCLUSIVE)
            state.triggers.discard(name)
            state.trigger_functions.pop(name, None)


def _drop_statistics(node: Any, ctx: Context) -> Effect:
    """DROP STATISTICS: ShareUpdateExclusiveLock on the table the statistics are on."""
    effect = Effect("DROP STATISTICS")
    for names in node.objects:
        table = ctx.schema.statistics.pop(qualify_names(names, ctx.default_schema), None)
        if table is not None:
            effect.lock(table, SHARE_UPDATE_EXCLUSIVE)
    return effect


def _owning_column(sequence: str, cascade: bool, effect: Effect, ctx: Context) -> None:
    """Columns that need the sequence: an identity column's refuses the drop even under CASCADE; a default
    calling nextval on it (a serial column's too) goes with it under CASCADE (AccessExclusiveLock on the
    table), and without CASCADE the drop fails."""
    what = f"DROP SEQUENCE {sequence}"
    for table, state in list(ctx.schema.tables.items()):
        users = [(name, c) for name, c in state.columns.items() if sequence in c.sequences]
        for column, facts in users:
            if facts.identity:
                effect.hits.append(
                    Hit(
                        "drop-has-dependents",
                        sequence,
                        f"{what} fails, CASCADE or not: it is the identity sequence of {table}.{column}",
                        f"ALTER TABLE {sql_name(table)} ALTER COLUMN {sql_ident(column)} DROP IDENTITY;  "
                        f"-- drops the sequence with it",
                    )
                )
            elif cascade:
                effect.lock(table, ACCESS_EXCLUSIVE)
                own = ctx.schema.table(table)
                if own is not None:
                    own.columns[column] = replace(facts, sequences=())
            else:
                effect.hits.append(dependents_hit(what, sequence, [f"{table}.{column}"]))


def _named_objects(state: Any, rt: ObjectType) -> Any:
    """The table's triggers, policies or rules (a set or a dict by name; None when the table is unknown)."""
    if state is None:
        return None
    if rt == ObjectType.OBJECT_TRIGGER:
        return state.triggers
    return state.policies if rt == ObjectType.OBJECT_POLICY else state.rules


def _absent_object(known: Any, name: str, ctx: Context) -> bool:
    """Whether the table surely has no trigger, policy or rule of that name (the catalog was read or the
    whole set walked)."""
    whole = ctx.schema.from_catalog or ctx.schema.from_empty
    return known is not None and whole and name not in known


def _drop_type(node: Any, ctx: Context) -> Effect:
    """DROP TYPE / DOMAIN: refused while a column has the type (CASCADE drops those columns)."""
    word = "DOMAIN" if node.removeType == ObjectType.OBJECT_DOMAIN else "TYPE"
    effect = Effect(f"DROP {word}")
    cascade = node.behavior.name == "DROP_CASCADE"
    for names in node.objects:
        type_names = getattr(names, "names", names)  # DROP TYPE holds TypeNames, DROP DOMAIN too
        name = str(type_names[-1].sval).lower()
        users = [
            table
            for table, state in ctx.schema.tables.items()
            if state.kind in ("r", "p")  # a view's columns are known only approximately from its query
            and any(c.type_name in (name, f"{name}[]") for c in state.columns.values())
        ]
        for table in users if cascade else ():
            effect.lock(table, ACCESS_EXCLUSIVE)
        existing = [t for t in users if not ctx.is_new(t)] if cascade else []
        if existing:
            effect.hits.append(
                Hit(
                    "drop-outside-contract",
                    existing[0],
                    f"DROP {word} {name} CASCADE drops the columns of that type in {', '.join(existing)}: "
                    f"their data is lost and code still using them breaks",
                    "-- drop the columns first, in a contract-phase migration (-- migwiz:phase=contract), "
                    "then the type",
                )
            )
        if users and not cascade:
            qualified = qualify_names(type_names, ctx.default_schema)
            effect.hits.append(dependents_hit(f"DROP {word} {qualified}", users[0], users))
    return effect


def _referencing_tables(relation: str, ctx: Context) -> list[str]:
    """Other tables with a foreign key to `relation`."""
    return [fk.table for fk in ctx.schema.referenced_by(relation) if fk.table != relation]


def _dependent_views(relation: str, ctx: Context) -> list[str]:
    """Views and materialized views that read `relation`, directly or through each other (CASCADE drops
    them)."""
    out: list[str] = []
    todo = [relation]
    while todo:
        source = todo.pop(0)
        for name, state in list(ctx.schema.tables.items()):
            if state.kind in ("v", "m") and source in state.sources and name not in out and name != relation:
                out.append(name)
                todo.append(name)
    return out


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
            f"{NO_TX_DIRECTIVE}\nALTER TABLE {sql_name(parent)} DETACH PARTITION {sql_name(relation)} "
            f"CONCURRENTLY;\n"
            f"-- then, in a contract-phase migration (-- migwiz:phase=contract), with no lock on {parent}:\n"
            f"DROP TABLE {sql_name(relation)};"
        )
    return Hit(
        "drop-outside-contract",
        relation,
        f"DROP TABLE {relation} destroys its data and takes AccessExclusiveLock on its parent {parent}: "
        f"reads and writes of every partition wait",
        fix,
    )
