"""A killed concurrent index build that the statement does not name: REINDEX ... CONCURRENTLY (its
`_ccnew` copy) and an unnamed CREATE INDEX CONCURRENTLY. `up --resolve=not-ran` drops what the killed run
left, runs the statement again, and leaves exactly one valid index."""

from __future__ import annotations

from pathlib import Path

import pytest

from migwiz.engine.run.index_leftovers import leftovers_of
from tests.conftest import TestDatabase
from tests.helpers import run_cli, write_migrations
from tests.helpers.crash import sigkill_mid_build, states


def indexes(db: TestDatabase) -> list[tuple[object, ...]]:
    return db.execute(
        "SELECT c.relname, i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
        " WHERE i.indrelid = 't'::regclass ORDER BY 1"
    )


@pytest.mark.parametrize(
    ("statement", "running", "after"),
    [
        ("REINDEX INDEX CONCURRENTLY t_v_idx", "REINDEX", [("t_v_idx", True)]),
        ("REINDEX TABLE CONCURRENTLY t", "REINDEX", [("t_v_idx", True)]),
        ("CREATE INDEX CONCURRENTLY ON t (w)", "CREATE INDEX", [("t_v_idx", True), ("t_w_idx", True)]),
    ],
    ids=["reindex-index", "reindex-table", "unnamed-create"],
)
def test_resolve_not_ran_drops_what_the_killed_build_left(
    db: TestDatabase, tmp_path: Path, statement: str, running: str, after: list[tuple[object, ...]]
) -> None:
    db.execute("CREATE TABLE t (v int, w int); INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g")
    db.execute("CREATE INDEX t_v_idx ON t (v)")
    folder = write_migrations(
        tmp_path / "m",
        {
            "1_i.up.sql": f"-- migwiz:no-transaction\n-- migwiz:lock-timeout=60s\n{statement};\n",
            "1_i.down.sql": "SELECT 1;\n",
        },
    )
    sigkill_mid_build(db, folder, running, blocker="INSERT INTO t VALUES (0, 0)")
    left = [(name, valid) for name, valid in indexes(db) if not valid]
    assert left, "the killed build left no INVALID index: the scenario did not happen"
    with db.connect() as conn:
        assert sorted(leftovers_of(conn, statement).values()) == sorted(f"public.{n}" for n, _ in left)
    asked = run_cli("up", "--dsn", db.dsn, "--dir", folder)
    assert asked.code == 1 and "--resolve=ran or --resolve=not-ran" in asked.stderr
    wrong = run_cli("up", "--dsn", db.dsn, "--dir", folder, "--resolve", "ran")  # the catalog says otherwise
    assert wrong.code == 1, wrong.stderr
    assert "statement 1 did not complete: the index build it started is INVALID (public." in wrong.stderr
    assert states(db, folder) == {"1": "failed"} and [n for n, v in indexes(db) if not v] == [
        n for n, _ in left
    ]
    result = run_cli("up", "--dsn", db.dsn, "--dir", folder, "--resolve", "not-ran")
    assert result.code == 0, result.stderr
    assert states(db, folder) == {"1": "applied"}
    assert indexes(db) == after
    for name, _ in left:
        assert f"dropped the invalid index public.{name}" in result.stderr


def test_leftovers_are_only_those_of_the_statement(db: TestDatabase) -> None:
    db.execute("CREATE TABLE t (v int, w int); CREATE TABLE u (v int)")
    db.execute("CREATE INDEX t_v_idx ON t (v); CREATE INDEX u_v_idx ON u (v); CREATE INDEX t_w_idx ON t (w)")
    db.execute(
        "UPDATE pg_index SET indisvalid = false"
        " WHERE indexrelid IN ('u_v_idx'::regclass, 't_w_idx'::regclass)"
    )
    with db.connect() as conn:
        assert leftovers_of(conn, "CREATE INDEX CONCURRENTLY ON t (w)") == {
            int(str(db.execute("SELECT 't_w_idx'::regclass::oid")[0][0])): "public.t_w_idx"
        }
        assert leftovers_of(conn, "CREATE INDEX CONCURRENTLY ON t (v, w)") == {}
        assert leftovers_of(conn, "CREATE INDEX CONCURRENTLY named ON t (w)") == {}
        assert leftovers_of(conn, "REINDEX TABLE CONCURRENTLY t") == {}  # no _ccnew / _ccold there
        assert leftovers_of(conn, "REINDEX INDEX t_v_idx") == {}
