"""The runner's hook: a `-- migwiz:backfill` migration is run by the backfill runner.

Its history row is kept as for a no-transaction migration: recorded as not yet successful when the
backfill starts, and successful when it completes. A failed row means "resume from the checkpoint".
Every batch is published on the run's event stream as a `BackfillBatch`, and the migration's end as its
`MigrationFinished`.
"""

from __future__ import annotations

import time
from dataclasses import replace

import psycopg

from migwiz.engine.backfill.execute import Backfill
from migwiz.engine.backfill.spec import parse_backfill
from migwiz.engine.backfill.throttle import BackfillSettings
from migwiz.engine.history.state import HistoryRow
from migwiz.engine.run.events import MigrationFinished
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
    settings = settings or DEFAULT_SETTINGS
    if run.policy.backfill_workers is not None:  # `up --workers N`
        settings = replace(settings, workers=run.policy.backfill_workers)
    backfill = Backfill(
        conn,
        run.dsn,
        spec,
        backfill_id=version,
        schema=run.schema,
        run_id=run.run_id,
        emit=run.emit,
        settings=settings,
        statement_timeout_ms=run.policy.statement_timeout_for(script),
        should_stop=lambda: run.safe_point("between two backfill batches"),
    )
    try:
        result = backfill.run(resume=resume)
    except psycopg.Error as exc:
        if conn.closed or conn.broken:
            raise
        failure = failure_from(exc, script, 0)
        elapsed = (time.perf_counter() - started) * 1000
        outcome = MigrationOutcome(migration.version, migration.name, "up", "failed", elapsed, 0, failure)
        return _finished(run, migration, outcome, "the backfill resumes from its checkpoint")
    elapsed = (time.perf_counter() - started) * 1000
    run.history.backfill_applied(conn, version, elapsed)
    outcome = MigrationOutcome(migration.version, migration.name, "up", "applied", elapsed, 1)
    note = f"{result.rows_updated} rows updated{', resumed' if result.resumed else ''}"
    return _finished(run, migration, outcome, note)


def _finished(run: RunPort, migration: Migration, outcome: MigrationOutcome, note: str) -> MigrationOutcome:
    """Publish the outcome as `MigrationFinished` (its line says `note`) and return it."""
    run.emit(
        MigrationFinished(
            str(outcome.version), migration.label, outcome.direction, outcome.result, outcome.duration_ms,
            outcome.statements_run, outcome.failure, note,
        )
    )  # fmt: skip
    return outcome
