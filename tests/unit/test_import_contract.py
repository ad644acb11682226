"""The faces (the CLI, its console rendering and the wizard) reach the engine through its front door only.

Every import in every module of `migwiz/cli*`, `migwiz/console/` and `migwiz/tui/` (module level, function
level and under TYPE_CHECKING alike) that names `migwiz.engine...` must name one of the allowed modules: the
commands, the types the faces render, the typed errors, and two pure value helpers (duration parsing,
humanized numbers), which read no database and no file. What a face needs beyond that becomes a command.
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
    """Every Python module of the CLI (`migwiz/cli*`), of its rendering (`migwiz/console/`) and of the
    wizard (`migwiz/tui/`)."""
    cli = [*PACKAGE.glob("cli*.py"), *PACKAGE.glob("cli/**/*.py"), *PACKAGE.glob("console/**/*.py")]
    return sorted({*cli, *PACKAGE.glob("tui/**/*.py")})


def absolute(path: Path, node: ast.ImportFrom) -> str:
    """The module a `from ... import` names, relative forms (`from ..engine import x`) resolved."""
    if node.level == 0:
        return node.module or ""
    package = ["migwiz", *path.relative_to(PACKAGE).parts[:-1]]  # the folder is the package
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def engine_imports(path: Path, package: Path = PACKAGE) -> list[tuple[int, str]]:
    """(line, module) of every import of an engine module in `path`; `from migwiz.engine import x`
    counts as importing `migwiz.engine.x`."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, a.name) for a in node.names if a.name.startswith("migwiz.engine"))
        elif isinstance(node, ast.ImportFrom):
            module = absolute(path, node) if path.is_relative_to(package) else node.module or ""
            if module == "migwiz.engine":
                found.extend((node.lineno, f"migwiz.engine.{a.name}") for a in node.names)
            elif module.startswith("migwiz.engine."):
                found.append((node.lineno, module))
            elif module == "migwiz":  # `from migwiz import engine`: the whole engine
                found.extend((node.lineno, "migwiz.engine") for a in node.names if a.name == "engine")
    return found


def test_the_contract_sees_the_faces() -> None:
    """The walk finds the CLI package, its flag checks, its console rendering and the wizard's screens (a
    moved folder would otherwise pass unnoticed)."""
    names = {p.relative_to(PACKAGE).as_posix() for p in face_modules()}
    faces = {
        "cli/__init__.py",
        "cli/run.py",
        "cli_params.py",
        "console/dryrun.py",
        "tui/app.py",
        "tui/backend.py",
    }
    assert faces <= names
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
        "from migwiz import engine\n"
    )
    assert sorted(m for _, m in engine_imports(module)) == sorted(
        [
            "migwiz.engine.run.runner",
            "migwiz.engine.commands",
            "migwiz.engine.sets",
            "migwiz.engine.observe",
            "migwiz.engine.servers.connect",
            "migwiz.engine",
        ]
    )


def test_relative_imports_are_resolved() -> None:
    """`from ..engine.sets import x` in `migwiz/tui/backend.py` and `from ...engine import y` in a screen."""
    backend, screen = PACKAGE / "tui" / "backend.py", PACKAGE / "tui" / "screens" / "base.py"
    assert absolute(backend, ast.ImportFrom("engine.sets", [], 2)) == "migwiz.engine.sets"
    assert absolute(screen, ast.ImportFrom("engine", [], 3)) == "migwiz.engine"
    assert absolute(PACKAGE / "cli" / "__init__.py", ast.ImportFrom("run", [], 1)) == "migwiz.cli.run"


@pytest.mark.parametrize("path", face_modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_faces_import_only_the_engines_front_door(path: Path) -> None:
    """Each face module imports from the engine only the commands, the types, the errors and the pure
    value helpers."""
    wrong = [
        f"{path.name}:{line} imports {name}" for line, name in engine_imports(path) if name not in ALLOWED
    ]
    assert not wrong, "; ".join(wrong)


def test_every_run_event_type_is_reachable_through_the_types_module() -> None:
    """A face can match on each member of `RunEvent` (statements, notes, backfill and rollback events)
    with what `engine.types` exports: its event modules hold every type of the union."""
    from typing import get_args

    from migwiz.engine import types

    members = get_args(types.RunEvent)
    assert len(members) > 30  # the union is flattened: statements, notes and backfill events alike
    modules = (
        types.run_events,
        types.run_notes,
        types.backfill_events,
        types.rollback_events,
        types.dryrun_events,
        types.record_events,
        types.adopt_events,
        types.backup_events,
        types.drift_events,
        types.ci_events,
        types.plan_events,
        types.abort_events,
    )
    missing = [
        m.__qualname__ for m in members if not any(getattr(mod, m.__name__, None) is m for mod in modules)
    ]
    assert not missing
    assert set(get_args(types.RunNote)) <= set(members) and set(get_args(types.BackfillEvent)) <= set(members)
