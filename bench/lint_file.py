"""Benchmark: lint one file of a long Diesel-layout set (cold and warm cache) beside linting the whole set.

Generates `--migrations` Diesel migration folders (`<version>_<name>/up.sql` of `--statements` statements,
the mix of bench.lint, and `down.sql`), then times, in-process (`commands.lint`, no database):
the whole set; one `up.sql` near the end with an empty state cache (cold: its predecessors are analysed);
the same file again (warm: their analysed schema comes from the cache); a `down.sql` beside it (warm); and
the `migwiz lint` command on the file, warm, start-up included.

    .venv/bin/python -m bench.lint_file [--migrations 700] [--statements 20] [--runs 3] [--whole-runs 1]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from bench.lint import TEMPLATES, timed
from migwiz.engine.commands import Project, lint


def generate(folder: Path, migrations: int, statements: int) -> list[Path]:
    """Diesel migration folders, in order; returns their folders."""
    out = []
    for m in range(migrations):
        day, second = divmod(m, 86_400)
        clock = f"{second // 3600:02d}{second // 60 % 60:02d}{second % 60:02d}"
        path = folder / f"2020-01-{day + 1:02d}-{clock}_m{m}"
        path.mkdir()
        lines = [TEMPLATES[(m + s) % len(TEMPLATES)].format(i=m) for s in range(statements)]
        (path / "up.sql").write_text("\n".join(lines) + "\n")
        (path / "down.sql").write_text(f"DROP TABLE IF EXISTS t{m};\n")
        out.append(path)
    return out


def once(func: Callable[[], object]) -> float:
    """Seconds of one call."""
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    """Generate the set, time whole-set and one-file lint, print a table."""
    parser = argparse.ArgumentParser(prog="python -m bench.lint_file", description=__doc__.splitlines()[0])
    parser.add_argument("--migrations", type=int, default=700)
    parser.add_argument("--statements", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--whole-runs", type=int, default=1, help="runs of the (slow) whole-set lint")
    args = parser.parse_args(argv)
    rows: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "migrations"
        root.mkdir()
        cache = Path(tmp) / "cache"
        folders = generate(root, args.migrations, args.statements)
        target = folders[-10] / "up.sql"
        before = len(folders) - 10
        seconds = timed(lambda: lint(Project.offline(), [root], pg_version=18, cache=None), args.whole_runs)
        rows.append(("whole set", seconds, f"{2 * len(folders)} scripts"))
        runs = range(args.runs)
        cold = sorted(once(partial(lint, Project.offline(), [target], pg_version=18, cache=cache / str(r))) for r in runs)
        rows.append(("one up.sql, cold cache", cold[len(cold) // 2], f"{before} predecessors analysed"))
        seconds = timed(
            lambda: lint(Project.offline(), [target], pg_version=18, cache=cache / "0"), args.runs
        )
        rows.append(("one up.sql, warm cache", seconds, "predecessors' schema from the cache"))
        down = target.with_name("down.sql")
        seconds = timed(lambda: lint(Project.offline(), [down], pg_version=18, cache=cache / "0"), args.runs)
        rows.append(("its down.sql, warm cache", seconds, "analysed after its up"))
        no_cache = timed(lambda: lint(Project.offline(), [target], pg_version=18, cache=None), 1)
        rows.append(("one up.sql, cache off", no_cache, "as cold, nothing stored"))
        env = {**os.environ, "NO_COLOR": "1", "MIGWIZ_CACHE_DIR": str(cache / "0")}
        command = [sys.executable, "-m", "migwiz", "lint", "--pg-version", "18", str(target)]
        seconds = timed(lambda: subprocess.run(command, capture_output=True, check=False, env=env), args.runs)
        rows.append(("migwiz lint FILE (command, warm, with start-up)", seconds, ""))
        startup = [sys.executable, "-m", "migwiz", "--help"]
        seconds = timed(lambda: subprocess.run(startup, capture_output=True, check=False, env=env), args.runs)
        rows.append(("migwiz --help (start-up alone)", seconds, ""))
    print(
        f"Diesel layout, {args.migrations} migrations x {args.statements} statements; the file is migration "
        f"{before + 1}; median of {args.runs} runs (whole set: {args.whole_runs}); "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    print("\n| lint | time | notes |\n|---|---|---|")
    for name, seconds, note in rows:
        print(f"| {name} | {seconds:.2f} s | {note} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
