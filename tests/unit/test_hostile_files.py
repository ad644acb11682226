"""Hostile migration files and flags: devices, FIFOs, huge files, control characters, absurd values.

Everything here must fail fast with one line naming the file or flag, never block or read without end.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from rich.console import Console
from rich.table import Table

from migwiz.cli_params import version_flag
from migwiz.console.escape import EscapeHook, escape_controls
from migwiz.engine.config import load_settings
from migwiz.engine.durations import MAX_TIMEOUT_MS, parse_timeout
from migwiz.engine.errors import ConfigError, MigrationFileError
from migwiz.engine.sets import load_migration_set
from migwiz.engine.sets.reading import read_migration_bytes


def refused(folder: Path) -> str:
    started = time.monotonic()
    with pytest.raises(MigrationFileError) as info:
        load_migration_set(folder)
    assert time.monotonic() - started < 5
    assert "\n" not in info.value.message
    return info.value.message


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_symlink_to_dev_zero_is_refused_before_reading(tmp_path: Path) -> None:
    (tmp_path / "1_a.up.sql").symlink_to("/dev/zero")
    message = refused(tmp_path)
    assert message.startswith(f"{tmp_path / '1_a.up.sql'}: not a regular file but a character device")
    assert "/dev/zero" in message


def test_a_fifo_never_blocks(tmp_path: Path) -> None:
    """In a subprocess, so that a blocking open fails the test by its timeout instead of hanging it."""
    fifo = tmp_path / "1_a.up.sql"
    os.mkfifo(fifo)
    code = (
        "import sys; from pathlib import Path; from migwiz.engine.sets import load_migration_set\n"
        "from migwiz.engine.errors import MigrationFileError\n"
        "try:\n    load_migration_set(Path(sys.argv[1]))\n"
        "except MigrationFileError as e:\n    print(e.message)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=20, check=True
    )
    assert (
        done.stdout
        == f"{fifo}: not a regular file but a FIFO (named pipe); migwiz reads only regular files\n"
    )


def test_a_symlink_to_a_regular_file_is_read(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("CREATE TABLE a (id int);\n")
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "1_a.up.sql").symlink_to(real)
    (migration,) = load_migration_set(tmp_path / "m").migrations
    assert [s.sql for s in migration.up.statements] == ["CREATE TABLE a (id int)"]


def test_a_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "1_a.up.sql"
    path.write_bytes(b"SELECT 1;\n" * 200)
    assert read_migration_bytes(path, limit=2000) == path.read_bytes()
    with pytest.raises(MigrationFileError, match=r"1_a\.up\.sql: larger than 0 MiB") as info:
        read_migration_bytes(path, limit=1999)
    assert info.value.hint and "split it" in info.value.hint


def test_a_folder_named_like_a_file_and_a_missing_target(tmp_path: Path) -> None:
    (tmp_path / "1_a.up.sql").symlink_to(tmp_path / "nowhere.sql")
    assert refused(tmp_path) == f"{tmp_path / '1_a.up.sql'}: cannot read: No such file or directory"


def test_control_characters_are_escaped_in_everything_printed() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, color_system="standard", width=200, highlight=False)
    console.push_render_hook(EscapeHook())
    name = "1_a\x1b[2J\x1b]0;owned\x9b31m\u202eevil.up.sql"
    console.print(f"migwiz: error: {name}: bad", style="bold red")
    table = Table("file")
    table.add_row(name)
    console.print(table)
    text = out.getvalue()
    assert "\x1b[2J" not in text and "\x1b]0" not in text and "\x9b" not in text and "\u202e" not in text
    assert text.count("1_a\\x1b[2J\\x1b]0;owned\\x9b31m\\u202eevil.up.sql") == 2
    assert "\x1b[1;31m" in text  # rich's own styling still reaches the terminal
    assert escape_controls("tab\tand\nnewline stay") == "tab\tand\nnewline stay"


def test_timeouts_beyond_what_postgresql_accepts_are_refused_when_parsed(tmp_path: Path) -> None:
    assert parse_timeout("24d") == 24 * 86_400_000
    assert parse_timeout(f"{MAX_TIMEOUT_MS}ms") == MAX_TIMEOUT_MS
    with pytest.raises(ValueError, match="more than PostgreSQL allows"):
        parse_timeout(f"{MAX_TIMEOUT_MS + 1}")
    with pytest.raises(ConfigError, match=r"^--lock-timeout '999999999h': invalid timeout"):
        load_settings(cwd=tmp_path, lock_timeout_flag="999999999h")
    (tmp_path / "migwiz.toml").write_text('statement_timeout = "30d"\nlog_retention = "90d"\n')
    with pytest.raises(ConfigError, match=r"migwiz.toml: statement_timeout = '30d': invalid timeout"):
        load_settings(cwd=tmp_path)


@pytest.mark.parametrize("value", ["1'x", "1; DROP TABLE t", "", "v1", "1\x1b[2J", "1 2", "1/../x"])
def test_a_version_flag_must_look_like_a_version(value: str) -> None:
    @click.command()
    @click.option("--to", callback=version_flag)
    def command(to: str) -> None:
        click.echo(to)

    result = CliRunner().invoke(command, ["--to", value])
    assert result.exit_code == 2
    (error,) = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert "is not a migration version" in error and "\x1b" not in error
    for good in ("7", "1.2.10", "2019-02-26-002946", "1_1", "20240101000000_init"):
        assert CliRunner().invoke(command, ["--to", good]).output == f"{good}\n"
