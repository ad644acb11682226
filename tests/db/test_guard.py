"""The lock-queue guard on real servers: a long reader holds the table, a stream of writers keeps coming,
and a migration needs ACCESS EXCLUSIVE. Writers must never wait much longer than the guard's threshold
because of our DDL; without the guard they wait for the whole reader."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import psycopg
import pytest

from migwiz.engine.analysis.lockmodes import conflicts
from migwiz.engine.log.eventlog import EventLog, MemorySink
from migwiz.engine.run.executor import RetryPolicy
from migwiz.engine.run.guard import GuardPolicy
from migwiz.engine.run.runner import ExecutionPolicy, Runner
from migwiz.engine.sets import load_migration_set
from tests.conftest import TestDatabase
from tests.helpers import write_migrations

THRESHOLD_MS = 100
MARGIN_MS = 400  # polling interval, the cancel round trip and a loaded 2-core CI machine
READER_HOLDS_S = 1.5
RETRY = RetryPolicy(lock_retries=50, max_total_ms=20_000, backoff_base_ms=50, backoff_max_ms=200)
MIGRATION = {
    "1_a.up.sql": "-- migwiz:lock-timeout=10s\nALTER TABLE t ADD COLUMN a int;\n",
    "1_a.down.sql": "ALTER TABLE t DROP COLUMN a;\n",
}


class Writers:
    """Clients inserting into `t` at a steady pace, each recording how long every insert took."""

    def __init__(self, dsn: str, clients: int = 3, pause_s: float = 0.02) -> None:
        self.dsn = dsn
        self.pause_s = pause_s
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=self._run, daemon=True) for _ in range(clients)]

    def _run(self) -> None:
        with psycopg.connect(self.dsn, autocommit=True, application_name="writer") as conn:
            conn.execute("SET statement_timeout = '20s'")
            while not self._stop.is_set():
                started = time.perf_counter()
                try:
                    conn.execute("INSERT INTO t (id) VALUES (1)")
                except psycopg.Error as exc:
                    self.errors.append(str(exc))
                with self._lock:
                    self.latencies.append((time.perf_counter() - started) * 1000)
                time.sleep(self.pause_s)

    def __enter__(self) -> Writers:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(30)

    @property
    def worst_ms(self) -> float:
        return max(self.latencies, default=0.0)


def run_with_long_reader(
    db: TestDatabase, folder: Path, guard: GuardPolicy
) -> tuple[Writers, MemorySink, Any]:
    """Reader holds t for READER_HOLDS_S while writers write and the migration runs; all real sessions."""
    db.execute("CREATE TABLE t (id int); INSERT INTO t SELECT generate_series(1, 1000)")
    reader = psycopg.connect(db.dsn, application_name="long-reader")
    reader.execute("SELECT count(*) FROM t")
    sink = MemorySink()
    runner = Runner(
        db.dsn,
        load_migration_set(folder),
        log=EventLog(sinks=[sink]),
        policy=ExecutionPolicy(retry=RETRY, guard=guard),
    )
    result: dict[str, Any] = {}
    with Writers(db.dsn) as writers:
        thread = threading.Thread(target=lambda: result.update(report=runner.up()))
        time.sleep(0.2)  # writers running
        thread.start()
        deadline = time.monotonic() + READER_HOLDS_S
        while time.monotonic() < deadline:
            reader.execute("SELECT 1")  # never cancelled nor terminated by the guard
            time.sleep(0.05)
        reader.commit()
        thread.join(30)
        time.sleep(0.2)
    reader.close()
    runner.close()
    return writers, sink, result["report"]


def test_conflict_table() -> None:
    assert conflicts("AccessExclusiveLock", "AccessShareLock")
    assert not conflicts("RowExclusiveLock", "RowExclusiveLock")
    assert conflicts("ShareLock", "RowExclusiveLock")
    assert not conflicts("ShareUpdateExclusiveLock", "AccessShareLock")


def test_without_the_guard_writers_queue_for_the_whole_reader(db: TestDatabase, tmp_path: Path) -> None:
    """The control: the setup really stalls writers, so the bounds below mean something."""
    writers, _, report = run_with_long_reader(
        db, write_migrations(tmp_path / "m", MIGRATION), GuardPolicy(enabled=False)
    )
    assert report.ok
    assert writers.worst_ms > 1000


def test_watch_cancels_our_statement_when_writers_queue(db: TestDatabase, tmp_path: Path) -> None:
    guard = GuardPolicy(wait_for_holders=False, max_queue_wait_ms=THRESHOLD_MS)
    writers, sink, report = run_with_long_reader(db, write_migrations(tmp_path / "m", MIGRATION), guard)
    assert report.ok, report.to_json()
    assert not writers.errors
    assert writers.worst_ms < THRESHOLD_MS + MARGIN_MS, writers.worst_ms
    cancels = [e for e in sink.events if e.step == "lock" and e.data["kind"] == "guard"]
    assert cancels, [e.message for e in sink.events]
    first = cancels[0]
    assert first.data["queued"] and all(q["application_name"] == "writer" for q in first.data["queued"])
    assert [h["application_name"] for h in first.data["holders"]] == ["long-reader"]
    assert "cancelled our own statement" in first.message and "long-reader" in first.message
    assert any(e.step == "retry" for e in sink.events)


def test_waiting_outside_the_queue_leaves_writers_alone(db: TestDatabase, tmp_path: Path) -> None:
    writers, sink, report = run_with_long_reader(
        db, write_migrations(tmp_path / "m", MIGRATION), GuardPolicy()
    )
    assert report.ok, report.to_json()
    assert writers.worst_ms < THRESHOLD_MS + MARGIN_MS, writers.worst_ms
    waits = [e for e in sink.events if e.step == "guard" and "waiting outside the lock queue" in e.message]
    assert waits and "long-reader" in waits[0].message
    assert db.execute(
        "SELECT count(*) FROM pg_attribute WHERE attrelid = 't'::regclass AND attname = 'a'"
    ) == [(1,)]


@pytest.mark.parametrize("terminate", [False, True])
def test_blockers_are_terminated_only_when_asked(db: TestDatabase, tmp_path: Path, terminate: bool) -> None:
    db.execute("CREATE TABLE t (id int)")
    folder = write_migrations(tmp_path / "m", MIGRATION)
    reader = psycopg.connect(db.dsn, application_name="long-reader")
    reader.execute("SELECT count(*) FROM t")
    pid = reader.info.backend_pid
    sink = MemorySink()
    policy = ExecutionPolicy(
        retry=RetryPolicy(max_total_ms=300), guard=GuardPolicy(terminate_blockers=terminate)
    )
    runner = Runner(db.dsn, load_migration_set(folder), log=EventLog(sinks=[sink]), policy=policy)
    try:
        report = runner.up()
    finally:
        runner.close()
    alive = db.execute(f"SELECT count(*) FROM pg_stat_activity WHERE pid = {pid}") == [(1,)]
    reader.close()
    assert report.ok is terminate
    assert alive is not terminate
    terminated = [e for e in sink.events if e.step == "guard" and "terminated" in e.message]
    assert len(terminated) == (1 if terminate else 0)
    if terminate:
        assert terminated[0].data["terminated"] == [pid]
