"""An error becomes text through `errors.one_line` (always scrubbed, always one line, never empty), not by
hand: `str(exc)` in an `except` block of migwiz is allowed only where the text is read, not shown."""

from __future__ import annotations

import ast
from pathlib import Path

import psycopg

from migwiz.engine import secrets
from migwiz.engine.errors import MigwizError, one_line

PACKAGE = Path(__file__).resolve().parents[2] / "migwiz"
READS_THE_TEXT = {
    "engine/errors.py": "one_line itself",
    "engine/secrets.py": "libpq's parse error is read to be said in migwiz's own words, never shown",
    "engine/durations.py": "its own ValueError, reworded and raised again",
    "engine/observe/service.py": "libpq's last line of a failed connection (where it says why), scrubbed",
}


def by_hand(path: Path, root: Path = PACKAGE) -> list[str]:
    """`str(name)` calls on the exception an `except ... as name` block caught."""
    found = []
    for handler in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(handler, ast.ExceptHandler) or handler.name is None:
            continue
        for node in ast.walk(handler):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "str"
                and node.args
                and isinstance(node.args[0], ast.Name)
                and node.args[0].id == handler.name
            ):
                found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found


def test_no_module_turns_an_error_into_text_by_hand() -> None:
    wrong = [
        hit
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.relative_to(PACKAGE).as_posix() not in READS_THE_TEXT
        for hit in by_hand(path)
    ]
    assert not wrong, f"use errors.one_line: {wrong}"


def test_the_check_finds_a_hand_made_line(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("try:\n    pass\nexcept ValueError as e:\n    x = str(e).splitlines()[0]\n")
    assert by_hand(module, tmp_path) == ["m.py:4"]


def test_one_line_is_one_scrubbed_line_and_never_empty() -> None:
    secrets.remember_secrets("postgresql://app:Line-Pw-42@127.0.0.1/db")
    assert one_line(ValueError("\n\n  first Line-Pw-42 \nsecond")) == "first ***"
    assert one_line(TimeoutError()) == "TimeoutError"
    assert one_line(psycopg.OperationalError("   \n")) == "OperationalError"
    assert one_line(MigwizError("cannot read\nLine-Pw-42", "hint")) == "cannot read ***"
