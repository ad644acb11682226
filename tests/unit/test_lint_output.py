"""`lint` output: JSON streamed one file per line and plain text off a terminal, both escaped and scrubbed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from migwiz.console import output
from migwiz.engine import secrets
from migwiz.engine.commands import Project, lint, lint_json
from migwiz.engine.secrets import remember_secrets
from tests.helpers import write_migrations

FILES = {
    "1_a.up.sql": "CREATE TABLE a (id int);\nALTER TABLE a ALTER COLUMN id TYPE bigint;\n",
    "1_a.down.sql": "DROP TABLE a;\n",
    "2_\x1b[2Jb.up.sql": "ALTER TABLE a ADD COLUMN note text DEFAULT 'hunter2x';\n"
    "ALTER TABLE a RENAME TO b;\n",
}


@pytest.fixture(autouse=True)
def _a_remembered_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(secrets, "_secrets", set())
    remember_secrets("host=db password=hunter2x")


def test_lint_json_streams_one_file_per_line_and_parses_to_the_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = lint(Project.offline(), [write_migrations(tmp_path / "m", FILES)], pg_version=18, cache=None)
    document = lint_json(report)
    output.emit_json_listing(document, "files")
    text = capsys.readouterr().out
    assert "hunter2x" not in text and "\x1b" not in text
    expected = json.loads(json.dumps(document).replace("hunter2x", "***"))
    assert json.loads(text) == expected
    lines = text.splitlines()
    assert lines[:3] == ["{", '  "pg_version": 18,', '  "files": [']
    # one line per file, then "  ]", the notices and "}"
    assert len(lines) == 3 + len(document["files"]) + 3
    assert lines[-2] == '  "notices": []'
    assert all(json.loads(line.strip().rstrip(",")) for line in lines[3:-3])
    output.emit_json_listing({"files": [], "n": 1}, "files")
    assert json.loads(capsys.readouterr().out) == {"files": [], "n": 1}


def test_plain_lint_text_off_a_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = lint(Project.offline(), [write_migrations(tmp_path / "m", FILES)], pg_version=18, cache=None)
    output.print_lint(report)
    text = capsys.readouterr().out
    assert "\x1b" not in text and "hunter2x" not in text
    lines = text.splitlines()
    findings = [(path, f) for path, f in report.all_findings()]
    heads = [line for line in lines if not line.startswith(" ")]  # not a fix or its next lines
    assert len(heads) == len(findings) + 1
    renamed = f"{tmp_path / 'm'}/2_\\x1b[2Jb.up.sql:2 warning rename-table: RENAME public.a TO b breaks"
    assert any(line.startswith(renamed) for line in heads)  # the control character shown, not sent
    assert heads[-1] == "3 files, 5 statements (PostgreSQL 18): 0 error, 2 warning, 4 info"
