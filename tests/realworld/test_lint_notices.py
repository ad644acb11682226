"""`migwiz lint` of a real set says what reading it noted, as `status` does: files the tool ignores."""

from __future__ import annotations

import pytest

from tests.conftest import TestDatabase
from tests.helpers import run_cli
from tests.realworld.realsets import SETS, RealSet

# sets whose folders hold files their tools ignore (README.md, shell scripts, an atlas.sum, ...)
NOTED = [s for s in SETS if s.name in ("measure", "graph-node")]


@pytest.mark.parametrize("real", NOTED, ids=lambda s: s.name)
def test_lint_prints_the_notices_status_prints(real: RealSet, db_latest: TestDatabase) -> None:
    status = run_cli("status", "--json", "--dsn", db_latest.dsn, "--dir", real.folder)
    notices = status.json()["notices"]
    assert notices, f"{real.name}: status notes nothing: pick a set whose folder holds ignored files"

    as_json = run_cli("lint", "--json", real.folder, timeout=600)
    assert as_json.json()["notices"] == notices
    as_text = run_cli("lint", real.folder, timeout=600)
    assert [line for line in as_text.stderr.splitlines() if line.startswith("notice: ")] == [
        f"notice: {n}" for n in notices
    ]
    assert "notice:" not in as_text.stdout  # stdout stays the findings alone
