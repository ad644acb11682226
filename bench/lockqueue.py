"""Benchmark: what a DDL that needs ACCESS EXCLUSIVE does to a busy table while a long reader holds it.

One embedded server, one table of a few million rows, a steady open-loop workload of psycopg clients
(point reads and updates at a fixed rate well under the machine's capacity). In each scenario a reader
opens a transaction, reads the table and stays open for 5 s; half a second after it started, the DDL
(`ALTER TABLE ... ADD COLUMN`, metadata only) is applied in one of three ways, side by side:

- naive:  what `psql -f` does: no lock_timeout, the DDL queues behind the reader and everyone queues
          behind the DDL;
- retry:  a hand-rolled loop: lock_timeout 200 ms, on failure sleep a fixed 500 ms and try again;
- migwiz: `migwiz up` (the engine's `commands.up`) with its default policy.

Reported per scenario: workload max and p99 latency (from each transaction's scheduled start, so time
spent waiting to start counts), transactions slower than 100 ms, total stall (the sum of the gaps longer
than 50 ms between consecutive transaction completions: time when nothing finished), and how long after
the reader's commit the DDL completed. Goals for migwiz: max < 250 ms, stall < 0.3 s, DDL done
within 0.5 s of the blocker's end.

    .venv/bin/python -m bench.lockqueue [--rows 2000000] [--rate 200] [--clients 8] [--pg 18]
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from migwiz.engine import commands
from migwiz.engine.log.eventlog import Event, MemorySink
from migwiz.engine.servers.local import LocalServer, available_binaries, start_server
from migwiz.engine.sets import load_migration_set

BLOCKER_S = 5.0
DDL_AFTER_S = 0.5
WARMUP_S = 1.0
AFTER_S = 1.5
STALL_GAP_MS = 50.0
SLOW_MS = 100.0
GOALS = {"max_ms": 250.0, "stall_s": 0.3, "ddl_after_s": 0.5}


@dataclass
class Workload:
    """Open-loop clients: each runs its transactions on a fixed schedule and records (scheduled, done)."""

    dsn: str
    rate: float
    clients: int
    rows: int
    samples: list[tuple[float, float]] = field(default_factory=list)
    errors: int = 0

    def __post_init__(self) -> None:
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads = [
            threading.Thread(target=self._client, args=(i,), daemon=True) for i in range(self.clients)
        ]

    def _client(self, number: int) -> None:
        interval = self.clients / self.rate
        rng = random.Random(number)
        with psycopg.connect(self.dsn, autocommit=True, application_name="bench client") as conn:
            conn.execute("SET statement_timeout = '30s'")
            scheduled = time.perf_counter() + rng.random() * interval
            while not self._stop.is_set():
                delay = scheduled - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
                key = rng.randint(1, self.rows)
                try:
                    if rng.random() < 0.8:
                        conn.execute("SELECT v FROM busy WHERE id = %s", (key,))
                    else:
                        conn.execute("UPDATE busy SET v = v + 1 WHERE id = %s", (key,))
                except psycopg.Error:
                    self.errors += 1
                with self._lock:
                    self.samples.append((scheduled, time.perf_counter()))
                scheduled += interval

    def start(self) -> None:
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(60)


@dataclass(frozen=True)
class Result:
    """One scenario's numbers."""

    method: str
    transactions: int
    max_ms: float
    p99_ms: float
    slow: int
    stall_s: float
    ddl_after_s: float | None
    errors: int

    def meets_goals(self) -> bool:
        return (
            self.max_ms < GOALS["max_ms"]
            and self.stall_s < GOALS["stall_s"]
            and self.ddl_after_s is not None
            and self.ddl_after_s < GOALS["ddl_after_s"]
        )


def summarise(
    method: str, samples: list[tuple[float, float]], blocker_end: float, ddl_done: float | None, errors: int
) -> Result:
    latencies = sorted((done - scheduled) * 1000 for scheduled, done in samples)
    finishes = sorted(done for _, done in samples)
    gaps = [(b - a) * 1000 for a, b in itertools.pairwise(finishes)]
    stall = sum(g for g in gaps if g > STALL_GAP_MS) / 1000
    p99 = statistics.quantiles(latencies, n=100)[98] if len(latencies) >= 100 else max(latencies)
    return Result(
        method,
        len(latencies),
        max(latencies),
        p99,
        sum(1 for x in latencies if x > SLOW_MS),
        stall,
        (ddl_done - blocker_end) if ddl_done is not None else None,
        errors,
    )


def ddl_text(column: str) -> sql.Composed:
    return sql.SQL("ALTER TABLE busy ADD COLUMN {} int").format(sql.Identifier(column))


def apply_naive(dsn: str, column: str) -> float:
    with psycopg.connect(dsn, autocommit=True, application_name="bench naive") as conn:
        conn.execute("SET lock_timeout = 0")
        conn.execute(ddl_text(column))
    return time.perf_counter()


def apply_retry(dsn: str, column: str) -> float:
    with psycopg.connect(dsn, autocommit=True, application_name="bench retry") as conn:
        conn.execute("SET lock_timeout = '200ms'")
        while True:
            try:
                conn.execute(ddl_text(column))
                return time.perf_counter()
            except psycopg.errors.LockNotAvailable:
                time.sleep(0.5)


class _Done(MemorySink):
    """Notes when the migration's statement finished."""

    def __init__(self) -> None:
        super().__init__()
        self.done: float | None = None

    def write(self, event: Event) -> None:
        if event.step == "statement" and self.done is None:
            self.done = time.perf_counter()
        super().write(event)


def apply_migwiz(dsn: str, column: str) -> float:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "1_add.up.sql").write_text(f"ALTER TABLE busy ADD COLUMN {column} int;\n")
        (root / "1_add.down.sql").write_text(f"ALTER TABLE busy DROP COLUMN {column};\n")
        sink = _Done()
        result = commands.up(
            commands.Project.of(dsn, load_migration_set(root), schema=f"migwiz_{column}"), sinks=[sink]
        )
        if not result.report.ok:
            raise RuntimeError(f"migwiz up failed: {result.report.to_json()}")
    assert sink.done is not None
    return sink.done


METHODS = {"naive (psql)": apply_naive, "retry 200ms + sleep": apply_retry, "migwiz up": apply_migwiz}


def scenario(dsn: str, method: str, rows: int, rate: float, clients: int) -> Result:
    column = "c_" + "".join(ch for ch in method.split()[0] if ch.isalnum())
    with psycopg.connect(dsn, autocommit=True) as admin:
        admin.execute(sql.SQL("ALTER TABLE busy DROP COLUMN IF EXISTS {}").format(sql.Identifier(column)))
    workload = Workload(dsn, rate, clients, rows)
    workload.start()
    time.sleep(WARMUP_S)
    blocker = psycopg.connect(dsn, application_name="bench long reader")
    blocker.execute("SELECT v FROM busy WHERE id = 1")
    blocker_start = time.perf_counter()
    done: dict[str, float] = {}
    errors: list[BaseException] = []

    def run_ddl() -> None:
        try:
            done["at"] = METHODS[method](dsn, column)
        except BaseException as exc:
            errors.append(exc)

    time.sleep(DDL_AFTER_S)
    ddl = threading.Thread(target=run_ddl, daemon=True)
    ddl.start()
    time.sleep(max(0.0, blocker_start + BLOCKER_S - time.perf_counter()))
    blocker.commit()
    blocker_end = time.perf_counter()
    blocker.close()
    ddl.join(60)
    time.sleep(AFTER_S)
    workload.stop()
    if errors:
        raise errors[0]
    return summarise(method, workload.samples, blocker_end, done.get("at"), workload.errors)


def build_table(server: LocalServer, rows: int) -> str:
    with psycopg.connect(server.dsn(), autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS bench")
        conn.execute("CREATE DATABASE bench")
    dsn = server.dsn("bench")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("CREATE TABLE busy (id bigint, v int NOT NULL, pad text)")
        conn.execute(
            "INSERT INTO busy SELECT g, g %% 1000, 'padding-padding-padding' FROM generate_series(1, %s) g",
            (rows,),
        )
        conn.execute("ALTER TABLE busy ADD PRIMARY KEY (id)")
        conn.execute("VACUUM ANALYZE busy")
    return dsn


def render(results: list[Result], settings: dict[str, Any]) -> str:
    columns = (
        ("tx", 7),
        ("max ms", 9),
        ("p99 ms", 9),
        (">100ms", 8),
        ("stall s", 9),
        ("DDL after blocker s", 21),
    )
    header = f"{'method':<22}" + "".join(f"{name:>{width}}" for name, width in columns)
    lines = [
        f"lock-queue benchmark: {settings['rows']:,} rows, {settings['rate']:.0f} tx/s from"
        f" {settings['clients']} clients, reader holds the table {BLOCKER_S:.0f} s,"
        f" PostgreSQL {settings['major']}",
        header,
        "-" * len(header),
    ]
    for r in results:
        after = f"{r.ddl_after_s:.3f}" if r.ddl_after_s is not None else "never"
        lines.append(
            f"{r.method:<22}{r.transactions:>7}{r.max_ms:>9.0f}{r.p99_ms:>9.1f}{r.slow:>8}"
            f"{r.stall_s:>9.2f}{after:>21}"
        )
    ours = next(r for r in results if r.method == "migwiz up")
    verdict = "meets" if ours.meets_goals() else "MISSES"
    lines.append(
        f"migwiz {verdict} the goals: max < {GOALS['max_ms']:.0f} ms, stall < {GOALS['stall_s']} s,"
        f" DDL within {GOALS['ddl_after_s']} s of the blocker's end"
    )
    if any(r.errors for r in results):
        lines.append("workload errors: " + ", ".join(f"{r.method}: {r.errors}" for r in results))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--rate", type=float, default=200.0, help="workload transactions per second")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--pg", type=int, help="server major version (default: newest available)")
    args = parser.parse_args()
    binaries = sorted(available_binaries(), key=lambda b: b.major)
    chosen = [b for b in binaries if args.pg is None or b.major == args.pg]
    if not chosen:
        raise SystemExit(f"no PostgreSQL {args.pg} binaries here")
    server = start_server(chosen[-1])
    try:
        started = time.perf_counter()
        dsn = build_table(server, args.rows)
        print(f"table built in {time.perf_counter() - started:.1f} s", flush=True)
        results = [scenario(dsn, method, args.rows, args.rate, args.clients) for method in METHODS]
        settings = {"rows": args.rows, "rate": args.rate, "clients": args.clients, "major": server.major}
        print(render(results, settings))
    finally:
        server.stop()


if __name__ == "__main__":
    main()
