"""Following a database from another terminal, read-only: the central log's new events and the backfill
checkpoints, over one connection whose transactions are all read-only (`migwiz watch`)."""

from __future__ import annotations

from types import TracebackType
from typing import Any

import psycopg
from psycopg import conninfo

from migwiz.engine.backfill.progress import LIVE_STATES, BackfillProgress, checkpoint_readings
from migwiz.engine.history.state import state_exists
from migwiz.engine.log.eventlog import Event, read_events
from migwiz.engine.run.events import RunEvent
from migwiz.engine.run.log_events import events_from_log
from migwiz.engine.servers.connect import connect, dsn_params


def read_only(dsn: str) -> str:
    """The DSN with every transaction read-only (a libpq startup option: nothing to send as SQL)."""
    params = dsn_params(dsn)
    params["options"] = f"{params.get('options') or ''} -c default_transaction_read_only=on".strip()
    return conninfo.make_conninfo("", **params)


class LogFollower:
    """New events of the central log and the backfills' checkpoints, read over one read-only connection.

    `events()` returns what was written since the last call; `backfills()` the running backfills, and once
    more each one that stopped or finished since it was last seen running (a checkpoint left running by a
    process that died reads as stopped, as in `migwiz backfill status`). The connection opens on first use;
    after an error, `reset()` drops it and the next call opens a new one, going on where it stopped.
    """

    def __init__(self, dsn: str, schema: str, *, purpose: str) -> None:
        self._dsn = dsn
        self._purpose = purpose
        self._conn: psycopg.Connection[Any] | None = None
        self._schema = schema
        self._last_id = 0
        self._seen: set[str] = set()

    def _connection(self) -> psycopg.Connection[Any]:
        if self._conn is None:
            self._conn = connect(read_only(self._dsn), autocommit=True, purpose=self._purpose)
        return self._conn

    def __enter__(self) -> LogFollower:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (the next call opens a new one)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def reset(self) -> None:
        """Drop the connection after an error: the next call opens a new one and goes on where it stopped."""
        self.close()

    def ready(self) -> bool:
        """Whether migwiz's schema exists in the database yet (nothing to read before)."""
        return state_exists(self._connection(), self._schema)

    def events(self, *, limit: int = 500) -> list[Event]:
        """The events written since the last call (the newest `limit` of them), oldest first."""
        found = read_events(self._connection(), self._schema, after_id=self._last_id, limit=limit)
        for event_id, _ in found:
            self._last_id = max(self._last_id, event_id)
        return [event for _, event in found]

    def run_events(self, *, limit: int = 500) -> list[RunEvent]:
        """`events` as the run's typed events, the same types a live run publishes (`Logged` lines first)."""
        return [typed for event in self.events(limit=limit) for typed in events_from_log(event)]

    def backfills(self, *, stopped: bool = False) -> list[BackfillProgress]:
        """The live backfills' checkpoints, and once more each one that stopped or finished since;
        `stopped`: also those that stopped before (a watch opened after a lost terminal sees them)."""
        readings: list[BackfillProgress] = []
        for reading in checkpoint_readings(self._connection(), self._schema):
            live = reading.state in LIVE_STATES
            if live or reading.backfill_id in self._seen or (stopped and reading.state == "stopped"):
                readings.append(reading)
            if live:
                self._seen.add(reading.backfill_id)
            else:
                self._seen.discard(reading.backfill_id)
        return readings
