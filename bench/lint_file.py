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
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from bench.lint import TEMPLATES, timed_cpu
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


def main(argv: Sequence[str] | None = None) -> int:
    """Generate the set, time whole-set and one-file lint, print a table."""
    parser = argparse.ArgumentParser(prog="python -m bench.lint_file", description=__doc__.splitlines()[0])
    parser.add_argument("--migrations", type=int, default=700)
    parser.add_argument("--statements", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--whole-runs", type=int, default=1, help="runs of the (slow) whole-set lint")
    args = parser.parse_args(argv)
    rows: list[tuple[str, tuple[float, float], str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "migrations"
        root.mkdir()
        cache = Path(tmp) / "cache"
        folders = generate(root, args.migrations, args.statements)
        target = folders[-10] / "up.sql"
        before = len(folders) - 10
        whole = timed_cpu(lambda: lint(Project.offline(), [root], pg_version=18, cache=None), args.whole_runs)
        rows.append(("whole set", whole, f"{2 * len(folders)} scripts"))
        cold = [
            timed_cpu(partial(lint, Project.offline(), [target], pg_version=18, cache=cache / str(r)), 1)
            for r in range(args.runs)
        ]
        middle = (sorted(w for w, _ in cold)[len(cold) // 2], sorted(c for _, c in cold)[len(cold) // 2])
        rows.append(("one up.sql, cold cache", middle, f"{before} predecessors analysed"))
        warm = timed_cpu(
            lambda: lint(Project.offline(), [target], pg_version=18, cache=cache / "0"), args.runs
        )
        rows.append(("one up.sql, warm cache", warm, "predecessors' schema from the cache"))
        down = target.with_name("down.sql")
        its_down = timed_cpu(
            lambda: lint(Project.offline(), [down], pg_version=18, cache=cache / "0"), args.runs
        )
        rows.append(("its down.sql, warm cache", its_down, "analysed after its up"))
        no_cache = timed_cpu(lambda: lint(Project.offline(), [target], pg_version=18, cache=None), 1)
        rows.append(("one up.sql, cache off", no_cache, "as cold, nothing stored"))
        env = {**os.environ, "NO_COLOR": "1", "MIGWIZ_CACHE_DIR": str(cache / "0")}
        command = [sys.executable, "-m", "migwiz", "lint", "--pg-version", "18", str(target)]
        run = timed_cpu(lambda: subprocess.run(command, capture_output=True, check=False, env=env), args.runs)
        rows.append(("migwiz lint FILE (command, warm, with start-up)", run, ""))
        startup = [sys.executable, "-m", "migwiz", "--help"]
        alone = timed_cpu(
            lambda: subprocess.run(startup, capture_output=True, check=False, env=env), args.runs
        )
        rows.append(("migwiz --help (start-up alone)", alone, ""))
    print(
        f"Diesel layout, {args.migrations} migrations x {args.statements} statements; the file is migration "
        f"{before + 1}; median of {args.runs} runs (whole set: {args.whole_runs}); "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    print("\n| lint | time | CPU time | notes |\n|---|---|---|---|")
    for name, (wall, cpu), note in rows:
        print(f"| {name} | {wall:.2f} s | {cpu:.2f} s | {note} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
