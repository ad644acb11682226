"""Fleets in a real terminal at 80×24: `migwiz fleet up --wizard` opens the fleet screen and a rollout
runs under it to its end; `s` stops a rollout at its safe points. Skipped without tmux."""

from __future__ import annotations

import shlex
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.incident import Terminal
from tests.db.test_fleet import SET, Fleetdbs, databases_entry, fleet_on_newest_server, write_fleet
from tests.helpers import wait_for, write_migrations

pytestmark = [
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.timeout(240),
]


@pytest.fixture
def fleet_dbs() -> Iterator[Fleetdbs]:
    yield from fleet_on_newest_server()


def test_fleet_up_wizard_follows_the_rollout_on_the_fleet_screen(fleet_dbs: Fleetdbs, tmp_path: Path) -> None:
    names = [fleet_dbs.create(f"db{i}") for i in range(12)]
    slow = {**SET, "2_email.up.sql": "SELECT pg_sleep(0.3);\n" + SET["2_email.up.sql"]}
    folder = write_migrations(tmp_path / "m", slow)
    fleet = write_fleet(tmp_path, databases_entry(fleet_dbs), concurrency=2, wave_size=4)
    command = shlex.join([sys.executable, "-m", "migwiz", "fleet", "up", "--wizard", "--fleet", str(fleet),
                          "--dir", str(folder)])  # fmt: skip
    term = Terminal(f"{command}; echo EXIT=$?; sleep 600", {"TERM": "xterm-256color"})
    term.start()
    try:
        screen = term.wait_for(lambda s: "p pauses · s stops" in s, "the fleet screen with its keys")
        assert screen.splitlines()[0].startswith(" fleet run "), screen
        term.wait_for(lambda s: " done" in s.splitlines()[0], "a target done")
        term.press("s")
        term.wait_for(
            lambda s: "· stopped" in s.splitlines()[0] and "the rollout has ended" in s and "Pause/" not in s,
            "the rollout stopped, its pause and stop keys gone",
            90,
        )
        term.press("q")
        final = term.wait_for(lambda s: "EXIT=" in s, "the command's end", 90)
    finally:
        term.close()
    assert "stopped: stopped from the fleet screen" in final and "EXIT=1" in final, final
    touched = "SELECT count(*) FROM pg_namespace WHERE nspname = 'migwiz'"
    done = [n for n in names if fleet_dbs.execute(n, touched) == [(1,)]]
    assert 0 < len(done) < len(names)  # stopped part-way: the rest never touched
    for name in done:  # every touched target stopped at a safe point: whole migrations only
        versions = fleet_dbs.execute(name, "SELECT version, success FROM migwiz.history ORDER BY 1")
        assert all(success for _, success in versions), (name, versions)


def test_a_lost_terminal_ends_fleet_up_wizard(fleet_dbs: Fleetdbs, tmp_path: Path) -> None:
    names = [fleet_dbs.create(f"db{i}") for i in range(8)]
    slow = {**SET, "2_email.up.sql": "SELECT pg_sleep(0.5);\n" + SET["2_email.up.sql"]}
    folder = write_migrations(tmp_path / "m", slow)
    fleet = write_fleet(tmp_path, databases_entry(fleet_dbs), concurrency=1, wave_size=8)
    command = shlex.join([sys.executable, "-m", "migwiz", "fleet", "up", "--wizard", "--fleet", str(fleet),
                          "--dir", str(folder)])  # fmt: skip
    term = Terminal(command, {"TERM": "xterm-256color"})
    term.start()
    try:
        term.wait_for(lambda s: "p pauses · s stops" in s, "the fleet screen with its keys")
        (pid,) = fleet_up_pids(fleet)
    finally:
        term.close()  # the terminal goes away mid-rollout: SIGHUP
    wait_for(lambda: not fleet_up_pids(fleet), "fleet up to end after its terminal went away", timeout=60)
    touched = "SELECT count(*) FROM pg_namespace WHERE nspname = 'migwiz'"
    done = [n for n in names if fleet_dbs.execute(n, touched) == [(1,)]]
    assert len(done) < len(names), pid  # the rollout stopped instead of going on unwatched
    for name in done:  # at its safe points: whole migrations only
        versions = fleet_dbs.execute(name, "SELECT version, success FROM migwiz.history ORDER BY 1")
        assert all(success for _, success in versions), (name, versions)


def fleet_up_pids(fleet: Path) -> list[int]:
    """Processes of `migwiz fleet up` on this fleet file (read from /proc: no tool needed)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                args = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"fleet" in args and str(fleet).encode() in args:
                found.append(int(entry.name))
    return found
