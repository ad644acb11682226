"""Statement -> the locks PostgreSQL takes, what it rewrites or scans, whether it needs autocommit.

Lock levels follow PostgreSQL's own choices (`AlterTableGetLockLevel` in tablecmds.c, index.c,
cluster.c, ...) and were checked against pg_locks on real servers (the `migwiz trace` corpus). Each
handler also reports `Hit`s: the rule-worthy facts it saw (a rewrite, a scan under a strong lock), with a
message and a mechanical fix. The handlers live in one module per kind of statement; this module routes a
parsed statement to its handler.
"""

from __future__ import annotations

from typing import Any

from pglast import ast

from migwiz.engine.analysis import (
    alter_table,
    create,
    dml,
    domain,
    drop,
    index,
    maintenance,
    metadata,
    rename,
    sequence,
    session,
)
from migwiz.engine.analysis.effects import (
    ACCESS_EXCLUSIVE,
    NO_TX_DIRECTIVE,
    Context,
    Effect,
    Handler,
    Hit,
    Registry,
    blocking_locks,
    strongest,
)

__all__ = [
    "ACCESS_EXCLUSIVE",
    "NO_TX_DIRECTIVE",
    "Context",
    "Effect",
    "Hit",
    "blocking_locks",
    "effect_of",
    "strongest",
]

_REGISTRIES: tuple[Registry, ...] = (
    alter_table.registry,
    create.registry,
    dml.registry,
    domain.registry,
    drop.registry,
    index.registry,
    maintenance.registry,
    metadata.registry,
    rename.registry,
    sequence.registry,
    session.registry,
)
HANDLERS: dict[type, Handler] = {t: fn for r in _REGISTRIES for t, fn in r.handlers.items()}
"""Every statement handler, by pglast node type."""

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
    handler = HANDLERS.get(type(node))
    if handler is not None:
        return handler(node, ctx)
    if type(node) in NO_LOCK_KINDS:
        return Effect(NO_LOCK_KINDS[type(node)])
    if type(node) in NO_TRANSACTION_KINDS:
        return Effect(NO_TRANSACTION_KINDS[type(node)], no_transaction=True)
    return Effect("unknown", unknown=True)
