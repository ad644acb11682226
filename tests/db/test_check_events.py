"""`drift`, `ci` and `plan` write the central log from typed events: with a recorded run's log, every row of
a real drift, a real ci (lint, rollback, drift and plan gates) and a real plan reads back as the typed event
that wrote it, and that event writes the same line again."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

from migwiz.engine import commands
from migwiz.engine.ci import run_ci
from migwiz.engine.log.ci_events import CiGateChecked
from migwiz.engine.log.drift_events import DriftCounted, DriftFound, DriftReplayed, DriftSnapshotRead
from migwiz.engine.log.eventlog import EventLog, Run
from migwiz.engine.log.plan_events import MigrationPlanned
from migwiz.engine.plan import plan
from migwiz.engine.rollback.events import RollbackTested
from migwiz.engine.run.events import RunEvent
from migwiz.engine.run.policy import ExecutionPolicy
from migwiz.engine.schema.drift import drift
from migwiz.engine.sets import load_migration_set
from migwiz.engine.sets.model import MigrationSet, Version
from tests.conftest import TestDatabase
from tests.db.test_record_events import typed_log
from tests.helpers import write_migrations


def applied(db: TestDatabase, tmp_path: Path) -> MigrationSet:
    """Two migrations, the first applied; the files are new to the server's snapshot cache (a fresh
    comment), so the first drift replays them."""
    fresh = f"-- {uuid.uuid4().hex}\n"
    files = {
        "1_users.up.sql": fresh + "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n",
        "1_users.down.sql": "DROP TABLE users;\n",
        "2_name.up.sql": "ALTER TABLE users ADD COLUMN name text;\n",
        "2_name.down.sql": "ALTER TABLE users DROP COLUMN name;\n",
    }
    mset = load_migration_set(write_migrations(tmp_path / "m", files))
    project = commands.Project.of(db.dsn, mset)
    assert commands.up(project, policy=ExecutionPolicy(allow_irreversible=True), to=Version("1")).report.ok
    return mset


def logged(db: TestDatabase, command: str, work: Callable[[EventLog], object]) -> list[RunEvent]:
    """`work(log)` under a recorded run of `command`; its rows read back as typed events, the record's own
    (started, ended) left out."""
    run = Run(db.dsn, "migwiz", command)
    try:
        work(run.log)
    finally:
        run.finish("success")
    events = typed_log(db, run.run_id)
    assert [type(e).__name__ for e in (events[0], events[-1])] == ["RunStarted", "RunEnded"]
    return events[1:-1]


def test_drift_writes_its_log_from_typed_events(client_db: TestDatabase, tmp_path: Path) -> None:
    """A hand-made column: the files replayed (snapshots saved), the difference, the count; the second
    drift reads the saved snapshot (or replays again when it was evicted meanwhile)."""
    mset = applied(client_db, tmp_path)
    client_db.execute("ALTER TABLE users ADD COLUMN extra int")
    first = logged(client_db, "drift", lambda log: drift(client_db.dsn, mset, log=log))
    assert [type(e) for e in first] == [DriftReplayed, DriftFound, DriftCounted]
    replayed, found, counted = first
    # the state before the first migration is shared by every set of this server: another test may have
    # saved it (restored 1), or not (0); the fresh migration itself is always replayed
    assert isinstance(replayed, DriftReplayed) and replayed.replayed == 1 and replayed.restored in (0, 1)
    assert replayed.saved >= 1
    assert isinstance(found, DriftFound) and (found.kind, found.name) == ("extra", "public.users.extra")
    assert isinstance(counted, DriftCounted) and (counted.differences, counted.ignored) == (1, 0)
    again = [type(e) for e in logged(client_db, "drift", lambda log: drift(client_db.dsn, mset, log=log))]
    # the server's snapshot cache keeps the 20 last used: tests running beside this one may evict ours
    assert again in ([DriftSnapshotRead, DriftFound, DriftCounted], [DriftReplayed, DriftFound, DriftCounted])


def test_ci_and_plan_write_their_log_from_typed_events(client_db: TestDatabase, tmp_path: Path) -> None:
    """Every gate of a real ci: lint's and rollback's verdicts, the rollback test's, drift's and plan's
    events in between; then a plan on its own: the pending migration's verdict."""
    mset = applied(client_db, tmp_path)
    project = commands.Project.of(client_db.dsn, mset)
    server = client_db.server.dsn()
    events = logged(
        client_db,
        "ci",
        lambda log: run_ci(
            project, shadow_dsn=server, drift_dsn=client_db.dsn, plan_dsn=client_db.dsn, log=log
        ),
    )
    gates = [e for e in events if isinstance(e, CiGateChecked)]
    assert [(g.gate, g.status) for g in gates] == [("lint", "passed"), ("rollback", "passed")]
    assert gates[1].detail == "2 of 2 migrations passed up → down → up"
    assert [e.version for e in events if isinstance(e, RollbackTested)] == ["1", "2"]
    assert any(isinstance(e, DriftCounted) and e.differences == 0 for e in events)
    [planned] = [e for e in events if isinstance(e, MigrationPlanned)]
    assert (planned.version, planned.direction) == ("2", "up")
    assert events.index(gates[1]) < events.index(planned)
    alone = logged(client_db, "plan", lambda log: plan(client_db.dsn, mset, log=log))
    assert [type(e) for e in alone] == [MigrationPlanned]
    assert isinstance(alone[0], MigrationPlanned) and alone[0].verdict == planned.verdict
