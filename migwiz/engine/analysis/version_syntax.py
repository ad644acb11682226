"""Syntax that older PostgreSQL majors reject, found in the parse tree (`version-syntax`).

pglast parses with one grammar (PostgreSQL 18's), so a statement it accepts may still fail on the server
the migration targets. This table names the forms that a supported major rejects at parse time, with the
first major that accepts each. It is a known list, not a proof: `migwiz plan` connected to a server asks
that server's own parser (see `migwiz.engine.plan.syntax`).
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


GATES: tuple[VersionGate, ...] = (
    VersionGate(18, "a table-level NOT NULL constraint (CONSTRAINT name NOT NULL column)", ast.Constraint,
                lambda n: n.contype == enums.ConstrType.CONSTR_NOTNULL and bool(n.keys)),
    VersionGate(18, "a virtual generated column (GENERATED ALWAYS AS (…) VIRTUAL)", ast.Constraint,
                lambda n: n.contype == enums.ConstrType.CONSTR_GENERATED and n.generated_kind == "v"),
    VersionGate(17, "ALTER COLUMN … SET EXPRESSION", ast.AlterTableCmd,
                lambda n: n.subtype == enums.AlterTableType.AT_SetExpression),
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
    VersionGate(15, "MERGE", ast.MergeStmt),
    VersionGate(15, "NULLS NOT DISTINCT", ast.IndexStmt, lambda n: bool(n.nulls_not_distinct)),
    VersionGate(15, "NULLS NOT DISTINCT", ast.Constraint, lambda n: bool(n.nulls_not_distinct)),
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
