"""Adopting databases whose history golang-migrate, Flyway or Diesel keep: their tables reproduced exactly.

These tools do not install from the registries we reach (golang-migrate and Diesel are Go and Rust
binaries, Flyway a JVM download), so each history table is created with the tool's own DDL and filled the
way the tool fills it, after running the same migration scripts. dbmate and sqitch are tested by running
the real tools (test_adopt_tools.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from migwiz.engine import commands
from migwiz.engine.adopt import (
    adopt,
    detect_foreign_tools,
    ensure_adopted,
    foreign_state,
    read_foreign_history,
)
from migwiz.engine.adopt.flyway import checksum as flyway_checksum
from migwiz.engine.errors import StateMismatch, UsageError
from migwiz.engine.schema.drift import drift
from migwiz.engine.sets import load_migration_set
from migwiz.engine.sets.model import MigrationSet
from tests.conftest import TestDatabase
from tests.helpers import run_cli, write_migrations

USERS = "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n"
NAME = "ALTER TABLE users ADD COLUMN name text;\n"
ORDERS = "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users);\n"

# golang-migrate's database/postgres/postgres.go, ensureVersionTable
GOLANG_MIGRATE_DDL = (
    'CREATE TABLE IF NOT EXISTS "public"."schema_migrations"'
    " (version bigint not null primary key, dirty boolean not null)"
)
# Flyway's org/flywaydb/core/internal/database/postgresql/createMetaDataTable.sql
FLYWAY_DDL = """
CREATE TABLE "public"."flyway_schema_history" (
    "installed_rank" INT NOT NULL,
    "version" VARCHAR(50),
    "description" VARCHAR(200) NOT NULL,
    "type" VARCHAR(20) NOT NULL,
    "script" VARCHAR(1000) NOT NULL,
    "checksum" INTEGER,
    "installed_by" VARCHAR(100) NOT NULL,
    "installed_on" TIMESTAMP NOT NULL DEFAULT now(),
    "execution_time" INTEGER NOT NULL,
    "success" BOOLEAN NOT NULL
);
ALTER TABLE "public"."flyway_schema_history"
    ADD CONSTRAINT "flyway_schema_history_pk" PRIMARY KEY ("installed_rank");
CREATE INDEX "flyway_schema_history_s_idx" ON "public"."flyway_schema_history" ("success");
"""
# Diesel's diesel_migrations/src/migration/setup_migration_table.sql
DIESEL_DDL = """
CREATE TABLE IF NOT EXISTS __diesel_schema_migrations (
       version VARCHAR(50) PRIMARY KEY NOT NULL,
       run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
"""


def rows_of(db: TestDatabase, table: str) -> list[tuple[object, ...]]:
    """Every row of a foreign history table, in a stable order (to prove adopt never writes to it)."""
    return sorted(db.execute(f"SELECT * FROM {table}"), key=repr)


def history(db: TestDatabase) -> dict[str, tuple[object, ...]]:
    rows = db.execute("SELECT version, name, checksum, success, run_id::text FROM migwiz.history")
    return {str(r[0]): r[1:] for r in rows}


def native_set(folder: Path, count: int = 3) -> MigrationSet:
    files = {
        "000001_create_users.up.sql": USERS,
        "000001_create_users.down.sql": "DROP TABLE users;\n",
        "000002_add_name.up.sql": NAME,
        "000002_add_name.down.sql": "ALTER TABLE users DROP COLUMN name;\n",
        "000003_orders.up.sql": ORDERS,
        "000003_orders.down.sql": "DROP TABLE orders;\n",
    }
    chosen = {k: v for k, v in files.items() if int(k[:6]) <= count}
    return load_migration_set(write_migrations(folder, chosen))


def assert_adopted(db: TestDatabase, mset: MigrationSet, versions: list[str], tool: str, table: str) -> None:
    """migwiz's history has the files' checksums, the run is in the central log, and status is in sync."""
    recorded = history(db)
    assert sorted(recorded) == versions
    by_version = {str(m.version): m for m in mset.migrations}
    for version, (name, checksum, success, run_id) in recorded.items():
        assert (name, checksum, success) == (by_version[version].name, by_version[version].checksum, True)
        assert run_id is not None
    runs = db.execute(
        "SELECT command, outcome, os_user IS NOT NULL, db_user, details->>'tool' FROM migwiz.runs"
    )
    assert runs == [("adopt", "success", True, "postgres", tool)]
    messages = [str(r[0]) for r in db.execute("SELECT message FROM migwiz.events WHERE step = 'adopt'")]
    assert any("left untouched" in m and table in m for m in messages), messages


# -- golang-migrate ---------------------------------------------------------------------------------------


def golang_migrate_up(db: TestDatabase, mset: MigrationSet, upto: int, *, dirty: bool = False) -> None:
    """What `migrate up` does: run each up script, then SetVersion (TRUNCATE + one row)."""
    db.execute(GOLANG_MIGRATE_DDL)
    for m in mset.migrations:
        if int(m.version.text) <= upto and not (dirty and int(m.version.text) == upto):
            db.execute(m.up.path.read_text())
    db.execute("TRUNCATE public.schema_migrations")
    db.execute(f"INSERT INTO public.schema_migrations (version, dirty) VALUES ({upto}, {str(dirty).lower()})")


def test_golang_migrate_status_then_adopt_then_up(db: TestDatabase, tmp_path: Path) -> None:
    mset = native_set(tmp_path / "m")
    golang_migrate_up(db, mset, 2)
    before = rows_of(db, "public.schema_migrations")
    with db.connect() as conn:
        assert detect_foreign_tools(conn) == ["golang-migrate"]
        rows = read_foreign_history(conn, "golang-migrate")
        assert [(r.version, r.success) for r in rows] == [("2", True)]
        with pytest.raises(UsageError, match="tracked by golang-migrate") as refused:
            ensure_adopted(conn)
        assert "migwiz adopt --from golang-migrate" in (refused.value.hint or "")
    state = foreign_state(db.dsn, mset)
    assert state is not None and state.source.qualified == "public.schema_migrations"
    assert [s.state for s in state.statuses] == ["applied", "applied", "pending"]
    assert "migwiz adopt --from golang-migrate" in state.hint()

    report = adopt(db.dsn, mset, "golang-migrate")
    assert [str(a.migration.version) for a in report.adopted] == ["000001", "000002"]
    assert report.pending == ("000003",)
    assert_adopted(db, mset, ["000001", "000002"], "golang-migrate", "public.schema_migrations")
    assert rows_of(db, "public.schema_migrations") == before
    assert foreign_state(db.dsn, mset) is None
    with db.connect() as conn:
        ensure_adopted(conn)  # adopted: no complaint

    result = commands.up(commands.Project.of(db.dsn, mset))
    assert [str(o.version) for o in result.report.outcomes] == ["000003"]
    assert {s.state for s in commands.status(commands.Project.of(db.dsn, mset)).statuses} == {"applied"}


def test_drift_after_adoption_leaves_the_old_tools_table_out(db: TestDatabase, tmp_path: Path) -> None:
    # ente-io/ente server/migrations after `migrate up` and `migwiz adopt`: golang-migrate's
    # schema_migrations stays, no migration creates it
    mset = native_set(tmp_path / "m")
    golang_migrate_up(db, mset, 3)
    adopt(db.dsn, mset, "golang-migrate")
    report = drift(db.dsn, mset)
    assert not report.drifted and [d.name for d in report.ignored] == ["public.schema_migrations"]
    assert any("public.schema_migrations is golang-migrate's history table" in n for n in report.notes)
    db.execute("CREATE TABLE stray (id int)")  # anything else still shows
    assert [d.name for d in drift(db.dsn, mset).differences] == ["public.stray"]


def test_a_history_table_under_another_name_is_adopted_with_table(db: TestDatabase, tmp_path: Path) -> None:
    # golang-migrate's `x-migrations-table`, dbmate's `--migrations-table`, Flyway's `table` setting
    mset = native_set(tmp_path / "m")
    golang_migrate_up(db, mset, 2)
    db.execute('ALTER TABLE public.schema_migrations RENAME TO "App_Migrations"')
    with pytest.raises(UsageError, match="no golang-migrate history"):
        adopt(db.dsn, mset, "golang-migrate")
    report = adopt(db.dsn, mset, "golang-migrate", table="public.App_Migrations")
    assert [str(a.migration.version) for a in report.adopted] == ["000001", "000002"]
    report = drift(db.dsn, native_set(tmp_path / "two", count=2))  # the renamed table: left out too
    assert not report.drifted and [d.name for d in report.ignored] == ['public."App_Migrations"']
    db.execute("CREATE TABLE public.other (version bigint)")  # not golang-migrate's columns
    with pytest.raises(UsageError, match=r"no golang-migrate history table 'public\.other'"):
        adopt(db.dsn, mset, "golang-migrate", table="public.other")


def test_golang_migrate_dirty_version_blocks_adoption(db: TestDatabase, tmp_path: Path) -> None:
    mset = native_set(tmp_path / "m")
    golang_migrate_up(db, mset, 2, dirty=True)
    state = foreign_state(db.dsn, mset)
    assert state is not None
    assert [s.state for s in state.statuses] == ["applied", "failed", "pending"]
    assert "dirty" in (state.statuses[1].detail or "")
    with pytest.raises(StateMismatch, match="dirty"):
        adopt(db.dsn, mset, "golang-migrate")
    assert db.execute("SELECT to_regclass('migwiz.history')") == [(None,)]


def test_golang_migrate_version_without_file_is_refused(db: TestDatabase, tmp_path: Path) -> None:
    mset = native_set(tmp_path / "m", count=3)
    golang_migrate_up(db, mset, 3)
    fewer = native_set(tmp_path / "fewer", count=2)
    with pytest.raises(StateMismatch, match="no file here"):
        adopt(db.dsn, fewer, "golang-migrate")


def test_adopt_is_idempotent_and_dry_run_writes_nothing(db: TestDatabase, tmp_path: Path) -> None:
    mset = native_set(tmp_path / "m")
    golang_migrate_up(db, mset, 3)
    dry = adopt(db.dsn, mset, "golang-migrate", dry_run=True)
    assert dry.dry_run and len(dry.adopted) == 3 and dry.run_id is None
    assert db.execute("SELECT to_regclass('migwiz.history')") == [(None,)]
    adopt(db.dsn, mset, "golang-migrate")
    again = adopt(db.dsn, mset, "golang-migrate")
    assert again.adopted == () and again.already == ("000001", "000002", "000003")
    assert len(history(db)) == 3


# -- Flyway -------------------------------------------------------------------------------------------------

FLYWAY_FILES = {
    "V1__create_users.sql": USERS,
    "V1.1__add_name.sql": NAME,
    "V2__orders.sql": ORDERS,
}


def flyway_row(
    rank: int, version: str | None, script: str, text: str, *, kind: str = "SQL", ok: bool = True
) -> str:
    crc = "NULL" if kind == "BASELINE" else str(flyway_checksum(text))
    ver = "NULL" if version is None else f"'{version}'"
    return (
        "INSERT INTO public.flyway_schema_history (installed_rank, version, description, type, script,"
        " checksum, installed_by, installed_on, execution_time, success)"
        f" VALUES ({rank}, {ver}, '{script}', '{kind}', '{script}', {crc}, 'flyway_user',"
        f" '2024-03-01 12:00:00', 7, {str(ok).lower()})"
    )


def test_flyway_history_with_baseline_and_changed_file(db: TestDatabase, tmp_path: Path) -> None:
    folder = write_migrations(tmp_path / "m", FLYWAY_FILES)
    mset = load_migration_set(folder)
    db.execute(FLYWAY_DDL)
    db.execute(USERS)  # the schema before Flyway: baselined at version 1
    db.execute(flyway_row(1, "1", "<< Flyway Baseline >>", "", kind="BASELINE"))
    db.execute(NAME)
    db.execute(flyway_row(2, "1.1", "V1.1__add_name.sql", NAME.replace("name", "old_name")))  # edited since
    db.execute(flyway_row(3, None, "R__views.sql", "SELECT 1;"))  # a repeatable
    before = rows_of(db, "public.flyway_schema_history")

    with db.connect() as conn:
        assert detect_foreign_tools(conn) == ["flyway"]
    report = adopt(db.dsn, mset, "flyway")
    adopted = {str(a.migration.version): a for a in report.adopted}
    assert sorted(adopted) == ["1", "1.1"]
    assert "baseline" in (adopted["1"].note or "")
    assert adopted["1.1"].checksum_matches is False
    assert report.checksum_mismatches == ("1.1",)
    assert any("repeatable" in n for n in report.notes)
    assert report.pending == ("2",)
    assert_adopted(db, mset, ["1", "1.1"], "flyway", "public.flyway_schema_history")
    # Flyway's installed_by and installed_on carried over
    row = db.execute(
        "SELECT db_user, applied_at AT TIME ZONE 'UTC', duration_ms FROM migwiz.history WHERE version = '1.1'"
    )
    assert row[0][0] == "flyway_user" and row[0][2] == 7.0
    assert rows_of(db, "public.flyway_schema_history") == before


def test_flyway_failed_then_undone(db: TestDatabase, tmp_path: Path) -> None:
    mset = load_migration_set(write_migrations(tmp_path / "m", FLYWAY_FILES))
    db.execute(FLYWAY_DDL)
    db.execute(USERS)
    db.execute(flyway_row(1, "1", "V1__create_users.sql", USERS))
    db.execute(flyway_row(2, "1.1", "V1.1__add_name.sql", NAME, ok=False))
    with pytest.raises(StateMismatch, match="flyway repair"):
        adopt(db.dsn, mset, "flyway")
    db.execute(flyway_row(3, "1.1", "V1.1__add_name.sql", NAME, kind="DELETE"))  # what `flyway repair` writes
    report = adopt(db.dsn, mset, "flyway")
    assert [str(a.migration.version) for a in report.adopted] == ["1"]
    assert all(a.checksum_matches for a in report.adopted)


# -- Diesel -------------------------------------------------------------------------------------------------


def test_diesel_versions_without_dashes(db: TestDatabase, tmp_path: Path) -> None:
    folder = write_migrations(
        tmp_path / "m",
        {
            "2024-01-01-000000_create_users/up.sql": USERS,
            "2024-01-01-000000_create_users/down.sql": "DROP TABLE users;\n",
            "2024-02-01-120000_add_name/up.sql": NAME,
            "2024-02-01-120000_add_name/down.sql": "ALTER TABLE users DROP COLUMN name;\n",
            "2024-03-01-000000_orders/up.sql": ORDERS,
        },
    )
    mset = load_migration_set(folder)
    db.execute(DIESEL_DDL)
    for version, script in (("20240101000000", USERS), ("20240201120000", NAME)):
        db.execute(script)
        db.execute(f"INSERT INTO __diesel_schema_migrations (version) VALUES ('{version}')")
    before = rows_of(db, "public.__diesel_schema_migrations")
    state = foreign_state(db.dsn, mset)
    assert state is not None
    assert [s.state for s in state.statuses] == ["applied", "applied", "pending"]
    report = adopt(db.dsn, mset, "diesel")
    assert [a.migration.version.text for a in report.adopted] == ["2024-01-01-000000", "2024-02-01-120000"]
    assert all(a.row.applied_at is not None for a in report.adopted)
    assert_adopted(
        db, mset, ["2024-01-01-000000", "2024-02-01-120000"], "diesel", "public.__diesel_schema_migrations"
    )
    assert rows_of(db, "public.__diesel_schema_migrations") == before


# -- detection and the CLI --------------------------------------------------------------------------------


def test_no_foreign_history_means_no_hint(db: TestDatabase, tmp_path: Path) -> None:
    mset = native_set(tmp_path / "m")
    db.execute("CREATE TABLE changes (id int)")  # an application table sharing a registry table's name
    with db.connect() as conn:
        assert detect_foreign_tools(conn) == []
        ensure_adopted(conn)
        with pytest.raises(UsageError, match="no dbmate history"):
            read_foreign_history(conn, "dbmate")
    assert foreign_state(db.dsn, mset) is None


def test_cli_status_hint_and_adopt(db_latest: TestDatabase, tmp_path: Path) -> None:
    db = db_latest
    mset = native_set(tmp_path / "m")
    golang_migrate_up(db, mset, 2)
    status = run_cli("status", "--dsn", db.dsn, "--dir", mset.root)
    assert status.code == 1
    assert "migwiz adopt --from golang-migrate" in status.stderr
    assert "applied by golang-migrate" in status.stdout
    as_json = run_cli("status", "--dsn", db.dsn, "--dir", mset.root, "--json")
    assert [m["state"] for m in as_json.json()["migrations"]] == ["applied", "applied", "pending"]

    base = tmp_path / "base.sql"
    base.write_text("-- the schema before the first migration\n")
    done = run_cli(
        "adopt", "--from", "golang-migrate", "--dsn", db.dsn, "--dir", mset.root, "--baseline", base, "--json"
    )
    assert done.code == 0, done.stderr
    assert [a["version"] for a in done.json()["adopted"]] == ["000001", "000002"]
    recorded = run_cli("baseline", "--dsn", db.dsn, "--json")  # adopted with a baseline: it is recorded
    assert recorded.json() == {"baseline": [{"name": "base.sql", "bytes": len(base.read_bytes())}]}
    after = run_cli("status", "--dsn", db.dsn, "--dir", mset.root)
    assert "adopt --from" not in after.stderr
    wrong = run_cli("adopt", "--from", "dbmate", "--dsn", db.dsn, "--dir", mset.root)
    assert wrong.code == 2 and "no dbmate history" in wrong.stderr


def test_cli_tool_choices_match_the_engine() -> None:
    from migwiz.cli import ADOPT_TOOLS
    from migwiz.engine.adopt import TOOLS

    assert set(ADOPT_TOOLS) == set(TOOLS)
