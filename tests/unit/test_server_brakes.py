"""The replica and WAL-rate brakes on their forecast, against a simulated primary (no timing involved).

The simulation steps a clock by 10 ms: workers (each a batch of `batch` rows at a time, its WAL
written when the batch commits) run while the brakes let them; the coordinator looks every tick and
reads the server when the brakes want it. The standby replays nothing (paused), so the backlog grows
with every batch: the limit must hold whatever the write rate, and the backfill must not wait much
longer than it has to.
"""

from __future__ import annotations

import pytest

from migwiz.engine.backfill.serverbrakes import MB, ServerBrakes
from migwiz.engine.backfill.throttle import BackfillSettings, ServerLoad

STEP_S = 0.01
TICK_S = 0.1


def simulate(
    wal_per_s: float,
    *,
    workers: int = 4,
    batch_s: float = 0.05,
    seconds: float = 6.0,
    replay_per_s: float = 0.0,
    settings: BackfillSettings,
    kind: type[ServerBrakes] = ServerBrakes,
    timeline: list[tuple[float, float]] | None = None,
    replay_from: float = 0.0,
) -> tuple[float, float, ServerBrakes]:
    """(most WAL ever unreplayed, WAL written, the brakes) after `seconds` of a backfill at `wal_per_s`."""
    brakes = kind(settings, TICK_S)
    per_batch = wal_per_s * batch_s / workers
    rows_per_batch = 1000
    written = replayed = reserved = settled = 0.0
    rows = 0
    ends: list[float | None] = [None] * workers  # when each worker's batch commits
    taken = [0.0] * workers  # the WAL each worker's batch reserved as it started
    sizes = [rows_per_batch] * workers  # its rows (fewer when the room was short)
    limited = settings.max_replica_lag_bytes is not None or settings.max_wal_bytes_per_s is not None
    room: float | None = 0.0 if limited else None  # as Crew at first
    hold = 0.0
    next_tick = 0.0
    peak = 0.0
    steps = int(seconds / STEP_S)
    for step in range(steps):
        now = step * STEP_S
        for i, end in enumerate(ends):
            if end is not None and now >= end - 1e-9:
                written += per_batch * sizes[i] / rows_per_batch
                rows += sizes[i]
                ends[i] = None
                settled += taken[i]
            per_row = brakes.forecast.per_row
            if ends[i] is None and now >= hold:  # as Crew.take_wal
                fit = (
                    rows_per_batch
                    if room is None or per_row <= 0
                    else min(rows_per_batch, int(room / per_row))
                )
                need = room if room is not None and per_row <= 0 else fit * per_row
                if room is None or (room > 0 and fit >= 10):
                    if room is not None:
                        room -= need
                    taken[i] = need
                    reserved += need
                    sizes[i] = fit
                    ends[i] = now + batch_s
        if now >= replay_from:
            replayed = min(written, replayed + replay_per_s * STEP_S)
        peak = max(peak, written - replayed)
        if timeline is not None:
            timeline.append((now, written))
        if now >= next_tick - 1e-9:
            next_tick = now + TICK_S
            if brakes.due(now):
                brakes.take(ServerLoad(now, None, written, written - replayed), rows, reserved - settled)
                hold = brakes.hold_until(now)
                room = brakes.room
    return peak, written, brakes


@pytest.mark.parametrize("mb_per_s", [5, 20, 84, 200, 300])
def test_the_backlog_limit_holds_whatever_the_write_rate(mb_per_s: int) -> None:
    """Up to the rate at which the WAL of the first tick (before any rate is measured) and the batches
    under way pass the limit on their own: 300 MB/s × 0.1 s + 4 batches of 15 MB here."""
    limit = 64 * MB
    settings = BackfillSettings(max_replica_lag_ms=None, max_replica_lag_bytes=limit, check_interval_s=0.25)
    peak, _, brakes = simulate(mb_per_s * MB, settings=settings)
    assert peak <= limit, f"{peak / MB:.1f} MB unreplayed at {mb_per_s} MB/s"
    if mb_per_s * 6 > 64:  # enough WAL to reach the limit: it stops short by a tick and a batch at most
        reserve = mb_per_s * MB * (TICK_S + 0.05)
        assert peak >= limit - reserve, f"only {peak / MB:.1f} MB at {mb_per_s} MB/s"
        assert brakes.replica_reason is not None and "MB of WAL" in brakes.replica_reason


class Blind(ServerBrakes):
    """The brake acting on the backlog it reads, blind to the WAL on its way (as it was)."""

    def take(self, load: ServerLoad, rows_done: int, under_way: float) -> None:
        self.forecast.rate = self.forecast.per_row = 0.0
        super().take(load, rows_done, 0)
        self.forecast.rate = self.forecast.per_row = 0.0
        self.room = None
        if self.replica_reason is None:
            self.next_read = load.at + self.settings.check_interval_s


def test_reading_only_what_is_there_would_overshoot() -> None:
    """The same simulation with a brake blind to what comes: at 84 MB/s it passes 64 MB by far."""
    limit = 64 * MB
    settings = BackfillSettings(max_replica_lag_ms=None, max_replica_lag_bytes=limit, check_interval_s=0.25)
    assert simulate(84 * MB, settings=settings)[0] <= limit
    blind_peak = simulate(84 * MB, settings=settings, kind=Blind)[0]
    assert blind_peak > limit + 8 * MB, f"{blind_peak / MB:.1f} MB"


def test_a_replaying_standby_lets_the_backfill_run_near_its_pace() -> None:
    """A standby replaying 40 MB/s under a 100 MB/s writer: the backfill writes close to 40 MB/s once
    the backlog reaches the limit (it is held only as long as it must be)."""
    limit = 16 * MB
    settings = BackfillSettings(max_replica_lag_ms=None, max_replica_lag_bytes=limit, check_interval_s=0.25)
    peak, written, _ = simulate(100 * MB, replay_per_s=40 * MB, seconds=10.0, settings=settings)
    assert peak <= limit
    assert written / 10.0 > 0.8 * 40 * MB + limit / 10.0 * 0.5, f"{written / 10 / MB:.1f} MB/s"


@pytest.mark.parametrize("mb_per_s", [2, 10, 50, 300])
def test_the_wal_rate_limit_holds_over_any_second(mb_per_s: int) -> None:
    """Under `max_wal_bytes_per_s` no second (after the first, whose first batch's WAL is not known
    before it commits) sees more than the limit and a check interval's budget (the batches are cut to
    the budget left); a writer under the limit is never held."""
    max_rate = 8 * MB
    settings = BackfillSettings(max_replica_lag_ms=None, max_wal_bytes_per_s=max_rate, check_interval_s=0.25)
    timeline: list[tuple[float, float]] = []
    _, written, _ = simulate(mb_per_s * MB, workers=2, seconds=8.0, settings=settings, timeline=timeline)
    pairs = zip(timeline, timeline[100:], strict=False)
    worst = max(w1 - w0 for (t0, w0), (_, w1) in pairs if t0 >= 1.0)  # the first batch is not measured
    assert worst <= max_rate * (1 + settings.check_interval_s), f"{worst / MB:.1f} MB in a second"
    if mb_per_s * MB <= max_rate:
        assert written >= 0.95 * mb_per_s * MB * 8.0, f"{written / MB:.1f} MB in 8 s: held"
    else:
        assert written >= 0.8 * max_rate * 8.0, f"{written / MB:.1f} MB in 8 s: held too much"


def test_full_speed_once_the_standby_has_caught_up() -> None:
    """Replay paused for 3 s (the brake holds at the limit), then a standby replaying faster than the
    backfill writes: from a second after, the backfill writes at its full rate again."""
    limit = 64 * MB
    settings = BackfillSettings(max_replica_lag_ms=None, max_replica_lag_bytes=limit, check_interval_s=0.25)
    timeline: list[tuple[float, float]] = []
    peak, _, brakes = simulate(
        84 * MB, replay_per_s=500 * MB, replay_from=3.0, seconds=8.0, settings=settings, timeline=timeline
    )
    assert peak <= limit

    def at(t: float) -> float:
        return timeline[round(t / STEP_S)][1]

    before = (at(0.6) - at(0.1)) / 0.5  # before the brake first held (at about 0.75 s)
    after = (at(7.9) - at(4.0)) / 3.9
    assert before >= 0.85 * 84 * MB, f"{before / MB:.1f} MB/s before"  # one batch alone at first
    assert after >= 0.95 * before, f"{after / MB:.1f} MB/s after, {before / MB:.1f} before"
    assert brakes.replica_reason is None
