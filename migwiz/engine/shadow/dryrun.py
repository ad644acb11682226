"""`dry-run`: apply the pending migrations to a shadow copy of the target, with a trace of every statement.

The shadow database gets the target's schema (a schema-only dump) and its migwiz history, so exactly the
same migrations are pending there; `sample_rows` copies up to that many rows of every table the pending
migrations touch, so data-dependent failures show (NOT NULL over existing NULLs, a unique violation, a
failing cast). The migrations then run through the same `Runner` as a real `up` (same executor, guard,
retries, bookkeeping), only pointed at the shadow. Per statement the trace records the locks it held
(`pg_locks` of the executor's backend, read inside the migration's transaction), the tables rewritten and
indexes rebuilt (a new relfilenode), its time and its error. Nothing is written to the target except its
central log, where every event of the dry run carries `dry_run: true`. The shadow is dropped afterwards.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import psycopg
from psycopg import sql

from migwiz.engine import queries
from migwiz.engine.analysis import analyze_script
from migwiz.engine.analysis.lock_reading import Namer, TracedLock, diff_files, read_locks, snapshot
from migwiz.engine.history.state import DEFAULT_SCHEMA, read_history
from migwiz.engine.history.status import compute_status
from migwiz.engine.log.eventlog import Event, EventLog, EventSink, Level, Run
from migwiz.engine.run.events import RunEvent, StatementFinished, StatementStarted
from migwiz.engine.run.runner import ExecutionPolicy, Runner, RunReport
from migwiz.engine.servers.connect import connect, describe, scrub
from migwiz.engine.servers.extensions import with_source
from migwiz.engine.sets.model import Migration, MigrationSet, Script, Statement, Version
from migwiz.engine.shadow.databases import shadow_database
from migwiz.engine.shadow.scratch import copy_schema

Outcome = Literal["ok", "failed", "not_run"]


class DryRunLog(EventLog):
    """An event log whose every event says `dry_run: true`."""

    def event(self, level: Level, step: str, message: str, /, **data: Any) -> Event:
        """Record one event, tagged."""
        return super().event(level, step, message, **{**data, "dry_run": True})


@dataclass(frozen=True)
class DryRunStatement:
    """What one statement did (or would have done) on the shadow database."""

    version: str
    label: str
    path: str
    line: int
    index: int
    sql: str
    outcome: Outcome
    duration_ms: float | None = None
    locks: tuple[TracedLock, ...] = ()
    lock_source: Literal["pg_locks", "analysis", ""] = ""
    """`pg_locks` when read from the server inside the transaction; `analysis` for no-transaction
    statements (their locks are gone when they return) and failed ones that could not be read."""
    rewrites: tuple[str, ...] = ()
    index_rebuilds: tuple[str, ...] = ()
    sqlstate: str | None = None
    error: str | None = None
    column: int | None = None
    """Column of `line` PostgreSQL's error position points at (`line` is then that position's line)."""

    @property
    def where(self) -> str:
        """`file:line[:column]`."""
        return f"{self.path}:{self.line}" + (f":{self.column}" if self.column else "")

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "version": self.version,
            "label": self.label,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "statement": self.index + 1,
            "sql": self.sql,
            "outcome": self.outcome,
            "duration_ms": round(self.duration_ms, 2) if self.duration_ms is not None else None,
            "locks": [{"relation": lock.relation, "mode": lock.mode} for lock in self.locks],
            "lock_source": self.lock_source or None,
            "rewrites": list(self.rewrites),
            "index_rebuilds": list(self.index_rebuilds),
            "sqlstate": self.sqlstate,
            "error": self.error,
        }


@dataclass
class DryRunReport:
    """The dry run: every pending statement in order, the sampled tables and the run's report."""

    run_id: str
    shadow: str
    statements: list[DryRunStatement] = field(default_factory=list)
    sampled: dict[str, int] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    report: RunReport | None = None

    @property
    def ok(self) -> bool:
        """Every pending statement ran on the shadow."""
        return all(s.outcome == "ok" for s in self.statements)

    @property
    def failures(self) -> list[DryRunStatement]:
        """The statements that failed (at most one per run: the run stops there)."""
        return [s for s in self.statements if s.outcome == "failed"]

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "run_id": self.run_id,
            "ok": self.ok,
            "shadow": self.shadow,
            "sampled": self.sampled,
            "notices": self.notices,
            "statements": [s.to_json() for s in self.statements],
        }


def _one_line(text: str, width: int = 160) -> str:
    flat = " ".join(text.split())
    return scrub(flat if len(flat) <= width else flat[: width - 1] + "…")


class _Tracer:
    """A consumer of the run's events that records locks, rewrites, time and errors of every statement
    on the shadow (on the run's thread, with its executor connection, while the statement's transaction
    is still open)."""

    def __init__(self, runner: Runner, observer: psycopg.Connection[Any]) -> None:
        self.runner = runner
        self.migrations = {str(m.version): m for m in runner.mset.migrations}
        if runner.mset.baselines:  # Flyway baseline migrations: the files this history counts
            self.migrations = {str(s.version): s.migration for s in runner.statuses() if s.migration}
        self.observer = observer
        self.records: dict[tuple[str, int], DryRunStatement] = {}
        self._before: dict[int, Any] = {}
        self._held_before: frozenset[tuple[int, str]] = frozenset()
        self._namer: Namer | None = None
        self._static: dict[int, list[tuple[TracedLock, ...]]] = {}

    def on_event(self, event: RunEvent) -> None:
        """A statement starts (a snapshot before it) or finishes (its record)."""
        if not isinstance(event, StatementStarted | StatementFinished):
            return
        current = event.statement
        migration = self.migrations[current.version]
        script = self.runner.effective(migration, "up")
        stmt = script.statements[current.index]
        if isinstance(event, StatementStarted):
            self.before(migration, script, current.index, stmt)
            return
        conn = self.runner.conn
        if conn is None or conn.broken:
            return
        error = event.exception if isinstance(event.exception, psycopg.Error) else None
        self.after(migration, script, current.index, stmt, conn, event.duration_ms, error)

    def before(self, migration: Migration, script: Script, index: int, stmt: Statement) -> None:
        conn = self.runner.conn
        assert conn is not None
        self._before = snapshot(conn)
        if self._namer is None:
            self._namer = Namer(self._before)
        in_tx = conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE
        self._held_before = read_locks(conn, conn.info.backend_pid) if in_tx else frozenset()

    def _static_locks(self, script: Script, index: int) -> tuple[TracedLock, ...]:
        key = id(script)
        if key not in self._static:
            conn = self.runner.conn
            major = conn.info.server_version // 10000 if conn is not None else 18
            try:
                analysed = analyze_script(script, pg_version=major)
                self._static[key] = [
                    tuple(TracedLock(lock.relation, lock.mode, False) for lock in a.own_locks)
                    for a in analysed
                ]
            except Exception:
                self._static[key] = [() for _ in script.statements]
        return self._static[key][index]

    def after(
        self,
        migration: Migration,
        script: Script,
        index: int,
        stmt: Statement,
        conn: psycopg.Connection[Any],
        duration_ms: float,
        error: psycopg.Error | None,
    ) -> None:
        namer = self._namer or Namer(self._before)
        pid = conn.info.backend_pid
        in_tx = script.directives.transaction
        base = DryRunStatement(
            str(migration.version), migration.label, str(script.path), stmt.line, index, _one_line(stmt.sql),
            "ok", duration_ms,
        )  # fmt: skip
        if error is not None:
            held = read_locks(self.observer, pid) if in_tx else frozenset()
            locks = namer.locks(held - self._held_before, self._before)
            line, column = stmt.locate(error.diag.statement_position)
            record = replace(
                base,
                line=line,
                column=column,
                outcome="failed",
                locks=locks or self._static_locks(script, index),
                lock_source="pg_locks" if locks else "analysis",
                sqlstate=error.sqlstate,
                error=scrub(with_source(error.diag.message_primary or str(error).strip())),
            )
        else:
            after = snapshot(conn)
            rewrites, rebuilds = diff_files(self._before, after)
            if in_tx:
                held = read_locks(conn, pid)
                locks = namer.locks(held - self._held_before, after, self._before)
            else:
                locks = self._static_locks(script, index)
            namer.learn(after)
            record = replace(
                base,
                locks=locks,
                lock_source="pg_locks" if in_tx else "analysis",
                rewrites=rewrites,
                index_rebuilds=rebuilds,
            )
        self.records[(str(migration.version), index)] = record


def _copy_state(target: psycopg.Connection[Any], shadow_dsn: str, schema: str) -> None:
    """The target's migwiz meta and history rows, into the shadow's copy of the migwiz schema."""
    with connect(shadow_dsn, autocommit=True, purpose="dry-run") as shadow:
        for table in ("meta", "history"):
            name = sql.SQL("{}.{}").format(sql.Identifier(schema), sql.Identifier(table))
            with (
                target.cursor().copy(sql.SQL("COPY {} TO STDOUT (FORMAT binary)").format(name)) as out,
                shadow.cursor().copy(sql.SQL("COPY {} FROM STDIN (FORMAT binary)").format(name)) as into,
            ):
                for chunk in out:
                    into.write(chunk)


def _touched_tables(conn: psycopg.Connection[Any], migrations: Sequence[Migration]) -> list[tuple[str, str]]:
    """(schema, table) of the existing tables the migrations lock, per static analysis."""
    major = conn.info.server_version // 10000
    names: list[str] = []
    for migration in migrations:
        try:
            analysed = analyze_script(migration.up, pg_version=major)
        except Exception:
            continue
        names.extend(lock.relation for a in analysed for lock in a.locks)
    wanted = list(dict.fromkeys(names))
    if not wanted:
        return []
    rows = conn.execute(
        queries.load("shadow_sample_tables"),
        ([w.partition(".")[0] for w in wanted], [w.partition(".")[2] for w in wanted]),
    ).fetchall()
    return [(str(r[0]), str(r[1])) for r in rows]


def _sample(
    target: psycopg.Connection[Any],
    shadow_dsn: str,
    tables: list[tuple[str, str]],
    rows: int,
    notices: list[str],
) -> dict[str, int]:
    """Copy up to `rows` rows of each table (foreign keys and triggers off where the role may)."""
    copied: dict[str, int] = {}
    with connect(shadow_dsn, autocommit=True, purpose="dry-run sample") as shadow:
        try:
            shadow.execute("SET session_replication_role = replica")
        except psycopg.errors.InsufficientPrivilege:
            notices.append("sample rows are loaded with foreign keys and triggers on (not a superuser)")
        for schema, table in tables:
            qualified = sql.SQL("{}.{}").format(sql.Identifier(schema), sql.Identifier(table))
            columns = [
                str(r[0])
                for r in target.execute(
                    queries.load("shadow_sample_columns"),
                    (qualified.as_string(target),),
                )
            ]
            cols = sql.SQL(", ").join(sql.Identifier(c) for c in columns)
            read = sql.SQL("COPY (SELECT {} FROM {} LIMIT {}) TO STDOUT (FORMAT binary)").format(
                cols, qualified, sql.Literal(rows)
            )
            write = sql.SQL("COPY {} ({}) FROM STDIN (FORMAT binary)").format(qualified, cols)
            try:
                with shadow.transaction():
                    with target.cursor().copy(read) as out, shadow.cursor().copy(write) as into:
                        for chunk in out:
                            into.write(chunk)
                    row = shadow.execute(sql.SQL("SELECT count(*) FROM {}").format(qualified)).fetchone()
                    copied[f"{schema}.{table}"] = int(row[0]) if row else 0
            except psycopg.Error as exc:
                notices.append(f"could not sample {schema}.{table}: {_one_line(str(exc))}")
    return copied


def dry_run(
    dsn: str,
    mset: MigrationSet,
    *,
    shadow_dsn: str | None = None,
    sample_rows: int = 0,
    to: Version | None = None,
    schema: str = DEFAULT_SCHEMA,
    policy: ExecutionPolicy | None = None,
    log_file: Path | None = None,
    sinks: Sequence[EventSink] = (),
) -> DryRunReport:
    """Apply the migrations pending on `dsn` to a shadow copy of it and report every statement.

    The shadow is made on the target's server, or in the empty database `shadow_dsn` (another server).
    A planning refusal (edited applied file, missing down) raises the same `MigwizError` as `up`.
    """
    run = Run(dsn, schema, "dry-run", log_file=log_file)
    log = DryRunLog(run.log.run_id, run.log.sinks)
    log.sinks.extend(sinks)
    run.log = log
    outcome = "failed"
    try:
        with connect(dsn, autocommit=True, purpose="dry-run reader") as target:
            history = read_history(target, schema)
            pending = [
                s.migration
                for s in compute_status(mset, history)
                if s.state in ("pending", "failed") and s.migration is not None and s.version.within(to)
            ]
            with shadow_database(dsn, shadow_dsn=shadow_dsn, purpose="dry-run") as shadow:
                report = DryRunReport(run.run_id, shadow.label)
                log.info("dry-run", f"shadow database {shadow.label}: copying the schema of {describe(dsn)}")
                copy_schema(dsn, shadow.dsn)
                _copy_state(target, shadow.dsn, schema)
                if sample_rows > 0:
                    tables = _touched_tables(target, pending)
                    report.sampled = _sample(target, shadow.dsn, tables, sample_rows, report.notices)
                    log.info(
                        "dry-run",
                        f"sampled up to {sample_rows} rows of {len(report.sampled)} table(s)",
                        sampled=report.sampled,
                    )
                report.report = _apply(shadow.dsn, mset, log, schema, policy, to, report)
        _fill_not_run(report, pending)
        outcome = "success" if report.ok else "failed"
        failures = report.failures
        if failures:
            first = failures[0]
            log.error(
                "dry-run",
                f"would fail: {Path(first.where).name}: {first.sqlstate} {first.error}",
                version=first.version,
            )
        else:
            log.info("dry-run", f"{len(report.statements)} statement(s) would run without error")
        return report
    finally:
        run.finish(outcome)


def _apply(
    shadow_dsn: str,
    mset: MigrationSet,
    log: EventLog,
    schema: str,
    policy: ExecutionPolicy | None,
    to: Version | None,
    report: DryRunReport,
) -> RunReport:
    runner = Runner(shadow_dsn, mset, log=log, schema=schema, policy=policy)
    with connect(shadow_dsn, autocommit=True, purpose="dry-run observer") as observer:
        tracer = _Tracer(runner, observer)
        runner.trace_statements = True
        runner.events.on(tracer.on_event)
        try:
            result = runner.up(to, target=True)
        finally:
            runner.close()
    report.statements = list(tracer.records.values())
    return result


def _fill_not_run(report: DryRunReport, pending: Sequence[Migration]) -> None:
    """Every pending statement in order; those the run did not reach are `not_run`.

    A backfill migration is run in batches, not statement by statement: when the run applied it, its
    statement is `ok` (its batches are not traced one by one).
    """
    recorded = {(s.version, s.index): s for s in report.statements}
    applied = {
        str(o.version) for o in (report.report.outcomes if report.report else ()) if o.result == "applied"
    }
    ordered: list[DryRunStatement] = []
    for migration in pending:
        for index, stmt in enumerate(migration.up.statements):
            found = recorded.get((str(migration.version), index))
            if found is None:
                ran = str(migration.version) in applied
                found = DryRunStatement(
                    str(migration.version), migration.label, str(migration.up.path), stmt.line, index,
                    _one_line(stmt.sql), "ok" if ran else "not_run",
                )  # fmt: skip
            ordered.append(found)
    report.statements = ordered
