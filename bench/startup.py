"""Benchmark: wall time of `migwiz --help` and `migwiz --version` (the target is under 0.3 s on 2 cores).

Each command runs `--runs` times in a fresh process; the table shows the median and the slowest run,
beside a bare `python -c pass` (the interpreter's own start-up on this machine).

    .venv/bin/python -m bench.startup [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence

TARGET_S = 0.3
COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "migwiz --help": [sys.executable, "-m", "migwiz", "--help"],
    "migwiz --version": [sys.executable, "-m", "migwiz", "--version"],
}


def timed(argv: list[str]) -> float:
    """Seconds one run of `argv` takes, start to exit."""
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    """Print a table of median and slowest wall times; exit 1 when a migwiz median misses the target."""
    parser = argparse.ArgumentParser(prog="python -m bench.startup", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    print("| command | median | slowest |\n|---|---|---|")
    missed = False
    for name, command in COMMANDS.items():
        times = [timed(command) for _ in range(args.runs)]
        median = statistics.median(times)
        print(f"| {name} | {median:.3f} s | {max(times):.3f} s |")
        missed = missed or (name.startswith("migwiz") and median >= TARGET_S)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
