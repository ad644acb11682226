"""How a rollout ends and where it stands, on real servers: failed targets within the error budget finish
the rollout "with N failed target(s)" (named, exit 1, resumable), and the wave plan's size is recorded so
every view says "wave k of n"."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from migwiz.engine.commands import fleet_rollout as rollout
from migwiz.engine.commands import load_fleet, read_fleet_progress
from migwiz.engine.run.runner import ExecutionPolicy
from migwiz.engine.sets import load_migration_set
from tests.db.test_fleet import SET, Fleetdbs, databases_entry, fleet_on_newest_server, write_fleet
from tests.helpers import run_cli, write_migrations


@pytest.fixture
def newest_dbs() -> Iterator[Fleetdbs]:
    """Databases on the newest server: how a rollout ends is the fleet runner's, not the server's."""
    yield from fleet_on_newest_server()


def test_failed_targets_within_the_budget_finish_the_rollout_with_failures_named(
    newest_dbs: Fleetdbs, tmp_path: Path
) -> None:
    dbs = newest_dbs
    names = [dbs.create(f"db{i}", "CREATE TABLE marks (note text)" if i == 1 else "") for i in range(5)]
    broken = f"shop/{names[1]}"  # 1_users fails there: marks exists
    path = write_fleet(tmp_path, databases_entry(dbs), concurrency=2, max_failures=1, wave_size=2)
    folder = write_migrations(tmp_path / "m", SET)
    common = ("--fleet", path, "--dir", folder)

    up = run_cli("fleet", "up", *common)

    assert up.code == 1, up.stdout + up.stderr  # not a success, though the budget was not spent
    assert ": finished with 1 failed target(s) (4 done, 1 failed)" in up.stdout, up.stdout
    assert f"failed: {broken}: " in up.stderr and "marks" in up.stderr, up.stderr
    assert "wave 1 of 3: 2 target(s)" in up.stderr and "wave 3 of 3: 1 target(s)" in up.stderr, up.stderr
    for name in names[2:]:  # every wave ran: the failure was within the budget
        assert dbs.execute(name, "SELECT version FROM marks ORDER BY 1") == [(1,), (2,)]

    status = run_cli("fleet", "status", *common, "--json")
    last = status.json()["last_fleet_run"]
    assert (last["outcome"], last["outcome_text"]) == (
        "finished_with_failures",
        "finished with 1 failed target(s)",
    )
    assert (last["wave"], last["waves_total"], last["counts"]) == ("wave 3 of 3", 3, {"done": 4, "failed": 1})
    assert [f["target"] for f in last["failed"]] == [broken] and "marks" in last["failed"][0]["error"]
    text = run_cli("fleet", "status", *common)
    assert status.code == text.code == 1
    head = (
        f"last fleet run {last['fleet_run'][:8]} up: finished with 1 failed target(s)\n  wave 3 of 3 · 4 done"
    )
    assert head in text.stdout and f"  failed: {broken}: " in text.stdout, text.stdout
    watched = run_cli("fleet", "watch", "--no-follow", *common)
    assert "· finished with 1 failed target(s) · wave 3 of 3 · 4 done, 1 failed" in watched.stdout
    finish = [json.loads(line) for line in (tmp_path / "fleet.state.jsonl").read_text().splitlines()][-1]
    assert (finish["kind"], finish["outcome"], finish["failed"]) == (
        "finish",
        "finished_with_failures",
        [broken],
    )

    dbs.execute(names[1], "DROP TABLE marks")
    again = run_cli("fleet", "up", *common, "--json")  # the failed target is retried in the same fleet run

    doc = again.json()
    assert again.code == 0 and (doc["fleet_run"], doc["resumed"]) == (last["fleet_run"], True), doc
    assert (doc["outcome"], doc["outcome_text"], doc["failed"]) == ("success", "success", [])
    assert dbs.execute(names[1], "SELECT version FROM marks ORDER BY 1") == [(1,), (2,)]
    assert dbs.execute(names[0], "SELECT count(*) FROM migwiz.runs") == [(1,)]  # done ones not run again


def test_the_wave_plan_is_recorded_and_each_wave_says_where_it_stands(
    newest_dbs: Fleetdbs, tmp_path: Path
) -> None:
    names = [newest_dbs.create(f"db{i}") for i in range(5)]
    path = write_fleet(tmp_path, databases_entry(newest_dbs), canary=[f"shop/{names[0]}"], wave_size=3)
    mset = load_migration_set(write_migrations(tmp_path / "m", SET))
    seen: list[tuple[str, int, int]] = []

    report = rollout(load_fleet(path), mset, ExecutionPolicy(),
                     observers=[lambda e: seen.append((e.kind, e.data.get("wave", -1), e.data.get("of", -1)))
                                if e.kind == "wave" else None])  # fmt: skip

    assert (report.outcome, report.waves, report.waves_planned) == ("success", 3, 2), report.to_json()
    assert seen == [("wave", 0, 2), ("wave", 1, 2), ("wave", 2, 2)]
    records = [json.loads(line) for line in (tmp_path / "fleet.state.jsonl").read_text().splitlines()]
    plan = next(r for r in records if r["kind"] == "plan")
    assert (plan["waves"], plan["canaries"], plan["targets"]) == (2, 1, 5)
    progress = read_fleet_progress(tmp_path / "fleet.state.jsonl")
    assert progress is not None and (progress.wave, progress.outcome_text) == ("wave 2 of 2", "success")
    progress.add({"kind": "wave", "fleet_run": progress.fleet_run, "wave": 0, "label": "canary"})
    assert progress.wave == "canary, then 2 waves"
