"""What a backfill migration asks for: one plain `UPDATE t SET ... [WHERE ...]`, parsed with pglast."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pglast import ast, parse_sql
from pglast.parser import ParseError
from pglast.stream import RawStream

from migwiz.engine.errors import MigrationFileError
from migwiz.engine.sets.model import Script

_HINT = "a backfill migration holds exactly one statement: UPDATE <table> SET <col> = <expr>, ... [WHERE ...]"


@dataclass(frozen=True)
class BackfillSpec:
    """A backfill UPDATE taken apart: its table, and its SET and WHERE parts as SQL text."""

    path: Path
    line: int
    sql: str
    schema: str | None
    table: str
    alias: str | None
    only: bool
    set_sql: str
    """The statement without its WHERE clause: `UPDATE t [AS a] SET ...`."""
    where_sql: str | None
    columns: tuple[str, ...]
    """The columns the UPDATE sets."""

    @property
    def qualifier(self) -> str:
        """The name that qualifies the table's columns inside the statement (its alias, else its name)."""
        return self.alias or self.table

    @property
    def relation(self) -> str:
        """`schema.table` (or `table`), each part quoted only where needed, for regclass lookups."""
        parts = [p for p in (self.schema, self.table) if p is not None]
        return ".".join(_quote(p) for p in parts)


def _quote(name: str) -> str:
    if name.isidentifier() and name == name.lower() and name.isascii():
        return name
    return '"' + name.replace('"', '""') + '"'


def parse_backfill(script: Script) -> BackfillSpec:
    """The backfill of `script`; MigrationFileError naming file:line unless it is one plain UPDATE."""
    if len(script.statements) != 1:
        where = f"{script.path}:{script.statements[1].line}" if script.statements[1:] else str(script.path)
        raise MigrationFileError(
            f"{where}: a migwiz:backfill script must hold exactly one UPDATE, found "
            f"{len(script.statements)} statements",
            _HINT,
        )
    stmt = script.statements[0]
    where = f"{script.path}:{stmt.line}"
    try:
        parsed = parse_sql(stmt.sql)
    except ParseError as exc:
        raise MigrationFileError(f"{where}: the backfill statement does not parse: {exc}", _HINT) from None
    node = parsed[0].stmt
    if not isinstance(node, ast.UpdateStmt):
        raise MigrationFileError(
            f"{where}: a migwiz:backfill script must hold an UPDATE, not {type(node).__name__}", _HINT
        )
    unsupported = [
        (node.fromClause, "FROM"),
        (node.returningClause, "RETURNING"),
        (node.withClause, "WITH"),
    ]
    for value, what in unsupported:
        if value:
            raise MigrationFileError(f"{where}: a backfill UPDATE cannot use {what}", _HINT)
    if isinstance(node.whereClause, ast.CurrentOfExpr):
        raise MigrationFileError(f"{where}: a backfill UPDATE cannot use WHERE CURRENT OF", _HINT)
    relation = node.relation
    assert relation is not None and relation.relname is not None
    alias = relation.alias.aliasname if relation.alias is not None else None
    where_sql = RawStream()(node.whereClause) if node.whereClause is not None else None
    without_where = ast.UpdateStmt(relation=relation, targetList=node.targetList)
    columns = tuple(str(t.name) for t in node.targetList or () if isinstance(t, ast.ResTarget) and t.name)
    return BackfillSpec(
        path=script.path,
        line=stmt.line,
        sql=stmt.sql,
        schema=relation.schemaname,
        table=relation.relname,
        alias=alias,
        only=not relation.inh,
        set_sql=RawStream()(without_where),
        where_sql=where_sql,
        columns=columns,
    )
