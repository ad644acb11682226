"""A database migrated by Diesel, sqlx, Prisma, golang-migrate or Flyway keeps the tool's own history table
after `migwiz adopt`.

The table belongs to the tool, not to the migration files: `drift` names it in a note and never reports it
as extra (nor `drift --sql` drops it), unless a baseline creates it, which makes it part of the comparison.
Each case applies the first migrations of a vendored set the tool's way (psql, tools.py), creates the
tool's table with the tool's own DDL and rows, adopts, and checks `drift`.
"""

from __future__ import annotations

import hashlib
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from migwiz.engine.adopt.flyway import checksum as flyway_checksum
from tests.conftest import TestDatabase
from tests.db.test_adopt import FLYWAY_DDL
from tests.helpers import run_cli
from tests.realworld.realsets import SETS, SETS_DIR, RealSet, apply_with_psql
from tests.realworld.tools import TOOLS, ToolMigration

# The tools' own DDL for their history tables, as they run it before the first migration:
# diesel `CREATE_MIGRATIONS_TABLE` (diesel/src/migration/setup_migration_table.sql),
# sqlx-postgres `ensure_migrations_table`, Prisma schema-engine `create_migrations_table` (postgres),
# golang-migrate database/postgres `ensureVersionTable`, Flyway's PostgreSQL `createMetaDataTable.sql`.
DIESEL_TABLE = """CREATE TABLE IF NOT EXISTS __diesel_schema_migrations (
       version VARCHAR(50) PRIMARY KEY NOT NULL,
       run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);"""
SQLX_TABLE = """CREATE TABLE IF NOT EXISTS _sqlx_migrations (
    version BIGINT PRIMARY KEY,
    description TEXT NOT NULL,
    installed_on TIMESTAMPTZ NOT NULL DEFAULT now(),
    success BOOLEAN NOT NULL,
    checksum BYTEA NOT NULL,
    execution_time BIGINT NOT NULL
);"""
PRISMA_TABLE = """CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);"""
GOLANG_MIGRATE_TABLE = """CREATE TABLE IF NOT EXISTS schema_migrations (
    version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL
);"""
FLYWAY_TABLE = FLYWAY_DDL.strip()


def _record(db: TestDatabase, tool: str, migrations: list[ToolMigration]) -> None:
    """The rows the tool writes for `migrations`: golang-migrate keeps one (the last version, not dirty);
    Flyway one per migration, a baseline migration typed SQL_BASELINE, with its CRC32 checksum."""
    with db.connect() as conn:
        if tool == "golang-migrate":
            conn.execute("INSERT INTO schema_migrations VALUES (%s, false)", (int(migrations[-1].identity),))
            return
        for rank, m in enumerate(migrations, start=1):
            if tool == "flyway":
                conn.execute(
                    "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                    " checksum, installed_by, execution_time, success) VALUES (%s, %s, %s, %s, %s, %s,"
                    " 'flyway', 10, true)",
                    (
                        rank,
                        m.identity,
                        m.up.name.split("__", 1)[1].removesuffix(".sql").replace("_", " "),
                        "SQL_BASELINE" if m.up.name.startswith("B") else "SQL",
                        m.up.name,
                        flyway_checksum(m.up.read_text(encoding="utf-8")),  # as written
                    ),
                )
                continue

            data = m.up.read_bytes()
            if tool == "diesel":
                conn.execute("INSERT INTO __diesel_schema_migrations (version) VALUES (%s)", (m.identity,))
            elif tool == "sqlx":
                conn.execute(
                    "INSERT INTO _sqlx_migrations VALUES (%s, %s, now(), true, %s, 1000)",
                    (int(m.identity), m.up.name, hashlib.sha384(data).digest()),
                )
            else:
                conn.execute(
                    "INSERT INTO _prisma_migrations"
                    " (id, checksum, finished_at, migration_name, applied_steps_count)"
                    " VALUES (%s, %s, now(), %s, 1)",
                    (str(uuid.uuid4()), hashlib.sha256(data).hexdigest(), m.identity),
                )


CASES = [
    pytest.param("rfcbot", "diesel", DIESEL_TABLE, "__diesel_schema_migrations", 6, id="diesel"),
    pytest.param("docs-rs", "sqlx", SQLX_TABLE, "_sqlx_migrations", 3, id="sqlx"),
    pytest.param("atuin", "sqlx", SQLX_TABLE, "_sqlx_migrations", 4, id="sqlx-simple"),
    pytest.param(
        "openmeter", "golang-migrate", GOLANG_MIGRATE_TABLE, "schema_migrations", 8, id="golang-migrate"
    ),
    pytest.param("hawkbit", "flyway", FLYWAY_TABLE, "flyway_schema_history", 5, id="flyway-baseline"),
    # Flyway's three locations as subfolders of one: V10.1 (migration_postgres_notify/) between V10 and V11
    pytest.param("conductor", "flyway", FLYWAY_TABLE, "flyway_schema_history", 21, id="flyway-subfolders"),
    pytest.param("quickwit", "sqlx", SQLX_TABLE, "_sqlx_migrations", 12, id="sqlx-short-versions"),
    pytest.param("hoppscotch", "prisma", PRISMA_TABLE, "_prisma_migrations", 12, id="prisma"),
]


@pytest.mark.parametrize(("name", "tool", "ddl", "table", "count"), CASES)
def test_drift_leaves_the_tools_own_table_alone(
    name: str, tool: str, ddl: str, table: str, count: int, tmp_path: Path, db_latest: TestDatabase
) -> None:
    source = SETS_DIR / name / "migrations"
    folder = tmp_path / "migrations"
    folder.mkdir()
    kept = TOOLS[tool](source)[:count]
    for m in kept:  # the set's first migrations, real names and contents
        if m.up.parent != source:
            shutil.copytree(m.up.parent, folder / m.up.parent.name, dirs_exist_ok=True)
        for path in source.glob(f"{m.up.name.split('_', 1)[0]}_*") if m.up.parent == source else ():
            shutil.copy(path, folder / path.name)
    migrations = TOOLS[tool](folder)
    db = db_latest
    db.execute(ddl)
    apply_with_psql(db, migrations)
    _record(db, tool, migrations)

    adopted = run_cli("adopt", "--from", tool, "--dsn", db.dsn, "--dir", folder)
    assert adopted.code == 0, adopted.stderr
    result = run_cli("drift", "--json", "--dsn", db.dsn, "--dir", folder)
    assert result.code == 0, result.stdout + result.stderr
    doc = result.json()
    assert doc["drift"] is False, doc["differences"]
    assert (
        f"public.{table} is {tool}'s history table (`migwiz adopt` leaves it in place): not compared"
        in doc["notes"]
    )
    repair = run_cli("drift", "--sql", "--dsn", db.dsn, "--dir", folder)
    assert table not in repair.stdout

    # With the table in a baseline, it is compared like any other: a column added by hand is drift.
    baseline = tmp_path / "tool.sql"
    baseline.write_text(ddl + "\n", encoding="utf-8")
    db.execute(f"ALTER TABLE {table} ADD COLUMN note text")
    compared = run_cli("drift", "--json", "--dsn", db.dsn, "--dir", folder, "--baseline", baseline)
    assert compared.code == 1, compared.stderr
    assert [d["name"] for d in compared.json()["differences"]] == [f"public.{table}.note"]


def test_drift_leaves_prismas_own_table_alone(
    tmp_path: Path, db_for: Callable[[RealSet], TestDatabase]
) -> None:
    (umami,) = [s for s in SETS if s.name == "umami"]
    db = db_for(umami)
    folder = tmp_path / "migrations"
    folder.mkdir()
    shutil.copy(umami.folder / "migration_lock.toml", folder)
    for m in umami.tool_order()[:3]:  # 01_init, 02_report_schema_session_data, 03_metric_performance_index
        shutil.copytree(m.up.parent, folder / m.up.parent.name)
    migrations = TOOLS["prisma"](folder)
    db.execute(PRISMA_TABLE)
    apply_with_psql(db, migrations)
    _record(db, "prisma", migrations)
    adopted = run_cli("adopt", "--from", "prisma", "--dsn", db.dsn, "--dir", folder)
    assert adopted.code == 0, adopted.stderr
    doc = run_cli("drift", "--json", "--dsn", db.dsn, "--dir", folder).json()
    assert doc["drift"] is False, doc["differences"]
    note = "public._prisma_migrations is prisma's history table (`migwiz adopt` leaves it in place)"
    assert f"{note}: not compared" in doc["notes"]


def test_a_migration_on_diesels_own_table_needs_it_as_a_baseline(
    tmp_path: Path, db_latest: TestDatabase
) -> None:
    """Lemmy's 2025-08-01-000017_forbid_diesel_cli puts a trigger on `__diesel_schema_migrations`: on an
    empty shadow it cannot apply, and test-rollback says why and what to do, then passes with the table
    recorded as a baseline."""
    source = SETS_DIR / "rfcbot" / "migrations"
    folder = tmp_path / "migrations"
    for m in TOOLS["diesel"](source)[:3]:
        shutil.copytree(m.up.parent, folder / m.up.parent.name)
    trigger = folder / "2025-08-01-000017_forbid_diesel_cli"
    trigger.mkdir()
    (trigger / "up.sql").write_text(
        "CREATE FUNCTION forbid_diesel_cli ()\n    RETURNS TRIGGER\n    LANGUAGE plpgsql\n"
        "    AS $$\nBEGIN\n    RETURN NULL;\nEND;\n$$;\n\n"
        "CREATE TRIGGER forbid_diesel_cli\n"
        "    BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON __diesel_schema_migrations\n"
        "    EXECUTE FUNCTION forbid_diesel_cli ();\n",
        encoding="utf-8",
    )
    (trigger / "down.sql").write_text(
        "DROP TRIGGER forbid_diesel_cli ON __diesel_schema_migrations;\n\nDROP FUNCTION forbid_diesel_cli;\n",
        encoding="utf-8",
    )
    later = folder / "2025-08-01-000018_custom_migration_runner"
    later.mkdir()
    (later / "up.sql").write_text(
        "CREATE TABLE previously_run_sql (id boolean PRIMARY KEY, content text NOT NULL);\n"
    )
    (later / "down.sql").write_text("DROP TABLE previously_run_sql;\n")
    args = ["test-rollback", "--json", "--dsn", db_latest.dsn, "--dir", folder, "2025-08-01-000018"]
    (entry,) = run_cli(*args, timeout=300).json()["migrations"]
    assert entry["result"] == "skipped"
    assert 'relation "__diesel_schema_migrations" does not exist' in entry["message"]
    assert "__diesel_schema_migrations is diesel's own history table" in entry["message"]
    up = run_cli("up", "--allow-irreversible", "--dsn", db_latest.dsn, "--dir", folder)
    assert up.code != 0
    assert "HINT:  __diesel_schema_migrations is diesel's own history table" in up.stdout + up.stderr
    baseline = tmp_path / "diesel.sql"
    baseline.write_text(DIESEL_TABLE + "\n", encoding="utf-8")
    (entry,) = run_cli(*args, "--baseline", baseline, timeout=300).json()["migrations"]
    assert entry["result"] == "passed", entry
