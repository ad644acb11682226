"""Benchmark: the incident path, measured in a real terminal (tmux) at 80×24.

The demo database (embedded server, shop data, live workload) with every demo migration applied; then
`migwiz rollback` is launched in tmux and driven key by key as an on-call operator would: Enter on the newest
applied migration (selected when the screen opens), `n` past the impact of its down script, the database
name and Enter to confirm, `n` to verify. Measured: keys pressed and wall time from the launch to a screen
that says the newest migration was reverted and every verification passed. Goal: at most 10 keys and 30 s.

    .venv/bin/python -m bench.incident [--rows 1000000] [--pg 18] [--no-workload]

Skipped (exit 0 with a note) when tmux is not installed.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from migwiz.demo.session import start_demo
from migwiz.engine import commands
from migwiz.engine.sets import load_migration_set

MAX_KEYS = 10
MAX_SECONDS = 30.0
WIDTH, HEIGHT = 80, 24


@dataclass
class Terminal:
    """One tmux session on a private server socket: send keys (counted), read the screen."""

    command: str
    env: dict[str, str]
    socket: str = field(default_factory=lambda: f"migwiz-bench-{uuid.uuid4().hex[:8]}")
    keys: int = 0

    def start(self) -> None:
        """Open the session running `command` at 80×24."""
        self.tmux("new-session", "-d", "-s", "w", "-x", str(WIDTH), "-y", str(HEIGHT), self.command)

    def tmux(self, *args: str) -> str:
        """Run a tmux command against this server; its stdout."""
        env = {**os.environ, **self.env}
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, env=env)
        return done.stdout

    def screen(self) -> str:
        """The visible screen as text."""
        return self.tmux("capture-pane", "-p", "-t", "w")

    def press(self, key: str) -> None:
        """One key (a tmux key name such as Enter, or one character)."""
        self.keys += 1
        self.tmux("send-keys", "-t", "w", key)

    def type(self, text: str) -> None:
        """Characters one by one: each counts as a key."""
        for char in text:
            self.tmux("send-keys", "-t", "w", "-l", char)
            self.keys += 1

    def wait_for(self, condition: Callable[[str], bool], what: str, limit_s: float = 60) -> str:
        """Poll the screen until `condition(screen)`; AssertionError with the screen after `limit_s`."""
        deadline = time.monotonic() + limit_s
        while True:
            text = self.screen()
            if condition(text):
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; screen:\n{text}")
            time.sleep(0.1)

    def close(self) -> None:
        """Kill the tmux server."""
        self.tmux("kill-server")


def drive(term: Terminal, newest: str, database: str) -> str:
    """The operator's keys, each pressed once the screen it needs is shown; the final screen."""
    term.wait_for(lambda s: "Recent changes" in s and f"Reverts {newest}" in s, "Recent changes")
    term.press("Enter")
    term.wait_for(lambda s: "Verdict:" in s, "the impact of the down script")
    term.press("n")
    term.wait_for(lambda s: f"Type {database}" in s, "the typed confirmation")
    term.type(database)
    term.press("Enter")
    term.wait_for(lambda s: "n verify" in s, "the rollback to finish", 120)
    term.press("n")
    return term.wait_for(lambda s: "n summary" in s, "verification to finish", 120)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the measurement once; exit 1 when the goal is missed."""
    parser = argparse.ArgumentParser(prog="python -m bench.incident", description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows in the demo's orders table")
    parser.add_argument("--pg", type=int, help="PostgreSQL major version (default: newest embedded)")
    parser.add_argument("--no-workload", action="store_true", help="without the demo's background workload")
    args = parser.parse_args(argv)
    if shutil.which("tmux") is None:
        print("tmux is not installed: skipped")
        return 0
    print(f"starting the demo ({args.rows} orders)…", flush=True)
    with start_demo(rows=args.rows, workload=not args.no_workload, major=args.pg) as session:
        mset = load_migration_set(session.migrations_dir)
        commands.up(commands.Project.of(session.dsn, mset))
        newest = str(mset.migrations[-1].version)
        database = "shop"
        with tempfile.TemporaryDirectory(prefix="migwiz-bench-incident-") as cwd:
            command = shlex.join(
                [sys.executable, "-m", "migwiz", "rollback", "--dsn", session.dsn,
                 "--dir", str(session.migrations_dir)]
            )  # fmt: skip
            term = Terminal(f"cd {shlex.quote(cwd)} && {command}; sleep 600", {"TERM": "xterm-256color"})
            started = time.monotonic()
            term.start()
            try:
                final = drive(term, newest, database)
                seconds = time.monotonic() - started
            finally:
                term.close()
    print(final)
    reverted = f"reverted: {newest}" in final
    passed = "every check passed" in final
    rows = [
        ("keys pressed", str(term.keys), f"≤ {MAX_KEYS}", term.keys <= MAX_KEYS),
        ("seconds, launch to verified", f"{seconds:.1f}", f"≤ {MAX_SECONDS:.0f}", seconds <= MAX_SECONDS),
        (f"screen says {newest} reverted", "yes" if reverted else "no", "yes", reverted),
        ("screen says every check passed", "yes" if passed else "no", "yes", passed),
    ]
    print(f"\nincident rollback at {WIDTH}×{HEIGHT}, demo with {args.rows} orders\n")
    print("| measure | value | goal | met |\n|---|---|---|---|")
    for name, value, goal, met in rows:
        print(f"| {name} | {value} | {goal} | {'yes' if met else 'NO'} |")
    return 0 if all(met for *_, met in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
