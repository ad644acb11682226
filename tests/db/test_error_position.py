"""A syntax error names PostgreSQL's position as file:line:column in `dry-run`, `plan` and `trace`, as `up`
does (not the first line of the statement)."""

from __future__ import annotations

from pathlib import Path

from migwiz.engine.commands import Project, dry_run, plan
from migwiz.engine.sets import load_migration_set
from tests.conftest import TestDatabase
from tests.helpers import run_cli, write_migrations

BROKEN = "SELECT 1;\nCREATE TABLE u (\n  id int,, x int);\n"
"""The second statement starts on line 2; PostgreSQL points at the second comma: line 3, column 10."""


def broken_set(tmp_path: Path) -> Path:
    return write_migrations(
        tmp_path / "m",
        {
            "1_a.up.sql": "CREATE TABLE t (id int);\n",
            "1_a.down.sql": "DROP TABLE t;\n",
            "2_b.up.sql": BROKEN,
            "2_b.down.sql": "SELECT 1;\n",
        },
    )


def test_dry_run_names_line_and_column(client_db: TestDatabase, tmp_path: Path) -> None:
    folder = broken_set(tmp_path)
    report = dry_run(Project.of(client_db.dsn, load_migration_set(folder)))
    [failure] = report.failures
    assert (failure.line, failure.column, failure.sqlstate) == (3, 10, "42601")
    assert failure.where == f"{folder / '2_b.up.sql'}:3:10"
    assert failure.to_json()["column"] == 10
    result = run_cli("dry-run", "--dsn", client_db.dsn, "--dir", folder)
    assert result.code != 0
    assert "2_b.up.sql:3:10" in result.stdout + result.stderr


def test_plan_names_line_and_column(client_db: TestDatabase, tmp_path: Path) -> None:
    folder = broken_set(tmp_path)
    broken = plan(Project.of(client_db.dsn, load_migration_set(folder))).migrations[1]
    [reason] = [r for r in broken.reasons if r.rule == "server-parse"]
    assert reason.message.startswith("line 3:10 fails on this server: syntax error at or near")
    assert reason.line == 3


def test_trace_names_line_and_column(client_db: TestDatabase, tmp_path: Path) -> None:
    folder = broken_set(tmp_path)
    result = run_cli("trace", "2", "--dsn", client_db.dsn, "--dir", folder)
    assert f"{folder / '2_b.up.sql'}:3:10: 42601 syntax error at or near" in result.stdout
    as_json = run_cli("trace", "2", "--dsn", client_db.dsn, "--dir", folder, "--json")
    failed = [s for s in as_json.json()["statements"] if s["error"]]
    assert [(s["line"], s["error_line"], s["error_column"]) for s in failed] == [(2, 3, 10)]
