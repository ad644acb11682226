"""Starting or resuming a backfill: its key (or block range), its statements and its checkpoint."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql

from migwiz.engine.backfill.ctid import ctid_key, ctid_queries, table_state
from migwiz.engine.backfill.events import BackfillResumed, BackfillStarted
from migwiz.engine.backfill.keys import Key, KeysetQueries, TableKey, keyset_queries, primary_key
from migwiz.engine.backfill.spec import BackfillSpec
from migwiz.engine.backfill.store import (
    Checkpoint,
    claim_checkpoint,
    ensure_backfill_state,
    read_checkpoint,
    start_checkpoint,
)
from migwiz.engine.errors import MigrationFileError


@dataclass(frozen=True)
class Begun:
    """A backfill ready to run: how it walks the table, its statements, and where it stands."""

    key: TableKey
    queries: KeysetQueries
    checkpoint: Checkpoint
    resumed: bool


def estimate_rows(conn: psycopg.Connection[Any], spec: BackfillSpec) -> int:
    """The planner's estimate of the table's rows (what the progress bar divides by)."""
    table = sql.Identifier(*(p for p in (spec.schema, spec.table) if p is not None))
    row = conn.execute(sql.SQL("EXPLAIN (FORMAT JSON) SELECT 1 FROM {}").format(table)).fetchone()
    assert row is not None
    return int(row[0][0]["Plan"]["Plan Rows"])


def begin(
    conn: psycopg.Connection[Any],
    spec: BackfillSpec,
    backfill_id: str,
    schema: str,
    run_id: str,
    emit: Callable[[BackfillStarted | BackfillResumed], None],
    *,
    resume: bool,
) -> Begun:
    """Start the backfill (its range fixed here, once), or resume it from its checkpoint (`run_id`: the
    run that holds it now; `emit` publishes which)."""
    where = f"{spec.path}:{spec.line}"
    ensure_backfill_state(conn, schema)
    key = primary_key(conn, spec) or ctid_key(conn, spec)
    checkpoint = read_checkpoint(conn, schema, backfill_id) if resume else None
    resumed = checkpoint is not None
    if checkpoint is not None and checkpoint.key_columns != key.columns:
        raise MigrationFileError(
            f"{where}: the primary key of {key.relation} changed since this backfill started "
            f"({', '.join(checkpoint.key_columns)} -> {', '.join(key.columns)})",
            "roll the migration back (migwiz down) and apply it again",
        )
    xid: str | None = None
    filenode: int | None = None
    if key.kind == "ctid":
        xid, filenode, last_block = table_state(conn, spec)
        if checkpoint is not None and checkpoint.state != "done" and checkpoint.table_filenode != filenode:
            raise MigrationFileError(
                f"{where}: {key.relation} was rewritten since this backfill started (VACUUM FULL, CLUSTER"
                " or a rewriting ALTER TABLE), so its rows are no longer in the blocks it walks",
                "roll the migration back (migwiz down) and apply it again",
            )
    if checkpoint is None:
        if key.kind == "ctid":
            upper: Key | None = (str(last_block),) if last_block >= 0 else None
        else:
            row = conn.execute(keyset_queries(spec, key, schema).upper).fetchone()
            upper = tuple(row) if row else None
        checkpoint = start_checkpoint(
            conn,
            schema,
            backfill_id,
            relation=key.relation,
            key_columns=key.columns,
            statement=spec.sql,
            upper_key=upper,
            total_estimate=estimate_rows(conn, spec),
            run_id=run_id,
            start_xid=xid,
            table_filenode=filenode,
        )
        by_block = key.kind == "ctid"
        emit(
            BackfillStarted(
                backfill_id, key.relation, tuple(key.columns), upper, checkpoint.total_estimate, by_block
            )
        )
    elif checkpoint.state != "done":
        claim_checkpoint(conn, schema, backfill_id, run_id)
        last = tuple(checkpoint.last_key) if checkpoint.last_key else None
        emit(BackfillResumed(backfill_id, key.relation, last, checkpoint.rows_scanned))
    if key.kind == "ctid" and checkpoint.upper_key is not None and checkpoint.start_xid is not None:
        blocks = int(checkpoint.upper_key[0]) + 1
        per_block = (checkpoint.total_estimate or 0) / blocks
        major = conn.info.server_version // 10000
        queries = ctid_queries(spec, schema, checkpoint.start_xid, per_block, major)
    else:
        queries = keyset_queries(spec, key, schema)
    return Begun(key, queries, checkpoint, resumed)
