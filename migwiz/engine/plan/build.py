"""`plan`: the pending migrations, analysed, joined with the live database, costed and judged.

`plan_down` does the same for the down scripts an incident rollback would run, newest first."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import psycopg

from migwiz.engine import queries
from migwiz.engine.analysis import CatalogFacts, LockOn, StatementAnalysis, read_catalog_facts
from migwiz.engine.analysis.analyze import options_of, walk_statements
from migwiz.engine.analysis.model import LOCK_MODES, lock_rank
from migwiz.engine.analysis.schema import Schema
from migwiz.engine.errors import UsageError
from migwiz.engine.history.state import DEFAULT_SCHEMA, read_history
from migwiz.engine.history.status import MigrationStatus, compute_status
from migwiz.engine.log.eventlog import EventLog
from migwiz.engine.log.plan_events import MigrationPlanned, PlanCalibrated
from migwiz.engine.plan.calibrate import DEFAULT_THROUGHPUT, Throughput, calibrate, load_calibration
from migwiz.engine.plan.estimate import statement_steps
from migwiz.engine.plan.live import LiveRelation, read_lock_holders, read_relations, read_wraparound_vacuums
from migwiz.engine.plan.model import Blocker, Direction, MigrationPlan, PlanReport, Reason, StatementPlan
from migwiz.engine.plan.proof import Proof, prove
from migwiz.engine.plan.syntax import ParseCheck, check_statements
from migwiz.engine.plan.verdict import blockers_of, migration_reasons, queue_risk
from migwiz.engine.run.policy import ExecutionPolicy
from migwiz.engine.servers.connect import describe
from migwiz.engine.servers.readers import reading
from migwiz.engine.sets.model import Migration, MigrationSet, Script, Version
from migwiz.engine.sets.transactions import script_as_run


def plan(
    dsn: str,
    mset: MigrationSet,
    *,
    schema: str = DEFAULT_SCHEMA,
    calibrate: bool = False,
    pg_version: int | None = None,
    policy: ExecutionPolicy | None = None,
    log: EventLog | None = None,
    to: Version | None = None,
    baseline: Sequence[Path] = (),
    label: str | None = None,
) -> PlanReport:
    """The pending migrations of `mset` (up to and including `to`) joined with the database at `dsn`: per
    statement the sizes and estimated rows of the relations it locks, the expected duration of its rewrites,
    scans and index builds, the sessions that would block its locks right now and the lock-queue risk; a
    verdict per migration.

    Read-only, except with `calibrate`: that measures this server on a sample table and stores the result
    in `<schema>.calibration` (later plans reuse it). `policy` gives the lock_timeout `up` would use.

    A migration is `safe` only when a dry run on a shadow of the target's major showed it runs (see
    `plan.proof`; cached, so a second plan runs nothing); `baseline` is where a replay of the files on a
    local server of another major (`pg_version`) starts.
    """

    def choose(statuses: list[MigrationStatus]) -> list[tuple[Migration, Script | None, int]]:
        todo = [
            s
            for s in statuses
            if s.state in ("pending", "failed") and s.migration is not None and s.version.within(to)
        ]
        return [(s.migration, s.migration.up, _done(s, "up")) for s in todo if s.migration is not None]

    return _plan(dsn, mset, choose, "up", schema, calibrate, pg_version, policy, log, baseline, label=label)


def plan_down(
    dsn: str,
    mset: MigrationSet,
    *,
    to: Version,
    schema: str = DEFAULT_SCHEMA,
    calibrate: bool = False,
    pg_version: int | None = None,
    policy: ExecutionPolicy | None = None,
    log: EventLog | None = None,
) -> PlanReport:
    """The down scripts that revert every applied migration newer than `to`, newest first (the order
    `down --to` runs them), joined with the live database as `plan` does for ups: sizes, durations,
    blockers now, a verdict per migration. A migration without a down script is `dangerous`: `down`
    refuses to run until it has one. Read-only (except with `calibrate`, as for `plan`)."""
    if to not in {m.version for m in mset.migrations}:
        raise UsageError(f"--to {to}: no migration has that version")

    def choose(statuses: list[MigrationStatus]) -> list[tuple[Migration, Script | None, int]]:
        applied = [
            s
            for s in statuses
            if s.state in ("applied", "failed", "checksum_mismatch")
            and s.migration is not None
            and s.version > to
        ]
        applied.sort(key=lambda s: s.version, reverse=True)
        return [(s.migration, s.migration.down, _done(s, "down")) for s in applied if s.migration is not None]

    return _plan(dsn, mset, choose, "down", schema, calibrate, pg_version, policy, log, down_to=to)


def _plan(
    dsn: str,
    mset: MigrationSet,
    choose: Callable[[list[MigrationStatus]], list[tuple[Migration, Script | None, int]]],
    direction: Direction,
    schema: str,
    calibrate: bool,
    pg_version: int | None,
    policy: ExecutionPolicy | None,
    log: EventLog | None,
    baseline: Sequence[Path] = (),
    down_to: Version | None = None,
    label: str | None = None,
) -> PlanReport:
    started = time.perf_counter()
    policy = policy or ExecutionPolicy()
    with reading(dsn, purpose="plan") as conn:
        throughput = replace(_throughput(conn, schema, calibrate, log), cache_bytes=_shared_buffers(conn))
        chosen = choose(compute_status(mset, read_history(conn, schema)))
        catalog = read_catalog_facts(conn)
        server_major = conn.info.server_version // 10000
        version = pg_version or server_major
        # unqualified names resolve in the session's schema (a fleet tenant's search_path), as they will run
        row = conn.execute("SELECT pg_catalog.current_schema()").fetchone()
        analysed = _analyse(chosen, catalog, version, str(row[0]) if row and row[0] else "public")
        parsed = [_parse_checks(conn, stmts, version, server_major) for _, _, _, stmts in analysed]
        names = _relations_of(analysed, catalog)
        live = read_relations(conn, names)
        oids = {rel.oid: name for name, rel in live.items()}
        holders = read_lock_holders(conn, oids)
        wraparound = read_wraparound_vacuums(conn, oids)
        server_version = conn.info.server_version
        rows = conn.execute(queries.load("plan_extensions")).fetchall()
    provable = _provable(analysed) if direction == "up" else [m for m, _, _, _ in analysed]
    extensions = [str(r[0]) for r in rows]
    proof = prove(dsn, mset, provable, major=version, server_major=server_major, schema=schema,
                  baseline=baseline, extensions=extensions, down_to=down_to, label=label)  # fmt: skip
    holders = [_upgrade(h, wraparound) for h in holders]
    fks = {(fk.table, fk.name): fk.referenced for t in catalog.tables.values() for fk in t.foreign_keys}
    plans = tuple(
        _migration_plan(migration, script, done, stmts, live, holders, throughput, policy, fks, checks, proof)
        if script is not None
        else _no_down_plan(migration)
        for (migration, script, done, stmts), checks in zip(analysed, parsed, strict=True)
    )
    report = PlanReport(
        label or describe(dsn),
        server_version,
        version,
        throughput,
        plans,
        time.perf_counter() - started,
        direction,
        proof,
    )
    if log is not None:
        for m in plans:
            reasons = tuple(r.message for r in m.reasons)
            log.write(MigrationPlanned(m.version, direction, m.verdict, m.estimate_s, reasons))
    return report


def _throughput(
    conn: psycopg.Connection[Any], schema: str, measure: bool, log: EventLog | None
) -> Throughput:
    if measure:
        result = calibrate(conn, schema)
        if log is not None:
            log.write(PlanCalibrated(result.to_json()))
        return result
    return load_calibration(conn, schema) or DEFAULT_THROUGHPUT


def _shared_buffers(conn: psycopg.Connection[Any]) -> int | None:
    row = conn.execute(
        "SELECT pg_catalog.pg_size_bytes(pg_catalog.current_setting('shared_buffers'))"
    ).fetchone()
    return int(row[0]) if row and row[0] is not None else None


def _done(status: MigrationStatus, direction: Direction) -> int:
    """Statements of a partly run no-transaction script already done (they are not planned again)."""
    history = status.history
    migration = status.migration
    if history is None or migration is None or history.success:
        return 0
    script = migration.up if direction == "up" else migration.down
    if script is None or script.directives.transaction or history.reverting != (direction == "down"):
        return 0
    return int(history.statements_done)


Analysed = tuple[Migration, Script | None, int, tuple[StatementAnalysis, ...]]


def _analyse(
    todo: Sequence[tuple[Migration, Script | None, int]],
    catalog: CatalogFacts,
    pg_version: int,
    default_schema: str = "public",
) -> list[Analysed]:
    """Analyse in the order they run; the schema carries over from one script to the next."""
    schema = Schema.of(catalog)
    out: list[Analysed] = []
    for migration, script, done in todo:
        if script is None:
            out.append((migration, None, 0, ()))
            continue
        script = script_as_run(script, pg_version)  # e.g. CONCURRENTLY: runs without a transaction
        stmts = walk_statements(
            script.statements[done:], pg_version, schema, options_of(script), default_schema
        )
        out.append((migration, script, done, stmts))
    return out


def _parse_checks(
    conn: psycopg.Connection[Any], stmts: Sequence[StatementAnalysis], version: int, server_major: int
) -> tuple[ParseCheck, ...]:
    """The server's parser on each statement; none can be shown to run when analysing for another major."""
    if version != server_major:
        why = f"analysed for PostgreSQL {version}, but the server is PostgreSQL {server_major}"
        return tuple(ParseCheck(a.statement.line, "unchecked", why) for a in stmts)
    return tuple(check_statements(conn, [a.statement for a in stmts]))


def _provable(analysed: Sequence[Analysed]) -> list[Migration]:
    """The pending migrations a dry run can replay: up to the first one a failed run left half done (its
    first statements are already applied, so it and those after it are not shown to run)."""
    out: list[Migration] = []
    for migration, script, done, _ in analysed:
        if script is None or done:
            break
        out.append(migration)
    return out


def _no_down_plan(migration: Migration) -> MigrationPlan:
    """A migration an incident rollback cannot revert."""
    reason = Reason(
        "dangerous",
        f"{migration.label} has no down script: `migwiz down` refuses to run past it",
        "write its down script, or revert it by hand",
    )
    return MigrationPlan(
        str(migration.version), migration.name, migration.up.path, True, (), "dangerous", (reason,), 0.0
    )


def _relations_of(analysed: Sequence[Analysed], catalog: CatalogFacts) -> set[str]:
    names: set[str] = set()
    for _, _, _, stmts in analysed:
        for a in stmts:
            names.update(lock.relation for lock in a.own_locks)
            names.update(a.rewrites)
            names.update(a.scans)
    names.update(catalog.index_tables[n] for n in list(names) if n in catalog.index_tables)
    return names


def _upgrade(holder: Blocker, wraparound: set[int]) -> Blocker:
    if holder.pid is not None and holder.pid in wraparound and holder.kind != "wraparound_vacuum":
        return replace(holder, kind="wraparound_vacuum")
    return holder


def _newly_acquired(own: Sequence[LockOn], held_before: Sequence[LockOn]) -> tuple[LockOn, ...]:
    """The locks a statement must wait for: those its transaction does not already hold as strongly."""
    held = {lock.relation: lock_rank(lock.mode) for lock in held_before if lock.mode in LOCK_MODES}
    return tuple(x for x in own if x.mode in LOCK_MODES and held.get(x.relation, 0) < lock_rank(x.mode))


def _migration_plan(
    migration: Migration,
    script: Script,
    done: int,
    analyses: tuple[StatementAnalysis, ...],
    live: Mapping[str, LiveRelation],
    holders: Sequence[Blocker],
    throughput: Throughput,
    policy: ExecutionPolicy,
    fks: Mapping[tuple[str, str], str],
    checks: Sequence[ParseCheck],
    proof: Proof | None = None,
) -> MigrationPlan:
    in_transaction = script.directives.transaction
    lock_timeout = policy.lock_timeout_for(script)
    steps = [statement_steps(a, live, throughput, fks) for a in analyses]
    estimates = [sum(s.seconds for s in st) for st in steps]
    statements: list[StatementPlan] = []
    for i, a in enumerate(analyses):
        hold = sum(estimates[i:]) if in_transaction else estimates[i]
        before = analyses[i - 1].locks if in_transaction and i > 0 else ()
        acquired = _newly_acquired(a.own_locks, before)
        blockers = blockers_of(acquired, holders)
        touched = {lock.relation for lock in a.own_locks} | set(a.rewrites) | set(a.scans)
        sizes = tuple(live[n].size for n in sorted(touched) if n in live)
        statements.append(
            StatementPlan(
                line=a.statement.line,
                sql=a.statement.sql,
                kind=a.kind,
                locks=a.own_locks,
                held=a.locks,
                acquires=acquired,
                blocks=a.blocks,
                rewrites=a.rewrites,
                scans=a.scans,
                needs_no_transaction=a.needs_no_transaction,
                findings=a.findings,
                sizes=sizes,
                steps=steps[i],
                estimate_s=estimates[i],
                hold_s=hold if a.blocks in ("writes", "reads_and_writes") else estimates[i],
                blockers=blockers,
                queue_risk=queue_risk(acquired, blockers),
                lock_timeout_ms=lock_timeout,
            )
        )
    shown = (proof, proof.of(str(migration.version))) if proof is not None else None
    verdict, reasons = migration_reasons(statements, (), throughput.calibrated, checks, shown)
    return MigrationPlan(
        version=str(migration.version),
        name=migration.name,
        path=script.path,
        in_transaction=in_transaction,
        statements=tuple(statements),
        verdict=verdict,
        reasons=reasons,
        estimate_s=sum(estimates),
        resumes_after=done,
    )
