"""The central log: database sink, JSON lines, syslog, retention and following with LISTEN/NOTIFY."""

from __future__ import annotations

import json
import socket
import threading
import time
from pathlib import Path

from migwiz.engine.log.eventlog import Run, follow_events, prune_events, read_events
from migwiz.engine.servers.connect import connect
from tests.conftest import TestDatabase


def test_run_records_events_in_database_and_file(db: TestDatabase, tmp_path: Path) -> None:
    log_file = tmp_path / "events.jsonl"
    run = Run(db.dsn, "migwiz", "up", log_file=log_file)
    run.log.info("migration", "applying 1_a", version="1", nested={"k": ["v"]})
    run.log.warning("lock", "waited for a lock", held_by=123)
    run.finish("success", migrations=[{"version": "1"}])
    rows = db.execute(
        f"SELECT level, step, message, data FROM migwiz.events WHERE run_id = '{run.run_id}' ORDER BY id"
    )
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("info", "run", "migwiz up started"),
        ("info", "migration", "applying 1_a"),
        ("warning", "lock", "waited for a lock"),
        ("info", "run", "migwiz up finished: success"),
    ]
    assert rows[1][3] == {"version": "1", "nested": {"k": ["v"]}}
    lines = [json.loads(line) for line in log_file.read_text().splitlines()]
    assert [e["message"] for e in lines] == [r[2] for r in rows]
    run_row = db.execute(
        f"SELECT outcome, finished_at IS NOT NULL, details FROM migwiz.runs WHERE run_id = '{run.run_id}'"
    )
    assert run_row == [("success", True, {"migrations": [{"version": "1"}]})]


def test_read_events_filters(db: TestDatabase) -> None:
    first = Run(db.dsn, "migwiz", "up")
    first.log.error("migration", "boom", version="7")
    first.finish("failed")
    second = Run(db.dsn, "migwiz", "down")
    second.log.info("migration", "fine", version="8")
    second.finish("success")
    with connect(db.dsn, autocommit=True) as conn:
        only_first = read_events(conn, "migwiz", run_id=first.run_id[:6])
        errors = read_events(conn, "migwiz", min_level="error")
        version_8 = read_events(conn, "migwiz", version="8")
        recent = read_events(conn, "migwiz", since_ms=60_000)
        limited = read_events(conn, "migwiz", limit=2)
    assert {e.run_id for _, e in only_first} == {first.run_id}
    assert [e.message for _, e in errors] == ["boom", "migwiz up finished: failed"]
    assert [e.message for _, e in version_8] == ["fine"]
    assert len(recent) == 6
    assert [e.message for _, e in limited] == [e.message for _, e in recent[-2:]]


def test_retention_prunes_old_events_and_runs(db: TestDatabase) -> None:
    old = Run(db.dsn, "migwiz", "up")
    old.finish("success")
    db.execute("UPDATE migwiz.events SET at = at - interval '40 days'")
    db.execute("UPDATE migwiz.runs SET finished_at = finished_at - interval '40 days'")
    new = Run(db.dsn, "migwiz", "status", retention_ms=30 * 86_400_000)
    new.finish("success")
    assert db.execute("SELECT count(*) FROM migwiz.runs") == [(1,)]
    messages = [r[0] for r in db.execute("SELECT message FROM migwiz.events ORDER BY id")]
    assert messages == [
        "migwiz status started",
        "removed 2 events older than the retention period",
        "migwiz status finished: success",
    ]
    with connect(db.dsn, autocommit=True) as conn:
        assert prune_events(conn, "migwiz", 30 * 86_400_000) == 0


def test_follow_is_woken_by_notify(db_latest: TestDatabase) -> None:
    run = Run(db_latest.dsn, "migwiz", "up")
    seen: list[str] = []
    done = threading.Event()

    with connect(db_latest.dsn, autocommit=True) as conn:
        last = read_events(conn, "migwiz")[-1][0]

    def follower() -> None:
        with connect(db_latest.dsn, autocommit=True, purpose="follower") as conn:
            # a 30 s poll: only NOTIFY can deliver the events within the test's deadline
            for _, event in follow_events(conn, "migwiz", after_id=last, stop=done.is_set, poll_s=30):
                seen.append(event.message)
                if event.message.endswith("finished: success"):
                    return

    thread = threading.Thread(target=follower)
    thread.start()
    with connect(db_latest.dsn, autocommit=True) as watcher:
        deadline = time.monotonic() + 30
        while not watcher.execute(  # LISTEN done and the first read after it answered: now it waits
            "SELECT 1 FROM pg_stat_activity WHERE application_name = 'migwiz follower'"
            " AND state = 'idle' AND query LIKE 'SELECT%'"
        ).fetchall():
            assert time.monotonic() < deadline, "the follower did not start listening"
            time.sleep(0.02)
    started = time.monotonic()
    run.log.info("migration", "applying 1_a")
    run.finish("success")
    thread.join(timeout=10)
    done.set()
    assert not thread.is_alive()
    assert seen == ["applying 1_a", "migwiz up finished: success"]
    assert time.monotonic() - started < 5


def test_syslog_sink_sends_each_event(db_latest: TestDatabase) -> None:
    receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    receiver.bind(("127.0.0.1", 0))
    receiver.settimeout(5)
    port = receiver.getsockname()[1]
    try:
        run = Run(db_latest.dsn, "migwiz", "up", syslog_address=f"127.0.0.1:{port}")
        run.log.warning("lock", "waited 3 s for public.orders")
        run.finish("success")
        packets = [receiver.recv(4096).decode() for _ in range(3)]
    finally:
        receiver.close()
    assert packets[0] == f"<134>migwiz: run={run.run_id[:8]} run: migwiz up started\x00"  # LOCAL0*8 + info
    warning = f"<132>migwiz: run={run.run_id[:8]} lock: waited 3 s for public.orders\x00"
    assert packets[1] == warning
    assert packets[2].endswith("run: migwiz up finished: success\x00")


def test_recent_runs_are_found_behind_a_busy_run(db_latest: TestDatabase, tmp_path: Path) -> None:
    """The rollback wizard's recent runs: a run that logged many statements after it started (a seed, a
    long backfill) is still the newest run shown, not pushed out by its own events."""
    from migwiz.engine import commands
    from migwiz.engine.sets import load_migration_set

    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / "1_a.up.sql").write_text("CREATE TABLE a (id int);\n")
    (folder / "1_a.down.sql").write_text("DROP TABLE a;\n")
    old = Run(db_latest.dsn, "migwiz", "up")
    old.finish("success")
    busy = Run(db_latest.dsn, "migwiz", "up")
    for n in range(450):
        busy.log.info("statement", f"statement {n} done", version="1")
    busy.finish("success")
    project = commands.Project.of(db_latest.dsn, load_migration_set(folder))
    _, runs = commands.recent_history(project)
    assert {e.run_id for e in runs} == {old.run_id, busy.run_id}
    assert runs[-1].run_id == busy.run_id and runs[-1].message == "migwiz up finished: success"
