"""Adopting Prisma and sqlx histories, their tables reproduced with the tools' own DDL and filled the way
the tools fill them; and sets run with the transaction rules of their tool (Diesel's metadata.toml).

Prisma (a Rust engine behind npm) and sqlx-cli (a Rust binary) do not install from the registries we
reach, so their tables are built from their source: prisma-engines
`sql-schema-connector/src/flavour/postgres.rs` (`create_migrations_table`) and sqlx
`sqlx-postgres/src/migrate.rs` (`ensure_migrations_table`).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from migwiz.engine import commands
from migwiz.engine.adopt import adopt, detect_foreign_tools, ensure_adopted, foreign_state
from migwiz.engine.errors import StateMismatch, UsageError
from migwiz.engine.run.runner import ExecutionPolicy
from migwiz.engine.sets import load_migration_set
from migwiz.engine.sets.model import MigrationSet
from tests.conftest import TestDatabase
from tests.db.test_adopt import NAME, ORDERS, USERS, assert_adopted, rows_of
from tests.helpers import run_cli, write_migrations

IRREVERSIBLE = ExecutionPolicy(allow_irreversible=True)  # Prisma and sqlx simple sets have no downs
PRISMA_DDL = """
CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);
"""
SQLX_DDL = """
CREATE TABLE IF NOT EXISTS _sqlx_migrations (
    version BIGINT PRIMARY KEY,
    description TEXT NOT NULL,
    installed_on TIMESTAMPTZ NOT NULL DEFAULT now(),
    success BOOLEAN NOT NULL,
    checksum BYTEA NOT NULL,
    execution_time BIGINT NOT NULL
);
"""


# -- Prisma -----------------------------------------------------------------------------------------------


def prisma_set(folder: Path) -> MigrationSet:
    files = {
        "migration_lock.toml": 'provider = "postgresql"\n',
        "20240101000000_create_users/migration.sql": "-- CreateTable\r\n" + USERS.replace("\n", "\r\n"),
        "20240101000000_add_name/migration.sql": NAME,
        "20240301000000_orders/migration.sql": ORDERS,
    }
    return load_migration_set(write_migrations(folder, files))


def prisma_deploy(db: TestDatabase, m: MigrationSet, name: str, *, outcome: str = "finished") -> None:
    """What `prisma migrate deploy` / `migrate resolve` write: a started row, then finished (or not)."""
    migration = next(x for x in m.migrations if str(x.version) == name)
    data = migration.up.path.read_bytes()
    if outcome != "failed":
        db.execute(data.decode())
    finished = "now()" if outcome == "finished" else "NULL"
    rolled_back = "now()" if outcome == "rolled_back" else "NULL"
    db.execute(
        "INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, rolled_back_at,"
        f" applied_steps_count) VALUES (gen_random_uuid()::text, '{hashlib.sha256(data).hexdigest()}',"
        f" {finished}, '{name}', {rolled_back}, {1 if outcome == 'finished' else 0})"
    )


def test_prisma_status_then_adopt_then_up(db: TestDatabase, tmp_path: Path) -> None:
    mset = prisma_set(tmp_path / "m")
    assert mset.layout == "prisma"
    # folder names are the identity: the same timestamp twice is two migrations, in name order
    assert [str(m.version) for m in mset.migrations] == [
        "20240101000000_add_name",
        "20240101000000_create_users",
        "20240301000000_orders",
    ]
    db.execute(PRISMA_DDL)
    prisma_deploy(db, mset, "20240101000000_create_users", outcome="rolled_back")  # resolved as rolled back
    db.execute("DROP TABLE users")
    prisma_deploy(db, mset, "20240101000000_create_users")  # then applied again
    before = rows_of(db, "public._prisma_migrations")
    with db.connect() as conn:
        assert detect_foreign_tools(conn) == ["prisma"]
        with pytest.raises(UsageError, match="tracked by prisma"):
            ensure_adopted(conn)
    state = foreign_state(db.dsn, mset)
    assert state is not None
    assert [s.state for s in state.statuses] == ["pending", "applied", "pending"]

    report = adopt(db.dsn, mset, "prisma")
    assert [str(a.migration.version) for a in report.adopted] == ["20240101000000_create_users"]
    assert report.adopted[0].checksum_matches is True  # sha256 of the CRLF file as written
    assert any("rolled back" in n for n in report.notes)
    assert_adopted(db, mset, ["20240101000000_create_users"], "prisma", "public._prisma_migrations")
    assert rows_of(db, "public._prisma_migrations") == before

    # migwiz runs the set in Prisma's order; the pending one that sorts first is out of order now
    result = commands.status(commands.Project.of(db.dsn, mset))
    assert any("20240101000000_add_name (add_name) is pending but comes before" in n for n in result.notices)
    with pytest.raises(UsageError, match="older than the applied"):
        commands.up(commands.Project.of(db.dsn, mset))


def test_prisma_failed_migration_blocks_adoption_and_edits_show(db: TestDatabase, tmp_path: Path) -> None:
    mset = prisma_set(tmp_path / "m")
    db.execute(PRISMA_DDL)
    prisma_deploy(db, mset, "20240101000000_add_name", outcome="failed")
    with pytest.raises(StateMismatch, match="Prisma recorded 20240101000000_add_name as failed"):
        adopt(db.dsn, mset, "prisma")
    db.execute("DELETE FROM _prisma_migrations")
    db.execute(USERS)
    prisma_deploy(db, mset, "20240101000000_add_name")
    edited = mset.migrations[0].up.path
    edited.write_text(NAME + "-- edited\n")
    report = adopt(db.dsn, load_migration_set(mset.root), "prisma", dry_run=True)
    assert report.checksum_mismatches == ("20240101000000_add_name",)


# -- sqlx -------------------------------------------------------------------------------------------------


def sqlx_run(db: TestDatabase, path: Path, version: int, *, success: bool = True) -> None:
    """What sqlx's `apply` writes: the script, then one row with the sha384 of the file."""
    data = path.read_bytes()
    if success:
        db.execute(data.decode())
    description = path.name.split("_", 1)[1].removesuffix(".sql").removesuffix(".up").replace("_", " ")
    db.execute(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)"
        f" VALUES ({version}, '{description}', {str(success).lower()},"
        f" '\\x{hashlib.sha384(data).hexdigest()}', 1234567)"
    )


def test_sqlx_simple_status_then_adopt_then_up(db: TestDatabase, tmp_path: Path) -> None:
    folder = write_migrations(
        tmp_path / "m",
        {"1_create_users.sql": USERS, "2_add_name.sql": NAME, "10_orders.sql": ORDERS, "README.md": "x"},
    )
    mset = load_migration_set(folder)
    assert (mset.layout, [str(m.version) for m in mset.migrations]) == ("sqlx", ["1", "2", "10"])
    db.execute(SQLX_DDL)
    sqlx_run(db, folder / "1_create_users.sql", 1)
    sqlx_run(db, folder / "2_add_name.sql", 2)
    before = rows_of(db, "public._sqlx_migrations")
    state = foreign_state(db.dsn, mset)
    assert state is not None
    assert [s.state for s in state.statuses] == ["applied", "applied", "pending"]
    report = adopt(db.dsn, mset, "sqlx")
    assert [str(a.migration.version) for a in report.adopted] == ["1", "2"]
    assert all(a.checksum_matches for a in report.adopted)
    assert report.adopted[0].row.duration_ms == pytest.approx(1.234567)
    assert_adopted(db, mset, ["1", "2"], "sqlx", "public._sqlx_migrations")
    assert rows_of(db, "public._sqlx_migrations") == before
    ran = commands.up(commands.Project.of(db.dsn, mset), policy=IRREVERSIBLE)
    assert [str(o.version) for o in ran.report.outcomes] == ["10"]


def test_sqlx_signed_versions_adopt_then_up(client_db: TestDatabase, tmp_path: Path) -> None:
    """sqlx parses `-1` and `+2` as i64 versions and records them as -1 and 2: adoption matches them."""
    files = {"-1_create_users.sql": USERS, "+2_add_name.sql": NAME, "3_orders.sql": ORDERS}
    folder = write_migrations(tmp_path / "m", files)
    mset = load_migration_set(folder)
    assert (mset.layout, [str(m.version) for m in mset.migrations]) == ("sqlx", ["-1", "+2", "3"])
    client_db.execute(SQLX_DDL)
    sqlx_run(client_db, folder / "-1_create_users.sql", -1)
    sqlx_run(client_db, folder / "+2_add_name.sql", 2)
    report = adopt(client_db.dsn, mset, "sqlx")
    assert [(str(a.migration.version), a.checksum_matches) for a in report.adopted] == [
        ("-1", True),
        ("+2", True),
    ]
    ran = commands.up(commands.Project.of(client_db.dsn, mset), policy=IRREVERSIBLE)
    assert [str(o.version) for o in ran.report.outcomes] == ["3"]


def test_sqlx_dirty_version_blocks_adoption(db: TestDatabase, tmp_path: Path) -> None:
    folder = write_migrations(tmp_path / "m", {"1_a.up.sql": USERS, "1_a.down.sql": "DROP TABLE users;\n"})
    mset = load_migration_set(folder, "sqlx")
    db.execute(SQLX_DDL)
    sqlx_run(db, folder / "1_a.up.sql", 1, success=False)
    with pytest.raises(StateMismatch, match="sqlx recorded version 1 as failed"):
        adopt(db.dsn, mset, "sqlx")


def test_sqlx_table_beside_up_down_files_read_as_golang_migrate_says_whose_they_are(
    db: TestDatabase, tmp_path: Path
) -> None:
    """`.up.sql` / `.down.sql` are also golang-migrate's names: with no Cargo.toml to tell, sqlx's own
    table is the evidence, and status says to set the layout."""
    folder = write_migrations(tmp_path / "m", {"1_a.up.sql": USERS, "1_a.down.sql": "DROP TABLE users;\n"})
    db.execute(SQLX_DDL)
    sqlx_run(db, folder / "1_a.up.sql", 1)
    status = run_cli("status", "--dsn", db.dsn, "--dir", folder)
    assert "hint: run `migwiz adopt --from sqlx`" in status.stderr
    assert 'files are sqlx\'s: set layout = "sqlx" in migwiz.toml' in status.stderr
    configured = run_cli("status", "--layout", "sqlx", "--dsn", db.dsn, "--dir", folder)
    assert "hint: run `migwiz adopt --from sqlx`" in configured.stderr
    assert "set layout" not in configured.stderr


# -- transactions as the set's tool runs them -------------------------------------------------------------


def test_prisma_commit_after_add_value_runs_as_prisma_runs_it(
    client_db: TestDatabase, tmp_path: Path
) -> None:
    """`ADD VALUE; COMMIT;` then the value used (civitai): Prisma's one query commits the value first; migwiz
    runs the file statement by statement, where one transaction would fail with 55P04."""
    init = "CREATE TYPE level AS ENUM ('low');\nCREATE TABLE tag (id int PRIMARY KEY, level level);\n"
    folder = write_migrations(
        tmp_path / "m",
        {
            "migration_lock.toml": 'provider = "postgresql"\n',
            "20240101000000_init/migration.sql": init + "INSERT INTO tag VALUES (1, 'low');\n",
            "20240102000000_blocked/migration.sql": (
                "-- AlterEnum\nALTER TYPE level ADD VALUE 'blocked';\nCOMMIT;\n\n"
                "UPDATE tag SET level = 'blocked' WHERE id = 1;\n"
            ),
        },
    )
    mset = load_migration_set(folder)
    statuses = commands.status(commands.Project.of(client_db.dsn, mset)).statuses
    assert [s.to_json()["transaction"] for s in statuses] == [True, False]
    up = commands.up(commands.Project.of(client_db.dsn, mset), policy=IRREVERSIBLE)
    assert up.report.ok, up.report.to_json()
    assert client_db.execute("SELECT level::text FROM tag") == [("blocked",)]


def test_diesel_run_in_transaction_false_runs_concurrently(db: TestDatabase, tmp_path: Path) -> None:
    """Diesel's metadata.toml `run_in_transaction = false`: CREATE/DROP INDEX CONCURRENTLY run."""
    folder = write_migrations(
        tmp_path / "m",
        {
            "2024-01-01-000000_create_users/up.sql": USERS,
            "2024-01-01-000000_create_users/down.sql": "DROP TABLE users;\n",
            "2024-01-02-000000_index/up.sql": "CREATE INDEX CONCURRENTLY users_email ON users (email);\n",
            "2024-01-02-000000_index/down.sql": "DROP INDEX CONCURRENTLY users_email;\n",
            "2024-01-02-000000_index/metadata.toml": "run_in_transaction = false\n",
            "data_oauth.sql": "INSERT INTO nowhere VALUES (1);\n",
        },
    )
    mset = load_migration_set(folder)
    assert mset.notices == (f"{folder / 'data_oauth.sql'}: ignored (Diesel reads only migration folders)",)
    assert [
        s.to_json()["transaction"] for s in commands.status(commands.Project.of(db.dsn, mset)).statuses
    ] == [True, False]
    up = commands.up(commands.Project.of(db.dsn, mset))
    assert up.report.ok, up.report.to_json()
    assert db.execute("SELECT indisvalid FROM pg_index WHERE indexrelid = 'users_email'::regclass") == [
        (True,)
    ]
    down = commands.down(commands.Project.of(db.dsn, mset))
    assert down.report.ok, down.report.to_json()
    assert db.execute("SELECT to_regclass('users_email') IS NULL") == [(True,)]

    shown = run_cli("status", "--dsn", db.dsn, "--dir", folder, "--json")
    body = shown.json()
    assert [m["transaction"] for m in body["migrations"]] == [True, False]
    assert body["notices"] == [f"{folder / 'data_oauth.sql'}: ignored (Diesel reads only migration folders)"]
    text = run_cli("status", "--dsn", db.dsn, "--dir", folder)
    assert "notice: " in text.stderr and "data_oauth.sql: ignored" in text.stderr


def test_diesel_mixed_spellings_run_in_diesels_order(db: TestDatabase, tmp_path: Path) -> None:
    """`20140924113530` before `2017-05-03-...`; `...-0000` and the same without it are two migrations."""
    folder = write_migrations(
        tmp_path / "m",
        {
            "2017-05-03-000000_add_name/up.sql": NAME,
            "20140924113530_create_users/up.sql": USERS,
            "2017-05-03-000000-0000_orders/up.sql": ORDERS,
        },
    )
    mset = load_migration_set(folder)
    result = commands.up(commands.Project.of(db.dsn, mset), policy=IRREVERSIBLE)
    assert [str(o.version) for o in result.report.outcomes] == [
        "20140924113530",
        "2017-05-03-000000",
        "2017-05-03-000000-0000",
    ]
    assert {s.state for s in commands.status(commands.Project.of(db.dsn, mset)).statuses} == {"applied"}


def test_cli_layout_flag_notices_and_out_of_order(db_latest: TestDatabase, tmp_path: Path) -> None:
    """sqlx reversible files read as sqlx only when asked; `up` prints notices; `status` flags the order."""
    folder = write_migrations(
        tmp_path / "m",
        {
            "2_users.up.sql": USERS,
            "2_users.down.sql": "DROP TABLE users;\n",
            "3_index.up.sql": "-- no-transaction\nCREATE INDEX CONCURRENTLY users_email ON users (email);\n",
            "3_index.down.sql": "-- no-transaction\nDROP INDEX CONCURRENTLY users_email;\n",
            "notes.md": "",
        },
    )
    dsn = db_latest.dsn
    detected = run_cli("status", "--dsn", dsn, "--dir", folder, "--json").json()
    assert detected["layout"] == "native"
    # golang-migrate has no -- no-transaction marker: the CONCURRENTLY build runs outside a transaction
    # because it cannot run in one, not because of the marker.
    assert [m["transaction"] for m in detected["migrations"]] == [True, False]
    assert "CONCURRENTLY" in detected["migrations"][1]["transaction_note"]
    assert any('set layout = "sqlx"' in n for n in detected["notices"])
    as_sqlx = run_cli("status", "--dsn", dsn, "--dir", folder, "--layout", "sqlx", "--json").json()
    assert as_sqlx["layout"] == "sqlx"
    assert [m["transaction"] for m in as_sqlx["migrations"]] == [True, False]
    assert as_sqlx["notices"] == [
        f"{folder / 'notes.md'}: ignored (sqlx reads only <version>_<description>.sql)"
    ]
    bad = run_cli("status", "--dsn", dsn, "--dir", folder, "--layout", "rails")
    assert bad.code == 2

    up = run_cli("up", "--dsn", dsn, "--dir", folder, "--layout", "sqlx")
    assert up.code == 0, up.stderr
    assert "notice: " in up.stderr and "notes.md: ignored" in up.stderr
    write_migrations(folder, {"1_orders.up.sql": ORDERS, "1_orders.down.sql": "DROP TABLE orders;\n"})
    late = run_cli("status", "--dsn", dsn, "--dir", folder, "--layout", "sqlx")
    assert late.code == 1
    assert "1 (orders) is pending but comes before the applied 3 (index)" in late.stderr
    refused = run_cli("up", "--dsn", dsn, "--dir", folder, "--layout", "sqlx")
    assert refused.code == 2 and "older than the applied" in refused.stderr
