"""Bad input on the command line, as a new user types it: one line naming the flag or value (and a hint) on
stderr, `{"error": ...}` on stdout with --json, exit 2, and nothing run. Every case fails before connecting
(the DSN points at a closed port), so no server is needed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from migwiz.cli import cli

CLOSED = "postgresql://u:Canary-Pw7@127.0.0.1:1/db"

CASES: list[tuple[list[str], str]] = [
    # click's own checks: a bad value, a bad choice, an unknown flag or command
    (["up", "--to", "1'x"], "'--to'"),
    (["fleet", "up", "--to", "1'x"], "'--to'"),
    (["down", "--steps", "-1"], "'--steps'"),
    (["log", "--limit", "-1"], "'--limit'"),
    (["backfill", "tune", "--workers", "0"], "'--workers'"),
    (["plan", "--fail-on", "bogus"], "'--fail-on'"),
    (["up", "--layout", "bogus"], "'--layout'"),
    (["verify", "--bogus"], "'--bogus'"),
    (["bogus"], "'bogus'"),
    (["--bogus"], "'--bogus'"),
    (["fleet", "bogus"], "'bogus'"),
    # a report file that is a folder
    (["test-rollback", "--junit", "/"], "'--junit'"),
    (["ci", "--junit-file", "/"], "'--junit-file'"),
    (["ci", "--summary-file", "/"], "'--summary-file'"),
    # durations and ages out of range, said before anything connects
    (["trace", "1", "--timeout", "99999999h"], "--timeout '99999999h'"),
    (["up", "--lock-timeout", "99999999h"], "--lock-timeout '99999999h'"),
    (["dry-run", "--statement-timeout", "-5s"], "--statement-timeout '-5s'"),
    (["up", "--retry-for", "99999999999d"], "--retry-for '99999999999d'"),
    (["up", "--wait", "30d"], "--wait '30d'"),
    (["backfill", "tune", "--target", "99999d"], "--target '99999d'"),
    (["log", "--since", "99999999d"], "--since '99999999d'"),
    (["log", "--since", "-5m"], "--since '-5m'"),
    # a version that is no version
    (["trace", "1'x"], '"1\'x"'),
    (["repair", "--migration", "1'x"], "'--migration'"),
    (["log", "--migration", "1'x"], "'--migration'"),
    (["backfill", "pause", "--id", "1'x"], "'--id'"),
]


@pytest.mark.parametrize("json_output", [False, True], ids=["text", "json"])
@pytest.mark.parametrize(("args", "named"), CASES, ids=lambda v: " ".join(v) if isinstance(v, list) else "")
def test_bad_input_is_one_line_naming_it(
    args: list[str], named: str, json_output: bool, tmp_path: Path
) -> None:
    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / "1_a.up.sql").write_text("CREATE TABLE a (id int);\n")
    (folder / "1_a.down.sql").write_text("DROP TABLE a;\n")
    extra = ["--dir", str(folder), "--dsn", CLOSED] if "bogus" not in args else []
    result = CliRunner().invoke(
        cli, [*args, *extra, *(["--json"] if json_output else [])], env={"DATABASE_URL": "", "COLUMNS": "80"}
    )
    assert result.exit_code == 2, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines[0].startswith("migwiz: error: "), result.stderr
    assert named in lines[0]
    assert len(lines) == 2 and lines[1].startswith("hint: "), result.stderr
    assert "Traceback" not in result.stderr and "Usage:" not in result.stderr
    assert "connect" not in result.stderr  # said before connecting
    assert "Canary" not in result.stdout + result.stderr
    if json_output:
        error = json.loads(result.stdout)["error"]
        assert f"migwiz: error: {error['message']}" == lines[0]
        assert error["hint"] and error["exit_code"] == 2
    else:
        assert result.stdout == ""


def test_a_statement_that_does_not_parse_names_line_and_column() -> None:
    script = "-- a comment\nCREATE TABLE b (\n  id int,,\n);\n"
    result = CliRunner().invoke(cli, ["lint", "-"], input=script, env={"DATABASE_URL": "", "COLUMNS": "80"})
    assert result.exit_code == 1
    assert "<stdin>:2" in result.stdout
    assert 'line 3, column 10: syntax error at or near ","' in " ".join(result.stdout.split())


def test_a_report_file_the_system_refuses_is_one_line_naming_it(tmp_path: Path) -> None:
    from migwiz.console.failures import write_scrubbed
    from migwiz.engine.errors import OutputFileError, one_line

    target = tmp_path / "missing" / "report.xml"
    with pytest.raises(OutputFileError) as caught:
        write_scrubbed(target, "<testsuites/>")
    assert one_line(caught.value).startswith(f"{target}: cannot write the report")
    assert caught.value.exit_code == 2
