"""Parallel backfills on real servers: SIGKILL at random points, resumed with other worker counts.

The backfill UPDATE increments `n` on each row it touches. After every kill, each range's rows are
done exactly up to that range's committed checkpoint (n = 1 up to `last_key`, n = 0 after it) and the
counts agree; after the final run, every row of the key range has n = 1: none twice, none missed,
whatever the number of workers in each run.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from migwiz.engine.backfill import (
    BackfillSettings,
    backfill_status,
    control_backfill,
)
from migwiz.engine.backfill.brakes import auto_workers
from migwiz.engine.backfill.ranges import read_ranges
from migwiz.engine.servers.connect import connect
from tests.conftest import TestDatabase
from tests.helpers import run_cli, wait_for, write_migrations
from tests.helpers.backfill import (
    MIGRATIONS,
    assert_each_row_once,
    backfill,
    make_items,
    sigkill_and_resume,
    workers_seen,
)

ROWS = 30_000


@pytest.fixture
def db(client_db: TestDatabase) -> TestDatabase:
    """Ranges, workers and their resume after SIGKILL are the backfill's bookkeeping:
    the newest server in `make test`, every server in `make test-versions` (tests/db/conftest.py)."""
    return client_db


def live_workers(db: TestDatabase) -> int:
    """Workers `backfill status` shows for the one backfill (0 before it started)."""
    statuses = backfill_status(db.dsn, "migwiz")
    return len(statuses[0].workers) if statuses else 0


def assert_ranges_match_rows(db: TestDatabase) -> int:
    """Each range's rows are done exactly up to its checkpoint; returns the rows done in all."""
    with connect(db.dsn, autocommit=True) as conn:
        ranges = read_ranges(conn, "migwiz", "1")
    assert ranges, "the backfill was cut into ranges"
    total = 0
    for r in ranges:
        low = int(r.lower[0]) if r.lower else 0
        last = int(r.last[0]) if r.last else low
        high = int(r.upper[0])
        counts = db.execute(
            f"SELECT count(*) FILTER (WHERE n = 1 AND id <= {last}),"
            f" count(*) FILTER (WHERE n <> 1 AND id <= {last}),"
            f" count(*) FILTER (WHERE n <> 0 AND id > {last}) FROM items WHERE id > {low} AND id <= {high}"
        )
        assert counts == [(last - low, 0, 0)], f"range {r.number} ({low}, {high}] checkpoint at {last}"
        total += last - low
    assert db.execute("SELECT count(*) FROM items WHERE n > 1") == [(0,)]
    assert db.execute("SELECT sum(rows_scanned) FROM migwiz.backfill_ranges") == [(total,)]
    return total


@pytest.mark.parametrize(("seed", "counts"), [(1, (4, 1, 2)), (2, (1, 3, 4)), (3, (2, 4, 1))])
def test_sigkill_at_random_points_resumed_with_other_worker_counts(
    db: TestDatabase, tmp_path: Path, seed: int, counts: tuple[int, int, int]
) -> None:
    make_items(db, ROWS, trigger=False)
    folder = write_migrations(tmp_path / "m", MIGRATIONS)
    sigkill_and_resume(db, folder, seed=seed, counts=counts, rows=ROWS, rows_done=assert_ranges_match_rows)
    assert_each_row_once(db, ROWS)
    assert db.execute("SELECT success FROM migwiz.history WHERE version = '1'") == [(True,)]
    assert db.execute("SELECT rows_scanned, state FROM migwiz.backfill_progress") == [(ROWS, "done")]


def test_workers_change_while_running_and_each_reports_its_rate(db: TestDatabase) -> None:
    make_items(db, ROWS, trigger=False)
    seen: list[int] = []
    settings = BackfillSettings(workers=1, initial_batch=200, max_batch=200, max_rows_per_s=15_000)
    job = backfill(
        db,
        settings=settings,
        on_progress=lambda p: seen.append(sum(1 for w in p.workers if w.state != "done")),
    )
    conn = job.conn
    thread = threading.Thread(target=job.run, daemon=True)
    thread.start()
    try:
        wait_for(lambda: bool(seen) and seen[-1] == 1)
        control_backfill(db.dsn, "migwiz", "2", workers=3)
        wait_for(lambda: seen[-1] == 3)
        control_backfill(db.dsn, "migwiz", "2", max_rate=1e9)
    finally:
        thread.join(timeout=60)
        conn.close()
    assert not thread.is_alive()
    assert_each_row_once(db, ROWS)
    assert workers_seen(db) == 3


def test_status_shows_each_worker_its_rate_the_brake_and_an_eta(db: TestDatabase) -> None:
    make_items(db, ROWS, trigger=False)
    settings = BackfillSettings(
        workers=2, initial_batch=200, max_batch=200, max_rows_per_s=1500
    )  # 20 s: time to look
    job = backfill(db, settings=settings)
    conn = job.conn
    thread = threading.Thread(target=job.run, daemon=True)
    thread.start()
    try:
        wait_for(
            lambda: live_workers(db) == 2 and backfill_status(db.dsn, "migwiz")[0].eta_s is not None,
            "2 workers",
        )
        wait_for(
            lambda: all(w.rate for w in backfill_status(db.dsn, "migwiz")[0].workers)
        )  # a second batch each
        result = run_cli("backfill", "status", "--dsn", db.dsn, "--json")
        assert result.code == 0, result.stderr
        [row] = result.json()["backfills"]
        assert row["state"] == "running" and row["alive"]
        assert [w["worker"] for w in row["workers"]] == [0, 1]
        assert all(w["rate"] > 0 and 0 < w["batch_size"] <= 200 for w in row["workers"])
        assert row["brake"] == "max rate 1500 rows/s"
        assert row["eta_s"] > 0 and row["ranges"] == 15
        text = run_cli("backfill", "status", "--dsn", db.dsn)
        assert "2 worker 0: range" in text.stdout and "2 worker 1: range" in text.stdout, text.stdout
        assert "max rate 1500 rows/s" in text.stdout
        tuned = run_cli("backfill", "tune", "--workers", "3", "--dsn", db.dsn)
        assert tuned.code == 0 and "3 workers" in tuned.stdout, tuned.stderr
        wait_for(lambda: live_workers(db) == 3, timeout=30)
        control_backfill(db.dsn, "migwiz", "2", max_rate=1e9)
    finally:
        thread.join(timeout=60)
        conn.close()
    assert not thread.is_alive()
    assert_each_row_once(db, ROWS)
    [status] = backfill_status(db.dsn, "migwiz")
    assert status.checkpoint.state == "done" and not status.workers


def test_default_workers_follow_the_cores_and_the_load(db: TestDatabase) -> None:
    with connect(db.dsn, autocommit=True) as conn:
        here, why_here = auto_workers(conn, local=True)
        assert 1 <= here <= min(8, os.cpu_count() or 1) and "cores here, load" in why_here
        conn.execute("SET max_parallel_workers = 3")
        remote, why_remote = auto_workers(conn, local=False)
        assert 1 <= remote <= 3 and why_remote.startswith("max_parallel_workers 3, ")
        conn.execute("SET max_parallel_workers = 0")
        assert auto_workers(conn, local=False)[0] == 1


@pytest.mark.parametrize("workers", [1, 3])
def test_up_workers_sets_the_workers_of_the_backfills_it_starts(
    db: TestDatabase, tmp_path: Path, workers: int
) -> None:
    make_items(db, ROWS, trigger=False)
    folder = write_migrations(tmp_path / "m", MIGRATIONS)
    control_backfill(db.dsn, "migwiz", "1", batch_size=500)  # many batches: every worker gets ranges
    result = run_cli("up", "--dir", folder, "--dsn", db.dsn, "--workers", str(workers))
    assert result.code == 0, result.stderr
    assert_each_row_once(db, ROWS)
    started = db.execute(
        "SELECT (data->>'workers')::int FROM migwiz.events WHERE step = 'backfill' AND data ? 'ranges'"
    )
    assert started == [(workers,)]
    assert workers_seen(db) == workers
    refused = run_cli("up", "--dir", folder, "--dsn", db.dsn, "--workers", "0")
    assert refused.code == 2 and "--workers" in refused.stderr
