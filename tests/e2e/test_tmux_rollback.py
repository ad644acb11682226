"""The incident path in a real terminal at 80×24: `migwiz rollback` on the demo with everything applied,
driven with the keys `bench.incident` counts, to a screen saying the newest migration was reverted and every
verification passed. (The timing is measured by the benchmark, not asserted here.) Skipped without tmux."""

from __future__ import annotations

import shlex
import shutil
import sys
from collections.abc import Iterator

import pytest

from bench.incident import MAX_KEYS, Terminal, drive
from migwiz.demo.session import DemoSession, start_demo
from migwiz.engine import commands
from migwiz.engine.sets import load_migration_set

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
