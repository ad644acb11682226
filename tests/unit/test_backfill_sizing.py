"""Batch sizing toward a target duration, and the waits of the brakes."""

from __future__ import annotations

from migwiz.engine.backfill.progress import BackfillProgress, progress_from_json
from migwiz.engine.backfill.throttle import BackfillSettings, BatchSizer, rate_wait_s


def test_size_grows_by_half_at_most_and_drops_below_the_target_at_once_after_an_overshoot() -> None:
    sizer = BatchSizer(BackfillSettings(initial_batch=1000, max_batch=100_000))
    assert sizer.observe(1000, 2.0, 20.0) == 1500  # would be 10000: grows by half at most
    assert sizer.observe(1500, 3.0, 20.0) == 2250
    assert sizer.observe(2250, 20.0, 20.0) == 2250  # on target
    # a batch slowed down to 5 times its target (a loaded machine): the next one aims under the target
    # at once, where halving would have taken it to 1125 rows, still 2.5 times the target at that pace
    assert sizer.observe(2250, 100.0, 20.0) == 360
    assert sizer.observe(360, 10.0, 20.0) == 540
    assert sizer.observe(540, 25.0, 20.0) == 345  # a small overshoot: under the target too


def test_the_defaults_aim_well_under_a_50_ms_lock_hold() -> None:
    settings = BackfillSettings()
    assert settings.contended_batch_ms < settings.target_batch_ms <= 25.0


def test_size_stays_within_bounds() -> None:
    sizer = BatchSizer(BackfillSettings(initial_batch=50, min_batch=40, max_batch=60))
    assert sizer.observe(50, 1.0, 200.0) == 60  # would be 75
    for _ in range(5):
        sizer.shrink()
    assert sizer.size == 40


def test_waits() -> None:
    assert rate_wait_s(500, 0.1, 1000.0) == 0.4
    assert rate_wait_s(500, 1.0, 1000.0) == 0.0


def test_progress_round_trips_through_json() -> None:
    progress = BackfillProgress("5", "orders", "running", 250, 200, 1000, 3, 100, 50.0, 15.0, 5.0, 12.5)
    assert progress.fraction == 0.25
    again = progress_from_json(progress.to_json())
    assert again == progress
    assert progress_from_json({"rows_done": 1}) is None
