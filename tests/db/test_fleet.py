"""Fleets on real servers: databases listed by a query, tenant schemas in one database, the canary, the
error budget, and a fleet runner killed with SIGKILL mid-rollout then resumed."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import psycopg
import pytest
from psycopg import sql

from migwiz.engine import commands
from migwiz.engine.commands import fleet_last_run as last_run
from migwiz.engine.commands import fleet_rollout as rollout
from migwiz.engine.commands import fleet_status, fleet_verify, load_fleet
from migwiz.engine.fleet.adapter import run_target
from migwiz.engine.fleet.targets import Target, tenant_dsn
from migwiz.engine.run.runner import ExecutionPolicy
from migwiz.engine.servers.local import LocalServer
from migwiz.engine.sets import load_migration_set
from tests.conftest import BINARIES, TestDatabase, server_for
from tests.helpers import run_cli, write_migrations

SET = {
    "1_users.up.sql": "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n"
    "CREATE TABLE marks (version int);\nINSERT INTO marks VALUES (1);\n",
    "1_users.down.sql": "DROP TABLE marks;\nDROP TABLE users;\n",
    "2_email.up.sql": "CREATE INDEX users_email ON users (email);\nINSERT INTO marks VALUES (2);\n",
    "2_email.down.sql": "DROP INDEX users_email;\nDELETE FROM marks WHERE version = 2;\n",
}


@pytest.fixture
def db(client_db: TestDatabase) -> TestDatabase:
    """A rollout's waves, budget and resume are the fleet runner's:
    the newest server in `make test`, every server in `make test-versions` (tests/db/conftest.py)."""
    return client_db


class Fleetdbs:
    """Databases named `<prefix>_<suffix>` on one server, dropped at the end."""

    def __init__(self, server: LocalServer) -> None:
        self.server = server
        self.prefix = f"fl_{uuid.uuid4().hex[:8]}"
        self.names: list[str] = []

    def create(self, suffix: str, setup: str = "") -> str:
        name = f"{self.prefix}_{suffix}"
        with psycopg.connect(self.server.dsn(), autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        self.names.append(name)
        if setup:
            self.execute(name, setup)
        return name

    def execute(self, name: str, query: str) -> list[tuple[object, ...]]:
        with psycopg.connect(self.server.dsn(name), autocommit=True) as conn:
            cur = conn.execute(query.encode())
            return cur.fetchall() if cur.description else []

    def touched(self, name: str) -> bool:
        """Whether migwiz ever ran there: its schema exists or the set's table does."""
        rows = self.execute(name, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'migwiz%'")
        tables = self.execute(name, "SELECT to_regclass('public.users') IS NOT NULL")
        return rows != [(0,)] or tables == [(True,)]

    def drop(self) -> None:
        with psycopg.connect(self.server.dsn(), autocommit=True) as conn:
            for name in self.names:
                conn.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,)
                )
                conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))


@pytest.fixture
def dbs(pg_server: LocalServer) -> Iterator[Fleetdbs]:
    made = Fleetdbs(pg_server)
    try:
        yield made
    finally:
        made.drop()


def fleet_on_newest_server() -> Iterator[Fleetdbs]:
    """Fleet databases on the newest server, dropped afterwards (skipped without binaries): how a rollout
    goes is the fleet runner's, not the server's."""
    if not BINARIES:
        pytest.skip("no PostgreSQL binaries on this machine")
    made = Fleetdbs(server_for(max(BINARIES, key=lambda b: b.major)))
    try:
        yield made
    finally:
        made.drop()


def databases_entry(dbs: Fleetdbs, *, name: str = "shop", labels: str = "") -> str:
    query = f"SELECT datname FROM pg_database WHERE datname LIKE '{dbs.prefix}\\_db%' ORDER BY 1"
    return (
        f"[[fleet.target]]\nname = {json.dumps(name)}\ndsn = {json.dumps(dbs.server.dsn())}\n"
        f"databases = {json.dumps(query)}\n{labels}\n"
    )


def write_fleet(folder: Path, body: str, **settings: object) -> Path:
    head = "".join(f"{k} = {json.dumps(v)}\n" for k, v in settings.items())
    path = folder / "fleet.toml"
    path.write_text(f"[fleet]\n{head}\n{body}")
    return path


def test_up_reaches_listed_databases_and_tenant_schemas_with_one_fleet_run_id(
    dbs: Fleetdbs, tmp_path: Path
) -> None:
    for suffix in ("db1", "db2"):
        dbs.create(suffix)
    tenants_db = dbs.create("tenants", "CREATE SCHEMA tenant_a; CREATE SCHEMA tenant_b; CREATE SCHEMA other")
    tenants = (
        f'[[fleet.target]]\nname = "saas"\ndsn = {json.dumps(dbs.server.dsn(tenants_db))}\n'
        "tenants = \"SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenant\\\\_%' ORDER BY 1\"\n"
        'labels = { tier = "free" }\n'
    )
    body = databases_entry(dbs, labels='labels = { region = "eu" }') + tenants
    fleet = load_fleet(write_fleet(tmp_path, body, concurrency=3, canary=["saas/tenant_a"]))
    names = [t.name for t in fleet.targets()]
    assert names == [f"shop/{dbs.prefix}_db1", f"shop/{dbs.prefix}_db2", "saas/tenant_a", "saas/tenant_b"]
    mset = load_migration_set(write_migrations(tmp_path / "m", SET))

    report = rollout(fleet, mset, ExecutionPolicy())

    assert (report.outcome, report.counts, report.waves) == ("success", {"done": 4}, 2), report.to_json()
    for name in (f"{dbs.prefix}_db1", f"{dbs.prefix}_db2"):
        assert dbs.execute(name, "SELECT version FROM marks ORDER BY 1") == [(1,), (2,)]
        assert dbs.execute(name, "SELECT count(*) FROM migwiz.history WHERE success") == [(2,)]
    for tenant in ("tenant_a", "tenant_b"):  # the set ran in the tenant's schema, history beside it
        assert dbs.execute(tenants_db, f"SELECT version FROM {tenant}.marks ORDER BY 1") == [(1,), (2,)]
        assert dbs.execute(tenants_db, f"SELECT count(*) FROM migwiz_{tenant}.history") == [(2,)]
        untagged = dbs.execute(
            tenants_db,
            f"SELECT count(*) FROM migwiz_{tenant}.events"
            f" WHERE data->>'fleet_run' IS DISTINCT FROM '{report.fleet_run}'",
        )
        assert untagged == [(0,)]  # every event of the tenant's run carries the fleet run's id
    assert dbs.execute(tenants_db, "SELECT to_regclass('public.users'), to_regclass('other.users')") == [
        (None, None)
    ]
    gathered = {target for target, _ in commands.fleet_events(fleet.targets(), report.fleet_run)}
    assert gathered == set(names)
    assert fleet_status(fleet.targets(), mset).in_step == 4
    again = rollout(fleet, mset, ExecutionPolicy())  # the run finished: a new one, with nothing to do
    assert again.fleet_run != report.fleet_run and again.counts == {"done": 4}
    assert dbs.execute(f"{dbs.prefix}_db1", "SELECT count(*) FROM migwiz.runs") == [(1,)]


def test_a_failing_canary_stops_the_rollout_before_any_other_target(dbs: Fleetdbs, tmp_path: Path) -> None:
    canary = dbs.create("db0", "CREATE TABLE marks (note text)")  # 1_users fails here: marks exists
    others = [dbs.create(f"db{i}") for i in (1, 2, 3)]
    path = write_fleet(tmp_path, databases_entry(dbs), canary=[f"shop/{canary}"], concurrency=4)
    mset = load_migration_set(write_migrations(tmp_path / "m", SET))

    report = rollout(load_fleet(path), mset, ExecutionPolicy())

    assert report.outcome == "failed" and report.stopped_reason == f"canary shop/{canary} failed"
    assert report.counts == {"failed": 1}
    assert [dbs.touched(name) for name in others] == [False, False, False]
    run = last_run(path.parent / "fleet.state.jsonl")
    assert run is not None and run.targets == {f"shop/{canary}": "failed"}


def test_the_error_budget_stops_after_the_failures_it_allows(dbs: Fleetdbs, tmp_path: Path) -> None:
    names = [dbs.create(f"db{i}", "CREATE TABLE marks (note text)" if i in (1, 2) else "") for i in range(5)]
    path = write_fleet(tmp_path, databases_entry(dbs), concurrency=1, max_failures=1, wave_size=10)
    mset = load_migration_set(write_migrations(tmp_path / "m", SET))

    report = rollout(load_fleet(path), mset, ExecutionPolicy())

    assert report.outcome == "failed" and report.counts == {"done": 1, "failed": 2}
    assert [dbs.touched(n) for n in names[3:]] == [False, False]  # the budget (1) was spent at db2


def start_fleet_up(fleet: Path, folder: Path) -> subprocess.Popen[str]:
    """`migwiz fleet up` in a process of its own; every target's events also in fleet.log beside it."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    env.pop("DATABASE_URL", None)
    return subprocess.Popen(
        [sys.executable, "-m", "migwiz", "fleet", "up", "--fleet", str(fleet), "--dir", str(folder),
         "--wait", "30s", "--json", "--log-file", str(fleet.parent / "fleet.log")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip


def test_sigkill_mid_rollout_resumes_the_same_fleet_run_and_applies_nothing_twice(
    dbs: Fleetdbs, tmp_path: Path
) -> None:
    names = [dbs.create(f"db{i}", "CREATE TABLE pause (seconds float); INSERT INTO pause VALUES (0.4)")
             for i in range(5)]  # fmt: skip
    slow = {**SET, "2_email.up.sql": "SELECT pg_sleep(seconds) FROM pause;\n" + SET["2_email.up.sql"]}
    folder = write_migrations(tmp_path / "m", slow)
    path = write_fleet(tmp_path, databases_entry(dbs), concurrency=2, wave_size=2)
    state = tmp_path / "fleet.state.jsonl"

    with start_fleet_up(path, folder) as proc:
        deadline = time.monotonic() + 60
        while not any(r.get("state") == "done" for r in _records(state)):  # killed once a target is done
            assert time.monotonic() < deadline, "no target done within 60 s"
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    first = last_run(state)
    assert first is not None and first.outcome is None  # killed: no finish record
    assert 0 < list(first.targets.values()).count("done") < 5

    with start_fleet_up(path, folder) as proc:
        out, err = proc.communicate(timeout=120)
    result = json.loads(out)
    assert proc.returncode == 0, err
    assert (result["fleet_run"], result["resumed"], result["outcome"]) == (first.fleet_run, True, "success")
    for name in names:  # every migration exactly once, whatever the moment of the kill
        assert dbs.execute(name, "SELECT version FROM marks ORDER BY 1") == [(1,), (2,)]
        assert dbs.execute(name, "SELECT version, success FROM migwiz.history ORDER BY 1") == [
            ("1", True), ("2", True)
        ]  # fmt: skip
        other = dbs.execute(name, "SELECT count(*) FROM migwiz.events WHERE data->>'fleet_run' <> "
                                  f"'{first.fleet_run}' OR data->>'fleet_run' IS NULL")  # fmt: skip
        assert other == [(0,)]
    logged = [json.loads(line) for line in (tmp_path / "fleet.log").read_text().splitlines()]
    assert logged and {e["data"]["fleet_run"] for e in logged} == {first.fleet_run}


def _records(path: Path) -> list[dict[str, object]]:
    if not path.exists():
        return []
    out = []
    for line in path.read_text().splitlines():
        with contextlib.suppress(json.JSONDecodeError):
            out.append(json.loads(line))
    return out


def test_an_index_another_tenant_is_building_is_neither_blamed_nor_dropped(
    db: TestDatabase, tmp_path: Path
) -> None:
    db.execute(
        "CREATE SCHEMA a; CREATE SCHEMA b; CREATE TABLE a.t (id int, v int); CREATE TABLE b.t (LIKE a.t);"
        " INSERT INTO a.t SELECT g, g FROM generate_series(1, 100) g; INSERT INTO b.t SELECT * FROM a.t"
    )
    folder = write_migrations(
        tmp_path / "m",
        {"1_v.up.sql": "-- migwiz:no-transaction\nCREATE INDEX CONCURRENTLY t_v_idx ON t (v);\n",
         "1_v.down.sql": "-- migwiz:no-transaction\nDROP INDEX CONCURRENTLY t_v_idx;\n"},
    )  # fmt: skip
    with db.connect() as writer, db.connect() as builder:
        writer.execute("BEGIN")
        writer.execute("UPDATE b.t SET v = v")  # tenant b's build waits for this writer, its index INVALID
        building = threading.Thread(
            target=lambda: builder.execute("CREATE INDEX CONCURRENTLY t_v_idx ON b.t (v)"), daemon=True
        )
        building.start()
        deadline = time.monotonic() + 30
        while db.execute("SELECT count(*) FROM pg_index WHERE NOT indisvalid") != [(1,)]:
            assert time.monotonic() < deadline, "tenant b's build never started"
            time.sleep(0.05)
        tenant_a = Target("a", tenant_dsn(db.dsn, "a"), "migwiz_a", "a")
        result = run_target(tenant_a, load_migration_set(folder), command="up", fleet_run="f",
                            policy=ExecutionPolicy())  # fmt: skip
        assert (result.state, result.applied, result.error) == ("done", 1, None)
        writer.execute("COMMIT")
        building.join(30)
    assert db.execute("SELECT indexrelid::regclass::text, indisvalid FROM pg_index i JOIN pg_class c"
                      " ON c.oid = i.indexrelid WHERE relname = 't_v_idx' ORDER BY 1") == [
        ("a.t_v_idx", True), ("b.t_v_idx", True)
    ]  # fmt: skip


def test_fleet_commands_read_every_target(dbs: Fleetdbs, tmp_path: Path) -> None:
    dbs.create("db1")
    tenants_db = dbs.create("tenants", "CREATE SCHEMA tenant_a; CREATE SCHEMA tenant_b")
    tenants = (
        f'[[fleet.target]]\nname = "saas"\ndsn = {json.dumps(dbs.server.dsn(tenants_db))}\n'
        "tenants = \"SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenant\\\\_%' ORDER BY 1\"\n"
    )
    path = write_fleet(tmp_path, databases_entry(dbs) + tenants)
    folder = write_migrations(tmp_path / "m", SET)
    report = rollout(load_fleet(path), load_migration_set(folder), ExecutionPolicy())
    assert report.counts == {"done": 3}
    dbs.execute(tenants_db, "ALTER TABLE tenant_b.users ADD COLUMN extra int")  # drift in one tenant
    (folder / "3_rewrite.up.sql").write_text("ALTER TABLE users ALTER COLUMN id TYPE numeric;\n")
    (folder / "3_rewrite.down.sql").write_text("ALTER TABLE users ALTER COLUMN id TYPE bigint;\n")
    common = ("--fleet", path, "--dir", folder, "--json")

    status = run_cli("fleet", "status", *common)
    assert status.code == 1 and status.json()["counts"]["3"] == {"pending": 3}
    assert [(g["label"], g["count"]) for g in status.json()["groups"]] == [("behind", 3)]
    assert {r["target"]: r["states"]["3"] for r in status.json()["grid"]} == dict.fromkeys(
        [f"shop/{dbs.prefix}_db1", "saas/tenant_a", "saas/tenant_b"], "pending"
    )  # the full grid: every target, every version
    ci = run_cli("ci", "--fleet", path, "--dir", folder, "--json", "--summary-file", tmp_path / "summary.md",
                 "--junit-file", tmp_path / "junit.xml")  # fmt: skip
    gates = {g["name"]: (g["status"], g["exit_code"]) for g in ci.json()["gates"]}
    assert ci.code == 1 and gates == {"lint": ("failed", 1), "rollback": ("skipped", 0),
                                      "drift": ("failed", 1), "plan": ("passed", 0)}, ci.stdout  # fmt: skip
    drift, plan = ci.json()["fleet"]["drift"], ci.json()["fleet"]["plan"]
    assert [(g["count"], g["matches_set"]) for g in drift["groups"]] == [(2, True), (1, False)], drift
    assert drift["groups"][1]["targets"] == ["saas/tenant_b"]
    assert any("extra" in d for d in drift["groups"][1]["differences"])
    assert (plan["targets"], plan["pending"], sum(plan["verdicts"].values())) == (3, 3, 3), plan
    summary = (tmp_path / "summary.md").read_text()
    assert "❌ migwiz ci: 2 gate(s) failed: lint, drift" in summary and "### Fleet drift" in summary
    assert "❌ differ from the set: 1 target(s): `saas/tenant_b`" in summary
    junit = ElementTree.parse(tmp_path / "junit.xml").getroot()
    failed = [c.get("name") for c in junit.iter("testcase") if c.find("failure") is not None]
    assert failed == ["1 target(s): saas/tenant_b"], ElementTree.tostring(junit)
    alias = run_cli("fleet", "ci", "--dir", folder, "--json", cwd=tmp_path)  # the fleet file found from here
    assert alias.code == 1 and [g["status"] for g in alias.json()["gates"]] == [
        "failed", "skipped", "failed", "passed"
    ]  # fmt: skip
    fleet = load_fleet(path)
    assert fleet_verify(fleet.targets(), load_migration_set(folder)).databases == 2  # tenants' database once
    log = run_cli(
        "log", "--fleet-run", report.fleet_run[:8], "--json", cwd=tmp_path
    ).json()  # fleet.toml here
    assert {e["target"] for e in log["events"]} == {
        f"shop/{dbs.prefix}_db1",
        "saas/tenant_a",
        "saas/tenant_b",
    }
    assert all(e["data"]["fleet_run"] == report.fleet_run for e in log["events"])
    watched = run_cli("fleet", "watch", "--no-follow", *common)
    assert json.loads(watched.stdout.splitlines()[-1])["outcome"] == "success"


def test_down_reverts_one_step_per_target_and_a_resumed_down_does_not_revert_twice(
    dbs: Fleetdbs, tmp_path: Path
) -> None:
    names = [dbs.create(f"db{i}") for i in range(3)]
    path = write_fleet(tmp_path, databases_entry(dbs), concurrency=2)
    mset = load_migration_set(write_migrations(tmp_path / "m", SET))
    assert rollout(load_fleet(path), mset, ExecutionPolicy()).counts == {"done": 3}
    dbs.execute(names[2], "DROP INDEX users_email")  # db2's down of 2_email fails: DROP INDEX finds none

    first = rollout(load_fleet(path), mset, ExecutionPolicy(), command="down", steps=1)
    assert (first.outcome, first.counts) == ("failed", {"done": 2, "failed": 1})
    dbs.execute(names[2], "CREATE INDEX users_email ON users (email)")
    again = rollout(load_fleet(path), mset, ExecutionPolicy(), command="down", steps=1)  # resumes

    assert (again.fleet_run, again.outcome, again.counts) == (first.fleet_run, "success", {"done": 3})
    for name in names:  # one step down each, db0 and db1 not a second time
        assert dbs.execute(name, "SELECT version FROM marks ORDER BY 1") == [(1,)]
