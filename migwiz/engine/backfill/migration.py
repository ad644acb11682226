"""The runner's hook: a `-- migwiz:backfill` migration is run by the backfill runner.

Its history row is kept as for a no-transaction migration: recorded as not yet successful when the
backfill starts, and successful when it completes. A failed row means "resume from the checkpoint".
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import psycopg
from psycopg import sql

from migwiz.engine import humanize
from migwiz.engine.backfill.execute import Backfill, ProgressCallback
from migwiz.engine.backfill.spec import parse_backfill
from migwiz.engine.backfill.throttle import BackfillSettings
from migwiz.engine.history.state import HistoryRow
from migwiz.engine.sets.model import Migration

if TYPE_CHECKING:
    from migwiz.engine.run.runner import MigrationOutcome, Runner

DEFAULT_SETTINGS = BackfillSettings()


def run_backfill_migration(
    runner: Runner,
    migration: Migration,
    history: HistoryRow | None,
    *,
    settings: BackfillSettings | None = None,
    on_progress: ProgressCallback | None = None,
) -> MigrationOutcome:
    """Apply a backfill migration in batches, resuming from its checkpoint when its history says so."""
    from migwiz.engine.run.runner import MigrationOutcome, failure_from

    script = migration.up
    spec = parse_backfill(script)
    conn = runner._connection()
    version = str(migration.version)
    resume = history is not None and not history.success
    if not resume:
        runner._insert_history(conn, migration, success=False, duration_ms=None, done=0)
    started = time.perf_counter()
    backfill = Backfill(
        conn,
        runner.dsn,
        spec,
        backfill_id=version,
        schema=runner.schema,
        log=runner.log,
        settings=settings or DEFAULT_SETTINGS,
        on_progress=on_progress,
        statement_timeout_ms=runner.policy.statement_timeout_for(script),
        should_stop=lambda: _stop_reason(runner),
    )
    try:
        result = backfill.run(resume=resume)
    except psycopg.Error as exc:
        if conn.closed or conn.broken:
            raise
        failure = failure_from(exc, script, 0)
        runner.log.error(
            "migration",
            f"{migration.label} failed at {failure.describe()} (the backfill resumes from its checkpoint)",
            version=version,
            direction="up",
            **failure.to_json(),
        )
        elapsed = (time.perf_counter() - started) * 1000
        return MigrationOutcome(migration.version, migration.name, "up", "failed", elapsed, 0, failure)
    elapsed = (time.perf_counter() - started) * 1000
    conn.execute(
        sql.SQL(
            "UPDATE {}.history SET success = true, statements_done = 1, statement_running = NULL,"
            " duration_ms = %s, applied_at = clock_timestamp(), run_id = %s WHERE version = %s"
        ).format(sql.Identifier(runner.schema)),
        (elapsed, runner.log.run_id, version),
    )
    runner.log.info(
        "migration",
        f"{migration.label} applied in {humanize.duration(elapsed / 1000)}"
        f" ({result.rows_updated} rows updated"
        f"{', resumed' if result.resumed else ''})",
        version=version,
        direction="up",
        duration_ms=round(elapsed, 2),
    )
    return MigrationOutcome(migration.version, migration.name, "up", "applied", elapsed, 1)


def _stop_reason(runner: Runner) -> str | None:
    control = runner.control
    if control is None or not control.stop_requested:
        return None
    return control.stop_reason or "a stop was requested"
