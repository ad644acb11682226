"""The incident path in a real terminal at 80×24: `migwiz rollback` on the demo with everything applied,
driven with the keys `bench.incident` counts, to a screen saying the newest migration was reverted and every
verification passed. (The timing is measured by the benchmark, not asserted here.) Skipped without tmux."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from bench.incident import MAX_KEYS, Terminal, drive
from migwiz.demo.session import DemoSession, start_demo
from migwiz.engine import commands
from migwiz.engine.log.eventlog import read_events
from migwiz.engine.servers.connect import connect
from migwiz.engine.sets import load_migration_set
from tests.conftest import TestDatabase
from tests.helpers import write_migrations

pytestmark = [
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.timeout(240),
]


@pytest.fixture
def demo() -> Iterator[DemoSession]:
    """A small demo (no workload) with every demo migration applied."""
    with start_demo(rows=20_000, workload=False) as session:
        commands.up(commands.Project.of(session.dsn, load_migration_set(session.migrations_dir)))
        yield session


def test_rollback_of_the_newest_in_at_most_ten_keys(demo: DemoSession) -> None:
    newest = str(load_migration_set(demo.migrations_dir).migrations[-1].version)
    command = shlex.join(
        [sys.executable, "-m", "migwiz", "rollback", "--dsn", demo.dsn, "--dir", str(demo.migrations_dir)]
    )
    term = Terminal(f"{command}; sleep 600", {"TERM": "xterm-256color"})
    term.start()
    try:
        final = drive(term, newest, "shop")
    finally:
        term.close()
    assert term.keys <= MAX_KEYS
    assert f"1 migration(s) reverted: {newest} · every check passed" in final, final
    assert "✗" not in final and "skip" not in final
    states = {
        str(s.version): s.state
        for s in commands.status(
            commands.Project.of(demo.dsn, load_migration_set(demo.migrations_dir))
        ).statuses
    }
    assert states[newest] == "pending" and {v for v, s in states.items() if s != "applied"} == {newest}


HUNG_UP_BOUND_S = 10.0
"""How long the wizard may live on after its terminal is killed while the rollback waits for a lock (the
wait ends at once; the app's shutdown takes a second or two on a busy machine)."""


def test_killed_terminal_ends_a_rollback_waiting_for_a_lock(db_latest: TestDatabase, tmp_path: Path) -> None:
    """The rollback waits outside the lock queue behind a long transaction when the terminal is killed: the
    wizard exits within a bound, without waiting for that transaction, the migration is still applied (its
    down's transaction rolled back), and the log says where and why it stopped."""
    folder = write_migrations(
        tmp_path / "m",
        {"1_t.up.sql": "CREATE TABLE t (id int);\n", "1_t.down.sql": "DROP TABLE t;\n",
         "2_c.up.sql": "ALTER TABLE t ADD COLUMN c int;\n", "2_c.down.sql": "ALTER TABLE t DROP COLUMN c;\n"},
    )  # fmt: skip
    project = commands.Project.of(db_latest.dsn, load_migration_set(folder))
    commands.up(project)
    command = shlex.join(
        [sys.executable, "-m", "migwiz", "rollback", "--dsn", db_latest.dsn, "--dir", str(folder)]
    )
    term = Terminal(f"exec {command}", {"TERM": "xterm-256color"})
    holder = psycopg.connect(db_latest.dsn)
    try:
        holder.execute("SELECT count(*) FROM t")  # ACCESS SHARE on t, held until the end of the test
        term.start()
        term.wait_for(lambda s: "Reverts 2 " in s, "Recent changes")
        pid = int(term.tmux("display-message", "-p", "-t", "w", "#{pane_pid}").strip())
        term.press("Enter")
        term.wait_for(lambda s: "Verdict:" in s, "the impact of the down script")
        term.press("n")
        term.wait_for(lambda s: f"Type {db_latest.name}" in s, "the typed confirmation")
        term.type(db_latest.name)
        term.press("Enter")
        term.wait_for(lambda s: "waiting outside the lock queue" in s, "the wait behind the holder")
        killed = time.monotonic()
        term.close()
        while _alive(pid):
            assert time.monotonic() - killed < HUNG_UP_BOUND_S, "the wizard outlived its terminal"
            time.sleep(0.1)
        assert holder.info.transaction_status == psycopg.pq.TransactionStatus.INTRANS  # never waited for it
    finally:
        term.close()
        holder.close()
    states = {str(s.version): s.state for s in commands.status(project).statuses}
    assert states == {"1": "applied", "2": "applied"}
    assert db_latest.execute("SELECT count(*) FROM pg_attribute WHERE attrelid = 't'::regclass"
                             " AND attname = 'c'") == [(1,)]  # fmt: skip
    with connect(db_latest.dsn, autocommit=True) as conn:
        messages = [e.message for _, e in read_events(conn, "migwiz")]
    assert any(
        "stopped at a safe point in 2_c while it waited for a lock" in m and "SIGHUP" in m for m in messages
    ), messages
    assert any("migwiz wizard down finished: stopped" in m for m in messages), messages


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
