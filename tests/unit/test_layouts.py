"""Each layout as its tool reads it: order, identity, ignored files, transactions; sqlx and Prisma sets."""

from __future__ import annotations

import hashlib
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from migwiz.engine.adopt.prisma import checksum_matches as prisma_checksum_matches
from migwiz.engine.adopt.sqlx import checksum as sqlx_checksum
from migwiz.engine.config import load_settings
from migwiz.engine.errors import ConfigError, MigrationFileError
from migwiz.engine.history.state import HistoryRow
from migwiz.engine.history.status import compute_status, out_of_order
from migwiz.engine.sets import checksum, detect_layout, load_migration_set
from migwiz.engine.sets.model import Directives, MigrationSet
from migwiz.engine.sets.versions import (
    Version,
    dbmate_version,
    diesel_version,
    flyway_version,
    integer_version,
    parse_version,
)
from tests.unit.test_migset import LAYOUT_FIXTURES, load_error, write


def order(root: Path, layout: str | None = None) -> list[str]:
    return [str(m.version) for m in load_migration_set(root, layout).migrations]


# -- Diesel ------------------------------------------------------------------------------------------------


def test_diesel_orders_by_the_version_without_dashes_as_a_string(tmp_path: Path) -> None:
    names = [
        "2017-05-03-000000_b",
        "20140924113530_a",
        "2017-05-03-000000-0000_c",  # a longer string after its prefix
        "00000000000000_diesel_initial_setup",
        "2017-5-3-1_d",  # dashes removed: "20175315", after "2017050..." as a string
    ]
    write(tmp_path, {f"{n}/up.sql": "select 1;\n" for n in names})
    assert order(tmp_path) == [
        "00000000000000",
        "20140924113530",
        "2017-05-03-000000",
        "2017-05-03-000000-0000",
        "2017-5-3-1",
    ]


def test_diesel_identity_is_the_version_without_dashes() -> None:
    assert diesel_version("2026-05-27-120000-0000") != diesel_version("2026-05-27-120000")
    assert diesel_version("2019-02-26-002946") == diesel_version("20190226002946")
    assert diesel_version("1") != diesel_version("01")  # compared as text, as Diesel does
    assert diesel_version("10") < diesel_version("9")


def test_diesel_accepts_any_version_text_and_refuses_a_folder_without_up_sql(tmp_path: Path) -> None:
    write(tmp_path / "a", {"20200101000000_a/up.sql": "select 1;", "create_b/up.sql": "select 2;"})
    assert order(tmp_path / "a") == ["20200101000000", "create"]  # Diesel's version_from_string
    write(tmp_path / "b", {"1_a/up.sql": "select 1;", "2_b/down.sql": ""})
    assert load_error(tmp_path / "b") == f"{tmp_path / 'b' / '2_b'}: migration folder without up.sql"


def test_diesel_ignores_files_beside_and_inside_with_notices(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "1_a/up.sql": "select 1;",
            "1_a/seed.sql": "select 9;",
            "1_a/README.md": "",
            "data_oauth.sql": "select 2;",
            "schema.rs": "",
            ".keep": "",
        },
    )
    (root / "empty").mkdir()
    mset = load_migration_set(root)
    assert [m.name for m in mset.migrations] == ["a"]
    assert mset.notices == (
        f"{root / 'data_oauth.sql'}: ignored (Diesel reads only migration folders)",
        f"{root / 'schema.rs'}: ignored (Diesel reads only migration folders)",
        f"{root / '1_a' / 'README.md'}: ignored (Diesel reads only up.sql, down.sql and metadata.toml)",
        f"{root / '1_a' / 'seed.sql'}: ignored (Diesel reads only up.sql, down.sql and metadata.toml)",
        f"{root / 'empty'}: ignored (an empty folder: Diesel skips it)",
    )


def test_diesel_refuses_a_folder_of_hidden_files_as_diesel_does(tmp_path: Path) -> None:
    """Diesel's `migrations_directories` counts hidden entries when it skips empty folders, then finds no
    up.sql (its file list leaves hidden files out): a folder holding only `.DS_Store` or `.gitkeep` makes
    it refuse the set (UnknownMigrationFormat). migwiz skipped it as empty."""
    root = write(tmp_path, {"1_a/up.sql": "CREATE TABLE a (id int);\n", "2_gone/.DS_Store": "\x00"})
    assert load_error(root) == f"{root / '2_gone'}: migration folder without up.sql (only .DS_Store)"
    (root / "2_gone" / ".DS_Store").unlink()
    assert [m.name for m in load_migration_set(root).migrations] == ["a"]


@pytest.mark.parametrize(
    ("metadata", "transaction", "notice"),
    [
        ("run_in_transaction = false\n", False, None),
        ("run_in_transaction = true\n", True, None),
        ("# nothing set\n", False, None),  # Diesel's serde default for a present file is false
        ("run_in_transaction = \n", True, "not valid TOML"),
        ('run_in_transaction = "no"\n', True, "is not true/false"),
    ],
)
def test_diesel_metadata_toml(tmp_path: Path, metadata: str, transaction: bool, notice: str | None) -> None:
    write(
        tmp_path,
        {
            "1_a/up.sql": "-- migwiz:lock-timeout=1s\nselect 1;",
            "1_a/down.sql": "select 2;",
            "1_a/metadata.toml": metadata,
        },
    )
    mset = load_migration_set(tmp_path)
    (m,) = mset.migrations
    assert m.up.directives.transaction is transaction
    assert m.up.directives.lock_timeout_ms == 1000  # migwiz directives still apply on top
    assert m.down is not None and m.down.directives.transaction is transaction
    assert (notice is None) == (not mset.notices)
    if notice:
        assert notice in mset.notices[0]


# -- golang-migrate (native) ---------------------------------------------------------------------------------


def test_native_versions_are_unsigned_integers(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "10_c.up.sql": "",
            "2_b.up.sql": "",
            "0001_a.up.sql": "",
            "18446744073709551615_max.up.sql": "",
            "18446744073709551616_too_big.up.sql": "",
            "3_.up.sql": "",  # golang-migrate allows an empty name
        },
    )
    mset = load_migration_set(tmp_path)
    assert [str(m.version) for m in mset.migrations] == ["0001", "2", "3", "10", "18446744073709551615"]
    assert mset.notices == (
        f"{tmp_path / '18446744073709551616_too_big.up.sql'}: ignored (version beyond uint64:"
        " golang-migrate skips it)",
    )
    assert integer_version("0001") == integer_version("1") == Version("1")


def test_native_ignores_names_golang_migrate_does_not_match(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "1_a.up.sql": "",
            "2_b.UP.sql": "",
            "3-add-users.up.sql": "",
            "README.md": "",
            "scripts/x.up.sql": "",
        },
    )
    mset = load_migration_set(root)
    assert [m.name for m in mset.migrations] == ["a"]
    assert [n.split(": ignored")[0] for n in mset.notices] == [
        str(root / "2_b.UP.sql"),
        str(root / "3-add-users.up.sql"),
        str(root / "README.md"),
        str(root / "scripts"),
    ]


def test_native_refuses_a_migration_golang_migrate_would_run_that_is_not_sql(tmp_path: Path) -> None:
    # golang-migrate's source.Regex takes any extension: `3_seed.up.psql` is migration 3 to it
    write(tmp_path, {"1_a.up.sql": "", "2_b.up.SQL": "select 1;", "3_seed.up.psql": "", "4_c.up.sql": ""})
    with pytest.raises(MigrationFileError) as info:
        load_migration_set(tmp_path)
    assert info.value.message == (
        f"{tmp_path / '3_seed.up.psql'}: golang-migrate runs it as migration 3 (up) whatever its extension;"
        " migwiz reads only .sql"
    )
    assert info.value.hint == "rename it 3_seed.up.sql if it is SQL, or move it out of the migrations folder"
    (tmp_path / "3_seed.up.psql").rename(tmp_path / "3_seed.up.sql")
    assert order(tmp_path) == ["1", "2", "3", "4"]  # `.SQL` is SQL to golang-migrate's postgres driver


@pytest.mark.parametrize("copy", ["1_a.up.sql.bak", "1_a.up.sql~", "1_a.up.", "1_other.up.txt"])
def test_native_refuses_a_second_file_for_one_version_as_golang_migrate_does(
    tmp_path: Path, copy: str
) -> None:
    write(tmp_path, {"1_a.up.sql": "", "1_a.down.sql": "", copy: "", "2_b.down.json": "", "2_b.up.sql": ""})
    message = load_error(tmp_path)
    assert message == (
        f"{tmp_path / copy}: golang-migrate reads it as migration 1 (up), like 1_a.up.sql, and refuses the"
        " folder (duplicate migration)"
    )


def test_native_set_with_sqlx_no_transaction_says_how_to_honour_it(tmp_path: Path) -> None:
    write(tmp_path, {"1_a.up.sql": "-- no-transaction\nCREATE INDEX CONCURRENTLY i ON t (c);\n"})
    mset = load_migration_set(tmp_path)
    assert mset.layout == "native"
    assert mset.migrations[0].up.directives.transaction is True
    assert 'set layout = "sqlx"' in mset.notices[0]
    as_sqlx = load_migration_set(tmp_path, "sqlx")
    assert as_sqlx.migrations[0].up.directives.transaction is False
    assert as_sqlx.notices == ()


def test_up_down_files_in_a_rust_project_using_sqlx_are_sqlx_s(tmp_path: Path) -> None:
    # `.up.sql` / `.down.sql` are golang-migrate's names and sqlx's reversible ones: a Cargo.toml naming
    # sqlx above the folder (up to the repository's top) says whose they are; a go.mod first says Go.
    repo = tmp_path / "repo"
    files = {"1_a.up.sql": "-- no-transaction\nCREATE INDEX CONCURRENTLY i ON t (c);\n", "1_a.down.sql": ""}
    migrations = write(repo / "crates" / "db" / "migrations", files)
    assert detect_layout(migrations) == "native"
    (repo / ".git").mkdir()
    (tmp_path / "Cargo.toml").write_text('[dependencies]\nsqlx = "0.8"\n', encoding="utf-8")
    assert detect_layout(migrations) == "native"  # above the repository's top: not this project's
    (repo / "Cargo.toml").write_text('[workspace.dependencies]\nsqlx = { version = "0.8" }\n')
    mset = load_migration_set(migrations)
    assert mset.layout == "sqlx"
    assert mset.migrations[0].up.directives.transaction is False  # sqlx's `-- no-transaction`
    assert mset.notices == (
        f"{migrations}: read as sqlx's, not golang-migrate's (same file names): {repo / 'Cargo.toml'} names"
        ' sqlx; set layout = "native" in migwiz.toml if golang-migrate runs these files',
    )
    assert load_migration_set(migrations, "native").layout == "native"
    (migrations / "2_b.sql").write_text("CREATE TABLE b ();\n", encoding="utf-8")  # simple beside reversible
    assert [str(m.version) for m in load_migration_set(migrations).migrations] == ["1", "2"]
    (migrations / "2_b.sql").unlink()
    (repo / "crates" / "db" / "go.mod").write_text("module db\n", encoding="utf-8")
    assert detect_layout(migrations) == "native"
    (repo / "crates" / "db" / "go.mod").unlink()
    (repo / "Cargo.toml").write_text('[dependencies]\nsqlx-macros-core = "1"\nserde = "1"\n')
    assert detect_layout(migrations) == "sqlx"  # the word sqlx, in any crate name
    (repo / "Cargo.toml").write_text('[dependencies]\ndiesel = "2"\n')
    assert detect_layout(migrations) == "native"


def test_native_set_honours_morph_s_nontransactional_marker_on_its_first_bytes(tmp_path: Path) -> None:
    marked = "-- morph:nontransactional\nCREATE INDEX CONCURRENTLY i ON t (c);\n"
    write(
        tmp_path,
        {
            "1_a.up.sql": marked,
            "1_a.down.sql": "-- morph:nontransactional\nDROP INDEX CONCURRENTLY i;\n",
            "2_b.up.sql": "\n" + marked,  # morph checks the very first bytes
        },
    )
    first, second = load_migration_set(tmp_path).migrations
    assert first.up.directives.transaction is False
    assert first.down is not None and first.down.directives.transaction is False
    assert second.up.directives.transaction is True
    as_sqlx = load_migration_set(tmp_path, "sqlx")  # sqlx knows only its own marker
    assert as_sqlx.migrations[0].up.directives.transaction is True


# -- dbmate ------------------------------------------------------------------------------------------------


def test_dbmate_runs_files_in_name_order_and_keeps_versions_as_written(tmp_path: Path) -> None:
    up = "-- migrate:up\nselect 1;\n-- migrate:down\n"
    write(tmp_path, {"1_a.sql": up, "10_b.sql": up, "2_c.sql": up, "001_d.sql": up, "schema.sql": "x"})
    mset = load_migration_set(tmp_path)
    assert mset.layout == "dbmate"
    assert [m.up.path.name for m in mset.migrations] == ["001_d.sql", "10_b.sql", "1_a.sql", "2_c.sql"]
    assert mset.notices == (f"{tmp_path / 'schema.sql'}: ignored (dbmate reads only <version>_<name>.sql)",)
    assert dbmate_version("1") != dbmate_version("001")
    # a history row finds its file's version, and with it the file-name order
    assert mset.version("10") < mset.version("1")
    assert mset.version("001") is mset.migrations[0].version


def test_dbmate_file_without_down_section_has_no_down_script_and_says_so(tmp_path: Path) -> None:
    # dbmate 2 refuses it (ErrParseMissingDown); an empty section is a down that does nothing
    write(
        tmp_path,
        {"1_a.sql": "-- migrate:up\nselect 1;\n", "2_b.sql": "-- migrate:up\nselect 2;\n-- migrate:down\n"},
    )
    no_down, empty_down = load_migration_set(tmp_path).migrations
    assert no_down.down is None
    assert empty_down.down is not None and empty_down.down.statements == ()
    assert load_migration_set(tmp_path).notices == (
        f"{tmp_path / '1_a.sql'}: no -- migrate:down section: dbmate 2 refuses to apply or roll back this"
        " file; migwiz reads it as a migration without a down script (`up` needs --allow-irreversible)",
    )


def test_dbmate_indented_down_mark_is_part_of_the_up_and_the_notice_says_so(tmp_path: Path) -> None:
    # dbmate matches its marks at the start of a line: the indented one is SQL (a comment) of the up
    text = "-- migrate:up\nCREATE TABLE cities (id int)\n    -- migrate:down\nDROP TABLE cities;\n"
    write(tmp_path, {"1_cities.sql": text})
    mset = load_migration_set(tmp_path)
    [cities] = mset.migrations
    assert cities.down is None
    assert "DROP TABLE cities" in cities.up.statements[-1].sql
    assert mset.notices == (
        f"{tmp_path / '1_cities.sql'}: an indented `-- migrate:down` at line 3 is not a directive for dbmate:"
        " it is read as part of the up; no down script (dbmate 2 refuses to apply or roll back this file)",
    )


def test_dbmate_several_sections_in_one_file_are_refused_with_a_hint(tmp_path: Path) -> None:
    text = "-- migrate:up\nselect 1;\n-- migrate:down\n-- migrate:up transaction:false\nselect 2;\n"
    write(tmp_path, {"1_a.sql": text})
    with pytest.raises(MigrationFileError) as info:
        load_migration_set(tmp_path)
    assert info.value.message == f"{tmp_path / '1_a.sql'}:4: second -- migrate:up (first at line 1)"
    assert "split the file into one migration per section" in (info.value.hint or "")


def test_dbmate_file_names_need_no_underscore(tmp_path: Path) -> None:
    write(tmp_path, {"20240101-create.sql": "-- migrate:up\nselect 1;\n"})
    (m,) = load_migration_set(tmp_path).migrations
    assert (str(m.version), m.name) == ("20240101", "create")


def test_dbmate_label_keeps_the_file_s_own_spelling(tmp_path: Path) -> None:
    up = "-- migrate:up\nselect 1;\n-- migrate:down\n"
    write(tmp_path, {"20220701151154-numeric.sql": up, "2_b.sql": up, "3c.sql": up, "4.sql": up})
    labels = [m.label for m in load_migration_set(tmp_path).migrations]
    assert labels == ["20220701151154-numeric", "2_b", "3c", "4"]


# -- Flyway ------------------------------------------------------------------------------------------------


def test_flyway_versions_compare_part_by_part(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "V1_2_10__c.sql": "",
            "V1.2.9__b.sql": "",
            "V1.10__d.sql": "",
            "V1__a.sql": "",
            "V2.0.1__e.SQL": "",  # Flyway strips its suffix whatever the case
            "V2_bad.sql": "",
            "V1.x__bad.sql": "",
            "notes.txt": "",
            "v3__lower.sql": "",  # Flyway's prefixes are case-sensitive
            "afterMigrate__grants.sql": "",  # a callback, not a migration
        },
    )
    mset = load_migration_set(root)
    assert [str(m.version) for m in mset.migrations] == ["1", "1.2.9", "1.2.10", "1.10", "2.0.1"]
    assert [n.split(": ignored")[0] for n in mset.notices] == [
        str(root / "V1.x__bad.sql"),
        str(root / "V2_bad.sql"),
        str(root / "afterMigrate__grants.sql"),
        str(root / "notes.txt"),
        str(root / "v3__lower.sql"),
    ]
    assert mset.notices[2].endswith(
        "(a Flyway callback, run by Flyway on its afterMigrate event; migwiz runs no callbacks)"
    )
    assert flyway_version("1.0") == flyway_version("1") == flyway_version("1.0.0")
    assert flyway_version("1_1") == flyway_version("1.1")


def test_flyway_repeatable_migrations_run_after_the_versioned_ones_by_description(tmp_path: Path) -> None:
    # MarquezProject/marquez api/src/main/resources/marquez/db/migration (Flyway): V17.1/V17.2, a stray
    # V57__readme.md and three repeatable views that Flyway runs after every versioned migration
    root = write(
        tmp_path,
        {
            "R__Runs_view.sql": "CREATE OR REPLACE VIEW runs_view AS SELECT 1 AS x;\n",
            "R__Jobs_view_and_rewrite_function.sql": "CREATE OR REPLACE VIEW jobs_view AS SELECT 1 AS x;\n",
            "R__Datasets_view.sql": "CREATE OR REPLACE VIEW datasets_view AS SELECT 1 AS x;\n",
            "V74__alter_jobs_to_add_current_run_uuid.sql": "",
            "V17.2__open_lineage.sql": "",
            "V17.1__unique_version_constraint.sql": "",
            "V1__initial_schema.sql": "",
            "V57__readme.md": "",
        },
    )
    mset = load_migration_set(root)
    assert [m.label for m in mset.migrations] == [
        "1_initial_schema",
        "17.1_unique_version_constraint",
        "17.2_open_lineage",
        "74_alter_jobs_to_add_current_run_uuid",
        "R__Datasets_view",
        "R__Jobs_view_and_rewrite_function",
        "R__Runs_view",
    ]
    assert [m.version.repeatable for m in mset.migrations] == [False] * 4 + [True] * 3
    assert all(m.down is None for m in mset.migrations[4:])
    assert mset.notices == (
        f"{root / 'V57__readme.md'}: ignored (not a Flyway migration name (Flyway skips it too))",
    )
    # the history's text reads back as the same migration; Flyway's description is the identity
    assert mset.version("R__Runs_view") == mset.migrations[-1].version == flyway_version("R__Runs view")
    # descriptions compare with `_` read as a space, as Flyway compares them (space sorts before letters)
    assert sorted([flyway_version("R__ab"), flyway_version("R__a_c")]) == [
        flyway_version("R__a_c"),
        flyway_version("R__ab"),
    ]


def test_changed_repeatable_migrations_are_pending_and_never_out_of_order(tmp_path: Path) -> None:
    root = write(
        tmp_path, {"V1__a.sql": "select 1;\n", "V2__b.sql": "select 2;\n", "R__v.sql": "select 3;\n"}
    )
    mset = load_migration_set(root)
    at = datetime(2024, 1, 1, tzinfo=UTC)

    def row(version: str, text: str) -> HistoryRow:
        return HistoryRow(
            version, "x", checksum(text), at, "me", None, None, 1.0, None, True, 1, None, False, None
        )

    # V2 was added after R__v ran: pending, not out of order; R__v ran with other text: pending again
    statuses = compute_status(mset, [row("1", "select 1;\n"), row("R__v", "select 0;\n")])
    assert [(str(s.version), s.state) for s in statuses] == [
        ("1", "applied"),
        ("2", "pending"),
        ("R__v", "pending"),
    ]
    assert statuses[2].history is None and "changed since it was applied" in (statuses[2].detail or "")
    assert out_of_order(statuses) == []


def test_flyway_placeholders_are_replaced_as_flyway_replaces_them(tmp_path: Path) -> None:
    text = (
        "-- Uses the Flyway default schema placeholder to work across environments\n"
        "ALTER TABLE ${flyway:defaultSchema}.user_two_fa_secret\n"
        "    ALTER COLUMN scratch_codes TYPE varchar(2000);\n"
        "GRANT SELECT ON ${flyway:defaultSchema}.user_two_fa_secret TO ${app_role};\n"
    )
    root = write(tmp_path, {"V7__alter_scratch_codes.sql": text})
    (m,) = load_migration_set(root, placeholders={"app_role": "reader"}).migrations
    assert [s.sql for s in m.up.statements] == [
        "ALTER TABLE public.user_two_fa_secret\n    ALTER COLUMN scratch_codes TYPE varchar(2000)",
        "GRANT SELECT ON public.user_two_fa_secret TO reader",
    ]
    assert m.checksum == checksum(text)  # the file as written, as Flyway checksums it
    (m,) = load_migration_set(root, placeholders={"flyway:defaultSchema": "app", "APP_ROLE": "r"}).migrations
    assert m.up.statements[1].sql == "GRANT SELECT ON app.user_two_fa_secret TO r"
    # a run never sends a placeholder without a value to the server
    with pytest.raises(MigrationFileError) as refused:
        load_migration_set(root, placeholders={})
    assert str(refused.value).startswith(
        f"{root / 'V7__alter_scratch_codes.sql'}:4: Flyway placeholder ${{app_role}} has no value"
    )
    assert 'app_role = "..."' in (refused.value.hint or "")
    # lint (no configuration at hand) reads it as written
    (m,) = load_migration_set(root).migrations
    assert m.up.statements[1].sql == "GRANT SELECT ON public.user_two_fa_secret TO ${app_role}"
    # placeholder_replacement = false (Flyway's placeholderReplacement): nothing is replaced, nothing refused
    (m,) = load_migration_set(root, placeholders=False).migrations
    assert (
        m.up.statements[1].sql == "GRANT SELECT ON ${flyway:defaultSchema}.user_two_fa_secret TO ${app_role}"
    )


def test_flyway_script_configuration_files_set_the_transaction(tmp_path: Path) -> None:
    # Flyway 6.1+: `<script>.sql.conf` beside a script, `executeInTransaction=false`
    root = write(
        tmp_path,
        {
            "V1__create.sql": "CREATE TABLE t (a int);\n",
            "V2__index.sql": "CREATE TABLE u (a int);\nCREATE INDEX CONCURRENTLY i ON t (a);\n",
            "V2__index.sql.conf": "# run outside a transaction\nexecuteInTransaction=false\nencoding=UTF-8\n",
            "V3__orphan.sql.conf": "executeInTransaction=false\n",
        },
    )
    mset = load_migration_set(root)
    assert [m.up.directives.transaction for m in mset.migrations] == [True, False]
    assert mset.notices == (
        f"{root / 'V3__orphan.sql.conf'}: ignored (not a Flyway migration name (Flyway skips it too))",
    )
    write(tmp_path, {"V2__index.sql.conf": "shouldExecute=false\n"})
    assert load_error(tmp_path).startswith(
        f"{root / 'V2__index.sql.conf'}:1: Flyway script setting 'shouldExecute=false' is not supported"
    )


def test_flyway_reads_migrations_in_subfolders_as_flyway_scans_them(tmp_path: Path) -> None:
    # Flyway scans its locations recursively: one set, ordered by version whatever the folder
    root = write(
        tmp_path,
        {
            "V1__a.sql": "",
            "v2/V2__b.sql": "",
            "v2/U2__b.sql": "",
            "v10/2024/V10__c.sql": "",
            "v10/2024/notes.md": "",
            "views/R__v.sql": "",
            "docs/README.md": "",
            ".git/V9__hidden.sql": "",
        },
    )
    mset = load_migration_set(root)
    assert [m.label for m in mset.migrations] == ["1_a", "2_b", "10_c", "R__v"]
    assert mset.migrations[1].down is not None and mset.migrations[1].down.path == root / "v2" / "U2__b.sql"
    assert mset.notices == (f"{root / 'docs'}: ignored (a subfolder without migrations)",)
    write(tmp_path, {"v3/V2__again.sql": ""})
    assert load_error(tmp_path).startswith("duplicate migration version")
    # a set kept entirely in subfolders is detected as Flyway's
    nested = write(tmp_path / "nested", {"postgres/V1__a.sql": "", "postgres/V2__b.sql": ""})
    assert [m.label for m in load_migration_set(nested).migrations] == ["1_a", "2_b"]


# -- sqlx --------------------------------------------------------------------------------------------------


def test_sqlx_fixture_simple_files_integer_order_and_no_transaction() -> None:
    root = LAYOUT_FIXTURES / "sqlx"
    mset = load_migration_set(root)
    assert mset.layout == "sqlx"
    assert [(str(m.version), m.name) for m in mset.migrations] == [
        ("1", "create_users"),
        ("2", "index_users"),
        ("10", "add_email"),
    ]
    assert [m.up.directives.transaction for m in mset.migrations] == [True, False, True]
    assert all(m.down is None for m in mset.migrations)
    assert mset.notices == (f"{root / 'README.md'}: ignored (sqlx reads only <version>_<description>.sql)",)


def test_sqlx_reversible_pairs_and_refuses_non_integer_prefixes(tmp_path: Path) -> None:
    write(
        tmp_path / "a",
        {
            "20240101_users.up.sql": "create table u ();",
            "20240101_users.down.sql": "-- no-transaction\ndrop table u;",
            "20240102_more.sql": "select 1;",
        },
    )
    mset = load_migration_set(tmp_path / "a", "sqlx")
    users, more = mset.migrations
    assert users.down is not None and users.down.directives.transaction is False
    assert users.up.directives.transaction is True
    assert more.down is None
    write(tmp_path / "b", {"1_a.sql": "", "01_b.sql": ""})
    assert load_error(tmp_path / "b").startswith("duplicate migration version:")
    write(tmp_path / "c", {"1_a.sql": "", "9223372036854775808_b.sql": ""})
    assert "is not an i64 version (sqlx refuses" in load_error(tmp_path / "c")


def test_sqlx_reads_signed_versions_as_rust_parses_an_i64(tmp_path: Path) -> None:
    """sqlx parses the prefix with `i64::from_str`: an optional sign, then ASCII digits, in i64's range."""
    write(
        tmp_path / "a",
        {"3_d.sql": "", "+5_b.sql": "", "0_c.sql": "", "-1_a.sql": "", "-9223372036854775808_e.sql": ""},
    )
    assert order(tmp_path / "a") == ["-9223372036854775808", "-1", "0", "3", "+5"]
    assert order(tmp_path / "a", "sqlx") == ["-9223372036854775808", "-1", "0", "3", "+5"]
    mset = load_migration_set(tmp_path / "a", "sqlx")
    assert mset.version("5") == mset.version("+5") == mset.migrations[-1].version
    write(tmp_path / "signed", {"-2_a.sql": "", "+1_b.sql": ""})
    assert order(tmp_path / "signed") == ["-2", "+1"]
    write(tmp_path / "b", {"5_a.sql": "", "+5_b.sql": ""})
    assert load_error(tmp_path / "b").startswith("duplicate migration version:")
    for bad in ("+-1", "-", "+", "--1", "-9223372036854775809", "1e3", "\u0661"):
        root = write(tmp_path / "c" / bad, {"1_a.sql": "", f"{bad}_b.sql": ""})
        assert f"{bad!r} is not an i64 version (sqlx refuses the folder too)" in load_error(root)


def test_sqlx_no_transaction_file_of_several_statements_gets_a_notice(tmp_path: Path) -> None:
    """sqlx runs a `-- no-transaction` file with one `execute(sql)`: one query, one implicit transaction
    for its statements, where CONCURRENTLY fails (quickwit's deferred migrations README says so)."""
    two = "-- no-transaction\nDROP INDEX CONCURRENTLY IF EXISTS i;\nCREATE INDEX CONCURRENTLY i ON t (a);\n"
    write(
        tmp_path,
        {
            "1_t.sql": "CREATE TABLE t (a int);\n",
            "2_two.sql": two,
            "3_one.sql": "-- no-transaction\nCREATE INDEX CONCURRENTLY j ON t (a);\n",
            "4_plain.sql": "-- no-transaction\nCREATE TABLE u (a int);\nCREATE TABLE v (a int);\n",
        },
    )
    mset = load_migration_set(tmp_path, "sqlx")
    assert [m.up.directives.transaction for m in mset.migrations] == [True, False, False, False]
    assert mset.notices == (
        f"{tmp_path / '2_two.sql'}:2: sqlx sends the file as one query, which PostgreSQL runs as one implicit"
        " transaction: DROP INDEX CONCURRENTLY fails there (cannot run inside a transaction block); migwiz"
        " runs the statements one by one: put it in a migration of its own",
    )


def test_sqlx_refuses_a_hidden_migration_file_as_sqlx_does(tmp_path: Path) -> None:
    """sqlx's `resolve_blocking` lists hidden files too: `._2_b.sql` (macOS's AppleDouble copy of
    `2_b.sql`) has `.` for its version, which sqlx cannot parse, so it refuses the folder."""
    root = write(tmp_path / "a", {"1_a.sql": "select 1;", "2_b.sql": "select 2;", "._2_b.sql": "\x00\x05"})
    message = load_error(root)
    assert message.startswith(f"{root / '._2_b.sql'}: '.' is not an i64 version: sqlx reads hidden files")
    # hidden files sqlx skips (no `_`, or not .sql) are left out as before
    root = write(tmp_path / "b", {"1_a.sql": "", ".DS_Store": "", ".keep": "", "._1_a.sql.orig": ""})
    assert order(root) == ["1"]


def test_sqlx_concurrent_file_without_no_transaction_gets_a_notice(tmp_path: Path) -> None:
    """Without `-- no-transaction` first, sqlx runs the file in its transaction, where CREATE INDEX
    CONCURRENTLY fails; migwiz runs it without one (as in every layout) and says where sqlx fails."""
    write(
        tmp_path,
        {
            "1_t.sql": "CREATE TABLE t (a int);\n",
            "2_index.sql": "-- an index\nCREATE INDEX CONCURRENTLY i ON t (a);\n",
            "3_marked.sql": "-- no-transaction\nCREATE INDEX CONCURRENTLY j ON t (a);\n",
        },
    )
    assert load_migration_set(tmp_path, "sqlx").notices == (
        f"{tmp_path / '2_index.sql'}:2: sqlx runs the file in a transaction (its first line is not"
        " -- no-transaction): CREATE INDEX CONCURRENTLY fails there (cannot run inside a transaction block);"
        " migwiz runs it without one, statement by statement",
    )


def test_sqlx_no_transaction_must_be_the_very_start(tmp_path: Path) -> None:
    write(tmp_path, {"1_a.sql": "\n-- no-transaction\nselect 1;", "2_b.sql": "\ufeff-- no-transaction\n"})
    assert [m.up.directives.transaction for m in load_migration_set(tmp_path).migrations] == [True, True]


def test_diesel_concurrent_statements_get_a_notice_naming_where_diesel_fails(tmp_path: Path) -> None:
    """Diesel runs up.sql in a transaction unless metadata.toml says `run_in_transaction = false`, and then
    sends it as one query (`batch_execute`): rsky-feedgen's 2025-09-19-120336-0000_027 (three CREATE INDEX
    CONCURRENTLY, no metadata.toml) fails under Diesel; migwiz runs it without a transaction and says so."""
    three = (
        "-- !no-transaction\nCREATE INDEX CONCURRENTLY a ON t (x);\n\nCREATE INDEX CONCURRENTLY b ON t (y);\n"
    )
    no_transaction = "run_in_transaction = false\n"
    write(
        tmp_path,
        {
            "2025-01-01-000000_t/up.sql": "CREATE TABLE t (x int, y int);\n",
            "2025-09-19-120336-0000_027/up.sql": three,
            "2025-09-19-120336-0000_027/down.sql": "DROP INDEX CONCURRENTLY a;\nDROP INDEX CONCURRENTLY b;\n",
            "2025-09-20-000000_alone/up.sql": "CREATE INDEX CONCURRENTLY c ON t (x);\n",
            "2025-09-20-000000_alone/metadata.toml": no_transaction,
            "2025-09-21-000000_two/up.sql": three,
            "2025-09-21-000000_two/metadata.toml": no_transaction,
            "2025-09-22-000000_mixed/up.sql": "CREATE INDEX CONCURRENTLY d ON t (x);\nSELECT 1;\n",
        },
    )
    mset = load_migration_set(tmp_path)
    in_transaction = (
        "Diesel runs the file in a transaction (no metadata.toml with run_in_transaction = false):"
        " {} fails there (cannot run inside a transaction block); migwiz runs it without one, statement by"
        " statement"
    )
    assert mset.notices == (
        f"{tmp_path / '2025-09-19-120336-0000_027' / 'up.sql'}:2: "
        + in_transaction.format("CREATE INDEX CONCURRENTLY"),
        f"{tmp_path / '2025-09-19-120336-0000_027' / 'down.sql'}:1: "
        + in_transaction.format("DROP INDEX CONCURRENTLY"),
        f"{tmp_path / '2025-09-21-000000_two' / 'up.sql'}:2: Diesel sends the file as one query, which"
        " PostgreSQL runs as one implicit transaction: CREATE INDEX CONCURRENTLY fails there (cannot run"
        " inside a transaction block); migwiz runs the statements one by one: put it in a migration of its"
        " own",
    )


# -- Prisma ------------------------------------------------------------------------------------------------


def test_prisma_several_concurrent_statements_get_a_notice_naming_where_prisma_fails(
    tmp_path: Path,
) -> None:
    """Prisma sends migration.sql as one query (one implicit transaction): a lone CREATE INDEX CONCURRENTLY
    runs, two fail there; migwiz runs them one by one and says where Prisma itself fails."""
    two = 'CREATE INDEX CONCURRENTLY "a_x" ON "t" ("x");\n\nDROP INDEX CONCURRENTLY "old_x";\n'
    write(
        tmp_path,
        {
            "migration_lock.toml": 'provider = "postgresql"\n',
            "20240101000000_init/migration.sql": 'CREATE TABLE "t" ("x" int);\n',
            "20240102000000_one/migration.sql": 'CREATE INDEX CONCURRENTLY "t_x" ON "t" ("x");\n',
            "20240103000000_two/migration.sql": two,
            "20240104000000_mixed/migration.sql": 'CREATE INDEX CONCURRENTLY "b" ON "t" ("x");\nSELECT 1;\n',
        },
    )
    mset = load_migration_set(tmp_path)
    assert mset.layout == "prisma"
    assert mset.notices == (
        f"{tmp_path / '20240103000000_two' / 'migration.sql'}:1: Prisma sends the file as one query, which"
        " PostgreSQL runs as one implicit transaction: CREATE INDEX CONCURRENTLY fails there (cannot run"
        " inside a transaction block); migwiz runs the statements one by one: put it in a migration of its"
        " own",
    )


def test_prisma_fixture_folders_in_name_order() -> None:
    root = LAYOUT_FIXTURES / "prisma"
    mset = load_migration_set(root)
    assert mset.layout == "prisma"
    assert [(str(m.version), m.name, m.label) for m in mset.migrations] == [
        ("20240101000000_init", "init", "20240101000000_init"),
        ("20240102000000_add_posts", "add_posts", "20240102000000_add_posts"),
        ("20240102000000_add_posts_index", "add_posts_index", "20240102000000_add_posts_index"),
    ]
    assert all(m.down is None and m.up.directives == Directives() for m in mset.migrations)
    assert mset.notices == ()  # migration_lock.toml is Prisma's own
    first = mset.migrations[0]
    assert first.checksum == checksum(first.up.path.read_text(encoding="utf-8"))
    assert [s.line for s in first.up.statements] == [2, 10]


def test_prisma_orders_folders_as_localecompare_not_by_bytes(tmp_path: Path) -> None:
    # Prisma sorts the folder names with JavaScript's localeCompare (ICU): `_` before the digits, letters
    # case folded with lower case first; byte order would run 10_posts first and Init before add.
    names = ["10_posts", "1_init", "2_users", "3_x-b", "3_x_c", "4_Init", "4_add", "5_x_B", "5_x_a"]
    root = write(tmp_path, {f"{n}/migration.sql": "select 1;" for n in names})
    assert [str(m.version) for m in load_migration_set(root).migrations] == [
        "1_init",
        "10_posts",
        "2_users",
        "3_x_c",
        "3_x-b",
        "4_add",
        "4_Init",
        "5_x_a",
        "5_x_B",
    ]


def test_prisma_refuses_a_folder_without_migration_sql_and_ignores_the_rest(tmp_path: Path) -> None:
    root = write(tmp_path, {"1_a/migration.sql": "select 1;", "1_a/notes.md": "", "README.md": ""})
    mset = load_migration_set(root)
    assert [n.split(": ignored")[0] for n in mset.notices] == [
        str(root / "README.md"),
        str(root / "1_a/notes.md"),
    ]
    write(tmp_path, {"2_b/other.sql": ""})
    assert load_error(tmp_path) == f"{tmp_path / '2_b'}: migration folder without migration.sql"


def test_diesel_refuses_an_empty_up_sql_as_diesel_does(tmp_path: Path) -> None:
    # diesel_migrations `run_sql_from_file`: a 0-byte file is EmptyMigration; a comment alone runs.
    files = {"2024-01-01-000000_a/up.sql": "", "2024-01-01-000000_a/down.sql": "select 1;"}
    root = write(tmp_path, {**files, "2024-01-02-000000_b/up.sql": "-- x"})
    empty = root / "2024-01-01-000000_a" / "up.sql"
    assert load_error(root) == f"{empty}: empty: Diesel refuses to run it (EmptyMigration)"
    empty.write_text("-- nothing to do\n", encoding="utf-8")
    assert [m.name for m in load_migration_set(root).migrations] == ["a", "b"]


def test_prisma_refuses_a_hidden_folder_it_would_run(tmp_path: Path) -> None:
    # Prisma's listMigrations takes every directory entry, hidden ones included (`.backup` sorts first).
    root = write(tmp_path, {"1_a/migration.sql": "select 1;", ".backup/migration.sql": "drop table a;"})
    assert load_error(root) == (
        f"{root / '.backup'}: Prisma reads every folder here as a migration, hidden ones too"
        " (listMigrations); migwiz does not run hidden folders"
    )
    (root / ".backup" / "migration.sql").rename(root / ".backup.sql")
    (root / ".backup").rmdir()
    assert [str(m.version) for m in load_migration_set(root).migrations] == ["1_a"]  # hidden files: ignored


def test_prisma_and_sqlx_checksums_are_their_tools() -> None:
    data = b"CREATE TABLE a ();\n"
    assert sqlx_checksum(data) == hashlib.sha384(data).hexdigest()
    digest = hashlib.sha256(data).digest()
    assert prisma_checksum_matches(data, digest.hex())
    assert prisma_checksum_matches(data.replace(b"\n", b"\r\n"), digest.hex())  # git line ends
    assert prisma_checksum_matches(data, "".join(f"{b:x}" for b in digest))  # prisma-engines#1887
    assert not prisma_checksum_matches(data + b" ", digest.hex())


# -- detection, the layout setting, history versions -------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "layout"),
    [
        ({"1_a.sql": "select 1;"}, "sqlx"),
        ({"1_a.sql": "select 1;", "2_b.sql": "-- migrate:up\nselect 2;"}, "dbmate"),
        ({"1_a/migration.sql": "", "migration_lock.toml": ""}, "prisma"),
        ({"1_a/up.sql": "", "data.sql": ""}, "directory"),
        ({"1_a/up.sql": "", "2020_seed.sql": ""}, "directory"),  # Diesel ignores files beside its folders
        ({"1_a/migration.sql": "", "2_dump.sql": "-- migrate:up\n"}, "prisma"),
    ],
)
def test_detection(tmp_path: Path, files: dict[str, str], layout: str) -> None:
    assert detect_layout(write(tmp_path, files)) == layout


def test_an_explicit_layout_wins_and_an_unknown_one_is_refused(tmp_path: Path) -> None:
    write(tmp_path, {"1_a.up.sql": "select 1;", "1_a.down.sql": "select 2;"})
    assert load_migration_set(tmp_path, "sqlx").layout == "sqlx"
    with pytest.raises(MigrationFileError, match="unknown migration layout 'rails'"):
        load_migration_set(tmp_path, "rails")


def test_layout_setting_from_migwiz_toml_and_flag(tmp_path: Path) -> None:
    (tmp_path / "migwiz.toml").write_text('layout = "sqlx"\n')
    assert load_settings(cwd=tmp_path).layout == "sqlx"
    assert load_settings(cwd=tmp_path, layout_flag="native").layout == "native"
    (tmp_path / "migwiz.toml").write_text('layout = "rails"\n')
    with pytest.raises(ConfigError, match="layout = 'rails': not a layout migwiz reads"):
        load_settings(cwd=tmp_path)


def test_history_versions_are_read_the_set_s_way() -> None:
    mset = load_migration_set(LAYOUT_FIXTURES / "directory")
    assert mset.version("20190226002946") == mset.version("2019-02-26-002946")
    assert mset.version("20140924113530") < mset.version("2019-02-26-002946")
    assert parse_version("prisma", "2_a") != parse_version("prisma", "2_b")
    assert parse_version("unknown", "1.2") == Version("1.2.0")


def test_out_of_order_says_which_pending_migration_sorts_before_an_applied_one() -> None:
    mset = load_migration_set(LAYOUT_FIXTURES / "directory")
    # applied in migwiz's former (numeric) order: the 2014 spelling never ran, the 2019 ones did
    applied = [m for m in mset.migrations if m.name in ("diesel_initial_setup", "create_users")]
    history = [
        HistoryRow(m.version.text, m.name, m.checksum, datetime.now(UTC), "app", None, None, None, None, True,
                   len(m.up.statements), None, False, None)
        for m in applied
    ]  # fmt: skip
    statuses = compute_status(mset, history)
    assert [s.state for s in statuses] == ["applied", "pending", "applied", "pending", "pending"]
    assert out_of_order(statuses) == [
        "20140924113530 (legacy_settings) is pending but comes before the applied 2019-02-26-002946"
        " (create_users): `up` leaves it until you decide (--allow-out-of-order applies it)"
    ]
    assert out_of_order(statuses, lambda s, all_: True) == []
    assert out_of_order(compute_status(mset, [])) == []


def test_migration_set_defaults_keep_older_constructors_working() -> None:
    mset = MigrationSet(Path("m"), "native", ())
    assert mset.notices == () and mset.version("7") == Version("7")


def test_a_prisma_migration_is_found_by_its_timestamp() -> None:
    """`--to 20231102143530` names trigger.dev's folder `20231102143530_added_relationships_...`."""
    root = Path(__file__).parents[1] / "realworld" / "sets" / "trigger-dev" / "migrations"
    mset = load_migration_set(root)
    folder = (
        "20231102143530_added_relationships_between_event_record_and_trigger_http_endpoint_"
        "trigger_http_endpoint_environment"
    )
    assert mset.version("20231102143530") == mset.version(folder)
    assert mset.version("20231102143530").text == folder
    assert mset.version("2023110214353").text == "2023110214353"  # not a whole timestamp: no folder


@pytest.mark.parametrize("provider", ["sqlite", "mysql", "cockroachdb"])
def test_a_prisma_set_for_another_database_is_refused(tmp_path: Path, provider: str) -> None:
    umami = Path(__file__).parents[1] / "realworld" / "sets" / "umami" / "migrations"
    folder = tmp_path / "migrations"
    shutil.copytree(umami / "01_init", folder / "01_init")
    lock = (umami / "migration_lock.toml").read_text(encoding="utf-8")
    (folder / "migration_lock.toml").write_text(
        lock.replace('"postgresql"', f'"{provider}"'), encoding="utf-8"
    )
    with pytest.raises(
        MigrationFileError, match=f'migration_lock.toml: provider = "{provider}": these'
    ) as err:
        load_migration_set(folder)
    assert "P3019" in (err.value.hint or "")
    (folder / "migration_lock.toml").write_text(lock.replace('"postgresql"', '"postgres"'), encoding="utf-8")
    assert [str(m.version) for m in load_migration_set(folder).migrations] == ["01_init"]


def test_an_empty_diesel_down_is_no_down_script() -> None:
    """crates.io's 20140925132250_dumped_migration_8/down.sql is 0 bytes: Diesel refuses to revert it."""
    root = Path(__file__).parents[1] / "realworld" / "sets" / "crates-io" / "migrations"
    empty = root / "20140925132250_dumped_migration_8" / "down.sql"
    assert empty.read_bytes() == b""
    mset = load_migration_set(root)
    by_name = {m.up.path.parent.name: m for m in mset.migrations}
    assert by_name["20140925132250_dumped_migration_8"].down is None
    assert by_name["20140925132249_dumped_migration_7"].down is not None
    assert (
        f"{empty}: empty: Diesel refuses to revert it (EmptyMigration), so migwiz reads no down script"
        in (mset.notices)
    )
