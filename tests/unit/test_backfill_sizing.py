"""Batch sizing toward a target duration, and the waits of the brakes."""

from __future__ import annotations

from migwiz.engine.backfill.progress import BackfillProgress, progress_from_json
from migwiz.engine.backfill.throttle import BackfillSettings, BatchSizer, ServerLoad, rate_wait_s, wal_wait_s


def test_size_moves_toward_the_target_at_most_doubling_or_halving() -> None:
    sizer = BatchSizer(BackfillSettings(initial_batch=1000, max_batch=100_000))
    assert sizer.observe(1000, 10.0, 200.0) == 2000  # would be 20000: capped at double
    assert sizer.observe(2000, 20.0, 200.0) == 4000
    assert sizer.observe(4000, 1000.0, 200.0) == 2000  # would be 800: at most halved
    assert sizer.observe(2000, 200.0, 200.0) == 2000
    assert sizer.observe(2000, 250.0, 200.0) == 1600


def test_size_stays_within_bounds() -> None:
    sizer = BatchSizer(BackfillSettings(initial_batch=50, min_batch=40, max_batch=60))
    assert sizer.observe(50, 1.0, 200.0) == 60
    for _ in range(5):
        sizer.shrink()
    assert sizer.size == 40


def test_waits() -> None:
    assert rate_wait_s(500, 0.1, 1000.0) == 0.4
    assert rate_wait_s(500, 1.0, 1000.0) == 0.0
    assert wal_wait_s(ServerLoad(10.0, None, 1e6), ServerLoad(10.5, None, 3e6), 1e6) == 1.5


def test_progress_round_trips_through_json() -> None:
    progress = BackfillProgress("5", "orders", "running", 250, 200, 1000, 3, 100, 50.0, 15.0, 5.0, 12.5)
    assert progress.fraction == 0.25
    again = progress_from_json(progress.to_json())
    assert again == progress
    assert progress_from_json({"rows_done": 1}) is None
