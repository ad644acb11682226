"""Apply and revert migrations: `up` and `down` with their crash-safety guarantees.

A transactional migration runs in one transaction together with its history row, so a crash can never
leave it applied but unrecorded. A `no-transaction` migration runs statement by statement; before each
statement its index is recorded as running and after it as done, so `status` can say exactly how far it
got and `up` resumes with the next statement (or asks `--resolve` when a statement was cut off mid-way).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

import psycopg
from psycopg import sql

from migwiz.engine.connect import connect, scrub
from migwiz.engine.errors import StateMismatch, UsageError
from migwiz.engine.eventlog import EventLog
from migwiz.engine.model import Migration, MigrationSet, Script, Statement, Version
from migwiz.engine.state import DEFAULT_SCHEMA, HistoryRow, ensure_state, os_identity, read_history
from migwiz.engine.status import MigrationStatus, compute_status

Direction = Literal["up", "down"]
Resolve = Literal["ran", "not-ran"]


@dataclass(frozen=True)
class ExecutionPolicy:
    """How statements are run. Timeouts: flag > script directive > this default."""

    lock_timeout_ms: int = 2000
    statement_timeout_ms: int | None = None
    lock_timeout_forced: bool = False
    statement_timeout_forced: bool = False
    allow_irreversible: bool = False
    allow_out_of_order: bool = False
    resolve: Resolve | None = None

    def lock_timeout_for(self, script: Script) -> int:
        """lock_timeout in ms for this script."""
        if not self.lock_timeout_forced and script.directives.lock_timeout_ms is not None:
            return script.directives.lock_timeout_ms
        return self.lock_timeout_ms

    def statement_timeout_for(self, script: Script) -> int | None:
        """statement_timeout in ms for this script (None: the server's setting)."""
        if not self.statement_timeout_forced and script.directives.statement_timeout_ms is not None:
            return script.directives.statement_timeout_ms
        return self.statement_timeout_ms


@dataclass(frozen=True)
class StatementFailure:
    """Where and why a statement failed."""

    path: str
    line: int
    index: int
    sqlstate: str | None
    message: str

    def describe(self) -> str:
        """`file:line: SQLSTATE message`."""
        code = f"{self.sqlstate} " if self.sqlstate else ""
        return f"{self.path}:{self.line}: {code}{self.message}"

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "path": self.path,
            "line": self.line,
            "statement": self.index + 1,
            "sqlstate": self.sqlstate,
            "message": self.message,
        }


@dataclass
class MigrationOutcome:
    """What happened to one migration in this run."""

    version: Version
    name: str
    direction: Direction
    result: Literal["applied", "reverted", "failed"]
    duration_ms: float
    statements_run: int
    failure: StatementFailure | None = None

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "version": str(self.version),
            "name": self.name,
            "direction": self.direction,
            "result": self.result,
            "duration_ms": round(self.duration_ms, 1),
            "statements_run": self.statements_run,
            "failure": self.failure.to_json() if self.failure else None,
        }


@dataclass
class RunReport:
    """Everything a run did, in order."""

    direction: Direction
    outcomes: list[MigrationOutcome] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """No migration failed."""
        return all(o.result != "failed" for o in self.outcomes)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "direction": self.direction,
            "ok": self.ok,
            "migrations": [o.to_json() for o in self.outcomes],
        }


StatementHook = Callable[[Migration, Script, int, Statement], None]


def failure_from(exc: psycopg.Error, script: Script, index: int) -> StatementFailure:
    """A StatementFailure naming the file and the line PostgreSQL points at."""
    stmt = script.statements[index]
    line = stmt.line
    position = exc.diag.statement_position if isinstance(exc, psycopg.errors.Error) else None
    if position:
        line += stmt.sql[: int(position) - 1].count("\n")
    message = exc.diag.message_primary or str(exc).strip().splitlines()[0]
    return StatementFailure(str(script.path), line, index, exc.sqlstate, scrub(message))


class Runner:
    """Runs the migrations of one set against one database, recording history in its migwiz schema."""

    def __init__(
        self,
        dsn: str,
        mset: MigrationSet,
        *,
        log: EventLog,
        schema: str = DEFAULT_SCHEMA,
        policy: ExecutionPolicy | None = None,
        before_statement: StatementHook | None = None,
    ) -> None:
        self.dsn = dsn
        self.mset = mset
        self.log = log
        self.schema = schema
        self.policy = policy or ExecutionPolicy()
        self.before_statement = before_statement
        self.conn: psycopg.Connection[Any] | None = None
        self.os_user, self.host = os_identity()

    # -- connection and state -------------------------------------------------------------------

    def _connection(self) -> psycopg.Connection[Any]:
        if self.conn is None or self.conn.closed:
            self.conn = connect(self.dsn, autocommit=True, purpose="executor")
            ensure_state(self.conn, self.schema)
        return self.conn

    @property
    def backend_pid(self) -> int | None:
        """The executor connection's server pid (for the monitor: 'ours')."""
        return self.conn.info.backend_pid if self.conn is not None and not self.conn.closed else None

    def close(self) -> None:
        """Close the executor connection."""
        if self.conn is not None:
            self.conn.close()

    def statuses(self) -> list[MigrationStatus]:
        """The current status of every migration."""
        return compute_status(self.mset, read_history(self._connection(), self.schema))

    def _table(self, name: str) -> sql.Composed:
        return sql.SQL("{}.{}").format(sql.Identifier(self.schema), sql.Identifier(name))

    # -- planning ----------------------------------------------------------------------------------

    def _check_files_match(self, statuses: list[MigrationStatus]) -> None:
        for s in statuses:
            if s.state == "checksum_mismatch" and s.migration is not None:
                raise StateMismatch(
                    f"{s.migration.up.path}: applied migration {s.version} was edited after it was applied "
                    "(checksum differs); nothing was run",
                    "restore the applied file and put the change in a new migration",
                )
            if s.state == "missing_file":
                raise StateMismatch(
                    f"migration {s.version} ({s.name}) is applied in the database but its file is missing "
                    f"from {self.mset.root}; nothing was run",
                    "restore the file (or check --dir points at the right folder)",
                )

    def plan_up(self, to: Version | None = None) -> list[MigrationStatus]:
        """The migrations `up` would run (a failed one first, to be resumed), after every safety check."""
        statuses = self.statuses()
        self._check_files_match(statuses)
        known = {s.version for s in statuses}
        if to is not None and to not in known:
            raise UsageError(f"--to {to}: no migration has that version")
        todo = [s for s in statuses if s.state in ("pending", "failed") and (to is None or s.version <= to)]
        failed_down = [s for s in todo if s.history is not None and s.history.reverting]
        if failed_down:
            raise StateMismatch(
                f"migration {failed_down[0].version} was part-way through its down script; nothing was run",
                "finish it with `migwiz down` first",
            )
        latest_applied = max((s.version for s in statuses if s.state == "applied"), default=None)
        if not self.policy.allow_out_of_order and latest_applied is not None:
            early = [s for s in todo if s.state == "pending" and s.version < latest_applied]
            if early:
                raise UsageError(
                    f"migration {early[0].version} ({early[0].name}) is older than the applied "
                    f"{latest_applied} and was never applied",
                    "renumber it after the latest applied one, or pass --allow-out-of-order",
                )
        if not self.policy.allow_irreversible:
            missing = [s for s in todo if not s.has_down]
            if missing:
                names = ", ".join(str(s.migration.up.path) for s in missing if s.migration)
                raise UsageError(
                    f"no down script for: {names}; nothing was run",
                    "write the down script, or pass --allow-irreversible",
                )
        return todo

    def plan_down(self, to: Version | None = None, steps: int | None = None) -> list[MigrationStatus]:
        """The applied migrations `down` would revert, newest first."""
        statuses = self.statuses()
        self._check_files_match(statuses)
        partial = [s for s in statuses if s.state == "failed" and s.history and not s.history.reverting]
        if partial:
            raise StateMismatch(
                f"migration {partial[0].version} is partly applied ({partial[0].detail}); nothing was run",
                "finish it with `migwiz up` first, then roll back",
            )
        applied = [s for s in statuses if s.state in ("applied", "failed")]
        applied.sort(key=lambda s: s.version, reverse=True)
        if to is not None:
            if to not in {s.version for s in statuses}:
                raise UsageError(f"--to {to}: no migration has that version")
            todo = [s for s in applied if s.version > to]
        else:
            todo = applied[: 1 if steps is None else steps]
        missing = [s for s in todo if s.migration is not None and s.migration.down is None]
        if missing:
            raise UsageError(
                f"{missing[0].migration.up.path if missing[0].migration else missing[0].version}: "
                "has no down script; nothing was run",
                "write a down script for it, or roll back by hand",
            )
        return todo

    # -- running -------------------------------------------------------------------------------------

    def up(self, to: Version | None = None) -> RunReport:
        """Apply pending migrations in order (up to `to`); stops at the first failure."""
        report = RunReport("up")
        todo = self.plan_up(to)
        if not todo:
            self.log.info("plan", "nothing to apply: every migration is applied")
        for status in todo:
            assert status.migration is not None
            outcome = self._apply(status.migration, status.history)
            report.outcomes.append(outcome)
            if outcome.result == "failed":
                break
        return report

    def down(self, to: Version | None = None, steps: int | None = None) -> RunReport:
        """Revert applied migrations, newest first; stops at the first failure."""
        report = RunReport("down")
        todo = self.plan_down(to, steps)
        if not todo:
            self.log.info("plan", "nothing to revert")
        for status in todo:
            assert status.migration is not None and status.history is not None
            outcome = self._revert(status.migration, status.history)
            report.outcomes.append(outcome)
            if outcome.result == "failed":
                break
        return report

    def _apply(self, migration: Migration, history: HistoryRow | None) -> MigrationOutcome:
        script = migration.up
        mode = "in one transaction" if script.directives.transaction else "statement by statement"
        self.log.info(
            "migration",
            f"applying {migration.label} {mode}",
            version=str(migration.version),
            path=str(script.path),
            statements=len(script.statements),
        )
        if script.directives.transaction:
            return self._run_in_transaction(migration, script, "up")
        return self._run_statement_by_statement(migration, script, "up", history)

    def _revert(self, migration: Migration, history: HistoryRow) -> MigrationOutcome:
        script = migration.down
        assert script is not None
        mode = "in one transaction" if script.directives.transaction else "statement by statement"
        self.log.info(
            "migration",
            f"reverting {migration.label} {mode}",
            version=str(migration.version),
            path=str(script.path),
            statements=len(script.statements),
        )
        if script.directives.transaction:
            return self._run_in_transaction(migration, script, "down")
        return self._run_statement_by_statement(migration, script, "down", history)

    def _set_timeouts(self, conn: psycopg.Connection[Any], script: Script, local: bool) -> None:
        scope = sql.SQL("SET LOCAL" if local else "SET")
        lock_ms = self.policy.lock_timeout_for(script)
        conn.execute(sql.SQL("{} lock_timeout = {}").format(scope, sql.Literal(f"{lock_ms}ms")))
        stmt_ms = self.policy.statement_timeout_for(script)
        value = f"{stmt_ms}ms" if stmt_ms is not None else "0"
        if stmt_ms is not None or not local:
            conn.execute(sql.SQL("{} statement_timeout = {}").format(scope, sql.Literal(value)))

    def _execute(
        self, conn: psycopg.Connection[Any], migration: Migration, script: Script, index: int
    ) -> None:
        stmt = script.statements[index]
        if self.before_statement is not None:
            self.before_statement(migration, script, index, stmt)
        started = time.perf_counter()
        conn.execute(stmt.sql.encode(), prepare=False)
        elapsed = (time.perf_counter() - started) * 1000
        self.log.info(
            "statement",
            f"{script.path.name}:{stmt.line} done in {elapsed:.0f} ms",
            version=str(migration.version),
            path=str(script.path),
            line=stmt.line,
            index=index,
            duration_ms=round(elapsed, 2),
        )

    def _fail(
        self,
        migration: Migration,
        script: Script,
        index: int,
        exc: psycopg.Error,
        direction: Direction,
        started: float,
        ran: int,
    ) -> MigrationOutcome:
        failure = failure_from(exc, script, index)
        self.log.error(
            "migration",
            f"{migration.label} failed at {failure.describe()}",
            version=str(migration.version),
            direction=direction,
            **failure.to_json(),
        )
        return MigrationOutcome(
            migration.version,
            migration.name,
            direction,
            "failed",
            (time.perf_counter() - started) * 1000,
            ran,
            failure,
        )

    def _run_in_transaction(
        self, migration: Migration, script: Script, direction: Direction
    ) -> MigrationOutcome:
        conn = self._connection()
        started = time.perf_counter()
        index = 0
        try:
            with conn.transaction():
                self._set_timeouts(conn, script, local=True)
                for index in range(len(script.statements)):
                    self._execute(conn, migration, script, index)
                elapsed = (time.perf_counter() - started) * 1000
                if direction == "up":
                    self._insert_history(
                        conn, migration, success=True, duration_ms=elapsed, done=len(script.statements)
                    )
                else:
                    conn.execute(
                        sql.SQL("DELETE FROM {} WHERE version = %s").format(self._table("history")),
                        (str(migration.version),),
                    )
        except psycopg.Error as exc:
            if conn.closed or conn.broken:
                raise
            return self._fail(migration, script, index, exc, direction, started, index)
        elapsed = (time.perf_counter() - started) * 1000
        verb: Literal["applied", "reverted"] = "applied" if direction == "up" else "reverted"
        self.log.info(
            "migration",
            f"{migration.label} {verb} in {elapsed:.0f} ms",
            version=str(migration.version),
            direction=direction,
            duration_ms=round(elapsed, 2),
        )
        return MigrationOutcome(
            migration.version, migration.name, direction, verb, elapsed, len(script.statements)
        )

    def _insert_history(
        self,
        conn: psycopg.Connection[Any],
        migration: Migration,
        *,
        success: bool,
        duration_ms: float | None,
        done: int,
    ) -> None:
        conn.execute(
            sql.SQL(
                "INSERT INTO {} (version, name, checksum, os_user, host, duration_ms, run_id, success,"
                " statements_done, phase) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
            ).format(self._table("history")),
            (
                str(migration.version),
                migration.name,
                migration.checksum,
                self.os_user,
                self.host,
                duration_ms,
                self.log.run_id,
                success,
                done,
                migration.up.directives.phase,
            ),
        )

    def _resume_point(self, migration: Migration, history: HistoryRow | None, direction: Direction) -> int:
        if history is None or history.success:
            return 0
        if history.reverting != (direction == "down"):
            return 0
        if history.statement_running is None:
            return history.statements_done
        running = history.statement_running
        if self.policy.resolve is None:
            raise StateMismatch(
                f"{migration.label}: statement {running + 1} was running when migwiz stopped and may or may "
                "not have completed; nothing was run",
                "check the database, then rerun with --resolve=ran or --resolve=not-ran",
            )
        self.log.warning(
            "resolve",
            f"{migration.label}: statement {running + 1} marked as {self.policy.resolve} by the operator",
            version=str(migration.version),
            statement=running + 1,
            resolve=self.policy.resolve,
        )
        return running + 1 if self.policy.resolve == "ran" else running

    def _run_statement_by_statement(
        self, migration: Migration, script: Script, direction: Direction, history: HistoryRow | None
    ) -> MigrationOutcome:
        conn = self._connection()
        history_table = self._table("history")
        version = str(migration.version)
        start_at = self._resume_point(migration, history, direction)
        if start_at:
            self.log.info(
                "migration", f"resuming {migration.label} at statement {start_at + 1}", version=version
            )
        if direction == "up" and (history is None or history.success):
            self._insert_history(conn, migration, success=False, duration_ms=None, done=0)
        elif direction == "down" and not history_reverting(history):
            conn.execute(
                sql.SQL(
                    "UPDATE {} SET success = false, reverting = true, statements_done = 0,"
                    " statement_running = NULL WHERE version = %s"
                ).format(history_table),
                (version,),
            )
        else:
            conn.execute(
                sql.SQL(
                    "UPDATE {} SET statements_done = %s, statement_running = NULL WHERE version = %s"
                ).format(history_table),
                (start_at, version),
            )
        self._set_timeouts(conn, script, local=False)
        started = time.perf_counter()
        try:
            for index in range(start_at, len(script.statements)):
                conn.execute(
                    sql.SQL("UPDATE {} SET statement_running = %s WHERE version = %s").format(history_table),
                    (index, version),
                )
                try:
                    self._execute(conn, migration, script, index)
                except psycopg.Error as exc:
                    if conn.closed or conn.broken:
                        raise
                    conn.execute(
                        sql.SQL("UPDATE {} SET statement_running = NULL WHERE version = %s").format(
                            history_table
                        ),
                        (version,),
                    )
                    return self._fail(migration, script, index, exc, direction, started, index - start_at)
                conn.execute(
                    sql.SQL(
                        "UPDATE {} SET statements_done = %s, statement_running = NULL WHERE version = %s"
                    ).format(history_table),
                    (index + 1, version),
                )
        finally:
            if not (conn.closed or conn.broken):
                conn.execute("RESET lock_timeout")
                conn.execute("RESET statement_timeout")
        elapsed = (time.perf_counter() - started) * 1000
        if direction == "up":
            conn.execute(
                sql.SQL(
                    "UPDATE {} SET success = true, duration_ms = %s, applied_at = clock_timestamp(),"
                    " run_id = %s WHERE version = %s"
                ).format(history_table),
                (elapsed, self.log.run_id, version),
            )
        else:
            conn.execute(sql.SQL("DELETE FROM {} WHERE version = %s").format(history_table), (version,))
        verb: Literal["applied", "reverted"] = "applied" if direction == "up" else "reverted"
        self.log.info(
            "migration",
            f"{migration.label} {verb} in {elapsed:.0f} ms",
            version=version,
            direction=direction,
            duration_ms=round(elapsed, 2),
        )
        return MigrationOutcome(
            migration.version, migration.name, direction, verb, elapsed, len(script.statements) - start_at
        )


def history_reverting(history: HistoryRow | None) -> bool:
    """Whether the history row records a down script that was cut off part-way."""
    return history is not None and history.reverting and not history.success
