"""Backfills of tables without a primary key walk block (ctid) ranges, on real servers.

The backfill UPDATE increments `n`: every row present at the start ends with n = 1 however the run is
cut (SIGKILL at random points, resumed with other worker counts); rows the application updates during
the backfill get a new version, which the backfill leaves to the expand phase's trigger.
"""

from __future__ import annotations

import signal
import threading
from pathlib import Path

import pytest

from migwiz.engine.backfill import Backfill, BackfillSettings, control_backfill
from migwiz.engine.backfill.ranges import read_ranges
from migwiz.engine.errors import MigrationFileError
from migwiz.engine.servers.connect import connect
from tests.conftest import TestDatabase
from tests.helpers import run_cli, start_cli, wait_for, write_migrations
from tests.helpers.backfill import MIGRATIONS, backfill, executor_gone, rows_scanned, run, sigkill_and_resume

ROWS = 30_000


@pytest.fixture
def db(client_db: TestDatabase) -> TestDatabase:
    """Block ranges and their resume are the backfill's bookkeeping (TID range scans exist on every server):
    the newest server in `make test`, every server in `make test-versions` (tests/db/conftest.py)."""
    return client_db


def make_heap(db: TestDatabase, rows: int = ROWS) -> None:
    """`items` without a primary key (and its free space used up, so updated rows move on)."""
    db.execute(
        "CREATE TABLE items (id bigint NOT NULL, v bigint NOT NULL, w bigint, n int NOT NULL DEFAULT 0,"
        " wl int NOT NULL DEFAULT 0) WITH (fillfactor = 100);"
        f"INSERT INTO items (id, v) SELECT g, g FROM generate_series(1, {rows}) g"
    )
    db.execute("VACUUM ANALYZE items")
    db.execute("CREATE TABLE origin AS SELECT id, (ctid::text::point)[0]::int AS blk FROM items")


def backfill_in_thread(db: TestDatabase, **settings: object) -> tuple[Backfill, threading.Thread]:
    job = backfill(db, settings=BackfillSettings(**settings))  # type: ignore[arg-type]
    thread = threading.Thread(target=job.run, daemon=True)
    thread.start()
    return job, thread


def assert_blocks_match_rows(db: TestDatabase) -> int:
    """Each block range's rows (by the block each row was in at the start: updated rows move) are done
    exactly up to its checkpoint block; returns the rows done."""
    with connect(db.dsn, autocommit=True) as conn:
        ranges = read_ranges(conn, "migwiz", "1")
    assert ranges
    for r in ranges:
        low = int(r.lower[0]) if r.lower else -1
        last = int(r.last[0]) if r.last else low
        high = int(r.upper[0])
        counts = db.execute(
            f"SELECT count(*) FILTER (WHERE n <> 1 AND blk <= {last}),"
            f" count(*) FILTER (WHERE n <> 0 AND blk > {last}) FROM items JOIN origin USING (id)"
            f" WHERE blk > {low} AND blk <= {high}"
        )
        assert counts == [(0, 0)], f"blocks ({low}, {high}] checkpoint at {last}"
    assert db.execute("SELECT count(*) FROM items WHERE n > 1") == [(0,)]
    return int(str(db.execute("SELECT count(*) FROM items WHERE n = 1")[0][0]))


@pytest.mark.parametrize(("seed", "counts"), [(4, (3, 1, 2)), (5, (1, 4, 2))])
def test_sigkill_at_random_points_resumed_with_other_worker_counts(
    db: TestDatabase, tmp_path: Path, seed: int, counts: tuple[int, int, int]
) -> None:
    make_heap(db)
    folder = write_migrations(tmp_path / "m", MIGRATIONS)
    sigkill_and_resume(db, folder, seed=seed, counts=counts, rows=ROWS, rows_done=assert_blocks_match_rows)
    assert db.execute("SELECT n, count(*) FROM items GROUP BY n") == [(1, ROWS)]
    assert db.execute("SELECT count(*) FROM items WHERE w IS DISTINCT FROM v * 2") == [(0,)]


def test_rows_updated_by_others_since_the_start_are_left_to_them(db: TestDatabase) -> None:
    make_heap(db, 5000)
    control_backfill(db.dsn, "migwiz", "2", paused=True)
    job, thread = backfill_in_thread(db, workers=2)
    try:
        wait_for(lambda: db.execute("SELECT count(*) FROM migwiz.backfill_ranges") != [(0,)])
        db.execute("UPDATE items SET wl = wl + 1 WHERE id % 100 = 0")  # after the start: new versions
        control_backfill(db.dsn, "migwiz", "2", paused=False)
    finally:
        thread.join(timeout=60)
        job.conn.close()
    assert not thread.is_alive()
    assert db.execute("SELECT wl, n, count(*) FROM items GROUP BY wl, n ORDER BY wl") == [
        (0, 1, 4950),
        (1, 0, 50),
    ]


def test_partitioned_table_without_key_is_refused(db: TestDatabase) -> None:
    db.execute(
        "CREATE TABLE parts (v int, w int) PARTITION BY RANGE (v);"
        "CREATE TABLE parts_1 PARTITION OF parts FOR VALUES FROM (0) TO (100)"
    )
    with pytest.raises(MigrationFileError, match=r"2_fill.up.sql:3: table parts has no primary key and has"):
        run(db, "UPDATE parts SET w = v")


def test_a_rewritten_table_is_not_resumed(db: TestDatabase, tmp_path: Path) -> None:
    make_heap(db, 20_000)
    folder = write_migrations(tmp_path / "m", MIGRATIONS)
    control_backfill(db.dsn, "migwiz", "1", batch_size=300, max_rate=20_000, workers=1)
    proc = start_cli("up", "--dir", folder, "--dsn", db.dsn, quiet=True)
    try:
        wait_for(lambda: rows_scanned(db.dsn) >= 2000, timeout=60)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    wait_for(lambda: executor_gone(db), timeout=30)
    db.execute("VACUUM FULL items")
    result = run_cli("up", "--dir", folder, "--dsn", db.dsn)
    assert result.code != 0
    assert "items was rewritten since this backfill started" in result.stderr, result.stderr
