"""Messages for what real Diesel, sqlx and Prisma sets run into, with the file names that showed them."""

from __future__ import annotations

from pathlib import Path

from migwiz.engine.adopt.tools import own_table_hint
from migwiz.engine.analysis.risk import RiskyFinding
from migwiz.engine.run.selection import irreversible_refusal

DOCUMENSO = [  # documenso/documenso packages/prisma/migrations: 163 folders, no down script by design
    f"packages/prisma/migrations/{name}/migration.sql"
    for name in (
        "20230404095503_initial_migration",
        "20230411134605_doc_208",
        "20230421134018_doc_214_add_signed_at_field",
        *(f"2023050508{i:04d}_more" for i in range(160)),
    )
]


def test_a_prisma_set_without_downs_is_refused_in_one_short_line() -> None:
    message, hint = irreversible_refusal("prisma", DOCUMENSO)
    assert message == (
        "no down script for: packages/prisma/migrations/20230404095503_initial_migration/migration.sql, "
        "packages/prisma/migrations/20230411134605_doc_208/migration.sql, "
        "packages/prisma/migrations/20230421134018_doc_214_add_signed_at_field/migration.sql "
        "and 160 more; nothing was run"
    )
    assert (
        hint == "Prisma migrations have no down scripts: pass --allow-irreversible to apply them without one"
    )


def test_a_simple_sqlx_set_and_a_native_file_get_their_own_hints() -> None:
    atuin = ["migrations/20210425153745_create_history.sql"]
    assert irreversible_refusal("sqlx", atuin) == (
        "no down script for: migrations/20210425153745_create_history.sql; nothing was run",
        "simple sqlx migrations (<version>_<desc>.sql) have no down script: "
        "pass --allow-irreversible to apply them without one",
    )
    assert irreversible_refusal("native", ["0001_a.up.sql"])[1] == (
        "write the down script, or pass --allow-irreversible"
    )


def test_a_migration_that_uses_diesels_own_table_is_explained() -> None:
    # LemmyNet/lemmy 2025-08-01-000017_forbid_diesel_cli/up.sql:30 puts a trigger on Diesel's table.
    error = (
        "migrations/2025-08-01-000017_forbid_diesel_cli/up.sql:30: 42P01 relation "
        '"__diesel_schema_migrations" does not exist'
    )
    hint = own_table_hint(error)
    assert hint is not None and hint.startswith(
        "__diesel_schema_migrations is diesel's own history table, which diesel creates before the first"
    )
    assert "`migwiz baseline FILE`" in hint
    assert own_table_hint('42P01 relation "public._prisma_migrations" does not exist') is not None
    assert own_table_hint('42P01 relation "previously_run_sql" does not exist') is None


def test_a_risky_finding_in_a_folder_layout_names_its_folder() -> None:
    """Every Prisma script is `migration.sql`, every Diesel one `up.sql`: the folder names the migration."""
    prisma = Path("packages/prisma/migrations/20230411134605_doc_208/migration.sql")
    finding = RiskyFinding("20230411134605_doc_208", prisma, 5, "constraint-not-valid-missing", "FOREIGN KEY")
    assert (
        finding.describe()
        == "20230411134605_doc_208/migration.sql:5 constraint-not-valid-missing: FOREIGN KEY"
    )
    flat = RiskyFinding("2", Path("migrations/2_idx.up.sql"), 1, "index-not-concurrent", "CREATE INDEX")
    assert flat.describe() == "2_idx.up.sql:1 index-not-concurrent: CREATE INDEX"
