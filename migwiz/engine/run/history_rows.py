"""A migration's row in `<schema>.history`, as the run writes it (SQL in `queries/run_history_*.sql`).

Transactional migrations insert (or delete) their row inside their own transaction. A `no-transaction`
migration records each statement as running, then done, so a crash leaves a row that says exactly how far
it got; a backfill migration is recorded as running until its last batch.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import psycopg
from psycopg import sql

from migwiz.engine import queries
from migwiz.engine.history import applied_scripts
from migwiz.engine.history.state import os_identity
from migwiz.engine.log.eventlog import EventLog
from migwiz.engine.run.session_state import bookkeeping
from migwiz.engine.sets.model import Migration


@cache
def _text(name: str) -> str:
    return queries.load(f"run_history_{name}")


class HistoryRows:
    """Writes the history rows of one schema, naming this process's OS user and host."""

    def __init__(self, schema: str, log: EventLog) -> None:
        self.schema = schema
        self._log = log
        self.os_user, self.host = os_identity()
        self._table = sql.Identifier(schema, "history")

    @property
    def run_id(self) -> str:
        """The run recorded with each row (its central-log id)."""
        return self._log.run_id

    def _execute(self, conn: psycopg.Connection[Any], name: str, params: tuple[Any, ...]) -> None:
        with bookkeeping(conn):  # as the session user, whatever role and search_path a migration set
            conn.execute(sql.SQL(_text(name)).format(history=self._table), params)

    def insert(
        self,
        conn: psycopg.Connection[Any],
        migration: Migration,
        *,
        success: bool,
        duration_ms: float | None,
        done: int,
    ) -> None:
        """The migration's row: applied (`success`) or started and not yet complete (a Flyway repeatable
        migration that runs again replaces its row, and keeps the statements it runs with for drift)."""
        if migration.version.repeatable:
            self.delete(conn, str(migration.version))
            with bookkeeping(conn):
                applied_scripts.save(conn, self.schema, migration)
        self._execute(
            conn,
            "insert",
            (
                str(migration.version), migration.name, migration.checksum, self.os_user, self.host,
                duration_ms, self.run_id, success, done, migration.up.directives.phase,
            ),
        )  # fmt: skip

    def fingerprint(self, conn: psycopg.Connection[Any]) -> tuple[Any, ...]:
        """What the rows of the history are now (a migration that edits them is caught by comparing two)."""
        with bookkeeping(conn):
            row = conn.execute(sql.SQL(_text("fingerprint")).format(history=self._table)).fetchone()
        return tuple(row or ())

    def delete(self, conn: psycopg.Connection[Any], version: str) -> None:
        """The migration was reverted."""
        self._execute(conn, "delete", (version,))

    def start_revert(self, conn: psycopg.Connection[Any], version: str) -> None:
        """A no-transaction down script starts at its first statement."""
        self._execute(conn, "revert", (version,))

    def done(self, conn: psycopg.Connection[Any], version: str, statements_done: int) -> None:
        """`statements_done` statements have run and none is running."""
        self._execute(conn, "done", (statements_done, version))

    def running(self, conn: psycopg.Connection[Any], version: str, index: int) -> None:
        """Statement `index` (0-based) starts."""
        self._execute(conn, "running", (index, version))

    def not_running(self, conn: psycopg.Connection[Any], version: str) -> None:
        """The statement that was running failed: it did not run."""
        self._execute(conn, "not_running", (version,))

    def applied(self, conn: psycopg.Connection[Any], version: str, duration_ms: float) -> None:
        """A no-transaction migration completed."""
        self._execute(conn, "applied", (duration_ms, self.run_id, version))

    def backfill_applied(self, conn: psycopg.Connection[Any], version: str, duration_ms: float) -> None:
        """A backfill migration completed."""
        self._execute(conn, "backfill_applied", (duration_ms, self.run_id, version))
