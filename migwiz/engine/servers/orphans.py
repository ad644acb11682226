"""Throw-away servers whose owner is gone: found and stopped at the next start of one.

A process that starts a throw-away server (`start_server`, `start_standby`) writes `owner.json` into
the server's folder: its pid and start time, the server's `pg_ctl` and the user it runs as. A process
killed with SIGKILL (a test worker, an interrupted `migwiz demo`) never stops its servers; the next
start of a server in the same temporary folder stops every server whose owner no longer runs (an
immediate shutdown) and removes its folder. A folder without `owner.json` is left alone (a server
being started, or one started by an older migwiz).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

OWNER_FILE = "owner.json"
_PREFIX = "migwiz-pg"

Runner = Callable[..., subprocess.CompletedProcess[str]]
"""`run_as(user, *args)` of servers/local.py."""


def _started(pid: int) -> str | None:
    """When the process `pid` started (its start time in clock ticks since boot), None when it does not
    run; "?" where /proc cannot say (the pid alone is then compared)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return None
    except OSError:
        stat = ""
    if stat:
        return stat.rsplit(")", 1)[1].split()[19]  # field 22, after the command's closing parenthesis
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass
    return "?"


def claim(parent: Path, pg_ctl: Path, user: str | None) -> None:
    """Mark the server in `parent` as this process's."""
    pid = os.getpid()
    owner = {"pid": pid, "started": _started(pid), "pg_ctl": str(pg_ctl), "user": user}
    (parent / OWNER_FILE).write_text(json.dumps(owner))


def owner_alive(parent: Path) -> bool | None:
    """Whether the process that started the server in `parent` still runs (None: no owner recorded)."""
    try:
        owner = json.loads((parent / OWNER_FILE).read_text())
    except (OSError, ValueError):
        return None
    started = _started(int(owner["pid"]))
    return started is not None and (started == owner["started"] or "?" in (started, owner["started"]))


def sweep(run: Runner, base_dir: Path | None = None) -> list[Path]:
    """Stop the servers under `base_dir` (the temporary folder) whose owner is gone and remove their
    folders; the folders swept."""
    swept = []
    for parent in sorted(Path(base_dir or tempfile.gettempdir()).glob(f"{_PREFIX}*")):
        if not parent.is_dir() or owner_alive(parent) is not False:
            continue
        with contextlib.suppress(OSError, ValueError, KeyError):
            owner = json.loads((parent / OWNER_FILE).read_text())
            datadir = parent / "data"
            if (datadir / "postmaster.pid").exists():
                run(owner["user"], owner["pg_ctl"], "-D", datadir, "-m", "immediate", "-w", "stop")
        shutil.rmtree(parent, ignore_errors=True)
        swept.append(parent)
    return swept
