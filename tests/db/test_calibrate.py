"""Calibration on real servers: it measures, stores its result in the migwiz schema and plans reuse it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from migwiz.engine.commands import Project, plan
from migwiz.engine.plan.calibrate import DEFAULT_THROUGHPUT, calibrate, load_calibration
from migwiz.engine.sets import load_migration_set
from tests.conftest import TestDatabase
from tests.helpers import write_migrations


def test_calibration_is_stored_and_reused(db: TestDatabase, tmp_path: Path) -> None:
    db.execute("CREATE TABLE t (id int)")
    with db.connect() as conn:
        assert load_calibration(conn, "migwiz") is None
        measured = calibrate(conn, "migwiz", sample_mb=4)
        assert measured.calibrated and measured.measured_at is not None
        assert measured.scan_bytes_per_s > 0 and measured.rewrite_bytes_per_s > 0
        assert measured.index_rows_per_s > 0
        assert measured.sample_bytes is not None and measured.sample_bytes > 2_000_000
        assert load_calibration(conn, "migwiz") == measured
    leftovers = db.execute(
        "SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname = 'migwiz' AND relname LIKE 'calibration_sample%'"
    )
    assert leftovers == []
    [(count, settings)] = db.execute("SELECT count(*), max(settings::text) FROM migwiz.calibration")
    assert count == 1 and "maintenance_work_mem" in str(settings)
    folder = write_migrations(tmp_path / "m", {"1_ix.up.sql": "CREATE INDEX ON t (id);\n"})
    report = plan(Project.of(db.dsn, load_migration_set(folder)))
    assert replace(report.throughput, cache_bytes=None) == measured
    assert report.throughput.cache_bytes == 128 * 1024 * 1024  # the test servers' shared_buffers
    assert report.to_json()["calibrated"] is True


def test_newest_calibration_wins_and_plan_can_calibrate(db_latest: TestDatabase, tmp_path: Path) -> None:
    with db_latest.connect() as conn:
        first = calibrate(conn, "custom_state", sample_mb=2)
    folder = write_migrations(tmp_path / "m", {"1_t.up.sql": "CREATE TABLE t (id int);\n"})
    report = plan(
        Project.of(db_latest.dsn, load_migration_set(folder), schema="custom_state"), calibrate=True
    )
    assert report.throughput.calibrated and report.throughput.measured_at != first.measured_at
    with db_latest.connect() as conn:
        assert load_calibration(conn, "custom_state") == replace(report.throughput, cache_bytes=None)
        assert load_calibration(conn, "migwiz") is None
    [(count,)] = db_latest.execute("SELECT count(*) FROM custom_state.calibration")
    assert count == 2
    default = plan(Project.of(db_latest.dsn, load_migration_set(folder))).throughput
    assert replace(default, cache_bytes=None) == DEFAULT_THROUGHPUT
