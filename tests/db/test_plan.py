"""`migwiz plan` against real servers: sizes and rows from the catalog, duration estimates, real blockers."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from migwiz.engine.commands import Project, plan
from migwiz.engine.log.eventlog import EventLog
from migwiz.engine.plan import PlanReport
from migwiz.engine.plan.calibrate import ensure_calibration_table
from migwiz.engine.run.runner import ExecutionPolicy, Runner
from migwiz.engine.servers.local import LocalServer, start_server
from migwiz.engine.sets import load_migration_set
from tests.conftest import BINARIES, TestDatabase, create_database, drop_database
from tests.helpers import run_cli, write_migrations

ROWS = 200_000
BIG = (
    "CREATE TABLE big (id bigint PRIMARY KEY, n integer NOT NULL, label text NOT NULL);"
    f"INSERT INTO big SELECT g, g % 1000, 'row ' || g FROM generate_series(1, {ROWS}) AS g;"
    "ANALYZE big;"
)


def plan_of(db: TestDatabase, folder: Path, **kwargs: Any) -> PlanReport:
    return plan(Project.of(db.dsn, load_migration_set(folder)), **kwargs)


def until(check: Callable[[], PlanReport | None], seconds: float = 10.0) -> PlanReport:
    """Poll `check` until it returns a report (bounded)."""
    deadline = time.monotonic() + seconds
    while True:
        found = check()
        if found is not None:
            return found
        if time.monotonic() > deadline:
            pytest.fail("condition not met in time")
        time.sleep(0.02)


def test_sizes_rows_and_rewrite_estimate(db: TestDatabase, tmp_path: Path) -> None:
    db.execute(BIG)
    # sizes are compared after the plan (and its dry run): no autovacuum may add a visibility map meanwhile
    db.execute("ALTER TABLE big SET (autovacuum_enabled = off)")
    folder = write_migrations(
        tmp_path / "m", {"1_widen.up.sql": "ALTER TABLE big ALTER COLUMN n TYPE bigint;\n"}
    )
    report = plan_of(db, folder)
    [migration] = report.migrations
    [stmt] = migration.statements
    [size] = stmt.sizes
    total, heap, indexes, reltuples = db.execute(
        "SELECT pg_total_relation_size('big'), pg_table_size('big'), pg_indexes_size('big'), reltuples"
        " FROM pg_class WHERE oid = 'big'::regclass"
    )[0]
    assert (size.total_bytes, size.heap_bytes, size.index_bytes) == (total, heap, indexes)
    assert size.rows == pytest.approx(float(reltuples), rel=0.01)
    assert size.rows == pytest.approx(ROWS, rel=0.05)
    assert size.rows_source == "reltuples"
    assert [i[0] for i in size.indexes] == ["public.big_pkey"]
    assert [(s.operation, s.relation) for s in stmt.steps] == [("rewrite", "public.big")]
    assert stmt.estimate_s > 0
    assert stmt.rewrites == ("public.big",)
    assert not report.throughput.calibrated
    assert any("uncalibrated" in r.message for r in migration.reasons) or migration.verdict == "safe"
    json = report.to_json()
    assert json["migrations"][0]["statements"][0]["sizes"][0]["total_bytes"] == total
    assert json["calibrated"] is False


def test_rows_of_a_table_never_analysed(db: TestDatabase, tmp_path: Path) -> None:
    db.execute(
        "CREATE TABLE fresh (id bigint, n integer, label text) WITH (autovacuum_enabled = off);"
        "INSERT INTO fresh SELECT g, g, 'row ' || g FROM generate_series(1, 50000) AS g;"
    )
    folder = write_migrations(tmp_path / "m", {"1_ix.up.sql": "CREATE INDEX ON fresh (n);\n"})
    [stmt] = plan_of(db, folder).migrations[0].statements
    [size] = stmt.sizes
    assert size.rows_source in ("width", "relpages")
    assert 25_000 <= size.rows <= 100_000
    assert [s.operation for s in stmt.steps] == ["index_build"]


def test_idle_in_transaction_reader_blocks_access_exclusive(db: TestDatabase, tmp_path: Path) -> None:
    db.execute(BIG)
    folder = write_migrations(
        tmp_path / "m", {"1_col.up.sql": "-- migwiz:lock-timeout=1s\nALTER TABLE big ADD COLUMN note text;\n"}
    )
    with db.connect(autocommit=False) as holder:
        holder.execute("SELECT count(*) FROM big WHERE id < 10")  # AccessShareLock, then idle in transaction
        pid = holder.info.backend_pid

        def blocked() -> PlanReport | None:
            report = plan_of(db, folder)
            stmt = report.migrations[0].statements[0]
            ok = any(b.pid == pid and b.kind == "idle_in_transaction" for b in stmt.blockers)
            return report if ok else None

        report = until(blocked)
    [migration] = report.migrations
    [stmt] = migration.statements
    [blocker] = stmt.blockers
    assert (blocker.relation, blocker.mode, blocker.granted) == ("public.big", "AccessShareLock", True)
    assert blocker.xact_age_s is not None and blocker.xact_age_s >= 0
    assert blocker.state == "idle in transaction"
    assert stmt.queue_risk == "high"
    assert stmt.lock_timeout_ms == 1000
    assert migration.verdict == "quiet_window"
    [reason] = [r for r in migration.reasons if r.verdict == "quiet_window"]
    assert f"pid {pid}" in reason.message and "idle in transaction" in reason.message
    assert "every query on public.big queues" in reason.message
    assert reason.fix is not None and f"pg_terminate_backend({pid})" in reason.fix


def test_a_later_statement_of_the_transaction_is_not_blocked_twice(db: TestDatabase, tmp_path: Path) -> None:
    db.execute("CREATE TABLE t (id int); CREATE TABLE u (id int)")
    folder = write_migrations(
        tmp_path / "m",
        {
            "1_two.up.sql": "ALTER TABLE t ADD COLUMN a int;\nALTER TABLE t ADD COLUMN b int;\n"
            "ALTER TABLE u ADD COLUMN c int;\n"
        },
    )
    with db.connect(autocommit=False) as holder:
        holder.execute("SELECT 1 FROM t, u")
        report = until(lambda: r if (r := plan_of(db, folder)).migrations[0].statements[0].blockers else None)
    first, second, third = report.migrations[0].statements
    assert [b.relation for b in first.blockers] == ["public.t"]
    assert second.blockers == ()
    assert second.acquires == ()
    assert [b.relation for b in third.blockers] == ["public.u"]


def test_safe_migration_on_an_idle_table(db: TestDatabase, tmp_path: Path) -> None:
    db.execute(BIG)
    folder = write_migrations(
        tmp_path / "m",
        {
            "1_col.up.sql": "-- migwiz:lock-timeout=2s\nALTER TABLE big ADD COLUMN note text;\n",
            "1_col.down.sql": "ALTER TABLE big DROP COLUMN note;\n",
        },
    )
    report = plan_of(db, folder)
    [migration] = report.migrations
    assert migration.verdict == "safe", migration.reasons
    assert report.verdict == "safe"
    [stmt] = migration.statements
    assert stmt.blockers == () and stmt.queue_risk == "none"
    assert stmt.steps == () and stmt.estimate_s == 0


def test_only_pending_migrations_are_planned(db: TestDatabase, tmp_path: Path) -> None:
    db.execute(BIG)
    folder = write_migrations(
        tmp_path / "m",
        {
            "1_a.up.sql": "CREATE TABLE made (id int);\n",
            "1_a.down.sql": "DROP TABLE made;\n",
            "2_b.up.sql": "ALTER TABLE made ADD COLUMN x int;\n",
            "2_b.down.sql": "ALTER TABLE made DROP COLUMN x;\n",
            "3_c.up.sql": "CREATE TABLE later (id int);\nCREATE INDEX ON later (id);\n",
            "3_c.down.sql": "DROP TABLE later;\n",
        },
    )
    runner = Runner(db.dsn, load_migration_set(folder), log=EventLog())
    runner.up(to=load_migration_set(folder).migrations[0].version)
    runner.close()
    report = plan_of(db, folder)
    assert [m.version for m in report.migrations] == ["2", "3"]
    assert report.migrations[0].statements[0].sizes[0].relation == "public.made"
    later = report.migrations[1].statements[1]
    assert later.sizes == () and later.steps == ()  # created earlier in the same set: nothing to cost
    assert report.verdict == "safe"


def test_long_index_build_is_dangerous_with_slow_rates(db: TestDatabase, tmp_path: Path) -> None:
    db.execute(BIG)
    with db.connect() as conn:
        ensure_calibration_table(conn, "migwiz")
    db.execute(
        "INSERT INTO migwiz.calibration (server_version, sample_bytes, sample_rows, scan_bytes_per_s,"
        " rewrite_bytes_per_s, index_rows_per_s, fk_rows_per_s)"
        " VALUES (current_setting('server_version_num')::int, 1, 1, 1e6, 1e6, 1e4, 1e4)"
    )
    folder = write_migrations(tmp_path / "m", {"1_ix.up.sql": "CREATE INDEX big_label ON big (label);\n"})
    report = plan_of(db, folder)
    assert report.throughput.calibrated
    [migration] = report.migrations
    assert migration.verdict == "dangerous"
    reason = migration.reasons[0]
    assert reason.verdict == "dangerous" and "blocks writes on public.big" in reason.message
    assert reason.fix is not None and "CONCURRENTLY" in reason.fix


@pytest.fixture(scope="module")
def prepared_server() -> Iterator[LocalServer]:
    """A server that allows prepared transactions (the shared ones do not)."""
    if not BINARIES:
        pytest.skip("no PostgreSQL binaries on this machine")
    server = start_server(max(BINARIES, key=lambda b: b.major), settings={"max_prepared_transactions": "4"})
    try:
        yield server
    finally:
        server.stop()


def test_prepared_transaction_is_dangerous(prepared_server: LocalServer, tmp_path: Path) -> None:
    db = create_database(prepared_server)
    try:
        db.execute("CREATE TABLE t (id int)")
        folder = write_migrations(tmp_path / "m", {"1_col.up.sql": "ALTER TABLE t ADD COLUMN a int;\n"})
        with db.connect(autocommit=False) as conn:
            conn.execute("INSERT INTO t VALUES (1)")
            conn.execute("PREPARE TRANSACTION 'migwiz_plan_test'")
        try:
            report = plan_of(db, folder)
        finally:
            db.execute("ROLLBACK PREPARED 'migwiz_plan_test'")
        [migration] = report.migrations
        [blocker] = migration.statements[0].blockers
        assert (blocker.kind, blocker.gid, blocker.pid, blocker.mode) == (
            "prepared",
            "migwiz_plan_test",
            None,
            "RowExclusiveLock",
        )
        assert migration.verdict == "dangerous"
        assert "ROLLBACK PREPARED 'migwiz_plan_test'" in (migration.reasons[0].fix or "")
    finally:
        drop_database(db)


def test_cli_plan_json_and_exit_codes(db_latest: TestDatabase, tmp_path: Path) -> None:
    db_latest.execute("CREATE TABLE t (id int)")
    folder = write_migrations(tmp_path / "m", {"1_col.up.sql": "ALTER TABLE t ADD COLUMN a int;\n"})
    result = run_cli("plan", "--dsn", db_latest.dsn, "--dir", folder, "--json")
    assert result.code == 0, result.stderr
    doc = result.json()
    assert doc["verdict"] == "safe"
    assert doc["migrations"][0]["statements"][0]["sizes"][0]["relation"] == "public.t"
    human = run_cli("plan", "--dsn", db_latest.dsn, "--dir", folder)
    assert human.code == 0 and "1 safe" in human.stdout
    with psycopg.connect(db_latest.dsn, autocommit=False) as holder:
        holder.execute("SELECT 1 FROM t")
        failing = run_cli("plan", "--dsn", db_latest.dsn, "--dir", folder, "--fail-on", "quiet_window")
    assert failing.code == 1 and "needs a quiet window" in failing.stdout
    assert isinstance(ExecutionPolicy().lock_timeout_ms, int)


def test_cli_trace_on_scratch_and_target(db_latest: TestDatabase, tmp_path: Path) -> None:
    db_latest.execute("CREATE TABLE t (id int, n int)")
    folder = write_migrations(
        tmp_path / "m",
        {
            "1_widen.up.sql": "ALTER TABLE t ALTER COLUMN n TYPE bigint;\nCREATE INDEX t_n ON t (n);\n",
            "1_widen.down.sql": "DROP INDEX t_n;\nALTER TABLE t ALTER COLUMN n TYPE int;\n",
        },
    )
    scratch = run_cli("trace", "1", "--dsn", db_latest.dsn, "--dir", folder, "--json")
    assert scratch.code == 0, scratch.stderr
    doc = scratch.json()
    assert doc["target"] == "a scratch copy"
    first, second = doc["statements"]
    assert first["rewrites"] == ["public.t"]
    assert {"relation": "public.t", "mode": "AccessExclusiveLock"} in [
        {"relation": x["relation"], "mode": x["mode"]} for x in first["locks"]
    ]
    assert second["error"] is None
    on_target = run_cli("trace", folder / "1_widen.up.sql", "--dsn", db_latest.dsn, "--on-target")
    assert on_target.code == 0, on_target.stderr
    assert "AccessExclusiveLock public.t" in on_target.stdout
    type_now = db_latest.execute(
        "SELECT atttypid::regtype::text FROM pg_attribute WHERE attrelid = 't'::regclass AND attname = 'n'"
    )
    assert type_now == [("integer",)]  # rolled back
    down = run_cli("trace", "1", "--down", "--dsn", db_latest.dsn, "--dir", folder, "--json")
    assert down.code == 0, down.stderr  # the down meets its own up's schema: t_n exists there
    assert down.json()["replayed"] == ["1_widen"]
    assert down.json()["statements"][1]["rewrites"] == ["public.t"]


def test_cli_trace_on_target_decides_transactions_as_up_does(db_latest: TestDatabase, tmp_path: Path) -> None:
    db_latest.execute("CREATE TABLE t (id int, n int)")
    folder = write_migrations(
        tmp_path / "m",
        {
            # no directive: `up` runs it without a transaction, so each statement would commit
            "1_index.up.sql": "CREATE INDEX CONCURRENTLY t_n ON t (n);\n",
            # wrapped in BEGIN/COMMIT: `up` drops the wrapper and runs it in its own transaction
            "2_wrapped.up.sql": "BEGIN;\nCREATE TABLE wrapped (id int);\nCOMMIT;\n",
        },
    )
    refused = run_cli("trace", "1", "--dsn", db_latest.dsn, "--dir", folder, "--on-target")
    assert refused.code == 2, refused.stderr
    assert "CREATE INDEX CONCURRENTLY (line 1) cannot run in one" in refused.stderr
    assert db_latest.execute("SELECT to_regclass('t_n') IS NULL") == [(True,)]
    wrapped = run_cli("trace", "2", "--dsn", db_latest.dsn, "--dir", folder, "--on-target", "--json")
    assert wrapped.code == 0, wrapped.stderr
    assert [s["sql"].split()[0] for s in wrapped.json()["statements"]] == ["CREATE"]
    assert db_latest.execute("SELECT to_regclass('wrapped') IS NULL") == [(True,)]  # rolled back
