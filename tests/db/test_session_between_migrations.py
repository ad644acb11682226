"""A `SET search_path` in one migration reaches the next only where the set's tool lets it.

Flyway starts every migration from the connection's original role and search_path (flyway-core
`DbMigrate.doMigrateGroup`: `restoreOriginalState()`, then `changeCurrentSchemaTo(schema)`); golang-migrate
runs a whole `up` on one `*sql.Conn` (database/postgres `WithInstance`), so a session setting stays.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import TestDatabase
from tests.helpers import run_cli, write_migrations

SWITCH = "CREATE SCHEMA elsewhere;\nSET search_path TO elsewhere;\nCREATE TABLE first_table (id int);\n"
NEXT = "CREATE TABLE second_table (id int);\n"
CASES = [
    pytest.param({"V1__switch.sql": SWITCH, "V2__next.sql": NEXT}, "public", id="flyway"),
    pytest.param({"1_switch.up.sql": SWITCH, "2_next.up.sql": NEXT}, "elsewhere", id="golang-migrate"),
]


def _schema_of(db: TestDatabase, table: str) -> list[tuple[object, ...]]:
    return db.execute(f"SELECT table_schema FROM information_schema.tables WHERE table_name = '{table}'")


@pytest.mark.parametrize(("files", "second_in"), CASES)
def test_a_session_setting_reaches_the_next_migration_as_the_tool_lets_it(
    files: dict[str, str], second_in: str, client_db: TestDatabase, tmp_path: Path
) -> None:
    folder = write_migrations(tmp_path / "migrations", files)
    up = run_cli("up", "--allow-irreversible", "--dsn", client_db.dsn, "--dir", folder)
    assert up.code == 0, up.stdout + up.stderr
    assert _schema_of(client_db, "first_table") == [("elsewhere",)]
    assert _schema_of(client_db, "second_table") == [(second_in,)]
    if second_in == "public":  # Flyway: the shadow `drift` replays the files into has the same schema
        drift = run_cli("drift", "--dsn", client_db.dsn, "--dir", folder)
        assert drift.code == 0, drift.stdout + drift.stderr


@pytest.fixture
def plain_role(db: TestDatabase) -> Iterator[str]:
    """A role with no privilege on migwiz's schema (dropped with what it owns after the test)."""
    name = f"plain_{uuid.uuid4().hex[:10]}"
    db.execute(f"CREATE ROLE {name}")
    try:
        yield name
    finally:
        snapshots = db.execute(  # the shadow states drift saved: this set's alone (its files name the role)
            "SELECT DISTINCT d.datname FROM pg_shdepend s JOIN pg_database d ON d.oid = s.dbid"
            f" WHERE s.refobjid = '{name}'::regrole AND d.datname LIKE 'migwiz\\_snap\\_%'"
        )
        for (snapshot,) in snapshots:
            db.execute(f'DROP DATABASE "{snapshot}"')
        db.execute(f"DROP OWNED BY {name}")
        db.execute(f"DROP ROLE {name}")


def test_a_migration_that_sets_role_and_search_path_keeps_them_and_its_history_is_written(
    db: TestDatabase, plain_role: str, tmp_path: Path
) -> None:
    """`SET ROLE` to a role that may not touch migwiz's schema, and a `search_path` without it: the history
    rows are still written (as the session's own user), and the next migrations, in a transaction or
    statement by statement, run as that role in that schema, as golang-migrate's one session runs them."""
    files = {
        "1_switch.up.sql": (
            f"CREATE SCHEMA elsewhere AUTHORIZATION {plain_role};\n"
            f"SET ROLE {plain_role};\nSET search_path TO elsewhere;\nCREATE TABLE first_table (id int);\n"
        ),
        "2_next.up.sql": "CREATE TABLE second_table (id int);\n",
        "3_index.up.sql": "CREATE INDEX CONCURRENTLY second_id ON second_table (id);\n",
        "4_last.up.sql": "CREATE TABLE third_table (id int);\n",
    }
    folder = write_migrations(tmp_path / "migrations", files)
    up = run_cli("up", "--allow-irreversible", "--dsn", db.dsn, "--dir", folder)
    assert up.code == 0, up.stdout + up.stderr
    owners = db.execute(
        "SELECT schemaname, tablename, tableowner FROM pg_tables WHERE schemaname = 'elsewhere' ORDER BY 2"
    )
    assert owners == [("elsewhere", t, plain_role) for t in ("first_table", "second_table", "third_table")]
    assert db.execute("SELECT schemaname FROM pg_indexes WHERE indexname = 'second_id'") == [("elsewhere",)]
    assert db.execute("SELECT count(*) FROM migwiz.history WHERE success") == [(4,)]
    again = run_cli("up", "--allow-irreversible", "--dsn", db.dsn, "--dir", folder)
    assert again.code == 0 and "nothing to apply" in again.stdout + again.stderr, again.stdout + again.stderr
    drift = run_cli("drift", "--dsn", db.dsn, "--dir", folder)
    assert drift.code == 0, drift.stdout + drift.stderr


def test_a_search_path_set_by_one_migration_reaches_the_next_in_drift_and_test_rollback(
    client_db: TestDatabase, tmp_path: Path
) -> None:
    """drift and test-rollback rebuild the set on a shadow database the way `up` runs it: one session, so the
    schema migration 1 switches to is where migration 2's unqualified table goes, snapshot or not."""
    files = {
        "1_switch.up.sql": SWITCH,
        "1_switch.down.sql": "DROP TABLE elsewhere.first_table;\nDROP SCHEMA elsewhere;\n",
        "2_next.up.sql": NEXT,
        "2_next.down.sql": "DROP TABLE elsewhere.second_table;\n",
        "3_more.up.sql": "CREATE TABLE third_table (id int);\n",
        "3_more.down.sql": "DROP TABLE elsewhere.third_table;\n",
    }
    folder = write_migrations(tmp_path / "migrations", files)
    first = run_cli("up", "--to", "2", "--dsn", client_db.dsn, "--dir", folder)
    assert first.code == 0, first.stdout + first.stderr
    drift = run_cli("drift", "--dsn", client_db.dsn, "--dir", folder)  # saves the state after 2
    assert drift.code == 0, drift.stdout + drift.stderr
    down = run_cli("down", "--steps", "2", "--dsn", client_db.dsn, "--dir", folder)
    assert down.code == 0, down.stdout + down.stderr
    up = run_cli("up", "--dsn", client_db.dsn, "--dir", folder)  # all three in one session
    assert up.code == 0, up.stdout + up.stderr
    assert _schema_of(client_db, "third_table") == [("elsewhere",)]
    drift = run_cli("drift", "--dsn", client_db.dsn, "--dir", folder)  # from the state after 2, replays 3
    assert drift.code == 0, drift.stdout + drift.stderr
    for fresh in ((), ("--no-snapshots",)):  # from the saved states, and replayed from the start
        tested = run_cli(
            "test-rollback", *fresh, "--dsn", client_db.dsn, "--dir", folder, "--json", timeout=300
        )
        assert tested.code == 0, tested.stdout + tested.stderr
        verdicts = {m["version"]: m["result"] for m in tested.json()["migrations"]}
        assert verdicts == {"1": "passed", "2": "passed", "3": "passed"}, tested.stdout
