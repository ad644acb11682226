"""ALTER TABLE ONLY on a table with partitions or inheritance children: the changes PostgreSQL must make
on the children too fail (42P16, 42809); a few others reach the children anyway."""

from __future__ import annotations

from typing import Any

from pglast import ast
from pglast.enums import AlterTableType as AT
from pglast.enums import ConstrType

from migwiz.engine.analysis.effects import ACCESS_EXCLUSIVE, Context, Effect, Hit, fresh_statement
from migwiz.engine.analysis.sqlnodes import deparse

_BOTH = {AT.AT_AddColumn: "ADD COLUMN", AT.AT_AlterColumnType: "ALTER COLUMN TYPE"}
_PARTITIONED = {AT.AT_DropColumn: "DROP COLUMN", AT.AT_SetNotNull: "SET NOT NULL"}


def only_on_parent(cmd: Any, relation: str, effect: Effect, ctx: Context) -> None:
    """Report an ALTER TABLE ONLY subcommand PostgreSQL refuses while `relation` has children, and lock
    the children it reaches anyway (measured on 15, 17 and 18)."""
    state = ctx.schema.table(relation)
    children = ctx.schema.descendants(relation) if state is not None else []
    if not children:
        return
    partitioned = state is not None and state.kind == "p"
    sub = cmd.subtype
    what = _BOTH.get(sub) or (_PARTITIONED.get(sub) if partitioned else None)
    con = cmd.def_ if sub == AT.AT_AddConstraint and isinstance(cmd.def_, ast.Constraint) else None
    if con is not None and con.contype == ConstrType.CONSTR_CHECK and (partitioned or not con.is_no_inherit):
        what = "ADD CHECK"
    elif con is not None and con.contype == ConstrType.CONSTR_FOREIGN and partitioned:
        what = "ADD FOREIGN KEY"
    elif sub == AT.AT_DropNotNull and partitioned:
        if ctx.pg_version < 18:
            what = "DROP NOT NULL"
        else:  # 18 drops the NOT NULL constraints of the partitions too
            for child in children:
                effect.lock(child, ACCESS_EXCLUSIVE)
    elif sub == AT.AT_DropColumn and not partitioned:  # the children keep the column as their own
        for child in children:
            effect.lock(child, ACCESS_EXCLUSIVE)
    if what is None:
        return
    fresh = fresh_statement(ctx)
    fresh.relation.inh = True
    kind = "partitions" if partitioned else "inheritance children"
    effect.hits.append(
        Hit(
            "alter-only-fails",
            relation,
            f"ALTER TABLE ONLY {relation} {what} fails: {relation} has {kind} ({', '.join(children)}) and "
            f"PostgreSQL makes this change on all of them or none",
            f"{deparse(fresh)};",
        )
    )
