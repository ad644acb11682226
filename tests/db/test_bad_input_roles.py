"""A role that may not use migwiz's schema, across every command that reads or records history: one line
naming the schema, a GRANT to run, exit 2, and nothing applied, reverted or recorded."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner
from psycopg import sql

from migwiz.cli import cli
from tests.conftest import TestDatabase
from tests.helpers import write_migrations

SET = {
    "1_users.up.sql": "CREATE TABLE users (id int);\n",
    "1_users.down.sql": "DROP TABLE users;\n",
    "2_email.up.sql": "ALTER TABLE users ADD COLUMN email text;\n",
    "2_email.down.sql": "ALTER TABLE users DROP COLUMN email;\n",
}
COMMANDS = [
    ["status"], ["up"], ["down"], ["repair", "--yes"], ["log"], ["plan"], ["verify"], ["drift"],
    ["dry-run"], ["test-rollback"], ["trace", "2"], ["backfill", "pause", "--id", "2"], ["baseline"],
]  # fmt: skip


@pytest.fixture
def weak_role(client_db: TestDatabase) -> Iterator[str]:
    """A login role with no privilege on migwiz's schema; its DSN."""
    name = f"mw_{uuid.uuid4().hex[:10]}"
    client_db.execute(f"CREATE ROLE {name} LOGIN")
    yield client_db.dsn.replace("user=postgres", f"user={name}")
    with psycopg.connect(client_db.dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP OWNED BY {} CASCADE").format(sql.Identifier(name)))
        conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))


def test_no_usage_on_migwiz_schema_is_one_line_naming_it(
    client_db: TestDatabase, weak_role: str, tmp_path: Path
) -> None:
    folder = write_migrations(tmp_path / "migrations", SET)
    runner = CliRunner()
    env = {"DATABASE_URL": "", "COLUMNS": "80"}
    first = runner.invoke(cli, ["up", "--to", "1", "--dsn", client_db.dsn, "--dir", str(folder)], env=env)
    assert first.exit_code == 0, first.stderr
    wrong: list[str] = []
    for words in COMMANDS:
        result = runner.invoke(cli, [*words, "--dsn", weak_role, "--dir", str(folder), "--json"], env=env)
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        said = " ".join(words)
        if result.exit_code != 2 or len(lines) != 2 or "Traceback" in result.stderr:
            wrong.append(f"{said}: exit {result.exit_code}: {result.stderr!r}")
            continue
        error = json.loads(result.stdout)["error"]
        if "migwiz" not in error["message"] or "USAGE" not in (error["hint"] or "") + error["message"]:
            wrong.append(f"{said}: {error}")
        if "database error" in result.stderr or "internal error" in result.stderr:
            wrong.append(f"{said}: {lines[0]}")
    assert not wrong, "\n".join(wrong)
    with client_db.connect() as conn:  # nothing applied, reverted or recorded by the refused commands
        assert conn.execute("SELECT version FROM migwiz.history ORDER BY version").fetchall() == [("1",)]
        assert conn.execute("SELECT to_regclass('public.users') IS NOT NULL").fetchone() == (True,)
        columns = "SELECT count(*) FROM pg_attribute WHERE attrelid = 'users'::regclass AND attnum > 0"
        assert conn.execute(columns).fetchone() == (1,)


def test_log_of_a_run_that_is_not_there_is_an_error_and_no_match_is_still_json(
    client_db: TestDatabase, tmp_path: Path
) -> None:
    folder = write_migrations(tmp_path / "migrations", SET)
    runner = CliRunner()
    env = {"DATABASE_URL": "", "COLUMNS": "80"}
    assert runner.invoke(cli, ["up", "--dsn", client_db.dsn, "--dir", str(folder)], env=env).exit_code == 0
    typo = runner.invoke(cli, ["log", "--run", "zz", "--dsn", client_db.dsn, "--json"], env=env)
    assert typo.exit_code == 2
    assert "--run 'zz'" in json.loads(typo.stdout)["error"]["message"]
    assert typo.stderr.splitlines()[0].startswith("migwiz: error: --run 'zz'")
    window = runner.invoke(
        cli, ["log", "--run", "zz", "--since", "1m", "--dsn", client_db.dsn, "--json"], env=env
    )
    assert window.exit_code == 0 and json.loads(window.stdout) == {"events": []}
    found = runner.invoke(cli, ["log", "--migration", "2", "--dsn", client_db.dsn, "--json"], env=env)
    assert found.exit_code == 0 and json.loads(found.stdout)["events"]
