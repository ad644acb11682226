"""With --json, every command that fails says so on stdout too: {"error": {message, hint, exit_code}}."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from migwiz.cli import cli

PASSWORD = "Canary/Pw7"
MALFORMED = f"postgresql://u:{PASSWORD}@127.0.0.1:1/db"
REQUIRED = {
    "ci": ["--embedded", "--shadow-dsn", MALFORMED],
    "trace": ["1"],
    "adopt": ["--from", "dbmate"],
    "fleet log": ["0123abcd"],
    # an empty table name: recipes write files and need no server
    "new change-type": ["", "c", "--from", "int", "--to", "bigint"],
    "new rename-column": ["", "c", "d", "--type", "int"],
    "new add-not-null": ["", "c", "--fill", "0"],
    "new add-foreign-key": ["", "c", "r"],
    "new add-unique": ["", "c"],
    "new split-column": [
        "", "c", "--first", "a", "--first-expr", "x", "--second", "b", "--second-expr", "y", "--join", "z",
    ],
}  # fmt: skip


def commands(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command that takes --json, as the words that name it."""
    found: list[tuple[str, ...]] = []
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            found += commands(command, (*prefix, name))
        elif any(p.name == "json_output" for p in command.params):
            found.append((*prefix, name))
    return found


def test_every_json_command_is_covered() -> None:
    assert len(commands()) >= 25
    assert {" ".join(c) for c in commands() if c[0] == "new" or c[0] in ("trace", "adopt")} <= set(REQUIRED)


@pytest.mark.parametrize("words", commands(), ids=" ".join)
def test_an_error_is_a_json_object_on_stdout_and_a_line_on_stderr(
    words: tuple[str, ...], tmp_path: Path
) -> None:
    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / "1_a.up.sql").write_text("CREATE TABLE a (id int);\n")
    (folder / "1_a.down.sql").write_text("DROP TABLE a;\n")
    args = [*words, *REQUIRED.get(" ".join(words), []), "--json", "--dsn", MALFORMED, "--dir", str(folder)]
    result = CliRunner().invoke(cli, args, env={"DATABASE_URL": MALFORMED, "COLUMNS": "200"})
    assert result.exit_code != 0, result.stdout
    body = json.loads(result.stdout)
    error = body["error"]
    assert set(error) == {"message", "hint", "exit_code"}
    assert error["exit_code"] == result.exit_code
    assert "\n" not in error["message"]
    assert f"migwiz: error: {error['message']}" in result.stderr
    assert PASSWORD not in result.stdout + result.stderr
    assert "Canary" not in result.stdout + result.stderr


def test_a_usage_error_raised_by_a_command_is_a_json_object_too(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["test-rollback", "--all", "--pending", "--json", "--dir", str(tmp_path)],
        env={"DATABASE_URL": ""},
    )
    assert result.exit_code == 2
    assert json.loads(result.stdout)["error"]["exit_code"] == 2
    assert "choose one of" in json.loads(result.stdout)["error"]["message"]


@pytest.mark.parametrize(
    "args", [["status", "--json", "--no-such-flag"], ["backfill", "tune", "--json", "--batch-size", "x"]]
)
def test_a_bad_flag_is_a_json_object_too(args: list[str]) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]
    assert error["exit_code"] == 2 and error["message"]
    assert error["message"] in result.stderr
