"""`migwiz trace` of one migration of a real set meets the schema its predecessors build."""

from __future__ import annotations

from collections.abc import Callable

from tests.conftest import TestDatabase
from tests.helpers import run_cli
from tests.realworld.realsets import SETS, RealSet


def test_trace_of_a_diesel_migration_replays_its_predecessors(
    db_for: Callable[[RealSet], TestDatabase],
) -> None:
    (rfcbot,) = [s for s in SETS if s.name == "rfcbot"]
    db = db_for(rfcbot)
    up = rfcbot.folder / "20160420095519_add_label_column_to_issue" / "up.sql"
    result = run_cli("trace", "--json", "--dsn", db.dsn, "--dir", rfcbot.folder, up, timeout=600)
    assert result.code == 0, result.stderr
    doc = result.json()
    order = [m.up.parent.name for m in rfcbot.tool_order()]
    assert doc["replayed"] == order[: order.index(up.parent.name)]  # Diesel's own order, each before it
    (add,) = doc["statements"]
    assert add["error"] is None  # alone, `issue` would not exist
    assert {"relation": "public.issue", "mode": "AccessExclusiveLock"} in [
        {"relation": x["relation"], "mode": x["mode"]} for x in add["own_locks"]
    ]
    assert db.execute("SELECT to_regclass('public.issue') IS NULL") == [(True,)]
