"""Run every benchmark module of this package (or only some) and print a summary table.

    .venv/bin/python -m bench                 # all of them, in name order
    .venv/bin/python -m bench plan estimate   # only these
    .venv/bin/python -m bench --skip monitor  # all but these
    .venv/bin/python -m bench --list

A benchmark is a module `bench/<name>.py` with a `main()`; each runs in its own process
(`python -m bench.<name>` with its default options) so one that fails or leaks a server cannot
disturb the next.
"""

from __future__ import annotations

import argparse
import pkgutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent


def discover() -> list[str]:
    """Names of the benchmark modules: every public module of this package."""
    return sorted(m.name for m in pkgutil.iter_modules([str(HERE)]) if not m.name.startswith("_"))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the chosen benchmarks one after the other; exit 1 when any failed."""
    known = discover()
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("only", nargs="*", metavar="NAME", help=f"benchmarks to run (of: {', '.join(known)})")
    parser.add_argument("--skip", action="append", default=[], metavar="NAME", help="leave this one out")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    args = parser.parse_args(argv)
    if args.list:
        print("\n".join(known))
        return 0
    unknown = [n for n in [*args.only, *args.skip] if n not in known]
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)} (have: {', '.join(known)})")
    chosen = [n for n in (args.only or known) if n not in args.skip]
    results: list[tuple[str, int, float]] = []
    for name in chosen:
        print(f"\n## bench.{name}\n", flush=True)
        start = time.perf_counter()
        code = subprocess.call([sys.executable, "-m", f"bench.{name}"], cwd=HERE.parent)
        results.append((name, code, time.perf_counter() - start))
    print("\n| benchmark | result | wall time |\n|---|---|---|")
    for name, code, seconds in results:
        print(f"| {name} | {'ok' if code == 0 else f'exit {code}'} | {seconds:.1f} s |")
    return 0 if all(code == 0 for _, code, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
