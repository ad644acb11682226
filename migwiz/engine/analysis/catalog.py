"""Read the catalog facts that settle what static analysis cannot know from the SQL text alone.

Only reads the catalog: never runs a migration.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from migwiz.engine.analysis.inlining import inline_body, planned_volatility
from migwiz.engine.analysis.model import (
    UTC_ZONES,
    CatalogFacts,
    ColumnFacts,
    DomainFacts,
    ForeignKeyFacts,
    TableFacts,
)
from migwiz.engine.analysis.sqlnodes import VOLATILE_BUILTINS

if TYPE_CHECKING:
    import psycopg

_NOT_NULL_CHECK = re.compile(r'^CHECK \(+"?(?P<col>[^"()\s]+)"? IS NOT NULL\)+(?: NOT VALID)?$')


def _inlined(rows: list[tuple[Any, ...]], volatility: dict[str, str]) -> dict[str, str]:
    """SQL functions (one of their name) that the planner inlines into something less volatile."""
    names = [str(row[0]) for row in rows]
    out: dict[str, str] = {}
    for name, declared, body in rows:
        if names.count(name) != 1:
            continue  # overloaded: which one a call means is not known here
        planned = planned_volatility(
            str(declared), inline_body(str(body or "")), volatility, VOLATILE_BUILTINS
        )
        if planned != declared:
            out[str(name)] = planned
    return out


def _query(conn: psycopg.Connection[Any], name: str) -> list[tuple[Any, ...]]:
    from migwiz.engine import queries  # psycopg with it: only when a catalog is read

    text = queries.load(f"analysis_{name}", conn.info.server_version)
    return conn.execute(text.encode()).fetchall()


def decode_type(type_name: str, type_mod: int) -> tuple[str, tuple[int, ...]]:
    """(name, modifiers) as the analyser spells them, from pg_type.typname and pg_attribute.atttypmod.

    >>> decode_type("varchar", 54), decode_type("numeric", 655366), decode_type("_int4", -1)
    (('varchar', (50,)), ('numeric', (10, 2)), ('int4[]', ()))
    """
    name = f"{type_name[1:]}[]" if type_name.startswith("_") else type_name
    if type_mod < 0:
        return name, ()
    if name in ("varchar", "bpchar"):
        return name, (type_mod - 4,)
    if name == "numeric":
        mod = type_mod - 4
        return name, (mod >> 16, mod & 0xFFFF)
    return name, (type_mod,)


def not_null_column(definition: str) -> str | None:
    """The column of a `CHECK (col IS NOT NULL)` definition, else None.

    >>> not_null_column("CHECK ((email IS NOT NULL))"), not_null_column("CHECK ((n > 0))")
    ('email', None)
    """
    match = _NOT_NULL_CHECK.match(definition.strip())
    return match.group("col") if match else None


def read_domains(conn: psycopg.Connection[Any]) -> dict[str, DomainFacts]:
    """Every user domain with its base domain, NOT NULL and constraints (one query)."""
    return {
        name: DomainFacts(
            name, base, bool(not_null), dict(zip(names, validated, strict=True)), base_type or ""
        )
        for name, base, not_null, base_type, names, validated in _query(conn, "domains")
    }


def read_catalog_facts(conn: psycopg.Connection[Any]) -> CatalogFacts:
    """Relations, columns, validated NOT NULL checks, foreign keys, partitions, indexes, view sources,
    function volatility, domains, whether the session time zone is UTC and the search_path."""
    relations = _query(conn, "relations")
    columns: dict[str, dict[str, ColumnFacts]] = {}
    for relation, column, type_name, _kind, type_mod, not_null, generated, identity, sequences in _query(
        conn, "columns"
    ):
        name, mods = decode_type(type_name, type_mod)
        columns.setdefault(relation, {})[column] = ColumnFacts(
            name, mods, bool(not_null), generated or "", identity or "", tuple(sorted(sequences or ()))
        )
    checks: dict[str, set[str]] = {}
    checked: dict[str, set[str]] = {}
    fks: dict[str, list[ForeignKeyFacts]] = {}
    for relation, name, contype, validated, definition, referenced, cols, ref_cols in _query(
        conn, "constraints"
    ):
        if contype == "f":
            fks.setdefault(relation, []).append(
                ForeignKeyFacts(
                    name, relation, tuple(cols), referenced, bool(validated), tuple(ref_cols or ())
                )
            )
        elif validated and contype == "n" and cols:
            checks.setdefault(relation, set()).add(cols[0])
        elif validated and contype == "c":
            checked.setdefault(relation, set()).update(cols or ())
            column = not_null_column(definition)
            if column:
                checks.setdefault(relation, set()).add(column)
    indexes: dict[str, dict[str, tuple[str, ...]]] = {}
    unique: dict[str, set[str]] = {}
    index_tables: dict[str, str] = {}
    expressions: dict[str, dict[str, str]] = {}
    for index, relation, is_unique, cols, exprs in _query(conn, "indexes"):
        indexes.setdefault(relation, {})[index] = tuple(cols)
        if exprs:
            expressions.setdefault(relation, {})[index] = str(exprs)
        index_tables[index] = relation
        if is_unique:
            unique.setdefault(relation, set()).add(index)
    sources: dict[str, list[str]] = {}
    for view, source in _query(conn, "view_sources"):
        sources.setdefault(view, []).append(source)
    used: dict[str, dict[str, set[str]]] = {}
    rules: dict[str, dict[str, dict[str, set[str]]]] = {}
    for view, relation, column, rule in _query(conn, "view_columns"):
        if rule is None:  # a view's or materialized view's own query
            used.setdefault(view, {}).setdefault(relation, set()).add(column)
        else:
            rules.setdefault(view, {}).setdefault(rule, {}).setdefault(relation, set()).add(column)
    named: dict[tuple[str, str], set[str]] = {}
    for relation, kind, name in _query(conn, "table_objects"):
        named.setdefault((relation, kind), set()).add(name)
        if kind == "rule":  # a rule that uses no column is a rule all the same
            rules.setdefault(relation, {}).setdefault(name, {})
    runs: dict[str, dict[str, str]] = {}
    for relation, trigger, function in _query(conn, "trigger_functions"):
        runs.setdefault(relation, {})[trigger] = function
    children: dict[str, list[str]] = {}
    for name, _kind, parent, *_ in relations:
        if parent:
            children.setdefault(parent, []).append(name)
    referenced_by: dict[str, list[ForeignKeyFacts]] = {}
    for table_fks in fks.values():
        for fk in table_fks:
            referenced_by.setdefault(fk.referenced, []).append(fk)
    tables = {
        name: TableFacts(
            name=name,
            kind=kind,
            columns=columns.get(name, {}),
            not_null_checks=frozenset(checks.get(name, ())),
            checked_columns=frozenset(checked.get(name, ())),
            triggers=frozenset(named.get((name, "trigger"), ())),
            trigger_functions=runs.get(name, {}),
            policies=frozenset(named.get((name, "policy"), ())),
            empty=bool(empty),
            partition_key=tuple(key or ()),
            children=tuple(children.get(name, ())),
            parent=parent,
            default_partition=bool(is_default),
            indexes=indexes.get(name, {}),
            unique_indexes=frozenset(unique.get(name, ())),
            index_expressions=expressions.get(name, {}),
            foreign_keys=tuple(fks.get(name, ())),
            referenced_by=tuple(referenced_by.get(name, ())),
            sources=tuple(sources.get(name, ())),
            used_columns={r: frozenset(cols) for r, cols in used.get(name, {}).items()},
            rules={
                rule: {r: frozenset(cols) for r, cols in by_relation.items()}
                for rule, by_relation in rules.get(name, {}).items()
            },
            estimated_rows=int(rows) if rows is not None and rows >= 0 else None,
            tablespace=space,
            definition=definition,
            unlogged=bool(unlogged),
            access_method=method,
            populated=bool(populated),
            detach_pending=bool(pending),
        )
        for (
            name,
            kind,
            parent,
            rows,
            is_default,
            space,
            definition,
            unlogged,
            method,
            key,
            empty,
            populated,
            pending,
        ) in relations
    }
    domains = read_domains(conn)
    timezone = conn.execute("SELECT pg_catalog.current_setting('TimeZone')").fetchone()
    path = conn.execute("SELECT pg_catalog.current_schemas(false)").fetchone()
    own = _query(conn, "user_schema")
    publications: dict[str, set[str]] = {}
    for publication, relation in _query(conn, "publications"):
        publications.setdefault(str(publication), set()).add(str(relation))
    volatility = {name: vol for name, vol in _query(conn, "functions")}
    return CatalogFacts(
        server_version=conn.info.server_version // 10000,
        tables=tables,
        index_tables=index_tables,
        function_volatility=volatility,
        statistics={name: relation for name, relation in _query(conn, "statistics")},
        inlined_volatility=_inlined(_query(conn, "sql_functions"), volatility),
        constrained_domains=frozenset(d.type_name for d in domains.values() if d.constrained),
        domains=domains,
        timezone_utc=bool(timezone and str(timezone[0]).lower() in UTC_ZONES),
        search_path=tuple(str(s) for s in path[0]) if path and path[0] else (),
        user_schema=str(own[0][0]) if own else "",
        publications={name: frozenset(tables) for name, tables in publications.items()},
    )
