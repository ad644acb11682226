"""No module of migwiz is over 500 lines: a module that would grow past it is split by job."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "migwiz"
LIMIT = 500


def too_long(package: Path = PACKAGE, limit: int = LIMIT) -> dict[str, int]:
    """Every module under `package` with more than `limit` lines, by its path inside the package."""
    found: dict[str, int] = {}
    for path in sorted(package.rglob("*.py")):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > limit:
            found[path.relative_to(package).as_posix()] = lines
    return found


def test_no_module_is_over_500_lines() -> None:
    assert too_long() == {}, "split these modules by job"


def test_the_check_sees_a_long_module(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "long.py").write_text("x = 1\n" * (LIMIT + 1), encoding="utf-8")
    (tmp_path / "short.py").write_text("x = 1\n" * LIMIT, encoding="utf-8")
    assert too_long(tmp_path) == {"sub/long.py": LIMIT + 1}
