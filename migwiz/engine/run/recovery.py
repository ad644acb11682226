"""Crash recovery: the executor sessions a killed run left on the server, and where an interrupted
`no-transaction` migration resumes (asking `--resolve` when a statement was cut off mid-way)."""

from __future__ import annotations

import time
from typing import Any

import psycopg

from migwiz.engine import queries
from migwiz.engine.errors import StateMismatch
from migwiz.engine.history.state import HistoryRow, read_history
from migwiz.engine.run.concurrent_indexes import auto_resolve, unfinished_build
from migwiz.engine.run.context import RunContext
from migwiz.engine.run.notes import OrphanSessions, StatementResolved
from migwiz.engine.run.policy import Direction, Resolve
from migwiz.engine.servers.connect import scrub
from migwiz.engine.sets.model import Migration


def _orphans(conn: psycopg.Connection[Any], application_name: str) -> list[tuple[Any, ...]]:
    return conn.execute(queries.load("run_orphans").encode(), (application_name,)).fetchall()


def settle_orphans(ctx: RunContext) -> None:
    """Deal with executor sessions a killed migwiz left running on the server.

    We hold the migration lock, so another executor session of this schema belongs to a dead run.
    Its statement stops by itself within about a second (client_connection_check_interval, 14+);
    older servers, or a statement that does not check, are waited for. When no `no-transaction`
    statement was cut off, the leftover can only be inside a migration transaction: terminating it
    rolls that back, so it is terminated after a short grace. A cut-off `no-transaction` statement
    is waited for up to `orphan_wait_ms` (its outcome decides how to resume), then migwiz stops.
    """
    conn = ctx.connection()
    orphans = _orphans(conn, ctx.application_name)
    if not orphans:
        return
    pids = [int(r[0]) for r in orphans]
    ctx.emit(OrphanSessions("found", tuple(pids), scrub(" ".join(str(orphans[0][2]).split())[:200])))
    cut_off = any(h.statement_running is not None for h in read_history(conn, ctx.schema))
    grace = time.monotonic() + min(3.0, ctx.policy.orphan_wait_ms / 1000)
    deadline = time.monotonic() + ctx.policy.orphan_wait_ms / 1000
    terminated = False
    while orphans:
        now = time.monotonic()
        if not cut_off and now >= grace and not terminated:
            conn.execute(queries.load("run_terminate").encode(), (pids,))
            ctx.emit(OrphanSessions("terminated", tuple(pids)))
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
        orphans = _orphans(conn, ctx.application_name)
    ctx.emit(OrphanSessions("ended", tuple(pids)))


def resume_point(
    ctx: RunContext, migration: Migration, history: HistoryRow | None, direction: Direction
) -> int:
    """The 0-based statement an interrupted no-transaction migration resumes at (0: from the start)."""
    if history is None or history.success:
        return 0
    if history.reverting != (direction == "down"):
        return 0
    if history.statement_running is None:
        return history.statements_done
    running = history.statement_running
    script = migration.down if direction == "down" else migration.up
    resolve: Resolve | None = ctx.policy.resolve
    how = "by the operator"
    if resolve is None and script is not None and running < len(script.statements):
        resolve = auto_resolve(ctx.connection(), script.statements[running])
        how = "from the state of its index"
    if resolve is None:
        raise StateMismatch(
            f"{migration.label}: statement {running + 1} was running when migwiz stopped and may or may "
            "not have completed; nothing was run",
            "check the database, then rerun with --resolve=ran or --resolve=not-ran",
        )
    if resolve == "ran" and script is not None and running < len(script.statements):
        left = unfinished_build(ctx.connection(), script.statements[running])
        if left:  # the operator's word against the catalog's: nothing is recorded on a wrong word
            raise StateMismatch(
                f"{migration.label}: statement {running + 1} did not complete: the index build it started"
                f" is INVALID ({', '.join(left)}); nothing was run",
                "rerun with --resolve=not-ran: migwiz drops the INVALID index and runs the statement again",
            )
    ctx.emit(StatementResolved(str(migration.version), migration.label, running + 1, resolve, how))
    return running + 1 if resolve == "ran" else running


def history_reverting(history: HistoryRow | None) -> bool:
    """Whether the history row records a down script that was cut off part-way."""
    return history is not None and history.reverting and not history.success
