"""The run's typed event stream on real servers, through `commands.start_run`: lock waits and guard
decisions from a lock another connection really holds, backfill batches, the longest wait we caused, the
statement estimate and attempt, and the order of events."""

from __future__ import annotations

import functools
import threading
import time
from pathlib import Path

import psycopg
import pytest

from migwiz.engine import commands
from migwiz.engine.errors import UsageError
from migwiz.engine.log.eventlog import read_events
from migwiz.engine.run.events import (
    BackfillBatch,
    GuardDecision,
    LockWait,
    Logged,
    MigrationFinished,
    RunEvent,
    RunFinished,
    StatementFinished,
    StatementStarted,
)
from migwiz.engine.run.executor import RetryPolicy
from migwiz.engine.run.guard import GuardPolicy
from migwiz.engine.run.log_events import events_from_log
from migwiz.engine.run.runner import ExecutionPolicy
from migwiz.engine.sets import load_migration_set
from tests.conftest import TestDatabase
from tests.helpers import wait_for, write_migrations

pytestmark = pytest.mark.timeout(90)


@pytest.fixture
def db(client_db: TestDatabase) -> TestDatabase:
    """The event stream is the runner's:
    the newest server in `make test`, every server in `make test-versions` (tests/db/conftest.py)."""
    return client_db


def collect(session: commands.RunSession) -> list[RunEvent]:
    """Every event of the session's run, read through a subscription (the run in its own thread)."""
    events = session.subscribe()
    session.start()
    seen = list(events)
    session.wait(60)
    return seen


def test_a_held_lock_gives_lock_waits_guard_decisions_and_a_retry(db: TestDatabase, tmp_path: Path) -> None:
    """A transaction of another connection holds a conflicting lock: the guard waits outside the queue
    (LockWait `holders`, GuardDecision `wait_outside_queue`); then, without it waiting for holders, the
    statement times out (LockWait `lock_timeout`) until the holder ends and attempt 2 succeeds."""
    db.execute("CREATE TABLE t (id int)")
    folder = write_migrations(tmp_path / "m", {"1_col.up.sql": "ALTER TABLE t ADD COLUMN x int;\n"})
    mset = load_migration_set(folder)
    holder = psycopg.connect(db.dsn)
    holder.execute("SELECT * FROM t")  # ACCESS SHARE in an open transaction
    try:
        policy = ExecutionPolicy(allow_irreversible=True, retry=RetryPolicy(max_total_ms=1500))
        events = collect(commands.start_run(commands.Project.of(db.dsn, mset), policy=policy))
        waits = [e for e in events if isinstance(e, LockWait)]
        decisions = [e for e in events if isinstance(e, GuardDecision)]
        assert waits and waits[0].kind == "holders" and waits[0].version == "1"
        assert any(h.pid == holder.info.backend_pid for h in waits[0].holders)
        assert [d.action for d in decisions] == ["wait_outside_queue", "give_up"]
        assert "long transaction kept holding" in decisions[-1].reason
        finished = [e for e in events if isinstance(e, MigrationFinished)]
        assert [(f.version, f.result) for f in finished] == [("1", "failed")]
        assert isinstance(events[-1], RunFinished) and events[-1].outcome == "failed"

        # queueing allowed: lock_timeout, then the holder goes away and the retry succeeds
        policy = ExecutionPolicy(
            allow_irreversible=True, lock_timeout_ms=100, guard=GuardPolicy(wait_for_holders=False),
            retry=RetryPolicy(backoff_base_ms=300, max_total_ms=20_000),
        )  # fmt: skip
        session = commands.start_run(commands.Project.of(db.dsn, mset), policy=policy)
        session.on(lambda e: holder.rollback() if isinstance(e, LockWait) else None)
        events = collect(session)
    finally:
        holder.close()
    waits = [e for e in events if isinstance(e, LockWait)]
    assert waits[0].kind == "lock_timeout" and waits[0].attempt == 1
    started = [e.statement.attempt for e in events if isinstance(e, StatementStarted)]
    assert started[0] == 1 and started[-1] >= 2
    assert isinstance(events[-1], RunFinished) and events[-1].outcome == "success"
    assert events[-1].retries >= 1


def test_backfill_batches_arrive_on_the_stream(db: TestDatabase, tmp_path: Path) -> None:
    db.execute(
        "CREATE TABLE items (id bigint PRIMARY KEY, note text);"
        " INSERT INTO items SELECT g, NULL FROM generate_series(1, 5000) g; ANALYZE items;"
    )
    folder = write_migrations(
        tmp_path / "m",
        {
            "1_fill.up.sql": "-- migwiz:backfill\nUPDATE items SET note = 'n' || id WHERE note IS NULL;\n",
            "1_fill.down.sql": "UPDATE items SET note = NULL;\n",
        },
    )
    session = commands.start_run(commands.Project.of(db.dsn, load_migration_set(folder)))
    events = collect(session)
    batches = [e for e in events if isinstance(e, BackfillBatch)]
    assert batches and all(b.version == "1" for b in batches)
    assert batches[-1].progress.state == "done" and batches[-1].progress.rows_updated == 5000
    assert [e.result for e in events if isinstance(e, MigrationFinished)] == ["applied"]
    assert db.execute("SELECT count(*) FROM items WHERE note IS NULL") == [(0,)]


def test_run_finished_carries_the_longest_wait_we_caused(db: TestDatabase, tmp_path: Path) -> None:
    """Our migration holds ACCESS EXCLUSIVE for 1.5 s while another session queues for the table: the
    engine's sampler measures that session's wait, and `RunFinished` reports it."""
    db.execute("CREATE TABLE t (id int)")
    folder = write_migrations(
        tmp_path / "m",
        {"1_hold.up.sql": "LOCK TABLE t IN ACCESS EXCLUSIVE MODE;\nSELECT pg_sleep(1.5);\n"},
    )
    mset = load_migration_set(folder)
    estimates = {("1", 2): 1500.0}
    session = commands.start_run(
        commands.Project.of(db.dsn, mset),
        policy=ExecutionPolicy(allow_irreversible=True),
        estimates=estimates,
    )
    sleeping = threading.Event()
    session.on(
        lambda e: sleeping.set() if isinstance(e, StatementStarted) and e.statement.index == 1 else None
    )
    victim_done: list[float] = []

    def victim() -> None:
        sleeping.wait(30)
        with psycopg.connect(db.dsn, autocommit=True) as conn:
            started = time.monotonic()
            conn.execute("SELECT count(*) FROM t")
            victim_done.append(time.monotonic() - started)

    thread = threading.Thread(target=victim, daemon=True)
    thread.start()
    events = collect(session)
    thread.join(30)
    assert victim_done and victim_done[0] > 0.5
    last = events[-1]
    assert isinstance(last, RunFinished) and last.outcome == "success" and last.run_id == session.run_id
    assert 500 <= last.longest_wait_caused_ms <= victim_done[0] * 1000 + 500
    starts = [e.statement for e in events if isinstance(e, StatementStarted)]
    assert [(s.index, s.estimate_ms, s.attempt, s.migration_number, s.migrations) for s in starts] == [
        (0, None, 1, 1, 1),
        (1, 1500.0, 1, 1, 1),
    ]
    kinds = [type(e).__name__ for e in events if not isinstance(e, Logged)]
    assert kinds == [
        "RunStarted", "MigrationStarted", "StatementStarted", "StatementFinished", "StatementStarted",
        "StatementFinished", "MigrationFinished", "RunEnded", "RunFinished",
    ]  # fmt: skip
    assert any(isinstance(e, Logged) and "applied in" in e.message for e in events)
    assert session.current is None


def test_an_error_before_the_run_still_ends_the_stream(db: TestDatabase, tmp_path: Path) -> None:
    """A refused run (no down script) ends with `RunFinished` "error", and `wait()` raises it."""
    folder = write_migrations(tmp_path / "m", {"1_a.up.sql": "CREATE TABLE a (id int);\n"})
    session = commands.start_run(commands.Project.of(db.dsn, load_migration_set(folder)))
    events = session.subscribe()
    session.start()
    seen = list(events)
    with pytest.raises(UsageError, match="no down script"):
        session.wait(30)
    last = seen[-1]
    assert isinstance(last, RunFinished) and last.outcome == "failed"
    assert "no down script" in (last.error or "")
    assert session.done and session.current is None


def test_the_central_log_maps_to_the_same_events(db: TestDatabase, tmp_path: Path) -> None:
    """`migwiz watch` reads the central log: its rows, mapped back, give the decisions the live stream
    published (lock waits, guard decisions, the migration's and the run's end), in the same order."""
    db.execute("CREATE TABLE t (id int)")
    folder = write_migrations(tmp_path / "m", {"1_col.up.sql": "ALTER TABLE t ADD COLUMN x int;\n"})
    holder = psycopg.connect(db.dsn)
    holder.execute("SELECT * FROM t")
    try:
        policy = ExecutionPolicy(allow_irreversible=True, retry=RetryPolicy(max_total_ms=1000))
        session = commands.start_run(commands.Project.of(db.dsn, load_migration_set(folder)), policy=policy)
        live = collect(session)
    finally:
        holder.close()
    with psycopg.connect(db.dsn, autocommit=True) as conn:
        rows = read_events(conn, "migwiz", run_id=session.run_id)
    mapped = [e for _, row in rows for e in events_from_log(row)]

    def decisions(events: list[RunEvent]) -> list[tuple[str, ...]]:
        out: list[tuple[str, ...]] = []
        for e in events:
            if isinstance(e, LockWait):
                out.append(("wait", e.kind, str(e.version), str(sorted(h.pid or 0 for h in e.holders))))
            elif isinstance(e, GuardDecision):
                out.append(("guard", e.action, str(e.version)))
            elif isinstance(e, MigrationFinished):
                out.append(("migration", e.version, e.result))
            elif isinstance(e, RunFinished):
                out.append(("run", str(e.run_id), e.outcome, str(e.longest_wait_caused_ms)))
        return out

    assert decisions(live)[0][:3] == ("wait", "holders", "1")
    assert decisions(mapped) == decisions(live)
    logged = [e.message for e in live if isinstance(e, Logged)]
    assert [e.message for e in mapped if isinstance(e, Logged)] == logged

    def lines(events: list[RunEvent]) -> list[tuple[str, str, str]]:
        """Every typed event that has a log line: its type and line (the log is written from these)."""
        return [
            (type(e).__name__, line.step, line.message)
            for e in events
            if not isinstance(e, Logged) and (line := e.line()) is not None
        ]

    assert {kind for kind, _, _ in lines(live)} >= {"MigrationStarted", "GuardDecision", "MigrationFinished"}
    assert lines(mapped) == lines(live)


def test_pause_holds_the_run_at_safe_points_until_resumed(db: TestDatabase, tmp_path: Path) -> None:
    """Paused after the first statement of a no-transaction migration, the run waits before the second;
    paused after that migration, it waits before the next one; it goes on when resumed."""
    folder = write_migrations(
        tmp_path / "m",
        {
            "1_a.up.sql": "-- migwiz:no-transaction\nCREATE TABLE a (id int);\nCREATE TABLE a2 (id int);\n",
            "2_b.up.sql": "CREATE TABLE b (id int);\n",
        },
    )
    policy = ExecutionPolicy(allow_irreversible=True)
    session = commands.start_run(commands.Project.of(db.dsn, load_migration_set(folder)), policy=policy)
    control = session.control

    def pause_at(event: RunEvent) -> None:
        if isinstance(event, StatementFinished) and (event.statement.version, event.statement.index) == (
            "1",
            0,
        ):
            control.pause()
        if isinstance(event, MigrationFinished) and event.version == "1":
            control.pause()

    session.on(pause_at)
    seen: list[RunEvent] = []
    session.on(seen.append)
    session.start()

    def paused(where: str) -> bool:
        return any(isinstance(e, Logged) and where in e.message for e in seen)

    for where in ("before the next statement", "before 2_b"):
        wait_for(functools.partial(paused, where), f"the pause {where}")
        count = len(seen)
        time.sleep(0.3)
        assert len(seen) == count and not session.done, f"the run went on while paused {where}"
        assert db.execute("SELECT to_regclass('b') IS NULL") == [(True,)]
        control.resume()
    result = session.wait(30)
    assert result.report.ok and [o.result for o in result.report.outcomes] == ["applied", "applied"]
    assert db.execute("SELECT to_regclass('a2') IS NOT NULL, to_regclass('b') IS NOT NULL") == [(True, True)]


def test_cancel_stops_the_running_statement_and_starts_nothing_after(
    db: TestDatabase, tmp_path: Path
) -> None:
    folder = write_migrations(
        tmp_path / "m",
        {"1_slow.up.sql": "SELECT pg_sleep(30);\n", "2_next.up.sql": "CREATE TABLE n (id int);\n"},
    )
    session = commands.start_run(
        commands.Project.of(db.dsn, load_migration_set(folder)),
        policy=ExecutionPolicy(allow_irreversible=True),
    )
    started = threading.Event()
    session.on(lambda e: started.set() if isinstance(e, StatementStarted) else None)
    session.start()
    assert started.wait(20)
    wait_for(  # the statement is on the server (a fixed pause is not enough on a loaded machine)
        lambda: bool(
            db.execute("SELECT count(*) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(30)'")[0][0]
        ),
        "the statement to run",
    )
    assert session.control.cancel("the operator cancelled")
    report = session.wait(30).report
    assert [(str(o.version), o.result) for o in report.outcomes] == [("1", "failed")]
    failure = report.outcomes[0].failure
    assert failure is not None and failure.sqlstate == "57014"
    assert db.execute("SELECT to_regclass('n') IS NULL") == [(True,)]
