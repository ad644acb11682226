"""Baseline files are read as migration files are: regular files only, never blocking, bounded."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from migwiz.engine.errors import UsageError
from migwiz.engine.history.baseline import read_baseline_file
from migwiz.engine.sets.reading import MAX_MIGRATION_BYTES


def test_a_regular_baseline_is_read(tmp_path: Path) -> None:
    path = tmp_path / "base.sql"
    path.write_text("CREATE TABLE é (id int);\n", encoding="utf-8")
    assert read_baseline_file(path) == "CREATE TABLE é (id int);\n"


def test_a_fifo_baseline_is_refused_without_blocking(tmp_path: Path) -> None:
    path = tmp_path / "base.sql"
    os.mkfifo(path)  # nobody writes: reading it would block forever
    with pytest.raises(UsageError) as info:
        read_baseline_file(path)  # blocking here would hang the test (its timeout fails it)
    assert info.value.message == (
        f"baseline {path}: not a regular file but a FIFO (named pipe); migwiz reads only regular files"
    )


def test_a_device_behind_a_symlink_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "base.sql"
    path.symlink_to("/dev/zero")
    with pytest.raises(UsageError) as info:
        read_baseline_file(path)
    assert info.value.message.startswith(f"baseline {path}: not a regular file but a character device")


def test_a_huge_baseline_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "base.sql"
    with path.open("wb") as f:
        f.truncate(MAX_MIGRATION_BYTES + 1)  # sparse: huge for stat, nothing on disk
    reads: list[int] = []
    read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: reads.append(n) or read(fd, n))
    with pytest.raises(UsageError) as info:
        read_baseline_file(path)
    monkeypatch.undo()
    assert reads == []  # refused on its size, before reading a byte (not after reading 256 MiB)
    assert info.value.message.startswith(f"baseline {path}: larger than 256 MiB")


def test_a_baseline_that_is_not_utf8_names_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "base.sql"
    path.write_bytes(b"SELECT 1; -- caf\xe9\n")
    with pytest.raises(UsageError) as info:
        read_baseline_file(path)
    assert info.value.message == f"baseline {path}: not UTF-8 text (byte 16)"
