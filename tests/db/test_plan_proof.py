"""`migwiz plan` calls a migration `safe` only when a dry run on the target's major ran it (cached)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from migwiz.engine.commands import Project, plan, plan_down
from migwiz.engine.log.eventlog import EventLog
from migwiz.engine.run.runner import ExecutionPolicy, Runner
from migwiz.engine.servers.local import find_binaries
from migwiz.engine.sets import load_migration_set
from migwiz.engine.sets.model import Version
from tests.conftest import TestDatabase
from tests.helpers import run_cli, write_migrations

NEEDS_16 = "CREATE TABLE a (v text CHECK (pg_input_is_valid(v, 'int4')));\n"
"""A PostgreSQL 16+ migration that every major parses: only running it shows it fails on 15."""


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MIGWIZ_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def createdb_role(client_db: TestDatabase) -> Iterator[tuple[str, str]]:
    """A login role with CREATEDB (and nothing else): its name and DSN."""
    name = f"mw_{uuid.uuid4().hex[:10]}"
    client_db.execute(f"CREATE ROLE {name} LOGIN CREATEDB")
    yield name, client_db.dsn.replace("user=postgres", f"user={name}")
    with psycopg.connect(client_db.dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP OWNED BY {} CASCADE").format(sql.Identifier(name)))
        conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))


def test_a_16_only_migration_is_safe_only_where_it_ran(db: TestDatabase, tmp_path: Path) -> None:
    folder = write_migrations(tmp_path / "m", {"1_check.up.sql": NEEDS_16})
    report = plan(Project.of(db.dsn, load_migration_set(folder)))
    [migration] = report.migrations
    assert report.proof is not None and report.proof.source == "dry-run" and report.proof.major == db.major
    if db.major < 16:
        assert migration.verdict == "dangerous"
        [failed] = [r for r in migration.reasons if r.rule == "dry-run"]
        where = re.match(
            r".*1_check\.up\.sql:1:(\d+): will fail on PostgreSQL 15: 42883 function ", failed.message
        )
        assert where is not None, failed.message
        assert NEEDS_16[int(where[1]) - 1 :].startswith("pg_input_is_valid"), failed.message
    else:
        assert migration.verdict == "safe", migration.reasons
    assert db.execute("SELECT to_regclass('a')") == [(None,)]  # the target is untouched


def test_pg_version_15_runs_on_a_local_15_and_18_is_safe(db_latest: TestDatabase, tmp_path: Path) -> None:
    if find_binaries(15) is None:
        pytest.skip("no local PostgreSQL 15")
    folder = write_migrations(tmp_path / "m", {"1_table.up.sql": "CREATE TABLE t (id int);\n",
                                               "2_check.up.sql": NEEDS_16})  # fmt: skip
    project = Project.of(db_latest.dsn, load_migration_set(folder))
    old = plan(project, pg_version=15)
    assert old.proof is not None and old.proof.source == "dry-run"
    assert old.proof.where.startswith("a local PostgreSQL 15")
    assert [m.verdict for m in old.migrations] == ["safe", "dangerous"]
    assert (
        "will fail on PostgreSQL 15: 42883 function pg_input_is_valid" in old.migrations[1].reasons[0].message
    )
    again = plan(project, pg_version=15)
    assert again.proof is not None and again.proof.source == "cache"  # no server started, nothing replayed
    assert [m.verdict for m in again.migrations] == ["safe", "dangerous"]
    assert [m.verdict for m in plan(project, pg_version=db_latest.major).migrations] == ["safe", "safe"]


def test_a_major_without_a_local_server_is_not_shown_to_run(db: TestDatabase, tmp_path: Path) -> None:
    other = next(v for v in (14, 13, 12, 11) if find_binaries(v) is None)
    folder = write_migrations(tmp_path / "m", {"1_add.up.sql": "CREATE TABLE a (id int);\n"})
    result = run_cli("plan", "--dsn", db.dsn, "--dir", folder, "--pg-version", str(other), "--json")
    assert result.json()["verdict"] == "unverified", result.stdout
    reasons = [r["message"] for m in result.json()["migrations"] for r in m["reasons"]]
    assert f"not shown to run on PostgreSQL {other}: no local PostgreSQL {other} server to dry-run on" in (
        " | ".join(reasons)
    )


def test_the_second_plan_reuses_the_dry_run_and_without_createdb_says_why(
    client_db: TestDatabase, createdb_role: tuple[str, str], tmp_path: Path
) -> None:
    name, dsn = createdb_role
    client_db.execute(f"GRANT CREATE ON SCHEMA public TO {name}")
    folder = write_migrations(tmp_path / "m", {"1_add.up.sql": "CREATE TABLE a (id int);\n"})
    first = plan(Project.of(dsn, load_migration_set(folder)))
    assert first.proof is not None and first.proof.source == "dry-run"
    assert first.verdict == "safe"
    client_db.execute(f"ALTER ROLE {name} NOCREATEDB")
    # the role can no longer make a shadow: the same migrations on the same schema come from the cache
    second = plan(Project.of(dsn, load_migration_set(folder)))
    assert second.proof is not None and second.proof.source == "cache"
    assert second.verdict == "safe"
    # another schema: a dry run is needed again, and cannot be made
    client_db.execute("CREATE TABLE other (id int)")
    result = run_cli("plan", "--dsn", dsn, "--dir", folder, "--fail-on", "unverified")
    assert result.code == 1
    [line] = [x for x in result.stdout.splitlines() if "unverified: not shown to run" in x]
    assert "not shown to run on PostgreSQL" in line
    assert "the role cannot create a scratch database on" in line and "(needs CREATEDB)" in line
    assert "safe" not in [m["verdict"] for m in run_cli("plan", "--dsn", dsn, "--dir", folder, "--json")
                          .json()["migrations"]]  # fmt: skip


def test_down_scripts_are_dry_run_too(db: TestDatabase, tmp_path: Path) -> None:
    folder = write_migrations(tmp_path / "m", {
        "1_a.up.sql": "CREATE TABLE a (id int);\n", "1_a.down.sql": "DROP TABLE a;\n",
        "2_b.up.sql": "CREATE TABLE b (id int);\n", "2_b.down.sql": "DROP TABLE b;\n",
        "3_c.up.sql": "CREATE TABLE c (id int);\n", "3_c.down.sql": "DROP TABLE nosuch_c;\n",
    })  # fmt: skip
    runner = Runner(db.dsn, load_migration_set(folder), log=EventLog())
    try:
        assert runner.up().ok
    finally:
        runner.close()
    report = plan_down(Project.of(db.dsn, load_migration_set(folder)), to=Version("1"))
    assert report.proof is not None and report.proof.source == "dry-run"
    assert [(m.version, m.verdict) for m in report.migrations] == [("3", "dangerous"), ("2", "unverified")]
    failed = report.migrations[0].reasons[0]
    assert (
        failed.rule == "dry-run" and "3_c.down.sql:1: will fail on PostgreSQL" in failed.message
    )  # no position for a name
    assert 'table "nosuch_c" does not exist' in failed.message
    assert db.execute("SELECT to_regclass('c') IS NOT NULL, to_regclass('b') IS NOT NULL") == [(True, True)]
    fine = plan_down(Project.of(db.dsn, load_migration_set(folder)), to=Version("2"))
    assert [(m.version, m.verdict) for m in fine.migrations] == [("3", "dangerous")]
    fixed = write_migrations(tmp_path / "m", {"3_c.down.sql": "DROP TABLE c;\n"})
    ok = plan_down(Project.of(db.dsn, load_migration_set(fixed)), to=Version("1"))
    assert [(m.version, m.verdict) for m in ok.migrations] == [("3", "safe"), ("2", "safe")]


def test_no_database_and_pg_version_plans_on_a_local_server_of_that_major(tmp_path: Path) -> None:
    """`plan --pg-version 15` with no --dsn: the migrations run on an empty database of a local 15."""
    if find_binaries(15) is None:
        pytest.skip("no local PostgreSQL 15")
    folder = write_migrations(tmp_path / "m", {"1_table.up.sql": "CREATE TABLE t (id int);\n",
                                               "2_check.up.sql": NEEDS_16})  # fmt: skip
    first = run_cli("plan", "--dir", folder, "--pg-version", "15", "--json")
    doc = first.json()
    assert [m["verdict"] for m in doc["migrations"]] == ["safe", "dangerous"], first.stderr
    assert doc["database"].startswith("a local PostgreSQL 15") and doc["proof"]["source"] == "dry-run"
    assert "will fail on PostgreSQL 15: 42883" in doc["migrations"][1]["reasons"][0]["message"]
    again = run_cli("plan", "--dir", folder, "--pg-version", "15", "--json").json()
    assert again["proof"]["source"] == "cache"
    assert [m["verdict"] for m in again["migrations"]] == ["safe", "dangerous"]
    other = next(v for v in (14, 13, 12, 11) if find_binaries(v) is None)
    none = run_cli("plan", "--dir", folder, "--pg-version", str(other), "--fail-on", "unverified")
    assert none.code == 1
    assert f"not shown to run on PostgreSQL {other}: no database named and no local PostgreSQL {other}" in (
        none.stdout
    )


def test_an_applied_migration_that_15_cannot_run_leaves_the_pending_ones_unverified_there(
    db_latest: TestDatabase, tmp_path: Path
) -> None:
    if find_binaries(15) is None:
        pytest.skip("no local PostgreSQL 15")
    folder = write_migrations(tmp_path / "m", {"1_check.up.sql": NEEDS_16,
                                               "2_table.up.sql": "CREATE TABLE t (id int);\n"})  # fmt: skip
    policy = ExecutionPolicy(allow_irreversible=True)
    runner = Runner(db_latest.dsn, load_migration_set(folder), log=EventLog(), policy=policy)
    try:
        assert runner.up(Version("1")).ok
    finally:
        runner.close()
    project = Project.of(db_latest.dsn, load_migration_set(folder))
    for source in ("dry-run", "cache"):
        report = plan(project, pg_version=15)
        assert report.proof is not None and report.proof.source == source
        [pending] = report.migrations
        assert pending.verdict == "unverified"
        why = "migration 1 (applied before it) does not run on PostgreSQL 15: function pg_input_is_valid"
        assert f"not shown to run on PostgreSQL 15: {why}" in pending.reasons[0].message
