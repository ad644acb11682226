"""`run_ci` against real servers: each gate's verdict, exit codes, and the Markdown summary."""

from __future__ import annotations

import socket
from pathlib import Path

import psycopg
import pytest

from migwiz.console.ci_report import render_markdown
from migwiz.engine import commands
from migwiz.engine.ci import run_ci
from migwiz.engine.project import Project
from migwiz.engine.servers.local import LocalServer
from migwiz.engine.sets import load_migration_set
from migwiz.engine.sets.model import MigrationSet
from migwiz.engine.shadow.snapshots import DEFAULT_KEEP, SnapshotCache, chain_keys, root_key
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


def scratch_databases(server: LocalServer, prefix: str = "migwiz\\_shadow") -> list[str]:
    with psycopg.connect(server.dsn(), autocommit=True) as conn:
        rows = conn.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s", (prefix + "%",)
        ).fetchall()
    return [str(r[0]) for r in rows]


def test_rollback_gate_fails_on_a_down_that_does_not_undo(pg_server: LocalServer, tmp_path: Path) -> None:
    mset = load_migration_set(write_migrations(tmp_path / "m", {**GOOD, **BAD_DOWN}))
    report = run_ci(Project.of("", mset), shadow_dsn=pg_server.dsn(), pg_version=pg_server.major)
    gates = {g.name: g for g in report.gates}
    assert gates["lint"].status == "passed"
    assert gates["rollback"].status == "failed" and "3_name" in gates["rollback"].detail
    assert (gates["drift"].status, gates["plan"].status) == ("skipped", "skipped")
    assert report.exit_code == 1
    assert report.rollback is not None
    assert [r.result for r in report.rollback.results] == ["passed", "passed", "failed"]
    assert scratch_databases(pg_server) == []  # every shadow was dropped
    snapshots = scratch_databases(pg_server, "migwiz\\_snap\\_")
    assert 0 < len(snapshots) <= DEFAULT_KEEP  # the cache stays, bounded
    text = render_markdown(report)
    assert "❌ migwiz ci: 1 gate(s) failed: rollback" in text
    assert "| 3 | name | 🔵 1 info | ❌ down does not restore |" in text
    assert "column public.users.name exists after down" in text
    assert "### Rollback failures" in text and "name" in text


def test_all_gates_pass_and_lint_threshold(pg_server: LocalServer, tmp_path: Path) -> None:
    mset = load_migration_set(write_migrations(tmp_path / "m", GOOD))
    report = run_ci(Project.of("", mset), shadow_dsn=pg_server.dsn())
    assert [g.status for g in report.gates] == ["passed", "passed", "skipped", "skipped"]
    assert report.exit_code == 0 and report.ok
    risky = load_migration_set(
        write_migrations(tmp_path / "r", {**GOOD, "3_idx.up.sql": "CREATE INDEX users_id2 ON users (id);\n"})
    )
    failing = run_ci(Project.of("", risky), rollback=False)
    assert failing.gate("lint").status == "failed"  # type: ignore[union-attr]
    assert failing.exit_code == 1
    reported = run_ci(Project.of("", risky), rollback=False, fail_on="none")
    assert reported.gate("lint").status == "report-only"  # type: ignore[union-attr]
    assert reported.exit_code == 0
    assert "index-not-concurrent" in render_markdown(reported)


def test_drift_and_plan_gates(db: TestDatabase, tmp_path: Path) -> None:
    folder = write_migrations(tmp_path / "m", GOOD)
    commands.up(commands.Project.of(db.dsn, load_migration_set(folder)))
    db.execute("ALTER TABLE users ADD COLUMN sneaky int")  # changed by hand: drift
    write_migrations(folder, {"3_name.up.sql": "ALTER TABLE users ADD COLUMN name text;\n"})
    mset = load_migration_set(folder)
    report = run_ci(Project.of("", mset), rollback=False, drift_dsn=db.dsn, plan_dsn=db.dsn, fail_on="none")
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
    report = run_ci(
        Project.of("", mset),
        rollback=False,
        drift_dsn=f"host=127.0.0.1 port={port} dbname=x connect_timeout=2",
    )
    drift = report.gate("drift")
    assert drift is not None and drift.status == "error" and drift.exit_code == 2
    assert report.gate("lint").status == "passed"  # type: ignore[union-attr]
    assert report.exit_code == 2
    assert "⛔ error" in render_markdown(report)


def test_drift_gate_replays_the_baseline_first(db: TestDatabase, tmp_path: Path) -> None:
    """A set that starts from a baseline: without it the files cannot be replayed; with it, no drift."""
    base = tmp_path / "base.sql"
    base.write_text("CREATE TABLE legacy (id int PRIMARY KEY);\n")
    db.execute(base.read_text())
    folder = write_migrations(
        tmp_path / "m",
        {
            "1_x.up.sql": "ALTER TABLE legacy ADD COLUMN x int;\n",
            "1_x.down.sql": "ALTER TABLE legacy DROP COLUMN x;\n",
        },
    )
    mset = load_migration_set(folder)
    commands.up(commands.Project.of(db.dsn, mset))
    without = run_ci(Project.of("", mset), rollback=False, drift_dsn=db.dsn)
    assert without.gate("drift").status == "error"  # type: ignore[union-attr]
    assert "legacy" in without.gate("drift").detail  # type: ignore[union-attr]
    report = run_ci(Project.of("", mset), shadow_dsn=db.server.dsn(), drift_dsn=db.dsn, baseline=[base])
    assert report.gate("drift").status == "passed", report.gate("drift")  # type: ignore[union-attr]
    assert report.gate("rollback").status == "passed"  # type: ignore[union-attr]
    deprecated = run_ci(Project.of("", mset), rollback=False, drift_dsn=db.dsn, base_sql=[base])
    assert deprecated.gate("drift").status == "passed"  # type: ignore[union-attr]


def test_snapshot_cache_is_bounded_and_refuses_connections(db: TestDatabase, tmp_path: Path) -> None:
    """Snapshots take no connections (a copy never waits on a session) and only `keep` of them stay."""
    mset = load_migration_set(write_migrations(tmp_path / "m", GOOD))
    cache = SnapshotCache(db.dsn)
    cache.clear()
    commands.up(commands.Project.of(db.dsn, mset))
    first = run_ci(
        Project.of("", mset), rollback=False, drift_dsn=db.dsn
    )  # saves the root and the state after 1, 2
    assert first.gate("drift").status == "passed"  # type: ignore[union-attr]
    names = cache.names()
    assert len(names) == 2
    for name in names:
        with pytest.raises(psycopg.OperationalError, match="not currently accepting connections"):
            psycopg.connect(db.server.dsn(name)).close()
    db.execute("ALTER TABLE users ADD COLUMN sneaky int")
    again = run_ci(
        Project.of("", mset), rollback=False, drift_dsn=db.dsn
    )  # read from the cached state itself: no replay
    assert again.gate("drift").status == "failed"  # type: ignore[union-attr]
    assert again.drift is not None and [d.name for d in again.drift.differences] == ["public.users.sneaky"]
    assert cache.names() == names
    for name in names:  # closed again after the read
        with pytest.raises(psycopg.OperationalError, match="not currently accepting connections"):
            psycopg.connect(db.server.dsn(name)).close()
    cache.keep = 1
    dropped = cache.prune()
    assert len(dropped) == 1 and cache.names() == names - set(dropped)
    assert cache.names() == {cache.name(k) for k in [_final_key(mset)]}
    cache.clear()
    assert cache.names() == set()


def _final_key(mset: MigrationSet) -> str:
    return chain_keys(root_key("migwiz"), mset.migrations)[-1]
