"""No import loop anywhere in migwiz/: top-level, `if TYPE_CHECKING:` and function-local imports all count.

A package's `__init__` importing its own submodules is no loop by itself. `from pkg import name` depends on
the submodule `pkg.name` when there is one, on `pkg` otherwise. Importing `pkg.sub.m` from outside `pkg.sub`
runs `pkg.sub`'s `__init__` first (and `pkg`'s): a loop through a package's `__init__` counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import migwiz

ROOT = Path(migwiz.__file__).parent


def module_names(root: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every module under `root` (packages by their `__init__`)."""
    found: dict[str, Path] = {}
    for path in root.rglob("*.py"):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imports_of(name: str, path: Path, modules: set[str]) -> set[str]:
    """The migwiz modules `name` imports, wherever the import statement is."""
    is_package = path.name == "__init__.py"
    package = name if is_package else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                out.add(candidate if candidate in modules else base)
    targets = {t for t in out if t in modules and t != name}
    for target in list(targets):  # importing a.b.c from outside a.b runs a/__init__ and a/b/__init__ first
        parts = target.split(".")
        for end in range(1, len(parts)):
            parent = ".".join(parts[:end])
            if parent in modules and parent != name and not name.startswith(parent + "."):
                targets.add(parent)
    return targets


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module -> the migwiz modules it imports."""
    files = module_names(root)
    return {name: imports_of(name, path, set(files)) for name, path in files.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of `graph` as [a, b, ..., a], or None (iterative depth-first search)."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in sorted(graph):
        if state.get(start):
            continue
        path: list[str] = [start]
        stack = [iter(sorted(graph[start]))]
        state[start] = 1
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                stack.pop()
                continue
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if not state.get(nxt):
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(sorted(graph.get(nxt, ()))))
    return None


def test_migwiz_has_no_import_loop() -> None:
    """Every import counted, migwiz's modules form no cycle (the loop is printed when there is one)."""
    graph = import_graph(ROOT)
    assert len(graph) > 100  # the walk found the package
    cycle = find_cycle(graph)
    assert cycle is None, "import loop: " + " -> ".join(cycle or [])


def test_the_checker_finds_loops_of_every_kind(tmp_path: Path) -> None:
    """A loop closed by a TYPE_CHECKING import, a function-local one, or `from pkg import module` is found;
    a package's own `__init__` importing its submodules is not a loop."""
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("from pkg import a\n")
    (pkg / "a.py").write_text("from pkg.sub import b\n")
    (pkg / "sub" / "__init__.py").write_text("from . import b\n")
    (pkg / "sub" / "b.py").write_text("def f():\n    from pkg import c\n")
    (pkg / "c.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import pkg.x\n")
    (pkg / "x.py").write_text("X = 1\n")
    assert find_cycle(import_graph(pkg)) is None
    (pkg / "x.py").write_text("from pkg import a\n")  # a -> b -> c -> x -> a
    # a's import of pkg.sub.b runs pkg.sub's __init__, which imports b
    assert find_cycle(import_graph(pkg)) == ["pkg.a", "pkg.sub", "pkg.sub.b", "pkg.c", "pkg.x", "pkg.a"]
    (pkg / "x.py").write_text("from .sub.b import f\n")  # relative: x -> sub.b
    assert find_cycle(import_graph(pkg)) == ["pkg.sub", "pkg.sub.b", "pkg.c", "pkg.x", "pkg.sub"]
    (pkg / "x.py").write_text("X = 1\n")
    (pkg / "y.py").write_text("def g():\n    from pkg.sub.b import f\n")  # runs pkg.sub's __init__ first
    (pkg / "sub" / "d.py").write_text("from pkg.y import g\n")
    assert find_cycle(import_graph(pkg)) is None  # d is no part of pkg.sub's __init__
    (pkg / "sub" / "__init__.py").write_text("from . import b\nfrom .d import g\n")
    assert find_cycle(import_graph(pkg)) == ["pkg.sub", "pkg.sub.d", "pkg.y", "pkg.sub"]
