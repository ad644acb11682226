"""The two ways to run a script: in one transaction with its history row, or statement by statement.

A transactional migration runs in one transaction together with its history row, so a crash can never
leave it applied but unrecorded. A `no-transaction` migration runs statement by statement; before each
statement its index is recorded as running and after it as done, so `status` can say exactly how far it
got and `up` resumes with the next statement (or asks `--resolve` when a statement was cut off mid-way).
"""

from __future__ import annotations

import time
from typing import Any, Literal

import psycopg

from migwiz.engine.errors import StateMismatch
from migwiz.engine.history.state import HistoryRow
from migwiz.engine.run.batches import run_statements
from migwiz.engine.run.concurrent_indexes import (
    CONCURRENT_INDEX,
    built_index,
    drop_new_invalid,
    invalid_indexes,
    invalid_left,
)
from migwiz.engine.run.context import RunContext
from migwiz.engine.run.control import RunStopped
from migwiz.engine.run.executor import LockRetriesExhausted
from migwiz.engine.run.failures import StatementFailure
from migwiz.engine.run.history_rows import HistoryRows
from migwiz.engine.run.index_leftovers import leftovers_of
from migwiz.engine.run.notes import InvalidIndexes, MigrationResumed
from migwiz.engine.run.policy import Direction, MigrationOutcome
from migwiz.engine.run.recovery import history_reverting, resume_point
from migwiz.engine.run.session_limits import limit_bookkeeping
from migwiz.engine.run.statements import execute, fail, finished, with_retries
from migwiz.engine.sets.model import Migration, Script


def _done(
    ctx: RunContext, migration: Migration, direction: Direction, elapsed: float, ran: int
) -> MigrationOutcome:
    verb: Literal["applied", "reverted"] = "applied" if direction == "up" else "reverted"
    return finished(
        ctx, migration, MigrationOutcome(migration.version, migration.name, direction, verb, elapsed, ran)
    )


def run_in_transaction(
    ctx: RunContext, migration: Migration, script: Script, direction: Direction
) -> MigrationOutcome:
    """The whole script and its history row in one transaction.

    A lock conflict (lock_timeout, a guard cancel, a deadlock) aborts the transaction, so everything
    before it was rolled back too: the unit of retry is the whole transaction, from statement 1.
    """
    conn = ctx.connection()
    started = time.perf_counter()
    position = [0]

    def attempt(number: int) -> None:
        position[0] = 0
        with conn.transaction():
            ctx.set_timeouts(conn, script, local=True)
            before = ctx.history.fingerprint(conn)
            run_statements(ctx, conn, migration, script, direction, number, position)  # batches.py
            if ctx.history.fingerprint(conn) != before:  # dynamic SQL reached migwiz's own rows
                raise StateMismatch(
                    f"{migration.label}: its statements changed migwiz's history ({ctx.schema}.history);"
                    " its transaction was rolled back",
                    "migrations must not write migwiz's tables: remove the statement that does",
                )
            elapsed = (time.perf_counter() - started) * 1000
            if direction == "up":
                ctx.history.insert(
                    conn, migration, success=True, duration_ms=elapsed, done=len(script.statements)
                )
            else:
                ctx.history.delete(conn, str(migration.version))

    try:
        with_retries(ctx, migration, script, None, attempt)
    except LockRetriesExhausted as exc:
        return fail(ctx, migration, script, position[0], exc, direction, started, position[0])
    except psycopg.Error as exc:
        if conn.closed or conn.broken:
            raise
        return fail(ctx, migration, script, position[0], exc, direction, started, position[0])
    elapsed = (time.perf_counter() - started) * 1000
    return _done(ctx, migration, direction, elapsed, len(script.statements))


def run_statement_by_statement(
    ctx: RunContext, migration: Migration, script: Script, direction: Direction, history: HistoryRow | None
) -> MigrationOutcome:
    """One statement at a time, each recorded as running, then done, in the history row.

    Each statement is retried on its own on lock conflicts. A failed or cancelled CREATE/REINDEX
    ... CONCURRENTLY leaves an INVALID index: it is dropped (concurrently) before a retry or after
    the failure, and the migration is never recorded as applied while an index it built is invalid.
    """
    conn = ctx.connection()
    rows = ctx.history
    version = str(migration.version)
    start_at = resume_point(ctx, migration, history, direction)
    if start_at:
        ctx.emit(MigrationResumed(version, migration.label, start_at + 1))
    if direction == "up" and (history is None or history.success):
        rows.insert(conn, migration, success=False, duration_ms=None, done=0)
    elif direction == "down" and not history_reverting(history):
        rows.start_revert(conn, version)
    else:
        rows.done(conn, version, start_at)
    ctx.set_timeouts(conn, script, local=False)
    started = time.perf_counter()
    invalid_before = invalid_indexes(conn)
    try:
        for index in range(start_at, len(script.statements)):
            ctx.checkpoint(conn, index)
            rows.running(conn, version, index)
            try:
                run_one(ctx, conn, migration, script, index, direction, rows=rows)
            except RunStopped:  # stopped while it waited for a lock: the statement did not run
                rows.not_running(conn, version)
                raise
            except (psycopg.Error, LockRetriesExhausted) as exc:
                if conn.closed or conn.broken:
                    raise
                rows.not_running(conn, version)
                return fail(ctx, migration, script, index, exc, direction, started, index - start_at)
        invalid = invalid_left(conn, script, invalid_before)
        if invalid:
            found = InvalidIndexes(version, migration.label, direction, tuple(invalid))
            ctx.emit(found)
            last = len(script.statements) - 1
            failure = StatementFailure(
                str(script.path), script.statements[last].line, last, None, found.message
            )
            outcome = MigrationOutcome(
                migration.version, migration.name, direction, "failed",
                (time.perf_counter() - started) * 1000, len(script.statements) - start_at, failure,
            )  # fmt: skip
            return finished(ctx, migration, outcome)
    finally:
        if not (conn.closed or conn.broken):
            limit_bookkeeping(conn)  # back to the session's bookkeeping lock_timeout, not the server's
            conn.execute("RESET statement_timeout")
    elapsed = (time.perf_counter() - started) * 1000
    if direction == "up":
        rows.applied(conn, version, elapsed)
    else:
        rows.delete(conn, version)
    return _done(ctx, migration, direction, elapsed, len(script.statements) - start_at)


def run_one(
    ctx: RunContext,
    conn: psycopg.Connection[Any],
    migration: Migration,
    script: Script,
    index: int,
    direction: Direction,
    *,
    rows: HistoryRows,
) -> None:
    """One no-transaction statement with retries; its progress is in `rows` before it is logged done.

    Around CREATE/REINDEX ... CONCURRENTLY: every attempt first drops (concurrently) the INVALID
    indexes an earlier attempt left, or the invalid index of the same name a killed run left; a final
    failure drops them too (best effort: a lock conflict then leaves it for the next run).
    """
    stmt = script.statements[index]
    concurrent = bool(CONCURRENT_INDEX.search(stmt.sql))
    before = invalid_indexes(conn) if concurrent else {}
    built = built_index(conn, stmt) if concurrent else False
    if built and not built[1]:
        before.pop(built[0], None)  # our own leftover: drop it before building again
    for leftover in leftovers_of(conn, stmt.sql) if concurrent else {}:
        before.pop(leftover, None)  # REINDEX's _ccnew/_ccold, an unnamed build's: drop them too
    where = f"statement {index + 1} ({script.path.name}:{stmt.line})"

    def attempt(number: int) -> None:
        if concurrent:
            why = f"an earlier attempt at {where}" if number > 1 else f"an interrupted run of {where}"
            drop_new_invalid(conn, ctx.emit, before, migration, why, strict=True)

        def recorded() -> None:
            rows.done(conn, str(migration.version), index + 1)

        execute(ctx, conn, migration, script, index, direction, number, recorded=recorded)

    try:
        with_retries(ctx, migration, script, index, attempt)
    except (psycopg.Error, LockRetriesExhausted):
        if concurrent and not (conn.closed or conn.broken):
            drop_new_invalid(conn, ctx.emit, before, migration, f"the failed {where}")
        raise
