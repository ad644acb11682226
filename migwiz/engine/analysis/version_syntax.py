"""Syntax that older PostgreSQL majors reject, found in the parse tree (`version-syntax`).

pglast parses with one grammar (PostgreSQL 18's), so a statement it accepts may still fail on the server
the migration targets. This table names the forms that a supported major rejects at parse time (and a few
options it rejects when the statement runs: `security_invoker`), with the first major that accepts each,
from the release notes of PostgreSQL 12 to 18. `ALTER TYPE … ADD VALUE` in a transaction block (12) is
not here: `migwiz.engine.sets.transactions` runs it outside one on older servers. It is a known list, not
a proof: `migwiz plan` connected to a server asks that server's own parser (`migwiz.engine.plan.syntax`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pglast import ast, enums
from pglast.parser import ParseError, scan
from pglast.visitors import Visitor

from migwiz.engine.analysis.effects import Hit
from migwiz.engine.analysis.sqlnodes import walk


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


def _old_new_returning(n: ast.ReturningClause) -> bool:
    """RETURNING old.col / new.col (18): before 18 `old` and `new` are no tables there."""
    fields = [t.val.fields or () for t in n.exprs or () if isinstance(t, ast.ResTarget)
              and isinstance(t.val, ast.ColumnRef)]  # fmt: skip
    return any(len(f) > 1 and str(getattr(f[0], "sval", "")).lower() in ("old", "new") for f in fields)


_NEW_FUNCTIONS: dict[str, int] = {
    "any_value": 16, "random_normal": 16, "array_sample": 16, "array_shuffle": 16, "to_bin": 16,
    "to_oct": 16, "pg_input_is_valid": 16, "pg_input_error_info": 16, "date_add": 16, "date_subtract": 16,
    "erf": 16, "erfc": 16, "pg_column_toast_chunk_id": 17, "uuidv4": 18, "uuidv7": 18,
    "uuid_extract_timestamp": 17, "uuid_extract_version": 17, "casefold": 18, "array_reverse": 18,
    "array_sort": 18, "crc32": 18, "crc32c": 18, "gamma": 18, "lgamma": 18,
    "to_regtypemod": 17, "pg_basetype": 17, "pg_get_acl": 18, "has_largeobject_privilege": 18,
}  # fmt: skip
_NEW_ROLES: dict[str, int] = {
    "pg_use_reserved_connections": 16, "pg_create_subscription": 16, "pg_maintain": 17,
    "pg_signal_autovacuum_worker": 18,
}  # fmt: skip
"""Predefined roles and the first major that has them: granted on an older server, `role … does not
exist`."""
"""Built-in functions and the first major that has them: called on an older server, the statement fails
(`function ... does not exist`) when it runs."""


def _new_function(since: int) -> Callable[[Any], bool]:
    def matches(n: ast.FuncCall) -> bool:
        names = n.funcname or ()
        name = str(getattr(names[-1], "sval", "")).lower() if names else ""
        if name == "random":  # random(min, max) is 17's; random() is old
            return since == 17 and len(n.args or ()) == 2
        return _NEW_FUNCTIONS.get(name) == since

    return matches


def _constraint(contype: enums.ConstrType, test: Callable[[Any], bool]) -> Callable[[Any], bool]:
    return lambda n: n.contype == contype and test(n)


_NEW_SETTINGS: dict[str, int] = {
    "createrole_self_grant": 16, "icu_validation_level": 16, "transaction_timeout": 17,
    "io_combine_limit": 17, "enable_group_by_reordering": 17, "enable_self_join_elimination": 18,
    "enable_distinct_reordering": 18, "file_copy_method": 18, "scram_iterations": 16,
    "enable_presorted_aggregate": 16, "vacuum_buffer_usage_limit": 16, "debug_parallel_query": 16,
    "event_triggers": 17, "log_lock_failures": 18, "track_cost_delay_timing": 18,
}  # fmt: skip
"""Settings a migration may SET and the first major that knows them: older ones fail with `unrecognized
configuration parameter`."""
_NEW_RELOPTIONS: dict[str, int] = {
    "autovacuum_vacuum_max_threshold": 18,
    "vacuum_max_eager_freeze_failure_rate": 18,
}
"""Storage parameters (`WITH (…)`, `SET (…)`) and the first major that knows them."""
_VACUUM_16 = frozenset({"buffer_usage_limit", "skip_database_stats", "only_database_stats", "process_main"})


def _new_setting(since: int) -> Callable[[Any], bool]:
    def matches(n: Any) -> bool:
        if isinstance(n, ast.VariableSetStmt):
            return _NEW_SETTINGS.get(str(n.name or "").lower()) == since
        names = n.funcname or ()  # set_config('name', …)
        if not names or str(getattr(names[-1], "sval", "")).lower() != "set_config" or not n.args:
            return False
        first = n.args[0]
        value = getattr(getattr(first, "val", None), "sval", None) if isinstance(first, ast.A_Const) else None
        return isinstance(value, str) and _NEW_SETTINGS.get(value.lower()) == since

    return matches


def _new_role(since: int) -> Callable[[Any], bool]:
    return lambda n: any(_NEW_ROLES.get(str(getattr(r, "priv_name", "") or "")) == since
                         for r in n.granted_roles or ())  # fmt: skip


def _strip_in_arrays(n: ast.FuncCall) -> bool:
    """json_strip_nulls(j, strip_in_arrays) (18): older servers have the one-argument form only."""
    names = n.funcname or ()
    name = str(getattr(names[-1], "sval", "")).lower() if names else ""
    return name in ("json_strip_nulls", "jsonb_strip_nulls") and len(n.args or ()) == 2


def _options(n: Any) -> tuple[Any, ...]:
    return tuple(o for o in n.options or () if isinstance(o, ast.DefElem))


def _collation(name: str) -> Callable[[Any], bool]:
    return lambda n: bool(n.collname) and str(getattr(n.collname[-1], "sval", "")).lower() == name


def _vacuum_only(n: ast.VacuumStmt) -> bool:
    return any(isinstance(r, ast.VacuumRelation) and r.relation is not None and r.relation.inh is False
               for r in n.rels or ())  # fmt: skip


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
    VersionGate(18, "RETURNING old.… / new.…", ast.ReturningClause, _old_new_returning),
    VersionGate(18, "COPY … REJECT_LIMIT", ast.DefElem, lambda n: n.defname == "reject_limit"),
    VersionGate(18, "a function added in 18 (uuidv7(), casefold(), …)", ast.FuncCall, _new_function(18)),
    VersionGate(18, "a setting added in 18 (enable_self_join_elimination, …)", ast.VariableSetStmt,
                _new_setting(18)),
    VersionGate(18, "a setting added in 18 (set_config)", ast.FuncCall, _new_setting(18)),
    VersionGate(18, "a storage parameter added in 18 (autovacuum_vacuum_max_threshold, …)", ast.DefElem,
                lambda n: _NEW_RELOPTIONS.get(str(n.defname or "").lower()) == 18),
    VersionGate(18, "VACUUM / ANALYZE ONLY", ast.VacuumStmt, _vacuum_only),
    VersionGate(18, "a predefined role added in 18 (pg_signal_autovacuum_worker)", ast.GrantRoleStmt,
                _new_role(18)),
    VersionGate(18, "CREATE FOREIGN TABLE … (LIKE …)", ast.CreateForeignTableStmt,
                lambda n: any(isinstance(e, ast.TableLikeClause) for e in n.base.tableElts or ())),
    VersionGate(18, "json_strip_nulls(…, strip_in_arrays)", ast.FuncCall, _strip_in_arrays),
    VersionGate(18, "NO INHERIT on a column's NOT NULL", ast.ColumnDef,
                lambda n: any(isinstance(c, ast.Constraint) and c.contype == _CT.CONSTR_NOTNULL
                              and c.is_no_inherit for c in n.constraints or ())),
    VersionGate(18, "ALTER DEFAULT PRIVILEGES … ON LARGE OBJECTS", ast.AlterDefaultPrivilegesStmt,
                lambda n: getattr(n.action, "objtype", None) == enums.ObjectType.OBJECT_LARGEOBJECT),
    VersionGate(18, "COPY … LOG_VERBOSITY silent", ast.CopyStmt,
                lambda n: any(o.defname == "log_verbosity" and getattr(o.arg, "sval", "") == "silent"
                              for o in _options(n))),
    VersionGate(18, "the pg_unicode_fast collation", ast.CollateClause,
                _collation("pg_unicode_fast")),
    VersionGate(17, "ALTER COLUMN … SET EXPRESSION", ast.AlterTableCmd, _subtype(_AT.AT_SetExpression)),
    VersionGate(17, "ALTER COLUMN … SET STATISTICS DEFAULT", ast.AlterTableCmd,
                lambda n: n.subtype == _AT.AT_SetStatistics and n.def_ is None),
    VersionGate(17, "MERGE … RETURNING", ast.MergeStmt, lambda n: n.returningClause is not None),
    VersionGate(17, "SET ACCESS METHOD DEFAULT", ast.AlterTableCmd,
                lambda n: n.subtype == _AT.AT_SetAccessMethod and n.name is None),
    VersionGate(17, "COPY … ON_ERROR / LOG_VERBOSITY", ast.DefElem,
                lambda n: n.defname in ("on_error", "log_verbosity")),
    VersionGate(17, "a function added in 17 (random(min, max), …)", ast.FuncCall, _new_function(17)),
    VersionGate(17, "a setting added in 17 (transaction_timeout, …)", ast.VariableSetStmt, _new_setting(17)),
    VersionGate(17, "a setting added in 17 (set_config)", ast.FuncCall, _new_setting(17)),
    VersionGate(17, "the MAINTAIN privilege", ast.AccessPriv, lambda n: str(n.priv_name or "") == "maintain"),
    VersionGate(17, "the pg_maintain predefined role", ast.GrantRoleStmt, _new_role(17)),
    VersionGate(17, "COPY … FORCE_NULL * / FORCE_NOT_NULL *", ast.CopyStmt,
                lambda n: any(o.defname in ("force_null", "force_not_null") and isinstance(o.arg, ast.A_Star)
                              for o in _options(n))),
    VersionGate(17, "CREATE EVENT TRIGGER … ON login", ast.CreateEventTrigStmt,
                lambda n: str(n.eventname or "").lower() == "login"),
    VersionGate(17, "the pg_c_utf8 collation", ast.CollateClause,
                _collation("pg_c_utf8")),
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
    VersionGate(16, "CREATE STATISTICS without a name", ast.CreateStatsStmt, lambda n: not n.defnames),
    VersionGate(16, "GRANT role … WITH INHERIT / SET", ast.GrantRoleStmt,
                lambda n: any(getattr(o, "defname", "") in ("inherit", "set") for o in n.opt or ())),
    VersionGate(16, "a function added in 16 (any_value(), …)", ast.FuncCall, _new_function(16)),
    VersionGate(16, "a setting added in 16 (createrole_self_grant, …)", ast.VariableSetStmt,
                _new_setting(16)),
    VersionGate(16, "a setting added in 16 (set_config)", ast.FuncCall, _new_setting(16)),
    VersionGate(16, "VACUUM / ANALYZE BUFFER_USAGE_LIMIT, …_DATABASE_STATS, PROCESS_MAIN", ast.VacuumStmt,
                lambda n: any(o.defname in _VACUUM_16 for o in _options(n))),
    VersionGate(16, "a predefined role added in 16 (pg_create_subscription, …)", ast.GrantRoleStmt,
                _new_role(16)),
    VersionGate(16, "REINDEX DATABASE / SYSTEM without a name", ast.ReindexStmt,
                lambda n: n.name is None and n.kind in (enums.ReindexObjectType.REINDEX_OBJECT_DATABASE,
                                                        enums.ReindexObjectType.REINDEX_OBJECT_SYSTEM)),
    VersionGate(16, "COPY … DEFAULT", ast.CopyStmt,
                lambda n: any(o.defname == "default" for o in _options(n))),
    VersionGate(16, "ALTER COLUMN … SET STORAGE DEFAULT", ast.AlterTableCmd,
                lambda n: n.subtype == _AT.AT_SetStorage and getattr(n.def_, "sval", "") == "default"),
    VersionGate(16, "XMLSERIALIZE … INDENT", ast.XmlSerialize, lambda n: bool(n.indent)),
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


_ByClass = dict[type[ast.Node], tuple[VersionGate, ...]]
_GATES_FOR: dict[int, tuple[tuple[VersionGate, ...], tuple[type[ast.Node], ...], _ByClass]] = {}


def _gates_for(pg_version: int) -> tuple[tuple[VersionGate, ...], tuple[type[ast.Node], ...], _ByClass]:
    """The gates PostgreSQL `pg_version` fails, their node classes and the gates of each class, worked out
    once per version."""
    known = _GATES_FOR.get(pg_version)
    if known is None:
        gates = tuple(g for g in GATES if g.since > pg_version)
        classes = tuple({g.node: None for g in gates})
        by_class = {c: tuple(g for g in gates if g.node is c) for c in classes}
        known = _GATES_FOR[pg_version] = (gates, classes, by_class)
    return known


_ADMIN_VALUE = re.compile(r"\bADMIN\s+(?:TRUE|FALSE|ON|OFF)\b", re.I)
_NEW_LITERAL = re.compile(r"[0-9]_[0-9]|\b0[xXoObB][0-9A-Fa-f]")
"""A cheap look for 16's numeric literals (`1_000`, `0x1F`, `0o17`, `0b101`) before scanning the text."""


def _new_literals(sql: str) -> bool:
    """Whether the statement has a numeric literal with underscores or a 0x / 0o / 0b prefix (16+: older
    servers fail with `trailing junk after numeric literal`)."""
    if not _NEW_LITERAL.search(sql):
        return False
    try:
        tokens = scan(sql)
    except ParseError:
        return False
    for token in tokens:
        text = sql[token.start : token.end + 1]
        if token.name in ("ICONST", "FCONST") and ("_" in text or text[:2].lower() in ("0x", "0o", "0b")):
            return True
    return False


def version_hits(stmt: ast.Node | None, pg_version: int, sql: str = "") -> list[Hit]:
    """A `version-syntax` hit for each form in `stmt` (whose text is `sql`) that PostgreSQL `pg_version`
    rejects."""
    gates, _, by_class = _gates_for(pg_version)
    if stmt is None or not gates:
        return []
    found: dict[str, int] = {}
    for node in walk(stmt):
        for gate in by_class.get(type(node), ()):  # pglast's node classes are final: one look-up
            if gate.matches(node):
                found.setdefault(gate.feature, gate.since)
    if len(found) > 1:  # the features in the order of pglast's breadth-first visit, as ever reported
        finder = _Finder(pg_version)
        finder(stmt)
        found = finder.found
    if pg_version < 16 and sql and _new_literals(sql):
        found.setdefault("a numeric literal with underscores or a 0x / 0o / 0b prefix", 16)
    if pg_version < 16 and isinstance(stmt, ast.GrantRoleStmt) and _ADMIN_VALUE.search(sql):
        found.setdefault("GRANT role … WITH ADMIN TRUE / FALSE", 16)  # the tree reads as WITH ADMIN OPTION
    return [
        Hit(
            "version-syntax", "", f"fails on PostgreSQL {pg_version}: {feature} needs {since}+",
            f"-- rewrite without {feature}, or target PostgreSQL {since} or newer",
        )
        for feature, since in found.items()
    ]  # fmt: skip
