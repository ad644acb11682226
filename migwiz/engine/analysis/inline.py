"""ADD COLUMN with constraints written on the column: what each costs on an existing table, and the fix
that adds the column bare and each constraint the safe way."""

from __future__ import annotations

from typing import Any

from pglast import ast
from pglast.enums import ConstrType

from migwiz.engine.analysis.effects import NO_TX_DIRECTIVE, Context, Effect, Hit, fresh_statement
from migwiz.engine.analysis.sqlnodes import deparse, sql_ident, sql_name

_COSTLY = (ConstrType.CONSTR_CHECK, ConstrType.CONSTR_UNIQUE, ConstrType.CONSTR_PRIMARY)
NEXT = "-- in the next migration:"


def inline_constraint_hits(
    coldef: Any, constraints: list[Any], has_default: bool, relation: str, effect: Effect, ctx: Context
) -> None:
    """Findings for CHECK (a full scan), UNIQUE / PRIMARY KEY (an index build) and, with a default,
    REFERENCES (every row checked against the referenced table), all under AccessExclusiveLock."""
    costly = [c for c in constraints if c.contype in _COSTLY]
    checked_fk = [c for c in constraints if c.contype == ConstrType.CONSTR_FOREIGN and has_default]
    if not costly and not checked_fk:
        return
    column = str(coldef.colname)
    fix = _split_fix(column, relation, ctx)
    for c in costly + checked_fk:
        if c.contype == ConstrType.CONSTR_CHECK:
            rule, what = "constraint-not-valid-missing", f"its CHECK scans every row of {relation}"
        elif c.contype == ConstrType.CONSTR_FOREIGN:
            rule = "constraint-not-valid-missing"
            what = f"with a default, every row of {relation} is checked against {ctx.name(c.pktable)}"
        else:
            kind = "PRIMARY KEY" if c.contype == ConstrType.CONSTR_PRIMARY else "UNIQUE"
            rule, what = "unique-without-index", f"its {kind} builds an index on {relation}"
        message = f"ADD COLUMN {column} with an inline constraint: {what} under AccessExclusiveLock"
        effect.hits.append(Hit(rule, relation, message, fix))


def _split_fix(column: str, relation: str, ctx: Context) -> str:
    """The column added bare (default and NOT NULL kept), then each constraint added the safe way."""
    statement = fresh_statement(ctx)
    table = relation.split(".", 1)[-1]
    rel, col = sql_name(relation), sql_ident(column)
    bare: Any = None
    later: list[str] = []
    concurrent: list[str] = []
    for cmd in statement.cmds:
        coldef = cmd.def_
        if not isinstance(coldef, ast.ColumnDef) or str(coldef.colname) != column:
            continue
        bare = coldef
        kept = []
        for c in coldef.constraints or ():
            if not isinstance(c, ast.Constraint) or c.contype not in (*_COSTLY, ConstrType.CONSTR_FOREIGN):
                kept.append(c)
                continue
            if c.contype == ConstrType.CONSTR_CHECK:
                name = sql_ident(c.conname or f"{table}_{column}_check")
                later.append(
                    f"ALTER TABLE {rel} ADD CONSTRAINT {name} CHECK ({deparse(c.raw_expr)}) NOT VALID;"
                )
                later.append(f"{NEXT}\nALTER TABLE {rel} VALIDATE CONSTRAINT {name};")
            elif c.contype == ConstrType.CONSTR_FOREIGN:
                name = sql_ident(c.conname or f"{table}_{column}_fkey")
                c.conname = None
                c.fk_attrs = (ast.String(sval=column),)
                c.skip_validation = True
                c.initially_valid = False
                later.append(f"ALTER TABLE {rel} ADD CONSTRAINT {name} {deparse(c)};")
                later.append(f"{NEXT}\nALTER TABLE {rel} VALIDATE CONSTRAINT {name};")
            else:
                primary = c.contype == ConstrType.CONSTR_PRIMARY
                name = sql_ident(c.conname or (f"{table}_pkey" if primary else f"{table}_{column}_key"))
                concurrent.append(f"CREATE UNIQUE INDEX CONCURRENTLY {name} ON {rel} ({col});")
                kind = "PRIMARY KEY" if primary else "UNIQUE"
                concurrent.append(
                    f"{NEXT}\nALTER TABLE {rel} ADD CONSTRAINT {name} {kind} USING INDEX {name};"
                )
        coldef.constraints = tuple(kept) or None
    head = f"ALTER TABLE {rel} ADD COLUMN {deparse(bare)};" if bare is not None else ""
    lines = [head, *later]
    if concurrent:
        lines += [f"{NEXT} (run outside a transaction)\n{NO_TX_DIRECTIVE}", *concurrent]
    return "\n".join(line for line in lines if line)
