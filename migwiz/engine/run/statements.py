"""One statement of a run: executed under the guard, retried on lock conflicts, reported as events.

Every statement is published as `StatementStarted` (with its estimate and attempt) and
`StatementFinished`; a failure becomes the migration's `MigrationOutcome` (`fail`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import psycopg

from migwiz.engine.errors import one_line
from migwiz.engine.run.context import RunContext
from migwiz.engine.run.control import RunStopped
from migwiz.engine.run.current import CurrentStatement
from migwiz.engine.run.events import MigrationFinished, StatementFinished
from migwiz.engine.run.executor import LockRetriesExhausted, StoppedWaiting
from migwiz.engine.run.failures import StatementFailure, failure_from
from migwiz.engine.run.policy import Direction, MigrationOutcome
from migwiz.engine.servers.connect import scrub
from migwiz.engine.sets.model import Migration, Script


def execute(
    ctx: RunContext,
    conn: psycopg.Connection[Any],
    migration: Migration,
    script: Script,
    index: int,
    direction: Direction = "up",
    attempt: int = 1,
    recorded: Callable[[], None] | None = None,
) -> None:
    """Run statement `index` of `script` once on `conn` (the caller retries); `recorded` (outside a
    transaction: the history's progress) runs before the statement is announced done, so the log never
    says done what a killed run's history does not count."""
    stmt = script.statements[index]
    estimate = ctx.estimates.get((str(migration.version), stmt.line)) if direction == "up" else None
    current = ctx.start_statement(
        CurrentStatement(
            str(migration.version), migration.label, direction, str(script.path), stmt.line, index,
            len(script.statements), stmt.sql, datetime.now(UTC), conn.info.backend_pid, attempt,
            estimate_ms=estimate,
        )
    )  # fmt: skip
    started = time.perf_counter()
    try:
        ctx.executor.execute(conn, stmt.sql)
    except psycopg.Error as exc:
        elapsed = (time.perf_counter() - started) * 1000
        ctx.emit(StatementFinished(current, elapsed, one_line(exc), exc.sqlstate, exc))
        raise
    elapsed = (time.perf_counter() - started) * 1000
    if recorded is not None:
        recorded()
    ctx.emit(StatementFinished(current, elapsed))  # logged: DDL and slow ones alone, data counted


def finished(ctx: RunContext, migration: Migration, outcome: MigrationOutcome) -> MigrationOutcome:
    """Publish `outcome` as `MigrationFinished` and return it."""
    ctx.emit(
        MigrationFinished(
            str(outcome.version), migration.label, outcome.direction, outcome.result, outcome.duration_ms,
            outcome.statements_run, outcome.failure,
        )
    )  # fmt: skip
    return outcome


def fail(
    ctx: RunContext,
    migration: Migration,
    script: Script,
    index: int,
    exc: psycopg.Error | LockRetriesExhausted,
    direction: Direction,
    started: float,
    ran: int,
) -> MigrationOutcome:
    """The migration failed at statement `index`: its outcome, published (and so logged)."""
    if isinstance(exc, LockRetriesExhausted):
        stmt = script.statements[index]
        failure = StatementFailure(
            str(script.path), stmt.line, index, exc.sqlstate, scrub(exc.describe()), tuple(exc.holders)
        )
    else:
        failure = failure_from(exc, script, index)
    elapsed = (time.perf_counter() - started) * 1000
    outcome = MigrationOutcome(migration.version, migration.name, direction, "failed", elapsed, ran, failure)
    return finished(ctx, migration, outcome)


def with_retries(
    ctx: RunContext,
    migration: Migration,
    script: Script,
    index: int | None,
    attempt: Callable[[int], None],
    before_retry: Callable[[], None] | None = None,
) -> None:
    """Run `attempt(n)` under the retry policy; `index` None means the whole script (one transaction).

    A stop asked for while it waits for a lock raises `RunStopped` there: the attempt did not start (a
    transactional migration's earlier attempts were rolled back), so nothing of it is left half done.
    """
    per_statement = ctx.lock_targets(script)
    chosen = per_statement if index is None else (per_statement[index],)
    targets = ctx.executor.guard.resolve(t for ts in chosen for t in ts)
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

    try:
        ctx.executor.with_retries(what, targets, counted, data=data, before_retry=before_retry)
    except StoppedWaiting as stop:
        if index is not None:
            raise RunStopped(stop.reason, index) from None
        where = "while it waited for a lock; its transaction was rolled back: nothing of it took effect"
        raise RunStopped(stop.reason, 0, what=where) from None
