"""`migwiz fleet up` against one `migwiz up` per target, on real servers; memory of the fleet runner.

    .venv/bin/python -m bench.fleet                                   # full size: 200 + 200, 1,000 for memory
    .venv/bin/python -m bench.fleet --databases 40 --tenants 40 --memory-targets 200,1000

The fleet: `--databases` databases split over two embedded servers plus `--tenants` tenant schemas in one
database, each with a small schema (customers, orders) and `--rows` orders. The set has 5 migrations: a
new column, `CREATE INDEX CONCURRENTLY`, a batched backfill, a NOT VALID check and its validation.

Measured: the wall time of `fleet up` (in-process, `--concurrency`, default 8) against a shell-style loop of
`migwiz up` processes over an identical second fleet; the longest lock wait of any migwiz statement per
target database, sampled from pg_stat_activity every 20 ms (the single-target limit is lock_timeout, 2 s);
and the peak memory (max RSS) of a `fleet up` process at each size of `--memory-targets` tenant schemas.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from psycopg import sql

from migwiz.engine.commands import fleet_rollout as rollout
from migwiz.engine.commands import fleet_status, load_fleet
from migwiz.engine.fleet.targets import Target, quote_ident
from migwiz.engine.run.runner import ExecutionPolicy
from migwiz.engine.servers.local import LocalServer, available_binaries, start_server
from migwiz.engine.sets import load_migration_set

SETTINGS = {"max_connections": "250", "fsync": "off", "synchronous_commit": "off"}
SCHEMA = """
CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers,
                     amount numeric(10, 2) NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
INSERT INTO customers SELECT g, 'customer ' || g FROM generate_series(1, 100) g;
INSERT INTO orders SELECT g, 1 + g % 100, g % 997, now() - g * interval '1 minute'
  FROM generate_series(1, {rows}) g;
"""
SET = {
    "1_status.up.sql": "ALTER TABLE orders ADD COLUMN status text;\n",
    "1_status.down.sql": "ALTER TABLE orders DROP COLUMN status;\n",
    "2_orders_customer.up.sql": "-- migwiz:no-transaction\n"
    "CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);\n",
    "2_orders_customer.down.sql": "-- migwiz:no-transaction\nDROP INDEX CONCURRENTLY orders_customer_idx;\n",
    "3_backfill_status.up.sql": "-- migwiz:phase=backfill\n-- migwiz:backfill\n"
    "UPDATE orders SET status = 'open' WHERE status IS NULL;\n",
    "3_backfill_status.down.sql": "UPDATE orders SET status = NULL;\n",
    "4_status_check.up.sql": "ALTER TABLE orders ADD CONSTRAINT orders_status_chk CHECK (status IS NOT NULL)"
    " NOT VALID;\n",
    "4_status_check.down.sql": "ALTER TABLE orders DROP CONSTRAINT orders_status_chk;\n",
    "5_validate.up.sql": "ALTER TABLE orders VALIDATE CONSTRAINT orders_status_chk;\n",
    "5_validate.down.sql": "SELECT 1;\n",
}
WAITS = """SELECT datname, pid, extract(epoch FROM now() - state_change) FROM pg_stat_activity
WHERE application_name LIKE 'migwiz%%' AND wait_event_type = 'Lock'"""


def execute(dsn: str, query: str) -> None:
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(query.encode())


def make_databases(server: LocalServer, prefix: str, count: int, rows: int) -> None:
    """`count` databases `<prefix>_NNN` copied from a template holding the schema and rows."""
    template = f"{prefix}_template"
    execute(server.dsn(), f"CREATE DATABASE {template}")
    execute(server.dsn(template), SCHEMA.format(rows=rows))
    with psycopg.connect(server.dsn(), autocommit=True) as conn:
        for i in range(count):
            conn.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(f"{prefix}_{i:04d}"), sql.Identifier(template)
                )
            )


def make_tenants(server: LocalServer, dbname: str, count: int, rows: int) -> None:
    """One database with `count` tenant schemas `tenant_NNNN`, each with the schema and rows."""
    execute(server.dsn(), f"CREATE DATABASE {dbname}")
    with psycopg.connect(server.dsn(dbname), autocommit=True) as conn:
        for i in range(count):
            name = f"tenant_{i:04d}"
            with conn.transaction():
                conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(name)))
                conn.execute(sql.SQL("SET LOCAL search_path = {}").format(sql.Identifier(name)))
                conn.execute(SCHEMA.format(rows=rows).encode())


def fleet_file(folder: Path, servers: list[LocalServer], prefix: str, tenants_db: str | None) -> Path:
    """A fleet.toml listing the `<prefix>_NNNN` databases of each server and the tenants of `tenants_db`."""
    lines = [
        "[fleet]",
        "wave_size = 50",
        'canary = ["a/' + prefix + '_0000"]',
        f'state_file = "{prefix}.jsonl"',
        "",
    ]
    for label, server in zip("ab", servers, strict=False):
        query = f"SELECT datname FROM pg_database WHERE datname ~ '^{prefix}_[0-9]+$' ORDER BY 1"
        lines += ["[[fleet.target]]", f'name = "{label}"', f"dsn = {json.dumps(server.dsn())}",
                  f"databases = {json.dumps(query)}", ""]  # fmt: skip
    if tenants_db:
        query = "SELECT nspname FROM pg_namespace WHERE nspname ~ '^tenant_[0-9]+$' ORDER BY 1"
        lines += ["[[fleet.target]]", 'name = "t"', f"dsn = {json.dumps(servers[0].dsn(tenants_db))}",
                  f"tenants = {json.dumps(query)}", ""]  # fmt: skip
    path = folder / f"{prefix}.toml"
    path.write_text("\n".join(lines))
    return path


class WaitSampler:
    """The longest lock wait of any migwiz session per database, sampled every 20 ms."""

    def __init__(self, servers: list[LocalServer]) -> None:
        self.servers = servers
        self.longest: dict[str, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        conns = [psycopg.connect(s.dsn(), autocommit=True) for s in self.servers]
        try:
            while not self._stop.wait(0.02):
                for conn in conns:
                    for datname, _pid, seconds in conn.execute(WAITS).fetchall():
                        self.longest[datname] = max(self.longest.get(datname, 0.0), float(seconds or 0))
        finally:
            for conn in conns:
                conn.close()

    @contextmanager
    def sampling(self) -> Iterator[WaitSampler]:
        self._thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            self._thread.join()


def sequential(targets: list[Target], folder: Path) -> float:
    """One `migwiz up` process per target, one after the other, as a shell loop would; seconds."""
    began = time.perf_counter()
    for target in targets:
        done = subprocess.run(
            [sys.executable, "-m", "migwiz", "up", "--dsn", target.dsn, "--dir", str(folder),
             "--schema", target.schema, "--json"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise SystemExit(f"migwiz up failed on {target.name}: {done.stdout[-500:]} {done.stderr[-500:]}")
    return time.perf_counter() - began


def memory_child(dsn: str, count: int, folder: Path) -> None:
    """(In a fresh process) `fleet up` over `count` tenants of `dsn`; prints max RSS in MB and seconds."""
    fleet_path = folder / f"memory-{count}.toml"
    query = f"SELECT nspname FROM pg_namespace WHERE nspname ~ '^tenant_[0-9]+$' ORDER BY 1 LIMIT {count}"
    fleet_path.write_text(
        f'[fleet]\nconcurrency = 8\nwave_size = 100\n[[fleet.target]]\nname = "t"\ndsn = {json.dumps(dsn)}\n'
        f"tenants = {json.dumps(query)}\n"
    )
    began = time.perf_counter()
    report = rollout(
        load_fleet(fleet_path), load_migration_set(folder / "set"), ExecutionPolicy(), new_run=True
    )
    seconds = time.perf_counter() - began
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"targets": count, "rss_mb": round(rss_mb, 1), "seconds": round(seconds, 1),
                      "counts": report.counts, "failed": [f.to_json() for f in report.failed]}))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--databases", type=int, default=200, help="databases, split over two servers")
    parser.add_argument("--tenants", type=int, default=200, help="tenant schemas in one database")
    parser.add_argument("--rows", type=int, default=2000, help="orders per target")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument(
        "--memory-targets", default="1000", help="tenant counts for the memory runs (0: none)"
    )
    parser.add_argument("--skip-sequential", action="store_true", help="only the fleet runs")
    parser.add_argument(
        "--sequential",
        type=int,
        default=0,
        help="run the one-process-per-target loop on this many targets"
        " only (0: all) and report its time per target",
    )
    parser.add_argument("--memory-child", nargs=3, metavar=("DSN", "COUNT", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        memory_child(args.memory_child[0], int(args.memory_child[1]), Path(args.memory_child[2]))
        return
    binaries = max(available_binaries(), key=lambda b: b.major)
    servers = [start_server(binaries, settings=SETTINGS) for _ in range(2)]
    work = Path(tempfile.mkdtemp(prefix="migwiz-bench-fleet-"))
    folder = work / "set"
    folder.mkdir()
    for name, text in SET.items():
        (folder / name).write_text(text)
    mset = load_migration_set(folder)
    try:
        print(f"PostgreSQL {binaries.major}, 2 servers; {args.databases} databases + {args.tenants} tenant"
              f" schemas per fleet, {args.rows} orders each", flush=True)  # fmt: skip
        prefixes = ("fleet", "one") if args.skip_sequential else ("fleet", "one", "seq")
        began = time.perf_counter()
        for prefix in prefixes:
            for i, server in enumerate(servers):
                half = args.databases // 2 + (args.databases % 2 if i == 0 else 0)
                make_databases(server, prefix, half, args.rows)
            if args.tenants:
                make_tenants(servers[0], f"{prefix}_tenants", args.tenants, args.rows)
        print(f"set up {len(prefixes)} identical fleets in {time.perf_counter() - began:.0f} s", flush=True)
        rows = []
        for prefix, concurrency in (("fleet", args.concurrency), ("one", 1)):
            fleet = load_fleet(
                fleet_file(work, servers, prefix, f"{prefix}_tenants" if args.tenants else None)
            )
            with WaitSampler(servers).sampling() as waits:
                began = time.perf_counter()
                report = rollout(fleet, mset, ExecutionPolicy(), concurrency=concurrency)
                seconds = time.perf_counter() - began
            matrix = fleet_status(fleet.targets(), mset, concurrency=8)
            print(f"fleet up --concurrency {concurrency}: {seconds:.1f} s, {report.outcome}, {report.counts};"
                  f" in step after: {matrix.in_step}/{matrix.targets}", flush=True)  # fmt: skip
            if report.outcome != "success" or matrix.in_step != matrix.targets:
                raise SystemExit(json.dumps(report.to_json())[:2000])
            label = f"fleet up, concurrency {concurrency}"
            rows.append((label, matrix.targets, seconds, dict(waits.longest), report.longest_lock_wait_ms))
        if not args.skip_sequential:
            fleet = load_fleet(fleet_file(work, servers, "seq", "seq_tenants" if args.tenants else None))
            seq = list(fleet.targets())
            if args.sequential:  # databases and tenants alike: every other target up to the sample size
                step = max(1, len(seq) // args.sequential)
                seq = seq[::step][: args.sequential]
            with WaitSampler(servers).sampling() as waits:
                seconds = sequential(seq, folder)
            print(f"migwiz up x {len(seq)}, one process after the other: {seconds:.1f} s", flush=True)
            rows.append(("migwiz up per target, one by one", len(seq), seconds, dict(waits.longest), 0.0))
        print("\n| run | targets | wall time | per target | longest lock wait sampled | longest in events |")
        print("|---|---|---|---|---|---|")
        for name, count, seconds, longest, logged in rows:
            worst = max(longest.values(), default=0.0) * 1000
            per = seconds / max(count, 1) * 1000
            print(f"| {name} | {count} | {seconds:.1f} s | {per:.0f} ms | {worst:.0f} ms | {logged:.0f} ms |")
        fleet_per = rows[0][2] / max(rows[0][1], 1)
        for name, count, seconds, _, _ in rows[1:]:
            ratio = seconds / max(count, 1) / fleet_per
            print(f"fleet up (concurrency {args.concurrency}) vs {name}: {ratio:.1f}x faster per target")
        counts = [int(c) for c in args.memory_targets.split(",") if int(c) > 0]
        if counts:
            make_tenants(servers[1], "memory_tenants", max(counts), 10)
            print("\n| fleet up over tenants | max RSS | wall time |\n|---|---|---|")
            for count in counts:
                out = subprocess.run(
                    [sys.executable, "-m", "bench.fleet", "--memory-child", servers[1].dsn("memory_tenants"),
                     str(count), str(work)], capture_output=True, text=True, check=True,
                ).stdout  # fmt: skip
                result = json.loads(out.strip().splitlines()[-1])
                print(
                    f"| {count} | {result['rss_mb']} MB | {result['seconds']} s ({result['counts']}) |",
                    flush=True,
                )
                execute(servers[1].dsn("memory_tenants"), _reset_tenants(count))
    finally:
        for server in servers:
            server.stop()


def _reset_tenants(count: int) -> str:
    """SQL that takes the first `count` memory tenants back to before the set (for the next size)."""
    parts = []
    for i in range(count):
        name = quote_ident(f"tenant_{i:04d}")
        parts.append(f"DROP SCHEMA IF EXISTS {quote_ident(f'migwiz_tenant_{i:04d}')} CASCADE;"
                     f" DROP INDEX IF EXISTS {name}.orders_customer_idx;"
                     f" ALTER TABLE {name}.orders DROP COLUMN IF EXISTS status CASCADE;")  # fmt: skip
    return "\n".join(parts)


if __name__ == "__main__":
    main()
