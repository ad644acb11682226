"""`migwiz status` lists a real set's migrations in the order its own tool applies them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import TestDatabase
from tests.helpers import run_cli
from tests.realworld.realsets import SETS, SETS_DIR, RealSet
from tests.realworld.tools import golang_migrate, identity_of


@pytest.mark.parametrize("real", [s.param("order") for s in SETS])
def test_status_order_is_the_tools_order(real: RealSet, db_latest: TestDatabase) -> None:
    result = run_cli("status", "--json", "--dsn", db_latest.dsn, "--dir", real.folder)
    assert result.stdout, f"status printed no JSON: {result.stderr.strip()}"
    shown = [identity_of(real.tool, m["version"], m["name"]) for m in result.json()["migrations"]]
    tool_order = real.tool_order()
    expected = [m.identity for m in tool_order]
    assert shown == expected, _first_difference(
        real, shown, expected, [str(m.up.relative_to(real.folder)) for m in tool_order]
    )


LAYOUTS = {
    "diesel": "directory",
    "golang-migrate": "native",
    "dbmate": "dbmate",
    "flyway": "flyway",
    "sqlx": "sqlx",
    "prisma": "prisma",
}


@pytest.mark.parametrize("real", SETS, ids=[s.name for s in SETS])
def test_status_reads_the_set_as_its_tools(real: RealSet, db_latest: TestDatabase) -> None:
    """Detected, not configured: sqlx's reversible files (golang-migrate's names) by the Cargo.toml beside
    them (docs-rs), its simple ones by their names."""
    result = run_cli("status", "--json", "--dsn", db_latest.dsn, "--dir", real.folder)
    assert result.json()["layout"] == LAYOUTS[real.tool]


def _first_difference(real: RealSet, shown: list[str], expected: list[str], files: list[str]) -> str:
    at = next(
        (i for i, (a, b) in enumerate(zip(shown, expected, strict=False)) if a != b),
        min(len(shown), len(expected)),
    )
    status_says = shown[at] if at < len(shown) else "(nothing)"
    tool_says = f"{expected[at]} ({files[at]})" if at < len(expected) else "(nothing)"
    return (
        f"{real.name}: status lists {len(shown)} migrations, {real.tool} {len(expected)}; "
        f"first difference at position {at + 1}: status {status_says}, {real.tool} {tool_says}"
    )


def test_a_golang_migrate_file_of_another_extension_is_refused_not_dropped(
    tmp_path: Path, db_latest: TestDatabase
) -> None:
    folder = tmp_path / "migrations"
    shutil.copytree(SETS_DIR / "harbor" / "migrations", folder)
    (folder / "0191_seed.up.psql").write_text("CREATE TABLE seeded (id int);\n", encoding="utf-8")
    assert golang_migrate(folder)[-1].identity == "191"  # golang-migrate would run it last
    refused = run_cli("status", "--json", "--dsn", db_latest.dsn, "--dir", folder)
    assert refused.code != 0
    assert (
        "0191_seed.up.psql: golang-migrate runs it as migration 0191 (up)"
        in refused.json()["error"]["message"]
    )
    (folder / "0191_seed.up.psql").rename(folder / "0191_seed.up.sql")
    shown = run_cli("status", "--json", "--dsn", db_latest.dsn, "--dir", folder).json()["migrations"]
    expected = [m.identity for m in golang_migrate(folder)]
    assert [identity_of("golang-migrate", m["version"], m["name"]) for m in shown] == expected
    (folder / "0190_2.16.0_schema.up.sql.orig").write_text("", encoding="utf-8")
    with pytest.raises(ValueError, match="duplicate"):
        golang_migrate(folder)
    duplicate = run_cli("status", "--json", "--dsn", db_latest.dsn, "--dir", folder)
    assert "refuses the folder (duplicate migration)" in duplicate.json()["error"]["message"]


def test_a_golang_migrate_down_without_its_up_says_what_golang_migrate_does(
    tmp_path: Path, db_latest: TestDatabase
) -> None:
    """golang-migrate applies a version whose up script is missing as an empty one (migrate.go
    `newMigration`): migwiz refuses the folder, and says how to get the same with an empty up script."""
    folder = tmp_path / "migrations"
    shutil.copytree(SETS_DIR / "harbor" / "migrations", folder)
    (folder / "0191_seed.down.sql").write_text("DROP TABLE seeded;\n", encoding="utf-8")
    refused = run_cli("status", "--json", "--dsn", db_latest.dsn, "--dir", folder)
    assert refused.code == 2
    error = refused.json()["error"]
    assert error["message"].endswith("0191_seed.down.sql: down script without an up script for version 0191")
    assert "golang-migrate records this version on up without running anything" in error["hint"]
    (folder / "0191_seed.up.sql").write_text("", encoding="utf-8")  # what the hint proposes
    shown = run_cli("status", "--json", "--dsn", db_latest.dsn, "--dir", folder).json()["migrations"]
    assert [m["version"] for m in shown][-1] == "0191"
    assert shown[-1]["has_down"] is True
