"""Seed data against real servers: batched round trips, exact failures, a short central log."""

from __future__ import annotations

from pathlib import Path

from migwiz.engine.log.eventlog import EventLog, MemorySink
from migwiz.engine.run.runner import ExecutionPolicy, Runner
from migwiz.engine.sets import load_migration_set
from tests.conftest import TestDatabase
from tests.helpers import write_migrations


def seed_file(rows: int, bad: int | None = None) -> str:
    lines = ["CREATE TABLE seed (id int PRIMARY KEY, name text);"]
    for i in range(1, rows + 1):
        lines.append(f"INSERT INTO seed (id, name) VALUES ({1 if i == bad else i}, 'row {i}');")
    return "\n".join(lines) + "\n"


def run_up(db: TestDatabase, folder: Path, **policy: object) -> tuple[Runner, MemorySink]:
    sink = MemorySink()
    runner = Runner(
        db.dsn,
        load_migration_set(folder),
        log=EventLog(sinks=[sink]),
        policy=ExecutionPolicy(allow_irreversible=True, **policy),  # type: ignore[arg-type]
    )
    return runner, sink


def test_seed_rows_all_applied_with_a_short_log(db: TestDatabase, tmp_path: Path) -> None:
    folder = write_migrations(tmp_path / "m", {"1_seed.up.sql": seed_file(5000)})
    runner, sink = run_up(db, folder)
    try:
        report = runner.up()
    finally:
        runner.close()
    assert report.ok, report.to_json()
    assert db.execute("SELECT count(*), sum(id) FROM seed") == [(5000, 5000 * 5001 // 2)]
    assert db.execute("SELECT statements_done FROM migwiz.history") == [(5001,)]
    steps = [e.step for e in sink.events]
    assert steps.count("statement") == 1  # the CREATE TABLE
    counted = [e.data["count"] for e in sink.events if e.step == "statements"]
    assert sum(counted) == 5000 and len(counted) <= 10


def test_a_failing_statement_in_a_batch_is_named_exactly(db: TestDatabase, tmp_path: Path) -> None:
    folder = write_migrations(tmp_path / "m", {"1_seed.up.sql": seed_file(3000, bad=2500)})
    runner, _ = run_up(db, folder)
    try:
        report = runner.up()
    finally:
        runner.close()
    (outcome,) = report.outcomes
    assert outcome.result == "failed" and outcome.failure is not None
    failure = outcome.failure.to_json()
    assert (failure["line"], failure["statement"], failure["sqlstate"]) == (2501, 2501, "23505")
    assert db.execute("SELECT to_regclass('seed') IS NULL") == [(True,)]  # rolled back whole
    assert db.execute("SELECT count(*) FROM migwiz.history") == [(0,)]
