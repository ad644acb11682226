"""The table's primary key and the keyset SQL a backfill walks it with.

Keys travel as tuples of text (each column cast to text by the server and cast back by the comparison
it is bound into), so integer, uuid, text, timestamp and composite keys are all handled the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql

from migwiz.engine import queries
from migwiz.engine.backfill.spec import BackfillSpec
from migwiz.engine.errors import MigrationFileError

Key = tuple[str, ...]


@dataclass(frozen=True)
class TableKey:
    """A table's primary key: its columns in key order and their types."""

    relation: str
    columns: tuple[str, ...]
    types: tuple[str, ...]
    kind: str = "key"
    """"key" (a primary key), or "ctid" (block ranges of a table without one: ctid.py)."""

    @property
    def start(self) -> Key | None:
        """The lower bound (exclusive) of the whole range: none for keys, block -1 for block ranges."""
        return ("-1",) if self.kind == "ctid" else None


def primary_key(conn: psycopg.Connection[Any], spec: BackfillSpec) -> TableKey | None:
    """The primary key of the backfill's table (None without one); MigrationFileError if the table is
    missing, or if the UPDATE sets a key column (the batches walk the key: a moved row would be met
    again)."""
    where = f"{spec.path}:{spec.line}"
    exists = conn.execute(queries.load("relation_oid"), (spec.relation,)).fetchone()
    if not exists or exists[0] is None:
        raise MigrationFileError(f"{where}: table {spec.relation} does not exist")
    rows = conn.execute(queries.load("backfill_primary_key"), {"relation": spec.relation}).fetchall()
    if not rows:
        return None
    key = TableKey(spec.relation, tuple(r[0] for r in rows), tuple(r[1] for r in rows))
    moved = [c for c in spec.columns if c in key.columns]
    if moved:
        raise MigrationFileError(
            f"{where}: the backfill sets {', '.join(moved)}, part of the primary key of {spec.relation} that"
            " it walks in batches: a row it moves forward would be updated again by a later batch",
            "change key columns in a plain migration, or backfill a new column and swap it in",
        )
    return key


def _escape(text: str) -> sql.SQL:
    """User SQL as a fragment of a query that is run with parameters (`%` doubled)."""
    return sql.SQL(text.replace("%", "%%"))


def _row(names: list[sql.Composable]) -> sql.Composed:
    return sql.SQL("({})").format(sql.SQL(", ").join(names))


@dataclass(frozen=True)
class KeysetQueries:
    """The SQL of one backfill: bounds, batch boundary, and the batch itself (with its checkpoint)."""

    upper: sql.Composed
    lower: sql.Composed
    boundary_first: sql.Composed
    boundary_next: sql.Composed
    remaining_first: sql.Composed
    remaining_next: sql.Composed
    batch_first: sql.Composed
    batch_next: sql.Composed
    rows_per_block: float | None = None
    """Block ranges (ctid.py): the rows a batch walks are estimated from its blocks."""


HELD_MS = "(extract(epoch FROM clock_timestamp() - statement_timestamp()) * 1000)::float8"
"""The last column of a batch: milliseconds from the start of its statement (its transaction: a batch is
one statement) to the end of its work, measured by the server: how long it held its row locks, less the
commit (without the client's round trip, or the client waiting for a core)."""


def keyset_queries(spec: BackfillSpec, key: TableKey, schema: str) -> KeysetQueries:
    """Build every statement the backfill runs.

    A batch is one statement, so it is one short transaction: the user's UPDATE limited to the key
    range (last, end], and the checkpoint of its range (`backfill_ranges`) moved to `end`. It returns the
    rows it updated and the operator's control row (pause, batch size, rate, target, workers).
    """
    n = len(key.columns)
    table = sql.SQL("{}{}").format(
        sql.SQL("ONLY ") if spec.only else sql.SQL(""),
        sql.Identifier(*(p for p in (spec.schema, spec.table) if p is not None)),
    )
    bare = [sql.Identifier(c) for c in key.columns]
    qualified = [sql.Identifier(spec.qualifier, c) for c in key.columns]
    params = [sql.Placeholder()] * n
    # output names that cannot shadow a column in ORDER BY (which would then sort the text)
    as_text = sql.SQL(", ").join(
        sql.SQL("{}::text AS {}").format(c, sql.Identifier(f"migwiz_key_{i}")) for i, c in enumerate(bare)
    )
    order = sql.SQL(", ").join(bare)
    order_desc = sql.SQL(", ").join(sql.SQL("{} DESC").format(c) for c in bare)

    def range_of(cols: list[sql.Identifier], lower: bool) -> sql.Composed:
        upper = sql.SQL("{} <= {}").format(_row(list(cols)), _row(list(params)))
        if not lower:
            return upper
        return sql.SQL("{} > {} AND {}").format(_row(list(cols)), _row(list(params)), upper)

    def boundary(lower: bool) -> sql.Composed:
        return sql.SQL("SELECT {} FROM {} WHERE {} ORDER BY {} OFFSET %s LIMIT 1").format(
            as_text, table, range_of(bare, lower), order
        )

    def remaining(lower: bool) -> sql.Composed:
        return sql.SQL("SELECT count(*) FROM {} WHERE {}").format(table, range_of(bare, lower))

    state = sql.Identifier(schema)

    def batch(lower: bool) -> sql.Composed:
        condition = range_of(qualified, lower)
        if spec.where_sql is not None:
            condition = sql.SQL("{} AND ({})").format(condition, _escape(spec.where_sql))
        return sql.SQL(
            "WITH batch AS ({update} WHERE {condition} RETURNING 1),"
            " checkpoint AS (UPDATE {state}.backfill_ranges SET last_key = %s::text[],"
            " rows_scanned = rows_scanned + %s, rows_updated = rows_updated + (SELECT count(*) FROM batch),"
            " batches = batches + 1, batch_size = %s, rate = %s, batch_ms = %s, done = %s, worker = %s,"
            " updated_at = clock_timestamp() WHERE backfill_id = %s AND range_no = %s RETURNING 1)"
            " SELECT (SELECT count(*) FROM batch), (SELECT count(*) FROM checkpoint),"
            " c.paused, c.batch_size, c.max_rate, c.target_ms, c.workers, {held}"
            " FROM (SELECT 1) AS one LEFT JOIN {state}.backfill_control AS c ON c.id = %s"
        ).format(update=_escape(spec.set_sql), condition=condition, state=state, held=sql.SQL(HELD_MS))

    return KeysetQueries(
        upper=sql.SQL("SELECT {} FROM {} ORDER BY {} LIMIT 1").format(as_text, table, order_desc),
        lower=sql.SQL("SELECT {} FROM {} ORDER BY {} LIMIT 1").format(as_text, table, order),
        boundary_first=boundary(False),
        boundary_next=boundary(True),
        remaining_first=remaining(False),
        remaining_next=remaining(True),
        batch_first=batch(False),
        batch_next=batch(True),
    )
