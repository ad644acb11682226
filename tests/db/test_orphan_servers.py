"""A throw-away server whose owning process was killed with SIGKILL is stopped at the next start of one.

A real process starts a real server and is killed; the server outlives it (nothing could stop it), and
the next `start_server` in the same folder stops it and removes its folder. A server whose owner still
runs is left alone.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from migwiz.engine.servers import orphans
from migwiz.engine.servers.local import run_as, start_server
from tests.conftest import BINARIES

pytestmark = pytest.mark.skipif(not BINARIES, reason="no PostgreSQL binaries on this machine")

OWNER = """
import sys, time
from pathlib import Path
from migwiz.engine.servers.local import find_binaries, start_server
server = start_server(find_binaries(int(sys.argv[1])), base_dir=Path(sys.argv[2]))
print(server.port, server.datadir, flush=True)
time.sleep(600)
"""


@pytest.fixture
def base() -> Iterator[Path]:
    """A folder of its own for the servers (not pytest's base: other pytest sessions on the machine
    prune old ones while they run)."""
    folder = Path(tempfile.mkdtemp(prefix="migwiz-orphans-test-"))
    try:
        yield folder
    finally:
        orphans.sweep(run_as, folder)  # whatever a failed test left running
        shutil.rmtree(folder, ignore_errors=True)


def answers(port: int) -> bool:
    """A server accepts connections on `port`."""
    try:
        with psycopg.connect(f"host=127.0.0.1 port={port} user=postgres dbname=postgres", connect_timeout=3):
            return True
    except psycopg.OperationalError:
        return False


def started_by_a_process(base: Path) -> tuple[subprocess.Popen[str], int, Path]:
    """A child process that started a server under `base` and sleeps: it, the port, the data folder."""
    major = max(b.major for b in BINARIES)
    child = subprocess.Popen(
        [sys.executable, "-c", OWNER, str(major), str(base)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    port, datadir = child.stdout.readline().split()
    return child, int(port), Path(datadir)


def test_a_killed_owner_leaves_a_server_the_next_start_stops(base: Path) -> None:
    child, port, datadir = started_by_a_process(base)
    try:
        assert answers(port)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
        assert answers(port), "the server went away with its owner: nothing to sweep"
        assert orphans.owner_alive(datadir.parent) is False
        binaries = max(BINARIES, key=lambda b: b.major)
        server = start_server(binaries, base_dir=base)
        try:
            assert not answers(port), "the orphaned server still runs"
            assert not datadir.parent.exists()
            assert orphans.owner_alive(server.datadir.parent) is True
        finally:
            server.stop()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        assert child.stdout is not None
        child.stdout.close()


def test_a_server_whose_owner_runs_is_left_alone(base: Path) -> None:
    child, port, datadir = started_by_a_process(base)
    try:
        binaries = max(BINARIES, key=lambda b: b.major)
        server = start_server(binaries, base_dir=base)
        server.stop()
        assert answers(port), "a server whose owner runs was stopped"
        assert datadir.exists()
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
        assert child.stdout is not None
        child.stdout.close()
        assert orphans.sweep(run_as, base) == [datadir.parent]
        assert not answers(port)
