"""What every part of a run shares: its connection, executor, policy, control, events and history rows.

`RunContext` is the runner's state without the runner's logic: selection (selection.py), the statement
loop (statements.py, scripts.py), crash recovery (recovery.py), backfill and phases all work on it. The
backfill and the phase guard only see the narrow `RunPort` protocol (ports.py) it satisfies.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import psycopg
from psycopg import sql

from migwiz.engine.analysis.statement_locks import script_lock_targets
from migwiz.engine.errors import one_line
from migwiz.engine.history.state import DEFAULT_SCHEMA, ensure_state, read_history
from migwiz.engine.history.status import MigrationStatus, compute_status
from migwiz.engine.log.eventlog import EventLog
from migwiz.engine.run.control import RunControl, RunStopped
from migwiz.engine.run.current import CurrentStatement
from migwiz.engine.run.events import RunEvent, RunEvents, StatementStarted
from migwiz.engine.run.executor import Executor
from migwiz.engine.run.guard import LockTarget
from migwiz.engine.run.heartbeat import Heartbeat
from migwiz.engine.run.history_rows import HistoryRows
from migwiz.engine.run.lock_watch import LockWatch
from migwiz.engine.run.log_writer import write_log
from migwiz.engine.run.notes import LockAnalysisMissing, LockTimeoutChanged, RunPaused, RunResumed
from migwiz.engine.run.policy import Direction, ExecutionPolicy
from migwiz.engine.run.session_limits import limit_executor
from migwiz.engine.run.session_state import bookkeeping
from migwiz.engine.servers.connect import connect, uncut
from migwiz.engine.sets.model import Migration, MigrationSet, Script
from migwiz.engine.sets.transactions import TransactionPlan, plan_transaction

_CHECK_CLIENT_MS = 1000


class RunContext:
    """The state of one run of one set against one database (its migwiz schema holds the history)."""

    def __init__(
        self,
        dsn: str,
        mset: MigrationSet,
        *,
        log: EventLog,
        schema: str = DEFAULT_SCHEMA,
        policy: ExecutionPolicy | None = None,
        control: RunControl | None = None,
        events: RunEvents | None = None,
    ) -> None:
        self.dsn = dsn
        self.mset = mset
        self.log = log
        """The run's central log: written from the events, by the log writer (log_writer.py)."""
        self.schema = schema
        self.policy = policy or ExecutionPolicy()
        self.trace_statements = False
        """Run every statement alone, never in batches: the dry run traces each one (on the events'
        thread, with the executor connection, between `StatementStarted` and `StatementFinished`)."""
        self.events = events or RunEvents()
        """The run's typed event stream (events.py): every observer reads this, the central log first."""
        self.log_writer = write_log(self.events, log)
        self.history = HistoryRows(schema, log)
        self.conn: psycopg.Connection[Any] | None = None
        self._executor: Executor | None = None
        self._heartbeat: Heartbeat | None = None
        self.position = (0, 0)
        """(1-based number of the migration running now, migrations in this run)."""
        self.edited_logged = False  # `--allow-edited` is logged once per run, however often it plans
        self._analysis: dict[int, tuple[tuple[LockTarget, ...], ...]] = {}
        self._transactions: dict[int, TransactionPlan] = {}
        self._control: RunControl | None = None
        self._control_lock_timeout: int | None = None
        self.control = control
        self.lock_watch: LockWatch | None = None
        """Watches the migration lock `migrate` took (None: no lock, e.g. a dry run on a shadow)."""
        self.estimates: Mapping[tuple[str, int], float] = {}
        """Expected milliseconds per (version, line) of up statements, from `plan` (shown beside elapsed)."""

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
    def run_id(self) -> str:
        """The run's id in the central log."""
        return self.log.run_id

    @property
    def application_name(self) -> str:
        """The executor's application_name: a leftover session of a killed run is found by it."""
        return f"migwiz executor {self.schema}"[:63]

    def connection(self) -> psycopg.Connection[Any]:
        """The executor connection (autocommit; opened, limited and the state ensured on first use)."""
        if self.conn is None or self.conn.closed:
            if self._heartbeat is None:
                uncut(self.dsn)  # a new run
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
            if self._heartbeat is None:  # a path that stops answering ends every wait within seconds
                self._heartbeat = Heartbeat(self.dsn)
        return self.conn

    @property
    def executor(self) -> Executor:
        """Statement execution policy and the lock-queue guard (its own connection, opened lazily)."""
        if self._executor is None:
            self._executor = Executor(
                self.dsn,
                retry=self.policy.retry,
                guard=self.policy.guard,
                ours=lambda: {pid} if (pid := self.backend_pid) else set(),
                emit=self.events.emit,
                stopping=self.stop_reason,
            )
        self._executor.retry = self.policy.retry
        self._executor.guard.policy = self.policy.guard
        return self._executor

    @property
    def backend_pid(self) -> int | None:
        """The executor connection's server pid (for the monitor: 'ours')."""
        return self.conn.info.backend_pid if self.conn is not None and not self.conn.closed else None

    def start_statement(self, current: CurrentStatement) -> CurrentStatement:
        """`current` starts now: published as `StatementStarted` (with its migration's place in the run)."""
        number, count = self.position
        current = replace(current, migration_number=number, migrations=count)
        self.events.emit(StatementStarted(current))
        return current

    def emit(self, event: RunEvent) -> None:
        """Publish an event on the run's stream."""
        self.events.emit(event)

    def close(self) -> None:
        """Close the executor and guard connections."""
        if self._executor is not None:
            self._executor.close()
            self._executor = None
        if self.conn is not None:
            self.conn.close()
        if self._heartbeat is not None:
            self._heartbeat.close()
            self._heartbeat = None

    def statuses(self) -> list[MigrationStatus]:
        """The current status of every migration."""
        conn = self.connection()
        with bookkeeping(conn):  # whatever role and search_path the last migration set
            return compute_status(self.mset, read_history(conn, self.schema))

    # -- how scripts run -------------------------------------------------------------------------

    def transaction_plan(self, script: Script) -> TransactionPlan:
        """How `script` runs on this server (see sets.transactions); MigrationFileError when it
        holds transaction control or a mix of statements migwiz cannot run safely."""
        key = id(script)
        if key not in self._transactions:
            major = self.connection().info.server_version // 10000
            self._transactions[key] = plan_transaction(script, major)
        return self._transactions[key]

    def effective(self, migration: Migration, direction: Direction) -> Script:
        """The script that runs for `direction`, as its transaction plan says."""
        script = migration.up if direction == "up" else migration.down
        assert script is not None
        return script if script.directives.backfill else self.transaction_plan(script).script

    def lock_targets(self, script: Script) -> tuple[tuple[LockTarget, ...], ...]:
        """Per statement, the locks static analysis says it requests (empty when it cannot say)."""
        key = id(script)
        if key not in self._analysis:
            major = self.connection().info.server_version // 10000
            try:
                self._analysis[key] = script_lock_targets(script, major)  # once per statement shape
            except Exception as exc:  # analysis is advisory here: the guard's watch still protects
                self.emit(LockAnalysisMissing(script.path.name, one_line(exc)))
                self._analysis[key] = tuple(() for _ in script.statements)
        return self._analysis[key]

    def set_timeouts(self, conn: psycopg.Connection[Any], script: Script, local: bool) -> None:
        """lock_timeout and statement_timeout for `script` (SET LOCAL inside its transaction)."""
        scope = sql.SQL("SET LOCAL" if local else "SET")
        lock_ms = self.policy.lock_timeout_for(script)
        conn.execute(sql.SQL("{} lock_timeout = {}").format(scope, sql.Literal(f"{lock_ms}ms")))
        stmt_ms = self.policy.statement_timeout_for(script)
        value = f"{stmt_ms}ms" if stmt_ms is not None else "0"
        if stmt_ms is not None or not local:
            conn.execute(sql.SQL("{} statement_timeout = {}").format(scope, sql.Literal(value)))

    # -- run control -----------------------------------------------------------------------------

    def safe_point(self, where: str) -> str | None:
        """At a safe point outside any transaction (`where`: before the next migration, between two
        backfill batches): wait while the run is paused, then say why it is to stop (None: go on)."""
        if (lost := self.lock_lost()) is not None:
            return lost
        control = self._control
        if control is not None and control.paused:
            self.emit(RunPaused(where))
            control.wait_while_paused()
            self.emit(RunResumed())
        control = self._control
        if control is None or not control.stop_requested:
            return None
        return control.stop_reason or "a stop was requested"

    def lock_lost(self, *, now: bool = False) -> str | None:
        """Why the run must stop because its migration lock's session is gone (lock_watch.py), else None."""
        return self.lock_watch.check(now=now) if self.lock_watch is not None else None

    def stop_reason(self) -> str | None:
        """Why the run is to stop, as soon as a stop is asked for (None: go on)."""
        if (lost := self.lock_lost()) is not None:
            return lost
        control = self._control
        if control is None or not control.stop_requested:
            return None
        return control.stop_reason or "a stop was requested"

    def apply_lock_timeout(self, conn: psycopg.Connection[Any] | None) -> None:
        """Take the operator's lock_timeout from the control into the policy (and `conn`, mid-migration)."""
        control = self._control
        ms = control.lock_timeout_ms if control is not None else None
        if ms is None or ms == self._control_lock_timeout:
            return
        self._control_lock_timeout = ms
        self.policy = replace(self.policy, lock_timeout_ms=ms, lock_timeout_forced=True)
        self.emit(LockTimeoutChanged(ms))
        if conn is not None:
            idle = conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
            scope = sql.SQL("SET" if idle else "SET LOCAL")
            conn.execute(sql.SQL("{} lock_timeout = {}").format(scope, sql.Literal(f"{ms}ms")))

    def checkpoint(self, conn: psycopg.Connection[Any], index: int) -> None:
        """Before statement `index`: a stop after the statement raises `RunStopped`; a changed
        lock_timeout applies to this statement on. A lost migration lock stops the run here too."""
        if (lost := self.lock_lost()) is not None:
            raise RunStopped(lost, index)
        control = self._control
        if control is None:
            return
        if control.paused and conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE:
            self.emit(RunPaused("before the next statement"))
            control.wait_while_paused()
        if control.stop_after == "statement":
            raise RunStopped(control.stop_reason or "a stop was requested", index)
        self.apply_lock_timeout(conn)
