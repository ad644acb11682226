"""Phase bookkeeping without a database: changes, drop targets, the summary by phase."""

from __future__ import annotations

from pathlib import Path

from migwiz.engine.history.status import compute_status
from migwiz.engine.run.phases import DropTarget, change_of, drop_targets, phase_exempt, phase_summary
from migwiz.engine.sets import load_migration_set
from migwiz.engine.sets.model import Script, Statement, Version
from tests.helpers import write_migrations


def test_change_of_strips_the_phase_word() -> None:
    assert change_of("orders_cents_expand") == "orders_cents"
    assert change_of("orders_cents-contract") == "orders_cents"
    assert change_of("contract_terms") == "contract_terms"


def test_drop_targets() -> None:
    script = Script(
        Path("x.sql"),
        (
            Statement("ALTER TABLE orders DROP COLUMN amount, DROP COLUMN note", 1),
            Statement("ALTER TABLE orders RENAME COLUMN amount_new TO amount", 2),
            Statement("DROP TABLE IF EXISTS old_orders, shop.legacy", 3),
            Statement("DROP TRIGGER t ON orders", 4),
        ),
    )
    assert drop_targets(script) == [
        DropTarget("orders", "note"),
        DropTarget("orders", "amount_new"),
        DropTarget("old_orders"),
        DropTarget("legacy"),
    ]


def test_summary_and_out_of_order_exemption(tmp_path: Path) -> None:
    files = {}
    migrations = [
        (1, "a_expand", "expand"),
        (2, "a_backfill", "backfill"),
        (3, "a_contract", "contract"),
        (4, "b_expand", "expand"),
        (5, "plain", None),
    ]
    for v, name, phase in migrations:
        directive = f"-- migwiz:phase={phase}\n" if phase else ""
        files[f"{v}_{name}.up.sql"] = f"{directive}SELECT {v};\n"
    mset = load_migration_set(write_migrations(tmp_path, files))
    statuses = compute_status(mset, [])
    rows = phase_summary(statuses)
    assert [(r.change, r.versions, r.stage) for r in rows] == [("a", ("1", "2", "3"), "expand next"),
                                                               ("b", ("4",), "expand next")]  # fmt: skip
    assert rows[0].to_json()["contract"] == "pending"
    assert rows[1].states["backfill"] == "-"
    by_version = {s.version: s for s in statuses}
    assert phase_exempt(by_version[Version("2")], statuses)
    assert not phase_exempt(by_version[Version("5")], statuses)
