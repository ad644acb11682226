"""`verify`: after a migration, is the database in the state the migrations promise, and healthy?

Checks, each pass / warn / fail / skip with one sentence: no drift; no INVALID index; no NOT VALID
constraint left unexpectedly; backfills complete; id sequences of tables the applied migrations touch
below 80 % of their limit; fresh planner statistics on tables the applied migrations rewrote, and on
tables the downs the central log records (a rollback) rewrote.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

import psycopg
from pglast import parse_sql
from pglast.parser import ParseError
from pglast.visitors import Visitor

from migwiz.engine import queries
from migwiz.engine.analysis import StatementAnalysis, lint_migration_set
from migwiz.engine.backfill.store import read_checkpoints
from migwiz.engine.errors import MigwizError, ReadLockTimeout
from migwiz.engine.history.baseline import read_baseline_file
from migwiz.engine.history.state import DEFAULT_SCHEMA, HistoryRow, read_history, state_exists
from migwiz.engine.log.eventlog import read_events
from migwiz.engine.run.events import MigrationFinished
from migwiz.engine.run.log_events import events_from_log
from migwiz.engine.schema.drift import DriftReport, drift
from migwiz.engine.servers.readers import reading
from migwiz.engine.sets.model import Migration, MigrationSet, Statement, Version
from migwiz.engine.sets.splitting import split_sql

CheckStatus = Literal["pass", "warn", "fail", "skip"]

SEQUENCE_LIMIT = 0.8
"""A sequence above this fraction of its column's (or its own) maximum fails the check."""

_TYPE_MAX = {"smallint": 32767, "integer": 2147483647, "bigint": 9223372036854775807}
_VALIDATE = re.compile(r'VALIDATE\s+CONSTRAINT\s+("(?:[^"]|"")+"|[A-Za-z_][\w$]*)', re.IGNORECASE)


@dataclass(frozen=True)
class Check:
    """One verification: its status, a sentence, details (one line each) and statements to fix it."""

    name: str
    status: CheckStatus
    sentence: str
    details: tuple[str, ...] = ()
    sql: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "check": self.name,
            "status": self.status,
            "sentence": self.sentence,
            "details": list(self.details),
            "sql": list(self.sql),
        }


@dataclass
class VerifyReport:
    """Every check, in order."""

    checks: list[Check] = field(default_factory=list)
    drift: DriftReport | None = None

    @property
    def ok(self) -> bool:
        """No check failed."""
        return all(c.status != "fail" for c in self.checks)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {"ok": self.ok, "checks": [c.to_json() for c in self.checks]}


class _Tables(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_RangeVar(self, ancestors: Any, node: Any) -> None:
        self.names.add(f"{node.schemaname or 'public'}.{node.relname}")


def mentioned_tables(statements: Iterable[Statement]) -> set[str]:
    """`schema.table` of every relation the statements name (unparsable statements are skipped)."""
    visitor = _Tables()
    for stmt in statements:
        try:
            visitor(parse_sql(stmt.sql))
        except ParseError:
            continue
    return visitor.names


def _unquote(name: str) -> str:
    return name[1:-1].replace('""', '"') if name.startswith('"') else name.lower()


def validated_by(migrations: Iterable[Migration]) -> dict[str, Version]:
    """Constraint name -> the last migration whose up script VALIDATEs it."""
    out: dict[str, Version] = {}
    for m in migrations:
        for stmt in m.up.statements:
            for match in _VALIDATE.finditer(stmt.sql):
                out[_unquote(match.group(1))] = m.version
    return out


def _counted(mset: MigrationSet, history: list[HistoryRow]) -> tuple[Migration, ...]:
    """The files this history counts (Flyway baseline migrations: `MigrationSet.for_history`)."""
    return mset.for_history({mset.version(h.version): h.checksum for h in history if h.success})


def _applied(mset: MigrationSet, history: list[HistoryRow]) -> list[tuple[Migration, HistoryRow]]:
    by_version = {m.version: m for m in _counted(mset, history)}
    pairs = [(by_version.get(mset.version(h.version)), h) for h in history if h.success]
    return sorted(((m, h) for m, h in pairs if m is not None), key=lambda p: p[0].version)


def check_drift(dsn: str, mset: MigrationSet, **kwargs: Any) -> tuple[Check, DriftReport | None]:
    """No difference between the applied migrations (replayed) and the database."""
    try:
        report = drift(dsn, mset, **kwargs)
    except ReadLockTimeout:
        raise  # the target is locked: the other checks would wait for the same lock
    except MigwizError as exc:
        return Check("drift", "fail", f"drift could not be checked: {exc.message}"), None
    if not report.drifted:
        ignored = f" ({len(report.ignored)} ignored)" if report.ignored else ""
        return Check("drift", "pass", f"the schema matches the applied migrations{ignored}"), report
    n = len(report.differences)
    return (
        Check(
            "drift",
            "fail",
            f"{n} difference(s) from the applied migrations: {report.differences[0].sentence}",
            tuple(d.sentence for d in report.differences),
        ),
        report,
    )


def check_invalid_indexes(conn: psycopg.Connection[Any], schema: str) -> Check:
    """No INVALID index (left by a failed CREATE INDEX CONCURRENTLY)."""
    rows = conn.execute(queries.load("verify_invalid_indexes").encode(), {"exclude": [schema]}).fetchall()
    if not rows:
        return Check("invalid indexes", "pass", "no index is INVALID")
    details = tuple(f"index {r[0]} on {r[1]} is INVALID (a failed CREATE INDEX CONCURRENTLY?)" for r in rows)
    fixes = tuple(f"REINDEX INDEX CONCURRENTLY {r[0]};" for r in rows)
    return Check("invalid indexes", "fail", f"{len(rows)} INVALID index(es): {details[0]}", details, fixes)


def check_not_valid(
    conn: psycopg.Connection[Any], schema: str, applied: list[Migration], pending: list[Migration]
) -> Check:
    """No constraint left NOT VALID unless a pending migration validates it."""
    rows = conn.execute(
        queries.load("verify_not_valid_constraints").encode(), {"exclude": [schema]}
    ).fetchall()
    if not rows:
        return Check("not valid constraints", "pass", "every constraint is validated")
    done, later = validated_by(applied), validated_by(pending)
    details, fixes, failing = [], [], False
    for table, name, quoted, _ in rows:
        fix = f"ALTER TABLE {table} VALIDATE CONSTRAINT {quoted};"
        if name in done:
            failing = True
            details.append(
                f"constraint {quoted} on {table} is NOT VALID although migration {done[name]} validates it"
            )
            fixes.append(fix)
        elif name in later:
            details.append(
                f"constraint {quoted} on {table} is NOT VALID until pending migration {later[name]}"
            )
        else:
            failing = True
            details.append(f"constraint {quoted} on {table} is NOT VALID and no migration validates it")
            fixes.append(fix)
    status: CheckStatus = "fail" if failing else "warn"
    return Check(
        "not valid constraints",
        status,
        f"{len(rows)} NOT VALID constraint(s): {details[0]}",
        tuple(details),
        tuple(fixes),
    )


def check_backfills(conn: psycopg.Connection[Any], schema: str) -> Check:
    """Every recorded backfill finished."""
    checkpoints = read_checkpoints(conn, schema)
    if not checkpoints:
        return Check("backfills", "skip", "no backfill progress is recorded in this database")
    open_ = [c for c in checkpoints if c.state != "done"]
    if not open_:
        return Check("backfills", "pass", f"{len(checkpoints)} backfill(s) complete")
    details = tuple(
        f"backfill {c.id} of {c.relation} is {c.state} after {c.rows_scanned} row(s)"
        + (f" of about {c.total_estimate}" if c.total_estimate else "")
        for c in open_
    )
    return Check("backfills", "fail", f"{len(open_)} backfill(s) not complete: {details[0]}", details)


def check_sequences(conn: psycopg.Connection[Any], schema: str, tables: set[str]) -> Check:
    """Sequences of id columns on tables the applied migrations touch stay below SEQUENCE_LIMIT."""
    rows = conn.execute(queries.load("verify_sequences").encode(), {"exclude": [schema]}).fetchall()
    plain = {t.replace('"', "") for t in tables}
    checked, details, fixes = 0, [], []
    for seq, table, column, col_type, increment, min_value, max_value, last_value in rows:
        if table.replace('"', "") not in plain:
            continue
        checked += 1
        if last_value is None:
            continue
        if increment > 0:
            limit = min(int(max_value), _TYPE_MAX.get(col_type, int(max_value)))
            used = (int(last_value) - int(min_value) + 1) / max(1, limit - int(min_value) + 1)
        else:
            limit = max(int(min_value), -_TYPE_MAX.get(col_type, -int(min_value)))
            used = (int(max_value) - int(last_value) + 1) / max(1, int(max_value) - limit + 1)
        if used > SEQUENCE_LIMIT:
            details.append(
                f"sequence {seq} of {table}.{column} ({col_type}) is at {used:.0%} of its limit {limit}"
            )
            if col_type in ("smallint", "integer"):
                fixes.append(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE bigint;  -- rewrites the table")
    if details:
        return Check(
            "sequences",
            "fail",
            f"{len(details)} id sequence(s) near exhaustion: {details[0]}",
            tuple(details),
            tuple(fixes),
        )
    return Check(
        "sequences", "pass", f"{checked} id sequence(s) of changed tables below {SEQUENCE_LIMIT:.0%}"
    )


def reverted_by_runs(
    conn: psycopg.Connection[Any], mset: MigrationSet, schema: str = DEFAULT_SCHEMA
) -> list[tuple[Migration, datetime]]:
    """The migrations of `mset` whose down a run ran to its end, as the central log records it (the
    newest 1,000 migration events), with when each down finished."""
    if not state_exists(conn, schema):
        return []
    known = {m.version: m for m in mset.migrations}
    out = []
    for _, event in read_events(conn, schema, step="migration", limit=1000):
        for typed in events_from_log(event):
            if isinstance(typed, MigrationFinished) and typed.result == "reverted":
                migration = known.get(Version(typed.version))
                if migration is not None and migration.down is not None:
                    out.append((migration, typed.at))
    return out


def _in_order(
    applied: Sequence[tuple[Migration, HistoryRow]], reverted: Sequence[tuple[Migration, datetime]]
) -> tuple[Migration, ...]:
    """The applied migrations in their order, with the reverted ones (not applied again) by version."""
    order = [m for m, _ in applied]
    extra = {m.version: m for m, _ in reverted} if reverted else {}
    for m in order:
        extra.pop(m.version, None)
    if not extra:
        return tuple(order)
    return tuple(sorted([*order, *extra.values()], key=lambda m: m.version))


def check_statistics(
    conn: psycopg.Connection[Any],
    applied: list[tuple[Migration, HistoryRow]],
    pg_version: int,
    baseline: Sequence[Path] = (),
    reverted: Sequence[tuple[Migration, datetime]] = (),
) -> Check:
    """Tables rewritten by applied migrations, or by the `reverted` migrations' downs (when they ran),
    were analysed after the rewrite (the set analysed in order from the `baseline` schema, as lint does:
    a down against the schema its up leaves)."""
    rewritten: dict[str, datetime] = {}
    by: dict[str, str] = {}
    # the applied set analysed in order, as lint does: a varchar widening of a column created by an
    # earlier migration is known not to rewrite
    before: list[Statement] = []
    for path in baseline:
        before.extend(split_sql(read_baseline_file(path), path=path))
    scripts = lint_migration_set(
        MigrationSet(Path("."), "applied", _in_order(applied, reverted)),
        pg_version=pg_version,
        baseline=before,
    )
    # a migration's up, then its down (a dbmate file holds both: the first is the up, the last the down)
    seen: dict[Path, list[tuple[StatementAnalysis, ...]]] = {}
    for script in scripts.files:
        seen.setdefault(script.path, []).append(script.statements)
    ups = {path: found[0] for path, found in seen.items()}
    downs = {path: found[-1] for path, found in seen.items()}
    done = [(m.up.path, h.applied_at, f"migration {m.version}", ups) for m, h in applied]
    done += [(m.down.path, at, f"the down of migration {m.version}", downs) for m, at in reverted if m.down]
    for path, at, what, analysed in done:
        for analysis in analysed.get(path, ()):
            for rel in analysis.rewrites:
                if rel not in rewritten or at > rewritten[rel]:
                    rewritten[rel], by[rel] = at, what
    details, fixes, fresh = [], [], 0
    for rel, at in sorted(rewritten.items()):
        row = conn.execute(queries.load("verify_statistics").encode(), {"table": rel}).fetchone()
        if row is None:
            continue  # an index, or a table dropped since
        analyzed_at = row[0]
        if analyzed_at is not None and analyzed_at >= at:
            fresh += 1
            continue
        when = "never analysed since"
        if analyzed_at is not None:
            when = f"last analysed before it ({analyzed_at:%Y-%m-%d %H:%M})"
        details.append(f"table {rel} was rewritten by {by[rel]} and {when}")
        fixes.append(f"ANALYZE {rel};")
    if details:
        return Check(
            "statistics",
            "warn",
            f"stale statistics on {len(details)} rewritten table(s): {details[0]}",
            tuple(details),
            tuple(fixes),
        )
    if not rewritten:
        return Check("statistics", "pass", "no applied migration rewrites a table")
    return Check("statistics", "pass", f"statistics are fresh on {fresh} rewritten table(s)")


def verify(
    dsn: str,
    mset: MigrationSet,
    *,
    shadow_dsn: str | None = None,
    baseline: Sequence[Path] = (),
    schema: str = DEFAULT_SCHEMA,
    ignore: Sequence[str] = (),
    skip_drift: bool = False,
    snapshots: bool = True,
) -> VerifyReport:
    """Run every check against the database at `dsn` (drift on a shadow database unless `skip_drift`)."""
    report = VerifyReport()
    if skip_drift:
        report.checks.append(Check("drift", "skip", "drift not checked (asked not to)"))
    else:
        check, report.drift = check_drift(
            dsn, mset, shadow_dsn=shadow_dsn, schema=schema, ignore=ignore, baseline=baseline,
            snapshots=snapshots,
        )  # fmt: skip
        report.checks.append(check)
    with reading(dsn, purpose="verify") as conn:
        history = read_history(conn, schema)
        applied = _applied(mset, history)
        applied_versions = {m.version for m, _ in applied}
        pending = [m for m in _counted(mset, history) if m.version not in applied_versions]
        tables: set[str] = set()
        for m, _ in applied:
            tables |= mentioned_tables(m.up.statements)
        major = conn.info.server_version // 10000
        report.checks.extend(
            [
                check_invalid_indexes(conn, schema),
                check_not_valid(conn, schema, [m for m, _ in applied], pending),
                check_backfills(conn, schema),
                check_sequences(conn, schema, tables),
                check_statistics(conn, applied, major, baseline, reverted_by_runs(conn, mset, schema)),
            ]
        )
    return report
