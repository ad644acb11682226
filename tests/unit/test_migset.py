"""Loading migration folders: the four layouts, ordering, checksums and every file error."""

from __future__ import annotations

import doctest
import os
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from migwiz.engine import durations
from migwiz.engine import sets as migset
from migwiz.engine.errors import MigrationFileError
from migwiz.engine.sets import LAYOUTS, checksum, detect_layout, directives, load_migration_set, splitting
from migwiz.engine.sets.model import Directives, Ignore, Statement, Version

LAYOUT_FIXTURES = Path(__file__).parent.parent / "fixtures" / "layouts"


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    return root


def load_error(root: Path) -> str:
    with pytest.raises(MigrationFileError) as info:
        load_migration_set(root)
    return info.value.message


@pytest.mark.parametrize("module", [directives, durations, migset, splitting])
def test_doctests(module: ModuleType) -> None:
    result = doctest.testmod(module)
    assert result.failed == 0


@pytest.mark.parametrize("layout", LAYOUTS)
def test_detect_layout_of_each_fixture(layout: str) -> None:
    assert detect_layout(LAYOUT_FIXTURES / layout) == layout


def test_native_layout() -> None:
    root = LAYOUT_FIXTURES / "native"
    mset = load_migration_set(root)
    assert (mset.root, mset.layout) == (root, "native")
    assert [(str(m.version), m.name, m.layout) for m in mset.migrations] == [
        ("1", "create_users", "native"),
        ("2", "add_email", "native"),
        ("10", "index_email", "native"),
    ]
    first, second, third = mset.migrations
    assert first.label == "1_create_users"
    assert first.up.path == root / "1_create_users.up.sql"
    assert first.up.directives == Directives(phase="expand")
    assert first.up.statements[0].line == 3
    assert first.down is not None
    assert first.down.path == root / "1_create_users.down.sql"
    assert first.down.statements == (Statement("DROP TABLE users", 1),)
    assert second.down is None
    assert second.up.directives == Directives(lock_timeout_ms=2000, statement_timeout_ms=600_000)
    assert second.up.ignores == (
        Ignore("require-not-null-check", "email is filled by the application first", 6),
    )
    assert [s.line for s in second.up.statements] == [4, 7]
    assert third.up.directives.transaction is False
    assert third.down is not None
    assert third.down.directives.transaction is False
    for m in mset.migrations:
        assert m.checksum == checksum(m.up.path.read_text(encoding="utf-8"))


def test_directory_layout_diesel() -> None:
    root = LAYOUT_FIXTURES / "directory"
    mset = load_migration_set(root)
    assert mset.layout == "directory"
    # Diesel's order: the version without dashes, compared as a string
    assert [(str(m.version), m.name) for m in mset.migrations] == [
        ("00000000000000", "diesel_initial_setup"),
        ("20140924113530", "legacy_settings"),
        ("2019-02-26-002946", "create_users"),
        ("2019-02-27-000001", "add_posts"),
        ("2019-02-27-000001-0000", "index_posts"),
    ]
    setup, _legacy, users, posts, index = mset.migrations
    assert setup.up.path.name == "up.sql"
    assert len(setup.up.statements) == 1  # the $$ body holds a `;`
    assert setup.up.statements[0].line == 2
    assert users.down is not None
    assert users.down.path == root / "2019-02-26-002946_create_users" / "down.sql"
    assert posts.down is None
    assert posts.up.directives.phase == "expand"
    assert users.checksum == checksum(users.up.path.read_text(encoding="utf-8"))
    # metadata.toml: run_in_transaction = false, for up and down
    assert index.up.directives.transaction is False
    assert index.down is not None
    assert index.down.directives.transaction is False
    assert users.up.directives.transaction is True
    # the stray file beside the folders is ignored with a notice; hidden .keep silently
    assert mset.notices == (f"{root / 'data_oauth.sql'}: ignored (Diesel reads only migration folders)",)


def test_dbmate_layout_sections_transactions_and_file_lines() -> None:
    root = LAYOUT_FIXTURES / "dbmate"
    mset = load_migration_set(root)
    assert mset.layout == "dbmate"
    assert [(str(m.version), m.name) for m in mset.migrations] == [
        ("20240101120000", "create_users"),
        ("20240102120000", "index_users"),
        ("20240103120000", "backfill_names"),
    ]
    users, index, backfill = mset.migrations
    assert users.up.path == users.down.path if users.down else False
    assert users.up.first_line == 2
    assert [s.line for s in users.up.statements] == [2, 3]
    assert users.down is not None
    assert users.down.first_line == 6
    assert [(s.line, s.sql) for s in users.down.statements] == [
        (6, "DROP TABLE teams"),
        (7, "DROP TABLE users"),
    ]
    assert users.up.directives.transaction
    assert users.down.directives.transaction
    assert index.up.directives == Directives(transaction=False, lock_timeout_ms=500)
    assert index.down is not None
    assert index.down.directives == Directives(transaction=False)
    assert backfill.down is None
    assert backfill.up.directives == Directives(phase="backfill", backfill=True)
    assert [s.line for s in backfill.up.statements] == [5]
    for m in mset.migrations:
        assert m.checksum == checksum(m.up.path.read_text(encoding="utf-8"))  # the whole file


def test_flyway_layout_orders_dotted_and_underscored_versions() -> None:
    mset = load_migration_set(LAYOUT_FIXTURES / "flyway")
    assert mset.layout == "flyway"
    assert [(str(m.version), m.name) for m in mset.migrations] == [
        ("1", "init"),
        ("1.2.9", "add_balance"),
        ("1.2.10", "add_currency"),
        ("2", "rename"),
    ]
    init = mset.migrations[0]
    assert init.down is not None
    assert init.down.path.name == "U1__init.sql"
    assert mset.migrations[-1].up.directives.phase == "contract"


def test_integer_versions_order_numerically(tmp_path: Path) -> None:
    names = ["10_c", "2_b", "1_a", "100_d", "0009_e"]
    write(tmp_path, {f"{n}.up.sql": "select 1;\n" for n in names})
    assert [str(m.version) for m in load_migration_set(tmp_path).migrations] == [
        "1",
        "2",
        "0009",
        "10",
        "100",
    ]


def test_diesel_timestamps_order_across_days_and_months(tmp_path: Path) -> None:
    names = ["2019-10-01-000000_c", "2019-02-26-002946_a", "2019-02-26-100000_b", "00000000000000_setup"]
    write(tmp_path, {f"{n}/up.sql": "select 1;\n" for n in names})
    assert [m.name for m in load_migration_set(tmp_path).migrations] == ["setup", "a", "b", "c"]


def test_flyway_versions_order(tmp_path: Path) -> None:
    names = ["V1_2_10__c", "V1.2.9__b", "V1.10__d", "V1__a", "V2.0.1__e"]
    write(tmp_path, {f"{n}.sql": "select 1;\n" for n in names})
    versions = [str(m.version) for m in load_migration_set(tmp_path).migrations]
    assert versions == ["1", "1.2.9", "1.2.10", "1.10", "2.0.1"]
    assert Version("1.2.10") > Version("1.2.9")


def test_ignores_non_sql_and_hidden_files_and_unrelated_folders(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "1_a.up.sql": "select 1;",
            "README.md": "# notes",
            "notes.txt": "1_b.up.sql",
            ".2_hidden.up.sql": "select 2;",
            ".git/x.sql": "",
            "scripts/helper.py": "",
        },
    )
    assert [m.name for m in load_migration_set(tmp_path).migrations] == ["a"]


def test_down_scripts_get_their_own_directives(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "1_a.up.sql": "-- migwiz:lock-timeout=1s\nselect 1;",
            "1_a.down.sql": "-- migwiz:no-transaction\n-- migwiz:ignore r why\nselect 2;",
        },
    )
    (m,) = load_migration_set(tmp_path).migrations
    assert m.up.directives == Directives(lock_timeout_ms=1000)
    assert m.down is not None
    assert m.down.directives == Directives(transaction=False)
    assert m.down.ignores == (Ignore("r", "why", 2),)


def test_empty_down_script_is_kept_as_an_empty_script(tmp_path: Path) -> None:
    write(tmp_path, {"1_a.up.sql": "select 1;", "1_a.down.sql": "-- nothing to undo\n"})
    (m,) = load_migration_set(tmp_path).migrations
    assert m.down is not None
    assert m.down.statements == ()


# --- checksums ----------------------------------------------------------------------------------


def test_checksum_is_sha256_of_lf_text() -> None:
    assert checksum("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert checksum("a\r\nb\rc\n") == checksum("a\nb\nc\n")


@pytest.mark.parametrize("layout", ["native", "dbmate"])
def test_crlf_and_lf_files_load_to_the_same_checksum_and_lines(tmp_path: Path, layout: str) -> None:
    lf = "-- migrate:up\n-- migwiz:lock-timeout=1s\n\nselect 1;\n\nselect\n  2;\n-- migrate:down\nselect 3;\n"
    name = "1_a.up.sql" if layout == "native" else "1_a.sql"
    if layout == "native":
        lf = lf.replace("-- migrate:up\n", "").replace("-- migrate:down\n", "")
    loaded = []
    for ending in ("\n", "\r\n", "\r"):
        root = write(tmp_path / repr(ending), {name: lf.replace("\n", ending)})
        (m,) = load_migration_set(root).migrations
        loaded.append(m)
    assert len({m.checksum for m in loaded}) == 1
    assert len({(m.up.statements, m.up.directives) for m in loaded}) == 1
    assert loaded[0].up.statements[1].sql == "select\n  2"


@pytest.mark.parametrize(
    "edit",
    [
        lambda t: t.replace("select 1", "SELECT 1"),
        lambda t: t.replace("select 1;", "select 1; "),
        lambda t: t + "\n",
        lambda t: "-- a comment\n" + t,
        lambda t: t.replace("\n", "\n\n", 1),
        lambda t: t.replace("  ", "\t"),
        lambda t: "\ufeff" + t,
    ],
)
def test_any_other_edit_changes_the_checksum(tmp_path: Path, edit: Callable[[str], str]) -> None:
    text = "select 1;\nselect\n  2;\n"
    write(tmp_path / "a", {"1_a.up.sql": text})
    write(tmp_path / "b", {"1_a.up.sql": edit(text)})
    before = load_migration_set(tmp_path / "a").migrations[0].checksum
    after = load_migration_set(tmp_path / "b").migrations[0].checksum
    assert before != after


def test_down_edits_do_not_change_the_checksum(tmp_path: Path) -> None:
    write(tmp_path / "a", {"1_a.up.sql": "select 1;", "1_a.down.sql": "select 2;"})
    write(tmp_path / "b", {"1_a.up.sql": "select 1;", "1_a.down.sql": "select 3;"})
    assert (
        load_migration_set(tmp_path / "a").migrations[0].checksum
        == load_migration_set(tmp_path / "b").migrations[0].checksum
    )


def test_dbmate_checksum_covers_the_down_section(tmp_path: Path) -> None:
    write(tmp_path / "a", {"1_a.sql": "-- migrate:up\nselect 1;\n-- migrate:down\nselect 2;\n"})
    write(tmp_path / "b", {"1_a.sql": "-- migrate:up\nselect 1;\n-- migrate:down\nselect 3;\n"})
    assert (
        load_migration_set(tmp_path / "a").migrations[0].checksum
        != load_migration_set(tmp_path / "b").migrations[0].checksum
    )


def test_utf8_bom_is_not_part_of_the_first_statement(tmp_path: Path) -> None:
    write(tmp_path, {"1_a.up.sql": "\ufeffselect 1;"})
    (m,) = load_migration_set(tmp_path).migrations
    assert m.up.statements == (Statement("select 1", 1),)


# --- errors -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {"1_a.up.sql": "", "01_b.up.sql": ""},
            "duplicate migration version: {root}/01_b.up.sql and {root}/1_a.up.sql",
        ),
        (
            {"1_a.up.sql": "", "1_a.down.sql": "", "1_b.down.sql": ""},
            "duplicate migration version: {root}/1_a.down.sql and {root}/1_b.down.sql",
        ),
        (
            {"V1.2__a.sql": "", "V1_2__b.sql": ""},
            "duplicate migration version: {root}/V1.2__a.sql and {root}/V1_2__b.sql",
        ),
        (
            {"V1.2__a.sql": "", "V1.2.0__b.sql": ""},
            "duplicate migration version: {root}/V1.2.0__b.sql and {root}/V1.2__a.sql",
        ),
        (
            {"1_a.up.sql": "", "2_b.down.sql": ""},
            "{root}/2_b.down.sql: down script without an up script for version 2",
        ),
        (
            {"V1__a.sql": "", "U2__b.sql": ""},
            "{root}/U2__b.sql: down script without an up script for version 2",
        ),
        ({"1_a/up.sql": "select 1;", "2_b/down.sql": ""}, "{root}/2_b: migration folder without up.sql"),
        (
            {"10_a/up.sql": "select 1;", "1-0_b/up.sql": "select 1;"},
            "duplicate migration version: {root}/1-0_b/up.sql and {root}/10_a/up.sql",
        ),
        (
            {"1_a.sql": "-- migrate:up\n", "1_b.sql": "-- migrate:up\n"},
            "duplicate migration version: {root}/1_a.sql and {root}/1_b.sql",
        ),
        (
            {"1_a.up.sql": "", "V2__b.sql": ""},
            "{root}: mixed migration layouts: native (1_a.up.sql), flyway (V2__b.sql)",
        ),
        (
            {"1_a.up.sql": "", "2_b.sql": ""},
            "{root}: mixed migration layouts: native (1_a.up.sql), sqlx (2_b.sql)",
        ),
        (
            {"1_a.up.sql": "", "2_b.sql": "-- migrate:up\n"},
            "{root}: mixed migration layouts: native (1_a.up.sql), dbmate (2_b.sql)",
        ),
        (
            {"1_a/up.sql": "", "2_b.up.sql": ""},
            "{root}: mixed migration layouts: directory (1_a/up.sql), native",
        ),
        ({}, "{root}: no migrations found"),
        ({"README.md": "", "notes/x.txt": ""}, "{root}: no migrations found"),
        (
            {"schema.sql": "", "seed.sql": ""},
            "{root}: no migrations found: {root}/schema.sql, {root}/seed.sql match no",
        ),
        ({"1_a/up.sql": "select 1;", "2_b/notes.md": ""}, "{root}/2_b: migration folder without up.sql"),
        (
            {"V1__a.sql": "", "R__jobs_view.sql": "", "R__jobs view.sql": ""},
            "duplicate migration version: {root}/R__jobs view.sql and {root}/R__jobs_view.sql",
        ),
        (
            {"1_a.sql": "select 1;\n", "2_b.sql": "-- migrate:up\n"},
            "{root}/1_a.sql: no -- migrate:up section",
        ),
        ({"1_a.sql": "", "x_b.sql": ""}, "{root}/x_b.sql: 'x' is not an i64 version (sqlx refuses"),
        ({"1_a/migration.sql": "", "2_b/notes.md": ""}, "{root}/2_b: migration folder without migration.sql"),
        (
            {"1_a.sql": "-- migrate:down\nselect 1;\n-- migrate:up\n"},
            "{root}/1_a.sql:1: -- migrate:down before -- migrate:up",
        ),
        (
            {"1_a.sql": "-- migrate:up\nselect 1;\n-- migrate:up\n"},
            "{root}/1_a.sql:3: second -- migrate:up (first at line 1)",
        ),
        ({"1_a.sql": "-- x\nselect 0;\n-- migrate:up\n"}, "{root}/1_a.sql:2: statement before -- migrate:up"),
        (
            {"1_a.sql": "-- migwiz:no-transaction\n-- migrate:up\n"},
            "{root}/1_a.sql:1: put migwiz directives after -- migrate:up",
        ),
        (
            {"1_a.sql": "-- migrate:up env:ROLE\n"},
            "{root}/1_a.sql:1: dbmate option 'env:ROLE' is not supported",
        ),
        (
            {"1_a.sql": "-- migrate:up transaction:maybe\n"},
            "{root}/1_a.sql:1: dbmate option 'transaction:maybe'",
        ),
        (
            {"1_a.sql": "-- migrate:up\n\n\\i x.sql\n"},
            "{root}/1_a.sql:3: psql meta-command \\i is not supported",
        ),
        (
            {"1_a.sql": "-- migrate:up\nselect 1;\n-- migrate:down\n-- migwiz:wat\n"},
            "{root}/1_a.sql:4: unknown directive migwiz:wat",
        ),
        (
            {"1_a.up.sql": "select 1;\n-- migwiz:phase=expand\n"},
            "{root}/1_a.up.sql:2: migwiz:phase must come before",
        ),
        (
            {"1_a.up.sql": "", "1_a.down.sql": "\n\\connect x"},
            "{root}/1_a.down.sql:2: psql meta-command \\connect",
        ),
    ],
)
def test_file_errors_name_the_files(tmp_path: Path, files: dict[str, str], message: str) -> None:
    root = write(tmp_path / "migrations", files)
    root.mkdir(exist_ok=True)
    assert load_error(root).startswith(message.format(root=root))


def test_missing_folder(tmp_path: Path) -> None:
    assert load_error(tmp_path / "nope") == f"{tmp_path / 'nope'}: no such migrations folder"
    file = write(tmp_path, {"f.sql": ""}) / "f.sql"
    assert load_error(file) == f"{file}: not a folder"


def test_invalid_utf8_names_file_and_line(tmp_path: Path) -> None:
    write(tmp_path, {"1_a.up.sql": ""})
    (tmp_path / "1_a.up.sql").write_bytes(b"select 1;\nselect 'caf\xe9';\n")
    assert load_error(tmp_path) == f"{tmp_path}/1_a.up.sql:2: not valid UTF-8 (byte 0xe9)"


def test_invalid_utf8_in_down_script(tmp_path: Path) -> None:
    write(tmp_path, {"1_a.up.sql": "select 1;"})
    (tmp_path / "1_a.down.sql").write_bytes(b"\xff")
    assert load_error(tmp_path) == f"{tmp_path}/1_a.down.sql:1: not valid UTF-8 (byte 0xff)"


def test_unreadable_file_dangling_symlink(tmp_path: Path) -> None:
    write(tmp_path, {"1_a.up.sql": "select 1;"})
    (tmp_path / "2_b.up.sql").symlink_to(tmp_path / "missing.sql")
    assert load_error(tmp_path) == f"{tmp_path}/2_b.up.sql: cannot read: No such file or directory"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_permission(tmp_path: Path) -> None:
    path = write(tmp_path, {"1_a.up.sql": "select 1;"}) / "1_a.up.sql"
    path.chmod(0)
    try:
        assert load_error(tmp_path) == f"{path}: cannot read: Permission denied"
    finally:
        path.chmod(0o644)


def test_a_lower_case_flyway_prefix_is_named(tmp_path: Path) -> None:
    """open-metadata/OpenMetadata names its Flyway files `v001__x.sql` and sets Flyway's
    sqlMigrationPrefix to `v`; Flyway's default prefixes are case-sensitive and skip them."""
    only = write(tmp_path / "only", {"v001__create_db_connection_info.sql": "CREATE TABLE a (id int);\n"})
    with pytest.raises(MigrationFileError) as refused:
        load_migration_set(only)
    assert "no migrations found" in refused.value.message
    assert refused.value.hint is not None and "prefixes are case-sensitive" in refused.value.hint
    mixed = write(tmp_path / "mixed", {"V1__a.sql": "CREATE TABLE a (id int);\n", "v2__b.sql": ""})
    mset = load_migration_set(mixed)
    assert [m.name for m in mset.migrations] == ["a"]
    assert [n for n in mset.notices if "v2__b.sql: ignored (Flyway's prefixes are case-sensitive" in n]
