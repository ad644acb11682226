"""How fast this server scans, rewrites and indexes: measured on a bounded sample, cached in its schema.

`calibrate` builds a sample table of `sample_mb` megabytes in the migwiz schema, times a CHECK
validation (a full scan), a foreign key validation, an index build and a table rewrite (ALTER COLUMN
TYPE) on it, drops it and stores the throughputs in `<schema>.calibration` (created if needed).
`load_calibration` reads the newest stored result for the server's major version. Without one,
`DEFAULT_THROUGHPUT` is used: deliberately slow figures, so uncalibrated estimates err on the long side.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Literal

import psycopg
from psycopg import sql
from psycopg.types.json import Jsonb

from migwiz.engine import queries
from migwiz.engine.history.state import ensure_state

SAMPLE_ROW_BYTES = 100
"""Approximate heap bytes per row of the sample (tuple header, item pointer, the four columns)."""
DEFAULT_SAMPLE_MB = 48
REPEATS = 3
"""Scans, foreign key checks and index builds are timed this many times (the median is kept)."""
SETTINGS = ("shared_buffers", "maintenance_work_mem", "max_parallel_maintenance_workers", "wal_level")

Source = Literal["default", "calibrated"]


@dataclass(frozen=True)
class Throughput:
    """Rates the duration estimates use: bytes scanned or rewritten per second, rows sorted into an index."""

    scan_bytes_per_s: float
    """A full scan checking every row (VALIDATE CONSTRAINT, SET NOT NULL, an index build's heap pass)."""
    rewrite_bytes_per_s: float
    """A table rewrite (ALTER COLUMN TYPE, VACUUM FULL), heap only: indexes are rebuilt on top."""
    index_rows_per_s: float
    """Rows sorted and written into a B-tree per second, beyond the heap scan."""
    fk_rows_per_s: float
    """Rows checked against the referenced table per second by a foreign key validation, beyond the scans."""
    source: Source = "default"
    measured_at: datetime | None = None
    server_version: int | None = None
    sample_bytes: int | None = None
    cache_bytes: int | None = None
    """shared_buffers of the server being planned: larger tables are read through the OS cache or disk."""

    @property
    def calibrated(self) -> bool:
        """Measured on this server (else the conservative defaults)."""
        return self.source == "calibrated"

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict (raw numbers)."""
        return {
            "source": self.source,
            "scan_bytes_per_s": self.scan_bytes_per_s,
            "rewrite_bytes_per_s": self.rewrite_bytes_per_s,
            "index_rows_per_s": self.index_rows_per_s,
            "fk_rows_per_s": self.fk_rows_per_s,
            "measured_at": self.measured_at.isoformat() if self.measured_at else None,
            "server_version": self.server_version,
            "sample_bytes": self.sample_bytes,
            "cache_bytes": self.cache_bytes,
        }


DEFAULT_THROUGHPUT = Throughput(
    scan_bytes_per_s=150e6,
    rewrite_bytes_per_s=25e6,
    index_rows_per_s=400e3,
    fk_rows_per_s=2e6,
    source="default",
)
"""Slow-disk figures, well below what a small cloud instance measures: uncalibrated plans overestimate."""


def _table(schema: str, name: str) -> sql.Composed:
    return sql.SQL("{}.{}").format(sql.Identifier(schema), sql.Identifier(name))


def ensure_calibration_table(conn: psycopg.Connection[Any], schema: str) -> None:
    """`<schema>.calibration` is part of migwiz's versioned state: make sure it is there (autocommit)."""
    ensure_state(conn, schema)


def load_calibration(conn: psycopg.Connection[Any], schema: str) -> Throughput | None:
    """The newest calibration stored for this server's major version, or None."""
    exists = conn.execute(queries.load("own_table_exists"), (schema, "calibration")).fetchone()
    if not exists or not exists[0]:
        return None
    major = conn.info.server_version // 10000
    row = conn.execute(
        sql.SQL(
            "SELECT scan_bytes_per_s, rewrite_bytes_per_s, index_rows_per_s, measured_at, sample_bytes,"
            " fk_rows_per_s"
            " FROM {} WHERE server_version / 10000 = %s ORDER BY measured_at DESC LIMIT 1"
        ).format(_table(schema, "calibration")),
        (major,),
    ).fetchone()
    if row is None:
        return None
    return Throughput(
        float(row[0]),
        float(row[1]),
        float(row[2]),
        float(row[5]) if row[5] is not None else DEFAULT_THROUGHPUT.fk_rows_per_s,
        source="calibrated",
        measured_at=row[3],
        server_version=conn.info.server_version,
        sample_bytes=int(row[4]),
    )


def calibrate(
    conn: psycopg.Connection[Any], schema: str, *, sample_mb: int = DEFAULT_SAMPLE_MB
) -> Throughput:
    """Measure this server on a sample table of about `sample_mb` MB and store the result.

    `conn` must be in autocommit. The sample lives in `schema` only while it is measured; it is dropped
    whatever happens. Takes a few seconds for the default size.
    """
    ensure_calibration_table(conn, schema)
    rows = max(10_000, sample_mb * 1_000_000 // SAMPLE_ROW_BYTES)
    sample = _table(schema, f"calibration_sample_{conn.info.backend_pid}")
    parent = _table(schema, f"calibration_parent_{conn.info.backend_pid}")
    conn.execute(sql.SQL("DROP TABLE IF EXISTS {}, {}").format(sample, parent))
    try:
        conn.execute(sql.SQL("CREATE TABLE {} (id integer PRIMARY KEY)").format(parent))
        conn.execute(sql.SQL("INSERT INTO {} SELECT pg_catalog.generate_series(1, 10000)").format(parent))
        conn.execute(
            sql.SQL(
                "CREATE TABLE {} (id integer NOT NULL, n integer NOT NULL, label text NOT NULL,"
                " created_at timestamptz NOT NULL, parent_id integer NOT NULL)"
            ).format(sample)
        )
        fill = queries.load("plan_calibration_sample")
        conn.execute(sql.SQL(fill).format(table=sample), {"rows": rows})
        conn.execute(sql.SQL("VACUUM (FREEZE, ANALYZE) {}").format(sample))
        conn.execute(sql.SQL("VACUUM (FREEZE, ANALYZE) {}").format(parent))
        heap = _heap_bytes(conn, sample)
        add_check = sql.SQL("ALTER TABLE {} ADD CONSTRAINT calibration_n CHECK (n >= 0) NOT VALID")
        add_fk = sql.SQL(
            "ALTER TABLE {} ADD CONSTRAINT calibration_fk FOREIGN KEY (parent_id) REFERENCES {} NOT VALID"
        )
        scans, fks, indexes = [], [], []
        for _ in range(REPEATS):  # the median of a few runs: one slow moment on a busy server is not the rate
            conn.execute(add_check.format(sample))
            scans.append(
                _timed(conn, sql.SQL("ALTER TABLE {} VALIDATE CONSTRAINT calibration_n").format(sample))
            )
            conn.execute(sql.SQL("ALTER TABLE {} DROP CONSTRAINT calibration_n").format(sample))
            conn.execute(add_fk.format(sample, parent))
            fks.append(
                _timed(conn, sql.SQL("ALTER TABLE {} VALIDATE CONSTRAINT calibration_fk").format(sample))
            )
            conn.execute(sql.SQL("ALTER TABLE {} DROP CONSTRAINT calibration_fk").format(sample))
            indexes.append(_timed(conn, sql.SQL("CREATE INDEX ON {} (n)").format(sample)))
            conn.execute(sql.SQL("DROP INDEX {}").format(_index_of(conn, sample)))
        scan_s, fk_s, index_s = (statistics.median(times) for times in (scans, fks, indexes))
        rewrite_s = _timed(conn, sql.SQL("ALTER TABLE {} ALTER COLUMN id TYPE bigint").format(sample))
    finally:
        conn.execute(sql.SQL("DROP TABLE IF EXISTS {}, {}").format(sample, parent))
    scan_rate = heap / max(scan_s, 1e-6)
    sort_s = max(index_s - heap / scan_rate, index_s * 0.2)
    join_s = max(fk_s - heap / scan_rate, fk_s * 0.2)
    result = Throughput(
        scan_bytes_per_s=scan_rate,
        rewrite_bytes_per_s=heap / max(rewrite_s, 1e-6),
        index_rows_per_s=rows / max(sort_s, 1e-6),
        fk_rows_per_s=rows / max(join_s, 1e-6),
        source="calibrated",
        server_version=conn.info.server_version,
        sample_bytes=heap,
    )
    settings = {name: _setting(conn, name) for name in SETTINGS}
    row = conn.execute(
        sql.SQL(
            "INSERT INTO {} (server_version, sample_bytes, sample_rows, scan_bytes_per_s,"
            " rewrite_bytes_per_s, index_rows_per_s, fk_rows_per_s, settings)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s) RETURNING measured_at"
        ).format(_table(schema, "calibration")),
        (
            conn.info.server_version, heap, rows, result.scan_bytes_per_s, result.rewrite_bytes_per_s,
            result.index_rows_per_s, result.fk_rows_per_s, Jsonb(settings),
        ),
    ).fetchone()  # fmt: skip
    return replace(result, measured_at=row[0] if row else None)


def _timed(conn: psycopg.Connection[Any], statement: sql.Composed) -> float:
    start = time.perf_counter()
    conn.execute(statement)
    return time.perf_counter() - start


def _heap_bytes(conn: psycopg.Connection[Any], table: sql.Composed) -> int:
    row = conn.execute(queries.load("plan_table_size"), (table.as_string(conn),)).fetchone()
    return int(row[0]) if row else 0


def _index_of(conn: psycopg.Connection[Any], table: sql.Composed) -> sql.Composed:
    row = conn.execute(queries.load("plan_calibration_index"), (table.as_string(conn),)).fetchone()
    assert row is not None, "the calibration index was just created"
    return _table(str(row[0]), str(row[1]))


def _setting(conn: psycopg.Connection[Any], name: str) -> str | None:
    row = conn.execute("SELECT pg_catalog.current_setting(%s, true)", (name,)).fetchone()
    return str(row[0]) if row and row[0] is not None else None
