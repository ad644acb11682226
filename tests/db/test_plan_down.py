"""`plan_down`: the down scripts of an incident rollback joined with the live database, on real servers."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from migwiz.engine.commands import Project, plan_down
from migwiz.engine.errors import UsageError
from migwiz.engine.log.eventlog import EventLog
from migwiz.engine.run.runner import ExecutionPolicy, Runner
from migwiz.engine.sets import load_migration_set
from migwiz.engine.sets.model import Version
from tests.conftest import TestDatabase
from tests.helpers import write_migrations

ROWS = 50_000
BIG = (
    "CREATE TABLE big (id bigint PRIMARY KEY, n integer NOT NULL, label text NOT NULL);"
    f"INSERT INTO big SELECT g, g % 1000, 'row ' || g FROM generate_series(1, {ROWS}) AS g;"
    "ANALYZE big;"
)
FILES = {
    "1_small.up.sql": "CREATE TABLE small (id int);\n",
    "1_small.down.sql": "DROP TABLE small;\n",
    "2_widen.up.sql": "ALTER TABLE big ALTER COLUMN n TYPE bigint;\n",
    "2_widen.down.sql": "ALTER TABLE big ALTER COLUMN n TYPE integer;\n",
    "3_label.up.sql": "CREATE INDEX big_label ON big (label);\n",
    "3_label.down.sql": "DROP INDEX big_label;\n",
    "4_later.up.sql": "CREATE TABLE later (id int);\n",
    "4_later.down.sql": "DROP TABLE later;\n",
}


def applied(db: TestDatabase, folder: Path, to: str, *, irreversible: bool = False) -> None:
    runner = Runner(
        db.dsn, load_migration_set(folder), log=EventLog(),
        policy=ExecutionPolicy(allow_irreversible=irreversible),
    )  # fmt: skip
    try:
        assert runner.up(Version(to)).ok
    finally:
        runner.close()


def test_down_scripts_newest_first_with_sizes_and_estimates(db: TestDatabase, tmp_path: Path) -> None:
    db.execute(BIG)
    folder = write_migrations(tmp_path / "m", FILES)
    applied(db, folder, "3")
    report = plan_down(Project.of(db.dsn, load_migration_set(folder)), to=Version("1"))
    assert report.direction == "down" and report.to_json()["direction"] == "down"
    assert [m.version for m in report.migrations] == ["3", "2"]  # 4 is pending, 1 is kept
    drop, widen = report.migrations
    assert drop.path.name == "3_label.down.sql" and widen.path.name == "2_widen.down.sql"
    [stmt] = widen.statements
    assert stmt.kind.startswith("ALTER TABLE") and stmt.rewrites == ("public.big",)
    [size] = [s for s in stmt.sizes if s.relation == "public.big"]
    total = db.execute("SELECT pg_total_relation_size('big')")[0][0]
    assert size.total_bytes == total and size.rows == pytest.approx(ROWS, rel=0.05)
    assert [(s.operation, s.relation) for s in stmt.steps] == [("rewrite", "public.big")]
    assert stmt.estimate_s > 0 and stmt.blockers == ()
    assert {lock.mode for lock in stmt.locks} == {"AccessExclusiveLock"}
    assert any(lock.relation == "public.big" for lock in drop.statements[0].locks)


def test_a_session_in_the_way_of_a_down_script(db: TestDatabase, tmp_path: Path) -> None:
    db.execute(BIG)
    folder = write_migrations(tmp_path / "m", FILES)
    applied(db, folder, "2")
    reader = psycopg.connect(db.dsn, autocommit=False)
    pid = reader.info.backend_pid
    try:
        reader.execute("SELECT count(*) FROM big")  # AccessShareLock until rollback: idle in transaction
        report = plan_down(Project.of(db.dsn, load_migration_set(folder)), to=Version("1"))
    finally:
        reader.rollback()
        reader.close()
    [widen] = report.migrations
    [stmt] = widen.statements
    assert [b.pid for b in stmt.blockers] == [pid]
    assert stmt.blockers[0].kind == "idle_in_transaction" and stmt.queue_risk == "high"
    assert widen.verdict in ("quiet_window", "dangerous")
    assert any("would wait" in r.message for r in widen.reasons)


def test_a_migration_without_down_script_is_dangerous(db: TestDatabase, tmp_path: Path) -> None:
    files = {**FILES, "4_later.down.sql": None}
    folder = write_migrations(tmp_path / "m", {k: v for k, v in files.items() if v is not None})
    db.execute(BIG)
    applied(db, folder, "4", irreversible=True)
    report = plan_down(Project.of(db.dsn, load_migration_set(folder)), to=Version("3"))
    [later] = report.migrations
    assert later.version == "4" and later.verdict == "dangerous" and later.statements == ()
    assert "has no down script" in later.reasons[0].message
    with pytest.raises(UsageError, match="no migration has that version"):
        plan_down(Project.of(db.dsn, load_migration_set(folder)), to=Version("9"))
