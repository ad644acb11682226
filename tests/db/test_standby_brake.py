"""The replica-lag brake of the backfill on a real streaming standby whose replay is paused and resumed.

The unit tests of the brake (tests/unit/test_backfill_sizing.py, the doctests of backfill/throttle.py)
check the arithmetic; these show the behaviour on a real replica: the lag rises while replay is paused,
the brake holds the backfill, and once replay resumes and the standby catches up the backfill goes on.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from migwiz.engine.backfill import (
    BackfillProgress,
    BackfillResult,
    BackfillSettings,
)
from migwiz.engine.backfill.store import read_checkpoint
from migwiz.engine.backfill.throttle import read_server_load
from migwiz.engine.run.control import RunStopped
from migwiz.engine.servers.connect import connect
from tests.conftest import TestDatabase, create_database, drop_database
from tests.helpers import wait_for
from tests.helpers.backfill import (
    ROWS,
    assert_each_row_once,
    backfill,
    make_items,
    rows_scanned,
)
from tests.standby import StandbyPair

ESTIMATE = 0.1
"""How far the WAL of the batches under way may be off its estimate, as a share of the limit."""
BOOKKEEPING = 128 * 1024
"""WAL the primary may write while the brake holds: the backfill's progress rows, autovacuum of its
tables."""
RELEASE_S = 1.0
"""How soon after the standby caught up the brake lets go: its next read (0.1 s), the workers' next look
at the gate (50 ms), and room for a loaded machine."""
FAST = {"initial_batch": 200, "max_batch": 1000, "max_rows_per_s": 8_000.0, "check_interval_s": 0.1}


@pytest.fixture
def primary_db(standby_latest: StandbyPair) -> Iterator[TestDatabase]:
    """A fresh database on the primary of the standby pair, `items` filled, the standby caught up."""
    database = create_database(standby_latest.primary)
    try:
        make_items(database, trigger=False)
        standby_latest.wait_caught_up()
        yield database
    finally:
        drop_database(database)


class Running:
    """A backfill running in a thread, its progress readings timestamped."""

    def __init__(self, db: TestDatabase, settings: BackfillSettings) -> None:
        self.seen: list[tuple[float, BackfillProgress]] = []
        self.result: BackfillResult | None = None
        self.error: BaseException | None = None
        self.job = backfill(db, settings=settings, on_progress=self._note)
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _note(self, progress: BackfillProgress) -> None:
        self.seen.append((time.monotonic(), progress))

    def _run(self) -> None:
        try:
            self.result = self.job.run()
        except BaseException as exc:  # reported by the test
            self.error = exc
        finally:
            self.job.conn.close()

    def braked(self, words: str) -> bool:
        """The latest reading is the replica brake holding the backfill, with `words` in its reason."""
        if not self.seen:
            return False
        last = self.seen[-1][1]
        return (
            last.state == "throttled"
            and "replica lag" in (last.throttle or "")
            and words in (last.throttle or "")
        )

    def finish(self) -> BackfillResult:
        self.thread.join(timeout=120)
        assert not self.thread.is_alive(), "the backfill did not finish"
        assert self.error is None, self.error
        assert self.result is not None
        return self.result


def hold_lasts(pair: StandbyPair, db: TestDatabase, running: Running, polls: int = 5) -> int:
    """While the brake holds, no batch commits: the checkpoint stays put across several brake readings."""
    rows = rows_scanned(db.dsn, "2")
    count = len(running.seen)
    wait_for(lambda: len(running.seen) >= count + polls, "more readings of the held backfill")
    assert rows_scanned(db.dsn, "2") == rows, "a batch committed while the brake held"
    assert all(p.state == "throttled" for _, p in running.seen[count:])
    return rows


def test_time_lag_brakes_while_replay_is_paused_and_releases_after_catch_up(
    standby_latest: StandbyPair, primary_db: TestDatabase
) -> None:
    settings = BackfillSettings(**FAST, max_replica_lag_ms=700.0)
    running = Running(primary_db, settings)
    with standby_latest.replay_paused():
        running.thread.start()
        wait_for(lambda: running.braked("ms >"), "the brake to engage on the paused standby's time lag")
        held_at = hold_lasts(standby_latest, primary_db, running)
        assert 0 < held_at < ROWS, "the brake held the backfill part way"
        resumed_at = time.monotonic()
    result = running.finish()
    assert result.rows_done == ROWS
    after = [(t, p) for t, p in running.seen if t > resumed_at]
    first_running = next(t for t, p in after if p.state in ("running", "done"))
    assert first_running - resumed_at < 5.0, "the brake let go soon after the standby caught up"
    assert running.seen[-1][1].state == "done"
    assert_each_row_once(primary_db)
    standby_latest.wait_caught_up()
    replicated = standby_latest.on_standby("SELECT 1")  # the standby answers queries throughout
    assert replicated == [(1,)]


def test_byte_lag_brakes_before_its_limit_and_lets_go_once_the_standby_caught_up(
    standby_latest: StandbyPair, primary_db: TestDatabase
) -> None:
    """The backfill at full speed (two workers, no rate cap) against a 1 MB backlog limit read every
    0.25 s while replay is paused: the backlog, which only grows while replay is paused, is at its peak
    once the brake holds, and stays under the limit (the brake acts on what it forecasts for its next
    read, not on what it read: reading alone, it holds only once the backlog has passed the limit, by
    up to an interval of writes). Then replay resumes: once the standby has caught up, every worker runs
    again with no brake in force, and the backfill finishes. (With so small a limit the workers then
    share the little room it leaves between reads: the rate after a catch-up is `bench.standby`'s.)"""
    limit = 2**20
    settings = BackfillSettings(
        initial_batch=200, max_batch=500, workers=2, check_interval_s=0.25,
        max_replica_lag_ms=None, max_replica_lag_bytes=float(limit), latency_brake=False,
    )  # fmt: skip
    primary_db.execute("ALTER TABLE items SET (autovacuum_enabled = off)")  # the backfill's WAL alone
    standby_latest.wait_caught_up()
    running = Running(primary_db, settings)
    with standby_latest.replay_paused():
        running.thread.start()
        wait_for(lambda: running.braked("MB of WAL"), "the brake to engage on the paused standby's backlog")
        engaged = standby_latest.replay_bytes_behind()
        held_at = hold_lasts(standby_latest, primary_db, running)
        assert 0 < held_at < ROWS, "the brake held the backfill part way"
        peak = standby_latest.replay_bytes_behind()
        # the batches' WAL is estimated as they start (rows × the WAL a row wrote lately): a few % off
        assert engaged <= limit * (1 + ESTIMATE), f"the backlog {engaged} bytes passed its limit {limit}"
        assert peak - engaged <= BOOKKEEPING, f"{peak - engaged} bytes of WAL written while held"
        assert peak >= limit / 4, f"the brake held at {peak} bytes, far from its limit {limit}"
    standby_latest.wait_caught_up()
    caught_up = time.monotonic()
    result = running.finish()
    assert result.rows_done == ROWS
    after = [(t, p) for t, p in running.seen if t > caught_up]
    free = next((t for t, p in after if p.state in ("running", "done") and p.throttle is None), None)
    assert free is not None and free - caught_up < RELEASE_S, "the brake held on after the standby caught up"
    assert_each_row_once(primary_db)


def test_a_caught_up_standby_reads_as_no_lag(standby_latest: StandbyPair, primary_db: TestDatabase) -> None:
    """replay_lag keeps its last measurement after WAL stops coming; the brake must not trust it then."""
    with standby_latest.replay_paused(), connect(primary_db.dsn, autocommit=True) as conn:

        def lagging() -> bool:
            conn.execute("UPDATE items SET v = v + 1 WHERE id <= 50")  # WAL keeps the lag measured
            return (read_server_load(conn).replica_lag_ms or 0) > 1000

        wait_for(lagging, "the lag to pass 1 s")
    standby_latest.wait_caught_up()
    with connect(standby_latest.primary.dsn(), autocommit=True) as conn:
        load = read_server_load(conn)
        raw = conn.execute("SELECT extract(epoch FROM replay_lag) * 1000 FROM pg_stat_replication").fetchall()
    assert load.replica_lag_ms == 0 and load.replica_lag_bytes == 0, (load, raw)


def test_a_stop_request_ends_a_run_the_brake_holds(
    standby_latest: StandbyPair, primary_db: TestDatabase
) -> None:
    """SIGTERM or `stop` while a paused standby holds the brake: the run stops now, not after the standby."""
    stop = threading.Event()
    seen: list[BackfillProgress] = []
    outcome: list[BaseException | BackfillResult] = []
    job = backfill(
        primary_db,
        settings=BackfillSettings(**FAST, max_replica_lag_ms=700.0),
        on_progress=seen.append,
        should_stop=lambda: "the operator asked to stop" if stop.is_set() else None,
    )
    conn = job.conn

    def run() -> None:
        try:
            outcome.append(job.run())
        except BaseException as exc:  # the RunStopped the test expects
            outcome.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    with standby_latest.replay_paused():
        thread.start()
        wait_for(
            lambda: bool(seen) and (seen[-1].throttle or "").startswith("replica lag"), "the brake to hold"
        )
        stop.set()
        asked = time.monotonic()
        thread.join(timeout=10)
        assert not thread.is_alive(), "the run went on waiting for the standby"
        assert time.monotonic() - asked < 5.0  # a poll of the brake, not the paused replay (room for load)
    assert len(outcome) == 1 and isinstance(outcome[0], RunStopped), outcome
    checkpoint = read_checkpoint(conn, "migwiz", "2")
    conn.close()
    assert checkpoint is not None and checkpoint.state == "stopped" and 0 < checkpoint.rows_scanned < ROWS
    standby_latest.wait_caught_up()
    job = backfill(primary_db, settings=BackfillSettings(**FAST))
    try:
        assert job.run().rows_done == ROWS
    finally:
        job.conn.close()
    assert_each_row_once(primary_db)


def test_a_standby_that_goes_away_releases_the_brake(
    standby_latest: StandbyPair, primary_db: TestDatabase
) -> None:
    """The brake follows the standbys that stream: one shut down no longer holds the backfill (its slot
    keeps the WAL for it; `backup-check` warns about that slot)."""
    running = Running(primary_db, BackfillSettings(**FAST, max_replica_lag_ms=700.0))
    standby_latest.pause_replay()
    try:
        running.thread.start()
        wait_for(lambda: running.braked("ms >"), "the brake to engage on the paused standby")
        standby_latest.stop_standby()  # a restarted standby replays again: pausing does not persist
        result = running.finish()
    finally:
        standby_latest.start_standby_again()
    assert result.rows_done == ROWS
    assert_each_row_once(primary_db)
    standby_latest.wait_caught_up()
