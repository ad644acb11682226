"""Benchmark: memory of reading a big seed-data migration, whole (what `up` and `status` do) or streamed.

Generates one file of `--mb` megabytes of single-row INSERTs (as `bench.seed` does), then, each in a
fresh process so its peak RSS is its own:

- `whole`: `load_migration_set` on the folder: the file read and split at once into `Statement`s, as
  `up`, `status` and `lint` load a set today;
- `streamed`: `stream_statements` on the file: the same statements, a piece at a time, counted and
  dropped (what an executor that streams would hold);
- `baseline`: the interpreter with migwiz's set modules imported and nothing read.

`--pythonpath DIR` runs the children on another checkout of migwiz (e.g. `git archive main` unpacked) to
compare before/after; a mode that checkout lacks is reported as n/a.

    .venv/bin/python -m bench.seed_memory [--mb 200] [--only whole,streamed]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

from bench.seed import write_small

CHILD = """
import json, resource, sys, time
from pathlib import Path
mode, folder = sys.argv[1], Path(sys.argv[2])
import migwiz.engine.sets as sets
started = time.perf_counter()
count = 0
if mode == "whole":
    count = sum(len(m.up.statements) for m in sets.load_migration_set(folder).migrations)
elif mode == "streamed":
    from migwiz.engine.sets.reading import stream_statements
    for path in sorted(folder.glob("*.up.sql")):
        for _ in stream_statements(path):
            count += 1
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"statements": count, "seconds": seconds, "peak_mb": peak}))
"""


def run(mode: str, folder: Path, pythonpath: str | None) -> dict[str, float] | None:
    """One child process; its statements, seconds and peak RSS (None: the checkout cannot do `mode`)."""
    flags: list[str] = []
    env = dict(os.environ)
    if pythonpath:  # without site, so the editable install of this checkout does not win over it
        flags = ["-S"]
        env["PYTHONPATH"] = os.pathsep.join([pythonpath, sysconfig.get_paths()["purelib"]])
    proc = subprocess.run(
        [sys.executable, *flags, "-c", CHILD, mode, str(folder)],
        capture_output=True, text=True, env=env, check=False, cwd=folder,
    )  # fmt: skip
    if proc.returncode != 0:
        if "ModuleNotFoundError" in proc.stderr or "ImportError" in proc.stderr:
            return None
        raise SystemExit(f"{mode} failed: {proc.stderr[-2000:]}")
    result: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--mb", type=int, default=200, help="size of the generated seed file (MB)")
    parser.add_argument("--only", default="baseline,whole,streamed", help="modes, comma-separated")
    parser.add_argument("--pythonpath", help="run the children on this checkout of migwiz")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="migwiz-bench-seed-memory-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        statements = write_small(folder, args.mb)
        size = (folder / "1_seed.up.sql").stat().st_size / 1e6
        took = time.perf_counter() - started
        print(f"{size:.0f} MB seed file, {statements:,} statements (written in {took:.0f} s)")
        print(f"{'mode':<10} {'statements':>10} {'seconds':>8} {'peak RSS':>9}")
        for mode in args.only.split(","):
            result = run(mode, folder, args.pythonpath)
            if result is None:
                print(f"{mode:<10} {'n/a':>10}")
                continue
            print(
                f"{mode:<10} {int(result['statements']):>10,} {result['seconds']:>8.1f}"
                f" {result['peak_mb']:>6.0f} MB",
                flush=True,
            )


if __name__ == "__main__":
    main()
