"""Small helpers shared by tests: migration folders, CLI invocation, waiting for a condition.

The package's modules hold what several test files share: `backfill_kills` (a backfill SIGKILLed at random
points and resumed), `proxies` (TCP forwarders that freeze or cut the network).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def write_migrations(folder: Path, files: dict[str, str]) -> Path:
    """Write `{relative name: text}` into `folder` (created) and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return folder


@dataclass
class CliResult:
    """What a `migwiz` process did."""

    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


def run_cli(
    *args: str | Path,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 120,
    stdin: str | None = None,
) -> CliResult:
    """Run `python -m migwiz ARGS` in a subprocess, as a user would (`stdin`: text piped to it)."""
    full_env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", **(env or {})}
    full_env.pop("DATABASE_URL", None) if env is None or "DATABASE_URL" not in env else None
    proc = subprocess.run(
        [sys.executable, "-m", "migwiz", *[str(a) for a in args]],
        capture_output=True,
        text=True,
        input=stdin,
        cwd=cwd,
        env=full_env,
        timeout=timeout,
        check=False,
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


def start_cli(*args: str | Path, quiet: bool = False) -> subprocess.Popen[str]:
    """`python -m migwiz ARGS` started in a subprocess, as an operator would start it (to signal or kill it).

    Its output is piped (read it after it ends), or thrown away when `quiet`.
    """
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    env.pop("DATABASE_URL", None)
    out = subprocess.DEVNULL if quiet else subprocess.PIPE
    return subprocess.Popen(
        [sys.executable, "-m", "migwiz", *[str(a) for a in args]], stdout=out, stderr=out, text=True, env=env
    )


def wait_for(
    condition: Callable[[], object],
    what: str = "the condition",
    timeout: float = 30.0,
    interval: float = 0.02,
) -> None:
    """Wait until `condition()` is true, failing with `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not seen within {timeout} s: {what}")
        time.sleep(interval)
