"""Benchmark: backfilling a column while a workload writes to the same table, against one UPDATE.

For each table size the same UPDATE runs as (1) one statement, (2) optionally fixed batches of 1,000
keys, each its own transaction (what pgroll does, `--fixed`), and (3) the migwiz backfill (key ranges
taken by N workers, adaptive keyset batches with checkpoints) for each N of `--workers`. Every method
starts from a freshly built table on the same server in the same run. Reported: rows/s (and relative
to the single UPDATE), WAL bytes per row, the longest lock hold of any batch (its transaction's
duration: for the migwiz backfill as the server measured it, from the batch statement's start to the end
of its work; the longest client round trip of a batch is noted below the table), and the workload's p99
and max latency while each ran. Goal: ≥ 1.2× the single UPDATE's
rate, no batch holding locks longer than 50 ms, no workload transaction slower than 100 ms.

    .venv/bin/python -m bench.backfill [--sizes 1000000,4000000] [--workers 1,2,4] [--fixed] [--pg 18]
"""

from __future__ import annotations

import argparse
import os
import random
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import psycopg

from migwiz.engine.backfill import Backfill, BackfillProgress, BackfillSettings, parse_backfill
from migwiz.engine.backfill.events import BackfillBatch, BackfillEvent
from migwiz.engine.servers.local import available_binaries, find_binaries, start_server
from migwiz.engine.sets.model import Script, Statement

BACKFILL = "UPDATE bench SET cents = round(amount * 100)"
WORKLOAD_INTERVAL_S = 0.005  # about 150-200 single-row transactions per second
SERVER_SETTINGS = {"max_wal_size": "'4GB'", "checkpoint_timeout": "'30min'", "autovacuum": "off"}

Conn = psycopg.Connection[tuple[Any, ...]]


@dataclass
class Workload:
    """Single-row updates of random rows and some inserts, each timed."""

    dsn: str
    rows: int
    latencies_ms: list[float] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread | None = None

    def run(self) -> None:
        rng = random.Random(1)
        next_id = self.rows * 10
        with psycopg.connect(self.dsn, autocommit=True, application_name="bench workload") as conn:
            while not self.stop.is_set():
                started = time.perf_counter()
                if rng.random() < 0.2:
                    conn.execute("INSERT INTO bench (id, amount) VALUES (%s, 1)", (next_id,))
                    next_id += 1
                else:
                    conn.execute(
                        "UPDATE bench SET amount = amount + 1 WHERE id = %s", (rng.randint(1, self.rows),)
                    )
                self.latencies_ms.append((time.perf_counter() - started) * 1000)
                time.sleep(WORKLOAD_INTERVAL_S)

    def __enter__(self) -> Workload:
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        assert self.thread is not None
        self.thread.join(timeout=30)


@dataclass(frozen=True)
class Result:
    """One method on one table size."""

    rows: int
    method: str
    seconds: float
    wal_bytes: float
    longest_hold_ms: float
    batches: int
    p99_ms: float
    max_ms: float

    @property
    def rate(self) -> float:
        return self.rows / self.seconds


def progress_of(on_progress: Callable[[BackfillProgress], None], event: BackfillEvent) -> None:
    """The backfill's events reduced to its progress, as the run's stream hands it to a face."""
    if isinstance(event, BackfillBatch):
        on_progress(event.progress)


def build_table(conn: Conn, rows: int) -> None:
    conn.execute("DROP TABLE IF EXISTS bench")
    conn.execute("DROP SCHEMA IF EXISTS migwiz CASCADE")
    conn.execute("CREATE TABLE bench (id bigint PRIMARY KEY, amount numeric(12, 2), cents bigint, note text)")
    conn.execute(
        "INSERT INTO bench (id, amount, note) SELECT g, (g %% 100000) / 7.0, 'order ' || g"
        " FROM generate_series(1, %s) g",
        (rows,),
    )
    conn.execute("VACUUM ANALYZE bench")
    conn.execute("CHECKPOINT")


def wal(conn: Conn) -> float:
    row = conn.execute("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::float8").fetchone()
    assert row is not None
    return float(row[0])


def single_update(conn: Conn, dsn: str) -> tuple[float, int]:
    started = time.perf_counter()
    conn.execute(BACKFILL)
    return (time.perf_counter() - started) * 1000, 1


def fixed_batches(conn: Conn, dsn: str, size: int = 1000) -> tuple[float, int]:
    """pgroll's shape: UPDATE ... WHERE pk IN (the next `size` keys) RETURNING pk, one transaction each."""
    last, longest, batches = 0, 0.0, 0
    upper_row = conn.execute("SELECT max(id) FROM bench").fetchone()
    upper = int(upper_row[0]) if upper_row and upper_row[0] is not None else 0
    while True:
        started = time.perf_counter()
        rows = conn.execute(
            "WITH b AS (UPDATE bench SET cents = round(amount * 100) WHERE id IN"
            " (SELECT id FROM bench WHERE id > %s AND id <= %s ORDER BY id LIMIT %s) RETURNING id)"
            " SELECT max(id) FROM b",
            (last, upper, size),
        ).fetchone()
        longest = max(longest, (time.perf_counter() - started) * 1000)
        batches += 1
        if rows is None or rows[0] is None:
            return longest, batches
        last = int(rows[0])


BRAKES: list[str] = []


def migwiz_backfill(conn: Conn, dsn: str, workers: int) -> tuple[float, int]:
    """The migwiz backfill with `workers` workers; the brakes it applied are noted in BRAKES."""
    spec = parse_backfill(Script(Path("bench.sql"), (Statement(BACKFILL, 1),)))
    braked: set[str] = set()

    def note(p: BackfillProgress) -> None:
        if p.throttle:
            braked.add(p.throttle.split(":")[0])

    job = Backfill(conn, dsn, spec, backfill_id="bench", schema="migwiz", run_id=str(uuid.uuid4()),
                   emit=partial(progress_of, note), settings=BackfillSettings(workers=workers))  # fmt: skip
    result = job.run(resume=False)
    BRAKES.append(
        f"{workers} worker(s): " + (", ".join(sorted(braked)) or "no brake")
        + f"; longest round trip of a batch {result.max_batch_ms:.0f} ms"
    )  # fmt: skip
    return result.max_held_ms, result.batches


def methods(workers: list[int], fixed: bool) -> dict[str, Callable[[Conn, str], tuple[float, int]]]:
    """The methods to compare, by name."""
    chosen: dict[str, Callable[[Conn, str], tuple[float, int]]] = {"single UPDATE": single_update}
    if fixed:
        chosen["1,000-row batches"] = fixed_batches
    for n in workers:
        chosen[f"migwiz, {n} worker{'s' if n > 1 else ''}"] = partial(migwiz_backfill, workers=n)
    return chosen


def measure(dsn: str, rows: int, method: str, run: Callable[[Conn, str], tuple[float, int]]) -> Result:
    with psycopg.connect(dsn, autocommit=True, application_name="bench setup") as setup:
        build_table(setup, rows)
    with psycopg.connect(dsn, autocommit=True, application_name="migwiz bench") as conn:
        with Workload(dsn, rows) as workload:
            while len(workload.latencies_ms) < 50:  # the workload is warm
                time.sleep(0.01)
            warm = len(workload.latencies_ms)
            before = wal(conn)
            started = time.perf_counter()
            longest, batches = run(conn, dsn)
            seconds = time.perf_counter() - started
            after = wal(conn)
            ended = len(workload.latencies_ms)
            deadline = time.monotonic() + 5
            while len(workload.latencies_ms) <= ended and time.monotonic() < deadline:
                time.sleep(0.005)  # the transaction waiting when the method ended counts too
            during = workload.latencies_ms[warm : ended + 1]
        ranked = sorted(during)
        p99 = ranked[min(len(ranked) - 1, int(len(ranked) * 0.99))] if ranked else 0.0
    return Result(rows, method, seconds, after - before, longest, batches, p99, max(during, default=0.0))


def table(results: list[Result]) -> str:
    head = (
        f"{'rows':>9}  {'method':<19} {'rows/s':>10} {'x single':>8} {'WAL B/row':>9} {'batches':>7}"
        f" {'longest hold':>12} {'wl p99':>8} {'wl max':>8}"
    )
    lines = [head, "-" * len(head)]
    single = {r.rows: r.rate for r in results if r.method == "single UPDATE"}
    for r in results:
        lines.append(
            f"{r.rows:>9,}  {r.method:<19} {r.rate:>10,.0f} {r.rate / single[r.rows]:>7.2f}x"
            f" {r.wal_bytes / r.rows:>9.0f} {r.batches:>7} {r.longest_hold_ms:>9.0f} ms"
            f" {r.p99_ms:>5.1f} ms {r.max_ms:>5.0f} ms"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="1000000,4000000")
    parser.add_argument("--workers", default="1,2,4", help="worker counts of the migwiz backfill")
    parser.add_argument("--fixed", action="store_true", help="also run fixed 1,000-row batches")
    parser.add_argument("--pg", type=int, help="server major version (default: newest)")
    args = parser.parse_args()
    chosen = methods([int(n) for n in args.workers.split(",")], args.fixed)
    binaries = find_binaries(args.pg) if args.pg else max(available_binaries(), key=lambda b: b.major)
    if binaries is None:
        raise SystemExit(f"no PostgreSQL {args.pg} here")
    server = start_server(binaries, settings=SERVER_SETTINGS)
    results: list[Result] = []
    try:
        dsn = server.dsn()
        pause = WORKLOAD_INTERVAL_S * 1000
        cores, load = os.cpu_count(), os.getloadavg()
        print(f"PostgreSQL {binaries.major}; workload: a single-row update or insert every {pause:.0f} ms")
        print(f"{cores} cores here, load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} at the start")
        for rows in (int(s) for s in args.sizes.split(",")):
            for method, run in chosen.items():
                result = measure(dsn, rows, method, run)
                results.append(result)
                print(f"  {rows:,} rows, {method}: {result.seconds:.1f} s", flush=True)
    finally:
        server.stop()
    print()
    print(table(results))
    print()
    print("brakes applied:", "; ".join(BRAKES))
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
