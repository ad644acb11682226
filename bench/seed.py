"""Benchmark: a big seed-data migration (many small INSERTs, and one huge INSERT), migwiz beside psql.

Generates one file of `--mb` megabytes of single-row INSERTs (plus the CREATE TABLE), then applies it in
the same run, on the same server, to fresh databases: with `psql -1 -f` (one transaction, the physical
reference) and with `migwiz up` (the CLI, in a subprocess, as an operator runs it). Then the same rows as
one multi-row INSERT statement, to see the memory a single huge statement costs (peak RSS of the process,
psql and migwiz alike). Reported: seconds, statements/s, the ratio to psql (goal: at most 1.5x), the
events migwiz wrote to its central log, and peak memory.

    .venv/bin/python -m bench.seed [--mb 50] [--pg 18]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg

from migwiz.engine.servers.local import LocalServer, available_binaries, find_binaries, start_server

SERVER_SETTINGS = {"max_wal_size": "'4GB'", "checkpoint_timeout": "'30min'", "autovacuum": "off"}
TABLE = "CREATE TABLE seed (id bigint PRIMARY KEY, name text NOT NULL, amount numeric(12, 2), note text);"


def row(i: int) -> str:
    """One row's VALUES tuple (about 90 bytes)."""
    return f"({i}, 'customer {i:08d}', {i % 100000 / 7:.2f}, 'seeded row number {i} of the benchmark')"


def write_small(folder: Path, megabytes: int) -> int:
    """`1_seed.up.sql`: CREATE TABLE and single-row INSERTs up to `megabytes`; returns the statement count."""
    target = megabytes * 1_000_000
    count, size = 0, 0
    with (folder / "1_seed.up.sql").open("w") as f:
        f.write(TABLE + "\n")
        while size < target:
            count += 1
            line = f"INSERT INTO seed (id, name, amount, note) VALUES {row(count)};\n"
            f.write(line)
            size += len(line)
    return count + 1


def write_huge(folder: Path, rows: int) -> int:
    """`1_seed.up.sql`: CREATE TABLE and one INSERT of `rows` rows; returns the statement count (2)."""
    with (folder / "1_seed.up.sql").open("w") as f:
        f.write(TABLE + "\nINSERT INTO seed (id, name, amount, note) VALUES\n")
        f.write(",\n".join(row(i) for i in range(1, rows + 1)))
        f.write(";\n")
    return 2


@dataclass(frozen=True)
class Result:
    """One tool applying one file."""

    shape: str
    tool: str
    statements: int
    seconds: float
    peak_rss_mb: float
    events: int | None

    @property
    def rate(self) -> float:
        return self.statements / self.seconds


def fresh_database(server: LocalServer, name: str) -> str:
    with psycopg.connect(server.dsn(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
        conn.execute("CHECKPOINT")
    return server.dsn(name)


def timed(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Run `args`; (seconds, peak RSS of that process in MB). Exits when it fails."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{args[0]} failed ({proc.returncode}): {err[-2000:].decode(errors='replace')}")
    return seconds, usage.ru_maxrss / 1024


def measure(server: LocalServer, folder: Path, shape: str, statements: int, rows: int) -> list[Result]:
    out: list[Result] = []
    dsn = fresh_database(server, "bench_psql")
    psql = str(server.binaries.tool("psql"))
    seconds, rss = timed(
        [psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-1", "-d", dsn, "-f", str(folder / "1_seed.up.sql")]
    )
    out.append(Result(shape, "psql -1 -f", statements, seconds, rss, None))
    dsn = fresh_database(server, "bench_migwiz")
    env = {**os.environ, "NO_COLOR": "1"}
    up = ["up", "--dsn", dsn, "--dir", str(folder), "--allow-irreversible", "--json"]
    seconds, rss = timed([sys.executable, "-m", "migwiz", *up], env)
    with psycopg.connect(dsn) as conn:
        counted = conn.execute("SELECT count(*) FROM seed").fetchone()
        events = conn.execute("SELECT count(*) FROM migwiz.events").fetchone()
    assert counted is not None and counted[0] == rows, f"migwiz applied {counted} rows, not {rows}"
    out.append(Result(shape, "migwiz up", statements, seconds, rss, int(events[0]) if events else None))
    return out


def table(results: list[Result]) -> str:
    head = (
        f"{'file':<22} {'tool':<12} {'statements':>10} {'seconds':>8} {'stmt/s':>9} {'x psql':>7}"
        f" {'events':>7} {'peak RSS':>9}"
    )
    lines = [head, "-" * len(head)]
    psql = {r.shape: r.seconds for r in results if r.tool.startswith("psql")}
    for r in results:
        events = "" if r.events is None else str(r.events)
        lines.append(
            f"{r.shape:<22} {r.tool:<12} {r.statements:>10,} {r.seconds:>8.1f} {r.rate:>9,.0f}"
            f" {r.seconds / psql[r.shape]:>6.2f}x {events:>7} {r.peak_rss_mb:>6.0f} MB"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--mb", type=int, default=50, help="size of the generated seed file (MB)")
    parser.add_argument("--pg", type=int, help="server major version (default: newest)")
    parser.add_argument("--no-huge", action="store_true", help="skip the single huge INSERT")
    parser.add_argument("--no-small", action="store_true", help="skip the single-row INSERTs")
    args = parser.parse_args()
    binaries = find_binaries(args.pg) if args.pg else max(available_binaries(), key=lambda b: b.major)
    if binaries is None:
        raise SystemExit(f"no PostgreSQL {args.pg} here")
    server = start_server(binaries, settings=SERVER_SETTINGS)
    results: list[Result] = []
    try:
        with tempfile.TemporaryDirectory(prefix="migwiz-bench-seed-") as tmp:
            small = Path(tmp) / "small"
            small.mkdir()
            statements = write_small(small, args.mb)
            print(
                f"PostgreSQL {binaries.major}; {args.mb} MB of INSERTs: {statements:,} statements", flush=True
            )
            if not args.no_small:
                results += measure(server, small, f"{args.mb} MB, 1-row INSERTs", statements, statements - 1)
                print(table(results), flush=True)
            if not args.no_huge:
                huge = Path(tmp) / "huge"
                huge.mkdir()
                rows = statements - 1
                write_huge(huge, rows)
                size = (huge / "1_seed.up.sql").stat().st_size / 1e6
                results += measure(server, huge, f"{size:.0f} MB, one INSERT", 2, rows)
    finally:
        server.stop()
    print()
    print(table(results))


if __name__ == "__main__":
    main()
