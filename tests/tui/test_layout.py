"""What the wizard's source and layout must keep: no SQL in the TUI, every footer key on screen."""

from __future__ import annotations

import ast
import asyncio
import re
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tests.tui.test_snapshots import SIZES, app_at

TUI = Path(__file__).resolve().parents[2] / "migwiz" / "tui"
SQL = re.compile(
    r"\b(?:SELECT|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|ALTER\s+TABLE|CREATE\s+(?:TABLE|INDEX)"
    r"|DROP\s+(?:TABLE|INDEX|TYPE)|SHOW\s+\w+|LOCK\s+TABLE|COPY\s+\w+)\b"
    r"|\bSET\s+(?:LOCAL\s+)?\w+\s*(?:=|\bTO\b)|\bpg_catalog\.|\bpg_\w+\("
)


def string_literals(path: Path) -> list[tuple[int, str]]:
    """Every string constant of a module but its docstrings, with its line."""
    tree = ast.parse(path.read_text())
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def test_the_tui_contains_no_sql() -> None:
    """SQL lives in the engine (migwiz/engine/queries/*.sql and its functions); the wizard only calls them."""
    found = [
        f"{path.relative_to(TUI)}:{line}: {text[:60]!r}"
        for path in sorted(TUI.rglob("*.py"))
        for line, text in string_literals(path)
        if SQL.search(text)
    ]
    assert found == []


def test_the_sql_check_can_fail() -> None:
    for text in ("SELECT 1", "INSERT INTO t VALUES (1)", "SET lock_timeout = '1s'", "pg_catalog.pg_locks"):
        assert SQL.search(text), text
    for text in ("select the version to go back to", "Abort safely: stop after the running migration"):
        assert not SQL.search(text), text


STEPS = [
    ("target", "migrate"), ("pending", "migrate"), ("backup", "migrate"), ("impact", "migrate"),
    ("dryrun", "migrate"), ("execute", "migrate"), ("verify", "migrate"), ("summary", "migrate"),
    ("recent", "rollback"), ("impact", "rollback"), ("watch", "watch"),
]  # fmt: skip


async def footer_keys(pilot: Pilot[Any], footer: Footer) -> list[FooterKey]:
    """The footer's keys once it has composed them: the Footer fills itself a few refreshes after mount,
    later on a loaded machine, so wait for that event (bounded) instead of assuming one pause is enough."""
    for _ in range(200):
        await pilot.pause()
        keys = list(footer.query(FooterKey))
        if keys:
            return keys
        await asyncio.sleep(0.02)
    return []


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("step", "mode"), STEPS)
async def test_every_footer_key_is_visible(step: str, mode: str, size: tuple[int, int]) -> None:
    """Each binding the footer shows fits inside the terminal, ^q Quit and ? Keys included."""
    app = app_at(step, mode, ran=step != "execute")
    async with app.run_test(size=size) as pilot:
        footer = app.screen.query_one(Footer)
        keys = await footer_keys(pilot, footer)
        shown = {k.key_display for k in keys}
        assert {"^q", "?"} <= shown, shown
        assert max(k.region.right for k in keys) <= size[0], [(k.key_display, k.region) for k in keys]
