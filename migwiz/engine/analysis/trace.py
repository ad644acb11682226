"""Ground truth by measurement: run statements on a real server and record the locks they take.

Transactional statements run in one transaction (or, with `in_transaction=False`, one transaction each)
on a tracing connection. After every statement the tracer reads `pg_locks` for its own backend and
compares the `relfilenode` of every user relation with the value before the statement: a new file means
the table was rewritten or the index rebuilt. With `in_transaction=True` everything is rolled back.

Statements that PostgreSQL refuses inside a transaction block (CREATE INDEX CONCURRENTLY, VACUUM, ...;
only with `in_transaction=False`, as in a real run) execute in autocommit and are watched from a second
connection. They finish in a few milliseconds on small tables, too fast to sample, so the tracer makes
them wait at the points that matter and looks while they wait:

1. Gates. Before the statement starts, one extra connection per relation it may touch (the relations
   its text names, their partition tree and indexes) holds ACCESS EXCLUSIVE on it through a no-op
   `ALTER TABLE ... OWNER TO <current owner>`. The statement queues on the first gated relation it
   needs; the observer sees the waiting request in `pg_locks`, records it and every lock the statement
   holds, and releases that gate. Released gates re-arm (2 ms lock_timeout) whenever the statement holds
   nothing on their relation, so a relation locked again in a later internal transaction is caught
   again. When the statement waits for the transactions of our gates (WaitForLockers) the gate is
   released the same way. Gates need ownership (a scratch copy made with `--no-owner` gives that).
2. End-of-command pause (superuser). A lock upgraded while the relation is already held cannot be
   gated (DETACH CONCURRENTLY's ACCESS EXCLUSIVE on the partition, DROP INDEX CONCURRENTLY's on the
   index). Event triggers on ddl_command_end and sql_drop, installed for the duration of the statement,
   make it wait on an advisory lock the observer holds just before its last transaction commits.
3. Row gates (superuser). A KEY SHARE lock on the pg_index row of each gated index makes a statement
   that deletes the index wait right after taking its deletion lock (REINDEX CONCURRENTLY dropping the
   old index, which fires no event trigger before PostgreSQL 17).

Between those stops the observer polls continuously (locks on new relations are seen that way). Without
ownership and superuser only polling remains, and a lock held for less than a sampling interval can be
missed.
"""

from __future__ import annotations

import re
import secrets
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.rows import TupleRow

from migwiz.engine import queries
from migwiz.engine.analysis.lock_reading import KINDS as KINDS
from migwiz.engine.analysis.lock_reading import (
    Held,
    Namer,
    Relation,
    Snapshot,
    diff_files,
    read_locks,
    snapshot,
    trace_query,
)
from migwiz.engine.analysis.lock_reading import TracedLock as TracedLock
from migwiz.engine.analysis.lockmodes import LOCK_MODES as LOCK_MODES
from migwiz.engine.errors import one_line
from migwiz.engine.servers.extensions import with_source
from migwiz.engine.sets.model import Statement
from migwiz.engine.shadow.scratch import connect, copy_schema, scratch_database

_GATEABLE = frozenset("rpimvS")
_MAX_GATES = 64
_GATE_LOCK_TIMEOUT = "2ms"
_POLL_S = 0.0002
_IDENT = re.compile(r'"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_$]*)')


@dataclass(frozen=True)
class TracedStatement:
    """What one statement did on the server."""

    statement: Statement
    locks: tuple[TracedLock, ...]
    """Everything the transaction holds once the statement has run (accumulated)."""
    own_locks: tuple[TracedLock, ...]
    """The locks this statement acquired that the transaction did not hold before."""
    rewrites: tuple[str, ...]
    """Tables and materialized views given a new data file (rewritten, or truncated)."""
    index_rebuilds: tuple[str, ...]
    """Indexes given a new file (rebuilt)."""
    duration_ms: float
    error: str | None
    sqlstate: str | None
    method: str = "transaction"
    """`transaction` (read from our own backend), `observed` (autocommit, second connection), `skipped`."""
    error_at: tuple[int, int] | None = None
    """File line and column PostgreSQL's error position points at (a syntax error), when it gave one."""

    @property
    def where(self) -> str:
        """`line:column` of the error when PostgreSQL gave its position, else the statement's line."""
        return f"{self.error_at[0]}:{self.error_at[1]}" if self.error_at else str(self.statement.line)


@dataclass(frozen=True)
class TraceResult:
    """The trace of a batch of statements, one entry per statement, in order."""

    statements: tuple[TracedStatement, ...]
    server_version: int
    """`server_version_num`, e.g. 160004."""


def strongest_modes(locks: Iterable[TracedLock]) -> dict[str, str]:
    """The strongest mode per relation (PostgreSQL's lock numbering).

    >>> share, row_share = (TracedLock("public.t", m, False) for m in ("ShareLock", "RowShareLock"))
    >>> strongest_modes([share, row_share])
    {'public.t': 'ShareLock'}
    """
    best: dict[str, str] = {}
    for lock in locks:
        current = best.get(lock.relation)
        if current is None or LOCK_MODES.index(lock.mode) > LOCK_MODES.index(current):
            best[lock.relation] = lock.mode
    return best


def _error_parts(exc: psycopg.Error) -> tuple[str, str | None]:
    return with_source(exc.diag.message_primary or one_line(exc)), exc.sqlstate


def _error_at(statement: Statement, exc: psycopg.Error) -> tuple[int, int] | None:
    line, column = statement.locate(exc.diag.statement_position)
    return (line, column) if column is not None else None


def _skipped(statement: Statement, reason: str) -> TracedStatement:
    return TracedStatement(statement, (), (), (), (), 0.0, reason, None, "skipped")


def trace_statements(
    dsn: str,
    statements: Sequence[Statement],
    *,
    in_transaction: bool = True,
    setup_sql: str | None = None,
    timeout_s: float = 60.0,
) -> TraceResult:
    """Run `statements` on the database of `dsn` and record, per statement, locks, rewrites, time, error.

    `in_transaction=True` (a migration running in one transaction): one transaction, locks accumulate,
    rolled back at the end; a statement PostgreSQL refuses in a transaction block fails as it would for
    real (SQLSTATE 25001). `in_transaction=False`: every statement commits on its own and those that
    cannot run in a transaction block are observed from a second connection (see the module docstring):
    use a scratch database. After a failed statement the rest are reported as skipped.
    `setup_sql` runs and commits first (fixtures on a scratch database). `timeout_s` bounds each
    statement's wait for locks held by other sessions.
    """
    if setup_sql:
        with connect(dsn) as conn:
            conn.execute(setup_sql.encode())
    with connect(dsn, autocommit=False) as conn, connect(dsn) as observer:
        conn.execute(sql.SQL("SET lock_timeout = {}").format(sql.Literal(f"{int(timeout_s * 1000)}ms")))
        conn.commit()
        tracer = _Tracer(dsn, conn, observer, timeout_s)
        traced = tracer.run(statements, in_transaction=in_transaction)
        return TraceResult(traced, conn.info.server_version)


def trace_on_scratch(
    target_dsn: str,
    statements: Sequence[Statement],
    *,
    in_transaction: bool = True,
    setup_sql: str | None = None,
    pg_dump: Path | None = None,
    timeout_s: float = 60.0,
) -> TraceResult:
    """Trace on a scratch database holding a copy of the target's schema (no data), dropped afterwards."""
    with scratch_database(target_dsn, prefix="migwiz_trace") as dsn:
        copy_schema(target_dsn, dsn, pg_dump=pg_dump)
        _same_search_path(target_dsn, dsn)
        return trace_statements(
            dsn, statements, in_transaction=in_transaction, setup_sql=setup_sql, timeout_s=timeout_s
        )


def _same_search_path(target_dsn: str, scratch_dsn: str) -> None:
    """Give the scratch database the search_path the target's sessions get (set on the target's database
    or role), so that unqualified names land where they would on the target."""
    with connect(target_dsn) as conn:
        row = conn.execute("SELECT pg_catalog.current_setting('search_path')").fetchone()
    with connect(scratch_dsn) as conn:
        conn.execute("SELECT pg_catalog.set_config('search_path', %s, false)", (str(row[0]) if row else "",))
        name = conn.execute("SELECT pg_catalog.current_database()").fetchone()
        if name:
            conn.execute(
                sql.SQL("ALTER DATABASE {} SET search_path FROM CURRENT").format(sql.Identifier(name[0]))
            )


class _Tracer:
    def __init__(
        self,
        dsn: str,
        conn: psycopg.Connection[TupleRow],
        observer: psycopg.Connection[TupleRow],
        timeout_s: float,
    ) -> None:
        self.dsn = dsn
        self.conn = conn
        self.observer = observer
        self.timeout_s = timeout_s
        self.pid = conn.info.backend_pid

    def run(self, statements: Sequence[Statement], *, in_transaction: bool) -> tuple[TracedStatement, ...]:
        before = snapshot(self.conn)
        namer = Namer(before)
        held: Held = frozenset()
        out: list[TracedStatement] = []
        try:
            for index, statement in enumerate(statements):
                if out and out[-1].error is not None:
                    reason = (
                        f"not run: statement {index} failed" if out[-1].method != "skipped" else out[-1].error
                    )
                    out.append(_skipped(statement, reason))
                    continue
                if not in_transaction:
                    self.conn.commit()
                    held = frozenset()
                traced, before, held = self._in_transaction(statement, before, held, namer)
                if not in_transaction and traced.sqlstate == "25001":
                    self.conn.rollback()
                    traced, before = self._observed(statement, namer)
                out.append(traced)
        finally:
            self.conn.rollback()
        return tuple(out)

    def _in_transaction(
        self, statement: Statement, before: Snapshot, held_before: Held, namer: Namer
    ) -> tuple[TracedStatement, Snapshot, Held]:
        start = time.perf_counter()
        try:
            self.conn.execute(statement.sql.encode())
        except psycopg.Error as exc:
            duration = (time.perf_counter() - start) * 1000
            message, sqlstate = _error_parts(exc)
            held = read_locks(self.observer, self.pid)  # our transaction is aborted: ask from outside
            locks = namer.locks(held, before)
            own = namer.locks(held - held_before, before)
            at = _error_at(statement, exc)
            traced = TracedStatement(statement, locks, own, (), (), duration, message, sqlstate, error_at=at)
            return traced, before, held
        duration = (time.perf_counter() - start) * 1000
        after = snapshot(self.conn)
        held = read_locks(self.conn, self.pid)
        rewrites, rebuilds = diff_files(before, after)
        traced = TracedStatement(
            statement,
            namer.locks(held, after, before),
            namer.locks(held - held_before, after, before),
            rewrites,
            rebuilds,
            duration,
            None,
            None,
        )
        namer.learn(after)
        return traced, after, held

    def _observed(self, statement: Statement, namer: Namer) -> tuple[TracedStatement, Snapshot]:
        before = snapshot(self.conn)
        self.conn.rollback()  # no open snapshot of ours for the statement to wait for
        gates = _open_gates(self.dsn, self.observer, statement.sql, before)
        pause = _Pause(self.observer)
        try:
            with connect(self.dsn) as runner:
                if pause.install():
                    runner.execute("SET migwiz.trace_pause = 'on'")
                run = _Run(runner, statement)
                seen = _step(run, self.observer, gates, pause, self.timeout_s)
        finally:
            pause.uninstall()
            for gate in gates:
                gate.close()
        after = snapshot(self.conn)
        self.conn.rollback()
        rewrites, rebuilds = diff_files(before, after)
        locks = namer.locks(seen, after, before)
        namer.learn(after)
        traced = TracedStatement(
            statement,
            locks,
            locks,
            rewrites,
            rebuilds,
            run.duration_ms,
            run.error,
            run.sqlstate,
            "observed",
            run.error_at,
        )
        return traced, after


class _Run:
    """The observed statement, executing in a thread on its own autocommit connection."""

    def __init__(self, conn: psycopg.Connection[TupleRow], statement: Statement) -> None:
        self.conn = conn
        self.pid = conn.info.backend_pid
        self.statement = statement
        self.text = statement.sql
        self.duration_ms = 0.0
        self.error: str | None = None
        self.sqlstate: str | None = None
        self.error_at: tuple[int, int] | None = None
        self.thread = threading.Thread(target=self._execute, name="migwiz-trace-run", daemon=True)

    def _execute(self) -> None:
        start = time.perf_counter()
        try:
            self.conn.execute(self.text.encode())
        except psycopg.Error as exc:
            self.error, self.sqlstate = _error_parts(exc)
            self.error_at = _error_at(self.statement, exc)
        self.duration_ms = (time.perf_counter() - start) * 1000


class _Gate:
    """A connection holding ACCESS EXCLUSIVE on one relation through a no-op OWNER TO its owner, or
    (`row=True`, indexes, superuser) a KEY SHARE row lock on the index's pg_index row: deleting the index
    then waits for us after its deletion lock is taken (REINDEX CONCURRENTLY's final ACCESS EXCLUSIVE)."""

    def __init__(self, dsn: str, rel: Relation, *, row: bool = False) -> None:
        self.conn = connect(dsn, autocommit=False)
        self.conn.execute(sql.SQL("SET lock_timeout = {}").format(sql.Literal(_GATE_LOCK_TIMEOUT)))
        self.conn.commit()
        self.pid = self.conn.info.backend_pid
        self.watch = None if row else rel.oid
        """Re-arm only while the statement holds no lock on this relation (None: always try)."""
        self.armed = False
        self.dead = False
        self.row = row
        if row:
            self.statement = queries.load_sql("trace_gate_index").format(oid=sql.Literal(rel.oid))
        else:
            self.statement = sql.SQL("ALTER TABLE {}.{} OWNER TO {}").format(
                sql.Identifier(rel.schema), sql.Identifier(rel.name), sql.Identifier(rel.owner)
            )

    def try_arm(self) -> bool:
        try:
            cursor = self.conn.execute(self.statement)
            if self.row and cursor.fetchone() is None:  # the index is gone
                self.conn.rollback()
                self.dead = True
                return False
            self.armed = True
        except psycopg.errors.LockNotAvailable:
            self.conn.rollback()
        except psycopg.Error:  # not the owner, or the statement dropped the relation
            self.conn.rollback()
            self.dead = True
        return self.armed

    def release(self) -> None:
        self.conn.rollback()
        self.armed = False

    def close(self) -> None:
        try:
            self.conn.rollback()
        finally:
            self.conn.close()


class _Pause:
    """Event triggers making an observed DDL statement wait, at its end, for the observer's advisory lock."""

    def __init__(self, observer: psycopg.Connection[TupleRow]) -> None:
        self.observer = observer
        self.key = secrets.randbits(62)
        self.schema = f"migwiz_trace_{secrets.token_hex(6)}"
        self.installed = False
        self.held = False

    def install(self) -> bool:
        """Create the triggers and take the advisory lock; False when the role may not (not a superuser)."""
        text = trace_query("pause").decode()
        statement = sql.SQL(text).format(
            schema=sql.Identifier(self.schema),
            key=sql.Literal(self.key),
            on_end=sql.Identifier(f"{self.schema}_end"),
            on_drop=sql.Identifier(f"{self.schema}_drop"),
        )
        try:
            self.observer.execute(statement)
        except psycopg.errors.InsufficientPrivilege:
            return False
        self.installed = True
        self.observer.execute("SELECT pg_catalog.pg_advisory_lock(%s)", (self.key,))
        self.held = True
        return True

    def release(self) -> None:
        self.observer.execute("SELECT pg_catalog.pg_advisory_unlock(%s)", (self.key,))
        self.held = False

    def uninstall(self) -> None:
        if self.held:
            self.release()
        if self.installed:
            self.observer.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(self.schema)))
            self.installed = False


def _named_relations(text: str, snapshot: Snapshot) -> list[int]:
    """Oids of the relations whose name appears as an identifier in `text` (quoted or folded)."""
    names = {quoted.replace('""', '"') if quoted else plain.lower() for quoted, plain in _IDENT.findall(text)}
    return [oid for oid, rel in snapshot.items() if rel.name in names]


def _open_gates(
    dsn: str, observer: psycopg.Connection[TupleRow], text: str, snapshot: Snapshot
) -> list[_Gate]:
    seeds = _named_relations(text, snapshot)
    if not seeds:
        return []
    rows = observer.execute(trace_query("related"), {"oids": seeds}).fetchall()
    related = [int(r[0]) for r in rows]
    ordered = list(dict.fromkeys([*seeds, *related]))
    gates: list[_Gate] = []
    for oid in ordered:
        rel = snapshot.get(oid)
        if rel is None or rel.kind not in _GATEABLE or len(gates) >= _MAX_GATES:
            continue
        kinds = [False, True] if rel.kind == "i" else [False]
        for row in kinds:
            gate = _Gate(dsn, rel, row=row)
            if gate.try_arm():
                gates.append(gate)
            else:
                gate.close()
    return gates


def _step(
    run: _Run, observer: psycopg.Connection[TupleRow], gates: list[_Gate], pause: _Pause, timeout_s: float
) -> set[tuple[int, str]]:
    """Let the statement run, releasing the gate it waits on each time; every lock seen on the way."""
    seen: set[tuple[int, str]] = set()
    deadline = time.monotonic() + timeout_s
    cancelled = False
    run.thread.start()
    while run.thread.is_alive():
        row = observer.execute(trace_query("blockers"), {"pid": run.pid}).fetchone()
        blockers = set(row[0]) if row and isinstance(row[0], list) else set()
        sample = read_locks(observer, run.pid, waiting=True)
        seen |= sample
        held = {oid for oid, _ in sample}
        for gate in gates:  # re-arm only where the statement holds nothing: sampling stays tight
            if not gate.armed and not gate.dead and gate.watch not in held:
                gate.try_arm()
        blocking = [gate for gate in gates if gate.armed and gate.pid in blockers]
        for gate in blocking:
            gate.release()
        paused = pause.held and observer.info.backend_pid in blockers
        if paused:
            pause.release()
        if not blocking and not paused:
            run.thread.join(_POLL_S)
        if not cancelled and time.monotonic() > deadline:
            run.conn.cancel_safe()
            cancelled = True
    run.thread.join()
    return seen
