"""`fleet plan` on real servers: the worst verdict of the fleet, and where it is — the target, the
migration's statement, the relation and the lock — from a real table rewrite and a real lock holder."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg

from migwiz.engine.commands import fleet_plan, fleet_rollout, load_fleet
from migwiz.engine.run.runner import ExecutionPolicy
from migwiz.engine.sets import load_migration_set
from tests.db.test_fleet import SET, Fleetdbs, databases_entry, dbs, write_fleet
from tests.helpers import run_cli, write_migrations

__all__ = ["dbs"]


def test_plan_names_the_worst_verdict_with_its_target_relation_and_lock(
    dbs: Fleetdbs, tmp_path: Path
) -> None:
    _empty, big, held = (dbs.create(f"db{i}") for i in range(3))
    tenants = dbs.create("tenants", "CREATE SCHEMA tenant_a; CREATE SCHEMA tenant_b")
    tenant_entry = (
        f'[[fleet.target]]\nname = "saas"\ndsn = {json.dumps(dbs.server.dsn(tenants))}\n'
        "tenants = \"SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenant\\\\_%' ORDER BY 1\"\n"
    )
    path = write_fleet(tmp_path, databases_entry(dbs) + tenant_entry)
    folder = write_migrations(tmp_path / "m", SET)
    assert fleet_rollout(load_fleet(path), load_migration_set(folder), ExecutionPolicy()).counts == {
        "done": 5
    }
    (folder / "3_rewrite.up.sql").write_text("ALTER TABLE users ALTER COLUMN id TYPE numeric;\n")
    (folder / "3_rewrite.down.sql").write_text("ALTER TABLE users ALTER COLUMN id TYPE bigint;\n")
    dbs.execute(
        big, "INSERT INTO users SELECT g, 'user' || g FROM generate_series(1, 200000) g; ANALYZE users"
    )
    dbs.execute(
        tenants,
        "INSERT INTO tenant_b.users SELECT g, 'user' || g FROM generate_series(1, 200000) g;"
        " ANALYZE tenant_b.users",
    )  # a tenant's table: resolved in the tenant's schema
    mset = load_migration_set(folder)

    with psycopg.connect(dbs.server.dsn(held)) as holder:  # idle in transaction, AccessShareLock on users
        holder.execute("SELECT count(*) FROM users")
        pid = holder.info.backend_pid
        report = fleet_plan(load_fleet(path).targets(), mset, ExecutionPolicy())
        cli = run_cli("fleet", "plan", "--fleet", path, "--dir", folder)

    assert (report.worst, report.verdicts, report.pending) == (
        "quiet_window",
        {"safe": 2, "quiet_window": 3},
        5,
    ), report.to_json()
    where = {w["target"]: w for w in report.to_json()["where"]}
    assert set(where) == {f"shop/{big}", f"shop/{held}", "saas/tenant_b"}  # empty tables' rewrites: safe
    rewrite, waits, tenant = where[f"shop/{big}"], where[f"shop/{held}"], where["saas/tenant_b"]
    assert (rewrite["version"], rewrite["line"], rewrite["relation"], rewrite["lock"]) == (
        "3",
        1,
        "public.users",
        "AccessExclusiveLock",
    )
    assert rewrite["rewrites"] == ["public.users"] and rewrite["hold_s"] > 0.5
    assert "blocks reads and writes on public.users" in rewrite["reasons"][0]
    assert (tenant["relation"], tenant["lock"], tenant["rewrites"]) == (
        "tenant_b.users",
        "AccessExclusiveLock",
        ["tenant_b.users"],
    )
    assert tenant["hold_s"] > 0.5
    assert (waits["relation"], waits["lock"]) == ("public.users", "AccessExclusiveLock")
    assert (
        f"pid {pid}" in waits["reasons"][0] and "holds AccessShareLock on public.users" in waits["reasons"][0]
    )
    assert report.to_json()["where"][-1]["target"] == f"shop/{held}"  # the longest lock hold first

    assert cli.code == 1, cli.stderr
    assert (
        f"quiet_window: shop/{big} 3 rewrite line 1: AccessExclusiveLock on public.users (rewrite)"
        in cli.stdout
    )
    assert f"shop/{held} 3 rewrite line 1: AccessExclusiveLock on public.users" in cli.stdout
    assert cli.stdout.splitlines()[-1] == "worst verdict: quiet_window"
