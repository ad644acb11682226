"""`engine.commands` imports each command family on first use: its lazy table names exactly what it
declares, typed, under TYPE_CHECKING, and every name there resolves to the object its module defines."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from migwiz.engine import commands

SOURCE = Path(commands.__file__)


def typed_names() -> set[str]:
    """The public names `commands` binds under `if TYPE_CHECKING:` (imports and assignments)."""
    tree = ast.parse(SOURCE.read_text(encoding="utf-8"))
    [block] = [n for n in tree.body if isinstance(n, ast.If) and ast.unparse(n.test) == "TYPE_CHECKING"]
    names: set[str] = set()
    for node in block.body:
        if isinstance(node, ast.ImportFrom):
            names.update(a.asname or a.name for a in node.names)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return {n for n in names if not n.startswith("_")}


def test_the_lazy_table_names_what_is_typed() -> None:
    """A name typed for mypy but missing from the table (or the reverse) would fail only at run time."""
    lazy = {n for names in commands.FAMILIES.values() for n in names} | set(commands.RENAMED)
    private = {"LintReport", "RiskyFinding", "HistoryRow", "Event", "RepairPlan", "RepairResult", "Version"}
    private |= {
        "ExecutionPolicy",
        "AbortRequested",
        "lint_report_json",
        "lint_report_sarif",
    }  # annotations and aliases' sources
    assert typed_names() - private == lazy


def test_every_lazy_name_is_its_modules_object() -> None:
    for name, (module, attr) in {
        **{n: (m, n) for m, names in commands.FAMILIES.items() for n in names},
        **commands.RENAMED,
    }.items():
        assert getattr(commands, name) is getattr(importlib.import_module(module), attr), name


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_command"):
        commands.no_such_command  # type: ignore[attr-defined]  # noqa: B018


def test_importing_the_door_loads_no_family() -> None:
    code = (
        "import sys, migwiz.engine.commands\n"
        "print(sorted(n for n in sys.modules if n.startswith('migwiz.engine.') and n not in\n"
        "    ('migwiz.engine.commands', 'migwiz.engine.errors', 'migwiz.engine.secrets')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout
