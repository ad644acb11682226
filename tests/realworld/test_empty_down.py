"""`migwiz down` of a Diesel migration whose down.sql is empty refuses, as Diesel does, instead of marking
it reverted with its table still there (crates.io's 20140925132250_dumped_migration_8)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import TestDatabase
from tests.helpers import run_cli
from tests.realworld.realsets import SETS_DIR


def test_down_refuses_an_empty_diesel_down(tmp_path: Path, db_latest: TestDatabase) -> None:
    source = SETS_DIR / "crates-io" / "migrations"
    folder = tmp_path / "migrations"
    names = sorted(p.name for p in source.iterdir() if p.is_dir())
    for name in names[: names.index("20140925132250_dumped_migration_8") + 1]:
        shutil.copytree(source / name, folder / name)
    up = run_cli("up", "--allow-irreversible", "--force-risky", "--dsn", db_latest.dsn, "--dir", folder)
    assert up.code == 0, up.stderr
    down = run_cli("down", "--dsn", db_latest.dsn, "--dir", folder)
    assert down.code != 0
    assert "20140925132250_dumped_migration_8/up.sql: has no down script; nothing was run" in down.stderr
    status = run_cli("status", "--json", "--dsn", db_latest.dsn, "--dir", folder).json()
    assert status["migrations"][-1]["state"] == "applied" and status["migrations"][-1]["has_down"] is False
