"""The wizard in a real terminal (tmux): `migwiz demo` driven key by key, and a terminal killed mid-run.

Skipped when tmux is not installed. Each test uses its own tmux server socket.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

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


class Terminal:
    """One tmux session on a private server: send keys, read the screen."""

    def __init__(self, command: str, *, cwd: Path, env: dict[str, str]) -> None:
        self.socket = f"migwiz-test-{uuid.uuid4().hex[:8]}"
        self.env = {**os.environ, **env}
        self.tmux("new-session", "-d", "-s", "w", "-x", "100", "-y", "30", "-c", str(cwd), command)

    def tmux(self, *args: str) -> str:
        out = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, env=self.env, check=False
        )
        return out.stdout

    def screen(self) -> str:
        """The visible screen as text."""
        return self.tmux("capture-pane", "-p", "-t", "w")

    def press(self, *keys: str) -> None:
        """Send keys (tmux names: Enter, Escape, C-q, or literal text)."""
        for key in keys:
            self.tmux("send-keys", "-t", "w", key)
            time.sleep(0.15)  # a person's pace; the assertions below poll the screen

    def wait_for(self, condition: Callable[[str], bool], what: str, limit_s: float = 60) -> str:
        """Poll the screen until `condition(screen)` (bounded)."""
        deadline = time.monotonic() + limit_s
        while True:
            text = self.screen()
            if condition(text):
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; screen:\n{text}")
            time.sleep(0.2)

    def pane_pid(self) -> int:
        return int(self.tmux("display-message", "-p", "-t", "w", "#{pane_pid}").strip())

    def alive(self) -> bool:
        return "w" in self.tmux("list-sessions", "-F", "#{session_name}").split()

    def kill(self) -> None:
        self.tmux("kill-server")


@pytest.fixture
def terminals() -> Iterator[list[Terminal]]:
    opened: list[Terminal] = []
    yield opened
    for t in opened:
        t.kill()


def migwiz(*args: str) -> str:
    return shlex.join([sys.executable, "-m", "migwiz", *args])


def test_demo_wizard_in_tmux(terminals: list[Terminal], tmp_path: Path) -> None:
    """`migwiz demo --rows 50000`: target → pending → backup → impact → dry run → execute → verify."""
    term = Terminal(
        migwiz("demo", "--rows", "50000") + "; sleep 30",
        cwd=tmp_path,
        env={"TERM": "xterm-256color", "XDG_STATE_HOME": str(tmp_path / "state")},
    )
    terminals.append(term)
    screen = term.wait_for(
        lambda s: "What next?" in s and "8 pending" in s and "step 1/8" in s, "the target screen", 180
    )
    assert "step 1/8 Target" in screen and "[demo]" in screen
    term.press("n")
    screen = term.wait_for(lambda s: "0008" in s and "to apply:" in s, "pending migrations with verdicts")
    assert "orders_status_enum" in screen  # the table's columns are as wide as their content
    assert "safe" in screen and not any(
        word in screen for word in ("blocked", "review")
    )  # the planner's words
    assert "^q Quit" in screen and "? Keys" in screen  # the whole footer fits
    term.press("n")
    term.wait_for(lambda s: "Point-in-time recovery" in s, "the backup check")
    term.press("n")
    term.wait_for(lambda s: "Verdict:" in s and "public.orders" in s, "the impact table")
    term.press("n")
    screen = term.wait_for(lambda s: "Dry run:" in s, "the dry run", 90)
    assert "every statement ran" in screen
    term.press("n")
    term.wait_for(lambda s: "Type shop" in s, "the typed confirmation")
    term.press("shop", "Enter")
    screen = term.wait_for(lambda s: "migration(s) applied" in s, "the run to finish", 120)
    assert "Lock waits" in screen and "^q Quit" in screen
    term.press("n")
    screen = term.wait_for(lambda s: "every check passed" in s or "✗" in s, "verification", 120)
    assert "every check passed" in screen, screen  # the shop baseline makes drift and the rollback test pass
    term.press("C-q")
    term.wait_for(lambda s: "step" not in s, "the wizard to exit", 60)


GATE = 4242  # the test holds this advisory lock: the slow statement waits for the test, not a timer
SLOW = {
    "0001_slow.up.sql": "-- migwiz:lock-timeout=60s\nCREATE TABLE t (id int);\n"
    f"SELECT pg_advisory_xact_lock({GATE});\n",
    "0001_slow.down.sql": "DROP TABLE t;\n",
    "0002_next.up.sql": "ALTER TABLE t ADD COLUMN v int;\n",
    "0002_next.down.sql": "ALTER TABLE t DROP COLUMN v;\n",
}


def test_lost_terminal_stops_at_a_safe_point(
    terminals: list[Terminal], db_latest: TestDatabase, tmp_path: Path
) -> None:
    """Killing the terminal (SIGHUP) mid-migration: the running migration finishes, the next never starts,
    the log says why, and the process exits."""
    folder = write_migrations(tmp_path / "migrations", SLOW)
    term = Terminal(
        migwiz("wizard", "--dsn", db_latest.dsn, "--dir", str(folder)),
        cwd=tmp_path,
        env={"TERM": "xterm", "NO_COLOR": "1"},
    )
    terminals.append(term)
    term.wait_for(lambda s: "What next?" in s, "the target screen")
    pid = term.pane_pid()
    for step in ("Pending migrations", "Backup check", "Impact", "Dry run"):
        term.press("n")
        term.wait_for(lambda s, step=step: f"{step}" in s and "loading" not in s, step, 60)
    term.press("n")
    term.wait_for(lambda s: "Type " in s, "the confirmation")
    with connect(db_latest.dsn, autocommit=True) as gate:
        gate.execute("SELECT pg_advisory_lock(%s)", (GATE,))
        term.press(db_latest.name, "Enter")
        term.wait_for(lambda s: "0001_slow.up.sql:3" in s or "statement 2/2" in s, "the slow statement")
        term.tmux("kill-session", "-t", "w")
        time.sleep(1)  # SIGHUP is handled while the statement still waits; only then does the gate open

    deadline = time.monotonic() + 30
    while _running(pid):
        assert time.monotonic() < deadline, "the wizard did not exit after losing its terminal"
        time.sleep(0.2)
    mset = load_migration_set(folder)
    states = [s.state for s in commands.status(commands.Project.of(db_latest.dsn, mset)).statuses]
    assert states == ["applied", "pending"]
    with connect(db_latest.dsn, autocommit=True) as conn:
        messages = [e.message for _, e in read_events(conn, "migwiz")]
    assert any("stopped at a safe point before 0002" in m and "SIGHUP" in m for m in messages), messages


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _shadows(conn: object) -> set[str]:
    rows = conn.execute(  # type: ignore[attr-defined]
        "SELECT datname FROM pg_database WHERE datname LIKE 'migwiz\\_shadow\\_%'"
    ).fetchall()
    return {r[0] for r in rows}


def test_lost_terminal_while_a_worker_is_busy_ends_and_cleans_up(
    terminals: list[Terminal], db_latest: TestDatabase, tmp_path: Path
) -> None:
    """The terminal goes away while the dry run's worker is stuck (its schema copy waits behind a lock
    the test holds, with no timeout): the wizard cannot close while the worker runs, yet it ends within
    its grace period, and the shadow database the worker made is dropped, not left on the server."""
    folder = write_migrations(
        tmp_path / "migrations", {k: v for k, v in SLOW.items() if k.startswith("0002")}
    )
    db_latest.execute("CREATE TABLE t (id int); CREATE TABLE held (id int)")
    term = Terminal(
        migwiz("wizard", "--dsn", db_latest.dsn, "--dir", str(folder)),
        cwd=tmp_path,
        env={"TERM": "xterm", "NO_COLOR": "1"},
    )
    terminals.append(term)
    term.wait_for(lambda s: "What next?" in s, "the target screen")
    pid = term.pane_pid()
    for step in ("Pending migrations", "Backup check", "Impact"):
        term.press("n")
        term.wait_for(lambda s, step=step: step in s and "loading" not in s, step, 60)
    with connect(db_latest.dsn, autocommit=True) as watcher, connect(db_latest.dsn) as holder:
        before = _shadows(watcher)
        holder.execute("LOCK TABLE held IN ACCESS EXCLUSIVE MODE")  # pg_dump of the schema waits for it
        term.press("n")
        term.wait_for(lambda s: "Dry run" in s, "the dry run")
        deadline = time.monotonic() + 60
        while not (made := _shadows(watcher) - before):
            assert time.monotonic() < deadline, "the dry run made no shadow database"
            time.sleep(0.2)
        time.sleep(1)  # the worker now waits behind the lock
        assert "Dry run:" not in term.screen()  # still busy
        lost = time.monotonic()
        term.tmux("kill-session", "-t", "w")
        while _running(pid):
            assert time.monotonic() - lost < 20, "the wizard did not exit after losing its terminal"
            time.sleep(0.2)
        took = time.monotonic() - lost
        assert not (_shadows(watcher) & made), "the busy worker's shadow database was left on the server"
    assert took >= 1.0  # it did wait for the worker a while (the grace period), then ended it
