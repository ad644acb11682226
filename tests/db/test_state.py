"""migwiz's own schema: created on first use, versioned, upgraded in place, safe against concurrent starts."""

from __future__ import annotations

import threading

from psycopg import sql

from migwiz.engine import queries
from migwiz.engine.history.state import STATE_VERSION, ensure_state, state_version
from migwiz.engine.servers.connect import connect
from tests.conftest import TestDatabase


def tables(db: TestDatabase, schema: str) -> set[str]:
    rows = db.execute(f"SELECT tablename FROM pg_tables WHERE schemaname = '{schema}'")
    return {str(r[0]) for r in rows}


def test_created_on_first_use_at_the_current_version(db: TestDatabase) -> None:
    with connect(db.dsn, autocommit=True) as conn:
        assert state_version(conn, "deploy") == 0
        ensure_state(conn, "deploy")
        assert state_version(conn, "deploy") == STATE_VERSION == 4
    assert tables(db, "deploy") == {
        "meta", "runs", "history", "events", "backfill_progress", "backfill_control",
        "phase_query_baseline", "calibration", "baseline", "backfill_ranges",
    }  # fmt: skip


def test_version_1_upgrades_in_place_keeping_its_rows(db: TestDatabase) -> None:
    with connect(db.dsn, autocommit=True) as conn:
        conn.execute(sql.SQL(queries.load("state_v1")).format(schema=sql.Identifier("migwiz")))
        conn.execute("INSERT INTO migwiz.meta VALUES ('state_version', '1')")
        conn.execute(
            "INSERT INTO migwiz.history (version, name, checksum, success) VALUES ('7', 'x', 'c', true)"
        )
        assert state_version(conn, "migwiz") == 1
        ensure_state(conn, "migwiz")
        assert state_version(conn, "migwiz") == STATE_VERSION
    assert "backfill_progress" in tables(db, "migwiz")
    assert db.execute("SELECT version FROM migwiz.history") == [("7",)]


def test_concurrent_first_runs_both_succeed(db: TestDatabase) -> None:
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def start() -> None:
        try:
            with connect(db.dsn, autocommit=True) as conn:
                barrier.wait()
                ensure_state(conn, "migwiz")
        except BaseException as exc:  # collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert errors == []
    assert db.execute("SELECT value FROM migwiz.meta WHERE key = 'state_version'") == [(str(STATE_VERSION),)]
