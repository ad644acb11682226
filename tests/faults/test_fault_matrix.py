"""The fault matrix: SIGKILL of `migwiz`, an immediate server stop, a network cut — at a seeded random point
of a transactional migration, a no-transaction one with CREATE INDEX CONCURRENTLY, a backfill and a down.

After each fault: `status` agrees with the catalog, the central log does not call the cut-off run a success,
the next run finishes (with `--resolve` where migwiz asks for it, answered from the catalog), nothing is
applied twice or skipped. The seed is printed; MIGWIZ_FAULT_SEED=N replays the same fault delays (where a
delay lands still depends on timing). The matrix runs on the newest server;
`make test-versions` (`-m fault_versions`) runs it on the other versions.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from migwiz.engine import commands
from migwiz.engine.log.eventlog import EventLog
from migwiz.engine.run.runner import Runner
from migwiz.engine.servers.local import Binaries, LocalServer, run_as, start_server
from migwiz.engine.sets import load_migration_set
from tests.conftest import BINARIES, TestDatabase, create_database, drop_database
from tests.faults.workloads import WORKLOADS, Progress, Workload
from tests.helpers import run_cli, start_cli, wait_for, write_migrations
from tests.helpers.backfill import executor_gone
from tests.helpers.proxies import CuttableProxy

SEED = int(os.environ.get("MIGWIZ_FAULT_SEED") or random.SystemRandom().randrange(1_000_000))
FAULTS = ("sigkill", "server-stop", "network-cut")
NEWEST = max(BINARIES, key=lambda b: b.major) if BINARIES else None
SERVERS = [
    pytest.param(b, id=f"pg{b.major}", marks=() if b is NEWEST else pytest.mark.fault_versions)
    for b in sorted(BINARIES, key=lambda b: -b.major)
]


@pytest.fixture(scope="module", params=SERVERS or [pytest.param(None, id="no-server")])
def fault_server(request: pytest.FixtureRequest) -> Iterator[LocalServer]:
    """A server of our own (it gets stopped hard), commits durable so a crash loses none that were acked."""
    binaries: Binaries | None = request.param
    if binaries is None:
        pytest.skip("no PostgreSQL binaries on this machine")
    server = start_server(binaries, settings={"synchronous_commit": "on"})
    try:
        yield server
    finally:
        server.stop()


def pg_ctl(server: LocalServer, *args: str) -> None:
    log = server.datadir / "server.log"
    result = run_as(server.user, server.binaries.tool("pg_ctl"), "-D", server.datadir, "-l", log, *args)
    assert result.returncode == 0, result.stderr


def start_migwiz(dsn: str, folder: Path, command: str) -> subprocess.Popen[str]:
    return start_cli(command, "--dsn", dsn, "--dir", folder, "--wait", "10s")


def running_marker(db: TestDatabase, workload: Workload) -> bool:
    """migwiz runs one of the workload's statements right now (or shows it started)."""
    if workload.started is not None:
        return workload.started(db)
    likes = " OR ".join(f"query LIKE '%{m}%'" for m in workload.markers)
    rows = db.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
        f" AND application_name LIKE 'migwiz%' AND state = 'active' AND ({likes})"
    )
    return rows != [(0,)]


def last_event(db: TestDatabase) -> int:
    """The id of the central log's newest event (0 before migwiz created its schema)."""
    if db.execute("SELECT to_regclass('migwiz.events') IS NULL") == [(True,)]:
        return 0
    return int(str(db.execute("SELECT coalesce(max(id), 0) FROM migwiz.events")[0][0]))


def invalid_indexes(db: TestDatabase) -> list[str]:
    rows = db.execute("SELECT indexrelid::regclass::text FROM pg_index WHERE NOT indisvalid ORDER BY 1")
    return [str(r[0]) for r in rows]


def final_states(db: TestDatabase, folder: Path) -> dict[str, str]:
    result = commands.status(commands.Project.of(db.dsn, load_migration_set(folder)))
    return {str(s.version): s.state for s in result.statuses}


def statuses(db: TestDatabase, folder: Path) -> dict[str, dict[str, Any]]:
    result = run_cli("status", "--dsn", db.dsn, "--dir", folder, "--json")
    assert result.code in (0, 1), result.stderr
    return {m["version"]: m for m in result.json()["migrations"]}


def runs(
    db: TestDatabase, folder: Path, first: int, last: int | None = None
) -> dict[str, list[dict[str, Any]]]:
    """`migwiz log --json`: the events with ids in (first, last], by run, in order."""
    result = run_cli("log", "--json", "--dsn", db.dsn, "--dir", folder, "--limit", "5000")
    assert result.code == 0, result.stderr
    by_run: dict[str, list[dict[str, Any]]] = {}
    for event in result.json()["events"] if result.stdout.strip() else []:
        if first < event["id"] and (last is None or event["id"] <= last):
            by_run.setdefault(event["run_id"], []).append(event)
    return by_run


def claims_success(events: list[dict[str, Any]], version: str) -> bool:
    """The run says the migration was applied (or reverted), or that it finished with success."""
    for e in events:
        data = e.get("data") or {}
        if e["step"] == "run" and data.get("outcome") == "success":
            return True
        if e["step"] == "migration" and data.get("version") == version and "duration_ms" in data:
            return True
    return False


def inject(fault: str, server: LocalServer, proc: subprocess.Popen[str], proxy: CuttableProxy) -> None:
    if fault == "sigkill":
        proc.send_signal(signal.SIGKILL)
    elif fault == "server-stop":
        pg_ctl(server, "-m", "immediate", "-w", "stop")
    else:
        proxy.cut()


def resolution(stderr: str, db: TestDatabase, workload: Workload, progress: Progress) -> str | None:
    """The operator's answer when migwiz asks: did the statement cut off complete? Read from the catalog."""
    if "--resolve" not in stderr:
        return None
    assert progress.running is not None, stderr
    effect = workload.statements[progress.running] if workload.statements else None
    return "ran" if effect is not None and effect(db) else "not-ran"


def recover(
    db: TestDatabase, folder: Path, command: str, workload: Workload, progress: Progress
) -> str | None:
    """Run `command` again, answering --resolve from the catalog when asked; return the answer given."""
    result = run_cli(command, "--dsn", db.dsn, "--dir", folder, "--wait", "10s")
    answer = resolution(result.stderr, db, workload, progress) if result.code != 0 else None
    if answer is not None:
        result = run_cli(command, "--dsn", db.dsn, "--dir", folder, "--wait", "10s", "--resolve", answer)
    assert result.code == 0, f"{command} after the fault: {result.stderr}"
    return answer


def statements_logged_done(events: list[dict[str, Any]], version: str) -> set[int]:
    return {
        e["data"]["index"]
        for e in events
        if e["step"] == "statement"
        and (e.get("data") or {}).get("version") == version
        and "done" in e["message"]
    }


@pytest.mark.slow
@pytest.mark.parametrize("workload", WORKLOADS, ids=lambda w: w.name)
@pytest.mark.parametrize("fault", FAULTS)
def test_fault(fault: str, workload: Workload, fault_server: LocalServer, tmp_path: Path) -> None:
    rng = random.Random(f"{SEED}:{fault}:{workload.name}")
    delay = rng.uniform(0, workload.window_s)
    print(f"MIGWIZ_FAULT_SEED={SEED}: {fault} {delay:.3f} s into {workload.name}")
    db = create_database(fault_server)
    proxy = CuttableProxy(fault_server.port)
    try:
        workload.prepare(db)
        folder = write_migrations(tmp_path / "m", workload.files)
        if workload.command == "down":
            runner = Runner(db.dsn, load_migration_set(folder), log=EventLog())
            try:
                assert runner.up().ok
            finally:
                runner.close()
        dsn = db.dsn.replace(f"port={fault_server.port}", f"port={proxy.port}")
        before = last_event(db)
        with start_migwiz(dsn, folder, workload.command) as proc:
            wait_for(
                lambda: proc.poll() is not None or running_marker(db, workload), f"{workload.name} running"
            )
            time.sleep(delay)
            inject(fault, fault_server, proc, proxy)
            _, stderr = proc.communicate(timeout=60)
        if fault == "server-stop":
            pg_ctl(fault_server, "-w", "-t", "60", "start")
        if fault != "sigkill":
            assert "Traceback" not in stderr, stderr
        wait_for(lambda: executor_gone(db), "the server to notice the client is gone")

        # status tells the truth about the catalog
        progress = Progress.of(statuses(db, folder)[workload.version])
        print(f"after the fault: {progress}")
        workload.consistent(db, progress)
        finished = progress.state == ("pending" if workload.command == "down" else "applied")
        assert finished or proc.returncode != 0, f"a cut-off run exited 0: {stderr}"
        invalid = invalid_indexes(db)  # what a build cut off left: the next run must clear it up
        cut_at = last_event(db)

        # the next run finishes, nothing twice, nothing skipped
        answer = recover(db, folder, workload.command, workload, progress)
        if workload.command == "down":
            assert final_states(db, folder)[workload.version] == "pending"
            workload.consistent(db, Progress("pending"))
            runner = Runner(db.dsn, load_migration_set(folder), log=EventLog())
            try:
                assert runner.up().ok
            finally:
                runner.close()
        after = final_states(db, folder)
        assert after == dict.fromkeys(after, "applied")
        workload.consistent(db, Progress("applied"))
        workload.finished(db)

        # the log: the cut-off run is no success unless it got to the end; the next run is one
        for events in runs(db, folder, before, cut_at).values():
            assert finished or not claims_success(events, workload.version), events
            if progress.state == "failed" and workload.statements:  # no statement logged done that is not
                assert statements_logged_done(events, workload.version) <= set(range(progress.done)), events
        recovery = list(runs(db, folder, cut_at).values())
        assert recovery and claims_success(recovery[-1], workload.version), recovery
        assert invalid_indexes(db) == []
        for name in invalid:
            assert any(name in e["message"] for events in recovery for e in events), (name, recovery)
        if answer is not None:  # the operator's answer is in the log
            assert any(e["step"] == "resolve" for events in recovery for e in events), recovery
    finally:
        proxy.cut()
        drop_database(db)
