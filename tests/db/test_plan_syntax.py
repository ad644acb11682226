"""`migwiz plan` checks every pending statement with the connected server's own parser, without running it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from migwiz.engine.commands import Project, plan
from migwiz.engine.plan.syntax import check_statements
from migwiz.engine.servers.local import find_binaries
from migwiz.engine.sets import load_migration_set
from migwiz.engine.sets.model import Statement
from tests.conftest import TestDatabase
from tests.helpers import run_cli, write_migrations

SETUP = "CREATE TABLE t (id int, g int GENERATED ALWAYS AS (id * 2) STORED);"

NEWER = {
    "select_subquery_without_alias": (16, "SELECT * FROM (SELECT 1)"),
    "json_object_constructor": (16, "SELECT JSON_OBJECT('a': 1)"),
    "is_json_predicate": (16, "SELECT '{}' IS JSON"),
    "set_expression": (17, "ALTER TABLE t ALTER COLUMN g SET EXPRESSION AS (id * 3)"),
    "merge_returning": (
        17,
        "MERGE INTO t USING (SELECT 1 AS id) s ON t.id = s.id WHEN NOT MATCHED THEN INSERT (id) VALUES (s.id)"
        " RETURNING t.id",
    ),
    "table_not_null_constraint": (18, "CREATE TABLE n (id int, CONSTRAINT n_id_nn NOT NULL id)"),
    "virtual_generated_column": (18, "CREATE TABLE v (a int, b int GENERATED ALWAYS AS (a * 2) VIRTUAL)"),
}
"""Statements each major from the one named accepts, and older majors reject at parse time."""


def test_system_user_parses_on_15_as_a_name_and_still_is_not_safe(db: TestDatabase, tmp_path: Path) -> None:
    folder = write_migrations(
        tmp_path / "m", {"1_who.up.sql": "CREATE VIEW who AS SELECT SYSTEM_USER AS u;\n"}
    )
    [migration] = plan(Project.of(db.dsn, load_migration_set(folder))).migrations
    assert [r.rule for r in migration.reasons if r.rule == "server-parse"] == []  # every major parses it
    if db.major < 16:
        assert migration.verdict == "dangerous"
        assert [r.rule for r in migration.reasons] == ["dry-run", "version-syntax"]
        assert 'column "system_user" does not exist' in migration.reasons[0].message
    else:
        assert migration.verdict == "safe"


@pytest.mark.parametrize(("needs", "sql"), [(18, "SELECT uuidv7()"), (16, "SELECT 1_000")])
def test_what_parses_everywhere_but_fails_below_its_major_is_not_safe(
    db: TestDatabase, tmp_path: Path, needs: int, sql: str
) -> None:
    folder = write_migrations(tmp_path / "m", {"1_newer.up.sql": sql + ";\n"})
    [migration] = plan(Project.of(db.dsn, load_migration_set(folder))).migrations
    if db.major < needs:
        assert migration.verdict == "dangerous"
        assert "version-syntax" in [r.rule for r in migration.reasons]
    else:
        assert migration.verdict == "safe"


@pytest.mark.parametrize("name", sorted(NEWER))
def test_plan_verdict_follows_the_server_grammar(db: TestDatabase, tmp_path: Path, name: str) -> None:
    needs, statement = NEWER[name]
    db.execute(SETUP)
    folder = write_migrations(tmp_path / "m", {f"1_{name}.up.sql": statement + ";\n"})
    report = plan(Project.of(db.dsn, load_migration_set(folder)))
    [migration] = report.migrations
    server = [r for r in migration.reasons if r.rule == "server-parse"]
    if db.major < needs:
        assert migration.verdict == "dangerous"
        [reason] = server
        # PostgreSQL's position, as line:column of the file, points at the token it names
        where = re.match(r"line 1:(\d+) fails on this server: ", reason.message)
        assert where is not None, reason.message
        near = re.search(r'at or near "([^"]+)"', reason.message)
        token = near[1] if near else "("  # `subquery in FROM must have an alias` points at the subquery
        assert statement[int(where[1]) - 1 :].startswith(token), reason.message
        [lint] = [r for r in migration.reasons if r.rule == "version-syntax"]
        assert f"fails on PostgreSQL {db.major}: " in lint.message
        assert lint.message.endswith(f"needs {needs}+")
    else:
        assert server == []
        assert migration.verdict == "safe", migration.reasons
    # nothing ran: the check is parse-only and rolled back
    assert db.execute("SELECT to_regclass('n'), to_regclass('v')") == [(None, None)]
    assert db.execute("SELECT count(*) FROM t") == [(0,)]


def test_parse_check_runs_nothing_and_takes_no_lock(db: TestDatabase) -> None:
    db.execute(SETUP)
    with db.connect(autocommit=False) as holder, db.connect() as conn:
        holder.execute("LOCK TABLE t IN ACCESS EXCLUSIVE MODE")  # any lock the check took would time out
        checks = check_statements(
            conn,
            [
                Statement("DROP TABLE t", 1),
                Statement("INSERT INTO t (id) VALUES (1) -- trailing comment", 2),
                Statement("CREATE INDEX ON nosuch (x)", 3),
                Statement("ALTER TABLE t ADD COLUMN x int NOT NULL DEFAULT", 4),
            ],
        )
        holder.rollback()
    assert [c.outcome for c in checks] == ["accepted", "accepted", "accepted", "rejected"]
    assert checks[3].message.startswith("syntax error at end of input")
    assert db.execute("SELECT count(*) FROM t") == [(0,)]


def test_statements_plpgsql_reads_itself_are_unchecked(db: TestDatabase) -> None:
    with db.connect() as conn:
        checks = check_statements(
            conn,
            [
                Statement("EXECUTE prepared_thing", 1),
                Statement("SELECT 1 AS a INTO copy_of", 2),
                Statement("COMMIT", 3),
                Statement("select 'x' -- $migwiz_check0$ in the text", 4),
            ],
        )
    assert [c.outcome for c in checks] == ["unchecked", "unchecked", "accepted", "accepted"]


def test_analysing_for_another_major_is_not_shown_to_run(db: TestDatabase, tmp_path: Path) -> None:
    other = next(v for v in (14, 13, 12, 11) if find_binaries(v) is None)  # no local server to dry-run on
    folder = write_migrations(tmp_path / "m", {"1_add.up.sql": "CREATE TABLE a (id int);\n"})
    report = plan(Project.of(db.dsn, load_migration_set(folder)), pg_version=other)
    [migration] = report.migrations
    assert migration.verdict == "unverified"
    assert f"analysed for PostgreSQL {other}, but the server is PostgreSQL {db.major}" in " | ".join(
        r.message for r in migration.reasons
    )
    same = plan(Project.of(db.dsn, load_migration_set(folder)), pg_version=db.major)
    assert same.migrations[0].verdict == "safe"


def test_cli_exit_codes(db: TestDatabase, tmp_path: Path) -> None:
    folder = write_migrations(
        tmp_path / "m", {"1_sub.up.sql": "CREATE VIEW s AS SELECT * FROM (SELECT 1);\n"}
    )
    result = run_cli("plan", "--dsn", db.dsn, "--dir", folder, "--json")
    expected = "dangerous" if db.major < 16 else "safe"
    assert result.json()["verdict"] == expected, result.stderr
    assert result.code == (1 if expected == "dangerous" else 0)
    other = str(next(v for v in (14, 13, 12, 11) if find_binaries(v) is None))
    unverified = run_cli(
        "plan", "--dsn", db.dsn, "--dir", folder, "--pg-version", other, "--fail-on", "unverified"
    )
    assert unverified.code == 1
    assert "not shown to run" in unverified.stdout
