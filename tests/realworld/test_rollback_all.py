"""`migwiz test-rollback --all` on whole real sets: every migration gets a verdict about itself.

A down that does not restore the schema must not make the next migrations fail or go untested: each
verdict is passed, or failed at one of its own steps, never "skipped" because of another migration.
Slow (each migration is tested on the state after its predecessors): `make test-realworld`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest

from tests.conftest import TestDatabase
from tests.helpers import run_cli
from tests.realworld.realsets import SETS, RealSet
from tests.realworld.test_rollback_sample import EXPECTED

pytestmark = [pytest.mark.realworld, pytest.mark.timeout(1800)]

_WITH_DOWNS = [s for s in SETS if s.name in EXPECTED]


@pytest.mark.parametrize("real", [s.param("isolation") for s in _WITH_DOWNS])
def test_every_migration_gets_its_own_verdict(
    real: RealSet, db_for: Callable[[RealSet], TestDatabase]
) -> None:
    db = db_for(real)
    args = ["--all", "--json", *real.baseline_args, "--dsn", db.dsn, "--dir", real.folder]
    result = run_cli("test-rollback", *args, timeout=1800)
    assert result.stdout, f"test-rollback printed no JSON: {result.stderr.strip()[-2000:]}"
    body = result.json()
    assert "migrations" in body, f"test-rollback failed: {body} {result.stderr.strip()[-2000:]}"
    report = body["migrations"]
    assert len(report) == real.migrations
    # A migration without a down script (crates.io's empty Diesel down.sql files) has nothing to test.
    untested = [
        m
        for m in report
        if m["result"] not in ("passed", "failed") and m["message"] != "it has no down script"
    ]
    counts = Counter(f"{m['result']} ({m['step']})" if m["step"] else m["result"] for m in report)
    assert not untested, (
        f"{real.name}: {len(untested)} of {len(report)} migrations without a verdict of their own "
        f"({dict(counts)}); first: {untested[0]['version']}: {untested[0]['message']}"
    )
