"""`migwiz fleet log RUN`: the events of one fleet run, gathered from every target's central log."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import psycopg
from psycopg import sql

from migwiz.engine.fleet.survey import survey
from migwiz.engine.fleet.targets import Target
from migwiz.engine.history.state import state_exists
from migwiz.engine.log.eventlog import Event
from migwiz.engine.servers.connect import connect


def fleet_events(
    conn: psycopg.Connection[Any], schema: str, fleet_run: str, *, limit: int = 2000
) -> list[Event]:
    """Events of one target's central log that carry `fleet_run`, oldest first (none before migwiz ran)."""
    if not state_exists(conn, schema):
        return []
    rows = conn.execute(
        sql.SQL(
            "SELECT run_id::text, at, level, step, message, data FROM {}.events"
            " WHERE data->>'fleet_run' = %s ORDER BY id LIMIT %s"
        ).format(sql.Identifier(schema)),
        (fleet_run, limit),
    ).fetchall()
    return [Event(r[0] or "", r[1], r[2], r[3], r[4], r[5] or {}) for r in rows]


def gather_events(
    targets: Iterable[Target], fleet_run: str, *, limit: int = 2000, concurrency: int = 4
) -> Iterator[tuple[str, Event]]:
    """(target name, event) for every event of the fleet run, target by target in fleet order."""

    def read(target: Target) -> list[Event]:
        with connect(target.dsn, autocommit=True, purpose="log reader") as conn:
            return fleet_events(conn, target.schema, fleet_run, limit=limit)

    for looked in survey(targets, read, concurrency=concurrency):
        for event in looked.value or []:
            yield looked.target.name, event
