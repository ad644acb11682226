"""CREATE DOMAIN and ALTER DOMAIN: constraints checked against every table using the domain."""

from __future__ import annotations

from typing import Any

from pglast import ast
from pglast.enums import ConstrType

from migwiz.engine.analysis.effects import SHARE, Context, Effect, Hit, Registry, fresh_statement
from migwiz.engine.analysis.schema import DomainState
from migwiz.engine.analysis.sqlnodes import deparse, qualify_names, sql_ident, sql_name, type_of

registry = Registry()
"""The statement handlers of this module."""


@registry.handles(ast.CreateDomainStmt)
def _create_domain(node: Any, ctx: Context) -> Effect:
    name = qualify_names(node.domainname, ctx.default_schema)
    base = ctx.schema.find_domain(qualify_names(node.typeName.names, ctx.default_schema))
    state = DomainState(name, base=base.name if base else None, base_type=type_of(node.typeName)[0])
    for c in node.constraints or ():
        if isinstance(c, ast.Constraint) and c.contype == ConstrType.CONSTR_NOTNULL:
            state.not_null = True
        elif isinstance(c, ast.Constraint) and c.contype == ConstrType.CONSTR_CHECK:
            state.constraints[c.conname or f"{state.type_name}_check"] = True
    ctx.schema.domains[name] = state
    ctx.schema.note_domain_constraints(state)
    return Effect("CREATE DOMAIN")


_DOMAIN_KINDS = {
    "T": "ALTER DOMAIN SET DEFAULT",
    "N": "ALTER DOMAIN DROP NOT NULL",
    "O": "ALTER DOMAIN SET NOT NULL",
    "C": "ALTER DOMAIN ADD CONSTRAINT",
    "X": "ALTER DOMAIN DROP CONSTRAINT",
    "V": "ALTER DOMAIN VALIDATE CONSTRAINT",
}


@registry.handles(ast.AlterDomainStmt)
def _alter_domain(node: Any, ctx: Context) -> Effect:
    """ADD CONSTRAINT (unless NOT VALID), VALIDATE CONSTRAINT (even of a valid one) and SET NOT NULL (unless
    already NOT NULL) check every stored value: ShareLock on each table and materialized view with a column
    of the domain or of a domain over it, kept to the end of the transaction (11-18)."""
    name = qualify_names(node.typeName, ctx.default_schema)
    state = ctx.schema.find_domain(name)
    sub = str(node.subtype)
    effect = Effect(_DOMAIN_KINDS.get(sub, "ALTER DOMAIN"))
    checks = False
    con = node.def_ if sub == "C" and isinstance(node.def_, ast.Constraint) else None
    if sub == "O" or (con is not None and con.contype == ConstrType.CONSTR_NOTNULL):
        checks = not (state and state.not_null) and (sub == "O" or ctx.pg_version >= 17)
        if state is not None and checks:
            state.not_null = True
            if con is not None:
                state.constraints[con.conname or f"{state.type_name}_not_null"] = True
    elif con is not None and con.contype == ConstrType.CONSTR_CHECK:
        checks = not con.skip_validation
        if state is not None:
            state.constraints[con.conname or f"{state.type_name}_check"] = checks
    elif sub == "V":
        checks = True
        if state is not None and node.name in state.constraints:
            state.constraints[node.name] = True
    elif sub == "N" and state is not None:
        state.not_null = False
    elif sub == "X" and state is not None:
        state.constraints.pop(node.name, None)
    if state is not None:
        ctx.schema.note_domain_constraints(state)
    if checks:
        _check_domain_columns(state.name if state else name, effect, ctx)
        _refuse_arrays(state.name if state else name, effect, ctx)
    return effect


def _refuse_arrays(domain: str, effect: Effect, ctx: Context) -> None:
    """PostgreSQL cannot check the values stored in an array of the domain: the check fails (0A000)."""
    array = f"{domain.rsplit('.', 1)[-1]}[]"
    users = [
        f"{table}.{column}"
        for table, state in ctx.schema.tables.items()
        if state.kind in ("r", "m")
        for column, facts in state.columns.items()
        if facts.type_name == array
    ]
    if users:
        effect.hits.append(
            Hit(
                "statement-fails",
                users[0].rsplit(".", 1)[0],
                f"{effect.kind} fails: column {users[0]} is an array of domain {domain}, whose values "
                f"PostgreSQL cannot check",
                "-- add the constraint NOT VALID (new values are checked), or change the column to a type "
                "without the domain first",
            )
        )


def _check_domain_columns(domain: str, effect: Effect, ctx: Context) -> None:
    tables = ctx.schema.domain_tables(domain)
    for table in tables:
        effect.lock(table, SHARE)
        effect.scan(table)
    existing = [t for t in tables if not ctx.is_new(t)]
    unknown = not tables and not ctx.schema.from_catalog and domain not in ctx.schema.domains
    if not existing and not unknown:
        return
    where = ", ".join(existing) if existing else "every table with a column of it (unknown without --dsn)"
    effect.hits.append(
        Hit(
            "domain-constraint-scan",
            existing[0] if existing else domain,
            f"{effect.kind.removeprefix('ALTER DOMAIN ')} on domain {domain} checks every row of {where} "
            f"under ShareLock: writes wait for the whole scan",
            _domain_fix(domain, effect.kind, ctx),
        )
    )


def _domain_fix(domain: str, kind: str, ctx: Context) -> str:
    if kind == "ALTER DOMAIN ADD CONSTRAINT":
        fresh = fresh_statement(ctx)
        if fresh.def_.contype == ConstrType.CONSTR_CHECK:
            fresh.def_.skip_validation = True
            fresh.def_.initially_valid = False
            name = sql_ident(fresh.def_.conname or f"{domain.split('.', 1)[-1]}_check")
            return (
                f"{deparse(fresh)};\n"
                f"-- new values are checked from now on; validate the existing rows later, in a quiet\n"
                f"-- window (VALIDATE CONSTRAINT also holds ShareLock on every table using the domain):\n"
                f"ALTER DOMAIN {sql_name(domain)} VALIDATE CONSTRAINT {name};"
            )
    if kind == "ALTER DOMAIN VALIDATE CONSTRAINT":
        return (
            "-- run it in a quiet window: a domain's VALIDATE holds ShareLock on the tables while it checks"
        )
    return (
        "-- a domain's NOT NULL cannot be added NOT VALID: run it in a quiet window, or put\n"
        "-- CHECK (<column> IS NOT NULL) NOT VALID constraints on the columns and VALIDATE them\n"
        "-- (ShareUpdateExclusiveLock) instead"
    )
