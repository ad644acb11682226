"""`own-schema`: lint flags, with file:line, every statement that `up` refuses for naming migwiz's schema."""

from __future__ import annotations

from pathlib import Path

import pytest

from migwiz.engine.analysis import lint_migration_set
from migwiz.engine.analysis.own_schema_rule import linting_for
from migwiz.engine.run.own_schema import touched_objects
from migwiz.engine.sets import load_migration_set
from tests.helpers import run_cli, write_migrations

REFUSED_AT_RUN_TIME = [
    ("LOCK migwiz.events IN ACCESS EXCLUSIVE MODE;", "migwiz.events"),
    ("DROP SCHEMA migwiz CASCADE;", "schema migwiz"),
    ("DELETE FROM migwiz.history WHERE version = '1';", "migwiz.history"),
    ("SET search_path = migwiz, public;", "schema migwiz (search_path)"),
    ("ALTER SCHEMA migwiz RENAME TO old_migwiz;", "schema migwiz"),
    ("CREATE TABLE migwiz.extra (id int);", "migwiz.extra"),
]


def own_schema_findings(folder: Path, schema: str = "migwiz") -> list[tuple[str, int, str]]:
    with linting_for(schema):
        report = lint_migration_set(load_migration_set(folder), pg_version=18)
    return [(p.name, f.line, f.message) for p, f in report.all_findings() if f.rule == "own-schema"]


@pytest.mark.parametrize(("statement", "named"), REFUSED_AT_RUN_TIME)
def test_lint_flags_what_the_run_refuses_at_its_line(tmp_path: Path, statement: str, named: str) -> None:
    assert touched_objects(statement, "migwiz") == [named]  # the run refuses it ...
    folder = write_migrations(
        tmp_path / "m",
        {"1_a.up.sql": f"CREATE TABLE a (id int);\n\n{statement}\n", "1_a.down.sql": "DROP TABLE a;\n"},
    )
    assert own_schema_findings(folder) == [  # ... and lint says so first, at the same line
        ("1_a.up.sql", 3, f"touches {named}, migwiz's own bookkeeping: `migwiz up` refuses this migration")
    ]


@pytest.mark.parametrize(
    "statement",
    [
        "SELECT 'migwiz.events' FROM public.t AS migwiz WHERE migwiz.id = 1;",
        "CREATE TABLE migwiz_audit (id int);",
        "COMMENT ON TABLE public.t IS 'written by migwiz';",
        "INSERT INTO public.t SELECT generate_series(1, 10);",
    ],
)
def test_statements_that_only_mention_the_name_are_not_flagged(tmp_path: Path, statement: str) -> None:
    folder = write_migrations(
        tmp_path / "m",
        {"1_a.up.sql": f"CREATE TABLE t (id int);\n{statement}\n", "1_a.down.sql": "SELECT 1;\n"},
    )
    assert touched_objects(statement, "migwiz") == []
    assert own_schema_findings(folder) == []


def test_a_configured_schema_is_the_one_looked_for(tmp_path: Path) -> None:
    folder = write_migrations(
        tmp_path / "m",
        {"1_a.up.sql": "LOCK ops.history;\nLOCK migwiz.history;\n", "1_a.down.sql": "SELECT 1;\n"},
    )
    assert [line for _, line, _ in own_schema_findings(folder, "ops")] == [1]
    assert [line for _, line, _ in own_schema_findings(folder)] == [2]


def test_a_down_script_is_flagged_too(tmp_path: Path) -> None:
    folder = write_migrations(
        tmp_path / "m",
        {
            "1_a.up.sql": "CREATE TABLE a (id int);\n",
            "1_a.down.sql": "DROP TABLE a;\nTRUNCATE migwiz.events;\n",
        },
    )
    assert [(name, line) for name, line, _ in own_schema_findings(folder)] == [("1_a.down.sql", 2)]


def test_the_cli_reports_file_and_line_and_fails(tmp_path: Path) -> None:
    folder = write_migrations(
        tmp_path / "m",
        {
            "1_a.up.sql": "CREATE TABLE a (id int);\nLOCK ops.events IN ACCESS EXCLUSIVE MODE;\n",
            "1_a.down.sql": "DROP TABLE a;\n",
        },
    )
    result = run_cli("lint", "--dir", folder, "--schema", "ops", env={"MIGWIZ_CACHE_DIR": "off"})
    assert result.code == 1, result.stderr
    assert (
        f"{folder / '1_a.up.sql'}:2 error own-schema: touches ops.events, migwiz's own bookkeeping:"
        " `migwiz up` refuses this migration"
    ) in result.stdout.splitlines()
    assert run_cli("lint", "--dir", folder, env={"MIGWIZ_CACHE_DIR": "off"}).stdout.count("own-schema") == 0
