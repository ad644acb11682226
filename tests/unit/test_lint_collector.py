"""The lint command and the analysis pause the cyclic collector while they work and leave it as they
found it (a process that lints in-process, such as a test run or the wizard, keeps collecting)."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from click.testing import CliRunner

from migwiz.cli import cli
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
