"""`plan`, the wizard's Impact and the dry run on a database whose history another tool keeps (Diesel here)
and migwiz has not adopted: the one warning `status` and Target give, and no `safe` for what that tool
applied (`up` refuses to run it a second time)."""

from __future__ import annotations

from pathlib import Path

from migwiz.engine import commands
from migwiz.engine.sets import load_migration_set
from tests.conftest import TestDatabase
from tests.helpers import run_cli, write_migrations

WARNING = (
    "diesel keeps this database's history (public.__diesel_schema_migrations: 2 of 3 applied):"
    " `migwiz adopt --from diesel` before migrating"
)


def diesel_database(db: TestDatabase, tmp_path: Path) -> Path:
    """Three Diesel migrations, the first two applied by Diesel."""
    folder = write_migrations(
        tmp_path / "m",
        {
            "2024-01-01-000000_create_users/up.sql": "CREATE TABLE users (id bigint PRIMARY KEY);\n",
            "2024-01-01-000000_create_users/down.sql": "DROP TABLE users;\n",
            "2024-02-01-120000_add_name/up.sql": "ALTER TABLE users ADD COLUMN name text;\n",
            "2024-02-01-120000_add_name/down.sql": "ALTER TABLE users DROP COLUMN name;\n",
            "2024-03-01-000000_orders/up.sql": "CREATE TABLE orders (id bigint PRIMARY KEY);\n",
            "2024-03-01-000000_orders/down.sql": "DROP TABLE orders;\n",
        },
    )
    db.execute(
        "CREATE TABLE __diesel_schema_migrations (version VARCHAR(50) PRIMARY KEY NOT NULL,"
        " run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)"
    )
    db.execute("CREATE TABLE users (id bigint PRIMARY KEY, name text)")
    db.execute(
        "INSERT INTO __diesel_schema_migrations (version) VALUES ('20240101000000'), ('20240201120000')"
    )
    return folder


def test_plan_warns_and_is_not_safe_for_what_another_tool_applied(
    client_db: TestDatabase, tmp_path: Path
) -> None:
    db = client_db
    folder = diesel_database(db, tmp_path)
    project = commands.Project.of(db.dsn, load_migration_set(folder))
    report = commands.plan(project)
    assert report.notices == (WARNING,)
    verdicts = {m.version: m.verdict for m in report.migrations}
    assert verdicts["2024-01-01-000000"] == "dangerous"
    assert verdicts["2024-02-01-120000"] == "dangerous"
    last = report.migrations[-1]
    assert last.version == "2024-03-01-000000" and not any("diesel" in r.message for r in last.reasons)
    first = report.migrations[0].reasons[0]
    assert "applied by diesel" in first.message and first.fix == "migwiz adopt --from diesel"
    assert report.to_json()["notices"] == [WARNING]

    shown = run_cli("plan", "--dsn", db.dsn, "--dir", folder)
    assert WARNING in " ".join(shown.stdout.split()), shown.stdout + shown.stderr
    assert shown.stdout.count("adopt --from diesel` before migrating") == 1


def test_the_wizard_impact_and_dry_run_carry_the_warning(client_db: TestDatabase, tmp_path: Path) -> None:
    from migwiz.tui import backend

    db = client_db
    folder = diesel_database(db, tmp_path)
    project = commands.Project.of(db.dsn, load_migration_set(folder))
    impact = backend.plan_impact(project)
    assert impact.reasons[0] == WARNING
    assert impact.verdict == "dangerous"
    assert WARNING in backend.dry_run(project).notices
