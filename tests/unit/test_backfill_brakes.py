"""The shared brakes of a parallel backfill, the rate window behind its ETA, and the range count."""

from __future__ import annotations

import doctest

import pytest

from migwiz.engine.backfill import brakes, progress, ranges, serverbrakes
from migwiz.engine.backfill.brakes import Governor, Latency, latency_pressure


@pytest.mark.parametrize(
    "module", [brakes, progress, ranges, serverbrakes], ids=lambda m: m.__name__.rsplit(".", 1)[1]
)
def test_doctests(module: object) -> None:
    result = doctest.testmod(module)  # type: ignore[arg-type]
    assert result.attempted > 0 and result.failed == 0


def test_governor_halves_the_workers_under_pressure_then_gives_them_back_one_a_second() -> None:
    g = Governor(4, calm_s=2.0)
    g.update("app latency 40 ms", 0.0)
    assert (g.allowed, g.pause_ms) == (2, 0.0)
    g.update("app latency 40 ms", 0.5)  # at most one cut a second
    assert g.allowed == 2
    g.update("app latency 40 ms", 1.0)
    assert g.allowed == 1
    g.update("app latency 40 ms", 2.0)  # one worker left: a pause between batches instead
    assert (g.allowed, g.pause_ms) == (1, 50.0)
    assert g.describe() == "app latency 40 ms: 1 of 4 workers, 50 ms between batches"
    g.update(None, 3.0)  # calm for less than 2 s: nothing changes
    assert (g.allowed, g.pause_ms) == (1, 50.0)
    g.update(None, 4.0)
    assert (g.allowed, g.pause_ms) == (1, 0.0)
    for t, allowed in [(5.0, 2), (5.5, 2), (6.0, 3), (7.0, 4), (8.0, 4)]:
        g.update(None, t)
        assert g.allowed == allowed, t
    assert g.describe() is None


def test_governor_follows_the_operator_without_exceeding_a_brake() -> None:
    g = Governor(2)
    g.want(6)
    assert (g.wanted, g.allowed) == (6, 6)
    g.update("lock waits", 0.0)
    assert g.allowed == 3
    g.want(8)
    assert (g.wanted, g.allowed) == (8, 3)
    g.want(2)
    assert g.allowed == 2


def test_latency_pressure_needs_both_the_factor_and_the_slack() -> None:
    assert latency_pressure(Latency(31.0, 0.5, None, None), 3.0, 30.0) is not None
    assert latency_pressure(Latency(29.0, 0.5, None, None), 3.0, 30.0) is None
    assert latency_pressure(Latency(100.0, 40.0, None, None), 3.0, 30.0) is None
    assert latency_pressure(Latency(None, None, None, None), 3.0, 30.0) is None
