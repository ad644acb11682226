"""`migwiz test-rollback` verdicts on a sample of real migrations, checked against verdicts read by hand.

Each expectation was written after reading the migration's up and down scripts; the reason says
why. Each verdict must be about that migration alone, whatever the others in the sample get.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import TestDatabase
from tests.helpers import run_cli
from tests.realworld.realsets import EXTERNAL, SETS, RealSet
from tests.realworld.tools import dbmate_down

PASSED = "passed"
NOT_RESTORED = "down does not restore"

# set name -> {migration version as written in the folder: (verdict, reason)}
EXPECTED: dict[str, dict[str, tuple[str, str]]] = {
    "crates-io": {
        "20140924113530": (PASSED, "down drops the users table, the only object up creates"),
        "2026-07-30-140000-0000": (
            PASSED,
            "CREATE INDEX CONCURRENTLY undone by DROP INDEX CONCURRENTLY, no transaction",
        ),
    },
    "graph-node": {
        "2018-07-10-061642": (NOT_RESTORED, "down drops entities but leaves the db_version table up created"),
        "2020-12-7-190800": (
            NOT_RESTORED,
            "down drops created_at but does not bring back the dropped block_number",
        ),
    },
    "rfcbot": {
        "20160415154429": (PASSED, "down drops githubuser, the only object up creates"),
        "20160420095519": (PASSED, "down drops issue.labels, the column up adds last"),
        "2026-04-23-000918": (NOT_RESTORED, "down is `begin; commit;`: the columns stay bigint"),
    },
    "ftl": {
        "20240704103403": (NOT_RESTORED, "empty -- migrate:down: table module_secrets stays"),
        "20241029142130": (NOT_RESTORED, "empty -- migrate:down: index idx_async_calls_lease_id stays"),
    },
    "chirpstack": {
        "2022-04-26-153628": (
            NOT_RESTORED,
            "down drops payload_decoder_config's default twice: payload_encoder_config keeps default ''",
        ),
        "2023-01-12-130153": (PASSED, "down renames both columns back"),
        "2025-08-04-085822": ("not tested", "down.sql is empty, which Diesel refuses to run: no down"),
    },
    "openmeter": {
        "20240903155435": (PASSED, "down drops the one index up creates"),
        "20240923170525": (
            NOT_RESTORED,
            "up drops three columns from the middle of customers; down re-adds them last, in another order",
        ),
        "20250129143720": (PASSED, "up only updates rows (deleted_at = NOW()); the down is an empty file"),
        "20250818081817": (PASSED, "down drops the four columns up adds (two tables), after a data backfill"),
    },
    "measure": {
        "20250423113626": (PASSED, "down drops measure.invites, the table up creates (with its comments)"),
        "20260226083256": (PASSED, "up and down only insert and delete rows"),
        "20260606120000": (
            NOT_RESTORED,
            "down re-adds os_name last and without the apps_os_name_check constraint up drops",
        ),
    },
    "docs-rs": {
        "20240227040753": (PASSED, "down drops owners.kind and the owner_kind type up creates"),
    },
    "aptos-indexer": {
        "2022-09-04-194128": (PASSED, "down drops the four tables up creates (their indexes go with them)"),
        "2023-12-15-221028": (PASSED, "down drops transactions.payload_type, the column up adds"),
    },
    "habitat-builder": {
        "00000000000000": (PASSED, "down drops the two functions Diesel's initial setup creates"),
        "2018-08-24-184520": ("not tested", "no down.sql"),
        "2025-03-17-131916": (
            PASSED,
            "up deletes a row of Diesel's table, down is comments only: the schema is unchanged throughout",
        ),
        "2025-04-16-111111": (PASSED, "down drops license_keys and its sequence, the two objects up creates"),
        "2025-04-24-000001": (
            "down fails",
            "down drops origins.hidden first, while the views up rebuilt on it still depend on it",
        ),
    },
    "card-vault": {
        "2024-04-16-130237": (PASSED, "down drops locker.ttl, the column up adds"),
        "2024-06-21-105740": (
            NOT_RESTORED,
            "down re-adds tenant_id last, where the tables had it first (the primary keys are restored)",
        ),
        "2026-06-30-000002": (
            PASSED,
            "CREATE UNIQUE INDEX CONCURRENTLY undone by DROP INDEX CONCURRENTLY (run_in_transaction = false)",
        ),
    },
    "neon-storage-controller": {
        "2024-02-29-094122": (PASSED, "down sets both columns NOT NULL again (the shadow's table is empty)"),
        "2025-06-17-082247": (
            "down fails",
            "down is `DROP listen_grpc_addr, listen_grpc_port`: a syntax error (the second DROP is missing)",
        ),
        "2025-07-02-170751": (PASSED, "down puts back the default 'pause' of the migration before"),
    },
    "bors": {
        "20250304172534": (PASSED, "down drops the repository table up creates (its sequence goes with it)"),
        "20250324151905": (
            NOT_RESTORED,
            "down re-adds delegated nullable, without DEFAULT FALSE and last: up dropped it NOT NULL",
        ),
        "20250624153028": (PASSED, "down renames try_build_id back and swaps the foreign key back"),
    },
    "quickwit": {
        "3": (PASSED, "down drops the column, the trigger and its function (and a misnamed function: no-op)"),
        "6": ("not tested", "an up script without a .down.sql"),
        "9": (NOT_RESTORED, "down adds splits.incarnation_id, which up never dropped: an extra column"),
        "10": (PASSED, "down puts the four varchar lengths back"),
    },
    "lakefs": {
        "000011": (NOT_RESTORED, "down drops the tasks objects but leaves the pgcrypto extension up creates"),
        "000014": (NOT_RESTORED, "up adds an enum label, which down (an UPDATE of rows) cannot remove"),
        "000024": ("not tested", "an up script without a .down.sql"),
        "000031": (PASSED, "down drops both indexes and the function, inside its own BEGIN; ... COMMIT;"),
        "000034": (
            NOT_RESTORED,
            "its down (00034_external_users.down.sql, another spelling of version 34) is comments only:"
            " friendly_name and source stay",
        ),
        "000037": (PASSED, "down drops auth_expired_tokens, the table up creates"),
        "000038": (NOT_RESTORED, "the down file is empty: external_id and its unique constraint stay"),
    },
}

# the same for sets of external.toml (run where fetched, in `make test-realworld`)
EXPECTED_EXTERNAL: dict[str, dict[str, tuple[str, str]]] = {
    "ente": {
        "1": (
            "down fails",
            "DROP TABLE files first: file_object_keys, thumbnail_object_keys, collection_files refer to it",
        ),
        "2": ("down fails", "DROP INDEX subscriptions_user_id_index after DROP TABLE dropped it"),
        "3": ("down fails", "ALTER TABLE ... DROP COLUMN a DROP COLUMN b without commas does not parse"),
        "22": (NOT_RESTORED, "down drops location_tag but not the two functions up creates"),
        "29": (NOT_RESTORED, "down re-adds users.email last and without its index"),
        "120": (PASSED, "down drops the triggers, the function and the table up creates"),
        "123": (PASSED, "CREATE INDEX CONCURRENTLY undone by DROP INDEX CONCURRENTLY, one statement a file"),
    },
}

_SAMPLED = [s for s in SETS if s.name in EXPECTED]


def verdict(entry: dict[str, Any]) -> str:
    """One migration's verdict in the words of the report: passed, down does not restore, down fails, ..."""
    result, step = entry["result"], entry.get("step")
    if result == "failed":
        return {
            "down restores": NOT_RESTORED,
            "down": "down fails",
            "up": "up fails",
            "up again": "up fails on re-apply",
            "up again restores": "up after down builds another schema",
        }.get(step, f"failed at {step}")
    return "not tested" if result == "skipped" else str(result)


@pytest.mark.parametrize("real", [s.param("rollback") for s in _SAMPLED])
def test_rollback_verdicts_match_hand_checked_ones(
    real: RealSet, db_for: Callable[[RealSet], TestDatabase]
) -> None:
    _check(real, EXPECTED[real.name], db_for)


@pytest.mark.realworld
@pytest.mark.parametrize("real", [s for s in EXTERNAL if s.name in EXPECTED_EXTERNAL], ids=lambda s: s.name)
def test_external_rollback_verdicts_match_hand_checked_ones(
    real: RealSet, db_for: Callable[[RealSet], TestDatabase]
) -> None:
    if not real.folder.is_dir():
        pytest.skip(f"{real.name} is not fetched: python -m tests.realworld.fetch_external {real.name}")
    _check(real, EXPECTED_EXTERNAL[real.name], db_for)


def _check(
    real: RealSet, expected: dict[str, tuple[str, str]], db_for: Callable[[RealSet], TestDatabase]
) -> None:
    db = db_for(real)
    real.prepare(db)
    args = ["--json", *real.baseline_args, "--dsn", db.dsn, "--dir", real.folder, *expected]
    result = run_cli("test-rollback", *args, timeout=900)
    assert result.stdout, f"test-rollback printed no JSON: {result.stderr.strip()[-2000:]}"
    got = {m["version"]: m for m in result.json()["migrations"]}
    wrong = []
    for version, (want, reason) in expected.items():
        entry = got.get(version)
        have = verdict(entry) if entry else "missing from the report"
        if have != want:
            detail = entry.get("message") if entry else ""
            wrong.append(f"{version}: expected {want} ({reason}), got {have}: {detail}")
    assert not wrong, f"{real.name}:\n" + "\n".join(wrong)


def test_dbmate_file_without_down_section_is_not_tested_and_down_refuses(
    tmp_path: Path, db_for: Callable[[RealSet], TestDatabase]
) -> None:
    (ftl,) = [s for s in SETS if s.name == "ftl"]
    folder = tmp_path / "migrations"
    shutil.copytree(ftl.folder, folder)
    target = folder / "20240704103403_create_module_secrets.sql"
    target.write_text(target.read_text(encoding="utf-8").replace("-- migrate:down", ""), encoding="utf-8")
    assert dbmate_down(target) is None and dbmate_down(folder / "20231103205514_init.sql") is not None
    db = db_for(ftl)
    status = run_cli("status", "--json", "--dsn", db.dsn, "--dir", folder).json()
    assert [m["has_down"] for m in status["migrations"][:3]] == [True, False, True]
    assert any(f"{target}: no -- migrate:down section" in n for n in status["notices"])
    report = run_cli(
        "test-rollback", "--json", "--dsn", db.dsn, "--dir", folder, "20240704103403", timeout=600
    )
    (entry,) = report.json()["migrations"]
    assert (entry["result"], entry["message"]) == ("skipped", "it has no down script")
    refused = run_cli("up", "--dsn", db.dsn, "--dir", folder, "--to", "20240704103403")
    assert refused.code != 0 and f"no down script for: {target}" in refused.stderr
    applied = run_cli(
        "up", "--dsn", db.dsn, "--dir", folder, "--to", "20240704103403", "--allow-irreversible"
    )
    assert applied.code == 0, applied.stderr
    down = run_cli("down", "--dsn", db.dsn, "--dir", folder)
    assert down.code != 0 and f"{target}: has no down script; nothing was run" in down.stderr
