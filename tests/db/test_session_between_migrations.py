"""A `SET search_path` in one migration reaches the next only where the set's tool lets it.

Flyway starts every migration from the connection's original role and search_path (flyway-core
`DbMigrate.doMigrateGroup`: `restoreOriginalState()`, then `changeCurrentSchemaTo(schema)`); golang-migrate
runs a whole `up` on one `*sql.Conn` (database/postgres `WithInstance`), so a session setting stays.
"""

from __future__ import annotations

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
