"""Hostile input through the real command: one line, exit 2, nothing read without end, nothing raw."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import run_cli


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_device_and_fifo_migrations_are_one_line_exit_2(tmp_path: Path) -> None:
    (tmp_path / "1_a.up.sql").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "2_b.up.sql")
    result = run_cli("lint", "--dir", tmp_path, timeout=60)
    assert result.code == 2, result.stderr
    first, hint = result.stderr.splitlines()
    assert first.startswith("migwiz: error: ") and "not a regular file but a character device" in first
    assert hint == "hint: replace it with a regular .sql file"
    (tmp_path / "1_a.up.sql").unlink()
    (tmp_path / "1_a.up.sql").write_text("SELECT 1;\n")
    result = run_cli("lint", "--dir", tmp_path, timeout=60)
    assert result.code == 2 and "2_b.up.sql: not a regular file but a FIFO (named pipe)" in result.stderr


def test_control_characters_in_file_names_are_escaped(tmp_path: Path) -> None:
    (tmp_path / "1_a\x1b[2J\x1b]0;owned.up.sql").write_text("SELECT 1;\n")
    (tmp_path / "1_b.up.sql").write_text("SELECT 1;\n")
    result = run_cli("lint", "--dir", tmp_path)
    assert result.code == 2
    assert "\x1b" not in result.stderr + result.stdout
    assert "1_a\\x1b[2J\\x1b]0;owned.up.sql and" in result.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("up", "--lock-timeout", "999999999h"), "--lock-timeout '999999999h': invalid timeout"),
        (("up", "--statement-timeout", "30d"), "more than PostgreSQL allows (24d20h31min23s647ms)"),
        (("up", "--to", "1'; DROP TABLE t; --"), "is not a migration version"),
        (("down", "--to", "1'x"), "is not a migration version"),
        (("up", "--lock-timeout", "\u0661s"), "--lock-timeout '\u0661s': invalid duration"),  # a non-ASCII 1
    ],
)
def test_absurd_flag_values_are_refused_before_connecting(
    tmp_path: Path, args: tuple[str, ...], expected: str
) -> None:
    (tmp_path / "1_a.up.sql").write_text("SELECT 1;\n")
    result = run_cli(*args, "--dir", tmp_path, "--dsn", "host=192.0.2.1 connect_timeout=30", timeout=20)
    assert result.code == 2, result.stderr
    assert expected in result.stderr
    assert "Traceback" not in result.stderr and "connect" not in result.stderr
