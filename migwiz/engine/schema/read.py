"""Read a `SchemaModel` from a live database's catalog."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.pq import TransactionStatus
from psycopg.rows import dict_row

from migwiz.engine import queries
from migwiz.engine.schema import normalise
from migwiz.engine.schema.model import (
    Column,
    CompositeType,
    Constraint,
    Domain,
    Enum,
    Extension,
    Function,
    Index,
    MaterializedView,
    Policy,
    Schema,
    SchemaModel,
    SchemaObject,
    Sequence,
    Table,
    Trigger,
    View,
)

Row = dict[str, Any]

# Settings that change how pg_get_* functions print names and constants: fixed for the read so two
# sessions with different settings produce the same model. search_path = pg_catalog qualifies every
# user object in definitions.
_SESSION_SETTINGS = (
    ("search_path", "pg_catalog"),
    ("quote_all_identifiers", "off"),
    ("DateStyle", "ISO, MDY"),
    ("IntervalStyle", "postgres"),
    ("TimeZone", "UTC"),
    ("extra_float_digits", "1"),
    ("bytea_output", "hex"),
)


@contextmanager
def _read_transaction(conn: psycopg.Connection[Any]) -> Iterator[None]:
    """A (sub)transaction with fixed output settings, leaving the caller's session as it was."""
    idle = conn.info.transaction_status == TransactionStatus.IDLE
    with conn.transaction():
        if idle:
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        names = [name for name, _ in _SESSION_SETTINGS]
        row = conn.execute("SELECT " + ", ".join("current_setting(%s)" for _ in names), names).fetchone()
        previous = list(row) if row else []
        _apply(conn, _SESSION_SETTINGS)
        try:
            yield
        finally:
            if not idle and conn.info.transaction_status == TransactionStatus.INTRANS:
                _apply(conn, tuple(zip(names, previous, strict=True)))


def _apply(conn: psycopg.Connection[Any], settings: tuple[tuple[str, str], ...]) -> None:
    conn.execute(
        "SELECT " + ", ".join("set_config(%s, %s, true)" for _ in settings),
        [v for pair in settings for v in pair],
    )


def read_schema(
    conn: psycopg.Connection[Any],
    *,
    exclude_schemas: tuple[str, ...] = ("migwiz",),
    include_grants: bool = False,
) -> SchemaModel:
    """Read the schema of the connected database.

    System schemas (pg_catalog, information_schema, pg_toast, pg_temp_*) are always left out, and so are
    `exclude_schemas` and the objects an extension owns (the extension represents them). Grants are read
    only with `include_grants`. Works in autocommit or inside the caller's transaction (it then sees the
    transaction's own uncommitted DDL) and restores the session settings it changes.
    """
    major = conn.info.server_version // 10000
    params = {"exclude": list(exclude_schemas), "grants": include_grants}
    objects: list[SchemaObject] = []
    with _read_transaction(conn):
        with conn.pipeline():  # every query sent at once: one wait for the server, not one per query
            cursors = []
            for kind, build in _BUILDERS:
                cur = conn.cursor(row_factory=dict_row)
                cur.execute(queries.load(f"schema_{kind}", major * 10000).encode(), params)
                cursors.append((cur, build))
        for cur, build in cursors:
            for row in cur.fetchall():
                obj = build(row)
                if obj is not None:
                    objects.append(obj)
            cur.close()
    return SchemaModel(tuple(objects))


def _schema(r: Row) -> Schema:
    return Schema(name=r["name"], comment=r["comment"], grants=normalise.grants(r["acl"]))


def _extension(r: Row) -> Extension:
    return Extension(name=r["name"], schema=r["schema"], version=r["version"], comment=r["comment"])


def _table(r: Row) -> Table:
    return Table(
        name=r["name"],
        persistence="unlogged" if r["unlogged"] else "logged",
        partition_by=r["partition_by"],
        partition_of=r["partition_of"],
        partition_bound=r["partition_bound"],
        inherits=tuple(r["inherits"]),
        rls_enabled=r["rls_enabled"],
        rls_forced=r["rls_forced"],
        options=tuple(r["options"]),
        comment=r["comment"],
        grants=normalise.grants(r["acl"]),
    )


def _column(r: Row) -> Column | None:
    if not r["local"]:
        return None  # inherited from a parent (every column of a partition): the parent's column says it
    return Column(
        name=f"{r['table_name']}.{r['column_name']}",
        table=r["table_name"],
        position=r["position"],
        type=r["type"],
        default=r["default_expr"],
        not_null=r["not_null"],
        not_null_name=r["not_null_name"],
        not_null_validated=r["not_null_validated"],
        identity=r["identity"],
        generated=r["generated"],
        collation=r["collation"],
        comment=r["comment"],
        grants=normalise.grants(r["acl"]),
    )


_CONSTRAINT_TYPES = {
    "p": "primary key",
    "u": "unique",
    "f": "foreign key",
    "c": "check",
    "x": "exclude",
}
_MATCH = {"f": "FULL", "p": "PARTIAL", "s": "SIMPLE"}


def _constraint(r: Row) -> Constraint:
    contype = r["contype"]
    definition, on_update, on_delete = normalise.split_constraint(r["definition"], contype)
    return Constraint(
        name=f"{r['table_name']}.{r['constraint_name']}",
        table=r["table_name"],
        constraint_type=_CONSTRAINT_TYPES[contype],
        definition=definition,
        validated=r["validated"],
        deferrable=r["deferrable"],
        deferred=r["deferred"],
        enforced=r["enforced"],
        match=_MATCH.get(r["match"]) if contype == "f" else None,
        on_update=on_update,
        on_delete=on_delete,
        comment=r["comment"],
    )


def _index(r: Row) -> Index:
    keys, include = normalise.index_parts(r["definition"], r["method"])
    return Index(
        name=r["name"],
        table=r["table_name"],
        method=r["method"],
        unique=r["is_unique"],
        keys=keys,
        include=include,
        nulls_not_distinct=r["nulls_not_distinct"],
        predicate=r["predicate"],
        options=tuple(r["options"]),
        valid=r["valid"],
        partition_of=r["partition_of"],
        expression=r["expression"],
        definition=r["definition"],
        comment=r["comment"],
    )


def _view(r: Row) -> View:
    kind = MaterializedView if r["materialized"] else View
    return kind(
        name=r["name"],
        definition=r["definition"],
        options=tuple(r["options"]),
        comment=r["comment"],
        grants=normalise.grants(r["acl"]),
    )


_FUNCTION_KINDS = {"f": "function", "p": "procedure", "a": "aggregate", "w": "window"}
_VOLATILITY = {"i": "immutable", "s": "stable", "v": "volatile"}
_PARALLEL = {"s": "safe", "r": "restricted", "u": "unsafe"}


def _function(r: Row) -> Function:
    return Function(
        name=r["name"],
        kind=_FUNCTION_KINDS[r["kind"]],
        arguments=r["arguments"],
        result=r["result"],
        language=r["language"],
        volatility=_VOLATILITY[r["volatility"]],
        strict=r["strict"],
        security_definer=r["security_definer"],
        leakproof=r["leakproof"],
        parallel=_PARALLEL[r["parallel"]],
        cost=r["cost"],
        rows=r["rows"],
        config=tuple(r["config"]),
        body=r["body"],
        definition=r["definition"],
        comment=r["comment"],
        grants=normalise.grants(r["acl"]),
    )


_TRIGGER_ENABLED = {"O": "origin", "D": "disabled", "R": "replica", "A": "always"}


def _trigger(r: Row) -> Trigger:
    return Trigger(
        name=f"{r['table_name']}.{r['trigger_name']}",
        table=r["table_name"],
        definition=r["definition"],
        enabled=_TRIGGER_ENABLED[r["enabled"]],
        comment=r["comment"],
    )


def _sequence(r: Row) -> Sequence:
    return Sequence(
        name=r["name"],
        data_type=r["data_type"],
        start=r["start"],
        increment=r["increment"],
        min_value=r["min_value"],
        max_value=r["max_value"],
        cycle=r["cycle"],
        cache=r["cache"],
        owned_by=r["owned_by"],
        comment=r["comment"],
        grants=normalise.grants(r["acl"]),
    )


def _type(r: Row) -> SchemaObject:
    items = tuple(r["items"])
    acl = normalise.grants(r["acl"])
    if r["typtype"] == "e":
        return Enum(name=r["name"], labels=items, comment=r["comment"], grants=acl)
    if r["typtype"] == "d":
        return Domain(
            name=r["name"],
            base_type=r["base_type"],
            default=r["default_expr"],
            not_null=r["not_null"],
            collation=r["collation"],
            constraints=items,
            comment=r["comment"],
            grants=acl,
        )
    return CompositeType(name=r["name"], attributes=items, comment=r["comment"], grants=acl)


_POLICY_COMMANDS = {"*": "ALL", "r": "SELECT", "a": "INSERT", "w": "UPDATE", "d": "DELETE"}


def _policy(r: Row) -> Policy:
    return Policy(
        name=f"{r['table_name']}.{r['policy_name']}",
        table=r["table_name"],
        command=_POLICY_COMMANDS[r["command"]],
        permissive=r["permissive"],
        roles=tuple(r["roles"]),
        using=r["using_expr"],
        with_check=r["with_check"],
        comment=r["comment"],
    )


_BUILDERS: tuple[tuple[str, Callable[[Row], SchemaObject | None]], ...] = (
    ("schemas", _schema),
    ("extensions", _extension),
    ("types", _type),
    ("sequences", _sequence),
    ("functions", _function),
    ("tables", _table),
    ("columns", _column),
    ("constraints", _constraint),
    ("indexes", _index),
    ("views", _view),
    ("triggers", _trigger),
    ("policies", _policy),
)
