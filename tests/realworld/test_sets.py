"""The vendored sets are what sets.toml says, and each tool's reading of them is right on known cases."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.realworld.realsets import CHECKS, HERE, SETS, SETS_DIR, RealSet
from tests.realworld.tools import TOOLS, flyway_key

ALLOWED_LICENCES = {
    "MIT",
    "Apache-2.0",
    "MIT OR Apache-2.0",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "PostgreSQL",
    "EPL-2.0",
}


def test_the_tier_covers_the_tools_and_sizes() -> None:
    tools = [s.tool for s in SETS]
    diesel_mixed = [s for s in SETS if s.tool == "diesel" and _mixed_diesel_spellings(s.folder)]
    assert len(diesel_mixed) >= 2
    assert {"golang-migrate", "dbmate", "flyway"} <= set(tools)
    assert {"prisma", "sqlx"} & set(tools)
    assert len([s for s in SETS if s.migrations >= 100]) >= 2
    assert sorted(p.name for p in SETS_DIR.iterdir() if p.is_dir()) == sorted(s.name for s in SETS)


def _mixed_diesel_spellings(folder: Path) -> bool:
    versions = [p.name.split("_", 1)[0] for p in folder.iterdir() if p.is_dir()]
    return any("-" in v for v in versions) and any(v.isdigit() and int(v) > 0 for v in versions)


@pytest.mark.parametrize("real", SETS, ids=[s.name for s in SETS])
def test_set_is_pinned_licensed_and_attributed(real: RealSet) -> None:
    root = SETS_DIR / real.name
    assert real.licence in ALLOWED_LICENCES
    assert set(real.pending) <= set(CHECKS), f"unknown check in pending: {sorted(real.pending)}"
    assert len(real.commit) == 40 and int(real.commit, 16) >= 0
    licences = sorted(p.name for p in root.glob("LICENSE*"))
    assert licences, f"{root}: no licence text"
    attribution = (root / "ATTRIBUTION.md").read_text(encoding="utf-8")
    for needle in (real.repo, real.commit, real.path, real.licence):
        assert needle in attribution, f"{root}/ATTRIBUTION.md does not name {needle}"
    kept = {"migrations", "ATTRIBUTION.md", *licences, *real.beside}
    assert [p.name for p in root.iterdir() if p.name not in kept] == []
    for name in real.beside:
        assert name in attribution, f"{root}/ATTRIBUTION.md does not name {name}"


@pytest.mark.parametrize("real", SETS, ids=[s.name for s in SETS])
def test_tool_reads_the_expected_number_of_migrations(real: RealSet) -> None:
    order = real.tool_order()
    assert len(order) == real.migrations
    assert len({m.identity for m in order}) == len(order), "the tool's history keys must be unique"


_LINE_COMMENT = re.compile(r"--[^\n]*")  # `-- Create Extension` above the statement (Prisma's comments)
_EXTENSION = re.compile(r"\bcreate\s+extension\s+(?:if\s+not\s+exists\s+)?\"?(\w+)", re.IGNORECASE)


@pytest.mark.parametrize("real", SETS, ids=[s.name for s in SETS])
def test_declared_extensions_are_the_ones_created(real: RealSet) -> None:
    texts = [m.up_text for m in real.tool_order()]
    if real.baseline:  # created before the first migration
        texts.append((HERE / "baselines" / real.baseline).read_text(encoding="utf-8"))
    created = {e.lower() for text in texts for e in _EXTENSION.findall(_LINE_COMMENT.sub("", text))}
    assert created == set(real.extensions)


def _names(tool: str, folder: str) -> list[str]:
    return [
        m.up.parent.name if tool in ("diesel", "prisma") else m.up.name
        for m in TOOLS[tool](SETS_DIR / folder / "migrations")
    ]


def test_diesel_orders_by_version_string_without_dashes() -> None:
    names = _names("diesel", "rfcbot")
    # 2017091100000000 (16 digits) sorts before 2017-09-17-025755 as strings, after it as numbers.
    assert names.index("2017091100000000_add_estebank_compiler_team") < names.index(
        "2017-09-17-025755_add_josh_triplett_to_cargo"
    )
    # 20170821 is a prefix of 20170821001043, so it comes first.
    assert names.index("20170821_remove_aatch_compiler_team") < names.index(
        "20170821001043_remove_releases_and_builds"
    )
    crates = _names("diesel", "crates-io")
    assert crates[:2] == ["00000000000000_diesel_initial_setup", "20140924113530_dumped_migration_1"]
    graph = _names("diesel", "graph-node")
    # 2020-12-7-190800 is 2020127190800: after every 2020-12-1x / 2020-12-2x folder.
    late = graph.index("2020-12-7-190800_subgraph_error_changes")
    assert graph[late - 1] == "2020-12-15-000000_remove_nested_templates"


def test_diesel_ignores_files_and_reads_metadata() -> None:
    crates = TOOLS["diesel"](SETS_DIR / "crates-io" / "migrations")
    assert all(m.up.name == "up.sql" for m in crates)
    no_tx = [m.up.parent.name for m in crates if not m.transaction]
    assert "2026-07-30-140000-0000_add_users_username_index" in no_tx and len(no_tx) == 7


def test_flyway_orders_versions_numerically() -> None:
    assert flyway_key("1_10") > flyway_key("1_9") > flyway_key("1_2") > flyway_key("1_1")
    assert flyway_key("1.2.0") == flyway_key("1_2")
    names = _names("flyway", "kestra")
    assert names[:2] == ["V1_1__initial.sql", "V1_2__worker_heartbeat.sql"]
    assert names.index("V1_9__execution_queued.sql") + 1 == names.index("V1_10__multitenant_indices.sql")


def test_flyway_runs_repeatable_migrations_after_the_versioned_ones_by_description() -> None:
    names = _names("flyway", "marquez")
    assert names[:3] == [
        "V1__initial_schema.sql",
        "V2__add_job_contexts.sql",
        "V2.1__alter_job_versions_to_add_job_context_uuid.sql",
    ]
    assert names[-4:] == [
        "V74__alter_jobs_to_add_current_run_uuid.sql",
        "R__Datasets_view.sql",
        "R__Jobs_view_and_rewrite_function.sql",
        "R__Runs_view.sql",
    ]
    assert "V57__readme.md" not in names


def test_flyway_runs_non_transactional_statements_outside_a_transaction(tmp_path: Path) -> None:
    (tmp_path / "V1__t.sql").write_text("CREATE TABLE t (a int);\n")
    (tmp_path / "V2__i.sql").write_text(
        "-- CONCURRENTLY in a comment\n  create index concurrently i on t (a);\n"
    )
    assert [m.transaction for m in TOOLS["flyway"](tmp_path)] == [True, False]
    assert all(m.transaction for m in TOOLS["flyway"](SETS_DIR / "kestra" / "migrations"))


def test_dbmate_reads_the_up_section_only() -> None:
    ftl = TOOLS["dbmate"](SETS_DIR / "ftl" / "migrations")
    assert ftl[0].identity == "20231103205514"
    assert all("migrate:" not in m.up_text for m in ftl)


def test_sqlx_and_golang_migrate_skip_down_scripts() -> None:
    docs = TOOLS["sqlx"](SETS_DIR / "docs-rs" / "migrations")
    assert all(m.up.name.endswith(".up.sql") for m in docs)
    assert "20240309082057_release_status_view.sql.up.sql" in [m.up.name for m in docs]
    harbor = TOOLS["golang-migrate"](SETS_DIR / "harbor" / "migrations")
    assert [m.identity for m in harbor[:3]] == ["1", "2", "3"]


def test_prisma_sends_each_file_as_one_query() -> None:
    """One statement runs on its own (a lone CREATE INDEX CONCURRENTLY works); several share a transaction."""
    trigger = {m.identity: m for m in TOOLS["prisma"](SETS_DIR / "trigger-dev" / "migrations")}
    assert not trigger["20240909141925_task_run_attempt_index_on_task_run_id"].transaction
    assert trigger["20221227191746_renamed_processed_to_dispatch_for_events"].transaction
    # CONCURRENTLY only in a comment, beside ten statements: one transaction.
    assert trigger["20260622120731_add_webhook_endpoint_and_delivery"].transaction
    concurrent = [m for m in trigger.values() if "INDEX CONCURRENTLY" in m.up_text.upper()]
    assert len(concurrent) == 71 and not any(m.transaction for m in concurrent)


def test_flyway_reads_subfolders_and_starts_from_the_newest_baseline(tmp_path: Path) -> None:
    dhis2 = [
        str(m.up.relative_to(SETS_DIR / "dhis2" / "migrations"))
        for m in TOOLS["flyway"](SETS_DIR / "dhis2" / "migrations")
    ]
    assert dhis2[:4] == [
        "2.31/V2_31_1__Migrations_for_release_v31.sql",
        "2.31/V2_31_6__Update_default_program_access_level_to_OPEN.sql",
        "2.31/V2_31_7__Delete_code_klass_unique_constraint_in_deleted_object.sql",
        "2.31/V2_31_10__Remove_storagestatus_column_from_fileresource_table.sql",
    ]
    assert _names("flyway", "hawkbit")[:2] == [
        "B1_20_0__1.0.0_baseline__POSTGRESQL.sql",
        "V1_20_1__spring_boot_4__POSTGRESQL.sql",
    ]
    for name, text in {
        "V1__a.sql": "",
        "V2__b.sql": "",
        "B2__base.sql": "",
        "B1__old.sql": "",
        "V3__c.sql": "",
    }.items():
        (tmp_path / name).write_text(text)
    assert [m.up.name for m in TOOLS["flyway"](tmp_path)] == ["B2__base.sql", "V3__c.sql"]


def test_golang_migrate_sends_each_file_as_one_query(tmp_path: Path) -> None:
    (tmp_path / "1_t.up.sql").write_text("CREATE TABLE t (a int);\nCREATE TABLE u (a int);\n")
    (tmp_path / "2_i.up.sql").write_text("-- one statement\nCREATE INDEX CONCURRENTLY i ON t (a);\n")
    assert [m.transaction for m in TOOLS["golang-migrate"](tmp_path)] == [True, False]
