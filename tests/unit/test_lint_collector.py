"""The lint command and the analysis pause the cyclic collector while they work and leave it as they
found it (a process that lints in-process, such as a test run or the wizard, keeps collecting)."""

from __future__ import annotations

import atexit
import gc
from pathlib import Path

import pytest
from click.testing import CliRunner

from migwiz.cli import cli, inspect
from migwiz.engine.analysis.lint import young_collections


def test_lint_command_leaves_the_collector_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "add.sql").write_text("ALTER TABLE t ADD COLUMN c int;\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MIGWIZ_CACHE_DIR", "off")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert gc.isenabled()
    result = CliRunner().invoke(cli, ["lint", "--pg-version", "18", "--json", "add.sql"])
    assert '"missing-lock-timeout"' in result.output, result.output
    assert gc.isenabled()


def test_young_collections_restore_the_collector_as_found() -> None:
    with young_collections() as collect:
        assert not gc.isenabled()
        collect()
    assert gc.isenabled()
    gc.disable()
    try:
        with young_collections():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_lint_command_freezes_only_at_exit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command leaves the interpreter's last collection out (the objects are frozen at exit, once per
    process however often it lints); an in-process caller keeps every object collectable meanwhile."""
    (tmp_path / "add.sql").write_text("ALTER TABLE t ADD COLUMN c int;\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MIGWIZ_CACHE_DIR", "off")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    registered: list[object] = []
    monkeypatch.setattr(inspect, "_FREEZE_AT_EXIT", [])
    monkeypatch.setattr(atexit, "register", registered.append)
    for _ in range(2):
        result = CliRunner().invoke(cli, ["lint", "--pg-version", "18", "add.sql"])
        assert "missing-lock-timeout" in result.output, result.output
        assert gc.get_freeze_count() == 0
    assert registered == [gc.freeze]
