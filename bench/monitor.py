"""Benchmark: what one `Monitor.sample()` costs with 10, 100, 200 and 300 open client connections.

An embedded server (max_connections 400) gets a client mix: one session holding ACCESS EXCLUSIVE on a
table with a few sessions queued behind it (our DDL among them), a fifth of the clients idle in
transaction, the rest idle. The monitor then samples back to back. Goal: under 2 ms at 200.

    .venv/bin/python -m bench.monitor [--pg 18|all] [--samples 300] [--clients 10,100,200,300]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import psycopg

from migwiz.engine.observe import Monitor, Snapshot
from migwiz.engine.servers.local import Binaries, LocalServer, available_binaries, start_server

GOAL_MS = 2.0
GOAL_CLIENTS = 200
WAITERS = 4  # readers queued behind the holder, plus our DDL

Conn = psycopg.Connection[tuple[Any, ...]]


@dataclass
class Clients:
    """The open client sessions, grown step by step."""

    dsn: str
    idle: list[Conn] = field(default_factory=list)
    in_transaction: list[Conn] = field(default_factory=list)
    locking: list[Conn] = field(default_factory=list)
    ours: list[int] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.idle) + len(self.in_transaction) + len(self.locking)

    def _open(self, name: str) -> Conn:
        return psycopg.connect(self.dsn, autocommit=True, application_name=name)

    def start_lock_queue(self) -> None:
        """A holder of ACCESS EXCLUSIVE on `hot`, readers waiting for it, our DDL queued behind them."""
        holder = self._open("bench holder")
        holder.execute("BEGIN")
        holder.execute("LOCK TABLE hot IN ACCESS EXCLUSIVE MODE")
        self.locking.append(holder)
        for i in range(WAITERS + 1):
            ddl = i == WAITERS
            conn = self._open("migwiz bench ddl" if ddl else "bench reader")
            statement = b"ALTER TABLE hot ADD COLUMN c int" if ddl else b"SELECT count(*) FROM hot"
            conn.pgconn.send_query(statement)  # returns at once; the session now waits for the lock
            self.locking.append(conn)
            if ddl:
                self.ours.append(conn.info.backend_pid)

    def grow_to(self, total: int) -> None:
        """Open clients until `total`: a fifth idle in transaction (holding a read lock), the rest idle."""
        while self.count < total:
            if len(self.in_transaction) < total // 5:
                conn = self._open("bench open transaction")
                conn.execute("BEGIN")
                conn.execute("SELECT count(*) FROM busy")
                self.in_transaction.append(conn)
            else:
                conn = self._open("bench idle")
                conn.execute("SELECT 1")
                self.idle.append(conn)

    def close(self) -> None:
        for conn in self.locking + self.in_transaction + self.idle:
            conn.close()


@dataclass(frozen=True)
class Result:
    major: int
    clients: int
    samples: int
    mean_ms: float
    p50_ms: float
    p95_ms: float
    max_ms: float
    last: Snapshot


def measure(server: LocalServer, clients: Clients, samples: int) -> Result:
    """Time `samples` back-to-back samples after a warm-up (psycopg prepares the queries on the 5th run)."""
    with Monitor(server.dsn(), our_pids=lambda: clients.ours, long_transaction_s=0.0) as monitor:
        for _ in range(20):
            monitor.sample()
        times: list[float] = []
        snapshot = monitor.sample()
        for _ in range(samples):
            started = time.perf_counter()
            snapshot = monitor.sample()
            times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return Result(
        server.major,
        clients.count,
        samples,
        statistics.fmean(times),
        times[len(times) // 2],
        times[min(len(times) - 1, int(len(times) * 0.95))],
        times[-1],
        snapshot,
    )


def run_version(binaries: Binaries, counts: Sequence[int], samples: int) -> list[Result]:
    """Start a server of this version, grow the client mix through `counts`, measure at each step."""
    server = start_server(binaries, settings={"max_connections": "400"})
    clients = Clients(server.dsn())
    try:
        with psycopg.connect(server.dsn(), autocommit=True) as conn:
            conn.execute(
                "CREATE TABLE hot (id int); CREATE TABLE busy AS SELECT generate_series(1, 1000) AS id"
            )
        clients.start_lock_queue()
        results = []
        for count in counts:
            clients.grow_to(count)
            results.append(measure(server, clients, samples))
        return results
    finally:
        clients.close()
        server.stop()


def table(results: Sequence[Result]) -> str:
    """The results as a plain text table."""
    head = (
        f"{'PG':>3} {'clients':>7} {'samples':>7} {'mean ms':>8} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7}"
        f" {'waiting':>7} {'long xacts':>10} {'ours':>4}"
    )
    lines = [head, "-" * len(head)]
    for r in results:
        s = r.last
        lines.append(
            f"{r.major:>3} {r.clients:>7} {r.samples:>7} {r.mean_ms:>8.2f} {r.p50_ms:>7.2f} {r.p95_ms:>7.2f}"
            f" {r.max_ms:>7.2f} {s.waiting:>7} {len(s.long_transactions):>10} {len(s.ours):>4}"
        )
    return "\n".join(lines)


def verdict(results: Sequence[Result]) -> str:
    """Whether the goal holds at GOAL_CLIENTS connections: the mean sample under GOAL_MS."""
    at_goal = [r for r in results if r.clients == GOAL_CLIENTS]
    if not at_goal:
        return f"goal: under {GOAL_MS} ms at {GOAL_CLIENTS} connections (not measured in this run)"
    mean = max(r.mean_ms for r in at_goal)
    p95 = max(r.p95_ms for r in at_goal)
    ok = "met" if mean < GOAL_MS else "NOT met"
    return (
        f"goal under {GOAL_MS} ms per sample at {GOAL_CLIENTS} connections: {ok}"
        f" (mean {mean:.2f} ms, p95 {p95:.2f} ms)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.monitor", description=__doc__.splitlines()[0])
    parser.add_argument("--pg", default="newest", help="major version, 'all', or 'newest' (default)")
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--clients", default="10,100,200,300", help="comma-separated connection counts")
    args = parser.parse_args(argv)
    found = list(available_binaries())
    if not found:
        print("no PostgreSQL binaries on this machine")
        return 1
    if args.pg == "all":
        chosen = found
    elif args.pg == "newest":
        chosen = [max(found, key=lambda b: b.major)]
    else:
        chosen = [b for b in found if b.major == int(args.pg)]
    counts = sorted(int(c) for c in args.clients.split(","))
    results = [r for binaries in chosen for r in run_version(binaries, counts, args.samples)]
    print("Monitor.sample() cost, back to back, on this machine (loopback)")
    print(table(results))
    print(verdict(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
