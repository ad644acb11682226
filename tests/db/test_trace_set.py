"""`migwiz trace` of one migration of a set runs on the schema it would meet: predecessors replayed first."""

from __future__ import annotations

from pathlib import Path

from migwiz.engine.history.state import DEFAULT_SCHEMA
from migwiz.engine.sets import load_migration_set
from migwiz.engine.shadow.scratch import drop_database
from migwiz.engine.shadow.snapshots import SnapshotCache, chain_keys, root_key
from tests.conftest import TestDatabase
from tests.helpers import run_cli, write_migrations

SET = {
    "1_table.up.sql": "CREATE TABLE t (id int PRIMARY KEY, n int);\n",
    "1_table.down.sql": "DROP TABLE t;\n",
    "2_index.up.sql": "CREATE INDEX t_n ON t (n);\n",
    "2_index.down.sql": "DROP INDEX t_n;\n",
    "3_widen.up.sql": "ALTER TABLE t ALTER COLUMN n TYPE bigint;\n",
    "3_widen.down.sql": "ALTER TABLE t ALTER COLUMN n TYPE int;\n",
}


def trace(db: TestDatabase, folder: Path, *args: str) -> dict[str, object]:
    result = run_cli("trace", *args, "--dsn", db.dsn, "--dir", folder, "--json")
    assert result.code == 0, result.stderr
    doc: dict[str, object] = result.json()
    return doc


def test_pending_predecessors_are_replayed_on_the_copy_first(db: TestDatabase, tmp_path: Path) -> None:
    folder = write_migrations(tmp_path / "m", SET)
    doc = trace(db, folder, "3")
    assert doc["target"] == "a scratch copy + 2 predecessors"
    assert doc["replayed"] == ["1_table", "2_index"]
    (widen,) = doc["statements"]  # type: ignore[misc]
    assert widen["error"] is None
    assert widen["rewrites"] == ["public.t"] and widen["index_rebuilds"] == ["public.t_n", "public.t_pkey"]
    assert db.execute("SELECT to_regclass('public.t') IS NULL") == [(True,)]  # the target is untouched
    # only what the target lacks is replayed; alone, 3 would fail on a missing table
    assert run_cli("up", "--to", "1", "--dsn", db.dsn, "--dir", folder).code == 0
    assert trace(db, folder, folder / "3_widen.up.sql")["replayed"] == ["2_index"]
    human = run_cli("trace", "3", "--dsn", db.dsn, "--dir", folder)
    assert "replayed first (1 predecessors, not measured): 2_index" in human.stdout
    loose = tmp_path / "loose.sql"
    loose.write_text(SET["3_widen.up.sql"], encoding="utf-8")
    alone = run_cli("trace", loose, "--dsn", db.dsn, "--json")  # outside any set: the target's copy alone
    assert alone.json()["replayed"] == [] and alone.json()["target"] == "a scratch copy"


def test_a_target_past_the_migration_is_rebuilt_from_the_baseline(db: TestDatabase, tmp_path: Path) -> None:
    folder = write_migrations(tmp_path / "m", SET)
    assert run_cli("up", "--force-risky", "--dsn", db.dsn, "--dir", folder).code == 0
    # on a copy of the target, t_n would already exist: the index build would fail (42P07)
    doc = trace(db, folder, "2")
    assert doc["target"] == "a shadow (baseline + 1 predecessor)" and doc["replayed"] == ["1_table"]
    (build,) = doc["statements"]  # type: ignore[misc]
    assert build["error"] is None
    assert {"relation": "public.t", "mode": "ShareLock"} in [
        {"relation": x["relation"], "mode": x["mode"]} for x in build["own_locks"]
    ]
    down = trace(db, folder, "2", "--down")  # the down of 2 meets 1 and 2
    assert down["replayed"] == ["1_table", "2_index"] and down["statements"][0]["error"] is None  # type: ignore[index]
    mset = load_migration_set(folder)
    cache = SnapshotCache(db.dsn)
    keys = chain_keys(root_key(DEFAULT_SCHEMA), mset.migrations[:2])
    assert cache.has(keys[1])  # the replayed state is kept for the next trace, test-rollback and drift
    again = trace(db, folder, "2", "--down")
    outcome = [(s["sql"], s["error"], s["rewrites"]) for s in down["statements"]]  # type: ignore[attr-defined]
    assert [(s["sql"], s["error"], s["rewrites"]) for s in again["statements"]] == outcome  # type: ignore[attr-defined]
    for key in keys:
        if cache.has(key):
            drop_database(db.dsn, cache.name(key))


def test_on_target_says_when_the_target_lacks_predecessors(db: TestDatabase, tmp_path: Path) -> None:
    folder = write_migrations(tmp_path / "m", SET)
    assert run_cli("up", "--to", "1", "--dsn", db.dsn, "--dir", folder).code == 0
    result = run_cli("trace", "3", "--on-target", "--dsn", db.dsn, "--dir", folder)
    assert result.code == 0, result.stderr
    assert "notice: the target lacks 1 of its predecessors" in result.stderr
    fine = run_cli("trace", "2", "--on-target", "--dsn", db.dsn, "--dir", folder)
    assert fine.code == 0 and "notice" not in fine.stderr
