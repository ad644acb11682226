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
    "engine/servers/connect.py": "libpq's lines of a failed connection, read for the one that says why",
    "engine/commands.py": "whether an error has any text at all (its line comes from one_line)",
}


def _is_error_type(annotation: ast.expr | None) -> bool:
    name = (
        annotation.attr
        if isinstance(annotation, ast.Attribute)
        else annotation.id
        if isinstance(annotation, ast.Name)
        else ""
    )
    return name in ("Exception", "BaseException") or name.endswith("Error")


def _caught(tree: ast.AST) -> list[tuple[ast.AST, str]]:
    """(scope, name) of every exception in hand: an `except ... as name` block's, and a function's
    parameter typed as an exception (a helper that receives the caught error)."""
    out: list[tuple[ast.AST, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ExceptHandler) and node.name is not None:
            out.append((node, node.name))
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            params = [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]
            out.extend((node, a.arg) for a in params if _is_error_type(a.annotation))
    return out


def by_hand(path: Path, root: Path = PACKAGE) -> list[str]:
    """`str(name)` calls on an exception: the one an `except ... as name` block caught, or a function's
    parameter typed as an exception."""
    found = []
    for scope, name in _caught(ast.parse(path.read_text(encoding="utf-8"))):
        for node in ast.walk(scope):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "str"
                and node.args
                and isinstance(node.args[0], ast.Name)
                and node.args[0].id == name
            ):
                found.append(f"{path.relative_to(root)}:{node.lineno}")
    return sorted(set(found))


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
    module.write_text(
        "def said(exc: psycopg.Error) -> str:\n    return exc.diag.message_primary or str(exc)\n"
    )
    assert by_hand(module, tmp_path) == ["m.py:2"]


def test_one_line_is_one_scrubbed_line_and_never_empty() -> None:
    secrets.remember_secrets("postgresql://app:Line-Pw-42@127.0.0.1/db")
    assert one_line(ValueError("\n\n  first Line-Pw-42 \nsecond")) == "first ***"
    assert one_line(TimeoutError()) == "TimeoutError"
    assert one_line(psycopg.OperationalError("   \n")) == "OperationalError"
    assert one_line(MigwizError("cannot read\nLine-Pw-42", "hint")) == "cannot read ***"
