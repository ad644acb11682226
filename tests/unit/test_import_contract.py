"""The faces (the CLI and the wizard) reach the engine through its front door only.

Every import in every module of `migwiz/cli*` and `migwiz/tui/` (module level, function level and under
TYPE_CHECKING alike) that names `migwiz.engine...` must name one of the allowed modules: the commands, the
types the faces render, the typed errors, and two pure value helpers (duration parsing, humanized numbers),
which read no database and no file. What a face needs beyond that becomes a command.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "migwiz"
ALLOWED = frozenset(
    {
        "migwiz.engine.commands",
        "migwiz.engine.types",
        "migwiz.engine.errors",
        "migwiz.engine.durations",
        "migwiz.engine.humanize",
    }
)


def face_modules() -> list[Path]:
    """Every Python module of the CLI (`migwiz/cli*`) and of the wizard (`migwiz/tui/`)."""
    cli = [*PACKAGE.glob("cli*.py"), *PACKAGE.glob("cli/**/*.py")]
    return sorted({*cli, *PACKAGE.glob("tui/**/*.py")})


def engine_imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import of an engine module in `path`; `from migwiz.engine import x`
    counts as importing `migwiz.engine.x`."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, a.name) for a in node.names if a.name.startswith("migwiz.engine"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "migwiz.engine":
                found.extend((node.lineno, f"migwiz.engine.{a.name}") for a in node.names)
            elif node.module.startswith("migwiz.engine."):
                found.append((node.lineno, node.module))
    return found


def test_the_contract_sees_the_faces() -> None:
    """The walk finds the CLI package, its flag checks and the wizard's screens (a moved folder would
    otherwise pass unnoticed)."""
    names = {p.relative_to(PACKAGE).as_posix() for p in face_modules()}
    assert {"cli/__init__.py", "cli/run.py", "cli_params.py", "tui/app.py", "tui/backend.py"} <= names
    assert any(n.startswith("tui/screens/") for n in names)


def test_engine_imports_are_found_in_every_form(tmp_path: Path) -> None:
    """`import`, `from ... import`, `from migwiz.engine import x`, inside functions and TYPE_CHECKING."""
    module = tmp_path / "face.py"
    module.write_text(
        "import migwiz.engine.run.runner\n"
        "from migwiz.engine import commands, sets\n"
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from migwiz.engine.observe import Snapshot\n"
        "def f() -> None:\n"
        "    from migwiz.engine.servers.connect import connect\n"
    )
    assert [m for _, m in engine_imports(module)] == [
        "migwiz.engine.run.runner",
        "migwiz.engine.commands",
        "migwiz.engine.sets",
        "migwiz.engine.observe",
        "migwiz.engine.servers.connect",
    ]


@pytest.mark.parametrize("path", face_modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_faces_import_only_the_engines_front_door(path: Path) -> None:
    """Each face module imports from the engine only the commands, the types, the errors and the pure
    value helpers."""
    wrong = [
        f"{path.name}:{line} imports {name}" for line, name in engine_imports(path) if name not in ALLOWED
    ]
    assert not wrong, "; ".join(wrong)
