"""Fleet files, wave plans and the state file, with no database."""

from __future__ import annotations

from pathlib import Path

import pytest
from psycopg import conninfo

from migwiz.engine.config import load_settings
from migwiz.engine.errors import ConfigError, ConnectionFailed
from migwiz.engine.fleet.progress import FleetProgress, FleetStateTail
from migwiz.engine.fleet.state import StateFile, last_run
from migwiz.engine.fleet.targets import Target, load_fleet, tenant_dsn
from migwiz.engine.fleet.waves import plan_waves


def test_a_fleet_in_migwiz_toml_leaves_the_settings_readable(tmp_path: Path) -> None:
    (tmp_path / "migwiz.toml").write_text(
        '[migwiz]\nlock_timeout = "3s"\n\n[fleet]\nconcurrency = 6\npause = "2s"\n'
        '[[fleet.target]]\nname = "a"\ndsn = "dbname=a"\nlabels = { region = "eu", canary = true }\n'
        '[[fleet.target]]\nservice = "shard2"\n'
    )
    assert load_settings(cwd=tmp_path).lock_timeout_ms == 3000
    fleet = load_fleet(cwd=tmp_path)
    assert (fleet.concurrency, fleet.pause_ms, fleet.state_file) == (6, 2000, tmp_path / "fleet.state.jsonl")
    targets = list(fleet.targets())
    assert targets[0] == Target("a", "dbname=a", labels={"region": "eu", "canary": "true"})
    assert targets[0].canary and conninfo.conninfo_to_dict(targets[1].dsn) == {"service": "shard2"}


def test_top_level_migwiz_keys_beside_a_fleet_table_still_load(tmp_path: Path) -> None:
    (tmp_path / "migwiz.toml").write_text('schema = "deploy"\n[fleet]\n[[fleet.target]]\ndsn = "dbname=a"\n')
    assert load_settings(cwd=tmp_path).schema == "deploy"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[fleet]\nconcurency = 3\n", "unknown fleet setting 'concurency'"),
        ("[fleet]\n", "no [[fleet.target]] entries"),
        ('[fleet]\n[[fleet.target]]\ndsn = "dbname=a"\nservice = "s"\n', "target 1: give exactly one of dsn"),
        ('[fleet]\nconcurrency = 0\n[[fleet.target]]\ndsn = "dbname=a"\n', "concurrency = 0"),
        (
            '[fleet]\n[[fleet.target]]\ndsn = "dbname=x"\ntenants = "SELECT 1"\nhistory_schema = "h"\n',
            "no {tenant}",
        ),
        ('[fleet]\n[[fleet.target]]\ndsn = "dbname=a"\n[[fleet.target]]\ndsn = "dbname=a"\n', "listed twice"),
    ],
)
def test_a_wrong_fleet_file_is_one_line_naming_the_entry(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "fleet.toml"
    path.write_text(body)
    with pytest.raises(ConfigError, match=r"fleet\.toml") as caught:
        list(load_fleet(path).targets())
    assert message in caught.value.message and "\n" not in caught.value.message


def test_waves_put_canaries_first_then_batches_in_order() -> None:
    targets = [Target(f"t{i}", "", labels={"canary": "true"} if i in (3, 7) else {}) for i in range(8)]
    waves = [(w.label, [t.name for t in w.targets]) for w in plan_waves(targets, 4)]
    assert waves == [("canary", ["t3", "t7"]), ("wave 1", ["t0", "t1", "t2", "t4"]), ("wave 2", ["t5", "t6"])]
    assert [w.label for w in plan_waves(targets[:2], 4)] == ["wave 1"]


def test_tenant_dsn_sets_search_path_for_every_session() -> None:
    options = conninfo.conninfo_to_dict(tenant_dsn("dbname=app options='-c work_mem=64MB'", '"t 1", public'))
    assert options["options"] == '-c work_mem=64MB -c search_path="t\\ 1",\\ public'


def test_the_state_file_survives_a_line_cut_short_and_resumes_the_open_run(tmp_path: Path) -> None:
    path = tmp_path / "fleet.state.jsonl"
    state = StateFile(path, "run-1")
    state.write("run", command="up", digest="d1")
    state.write("target", target="a", state="done")
    state.write("target", target="b", state="running")
    state.close()
    with path.open("a") as f:
        f.write('{"kind": "target", "fleet_run": "run-1", "target": "b", "sta')  # killed mid-write
    run = last_run(path)
    assert run is not None and (run.fleet_run, run.outcome, run.targets) == (
        "run-1",
        None,
        {"a": "done", "b": "running"},
    )
    tail = FleetStateTail(path)
    progress = FleetProgress()
    for record in tail.read():
        progress.add(record)
    assert progress.counts() == {"done": 1, "running": 1} and progress.named("running") == ["b"]
    with path.open("a") as f:
        f.write('te": "failed", "error": "boom"}\n')
    for record in tail.read():
        progress.add(record)
    assert progress.counts() == {"done": 1, "failed": 1} and progress.errors == {"b": "boom"}


def test_a_listing_server_that_cannot_be_reached_names_the_entry(tmp_path: Path) -> None:
    path = tmp_path / "fleet.toml"
    path.write_text(
        '[fleet]\n[[fleet.target]]\ndsn = "host=127.0.0.1 port=1 dbname=x"\ndatabases = "SELECT 1"\n'
    )
    with pytest.raises(ConnectionFailed) as caught:
        list(load_fleet(path).targets())
    assert caught.value.message.startswith(f"{path}: target 1: cannot connect to 127.0.0.1:1/x")
