"""The runner's hook: a `-- migwiz:backfill` migration is run by the backfill runner.

Its history row is kept as for a no-transaction migration: recorded as not yet successful when the
backfill starts, and successful when it completes. A failed row means "resume from the checkpoint".
Every batch is published on the run's event stream as a `BackfillBatch`.
"""

from __future__ import annotations

import time
from dataclasses import replace

import psycopg

from migwiz.engine import humanize
from migwiz.engine.backfill.execute import Backfill
from migwiz.engine.backfill.progress import BackfillProgress
from migwiz.engine.backfill.spec import parse_backfill
from migwiz.engine.backfill.throttle import BackfillSettings
from migwiz.engine.history.state import HistoryRow
from migwiz.engine.run.events import BackfillBatch
from migwiz.engine.run.failures import failure_from
from migwiz.engine.run.policy import MigrationOutcome
from migwiz.engine.run.ports import RunPort
from migwiz.engine.sets.model import Migration

DEFAULT_SETTINGS = BackfillSettings()


def run_backfill_migration(
    run: RunPort,
    migration: Migration,
    history: HistoryRow | None,
    *,
    settings: BackfillSettings | None = None,
) -> MigrationOutcome:
    """Apply a backfill migration in batches, resuming from its checkpoint when its history says so."""
    script = migration.up
    spec = parse_backfill(script)
    conn = run.connection()
    version = str(migration.version)
    resume = history is not None and not history.success
    if not resume:
        run.history.insert(conn, migration, success=False, duration_ms=None, done=0)
    started = time.perf_counter()

    def batch(reading: BackfillProgress) -> None:
        run.emit(BackfillBatch(version, reading))

    settings = settings or DEFAULT_SETTINGS
    if run.policy.backfill_workers is not None:  # `up --workers N`
        settings = replace(settings, workers=run.policy.backfill_workers)
    backfill = Backfill(
        conn,
        run.dsn,
        spec,
        backfill_id=version,
        schema=run.schema,
        log=run.log,
        settings=settings,
        on_progress=batch,
        statement_timeout_ms=run.policy.statement_timeout_for(script),
        should_stop=lambda: run.safe_point("between two backfill batches"),
    )
    try:
        result = backfill.run(resume=resume)
    except psycopg.Error as exc:
        if conn.closed or conn.broken:
            raise
        failure = failure_from(exc, script, 0)
        run.log.error(
            "migration",
            f"{migration.label} failed at {failure.describe()} (the backfill resumes from its checkpoint)",
            version=version,
            direction="up",
            **failure.to_json(),
        )
        elapsed = (time.perf_counter() - started) * 1000
        return MigrationOutcome(migration.version, migration.name, "up", "failed", elapsed, 0, failure)
    elapsed = (time.perf_counter() - started) * 1000
    run.history.backfill_applied(conn, version, elapsed)
    run.log.info(
        "migration",
        f"{migration.label} applied in {humanize.duration(elapsed / 1000)}"
        f" ({result.rows_updated} rows updated"
        f"{', resumed' if result.resumed else ''})",
        version=version,
        direction="up",
        duration_ms=round(elapsed, 2),
    )
    return MigrationOutcome(migration.version, migration.name, "up", "applied", elapsed, 1)
