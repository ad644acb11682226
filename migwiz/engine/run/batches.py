"""Seed data in one transaction: runs of small data statements sent to the server in one round trip.

A transactional script's consecutive INSERT, UPDATE, DELETE and MERGE statements of under
`SMALL_STATEMENT` characters are sent together (not SELECT: in migrations it is `pg_sleep` or a function
doing work, better watched one by one), as psql's `-1 -f` would run them one after
the other, but without a round trip each: that round trip, not the server's work, is what a seed file of
single-row INSERTs spends its time on. Each batch runs inside a savepoint. When a statement of a batch
fails with an error of its own (not a lock conflict, a cancel or a lost connection), the savepoint undoes
the batch and its statements run again one by one, so the failure names the statement, file:line:column,
exactly as without batching. At most about `MAX_BATCHES` savepoints are taken per script (batches grow
instead): more subtransactions than PostgreSQL caches per backend (64) would slow other sessions'
snapshots while the migration runs.

Not batched: a script with a statement_timeout (it would apply to the whole batch), a run that traces
every statement (the dry run), and `no-transaction` scripts (each statement is recorded).
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

import psycopg

from migwiz.engine.errors import one_line
from migwiz.engine.run.context import RunContext
from migwiz.engine.run.current import CurrentStatement
from migwiz.engine.run.events import StatementFinished
from migwiz.engine.run.policy import Direction
from migwiz.engine.run.statements import execute
from migwiz.engine.sets.model import Migration, Script, Statement

_BATCHED = re.compile(r"(?:INSERT|UPDATE|DELETE|MERGE)\b", re.IGNORECASE)
SMALL_STATEMENT = 100_000
MIN_BATCH = 1000
MAX_BATCH_BYTES = 16_000_000
MAX_BATCHES = 50
_NOT_REPLAYED = (
    psycopg.errors.LockNotAvailable,
    psycopg.errors.DeadlockDetected,
    psycopg.errors.QueryCanceled,
    psycopg.OperationalError,
)


def batches(statements: Sequence[Statement], *, enabled: bool = True) -> Iterator[tuple[int, int]]:
    """(first index, count) for every statement of a script: runs of small data statements grouped,
    every other statement alone.

    >>> from migwiz.engine.sets.model import Statement as S
    >>> list(batches([S("CREATE TABLE t (i int)", 1), S("INSERT INTO t VALUES (1)", 2),
    ...               S("INSERT INTO t VALUES (2)", 3), S("ALTER TABLE t ADD j int", 4)]))
    [(0, 1), (1, 2), (3, 1)]
    """
    for first, stmts in batched(statements, enabled=enabled):
        yield first, len(stmts)


def batched(
    statements: Sequence[Statement], *, enabled: bool = True
) -> Iterator[tuple[int, list[Statement]]]:
    """`batches` with the statements of each: read once, in order, by position (a streamed file's cursor
    moves forward only, one statement ahead)."""
    size = max(MIN_BATCH, math.ceil(len(statements) / MAX_BATCHES))
    index, total = 0, len(statements)
    while index < total:
        first, chars = index, 0
        stmts: list[Statement] = []
        while enabled and index < total and index - first < size:
            stmt = statements[index]
            text = stmt.sql
            if (
                len(text) >= SMALL_STATEMENT
                or not _BATCHED.match(text)
                or chars + len(text) > MAX_BATCH_BYTES
            ):
                break
            stmts.append(stmt)
            chars += len(text) + 2
            index += 1
        if index == first:
            stmts.append(statements[index])
            index += 1
        yield first, stmts


def run_statements(
    ctx: RunContext,
    conn: psycopg.Connection[Any],
    migration: Migration,
    script: Script,
    direction: Direction,
    attempt: int,
    position: list[int],
) -> None:
    """Run every statement of `script` inside the migration's open transaction, batching where it can;
    `position[0]` is kept at the statement (or first statement of the batch) that runs."""
    enabled = not ctx.trace_statements and ctx.policy.statement_timeout_for(script) is None
    for first, stmts in batched(script.statements, enabled=enabled):
        count = len(stmts)
        position[0] = first
        ctx.checkpoint(conn, first)
        if count == 1:
            execute(ctx, conn, migration, script, first, direction, attempt)
            continue
        try:
            with conn.transaction():  # a savepoint: a failing batch is undone, then replayed one by one
                _run_batch(ctx, conn, migration, script, first, stmts, direction, attempt)
        except _NOT_REPLAYED:
            raise
        except psycopg.Error:
            if conn.broken:
                raise
            for index in range(first, first + count):
                position[0] = index
                execute(ctx, conn, migration, script, index, direction, attempt)


def _run_batch(
    ctx: RunContext,
    conn: psycopg.Connection[Any],
    migration: Migration,
    script: Script,
    first: int,
    stmts: list[Statement],
    direction: Direction,
    attempt: int,
) -> None:
    count = len(stmts)
    current = ctx.start_statement(
        CurrentStatement(
            str(migration.version), migration.label, direction, str(script.path), stmts[0].line, first,
            len(script.statements), f"{stmts[0].sql}\n-- and {count - 1} more statement(s), to line "
            f"{stmts[-1].line}", datetime.now(UTC), conn.info.backend_pid, attempt, count=count,
            last_line=stmts[-1].line,
        )
    )  # fmt: skip
    started = time.perf_counter()
    try:
        ctx.executor.execute(conn, ";\n".join(s.sql for s in stmts))
    except psycopg.Error as exc:
        elapsed = (time.perf_counter() - started) * 1000
        ctx.emit(StatementFinished(current, elapsed, one_line(exc), exc.sqlstate))
        raise
    elapsed = (time.perf_counter() - started) * 1000
    ctx.emit(StatementFinished(current, elapsed))  # logged as counted data statements
