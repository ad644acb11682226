"""The migration tools migwiz can adopt from: finding their history tables and reading them."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import psycopg
import psycopg.sql

from migwiz.engine import queries
from migwiz.engine.adopt import dbmate, diesel, flyway, golang_migrate, prisma, sqitch, sqlx
from migwiz.engine.adopt.model import ForeignRow, ForeignSource, Resolution
from migwiz.engine.errors import UsageError
from migwiz.engine.sets.model import MigrationSet

_MODULES: tuple[ModuleType, ...] = (golang_migrate, dbmate, flyway, diesel, sqitch, prisma, sqlx)
_LEGACY_FLYWAY_TABLE = "schema_version"  # Flyway before 5.0


@dataclass(frozen=True)
class Tool:
    """One tool: its name, how to recognise its table, read it and match it to migration files."""

    name: str
    tables: tuple[str, ...]
    recognises: Callable[[str, set[str]], bool]
    read: Callable[[psycopg.Connection[Any], ForeignSource], list[ForeignRow]]
    resolve: Callable[[list[ForeignRow], MigrationSet], Resolution]


TOOLS: dict[str, Tool] = {m.TOOL: Tool(m.TOOL, m.TABLES, m.recognises, m.read, m.resolve) for m in _MODULES}


def tool(name: str) -> Tool:
    """The tool called `name`, or a usage error listing the known ones."""
    try:
        return TOOLS[name]
    except KeyError:
        raise UsageError(f"unknown migration tool {name!r}", f"one of: {', '.join(TOOLS)}") from None


def find_sources(conn: psycopg.Connection[Any]) -> list[ForeignSource]:
    """Every history table of a known tool in this database, those in the search path first."""
    names = sorted({t for m in TOOLS.values() for t in m.tables} | {_LEGACY_FLYWAY_TABLE})
    found: list[ForeignSource] = []
    for schema, table, columns in conn.execute(queries.load("adopt_candidates"), {"names": names}):
        for candidate in TOOLS.values():
            known_name = table in candidate.tables or (
                candidate.name == "flyway" and table == _LEGACY_FLYWAY_TABLE
            )
            if known_name and candidate.recognises(table, set(columns)):
                found.append(ForeignSource(candidate.name, schema, table))
                break
    return found


def detect_foreign_tools(conn: psycopg.Connection[Any]) -> list[str]:
    """Names of the tools whose history tables are in this database (search path first, no repeats)."""
    return list(dict.fromkeys(s.tool for s in find_sources(conn)))


def source_for(conn: psycopg.Connection[Any], name: str, table: str | None = None) -> ForeignSource:
    """Where `name` keeps its history here: `table` (`schema.table`) if given, else the first one found."""
    chosen = tool(name)
    sources = [s for s in find_sources(conn) if s.tool == chosen.name]
    if table is not None:
        wanted = [s for s in sources if table in (s.qualified, s.table)]
        if wanted:
            return wanted[0]
        renamed = _renamed_table(conn, chosen, table)  # the tool configured with another table name
        if renamed is None:
            raise UsageError(
                f"no {chosen.name} history table {table!r} in this database",
                f"found: {', '.join(s.qualified for s in sources) or 'none'}",
            )
        return renamed
    if not sources:
        raise UsageError(
            f"no {chosen.name} history in this database"
            f" (looked for {', '.join(chosen.tables)} in every schema)",
            "check --dsn and --from; `migwiz status` names the tools it detects",
        )
    return sources[0]


def read_foreign_history(
    conn: psycopg.Connection[Any], tool_name: str, *, table: str | None = None
) -> list[ForeignRow]:
    """The history rows of `tool_name` in this database, as that tool wrote them (read-only)."""
    source = source_for(conn, tool_name, table)
    return TOOLS[source.tool].read(conn, source)


_MISSING_RELATION = re.compile(r'relation "(?:[^"]+\.)?([^".]+)" does not exist')


def own_table_hint(error: str) -> str | None:
    """A hint when `error` says a tool's own history table is missing (a migration that uses it).

    Diesel, sqlx, Prisma, golang-migrate, dbmate and Flyway create their table before the first
    migration, and some sets rely on it (a trigger on `__diesel_schema_migrations`); on an empty database
    it must be created first, and recorded as a baseline for shadow databases.

    >>> own_table_hint('42P01 relation "__diesel_schema_migrations" does not exist')[:47]
    "__diesel_schema_migrations is diesel's own hist"
    >>> own_table_hint('42P01 relation "users" does not exist') is None
    True
    """
    found = _MISSING_RELATION.search(error)
    if found is None:
        return None
    table = found.group(1)
    owner = next((t.name for t in TOOLS.values() if table in t.tables), None)
    if owner is None:
        return None
    return (
        f"{table} is {owner}'s own history table, which {owner} creates before the first migration and"
        f" this migration uses: write {owner}'s CREATE TABLE {table} into a file, record it with"
        " `migwiz baseline FILE` (or pass --baseline) and, on an empty database, run it first"
    )


def _renamed_table(conn: psycopg.Connection[Any], chosen: Tool, table: str) -> ForeignSource | None:
    """`table` ([schema.]name) when its columns are the tool's: golang-migrate's `x-migrations-table`,
    dbmate's `--migrations-table`, Flyway's `table` setting."""
    parts = table.split(".", 1)
    try:
        name = ".".join(psycopg.sql.Identifier(p).as_string(conn) for p in parts)
    except (psycopg.Error, ValueError):
        return None
    row = conn.execute(queries.load("adopt_table_columns"), {"name": name}).fetchone()
    if row is None:
        return None
    schema, found, columns = row
    return (
        ForeignSource(chosen.name, schema, found)
        if chosen.recognises(chosen.tables[0], set(columns))
        else None
    )
