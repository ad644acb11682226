"""Backfill state in the migwiz schema: checkpoints (`backfill_progress`) and control rows.

The tables are created here, idempotently, next to migwiz's versioned state (to be folded into a
versioned state script later). Every write of a checkpoint happens in the batch's own transaction
(see keys.py); this module reads them, starts and finishes them, and edits control rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypedDict

import psycopg
from psycopg import sql

from migwiz.engine import queries
from migwiz.engine.history.standing import BackfillFacts
from migwiz.engine.history.state import ensure_state

if TYPE_CHECKING:
    from typing_extensions import Unpack


def ensure_backfill_state(conn: psycopg.Connection[Any], schema: str) -> None:
    """The backfill tables belong to migwiz's versioned state: make sure it exists (`conn` in autocommit)."""
    ensure_state(conn, schema)


def _table(schema: str, name: str) -> sql.Composed:
    return sql.SQL("{}.{}").format(sql.Identifier(schema), sql.Identifier(name))


@dataclass(frozen=True)
class Checkpoint:
    """A backfill's stored progress: how far it got and over which key range."""

    id: str
    relation: str
    key_columns: tuple[str, ...]
    statement: str
    upper_key: tuple[str, ...] | None
    last_key: tuple[str, ...] | None
    rows_scanned: int
    rows_updated: int
    batches: int
    total_estimate: int | None
    batch_size: int | None
    rate: float | None
    state: str
    pid: int | None
    started_at: datetime
    updated_at: datetime
    finished_at: datetime | None
    workers: int | None = None
    """Workers of the last run (None before any ran in parallel)."""
    brake: str | None = None
    """The brake in force and why, as the running backfill last wrote it."""
    eta_s: float | None = None
    """The running backfill's own ETA (it accounts for time spent braking)."""
    start_xid: str | None = None
    """The transaction id when a block-range backfill started (rows older than it are its own)."""
    table_filenode: int | None = None
    """The table's file node when a block-range backfill started (a rewrite changes it)."""


_COLUMNS = (
    "id, relation, key_columns, statement, upper_key, last_key, rows_scanned, rows_updated, batches,"
    " total_estimate, batch_size, rate, state, pid, started_at, updated_at, finished_at"
)

# The counts are the progress row's own until the key range is cut into ranges, then `base_*` (work done
# before the cut) plus those of its ranges; `last_key` is the low-water mark: every key up to it is done
# (the last key of the first range not done: each range starts at the end of the one before).
_READ = sql.SQL(
    "SELECT p.id, p.relation, p.key_columns, p.statement, p.upper_key,"
    " CASE WHEN r.n = 0 THEN p.last_key WHEN r.open = 0 THEN p.upper_key ELSE r.watermark END,"
    " CASE WHEN r.n = 0 THEN p.rows_scanned ELSE p.base_scanned + r.scanned END,"
    " CASE WHEN r.n = 0 THEN p.rows_updated ELSE p.base_updated + r.updated END,"
    " CASE WHEN r.n = 0 THEN p.batches ELSE p.base_batches + r.batches END, p.total_estimate,"
    " p.batch_size, p.rate, p.state, p.pid, p.started_at, p.updated_at, p.finished_at,"
    " p.workers, p.brake, p.eta_s, p.start_xid, p.table_filenode"
    " FROM {progress} AS p CROSS JOIN LATERAL (SELECT count(*) AS n,"
    " count(*) FILTER (WHERE NOT x.done) AS open, coalesce(sum(x.rows_scanned), 0)::bigint AS scanned,"
    " coalesce(sum(x.rows_updated), 0)::bigint AS updated,"
    " coalesce(sum(x.batches), 0)::bigint AS batches,"
    " (SELECT y.last_key FROM {ranges} AS y WHERE y.backfill_id = p.id AND NOT y.done"
    " ORDER BY y.range_no LIMIT 1) AS watermark"
    " FROM {ranges} AS x WHERE x.backfill_id = p.id) AS r"
)


def _read(schema: str, where: str) -> sql.Composed:
    query = _READ.format(
        progress=_table(schema, "backfill_progress"), ranges=_table(schema, "backfill_ranges")
    )
    return sql.SQL("{} {}").format(query, sql.SQL(where))


def _checkpoint(row: tuple[Any, ...]) -> Checkpoint:
    values = list(row)
    for i in (2, 4, 5):
        values[i] = tuple(values[i]) if values[i] is not None else None
    return Checkpoint(*values)


def read_checkpoint(conn: psycopg.Connection[Any], schema: str, backfill_id: str) -> Checkpoint | None:
    """The checkpoint of one backfill (None if it never started)."""
    row = conn.execute(_read(schema, "WHERE p.id = %s"), (backfill_id,)).fetchone()
    return _checkpoint(row) if row else None


def read_checkpoints(conn: psycopg.Connection[Any], schema: str) -> list[Checkpoint]:
    """Every stored checkpoint, newest first (empty when the tables do not exist yet)."""
    present = conn.execute(queries.load("own_table_exists"), (schema, "backfill_progress")).fetchone()
    if not present or not present[0]:
        return []
    rows = conn.execute(_read(schema, "ORDER BY p.started_at DESC")).fetchall()
    return [_checkpoint(r) for r in rows]


def checkpoints_alive(conn: psycopg.Connection[Any], schema: str) -> list[tuple[Checkpoint, bool]]:
    """Every stored checkpoint with whether its session is alive (empty when migwiz may not read them:
    the preflight names the missing grant, status goes on)."""
    try:
        checkpoints = read_checkpoints(conn, schema)
    except psycopg.errors.InsufficientPrivilege:
        return []
    if not checkpoints:
        return []
    pids = {int(r[0]) for r in conn.execute(queries.load("activity_pids")).fetchall()}
    return [(c, c.pid is not None and c.pid in pids) for c in checkpoints]


def read_backfill_facts(conn: psycopg.Connection[Any], schema: str) -> dict[str, BackfillFacts]:
    """Every stored backfill by id (its migration's version), with whether its session is alive."""
    return {c.id: BackfillFacts(c, alive) for c, alive in checkpoints_alive(conn, schema)}


def start_checkpoint(
    conn: psycopg.Connection[Any],
    schema: str,
    backfill_id: str,
    *,
    relation: str,
    key_columns: tuple[str, ...],
    statement: str,
    upper_key: tuple[str, ...] | None,
    total_estimate: int,
    run_id: str | None,
    start_xid: str | None = None,
    table_filenode: int | None = None,
) -> Checkpoint:
    """Start a backfill from scratch: its key range is fixed here, once (ranges of an earlier start go)."""
    conn.execute(
        sql.SQL("DELETE FROM {} WHERE backfill_id = %s").format(_table(schema, "backfill_ranges")),
        (backfill_id,),
    )
    row = conn.execute(
        sql.SQL(
            "INSERT INTO {} (id, relation, key_columns, statement, upper_key, total_estimate, state, pid,"
            " run_id, start_xid, table_filenode) VALUES (%s, %s, %s, %s, %s, %s, %s, pg_backend_pid(), %s,"
            " %s, %s)"
            " ON CONFLICT (id) DO UPDATE SET relation = excluded.relation,"
            " key_columns = excluded.key_columns,"
            " statement = excluded.statement, upper_key = excluded.upper_key, last_key = NULL,"
            " rows_scanned = 0, rows_updated = 0, batches = 0, total_estimate = excluded.total_estimate,"
            " batch_size = NULL, rate = NULL, state = excluded.state, pid = excluded.pid,"
            " run_id = excluded.run_id, started_at = clock_timestamp(), updated_at = clock_timestamp(),"
            " finished_at = NULL, workers = NULL, brake = NULL, eta_s = NULL, start_xid = excluded.start_xid,"
            " base_scanned = 0, base_updated = 0, base_batches = 0,"
            " table_filenode = excluded.table_filenode RETURNING " + _COLUMNS + ", workers, brake, eta_s,"
            " start_xid, table_filenode"
        ).format(_table(schema, "backfill_progress")),
        (
            backfill_id,
            relation,
            list(key_columns),
            statement,
            list(upper_key) if upper_key is not None else None,
            total_estimate,
            "running" if upper_key is not None else "done",
            run_id,
            start_xid,
            table_filenode,
        ),
    ).fetchone()
    assert row is not None
    return _checkpoint(row)


def claim_checkpoint(
    conn: psycopg.Connection[Any], schema: str, backfill_id: str, run_id: str | None
) -> None:
    """Mark a resumed backfill as running in this session."""
    conn.execute(
        sql.SQL(
            "UPDATE {} SET pid = pg_backend_pid(), run_id = %s, state = 'running',"
            " updated_at = clock_timestamp() WHERE id = %s"
        ).format(_table(schema, "backfill_progress")),
        (run_id, backfill_id),
    )


def set_state(conn: psycopg.Connection[Any], schema: str, backfill_id: str, state: str) -> None:
    """Record the backfill's state (running, paused, throttled, done, stopped)."""
    finished = sql.SQL(", finished_at = clock_timestamp()" if state == "done" else "")
    conn.execute(
        sql.SQL("UPDATE {} SET state = %s, updated_at = clock_timestamp(){} WHERE id = %s").format(
            _table(schema, "backfill_progress"), finished
        ),
        (state, backfill_id),
    )


def finish_checkpoint(conn: psycopg.Connection[Any], schema: str, backfill_id: str) -> None:
    """Mark the backfill done and drop its control row."""
    set_state(conn, schema, backfill_id, "done")
    conn.execute(
        sql.SQL("DELETE FROM {} WHERE id = %s").format(_table(schema, "backfill_control")), (backfill_id,)
    )


@dataclass(frozen=True)
class Control:
    """The operator's settings for a running backfill (None: not set, the runner decides)."""

    paused: bool = False
    batch_size: int | None = None
    max_rate: float | None = None
    target_ms: float | None = None
    workers: int | None = None


def read_control(conn: psycopg.Connection[Any], schema: str, backfill_id: str) -> Control:
    """The control row of a backfill (defaults when there is none)."""
    row = conn.execute(
        sql.SQL("SELECT paused, batch_size, max_rate, target_ms, workers FROM {} WHERE id = %s").format(
            _table(schema, "backfill_control")
        ),
        (backfill_id,),
    ).fetchone()
    return Control(*row) if row else Control()


class ControlChanges(TypedDict, total=False):
    """What an operator changes in a backfill's control row (each a keyword of `control_backfill` and
    `write_control`; a field not given, or None, is left as it is)."""

    paused: bool | None
    batch_size: int | None
    max_rate: float | None
    target_ms: float | None
    workers: int | None
    clear: bool
    """Reset the tuning (batch size, max rate, target, workers) first."""


def write_control(
    conn: psycopg.Connection[Any], schema: str, backfill_id: str, **changes: Unpack[ControlChanges]
) -> Control:
    """Set fields of a backfill's control row (those given; `clear` resets the tuning first)."""
    paused, batch_size, max_rate = changes.get("paused"), changes.get("batch_size"), changes.get("max_rate")
    target_ms, workers, clear = changes.get("target_ms"), changes.get("workers"), changes.get("clear", False)
    conn.execute(
        sql.SQL(
            "INSERT INTO {} AS c (id, paused, batch_size, max_rate, target_ms, workers)"
            " VALUES (%s, coalesce(%s, false), %s, %s, %s, %s)"
            " ON CONFLICT (id) DO UPDATE SET paused = coalesce(%s, c.paused),"
            " batch_size = CASE WHEN %s THEN excluded.batch_size ELSE coalesce(excluded.batch_size,"
            " c.batch_size) END,"
            " max_rate = CASE WHEN %s THEN excluded.max_rate"
            " ELSE coalesce(excluded.max_rate, c.max_rate) END,"
            " target_ms = CASE WHEN %s THEN excluded.target_ms ELSE coalesce(excluded.target_ms,"
            " c.target_ms) END,"
            " workers = CASE WHEN %s THEN excluded.workers ELSE coalesce(excluded.workers, c.workers) END,"
            " updated_at = clock_timestamp(), updated_by = current_user"
        ).format(_table(schema, "backfill_control")),
        (backfill_id, paused, batch_size, max_rate, target_ms, workers, paused, clear, clear, clear, clear),
    )
    return read_control(conn, schema, backfill_id)


def write_live(
    conn: psycopg.Connection[Any],
    schema: str,
    backfill_id: str,
    *,
    state: str,
    rate: float,
    batch_size: int,
    workers: int,
    brake: str | None,
    eta_s: float | None,
) -> None:
    """What a running backfill shows other processes: state, rate, workers, the brake and the ETA."""
    conn.execute(
        sql.SQL(
            "UPDATE {} SET state = %s, rate = %s, batch_size = %s, workers = %s, brake = %s, eta_s = %s,"
            " updated_at = clock_timestamp() WHERE id = %s AND state <> 'done'"
        ).format(_table(schema, "backfill_progress")),
        (state, rate, batch_size, workers, brake, eta_s, backfill_id),
    )


def write_totals(
    conn: psycopg.Connection[Any], schema: str, backfill_id: str, rows: int, updated: int, batches: int
) -> None:
    """Copy the counts (the ranges' sum) into the progress row, for readers of the table itself."""
    conn.execute(
        sql.SQL("UPDATE {} SET rows_scanned = %s, rows_updated = %s, batches = %s WHERE id = %s").format(
            _table(schema, "backfill_progress")
        ),
        (rows, updated, batches, backfill_id),
    )


def keep_base(conn: psycopg.Connection[Any], schema: str, backfill_id: str) -> None:
    """Before the key range is cut into ranges: keep the counts so far (a checkpoint of a backfill that
    started before ranges existed) as the base the ranges' counts add to."""
    conn.execute(
        sql.SQL(
            "UPDATE {} SET base_scanned = rows_scanned, base_updated = rows_updated, base_batches = batches"
            " WHERE id = %s"
        ).format(_table(schema, "backfill_progress")),
        (backfill_id,),
    )
