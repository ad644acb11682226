"""`migwiz demo` ended by a signal: SIGTERM and SIGHUP stop its server and delete its folder as Ctrl-C does,
and the next start removes what a demo killed outright (SIGKILL) left behind. The demo database knows its
baseline."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from migwiz.demo import demo_baseline
from migwiz.demo.server import OWNER_FILE, reap_killed_demos
from migwiz.engine.history.baseline import read_baseline
from tests.helpers import wait_for

pytestmark = pytest.mark.timeout(180)


@pytest.fixture
def tmpdir_root() -> Iterator[Path]:
    """A private TMPDIR the server's user can reach; its `migwiz-demo-<uid>` root is where servers go."""
    folder = Path(tempfile.mkdtemp(prefix="migwiz-demo-tmp-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for pid_file in folder.glob("migwiz-demo-*/migwiz-pg*/data/postmaster.pid"):
            _stop(pid_file)
        shutil.rmtree(folder, ignore_errors=True)


def _stop(pid_file: Path) -> None:
    with contextlib.suppress(OSError, ValueError, IndexError):
        os.kill(int(pid_file.read_text().splitlines()[0]), signal.SIGQUIT)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def servers_in(tmp: Path) -> list[Path]:
    return sorted(tmp.glob(f"migwiz-demo-{os.getuid()}/migwiz-pg*"))


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_ends_the_demo_with_its_server_and_folder(tmpdir_root: Path, signum: int) -> None:
    env = {**os.environ, "TMPDIR": str(tmpdir_root), "NO_COLOR": "1"}
    env.pop("DATABASE_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "migwiz", "demo", "--rows", "1000", "--no-workload"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        lines = []
        for line in proc.stdout:
            lines.append(line)
            if "press Ctrl-C" in line:
                break
        assert "migwiz log --since 5m" in "".join(lines)  # the demo's commands need no --baseline
        [folder] = servers_in(tmpdir_root)
        postmaster = int((folder / "data" / "postmaster.pid").read_text().splitlines()[0])
        dsn = next(
            line.split("demo database: ")[1].split("  (")[0] for line in lines if "demo database" in line
        )
        with psycopg.connect(dsn) as conn:
            stats = conn.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements'").fetchall()
            expected = [p.name for p in demo_baseline()] + (["observability.sql"] if stats else [])
            assert [b.name for b in read_baseline(conn)] == expected
        proc.send_signal(signum)
        assert proc.wait(timeout=60) != 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()
    assert not folder.exists()
    wait_for(lambda: not _alive(postmaster), "the demo server to stop", 30)


def test_the_next_start_removes_what_a_killed_demo_left(tmpdir_root: Path) -> None:
    script = (
        "import os, signal; from migwiz.demo.server import start_demo_server;"
        " print(start_demo_server().datadir, flush=True); os.kill(os.getpid(), signal.SIGKILL)"
    )
    env = {**os.environ, "TMPDIR": str(tmpdir_root)}
    killed = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    assert killed.returncode == -signal.SIGKILL
    datadir = Path(killed.stdout.strip())
    assert (datadir.parent / OWNER_FILE).is_file()
    postmaster = int((datadir / "postmaster.pid").read_text().splitlines()[0])
    assert _alive(postmaster)  # SIGKILL leaves the server running
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:  # a folder whose demo is still alive is left alone
        alive_folder = datadir.parent.parent / "migwiz-pg0-alive"
        alive_folder.mkdir()
        (alive_folder / OWNER_FILE).write_text(f"{running.pid}\n")
        half = datadir.parent.parent / "migwiz-pg0-half"  # a cleanup cut short: no owner file, no server
        (half / "data" / "base").mkdir(parents=True)
        old = time.time() - 3600
        os.utime(half, (old, old))
        fresh = datadir.parent.parent / "migwiz-pg0-fresh"  # a demo still setting up its server
        (fresh / "data").mkdir(parents=True)
        assert reap_killed_demos(datadir.parent.parent) == [half, datadir.parent]
        assert alive_folder.exists() and fresh.exists() and not half.exists()
    finally:
        running.kill()
        running.wait()
    assert not datadir.parent.exists()
    wait_for(lambda: not _alive(postmaster), "the left server to stop", 30)
