"""Benchmark: memory of a big seed-data migration, read whole or streamed, and applied by `migwiz up`.

Generates one file of `--mb` megabytes of single-row INSERTs (as `bench.seed` does), then, each in a
fresh process so its peak RSS is its own:

- `baseline`: the interpreter with migwiz's set modules imported and nothing read;
- `whole`: `load_migration_set` on the folder with streaming switched off: the file read and split at
  once into `Statement`s (how every set was loaded before big files were streamed);
- `streamed`: `stream_statements` on the file: the statements a piece at a time, counted and dropped;
- `load`: `load_migration_set` as it is: a big file loaded in one streaming pass (its statements read
  again on demand);
- `up`: `migwiz up` (the CLI, in-process) on a fresh database of a local server: lint gate, transaction
  plan, own-schema check, lock analysis and the run, every pass streamed;
- `up-whole`: the same `up` with streaming switched off (the whole-file path, for comparison);
- `psql`: `psql -1 -f` on the file, the physical reference.

The `up` modes and `psql` need a local PostgreSQL (`--pg`, default the newest found); each gets a fresh
database, and the rows applied are counted. `--pythonpath DIR` runs the children on another checkout of
migwiz (e.g. `git archive main` unpacked) to compare before/after; a mode that checkout lacks is
reported as n/a.

    .venv/bin/python -m bench.seed_memory [--mb 200] [--only whole,streamed,up,up-whole,psql] [--pg 18]
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

import psycopg

from bench.seed import SERVER_SETTINGS, fresh_database, timed, write_small
from migwiz.engine.servers.local import LocalServer, available_binaries, find_binaries, start_server

CHILD = """
import json, resource, sys, time
from pathlib import Path
mode, folder, dsn = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
import migwiz.engine.sets as sets
if mode in ("whole", "up-whole"):
    try:
        import migwiz.engine.sets.streamed as streamed
        streamed.STREAM_ABOVE = 1 << 62  # every file read and split whole
    except ImportError:
        pass  # a checkout from before streaming reads every file whole anyway
started = time.perf_counter()
count = 0
if mode in ("whole", "load"):
    count = sum(len(m.up.statements) for m in sets.load_migration_set(folder).migrations)
elif mode == "streamed":
    from migwiz.engine.sets.reading import stream_statements
    for path in sorted(folder.glob("*.up.sql")):
        for _ in stream_statements(path):
            count += 1
elif mode in ("up", "up-whole"):
    import contextlib, io
    from migwiz.cli import cli
    out = io.StringIO()
    args = ["up", "--dsn", dsn, "--dir", str(folder), "--allow-irreversible", "--json"]
    with contextlib.redirect_stdout(out):
        try:
            cli.main(args, prog_name="migwiz", standalone_mode=False)
        except SystemExit as exc:
            if exc.code:
                raise
    count = sum(m["statements_run"] for m in json.loads(out.getvalue())["migrations"])
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"statements": count, "seconds": seconds, "peak_mb": peak}))
"""
_DATABASE = ("up", "up-whole", "psql")


def run(mode: str, folder: Path, pythonpath: str | None, dsn: str) -> dict[str, float] | None:
    """One child process; its statements, seconds and peak RSS (None: the checkout cannot do `mode`)."""
    flags: list[str] = []
    env = {**os.environ, "NO_COLOR": "1"}
    if pythonpath:  # without site, so the editable install of this checkout does not win over it
        flags = ["-S"]
        env["PYTHONPATH"] = os.pathsep.join([pythonpath, sysconfig.get_paths()["purelib"]])
    proc = subprocess.run(
        [sys.executable, *flags, "-c", CHILD, mode, str(folder), dsn],
        capture_output=True, text=True, env=env, check=False, cwd=folder,
    )  # fmt: skip
    if proc.returncode != 0:
        if "ModuleNotFoundError" in proc.stderr or "ImportError" in proc.stderr:
            return None
        raise SystemExit(f"{mode} failed: {proc.stderr[-2000:]}")
    result: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def run_psql(server: LocalServer, folder: Path, dsn: str) -> dict[str, float]:
    """`psql -1 -f` on the seed file: its statements, seconds and peak RSS."""
    psql = str(server.binaries.tool("psql"))
    path = str(folder / "1_seed.up.sql")
    seconds, rss = timed([psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-1", "-d", dsn, "-f", path])
    with psycopg.connect(dsn) as conn:
        row = conn.execute("SELECT count(*) FROM seed").fetchone()
    return {"statements": (row[0] if row else 0) + 1, "seconds": seconds, "peak_mb": rss}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--mb", type=int, default=200, help="size of the generated seed file (MB)")
    parser.add_argument(
        "--only", default="baseline,whole,streamed,load,up,up-whole,psql", help="modes, comma-separated"
    )
    parser.add_argument("--pythonpath", help="run the children on this checkout of migwiz")
    parser.add_argument("--pg", type=int, help="server major version for up and psql (default: newest)")
    args = parser.parse_args()
    modes = args.only.split(",")
    server: LocalServer | None = None
    if set(modes) & set(_DATABASE):
        binaries = find_binaries(args.pg) if args.pg else max(available_binaries(), key=lambda b: b.major)
        if binaries is None:
            raise SystemExit(f"no PostgreSQL {args.pg} here")
        server = start_server(binaries, settings=SERVER_SETTINGS)
    try:
        with tempfile.TemporaryDirectory(prefix="migwiz-bench-seed-memory-") as tmp:
            folder = Path(tmp)
            started = time.perf_counter()
            statements = write_small(folder, args.mb)
            size = (folder / "1_seed.up.sql").stat().st_size / 1e6
            took = time.perf_counter() - started
            print(f"{size:.0f} MB seed file, {statements:,} statements (written in {took:.0f} s)")
            if server is not None:
                print(
                    f"PostgreSQL {server.binaries.major}, a fresh database for each of {', '.join(_DATABASE)}"
                )
            print(f"{'mode':<10} {'statements':>10} {'seconds':>8} {'peak RSS':>9}")
            for mode in modes:
                dsn = (
                    fresh_database(server, f"bench_{mode.replace('-', '_')}")
                    if server and mode in _DATABASE
                    else ""
                )
                if mode == "psql":
                    assert server is not None
                    result: dict[str, float] | None = run_psql(server, folder, dsn)
                else:
                    result = run(mode, folder, args.pythonpath, dsn)
                if result is None:
                    print(f"{mode:<10} {'n/a':>10}")
                    continue
                print(
                    f"{mode:<10} {int(result['statements']):>10,} {result['seconds']:>8.1f}"
                    f" {result['peak_mb']:>6.0f} MB",
                    flush=True,
                )
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
