"""Odd schema names are names, never SQL: an injected statement creates a schema with that name."""

from __future__ import annotations

from pathlib import Path

import pytest

from migwiz.engine.history.state import STATE_VERSION, ensure_state, read_history, state_version
from migwiz.engine.servers.connect import connect
from tests.conftest import TestDatabase
from tests.helpers import run_cli, write_migrations

INJECTED = "x\nDROP TABLE IF EXISTS public.victim; --"


def schemas(db: TestDatabase) -> set[str]:
    return {str(r[0]) for r in db.execute("SELECT nspname FROM pg_namespace")}


def test_an_injected_schema_name_creates_that_schema_and_drops_nothing(db: TestDatabase) -> None:
    db.execute("CREATE TABLE public.victim (id int)")
    with connect(db.dsn, autocommit=True) as conn:
        ensure_state(conn, INJECTED)
        assert state_version(conn, INJECTED) == STATE_VERSION
        assert read_history(conn, INJECTED) == []
    assert INJECTED in schemas(db)
    assert db.execute("SELECT to_regclass('public.victim') IS NOT NULL") == [(True,)]


@pytest.mark.parametrize("schema", ["a%b", "100%", "%s", INJECTED, "ünïcode ☃", "é" * 31])
def test_odd_schema_names_work_end_to_end(db_latest: TestDatabase, tmp_path: Path, schema: str) -> None:
    """Through the CLI, on the newest server (the injection test above runs on every version)."""
    db = db_latest
    db.execute("CREATE TABLE public.victim (id int)")
    folder = write_migrations(
        tmp_path / "m", {"1_t.up.sql": "CREATE TABLE t (id int);\n", "1_t.down.sql": "DROP TABLE t;\n"}
    )
    common = ("--dsn", db.dsn, "--dir", str(folder), "--schema", schema)
    up = run_cli("up", *common)
    assert up.code == 0, up.stderr
    status = run_cli("status", *common, "--json")
    assert status.code == 0, status.stderr
    assert [m["state"] for m in status.json()["migrations"]] == ["applied"]
    log = run_cli("log", *common, "--json")
    assert log.code == 0, log.stderr
    assert any(e["step"] == "migration" for e in log.json()["events"])
    assert schema in schemas(db)
    assert db.execute("SELECT to_regclass('public.victim') IS NOT NULL") == [(True,)]
