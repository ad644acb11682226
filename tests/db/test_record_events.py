"""`adopt`, `backup-check` and a run's own record write the central log from typed events: after a real
adopt, a real dump and a real `up`, every row of their run reads back as the typed event that wrote it, and
that event writes the same line again."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from migwiz.engine import backup, commands
from migwiz.engine.adopt import adopt
from migwiz.engine.errors import MigwizError
from migwiz.engine.log.adopt_events import AdoptDone, AdoptStarted, MigrationAdopted
from migwiz.engine.log.backup_events import DumpStarted, DumpVerified
from migwiz.engine.log.eventlog import read_events
from migwiz.engine.log.record_events import EventsPruned, RunEnded, RunStarted
from migwiz.engine.run.events import Logged, RunEvent, RunFinished
from migwiz.engine.run.log_events import events_from_log
from migwiz.engine.run.notes import RunErrored
from migwiz.engine.run.policy import ExecutionPolicy
from migwiz.engine.sets import load_migration_set
from tests.conftest import TestDatabase
from tests.helpers import write_migrations

USERS = "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n"
NAME = "ALTER TABLE users ADD COLUMN name text;\n"
GOLANG_MIGRATE_DDL = (
    "CREATE TABLE schema_migrations (version bigint not null primary key, dirty boolean not null)"
)
ORDERS = "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users);\n"


def typed_log(db: TestDatabase, run_id: str | None) -> list[RunEvent]:
    """The run's central-log rows mapped back to typed events; each row gives exactly one typed event
    besides its `Logged` (two for a run's end: `RunFinished` and `RunEnded`), whose line is the row."""
    assert run_id is not None
    with psycopg.connect(db.dsn, autocommit=True) as conn:
        rows = read_events(conn, "migwiz", run_id=run_id)
    out: list[RunEvent] = []
    for _, row in rows:
        logged, *typed = events_from_log(row)
        assert isinstance(logged, Logged)
        lined = [e for e in typed if not isinstance(e, RunFinished)]
        assert len(lined) == 1, (row, typed)
        line = lined[0].line()
        assert line is not None and (line.level, line.step, line.message) == (
            row.level,
            row.step,
            row.message,
        )
        assert dict(line.data) == dict(row.data)
        out.extend(lined)
    return out


def test_adopt_writes_its_log_from_typed_events(client_db: TestDatabase, tmp_path: Path) -> None:
    """A golang-migrate history adopted for real: started, where it reads, each migration, the summary,
    the end."""
    files = {
        "000001_users.up.sql": USERS,
        "000002_name.up.sql": NAME,
        "000003_orders.up.sql": ORDERS,
    }
    mset = load_migration_set(write_migrations(tmp_path / "m", files))
    client_db.execute(USERS + NAME)
    client_db.execute(GOLANG_MIGRATE_DDL)
    client_db.execute("INSERT INTO schema_migrations VALUES (2, false)")
    report = adopt(client_db.dsn, mset, tool="golang-migrate")
    events = typed_log(client_db, report.run_id)
    kinds = [type(e).__name__ for e in events]
    assert kinds == [
        "RunStarted", "AdoptStarted", "MigrationAdopted", "MigrationAdopted", "AdoptDone", "RunEnded",
    ]  # fmt: skip
    started, where, first, _, done, ended = events
    assert isinstance(started, RunStarted) and started.command == "adopt"
    assert isinstance(where, AdoptStarted) and where.tool == "golang-migrate"
    assert isinstance(first, MigrationAdopted) and first.version == "000001" and first.checksum
    assert isinstance(done, AdoptDone) and done.adopted == ("000001", "000002") and done.pending == 1
    assert (
        isinstance(ended, RunEnded)
        and ended.outcome == "success"
        and ended.details["tool"] == "golang-migrate"
    )


def test_backup_check_writes_its_log_from_typed_events(client_db: TestDatabase, tmp_path: Path) -> None:
    """A real verified dump: started, what it dumps, the verified file, the end."""
    client_db.execute("CREATE TABLE users (id bigint PRIMARY KEY)")
    client_db.execute("INSERT INTO users SELECT generate_series(1, 50)")
    mset = load_migration_set(write_migrations(tmp_path / "m", {"1_name.up.sql": NAME}))
    plan = backup.plan_dump(client_db.dsn, "auto", mset)
    result = backup.backup_dump(client_db.dsn, plan, tmp_path / "out")
    events = typed_log(client_db, result.run_id)
    kinds = [type(e).__name__ for e in events]
    assert kinds[0] == "RunStarted" and kinds[-1] == "RunEnded"
    assert "DumpStarted" in kinds and "DumpVerified" in kinds
    verified = next(e for e in events if isinstance(e, DumpVerified))
    assert (
        verified.sha256 == result.sha256
        and verified.size == result.size
        and verified.tables == ("public.users",)
    )
    started = next(e for e in events if isinstance(e, DumpStarted))
    assert started.mode == "auto" and started.migrations == ("1_name",)


def test_a_failed_dump_logs_its_error_as_a_typed_event(client_db: TestDatabase, tmp_path: Path) -> None:
    """Nothing to dump (the pending migration creates its table): the error is the run's `RunErrored` with
    step `dump`, then its end, failed."""
    mset = load_migration_set(write_migrations(tmp_path / "m", {"1_users.up.sql": USERS}))
    plan = backup.plan_dump(client_db.dsn, "auto", mset)
    with pytest.raises(MigwizError, match="nothing to dump"):
        backup.backup_dump(client_db.dsn, plan, tmp_path / "out")
    [(run_id,)] = client_db.execute("SELECT run_id::text FROM migwiz.runs WHERE command = 'backup-check'")
    events = typed_log(client_db, str(run_id))
    assert [type(e).__name__ for e in events] == ["RunStarted", "DumpStarted", "RunErrored", "RunEnded"]
    errored, ended = events[2], events[3]
    assert isinstance(errored, RunErrored) and errored.step == "dump" and "nothing to dump" in errored.message
    assert isinstance(ended, RunEnded) and ended.outcome == "failed" and ended.command == "backup-check"


def test_a_runs_record_writes_started_pruned_and_ended_from_typed_events(
    client_db: TestDatabase, tmp_path: Path
) -> None:
    """`up` with a retention: its record's lines (started, the events pruned, ended with the summary) read
    back as `RunStarted`, `EventsPruned` and `RunEnded`; the end also as the stream's `RunFinished`."""
    folder = write_migrations(tmp_path / "m", {"1_users.up.sql": USERS})
    project = commands.Project.of(client_db.dsn, load_migration_set(folder))
    policy = ExecutionPolicy(allow_irreversible=True)
    first = commands.up(project, policy=policy)
    client_db.execute("UPDATE migwiz.events SET at = at - interval '2 days'")
    client_db.execute("UPDATE migwiz.runs SET finished_at = finished_at - interval '2 days'")
    second = commands.up(project, policy=policy, retention_ms=86_400_000)
    events = typed_log(client_db, second.run_id)
    started, pruned = events[0], events[1]
    assert isinstance(started, RunStarted) and started.command == "up" and started.version
    assert isinstance(pruned, EventsPruned) and pruned.removed >= 3 and pruned.retention_ms == 86_400_000
    ended = events[-1]
    assert isinstance(ended, RunEnded) and ended.outcome == "success" and "retries" in ended.details
    with psycopg.connect(client_db.dsn, autocommit=True) as conn:
        assert read_events(conn, "migwiz", run_id=first.run_id) == []
        [(_, last)] = read_events(conn, "migwiz", run_id=second.run_id)[-1:]
    assert any(isinstance(e, RunFinished) and e.outcome == "success" for e in events_from_log(last))
