"""`fleet drift` on real servers: the set replayed once on a shadow database, each target's schema (a
tenant's own schema, a database's `public`) compared with it, identical targets grouped."""

from __future__ import annotations

import json
from pathlib import Path

from migwiz.engine.commands import fleet_drift, fleet_rollout, load_fleet
from migwiz.engine.run.runner import ExecutionPolicy
from migwiz.engine.sets import load_migration_set
from tests.db.test_fleet import Fleetdbs, databases_entry, dbs, write_fleet
from tests.helpers import run_cli, write_migrations

__all__ = ["dbs"]

SET = {
    "1_users.up.sql": "CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL);\n",
    "1_users.down.sql": "DROP TABLE users;\n",
    "2_orders.up.sql": "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users,"
    " total numeric DEFAULT 0);\nCREATE INDEX orders_user ON orders (user_id);\n",
    "2_orders.down.sql": "DROP TABLE orders;\n",
}
TENANTS = "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenant\\\\_%' ORDER BY 1"


def tenants_entry(dbs: Fleetdbs, database: str) -> str:
    dsn = json.dumps(dbs.server.dsn(database))
    return f'[[fleet.target]]\nname = "saas"\ndsn = {dsn}\ntenants = "{TENANTS}"\n'


def test_drift_replays_the_set_once_and_names_the_tenant_altered_by_hand(
    dbs: Fleetdbs, tmp_path: Path
) -> None:
    dbs.create("db1")
    dbs.create("db2")
    tenants_db = dbs.create(
        "tenants", "CREATE SCHEMA tenant_a; CREATE SCHEMA tenant_b; CREATE SCHEMA tenant_c"
    )
    path = write_fleet(tmp_path, databases_entry(dbs) + tenants_entry(dbs, tenants_db), concurrency=3)
    folder = write_migrations(tmp_path / "m", SET)
    mset = load_migration_set(folder)
    assert fleet_rollout(load_fleet(path), mset, ExecutionPolicy()).counts == {"done": 5}

    clean = fleet_drift(load_fleet(path).targets, mset, snapshots=False)
    assert (clean.drifted, clean.replays, clean.targets) == (False, 1, 5), clean.to_json()
    assert [(g.count, g.matches_set) for g in clean.groups] == [(5, True)]  # databases and tenants alike

    dbs.execute(tenants_db, "ALTER TABLE tenant_b.orders ADD COLUMN note text;"
                            " DROP INDEX tenant_b.orders_user")  # fmt: skip
    dbs.execute(f"{dbs.prefix}_db2", "ALTER TABLE orders ALTER COLUMN total DROP DEFAULT")

    report = fleet_drift(load_fleet(path).targets, mset, snapshots=False)

    assert report.drifted and report.replays == 1 and report.diverged_targets == 2, report.to_json()
    by_members = {tuple(g.targets): g for g in report.groups}
    assert set(by_members) == {
        (f"shop/{dbs.prefix}_db1", "saas/tenant_a", "saas/tenant_c"),
        ("saas/tenant_b",),
        (f"shop/{dbs.prefix}_db2",),
    }
    assert by_members[(f"shop/{dbs.prefix}_db1", "saas/tenant_a", "saas/tenant_c")].matches_set
    tenant_b = by_members[("saas/tenant_b",)]
    assert tenant_b.matches_set is False
    said = " ".join(tenant_b.differences)
    assert "note" in said and "orders_user" in said, tenant_b.differences
    assert "tenant_b" not in said  # the tenant's schema reads as @, like the replay's public
    db2 = by_members[(f"shop/{dbs.prefix}_db2",)]
    assert db2.matches_set is False and any("total" in d for d in db2.differences), db2.differences

    cli = run_cli("fleet", "drift", "--fleet", path, "--dir", folder)
    assert cli.code == 1, cli.stderr
    assert "saas/tenant_b" in cli.stdout and "differs from the set" in cli.stdout, cli.stdout
    assert "3 target(s) as the set makes them" in cli.stdout, cli.stdout


def test_a_target_behind_is_compared_with_its_own_history_not_called_drift(
    dbs: Fleetdbs, tmp_path: Path
) -> None:
    for suffix in ("db1", "db2", "db3"):
        dbs.create(suffix)
    path = write_fleet(tmp_path, databases_entry(dbs))
    folder = write_migrations(tmp_path / "m", SET)
    one = write_migrations(tmp_path / "one", {k: v for k, v in SET.items() if k.startswith("1_")})
    fleet = load_fleet(path)
    assert fleet_rollout(fleet, load_migration_set(one), ExecutionPolicy()).counts == {"done": 3}
    assert fleet_rollout(fleet, load_migration_set(folder), ExecutionPolicy(), new_run=True,
                         concurrency=1).counts == {"done": 3}  # fmt: skip
    dbs.execute(f"{dbs.prefix}_db3", "DROP TABLE orders; DELETE FROM migwiz.history WHERE version = '2'")

    report = fleet_drift(fleet.targets, load_migration_set(folder), snapshots=False)

    assert report.replays == 2 and not report.drifted, report.to_json()  # behind is not drift
    assert [(g.count, g.applied, g.matches_set) for g in report.groups] == [(2, ("1", "2"), True),
                                                                             (1, ("1",), True)]  # fmt: skip
