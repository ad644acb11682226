"""The shared brakes of a parallel backfill on real servers: lock waits and the application's latency."""

from __future__ import annotations

import re
import threading

from migwiz.engine.backfill import BackfillProgress, BackfillSettings
from migwiz.engine.backfill.brakes import LatencyProbe, latency_pressure
from migwiz.engine.servers.connect import connect
from tests.conftest import TestDatabase
from tests.helpers import wait_for
from tests.helpers.backfill import Workload, assert_each_row_once, backfill, make_items

ROWS_SLOW = 6000  # 3 ranges: halved to 2 workers, the third waits
SLOW_DOUBLE = """
CREATE FUNCTION slow_double(x bigint) RETURNS bigint LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    PERFORM pg_sleep(0.0002);
    RETURN x * 2;
END $$
"""


def test_sessions_waiting_on_our_batches_make_every_worker_back_off(db: TestDatabase) -> None:
    """Long batches (a row takes about 1 ms: 300 ms a batch) under a workload of single-row updates:
    sessions wait on their locks, so the governor halves the workers allowed to run; every row is still
    done once."""
    make_items(db, ROWS_SLOW)
    db.execute(SLOW_DOUBLE)
    seen: list[BackfillProgress] = []
    settings = BackfillSettings(
        workers=4, initial_batch=300, target_batch_ms=300, contended_batch_ms=300, lock_wait_brake_ms=20,
        latency_brake=False,
    )  # fmt: skip
    job = backfill(
        db, "UPDATE items SET w = slow_double(v), n = n + 1", settings=settings, on_progress=seen.append
    )
    with Workload(db.dsn, ROWS_SLOW) as workload:
        wait_for(lambda: len(workload.expected) > 20)
        job.run()
    job.conn.close()
    assert not workload.errors
    braked = [p for p in seen if p.throttle and p.throttle.startswith("lock waits")]
    assert braked, [p.throttle for p in seen]
    assert braked[0].state == "throttled"
    assert any(any(w.state == "idle" for w in p.workers) for p in braked), "fewer workers ran"
    allowed = {int(m.group(1)) for p in braked if (m := re.search(r"(\d+) of 4 workers", p.throttle or ""))}
    assert allowed and min(allowed) < 4, [p.throttle for p in braked]
    upper = int(str(db.execute("SELECT upper_key[1] FROM migwiz.backfill_progress")[0][0]))
    assert_each_row_once(db, upper)


def test_the_latency_probe_reads_the_applications_statements(stats_db: TestDatabase) -> None:
    """Before: quick statements. During: statements of 40 ms. The probe's statement mean rises and the
    brake names it; migwiz's own statements (its schema, the probe) are not counted."""
    with connect(stats_db.dsn, autocommit=True) as app:
        for _ in range(50):
            app.execute("SELECT 1")
        probe = LatencyProbe(stats_db.dsn, "migwiz", interval_s=0.1).start()
        try:
            assert probe.error is None
            before = probe.reading()
            assert before.statements_baseline_ms is not None and before.statements_baseline_ms < 5
            assert before.probe_baseline_ms is not None
            stop = threading.Event()

            def slow() -> None:
                while not stop.is_set():
                    app.execute("SELECT pg_sleep(0.04)")

            thread = threading.Thread(target=slow, daemon=True)
            thread.start()
            try:
                wait_for(lambda: (probe.reading().statements_ms or 0) > 20, timeout=20)
            finally:
                stop.set()
                thread.join(timeout=5)
            reading = probe.reading()
            why = latency_pressure(reading, 3.0, 30.0)
            assert why is not None and why.startswith("app statements"), reading
        finally:
            probe.stop()
