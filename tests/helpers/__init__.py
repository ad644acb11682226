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


def one_line_error(result: CliResult, *expected: str) -> str:
    """The error line, after checking it is the whole story: exit 2, one line, a hint, no traceback."""
    assert result.code == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2, result.stderr
    assert lines[0].startswith("migwiz: error: "), result.stderr
    assert lines[1].startswith("hint: "), result.stderr
    for text in expected:
        assert text in result.stderr
    assert "database error" not in result.stderr
    assert "internal error" not in result.stderr
    return lines[0]


def lost_connection_error(stderr: str) -> str:
    """The one error line of a run whose connection was lost, after checking it is the only one, that no
    traceback came with it, and that it says the connection was lost."""
    errors = [line for line in stderr.splitlines() if line.startswith("migwiz: error:")]
    assert len(errors) == 1 and "Traceback" not in stderr, stderr
    assert errors[0].startswith("migwiz: error: lost the connection to the server: "), stderr
    return errors[0]


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
