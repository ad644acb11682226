"""ALTER TABLE forms that give the table a new data file under AccessExclusiveLock: SET TABLESPACE, SET
LOGGED / UNLOGGED, SET ACCESS METHOD and (PostgreSQL 17+) ALTER COLUMN ... SET EXPRESSION."""

from __future__ import annotations

import shlex
from typing import Any

from pglast.enums import AlterTableType as AT

from migwiz.engine.analysis.effects import Context, Effect, Hit
from migwiz.engine.analysis.sqlnodes import sql_ident, sql_name

_DEFAULT_TABLESPACES = frozenset({"pg_default"})
_DEFAULT_METHOD = "heap"


def _persistence_refused(relation: str, unlogged: bool, ctx: Context) -> Hit | None:
    """SET UNLOGGED of a table a logged table's foreign key references (42P16) or that a publication lists
    (55000), SET LOGGED of a table whose foreign key references an unlogged one (42P16): refused."""
    word = "UNLOGGED" if unlogged else "LOGGED"
    state = ctx.schema.table(relation)
    if unlogged:
        for fk in ctx.schema.referenced_by(relation):
            other = ctx.schema.table(fk.table)
            if fk.table != relation and other is not None and not other.unlogged:
                why = f"the logged table {fk.table} references it (42P16)"
                fix = (
                    f"-- first make {fk.table} unlogged (or drop its foreign key), or keep {relation} logged"
                )
                return Hit("statement-fails", relation, f"SET {word} of {relation} fails: {why}", fix)
        for publication, tables in sorted(ctx.schema.publications.items()):
            if relation in tables:
                why = f"publication {publication} lists it (55000)"
                fix = f"ALTER PUBLICATION {sql_ident(publication)} DROP TABLE {sql_name(relation)};  -- first"
                return Hit("statement-fails", relation, f"SET {word} of {relation} fails: {why}", fix)
        return None
    for fk in state.foreign_keys if state is not None else ():
        target = ctx.schema.table(fk.referenced)
        if fk.referenced != relation and target is not None and target.unlogged:
            why = f"it references the unlogged table {fk.referenced} (42P16)"
            fix = f"-- make {fk.referenced} logged first"
            return Hit("statement-fails", relation, f"SET {word} of {relation} fails: {why}", fix)
    return None


def rewriting_subcommand(cmd: Any, relation: str, storage: list[str], effect: Effect, ctx: Context) -> None:
    """Record the rewrite (when there is one) and the finding with its fix."""
    sub = cmd.subtype
    state = ctx.schema.table(relation)
    if state is not None and state.kind == "p" and sub in (AT.AT_SetTableSpace, AT.AT_SetAccessMethod):
        return  # a partitioned table has no storage: only the default for new partitions changes
    if sub == AT.AT_SetTableSpace:
        wanted = None if cmd.name in _DEFAULT_TABLESPACES else str(cmd.name)
        current = state.tablespace if state is not None else None
        if state is not None:
            state.tablespace = wanted
        if wanted == current:
            return  # already there: PostgreSQL does nothing
        what = f"SET TABLESPACE copies {relation} to {cmd.name}"
        table, tablespace = shlex.quote(sql_name(relation)), shlex.quote(str(cmd.name))
        fix = f"-- move it online: pg_repack --table={table} --tablespace={tablespace}"
    elif sub == AT.AT_SetExpression:
        column = state.columns.get(cmd.name) if state is not None else None
        if column is not None and column.generated == "v":
            return  # a virtual generated column: nothing is stored
        what = f"SET EXPRESSION recomputes {cmd.name} for every row of {relation}"
        fix = (
            f"ALTER TABLE {sql_name(relation)} ALTER COLUMN {sql_ident(cmd.name)} DROP EXPRESSION;"
            f"  -- a plain column now\n"
            f"-- keep it computed with a BEFORE INSERT OR UPDATE trigger, then backfill the new values in "
            f"batches in a backfill migration"
        )
    elif sub in (AT.AT_SetLogged, AT.AT_SetUnLogged):
        unlogged = sub == AT.AT_SetUnLogged
        refused = _persistence_refused(relation, unlogged, ctx)
        if refused is not None:
            effect.hits.append(refused)
            return
        if state is not None:
            already = state.unlogged == unlogged
            state.unlogged = unlogged
            if already:
                return  # PostgreSQL does nothing
        word = "UNLOGGED" if unlogged else "LOGGED"
        what = f"SET {word} rewrites {relation}"
        fix = (
            f"-- create the new {word.lower()} table beside it, copy the rows in batches and swap the "
            f"names in a contract migration, or schedule a maintenance window"
        )
    else:
        method = str(cmd.name) if cmd.name else _DEFAULT_METHOD  # SET ACCESS METHOD DEFAULT (17+)
        if state is not None:
            current = state.access_method or _DEFAULT_METHOD
            state.access_method = method
            if current == method:
                return  # already that access method: PostgreSQL does nothing
        what = f"SET ACCESS METHOD rewrites {relation}"
        fix = "-- schedule a maintenance window, or copy into a new table and swap the names"
    if ctx.pg_version < 17 and sub == AT.AT_SetExpression:
        return  # not in PostgreSQL before 17: the statement fails to parse there
    for target in storage:
        effect.rewrite(target)
        if sub == AT.AT_SetTableSpace:
            effect.moved.add(target)  # the indexes stay where they are
    if not ctx.is_new(relation):
        indexes = "" if sub == AT.AT_SetTableSpace else " and rebuilds its indexes"
        message = f"{what}{indexes} under AccessExclusiveLock: reads and writes wait"
        effect.hits.append(Hit("table-rewrite", relation, message, fix))
