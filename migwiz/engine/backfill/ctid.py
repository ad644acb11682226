"""Backfills of tables without a primary key: ranges of the table's blocks (ctid ranges).

A batch updates the rows of blocks (last, end] that were written before the backfill started: their
`xmin` precedes the transaction id recorded at the start (compared with `age()`, so it holds across
xid wraparound; frozen rows count as old). A row the backfill updated has a newer xmin wherever its new
version lands, so it is never met twice; a row nobody touched since the start stays in its block, so
none is missed. Rows inserted or updated by others after the start are the expand phase's business (its
trigger), as inserts are for key ranges. The block range ends at the table's last block at the start.
A table rewritten since (VACUUM FULL, CLUSTER) has moved its rows: the resume is refused.

PostgreSQL 14+ reads a block range with a TID range scan; older servers get the block's possible
tuple ids as an array (a TID scan).
"""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg import sql

from migwiz.engine import queries
from migwiz.engine.backfill.keys import HELD_MS, KeysetQueries, TableKey, _escape
from migwiz.engine.backfill.spec import BackfillSpec
from migwiz.engine.errors import MigrationFileError

CTID_COLUMNS = ("ctid",)
_MAX_TUPLES_PER_PAGE = 291  # MaxHeapTuplesPerPage for 8 kB blocks; larger blocks use the TID range scan


def ctid_key(conn: psycopg.Connection[Any], spec: BackfillSpec) -> TableKey:
    """The block-range "key" of a table without a primary key (refused for partitioned or inherited
    tables, whose children share tuple ids)."""
    row = conn.execute(queries.load("backfill_ctid_relation"), (spec.relation,)).fetchone()
    assert row is not None
    if row[0] == "p" or (row[1] and not spec.only):
        raise MigrationFileError(
            f"{spec.path}:{spec.line}: table {spec.relation} has no primary key and has partitions or child"
            " tables, so it cannot be backfilled in key or block ranges",
            f"add a primary key, or backfill each partition on its own (UPDATE ONLY {spec.relation} ...)",
        )
    return TableKey(spec.relation, CTID_COLUMNS, ("bigint",), kind="ctid")


def table_state(conn: psycopg.Connection[Any], spec: BackfillSpec) -> tuple[str, int, int]:
    """(the transaction id now, the table's file node, its last block) at the start of a backfill."""
    row = conn.execute(queries.load("backfill_ctid_table_state"), (spec.relation, spec.relation)).fetchone()
    assert row is not None
    return str(row[0]), int(row[1]), int(row[2])


def ctid_queries(
    spec: BackfillSpec, schema: str, start_xid: str, rows_per_block: float, major: int
) -> KeysetQueries:
    """The statements of a block-range backfill (same shapes and parameters as keyset_queries')."""
    ctid = sql.Identifier(spec.qualifier, "ctid")
    xmin = sql.Identifier(spec.qualifier, "xmin")
    # the start's xid as a 32-bit xid: rows older than it are the backfill's
    old = sql.SQL("pg_catalog.age({}) > pg_catalog.age(({} %% 4294967296)::text::xid)").format(
        xmin, sql.Literal(int(start_xid))
    )
    if major >= 14:
        blocks = sql.SQL(
            "{ctid} >= format('(%%s,0)', %s::bigint + 1)::tid"
            " AND {ctid} < format('(%%s,0)', %s::bigint + 1)::tid"
        ).format(ctid=ctid)
    else:
        blocks = sql.SQL(
            "{ctid} = ANY (ARRAY(SELECT format('(%%s,%%s)', b, o)::tid"
            " FROM generate_series(%s::bigint + 1, %s::bigint) AS b, generate_series(1, {n}) AS o))"
        ).format(ctid=ctid, n=sql.Literal(_MAX_TUPLES_PER_PAGE))
    condition = sql.SQL("{} AND {}").format(blocks, old)
    if spec.where_sql is not None:
        condition = sql.SQL("{} AND ({})").format(condition, _escape(spec.where_sql))
    state = sql.Identifier(schema)
    batch = sql.SQL(
        "WITH batch AS ({update} WHERE {condition} RETURNING 1),"
        " checkpoint AS (UPDATE {state}.backfill_ranges SET last_key = %s::text[],"
        " rows_scanned = rows_scanned + %s, rows_updated = rows_updated + (SELECT count(*) FROM batch),"
        " batches = batches + 1, batch_size = %s, rate = %s, batch_ms = %s, done = %s, worker = %s,"
        " updated_at = clock_timestamp() WHERE backfill_id = %s AND range_no = %s RETURNING 1)"
        " SELECT (SELECT count(*) FROM batch), (SELECT count(*) FROM checkpoint),"
        " c.paused, c.batch_size, c.max_rate, c.target_ms, c.workers, {held}"
        " FROM (SELECT 1) AS one LEFT JOIN {state}.backfill_control AS c ON c.id = %s"
    ).format(update=_escape(spec.set_sql), condition=condition, state=state, held=sql.SQL(HELD_MS))
    # a batch of n rows is about n / rows_per_block blocks; (last, upper, n - 1) -> the batch's last block
    per_block = sql.Literal(max(1.0, rows_per_block))
    boundary = sql.SQL(
        "SELECT least(x.l + greatest(1, ceil((x.n + 1) / {}))::bigint, x.u)::text"
        " FROM (SELECT %s::bigint AS l, %s::bigint AS u, %s::bigint AS n) AS x"
    ).format(per_block)
    nothing = sql.Composed([sql.SQL("SELECT NULL WHERE false")])
    return KeysetQueries(
        upper=nothing,
        lower=nothing,
        boundary_first=nothing,
        boundary_next=boundary,
        remaining_first=nothing,
        remaining_next=nothing,
        batch_first=batch,
        batch_next=batch,
        rows_per_block=max(1.0, rows_per_block),
    )
