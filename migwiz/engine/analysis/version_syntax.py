"""Syntax that older PostgreSQL majors reject, found in the parse tree (`version-syntax`).

pglast parses with one grammar (PostgreSQL 18's), so a statement it accepts may still fail on the server
the migration targets. This table names the forms that a supported major rejects at parse time (and a few
options it rejects when the statement runs: `security_invoker`), with the first major that accepts each,
from the release notes of PostgreSQL 12 to 18. `ALTER TYPE … ADD VALUE` in a transaction block (12) is
not here: `migwiz.engine.sets.transactions` runs it outside one on older servers. It is a known list, not
a proof: `migwiz plan` connected to a server asks that server's own parser (`migwiz.engine.plan.syntax`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pglast import ast, enums
from pglast.visitors import Visitor

from migwiz.engine.analysis.effects import Hit


@dataclass(frozen=True)
class VersionGate:
    """A syntactic form and the first PostgreSQL major that accepts it."""

    since: int
    feature: str
    node: type[ast.Node]
    matches: Callable[[Any], bool] = lambda _: True


def _system_user(n: ast.FuncCall) -> bool:
    names = tuple(getattr(s, "sval", "") for s in n.funcname or ())
    return names == ("pg_catalog", "system_user") and n.funcformat == enums.CoercionForm.COERCE_SQL_SYNTAX


_AT = enums.AlterTableType
_CT = enums.ConstrType


def _subtype(*subtypes: enums.AlterTableType) -> Callable[[Any], bool]:
    return lambda n: n.subtype in subtypes


def _constraint(contype: enums.ConstrType, test: Callable[[Any], bool]) -> Callable[[Any], bool]:
    return lambda n: n.contype == contype and test(n)


GATES: tuple[VersionGate, ...] = (
    VersionGate(18, "a table-level NOT NULL constraint (CONSTRAINT name NOT NULL column)", ast.Constraint,
                _constraint(_CT.CONSTR_NOTNULL, lambda n: bool(n.keys))),
    VersionGate(18, "NOT VALID on a NOT NULL constraint", ast.Constraint,
                _constraint(_CT.CONSTR_NOTNULL, lambda n: bool(n.skip_validation))),
    VersionGate(18, "a virtual generated column (GENERATED ALWAYS AS (…) VIRTUAL, or without STORED)",
                ast.Constraint, _constraint(_CT.CONSTR_GENERATED, lambda n: n.generated_kind == "v")),
    VersionGate(18, "NOT ENFORCED constraints", ast.Constraint,
                lambda n: n.contype in (_CT.CONSTR_CHECK, _CT.CONSTR_FOREIGN) and not n.is_enforced),
    VersionGate(18, "WITHOUT OVERLAPS (temporal PRIMARY KEY / UNIQUE)", ast.Constraint,
                lambda n: bool(n.without_overlaps)),
    VersionGate(18, "PERIOD in a foreign key (temporal FOREIGN KEY)", ast.Constraint,
                lambda n: bool(n.fk_with_period or n.pk_with_period)),
    VersionGate(18, "ALTER CONSTRAINT … [NOT] ENFORCED / [NO] INHERIT", ast.ATAlterConstraint,
                lambda n: bool(n.alterEnforceability or n.alterInheritability)),
    VersionGate(18, "RETURNING WITH (OLD AS … / NEW AS …)", ast.ReturningClause, lambda n: bool(n.options)),
    VersionGate(17, "ALTER COLUMN … SET EXPRESSION", ast.AlterTableCmd, _subtype(_AT.AT_SetExpression)),
    VersionGate(17, "ALTER COLUMN … SET STATISTICS DEFAULT", ast.AlterTableCmd,
                lambda n: n.subtype == _AT.AT_SetStatistics and n.def_ is None),
    VersionGate(17, "MERGE … RETURNING", ast.MergeStmt, lambda n: n.returningClause is not None),
    VersionGate(17, "MERGE … WHEN NOT MATCHED BY SOURCE", ast.MergeWhenClause,
                lambda n: n.matchKind == enums.MergeMatchKind.MERGE_WHEN_NOT_MATCHED_BY_SOURCE),
    VersionGate(17, "JSON_TABLE", ast.JsonTable),
    VersionGate(17, "JSON_QUERY / JSON_VALUE / JSON_EXISTS", ast.JsonFuncExpr),
    VersionGate(17, "JSON_SCALAR", ast.JsonScalarExpr),
    VersionGate(17, "JSON_SERIALIZE", ast.JsonSerializeExpr),
    VersionGate(17, "JSON(…)", ast.JsonParseExpr),
    VersionGate(16, "JSON_OBJECT(…)", ast.JsonObjectConstructor),
    VersionGate(16, "JSON_ARRAY(…)", ast.JsonArrayConstructor),
    VersionGate(16, "JSON_ARRAY(query)", ast.JsonArrayQueryConstructor),
    VersionGate(16, "JSON_OBJECTAGG", ast.JsonObjectAgg),
    VersionGate(16, "JSON_ARRAYAGG", ast.JsonArrayAgg),
    VersionGate(16, "IS JSON", ast.JsonIsPredicate),
    VersionGate(16, "SYSTEM_USER", ast.FuncCall, _system_user),
    VersionGate(16, "a subquery in FROM without an alias", ast.RangeSubselect, lambda n: n.alias is None),
    VersionGate(16, "STORAGE in a column definition", ast.ColumnDef, lambda n: bool(n.storage_name)),
    VersionGate(15, "MERGE", ast.MergeStmt),
    VersionGate(15, "NULLS NOT DISTINCT", ast.IndexStmt, lambda n: bool(n.nulls_not_distinct)),
    VersionGate(15, "NULLS NOT DISTINCT", ast.Constraint, lambda n: bool(n.nulls_not_distinct)),
    VersionGate(15, "ALTER TABLE … SET ACCESS METHOD", ast.AlterTableCmd, _subtype(_AT.AT_SetAccessMethod)),
    VersionGate(15, "ON DELETE SET NULL / SET DEFAULT (column list)", ast.Constraint,
                lambda n: bool(n.fk_del_set_cols)),
    VersionGate(15, "the security_invoker view option", ast.DefElem,
                lambda n: n.defname == "security_invoker"),
    VersionGate(14, "CREATE OR REPLACE TRIGGER", ast.CreateTrigStmt, lambda n: bool(n.replace)),
    VersionGate(14, "DETACH PARTITION … CONCURRENTLY / FINALIZE", ast.AlterTableCmd,
                lambda n: n.subtype == _AT.AT_DetachPartitionFinalize
                or (n.subtype == _AT.AT_DetachPartition and bool(getattr(n.def_, "concurrent", False)))),
    VersionGate(14, "a SQL-standard function body (BEGIN ATOMIC … END / RETURN)", ast.CreateFunctionStmt,
                lambda n: n.sql_body is not None),
    VersionGate(14, "column COMPRESSION", ast.ColumnDef, lambda n: bool(n.compression)),
    VersionGate(14, "ALTER COLUMN … SET COMPRESSION", ast.AlterTableCmd, _subtype(_AT.AT_SetCompression)),
    VersionGate(13, "ALTER COLUMN … DROP EXPRESSION", ast.AlterTableCmd, _subtype(_AT.AT_DropExpression)),
    VersionGate(13, "ALTER TYPE … SET (…)", ast.AlterTypeStmt),
    VersionGate(13, "ALTER VIEW … RENAME COLUMN", ast.RenameStmt,
                lambda n: n.renameType == enums.ObjectType.OBJECT_COLUMN
                and n.relationType == enums.ObjectType.OBJECT_VIEW),
    VersionGate(13, "DROP DATABASE … WITH (FORCE)", ast.DropdbStmt, lambda n: bool(n.options)),
    VersionGate(13, "FETCH FIRST … WITH TIES", ast.SelectStmt,
                lambda n: n.limitOption == enums.LimitOption.LIMIT_OPTION_WITH_TIES),
    VersionGate(12, "a stored generated column (GENERATED ALWAYS AS (…) STORED)", ast.Constraint,
                _constraint(_CT.CONSTR_GENERATED, lambda n: n.generated_kind == "s")),
    VersionGate(12, "REINDEX … CONCURRENTLY", ast.ReindexStmt,
                lambda n: any(getattr(d, "defname", "") == "concurrently" for d in n.params or ())),
    VersionGate(12, "CREATE TABLE … USING (table access method)", ast.CreateStmt,
                lambda n: bool(n.accessMethod)),
    VersionGate(12, "WITH … AS [NOT] MATERIALIZED", ast.CommonTableExpr,
                lambda n: n.ctematerialized != enums.CTEMaterialize.CTEMaterializeDefault),
)  # fmt: skip
"""Each form a supported major rejects at parse time, newest first."""


class _Finder(Visitor):
    def __init__(self, pg_version: int) -> None:
        super().__init__()
        self.gates = [g for g in GATES if g.since > pg_version]
        self.found: dict[str, int] = {}

    def visit(self, ancestors: Any, node: ast.Node) -> None:
        for gate in self.gates:
            if isinstance(node, gate.node) and gate.matches(node):
                self.found.setdefault(gate.feature, gate.since)


def version_hits(stmt: ast.Node | None, pg_version: int) -> list[Hit]:
    """A `version-syntax` hit for each form in `stmt` that PostgreSQL `pg_version` rejects."""
    finder = _Finder(pg_version)
    if stmt is None or not finder.gates:
        return []
    finder(stmt)
    return [
        Hit(
            "version-syntax", "", f"fails on PostgreSQL {pg_version}: {feature} needs {since}+",
            f"-- rewrite without {feature}, or target PostgreSQL {since} or newer",
        )
        for feature, since in finder.found.items()
    ]  # fmt: skip
