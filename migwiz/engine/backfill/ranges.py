"""A backfill's key range cut into ranges, each with its own checkpoint, taken by any number of workers.

The ranges are cut once, when the backfill starts (or when a checkpoint written before ranges existed is
resumed): each is `(lower, upper]`, the next one starting where the one before ends, so together they
cover the backfill's key range exactly. A range's `last_key` starts at its `lower` bound and every batch
moves it in the batch's own transaction; a range is done when its last batch reaches `upper`. Workers
take the ranges that are not done in order; a resume, with any number of workers, goes on from each
range's `last_key`: no key twice, none missed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql

from migwiz.engine.backfill.keys import Key, KeysetQueries, TableKey

RANGE_ROWS = 2_000
"""The fewest rows a range is cut to (small tables get few ranges)."""
MAX_RANGES = 64
"""The most ranges a backfill is cut into: enough for 16 workers to share the tail."""
_INTEGER_TYPES = frozenset({"smallint", "integer", "bigint"})


@dataclass
class KeyRange:
    """One range of a backfill: keys in (lower, upper], done up to `last` (its lower bound at first)."""

    number: int
    lower: Key | None
    upper: Key
    last: Key | None
    done: bool = False


def range_count(total_estimate: int) -> int:
    """How many ranges to cut: about RANGE_ROWS rows each, at most MAX_RANGES.

    >>> range_count(4_000_000), range_count(20_000), range_count(0), range_count(3_000)
    (64, 10, 1, 2)
    """
    by_rows = -(-max(total_estimate, 0) // RANGE_ROWS)
    return max(1, min(MAX_RANGES, by_rows))


def cut_points(
    conn: psycopg.Connection[Any],
    key: TableKey,
    queries: KeysetQueries,
    after: Key | None,
    upper: Key,
    ranges: int,
    total_estimate: int,
) -> list[Key]:
    """The upper bound of each range over (after, upper]: ascending, the last one `upper`.

    A one-column integer key is cut arithmetically between its first key and `upper`; any other key
    by walking the index `total_estimate / ranges` entries at a time (one index-only pass in all).
    """
    if ranges <= 1:
        return [upper]
    if len(key.types) == 1 and key.types[0] in _INTEGER_TYPES:
        if after is None:
            row = conn.execute(queries.lower).fetchone()
            if row is None:
                return [upper]
            low = int(row[0]) - 1
        else:
            low = int(after[0])
        high = int(upper[0])
        width = (high - low) / ranges
        numbers = sorted({low + round(width * i) for i in range(1, ranges)} - {low, high})
        return [(str(p),) for p in numbers if low < p < high] + [upper]
    step = max(1, total_estimate // ranges)
    points: list[Key] = []
    last = after
    for _ in range(ranges - 1):
        query = queries.boundary_next if last is not None else queries.boundary_first
        row = conn.execute(query, [*(last or ()), *upper, step - 1]).fetchone()
        if row is None or tuple(row) == upper:
            break
        last = tuple(row)
        points.append(last)
    return [*points, upper]


def _table(schema: str) -> sql.Composed:
    return sql.SQL("{}.backfill_ranges").format(sql.Identifier(schema))


def create_ranges(
    conn: psycopg.Connection[Any], schema: str, backfill_id: str, after: Key | None, points: Sequence[Key]
) -> list[KeyRange]:
    """Store the ranges (after, p1], (p1, p2], ... and return them."""
    made: list[KeyRange] = []
    lower = after
    for number, upper in enumerate(points):
        made.append(KeyRange(number, lower, upper, lower))
        lower = upper
    with conn.cursor() as cur:
        cur.executemany(
            sql.SQL(
                "INSERT INTO {} (backfill_id, range_no, lower_key, upper_key, last_key)"
                " VALUES (%s, %s, %s, %s, %s)"
            ).format(_table(schema)),
            [
                (
                    backfill_id,
                    r.number,
                    list(r.lower) if r.lower else None,
                    list(r.upper),
                    list(r.last) if r.last else None,
                )
                for r in made
            ],
        )
    return made


def read_ranges(conn: psycopg.Connection[Any], schema: str, backfill_id: str) -> list[KeyRange]:
    """The ranges of a backfill in key order (empty when it was never cut)."""
    rows = conn.execute(
        sql.SQL(
            "SELECT range_no, lower_key, upper_key, last_key, done FROM {} WHERE backfill_id = %s"
            " ORDER BY range_no"
        ).format(_table(schema)),
        (backfill_id,),
    ).fetchall()
    return [
        KeyRange(
            int(r[0]),
            tuple(r[1]) if r[1] is not None else None,
            tuple(r[2]),
            tuple(r[3]) if r[3] is not None else None,
            bool(r[4]),
        )
        for r in rows
    ]


@dataclass(frozen=True)
class WorkerReading:
    """A worker of a backfill as another process sees it: its latest batch (for `backfill status`)."""

    worker: int
    range_no: int
    rate: float | None
    batch_size: int | None
    batch_ms: float | None
    age_s: float
    """Seconds since its latest batch committed."""

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "worker": self.worker,
            "range": self.range_no,
            "rate": round(self.rate, 1) if self.rate is not None else None,
            "batch_size": self.batch_size,
            "last_batch_ms": round(self.batch_ms, 1) if self.batch_ms is not None else None,
            "age_s": round(self.age_s, 1),
        }


def worker_readings(conn: psycopg.Connection[Any], schema: str, backfill_id: str) -> list[WorkerReading]:
    """Each worker's latest batch (its range, rate, batch size and duration), by worker number."""
    rows = conn.execute(
        sql.SQL(
            "SELECT DISTINCT ON (worker) worker, range_no, rate, batch_size, batch_ms,"
            " extract(epoch FROM clock_timestamp() - updated_at)::float8 FROM {}"
            " WHERE backfill_id = %s AND worker IS NOT NULL ORDER BY worker, updated_at DESC"
        ).format(_table(schema)),
        (backfill_id,),
    ).fetchall()
    return [WorkerReading(int(r[0]), int(r[1]), r[2], r[3], r[4], float(r[5])) for r in rows]


def ranges_left(conn: psycopg.Connection[Any], schema: str, backfill_id: str) -> tuple[int, int]:
    """(ranges not done, ranges in all) of a backfill."""
    row = conn.execute(
        sql.SQL("SELECT count(*) FILTER (WHERE NOT done), count(*) FROM {} WHERE backfill_id = %s").format(
            _table(schema)
        ),
        (backfill_id,),
    ).fetchone()
    return (int(row[0]), int(row[1])) if row else (0, 0)
