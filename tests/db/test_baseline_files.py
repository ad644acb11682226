"""`migwiz baseline FILE` and `--baseline FILE` never block on a FIFO: one line, exit 2, within seconds."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.conftest import TestDatabase
from tests.helpers import run_cli, write_migrations


@pytest.mark.parametrize("command", ["baseline", "drift"])
def test_a_fifo_baseline_is_one_line_and_exit_2(db: TestDatabase, tmp_path: Path, command: str) -> None:
    folder = write_migrations(
        tmp_path / "m", {"1_a.up.sql": "CREATE TABLE a (id int);\n", "1_a.down.sql": "DROP TABLE a;\n"}
    )
    fifo = tmp_path / "base.sql"
    os.mkfifo(fifo)  # nobody ever writes: a read would block forever
    args = ["baseline", fifo] if command == "baseline" else ["drift", "--baseline", fifo]
    started = time.monotonic()
    result = run_cli(*args, "--dsn", db.dsn, "--dir", folder, timeout=60)
    assert time.monotonic() - started < 20
    assert result.code == 2, result.stderr
    assert result.stderr.splitlines()[0] == (
        f"migwiz: error: baseline {fifo}: not a regular file but a FIFO (named pipe);"
        " migwiz reads only regular files"
    )
