"""Rows for `test-rollback --with-data`: seed a few generated rows per table, then say what a down lost.

Seeding is pragmatic: values are generated from each column's type (numbers, text, dates, uuids, json,
enum labels, domains over those), foreign-key columns take a value from a row of the referenced table,
identity, serial and generated columns use their defaults. A table whose constraints the generated rows
cannot satisfy is tried again with only the required columns, then skipped with a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import psycopg

from migwiz.engine.errors import one_line
from migwiz.engine.schema import SchemaModel
from migwiz.engine.schema.drift_sql import last_part
from migwiz.engine.schema.model import Column, Constraint, Domain, Enum, Table

ROWS_PER_TABLE = 3

_FK = re.compile(r"^FOREIGN KEY \((?P<cols>[^)]*)\) REFERENCES (?P<ref>.+?)\((?P<refcols>[^)]*)\)$")
_NUMBER = re.compile(r"^(smallint|integer|bigint|numeric|real|double precision)\b")
_TEXT = re.compile(r"^(text|character varying|character|\"char\"|name|citext|public\.citext)\b")
_TIME = re.compile(r"^(date|timestamp)\b")


@dataclass(frozen=True)
class TableData:
    """Row count of a table, and per column: (non-null values, digest of all values)."""

    rows: int
    columns: dict[str, tuple[int, str]] = field(default_factory=dict)


def _value(type_name: str, model: SchemaModel, base: int) -> str | None:
    """An SQL expression of `type_name` for row `g` of generate_series, or None when unsupported."""
    t = type_name
    if t.endswith("[]"):
        return f"'{{}}'::{t}"
    if _NUMBER.match(t):
        return f"({base} + g)::{t}"
    if _TEXT.match(t):
        return f"('s{base}_' || g)::{t}"
    if t == "boolean":
        return "(g % 2 = 0)"
    if _TIME.match(t):
        return f"(date '2024-01-01' + ({base} + g))::{t}"
    if t.startswith("time"):
        return f"(time '00:00' + make_interval(secs => g))::{t}"
    if t == "interval":
        return "make_interval(secs => g)"
    if t == "uuid":
        return f"md5('{base}_' || g)::uuid"
    if t in ("json", "jsonb"):
        return f"json_build_object('n', {base} + g)::{t}"
    if t == "bytea":
        return f"convert_to('{base}_' || g, 'UTF8')"
    if t in ("inet", "cidr"):
        return f"('10.0.' || (g % 250) || '.0')::{t}"
    enum = model.get("enum", t)
    if isinstance(enum, Enum) and enum.labels:
        return f"(enum_range(NULL::{t}))[1 + (g % {len(enum.labels)})]"
    domain = model.get("domain", t)
    if isinstance(domain, Domain):
        inner = _value(domain.base_type, model, base)
        return f"({inner})::{t}" if inner else None
    return None


def _foreign_keys(model: SchemaModel, table: str) -> list[tuple[list[str], str, list[str]]]:
    out = []
    for c in model.of_type(Constraint):
        if c.table == table and c.constraint_type == "foreign key":
            match = _FK.match(c.definition)
            if match:
                cols = [x.strip() for x in match["cols"].split(",")]
                refcols = [x.strip() for x in match["refcols"].split(",")]
                out.append((cols, match["ref"], refcols))
    return out


def seed_order(model: SchemaModel) -> list[Table]:
    """Tables to seed (no partitions: their parent routes rows), referenced tables first."""
    tables = {t.name: t for t in model.of_type(Table) if t.partition_of is None}
    order: list[Table] = []
    seen: set[str] = set()

    def visit(name: str, path: set[str]) -> None:
        if name in seen or name in path or name not in tables:
            return
        for _, ref, _ in _foreign_keys(model, name):
            visit(ref, path | {name})
        seen.add(name)
        order.append(tables[name])

    for name in sorted(tables):
        visit(name, set())
    return order


def _insert(model: SchemaModel, table: Table, base: int, required_only: bool) -> str | None:
    columns = sorted((c for c in model.of_type(Column) if c.table == table.name), key=lambda c: c.position)
    fk_source: dict[str, str] = {}
    joins = []
    for i, (cols, ref, refcols) in enumerate(_foreign_keys(model, table.name)):
        alias = f"fk{i}"
        pick = f"SELECT {', '.join(refcols)} FROM {ref} ORDER BY random() LIMIT 1"
        joins.append(f" LEFT JOIN LATERAL ({pick}) {alias} ON true")
        for col, refcol in zip(cols, refcols, strict=False):
            fk_source.setdefault(col, f"{alias}.{refcol}")
    names, values = [], []
    for c in columns:
        col = last_part(c.name)
        if c.generated or c.identity or (c.default and "nextval(" in c.default):
            continue
        if required_only and not c.not_null and col not in fk_source:
            continue
        if required_only and c.default is not None and col not in fk_source:
            continue
        value = fk_source.get(col) or _value(c.type, model, base)
        if value is None:
            if c.not_null and c.default is None:
                return None
            continue
        names.append(col)
        values.append(value)
    if not names:
        return f"INSERT INTO {table.name} SELECT FROM generate_series(1, {ROWS_PER_TABLE}) g"
    return (
        f"INSERT INTO {table.name} ({', '.join(names)}) SELECT {', '.join(values)}"
        f" FROM generate_series(1, {ROWS_PER_TABLE}) g{''.join(joins)}"
    )


def seed_rows(conn: psycopg.Connection[Any], model: SchemaModel, round_no: int) -> list[str]:
    """Insert a few rows into every table of `model`; notes name the tables that could not be seeded."""
    notes = []
    base = round_no * 10
    for table in seed_order(model):
        error = "no value can be generated for a required column"
        for required_only in (False, True):
            statement = _insert(model, table, base, required_only)
            if statement is None:
                continue
            try:
                with conn.transaction():
                    conn.execute(statement.encode())
                break
            except psycopg.Error as exc:
                error = one_line(exc)
        else:
            notes.append(f"table {table.name} was not seeded: {error}")
    return notes


def snapshot(conn: psycopg.Connection[Any], model: SchemaModel) -> dict[str, TableData]:
    """Row count and per-column value digests of every table (partitions through their parent)."""
    out: dict[str, TableData] = {}
    for table in model.of_type(Table):
        if table.partition_of is not None:
            continue
        cols = [last_part(c.name) for c in model.of_type(Column) if c.table == table.name]
        parts = ["count(*)"]
        for col in cols:
            parts.append(f"count({col})")
            parts.append(f"md5(coalesce(string_agg({col}::text, ',' ORDER BY {col}::text), ''))")
        row = conn.execute(f"SELECT {', '.join(parts)} FROM {table.name}".encode()).fetchone()
        assert row is not None
        columns = {col: (int(row[1 + 2 * i]), str(row[2 + 2 * i])) for i, col in enumerate(cols)}
        out[table.name] = TableData(int(row[0]), columns)
    return out


def data_lost(before: dict[str, TableData], after: dict[str, TableData]) -> list[str]:
    """Sentences saying which rows and column values the down lost."""
    lost = []
    for name, data in before.items():
        now = after.get(name)
        if now is None:
            if data.rows:
                lost.append(f"down drops table {name} and its {data.rows} row(s)")
            continue
        if now.rows < data.rows:
            lost.append(f"down deletes {data.rows - now.rows} of the {data.rows} row(s) of table {name}")
        for col, (values, digest) in data.columns.items():
            if col not in now.columns:
                if values:
                    lost.append(f"down drops column {name}.{col} holding {values} value(s)")
            elif now.columns[col][1] != digest and now.rows == data.rows:
                lost.append(f"down changes the values of column {name}.{col}")
    return lost
