"""`run_ci` against real servers: each gate's verdict, exit codes, and the Markdown summary."""

from __future__ import annotations

import socket
from pathlib import Path

import psycopg

from migwiz.console.ci_report import render_markdown
from migwiz.engine import commands
from migwiz.engine.ci import run_ci
from migwiz.engine.localserver import LocalServer
from migwiz.engine.migset import load_migration_set
from tests.conftest import TestDatabase
from tests.helpers import write_migrations

GOOD = {
    "1_users.up.sql": "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n",
    "1_users.down.sql": "DROP TABLE users;\n",
    "2_index.up.sql": "-- migwiz:no-transaction\nCREATE INDEX CONCURRENTLY users_email ON users (email);\n",
    "2_index.down.sql": "-- migwiz:no-transaction\nDROP INDEX CONCURRENTLY users_email;\n",
}
BAD_DOWN = {
    "3_name.up.sql": "ALTER TABLE users ADD COLUMN name text;\n",
    "3_name.down.sql": "SELECT 1;\n",  # forgets to drop the column
}


def scratch_databases(server: LocalServer) -> list[str]:
    with psycopg.connect(server.dsn(), autocommit=True) as conn:
        rows = conn.execute("SELECT datname FROM pg_database WHERE datname LIKE 'migwiz\\_%'").fetchall()
    return [str(r[0]) for r in rows]


def test_rollback_gate_fails_on_a_down_that_does_not_undo(pg_server: LocalServer, tmp_path: Path) -> None:
    mset = load_migration_set(write_migrations(tmp_path / "m", {**GOOD, **BAD_DOWN}))
    report = run_ci(mset, shadow_dsn=pg_server.dsn(), pg_version=pg_server.major)
    gates = {g.name: g for g in report.gates}
    assert gates["lint"].status == "passed"
    assert gates["rollback"].status == "failed" and "3_name" in gates["rollback"].detail
    assert (gates["drift"].status, gates["plan"].status) == ("skipped", "skipped")
    assert report.exit_code == 1
    assert report.rollback is not None
    assert [r.result for r in report.rollback.results] == ["passed", "passed", "failed"]
    assert scratch_databases(pg_server) == []  # every shadow was dropped
    text = render_markdown(report)
    assert "❌ migwiz ci: 1 gate(s) failed: rollback" in text
    assert "| 3 | name | 🔵 1 info | ❌ failed (down restores) |" in text
    assert "column public.users.name exists after down" in text
    assert "### Rollback failures" in text and "name" in text


def test_all_gates_pass_and_lint_threshold(pg_server: LocalServer, tmp_path: Path) -> None:
    mset = load_migration_set(write_migrations(tmp_path / "m", GOOD))
    report = run_ci(mset, shadow_dsn=pg_server.dsn())
    assert [g.status for g in report.gates] == ["passed", "passed", "skipped", "skipped"]
    assert report.exit_code == 0 and report.ok
    risky = load_migration_set(
        write_migrations(tmp_path / "r", {**GOOD, "3_idx.up.sql": "CREATE INDEX users_id2 ON users (id);\n"})
    )
    failing = run_ci(risky, rollback=False)
    assert failing.gate("lint").status == "failed"  # type: ignore[union-attr]
    assert failing.exit_code == 1
    reported = run_ci(risky, rollback=False, fail_on="none")
    assert reported.gate("lint").status == "report-only"  # type: ignore[union-attr]
    assert reported.exit_code == 0
    assert "index-not-concurrent" in render_markdown(reported)


def test_drift_and_plan_gates(db: TestDatabase, tmp_path: Path) -> None:
    folder = write_migrations(tmp_path / "m", GOOD)
    commands.up(db.dsn, load_migration_set(folder))
    db.execute("ALTER TABLE users ADD COLUMN sneaky int")  # changed by hand: drift
    write_migrations(folder, {"3_name.up.sql": "ALTER TABLE users ADD COLUMN name text;\n"})
    mset = load_migration_set(folder)
    report = run_ci(mset, rollback=False, drift_dsn=db.dsn, plan_dsn=db.dsn, fail_on="none")
    drift = report.gate("drift")
    assert drift is not None and drift.status == "failed" and "1 extra" in drift.detail
    plan = report.gate("plan")
    assert plan is not None and plan.status == "passed" and "1 pending" in plan.detail
    assert report.plan is not None and [m.version for m in report.plan.migrations] == ["3"]
    assert report.exit_code == 1
    text = render_markdown(report)
    assert "sneaky" in text and "### Plan" in text and "| plan |" in text


def test_unreachable_database_is_exit_2_and_other_gates_still_run(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens once closed
    mset = load_migration_set(write_migrations(tmp_path / "m", GOOD))
    report = run_ci(mset, rollback=False, drift_dsn=f"host=127.0.0.1 port={port} dbname=x connect_timeout=2")
    drift = report.gate("drift")
    assert drift is not None and drift.status == "error" and drift.exit_code == 2
    assert report.gate("lint").status == "passed"  # type: ignore[union-attr]
    assert report.exit_code == 2
    assert "⛔ error" in render_markdown(report)
