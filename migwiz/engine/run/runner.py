"""Apply and revert migrations: `up` and `down` with their crash-safety guarantees.

A transactional migration runs in one transaction together with its history row, so a crash can never
leave it applied but unrecorded. A `no-transaction` migration runs statement by statement; before each
statement its index is recorded as running and after it as done, so `status` can say exactly how far it
got and `up` resumes with the next statement (or asks `--resolve` when a statement was cut off mid-way).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, Literal

import pglast
import pglast.ast
import psycopg
from psycopg import sql

from migwiz.engine import humanize
from migwiz.engine.analysis.statement_locks import script_lock_targets
from migwiz.engine.backfill.execute import ProgressCallback
from migwiz.engine.backfill.migration import run_backfill_migration  # backfill runner
from migwiz.engine.errors import StateMismatch, UsageError
from migwiz.engine.history.state import DEFAULT_SCHEMA, HistoryRow, ensure_state, os_identity, read_history
from migwiz.engine.history.status import MigrationStatus, compute_status
from migwiz.engine.log.eventlog import EventLog
from migwiz.engine.run.batches import run_statements
from migwiz.engine.run.control import RunControl, RunStopped
from migwiz.engine.run.current import CurrentStatement
from migwiz.engine.run.executor import Executor, LockRetriesExhausted, RetryPolicy
from migwiz.engine.run.failures import StatementFailure as StatementFailure
from migwiz.engine.run.failures import failure_from as failure_from
from migwiz.engine.run.guard import GuardPolicy, LockTarget
from migwiz.engine.run.index_leftovers import leftovers_of
from migwiz.engine.run.own_schema import check_scripts
from migwiz.engine.run.phases import phase_exempt, plan_phases
from migwiz.engine.run.session_limits import limit_bookkeeping, limit_executor
from migwiz.engine.run.statement_log import StatementLog
from migwiz.engine.servers.connect import connect, scrub
from migwiz.engine.sets.model import Migration, MigrationSet, Phase, Script, Statement, Version
from migwiz.engine.sets.transactions import TransactionPlan, plan_transaction

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
    phase: Phase | None = None  # `up --phase`, only migrations of this phase
    force_contract: bool = False  # run a contract the phase guard refuses (reason logged)
    allow_edited: bool = False
    """`down --allow-edited`: revert although applied files were edited (the files are named in the log)."""
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    guard: GuardPolicy = field(default_factory=GuardPolicy)
    orphan_wait_ms: int = 30_000
    """How long to wait for a statement a killed migwiz left running on the server before resuming."""

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
    stopped: str | None = None
    """Why the run stopped at a safe point before its end (a `RunControl` stop), None when it did not."""
    not_run: list[Version] = field(default_factory=list)
    """The migrations a stop left out (still pending, or still applied for a down)."""

    @property
    def ok(self) -> bool:
        """No migration failed (a run stopped at a safe point is ok)."""
        return all(o.result != "failed" for o in self.outcomes)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "direction": self.direction,
            "ok": self.ok,
            "migrations": [o.to_json() for o in self.outcomes],
            "stopped": self.stopped,
            "not_run": [str(v) for v in self.not_run],
        }


StatementHook = Callable[[Migration, Script, int, Statement], None]
AfterStatementHook = Callable[
    [Migration, Script, int, Statement, psycopg.Connection[Any], float, psycopg.Error | None], None
]
"""Called after every statement on the executor connection (still inside the migration's transaction):
migration, script, index, statement, connection, duration in ms, the error (None on success)."""

_CONCURRENT_INDEX = re.compile(r"\b(CREATE|REINDEX)\b[^;]*\bCONCURRENTLY\b", re.IGNORECASE | re.DOTALL)
_CHECK_CLIENT_MS = 1000


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
        after_statement: AfterStatementHook | None = None,
        control: RunControl | None = None,
        backfill_progress: ProgressCallback | None = None,
    ) -> None:
        self.dsn = dsn
        self.mset = mset
        self.log = log
        self._statement_log = StatementLog(log)
        self.schema = schema
        self.policy = policy or ExecutionPolicy()
        self.before_statement = before_statement
        self.after_statement = after_statement
        self.conn: psycopg.Connection[Any] | None = None
        self.os_user, self.host = os_identity()
        self._executor: Executor | None = None
        self._state_lock = threading.Lock()
        self._current: CurrentStatement | None = None
        self._edited_logged = False  # `--allow-edited` is logged once per run, however often it plans
        self._analysis: dict[int, tuple[tuple[LockTarget, ...], ...]] = {}
        self._transactions: dict[int, TransactionPlan] = {}
        self._control: RunControl | None = None
        self._control_lock_timeout: int | None = None
        self.control = control
        self.backfill_progress = backfill_progress
        self.estimates: Mapping[tuple[str, int], float] = {}
        """Expected milliseconds per (version, line) of up statements, from `plan` (shown beside elapsed)."""
        """Called with every `BackfillProgress` reading of a backfill migration (from the runner's thread)."""

    @property
    def control(self) -> RunControl | None:
        """The run control checked between migrations and statements (None: nothing steers the run)."""
        return self._control

    @control.setter
    def control(self, control: RunControl | None) -> None:
        self._control = control
        self._control_lock_timeout = None
        if control is not None:
            control.attach(self)

    # -- connection and state -------------------------------------------------------------------

    @property
    def application_name(self) -> str:
        """The executor's application_name: a leftover session of a killed run is found by it."""
        return f"migwiz executor {self.schema}"[:63]

    def _connection(self) -> psycopg.Connection[Any]:
        if self.conn is None or self.conn.closed:
            conn = connect(self.dsn, autocommit=True, purpose=f"executor {self.schema}")
            if conn.info.server_version >= 140000:
                # a backend whose client died (SIGKILL) stops within a second instead of running on
                conn.execute(
                    sql.SQL("SET client_connection_check_interval = {}").format(
                        sql.Literal(f"{_CHECK_CLIENT_MS}ms")
                    )
                )
            limit_executor(conn)
            ensure_state(conn, self.schema)
            self.conn = conn
        return self.conn

    @property
    def executor(self) -> Executor:
        """Statement execution policy and the lock-queue guard (its own connection, opened lazily)."""
        if self._executor is None:
            self._executor = Executor(
                self.dsn,
                self.log,
                retry=self.policy.retry,
                guard=self.policy.guard,
                ours=lambda: {pid} if (pid := self.backend_pid) else set(),
            )
        self._executor.retry = self.policy.retry
        self._executor.guard.policy = self.policy.guard
        return self._executor

    @property
    def backend_pid(self) -> int | None:
        """The executor connection's server pid (for the monitor: 'ours')."""
        return self.conn.info.backend_pid if self.conn is not None and not self.conn.closed else None

    @property
    def current(self) -> CurrentStatement | None:
        """The statement being executed now (thread-safe; None between statements)."""
        with self._state_lock:
            return self._current

    def _set_current(self, current: CurrentStatement | None) -> None:
        with self._state_lock:
            self._current = current

    def close(self) -> None:
        """Close the executor and guard connections."""
        if self._executor is not None:
            self._executor.close()
            self._executor = None
        if self.conn is not None:
            self.conn.close()

    def statuses(self) -> list[MigrationStatus]:
        """The current status of every migration."""
        return compute_status(self.mset, read_history(self._connection(), self.schema))

    def _table(self, name: str) -> sql.Composed:
        return sql.SQL("{}.{}").format(sql.Identifier(self.schema), sql.Identifier(name))

    # -- planning ----------------------------------------------------------------------------------

    def _check_files_match(self, statuses: list[MigrationStatus], *, allow_edited: bool = False) -> None:
        edited = [s for s in statuses if s.state == "checksum_mismatch" and s.migration is not None]
        if allow_edited and edited and not self._edited_logged:
            self._edited_logged = True
            files = [str(s.migration.up.path) for s in edited if s.migration is not None]
            self.log.warning(
                "plan",
                f"--allow-edited: going on although applied migration(s) were edited: {', '.join(files)}",
                files=files,
                versions=[str(s.version) for s in edited],
            )
        if allow_edited:
            statuses = [s for s in statuses if s.state != "checksum_mismatch"]
        for s in statuses:
            if s.state == "checksum_mismatch" and s.migration is not None:
                raise StateMismatch(
                    f"{s.migration.up.path}: applied migration {s.version} was edited after it was applied "
                    "(checksum differs); nothing was run",
                    "restore the file and put the change in a new migration, or accept it: `migwiz repair`"
                    " (an emergency rollback: `migwiz down --allow-edited`, logged with the file names)",
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
        todo = plan_phases(self, statuses, todo)  # --phase filter, contract guard (phases.py)
        failed_down = [s for s in todo if s.history is not None and s.history.reverting]
        if failed_down:
            raise StateMismatch(
                f"migration {failed_down[0].version} was part-way through its down script; nothing was run",
                "finish it with `migwiz down` first",
            )
        latest_applied = max((s.version for s in statuses if s.state == "applied"), default=None)
        if not self.policy.allow_out_of_order and latest_applied is not None:
            early = [s for s in todo if s.state == "pending" and s.version < latest_applied]
            early = [s for s in early if not phase_exempt(s, statuses)]  # phases interleave
            if early:
                raise UsageError(
                    f"migration {early[0].version} ({early[0].name}) is older than the applied "
                    f"{latest_applied} and was never applied",
                    "renumber it after the latest applied one, or pass --allow-out-of-order",
                )
        check_scripts((s.migration.up for s in todo if s.migration), self.schema)  # before anything runs
        for s in todo:
            if s.migration is not None and not s.migration.up.directives.backfill:
                self.transaction_plan(s.migration.up)  # refuses transaction control before anything runs
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
        self._check_files_match(statuses, allow_edited=self.policy.allow_edited)
        partial = [s for s in statuses if s.state == "failed" and s.history and not s.history.reverting]
        if partial:
            raise StateMismatch(
                f"migration {partial[0].version} is partly applied ({partial[0].detail}); nothing was run",
                "finish it with `migwiz up` first, then roll back",
            )
        reverting = (
            ("applied", "failed", "checksum_mismatch") if self.policy.allow_edited else ("applied", "failed")
        )
        applied = [s for s in statuses if s.state in reverting]
        applied.sort(key=lambda s: s.version, reverse=True)
        if to is not None:
            if to not in {s.version for s in statuses}:
                raise UsageError(f"--to {to}: no migration has that version")
            todo = [s for s in applied if s.version > to]
        else:
            todo = applied[: 1 if steps is None else steps]
        check_scripts((s.migration.down for s in todo if s.migration and s.migration.down), self.schema)
        missing = [s for s in todo if s.migration is not None and s.migration.down is None]
        if missing:
            raise UsageError(
                f"{missing[0].migration.up.path if missing[0].migration else missing[0].version}: "
                "has no down script; nothing was run",
                "write a down script for it, or roll back by hand",
            )
        for s in todo:
            if s.migration is not None and s.migration.down is not None:
                self.transaction_plan(s.migration.down)
        return todo

    def transaction_plan(self, script: Script) -> TransactionPlan:
        """How `script` runs on this server (see sets.transactions); MigrationFileError when it
        holds transaction control or a mix of statements migwiz cannot run safely."""
        key = id(script)
        if key not in self._transactions:
            major = self._connection().info.server_version // 10000
            self._transactions[key] = plan_transaction(script, major)
        return self._transactions[key]

    def _effective(self, migration: Migration, direction: Direction) -> Script:
        """The script that runs for `direction`, as its transaction plan says."""
        script = migration.up if direction == "up" else migration.down
        assert script is not None
        return script if script.directives.backfill else self.transaction_plan(script).script

    # -- running -------------------------------------------------------------------------------------

    def up(self, to: Version | None = None) -> RunReport:
        """Apply pending migrations in order (up to `to`); stops at the first failure."""
        report = RunReport("up")
        self.settle_orphans()
        todo = self.plan_up(to)
        if not todo:
            self.log.info("plan", "nothing to apply: every migration is applied")
        for position, status in enumerate(todo):
            assert status.migration is not None
            if self._stop_before(status.migration, todo[position:], report):
                break
            try:
                outcome = self._apply(status.migration, status.history)
            except RunStopped as stop:
                self._stopped_inside(status.migration, stop, todo[position:], report, "up")
                break
            report.outcomes.append(outcome)
            if outcome.result == "failed":
                break
        return report

    def down(self, to: Version | None = None, steps: int | None = None) -> RunReport:
        """Revert applied migrations, newest first; stops at the first failure."""
        report = RunReport("down")
        self.settle_orphans()
        todo = self.plan_down(to, steps)
        if not todo:
            self.log.info("plan", "nothing to revert")
        for position, status in enumerate(todo):
            assert status.migration is not None and status.history is not None
            if self._stop_before(status.migration, todo[position:], report):
                break
            try:
                outcome = self._revert(status.migration, status.history)
            except RunStopped as stop:
                self._stopped_inside(status.migration, stop, todo[position:], report, "down")
                break
            report.outcomes.append(outcome)
            if outcome.result == "failed":
                break
        return report

    # -- run control -----------------------------------------------------------------------------------

    def _stop_before(self, migration: Migration, rest: list[MigrationStatus], report: RunReport) -> bool:
        """A stop was requested: log it and leave `rest` (this migration and the later ones) alone."""
        control = self._control
        if control is None or not control.stop_requested:
            return False
        reason = control.stop_reason or "a stop was requested"
        report.stopped = reason
        report.not_run = [s.version for s in rest]
        self.log.warning(
            "stop",
            f"stopped at a safe point before {migration.version}: {reason}",
            reason=reason,
            not_run=[str(v) for v in report.not_run],
        )
        return True

    def _stopped_inside(
        self,
        migration: Migration,
        stop: RunStopped,
        rest: list[MigrationStatus],
        report: RunReport,
        direction: Direction,
    ) -> None:
        """A stop between two statements of `migration` (the first of `rest`): say what it left."""
        self._set_current(None)
        script = self._effective(migration, direction)
        in_transaction = script.directives.transaction
        report.stopped = stop.reason
        report.not_run = [s.version for s in (rest if in_transaction else rest[1:])]
        if stop.what is not None:
            what = stop.what
        elif in_transaction:
            what = f"before statement {stop.index + 1}; its transaction was rolled back"
        else:
            again = "up" if direction == "up" else "down"
            what = (
                f"after {stop.index} of {len(script.statements) if script else '?'} statements; "
                f"`migwiz {again}` resumes it at statement {stop.index + 1}"
            )
        self.log.warning(
            "stop",
            f"stopped at a safe point in {migration.label} {what}: {stop.reason}",
            version=str(migration.version),
            reason=stop.reason,
            statement=stop.index + 1,
            not_run=[str(v) for v in report.not_run],
        )

    def _apply_lock_timeout(self, conn: psycopg.Connection[Any] | None) -> None:
        """Take the operator's lock_timeout from the control into the policy (and `conn`, mid-migration)."""
        control = self._control
        ms = control.lock_timeout_ms if control is not None else None
        if ms is None or ms == self._control_lock_timeout:
            return
        self._control_lock_timeout = ms
        self.policy = replace(self.policy, lock_timeout_ms=ms, lock_timeout_forced=True)
        self.log.info("policy", f"lock_timeout changed to {ms} ms by the operator", lock_timeout_ms=ms)
        if conn is not None:
            idle = conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
            scope = sql.SQL("SET" if idle else "SET LOCAL")
            conn.execute(sql.SQL("{} lock_timeout = {}").format(scope, sql.Literal(f"{ms}ms")))

    def _checkpoint(self, conn: psycopg.Connection[Any], index: int) -> None:
        """Before statement `index`: a stop after the statement raises `RunStopped`; a changed
        lock_timeout applies to this statement on."""
        control = self._control
        if control is None:
            return
        if control.stop_after == "statement":
            raise RunStopped(control.stop_reason or "a stop was requested", index)
        self._apply_lock_timeout(conn)

    def _notices(self, migration: Migration, script: Script) -> None:
        """Say what migwiz decided on its own about how `script` runs (see sets.transactions)."""
        if script.directives.backfill:
            return
        for notice in self.transaction_plan(script).notices():
            self.log.warning("transaction", notice, version=str(migration.version), path=str(script.path))

    def _apply(self, migration: Migration, history: HistoryRow | None) -> MigrationOutcome:
        self._notices(migration, migration.up)
        script = self._effective(migration, "up")
        mode = "in one transaction" if script.directives.transaction else "statement by statement"
        if script.directives.backfill:
            mode = "in batches (backfill)"
        self.log.info(
            "migration",
            f"applying {migration.label} {mode}",
            version=str(migration.version),
            path=str(script.path),
            statements=len(script.statements),
        )
        self._apply_lock_timeout(None)
        if script.directives.backfill:  # batched, resumable backfill (engine/backfill/migration.py)
            if self.before_statement is not None:  # its one statement, run in batches
                self.before_statement(migration, script, 0, script.statements[0])
            return run_backfill_migration(self, migration, history, on_progress=self.backfill_progress)
        if script.directives.transaction:
            return self._run_in_transaction(migration, script, "up")
        return self._run_statement_by_statement(migration, script, "up", history)

    def _revert(self, migration: Migration, history: HistoryRow) -> MigrationOutcome:
        assert migration.down is not None
        self._notices(migration, migration.down)
        script = self._effective(migration, "down")
        mode = "in one transaction" if script.directives.transaction else "statement by statement"
        self.log.info(
            "migration",
            f"reverting {migration.label} {mode}",
            version=str(migration.version),
            path=str(script.path),
            statements=len(script.statements),
        )
        self._apply_lock_timeout(None)
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
        self,
        conn: psycopg.Connection[Any],
        migration: Migration,
        script: Script,
        index: int,
        direction: Direction = "up",
        attempt: int = 1,
    ) -> None:
        stmt = script.statements[index]
        if self.before_statement is not None:
            self.before_statement(migration, script, index, stmt)
        estimate = self.estimates.get((str(migration.version), stmt.line)) if direction == "up" else None
        self._set_current(
            CurrentStatement(
                str(migration.version), migration.label, direction, str(script.path), stmt.line, index,
                len(script.statements), stmt.sql, datetime.now(UTC), conn.info.backend_pid, attempt,
                estimate_ms=estimate,
            )
        )  # fmt: skip
        started = time.perf_counter()
        try:
            self.executor.execute(conn, stmt.sql)
        except psycopg.Error as exc:
            if self.after_statement is not None and not conn.broken:
                self.after_statement(
                    migration, script, index, stmt, conn, (time.perf_counter() - started) * 1000, exc
                )
            raise
        elapsed = (time.perf_counter() - started) * 1000
        self._statement_log.done(migration, script, index, elapsed)  # DDL and slow ones alone, data batched
        if self.after_statement is not None:
            self.after_statement(migration, script, index, stmt, conn, elapsed, None)

    def _fail(
        self,
        migration: Migration,
        script: Script,
        index: int,
        exc: psycopg.Error | LockRetriesExhausted,
        direction: Direction,
        started: float,
        ran: int,
    ) -> MigrationOutcome:
        self._set_current(None)
        if isinstance(exc, LockRetriesExhausted):
            stmt = script.statements[index]
            failure = StatementFailure(
                str(script.path), stmt.line, index, exc.sqlstate, scrub(exc.describe()), tuple(exc.holders)
            )
        else:
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

    # -- lock targets and retries ----------------------------------------------------------------

    def _lock_targets(self, script: Script) -> tuple[tuple[LockTarget, ...], ...]:
        """Per statement, the locks static analysis says it requests (empty when it cannot say)."""
        key = id(script)
        if key not in self._analysis:
            major = self._connection().info.server_version // 10000
            try:
                self._analysis[key] = script_lock_targets(script, major)  # once per statement shape
            except Exception as exc:  # analysis is advisory here: the guard's watch still protects
                self.log.warning("guard", f"{script.path.name}: no lock analysis ({exc}); not pre-checking")
                self._analysis[key] = tuple(() for _ in script.statements)
        return self._analysis[key]

    def _with_retries(
        self,
        migration: Migration,
        script: Script,
        index: int | None,
        attempt: Callable[[int], None],
        before_retry: Callable[[], None] | None = None,
    ) -> None:
        """Run `attempt(n)` under the retry policy; `index` None means the whole script (one transaction)."""
        per_statement = self._lock_targets(script)
        chosen = per_statement if index is None else (per_statement[index],)
        targets = self.executor.guard.resolve(t for ts in chosen for t in ts)
        if index is None:
            what = migration.label
            data: dict[str, Any] = {"version": str(migration.version), "path": str(script.path)}
        else:
            stmt = script.statements[index]
            what = f"{migration.label} statement {index + 1} ({script.path.name}:{stmt.line})"
            data = {"version": str(migration.version), "path": str(script.path), "line": stmt.line}
            data["index"] = index
        count = [0]

        def counted() -> None:
            count[0] += 1
            attempt(count[0])

        self.executor.with_retries(what, targets, counted, data=data, before_retry=before_retry)

    # -- leftovers of a killed run -------------------------------------------------------------------

    def _orphans(self, conn: psycopg.Connection[Any]) -> list[tuple[Any, ...]]:
        return conn.execute(
            "SELECT pid, state, coalesce(query, ''), backend_start FROM pg_catalog.pg_stat_activity"
            " WHERE datname = pg_catalog.current_database() AND application_name = %s"
            " AND pid <> pg_catalog.pg_backend_pid()",
            (self.application_name,),
        ).fetchall()

    def settle_orphans(self) -> None:
        """Deal with executor sessions a killed migwiz left running on the server.

        We hold the migration lock, so another executor session of this schema belongs to a dead run.
        Its statement stops by itself within about a second (client_connection_check_interval, 14+);
        older servers, or a statement that does not check, are waited for. When no `no-transaction`
        statement was cut off, the leftover can only be inside a migration transaction: terminating it
        rolls that back, so it is terminated after a short grace. A cut-off `no-transaction` statement
        is waited for up to `orphan_wait_ms` (its outcome decides how to resume), then migwiz stops.
        """
        conn = self._connection()
        orphans = self._orphans(conn)
        if not orphans:
            return
        pids = [int(r[0]) for r in orphans]
        self.log.warning(
            "orphan",
            f"a killed migwiz run left executor session(s) {', '.join(map(str, pids))} running: "
            f"{scrub(' '.join(str(orphans[0][2]).split())[:200])}",
            pids=pids,
        )
        cut_off = any(h.statement_running is not None for h in read_history(conn, self.schema))
        grace = time.monotonic() + min(3.0, self.policy.orphan_wait_ms / 1000)
        deadline = time.monotonic() + self.policy.orphan_wait_ms / 1000
        terminated = False
        while orphans:
            now = time.monotonic()
            if not cut_off and now >= grace and not terminated:
                conn.execute(
                    "SELECT pg_catalog.pg_terminate_backend(pid) FROM unnest(%s::int[]) pid", (pids,)
                )
                self.log.warning(
                    "orphan",
                    f"terminated leftover executor session(s) {', '.join(map(str, pids))}: their migration"
                    " transaction is rolled back",
                    pids=pids,
                )
                terminated = True
                deadline = max(deadline, now + 10)
            if now >= deadline:
                raise StateMismatch(
                    f"a statement of a killed migwiz run is still running on the server (pid {pids[0]});"
                    " nothing was run",
                    f"wait for it to finish, or stop it with SELECT pg_terminate_backend({pids[0]}), then"
                    " rerun (with --resolve if asked)",
                )
            time.sleep(0.05)
            orphans = self._orphans(conn)
        self.log.info("orphan", "the leftover executor session(s) ended", pids=pids)

    # -- CREATE / REINDEX ... CONCURRENTLY leftovers -----------------------------------------------------

    def _invalid_indexes(self, conn: psycopg.Connection[Any]) -> dict[int, str]:
        rows = conn.execute(
            "SELECT i.indexrelid::bigint, pg_catalog.format('%I.%I', n.nspname, c.relname)"
            " FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid"
            " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            " WHERE NOT i.indisvalid AND c.relkind = 'i'"
            " AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')"
        ).fetchall()
        return {int(r[0]): str(r[1]) for r in rows}

    def _drop_new_invalid(
        self,
        conn: psycopg.Connection[Any],
        before: dict[int, str],
        migration: Migration,
        why: str,
        *,
        strict: bool = False,
    ) -> list[str]:
        """Drop (concurrently) the invalid indexes that were not there before: a failed build left them.

        `strict`: a failed drop raises (a lock timeout is then retried like the statement itself).
        """
        dropped: list[str] = []
        for oid, name in self._invalid_indexes(conn).items():
            if oid in before:
                continue
            row = conn.execute(
                "SELECT n.nspname, c.relname FROM pg_catalog.pg_class c"
                " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = %s",
                (oid,),
            ).fetchone()
            if row is None:
                continue
            try:
                conn.execute(
                    sql.SQL("DROP INDEX CONCURRENTLY IF EXISTS {}.{}").format(
                        sql.Identifier(row[0]), sql.Identifier(row[1])
                    )
                )
            except psycopg.Error as exc:
                if conn.broken or strict:
                    raise
                self.log.error(
                    "index",
                    f"{migration.label}: could not drop the invalid index {name}: {scrub(str(exc).strip())}",
                    version=str(migration.version),
                    index_name=name,
                )
                continue
            dropped.append(name)
            self.log.warning(
                "index",
                f"{migration.label}: dropped the invalid index {name} left by {why}",
                version=str(migration.version),
                index_name=name,
            )
        return dropped

    def _built_index(
        self, conn: psycopg.Connection[Any], stmt: Statement
    ) -> tuple[int, bool] | Literal[False] | None:
        """For `CREATE INDEX CONCURRENTLY <name>`: (oid, valid) of that index, None when it does not exist;
        False when the statement is something else (or names no index)."""
        try:
            node = pglast.parse_sql(stmt.sql)[0].stmt
        except Exception:
            return False
        if not isinstance(node, pglast.ast.IndexStmt) or not node.concurrent or not node.idxname:
            return False
        relation = node.relation
        if relation is None:
            return False
        table = ".".join(
            sql.Identifier(p).as_string(conn) for p in (relation.schemaname, relation.relname) if p
        )
        try:
            row = conn.execute(
                "SELECT c.oid::bigint, i.indisvalid FROM pg_catalog.pg_class c"
                " JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid"
                " WHERE c.relname = %s AND c.relnamespace = (SELECT t.relnamespace"
                " FROM pg_catalog.pg_class t WHERE t.oid = pg_catalog.to_regclass(%s))",
                (node.idxname, table),
            ).fetchone()
        except psycopg.errors.DataError:
            return False
        return (int(row[0]), bool(row[1])) if row else None

    def _auto_resolve(self, conn: psycopg.Connection[Any], stmt: Statement) -> Resolve | None:
        """Whether a cut-off `CREATE INDEX CONCURRENTLY <name>` ran, read from the index itself.

        A valid index: it ran. An invalid one (dropped before the statement runs again) or none: it did
        not. Other statements cannot be told apart: None (the operator says, with --resolve).
        """
        built = self._built_index(conn, stmt)
        if built is False:
            return None
        return "ran" if built is not None and built[1] else "not-ran"

    # -- the two ways to run a script ----------------------------------------------------------------

    def _run_in_transaction(
        self, migration: Migration, script: Script, direction: Direction
    ) -> MigrationOutcome:
        """The whole script and its history row in one transaction.

        A lock conflict (lock_timeout, a guard cancel, a deadlock) aborts the transaction, so everything
        before it was rolled back too: the unit of retry is the whole transaction, from statement 1.
        """
        conn = self._connection()
        started = time.perf_counter()
        position = [0]

        def attempt(number: int) -> None:
            position[0] = 0
            with conn.transaction():
                self._set_timeouts(conn, script, local=True)
                run_statements(self, conn, migration, script, direction, number, position)  # batches.py
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

        try:
            self._with_retries(migration, script, None, attempt)
        except LockRetriesExhausted as exc:
            return self._fail(migration, script, position[0], exc, direction, started, position[0])
        except psycopg.Error as exc:
            if conn.closed or conn.broken:
                raise
            return self._fail(migration, script, position[0], exc, direction, started, position[0])
        self._set_current(None)
        elapsed = (time.perf_counter() - started) * 1000
        verb: Literal["applied", "reverted"] = "applied" if direction == "up" else "reverted"
        self.log.info(
            "migration",
            f"{migration.label} {verb} in {humanize.duration(elapsed / 1000)}",
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
        script = migration.down if direction == "down" else migration.up
        resolve: Resolve | None = self.policy.resolve
        how = "by the operator"
        if resolve is None and script is not None and running < len(script.statements):
            resolve = self._auto_resolve(self._connection(), script.statements[running])
            how = "from the state of its index"
        if resolve is None:
            raise StateMismatch(
                f"{migration.label}: statement {running + 1} was running when migwiz stopped and may or may "
                "not have completed; nothing was run",
                "check the database, then rerun with --resolve=ran or --resolve=not-ran",
            )
        self.log.warning(
            "resolve",
            f"{migration.label}: statement {running + 1} marked as {resolve} {how}",
            version=str(migration.version),
            statement=running + 1,
            resolve=resolve,
        )
        return running + 1 if resolve == "ran" else running

    def _run_statement_by_statement(
        self, migration: Migration, script: Script, direction: Direction, history: HistoryRow | None
    ) -> MigrationOutcome:
        """One statement at a time, each recorded as running, then done, in the history row.

        Each statement is retried on its own on lock conflicts. A failed or cancelled CREATE/REINDEX
        ... CONCURRENTLY leaves an INVALID index: it is dropped (concurrently) before a retry or after
        the failure, and the migration is never recorded as applied while an index it built is invalid.
        """
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
        invalid_before = self._invalid_indexes(conn)
        try:
            for index in range(start_at, len(script.statements)):
                self._checkpoint(conn, index)
                conn.execute(
                    sql.SQL("UPDATE {} SET statement_running = %s WHERE version = %s").format(history_table),
                    (index, version),
                )
                try:
                    self._run_one(conn, migration, script, index, direction)
                except (psycopg.Error, LockRetriesExhausted) as exc:
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
            invalid = self._invalid_left(conn, script, invalid_before)
            if invalid:
                message = (
                    f"index {', '.join(invalid)} is INVALID after the migration; not recorded as {direction}"
                )
                self.log.error("index", f"{migration.label}: {message}", version=version, indexes=invalid)
                self._set_current(None)
                last = len(script.statements) - 1
                failure = StatementFailure(
                    str(script.path), script.statements[last].line, last, None, message
                )
                return MigrationOutcome(
                    migration.version, migration.name, direction, "failed",
                    (time.perf_counter() - started) * 1000, len(script.statements) - start_at, failure,
                )  # fmt: skip
        finally:
            if not (conn.closed or conn.broken):
                limit_bookkeeping(conn)  # back to the session's bookkeeping lock_timeout, not the server's
                conn.execute("RESET statement_timeout")
        self._set_current(None)
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
            f"{migration.label} {verb} in {humanize.duration(elapsed / 1000)}",
            version=version,
            direction=direction,
            duration_ms=round(elapsed, 2),
        )
        return MigrationOutcome(
            migration.version, migration.name, direction, verb, elapsed, len(script.statements) - start_at
        )

    def _run_one(
        self,
        conn: psycopg.Connection[Any],
        migration: Migration,
        script: Script,
        index: int,
        direction: Direction,
    ) -> None:
        """One no-transaction statement with retries.

        Around CREATE/REINDEX ... CONCURRENTLY: every attempt first drops (concurrently) the INVALID
        indexes an earlier attempt left, or the invalid index of the same name a killed run left; a final
        failure drops them too (best effort: a lock conflict then leaves it for the next run).
        """
        stmt = script.statements[index]
        concurrent = bool(_CONCURRENT_INDEX.search(stmt.sql))
        before = self._invalid_indexes(conn) if concurrent else {}
        built = self._built_index(conn, stmt) if concurrent else False
        if built and not built[1]:
            before.pop(built[0], None)  # our own leftover: drop it before building again
        for leftover in leftovers_of(conn, stmt.sql) if concurrent else {}:
            before.pop(leftover, None)  # REINDEX's _ccnew/_ccold, an unnamed build's: drop them too
        where = f"statement {index + 1} ({script.path.name}:{stmt.line})"

        def attempt(number: int) -> None:
            if concurrent:
                why = f"an earlier attempt at {where}" if number > 1 else f"an interrupted run of {where}"
                self._drop_new_invalid(conn, before, migration, why, strict=True)
            self._execute(conn, migration, script, index, direction, number)

        try:
            self._with_retries(migration, script, index, attempt)
        except (psycopg.Error, LockRetriesExhausted):
            if concurrent and not (conn.closed or conn.broken):
                self._drop_new_invalid(conn, before, migration, f"the failed {where}")
            raise

    def _invalid_left(
        self, conn: psycopg.Connection[Any], script: Script, before: dict[int, str]
    ) -> list[str]:
        """Invalid indexes this script is responsible for: new ones, or ones its text names."""
        text = " ".join(s.sql for s in script.statements).lower()
        out: list[str] = []
        for oid, name in self._invalid_indexes(conn).items():
            bare = name.rsplit(".", 1)[-1].strip('"').lower()
            if oid not in before or re.search(rf"(?<![\w$]){re.escape(bare)}(?![\w$])", text):
                out.append(name)
        return sorted(out)


def history_reverting(history: HistoryRow | None) -> bool:
    """Whether the history row records a down script that was cut off part-way."""
    return history is not None and history.reverting and not history.success
