"""Expand → backfill → contract: which migration belongs to which phase and change, `up --phase`,
the contract guard, and where each change stands.

A change is the migrations whose names share a stem once a trailing `_expand`, `_backfill` or `_contract`
is removed (`0005_orders_amount_cents_expand` belongs to `orders_amount_cents`). A contract migration
with no such partners depends on every earlier expand and backfill migration.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from typing import Any

import psycopg
from pglast import ast, parse_sql
from pglast.enums import AlterTableType, ObjectType
from pglast.parser import ParseError
from psycopg import sql

from migwiz.engine import queries
from migwiz.engine.analysis.sqlnodes import walk
from migwiz.engine.backfill.store import ensure_backfill_state
from migwiz.engine.errors import MigwizError
from migwiz.engine.history.status import MigrationStatus
from migwiz.engine.run.events import PhaseGate
from migwiz.engine.run.notes import PhaseSelected, QueryBaseline
from migwiz.engine.run.ports import RunPort
from migwiz.engine.sets.model import PHASES, Migration, Phase, Script

_SUFFIX = re.compile(r"[_-](expand|backfill|contract)$")
_MAX_LISTED = 10


class ContractRefused(MigwizError):
    """A contract migration would drop what is still needed; nothing was run."""

    exit_code = 1


def phase_of(migration: Migration | None) -> Phase | None:
    """The migration's phase directive (None for an ordinary migration)."""
    return migration.up.directives.phase if migration is not None else None


def change_of(name: str) -> str:
    """The change a migration belongs to: its name without a trailing phase word.

    >>> change_of("orders_amount_cents_expand")
    'orders_amount_cents'
    >>> change_of("add_users")
    'add_users'
    """
    return _SUFFIX.sub("", name)


# -- up --phase and the out-of-order rule --------------------------------------------------------------


def plan_phases(
    run: RunPort, statuses: list[MigrationStatus], todo: list[MigrationStatus]
) -> list[MigrationStatus]:
    """`up`'s plan after the phase rules: only `--phase` migrations, contracts guarded, baselines taken."""
    phase = run.policy.phase
    if phase is not None:
        todo = [s for s in todo if phase_of(s.migration) == phase]
        run.emit(PhaseSelected(phase, len(todo)))
    for status in todo:
        if phase_of(status.migration) == "contract":
            guard_contract(run, status, statuses, todo)
    expands = [s for s in todo if phase_of(s.migration) == "expand"]
    if expands:
        _take_baselines(run, expands)
    return todo


def phase_exempt(status: MigrationStatus, statuses: list[MigrationStatus]) -> bool:
    """Whether a pending migration older than an applied one is fine: phased, and only phased migrations
    (which run phase by phase across changes) were applied after it."""
    if phase_of(status.migration) is None:
        return False
    later = [s for s in statuses if s.version > status.version and s.state == "applied"]
    return all(phase_of(s.migration) is not None for s in later)


# -- the contract guard -----------------------------------------------------------------------------------


def partners(contract: MigrationStatus, statuses: list[MigrationStatus]) -> list[MigrationStatus]:
    """The expand and backfill migrations a contract migration depends on."""
    earlier = [
        s
        for s in statuses
        if s.version < contract.version and phase_of(s.migration) in ("expand", "backfill")
    ]
    same = [s for s in earlier if change_of(s.name) == change_of(contract.name)]
    return same or earlier


def guard_contract(
    run: RunPort, contract: MigrationStatus, statuses: list[MigrationStatus], todo: list[MigrationStatus]
) -> None:
    """Refuse `contract` until its expand and backfill are complete and no recent query uses what it
    drops; with `force_contract` log why it would have been refused, and go on."""
    assert contract.migration is not None
    label = contract.migration.label
    reasons: list[str] = []
    before = {s.version for s in todo if s.version < contract.version}
    incomplete = [s for s in partners(contract, statuses) if s.state != "applied" and s.version not in before]
    if incomplete:
        names = ", ".join(f"{s.version} ({phase_of(s.migration)}, {s.state})" for s in incomplete)
        reasons.append(f"its expand/backfill migrations are not complete: {names}")
    targets = drop_targets(contract.migration.up)
    uses: list[QueryUse] = []
    if targets:
        expand = next((s for s in partners(contract, statuses) if phase_of(s.migration) == "expand"), None)
        uses = queries_using(run.connection(), run.schema, targets, str(expand.version) if expand else None)
        if uses:
            listed = "; ".join(f"{u.text!r} ({u.calls} calls)" for u in uses[:_MAX_LISTED])
            more = f" and {len(uses) - _MAX_LISTED} more" if len(uses) > _MAX_LISTED else ""
            reasons.append(
                f"{len(uses)} statement(s) seen since the expand still use what it drops "
                f"({', '.join(t.describe() for t in targets)}): {listed}{more}"
            )
    if not reasons:
        first = sorted(str(s.version) for s in partners(contract, statuses) if s.version in before)
        done = (
            f"expand/backfill {', '.join(first)} run before it in this run"
            if first
            else "expand and backfill complete"
        )
        _emit_once(run, PhaseGate(str(contract.version), label, allowed=True, detail=done))
        return
    seen = tuple(u.to_json() for u in uses[:_MAX_LISTED])
    if run.policy.force_contract:
        gate = PhaseGate(str(contract.version), label, True, True, tuple(reasons), queries=seen)
        _emit_once(run, gate)
        return
    run.emit(PhaseGate(str(contract.version), label, allowed=False, reasons=tuple(reasons), queries=seen))
    raise ContractRefused(
        f"contract migration {label} refused: " + " and ".join(reasons) + "; nothing was run",
        "finish the expand and backfill (migwiz up --phase expand / backfill), deploy code that no longer "
        "uses the old columns, or pass --force (the reason is logged)",
    )


_LOGGED: weakref.WeakKeyDictionary[RunPort, set[str]] = weakref.WeakKeyDictionary()
"""Guard decisions already published per run: a run plans its ups more than once (to count them, then to
run them), and the stream (and so the log) says each decision once."""


def _emit_once(run: RunPort, gate: PhaseGate) -> None:
    """Publish `gate` unless this run already published the same decision."""
    seen = _LOGGED.setdefault(run, set())
    message = gate.line().message
    if message not in seen:
        seen.add(message)
        run.emit(gate)


@dataclass(frozen=True)
class DropTarget:
    """A table, or a column of a table, that a contract migration removes."""

    table: str
    column: str | None = None

    def describe(self) -> str:
        """`table.column` or `table`."""
        return f"{self.table}.{self.column}" if self.column else self.table


def drop_targets(script: Script) -> list[DropTarget]:
    """What the script drops or renames away: tables, and columns (minus names a rename brings back)."""
    dropped: list[DropTarget] = []
    created: set[tuple[str, str]] = set()
    for stmt in script.statements:
        try:
            nodes = parse_sql(stmt.sql)
        except ParseError:
            continue
        for raw in nodes:
            node = raw.stmt
            if isinstance(node, ast.AlterTableStmt) and node.relation is not None:
                table = str(node.relation.relname)
                for cmd in node.cmds or ():
                    if isinstance(cmd, ast.AlterTableCmd) and cmd.subtype == AlterTableType.AT_DropColumn:
                        dropped.append(DropTarget(table, str(cmd.name)))
            elif isinstance(node, ast.RenameStmt) and node.relation is not None:
                table = str(node.relation.relname)
                if node.renameType == ObjectType.OBJECT_COLUMN:
                    dropped.append(DropTarget(table, str(node.subname)))
                    created.add((table, str(node.newname)))
                elif node.renameType == ObjectType.OBJECT_TABLE:
                    dropped.append(DropTarget(table))
            elif isinstance(node, ast.DropStmt) and node.removeType == ObjectType.OBJECT_TABLE:
                for names in node.objects or ():
                    dropped.append(DropTarget(str(names[-1].sval)))
    return [t for t in dropped if t.column is None or (t.table, t.column) not in created]


@dataclass(frozen=True)
class QueryUse:
    """A statement from pg_stat_statements that uses a dropped table or column."""

    queryid: int
    calls: int
    text: str
    uses: str

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {"queryid": self.queryid, "calls": self.calls, "query": self.text, "uses": self.uses}


def _statements(conn: psycopg.Connection[Any]) -> list[tuple[int, int, str]] | None:
    """(queryid, calls, text) of pg_stat_statements in this database; None when it is not available."""
    row = conn.execute(queries.load("backfill_stat_statements")).fetchone()
    if row is None:
        return None
    try:
        with conn.transaction():
            rows = conn.execute(queries.load("backfill_phase_statements")).fetchall()
    except psycopg.Error:  # not preloaded, or not allowed to read it: the check is skipped
        return None
    return [(int(r[0]), int(r[1]), str(r[2])) for r in rows]


def _uses(text: str, targets: list[DropTarget], schema: str) -> str | None:
    try:
        nodes = parse_sql(text)
    except ParseError:
        return None
    for raw in nodes:
        if not isinstance(raw.stmt, ast.SelectStmt | ast.InsertStmt | ast.UpdateStmt | ast.DeleteStmt):
            continue
        found = list(walk(raw.stmt))
        relations = {str(n.relname) for n in found if isinstance(n, ast.RangeVar)}
        if any(isinstance(n, ast.RangeVar) and n.schemaname == schema for n in found):
            return None  # migwiz's own bookkeeping (e.g. a backfill batch)
        columns = {
            str(n.fields[-1].sval)
            for n in found
            if isinstance(n, ast.ColumnRef) and n.fields and isinstance(n.fields[-1], ast.String)
        }
        columns |= {str(n.name) for n in found if isinstance(n, ast.ResTarget) and n.name}
        for target in targets:
            if target.table in relations and (target.column is None or target.column in columns):
                return target.describe()
    return None


def queries_using(
    conn: psycopg.Connection[Any], schema: str, targets: list[DropTarget], expand_version: str | None
) -> list[QueryUse]:
    """Statements seen since the expand (calls grew since its baseline) that use a target; empty when
    pg_stat_statements is not available. Without a baseline every recorded call counts."""
    statements = _statements(conn)
    if not statements:
        return []
    baseline: dict[int, int] = {}
    if expand_version is not None:
        ensure_backfill_state(conn, schema)
        rows = conn.execute(
            sql.SQL("SELECT queryid, calls FROM {}.phase_query_baseline WHERE version = %s").format(
                sql.Identifier(schema)
            ),
            (expand_version,),
        ).fetchall()
        baseline = {int(r[0]): int(r[1]) for r in rows}
    found: list[QueryUse] = []
    for queryid, calls, text in statements:
        since = calls - baseline.get(queryid, 0)
        if since <= 0:
            continue
        used = _uses(text, targets, schema)
        if used is not None:
            found.append(QueryUse(queryid, since, " ".join(text.split())[:200], used))
    found.sort(key=lambda u: -u.calls)
    return found


def _take_baselines(run: RunPort, expands: list[MigrationStatus]) -> None:
    """Record pg_stat_statements' counters before each expand runs: "seen since the expand" is measured
    from here."""
    conn = run.connection()
    statements = _statements(conn)
    if statements is None:
        return
    ensure_backfill_state(conn, run.schema)
    table = sql.SQL("{}.phase_query_baseline").format(sql.Identifier(run.schema))
    with conn.transaction():
        for status in expands:
            version = str(status.version)
            conn.execute(sql.SQL("DELETE FROM {} WHERE version = %s").format(table), (version,))
            with conn.cursor() as cur:
                cur.executemany(
                    sql.SQL("INSERT INTO {} (version, queryid, calls) VALUES (%s, %s, %s)").format(table),
                    [(version, q, c) for q, c, _ in statements],
                )
    run.emit(QueryBaseline(tuple(str(s.version) for s in expands), len(statements)))


# -- status by phase ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PhaseRow:
    """Where one change stands: the state of its expand, backfill and contract migrations."""

    change: str
    versions: tuple[str, ...]
    states: dict[str, str]
    """phase -> standing state (applied, pending, stopped, failed, ...; "-" when the change has none)."""

    @property
    def stage(self) -> str:
        """A word for the whole change: done, contract next, backfill next, expand next, in progress."""
        present = [p for p in PHASES if self.states.get(p, "-") != "-"]
        if all(self.states[p] == "applied" for p in present):
            return "done"
        for p in present:
            if self.states[p] in ("failed", "running", "stopped"):
                return f"{p} in progress"
            if self.states[p] != "applied":
                return f"{p} next"
        return "in progress"

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {"change": self.change, "versions": list(self.versions), **self.states, "stage": self.stage}


def phase_summary(statuses: list[MigrationStatus]) -> list[PhaseRow]:
    """One row per change that has phased migrations, in version order (pure: no database)."""
    groups: dict[str, list[MigrationStatus]] = {}
    for s in statuses:
        if phase_of(s.migration) is not None:
            groups.setdefault(change_of(s.name), []).append(s)
    rows = []
    for change, members in groups.items():
        states: dict[str, str] = {p: "-" for p in PHASES}
        for s in members:
            phase = phase_of(s.migration)
            assert phase is not None
            states[phase] = s.standing.state if states[phase] in ("-", "applied") else states[phase]
        rows.append(PhaseRow(change, tuple(str(s.version) for s in members), states))
    return rows
