"""Benchmark: `migwiz plan` latency on a database with 2,000 tables and a pending set touching many of them.

An embedded server gets `--tables` tables (primary key, a foreign key to the previous table, an index on a
text column, a few thousand rows in every tenth table); a pending set of `--migrations` migrations, each
altering `--per-migration` different tables (ADD COLUMN, CREATE INDEX, ALTER COLUMN TYPE, VALIDATE), and
`--holders` idle-in-transaction sessions holding locks on some of those tables. `plan()` then runs
`--runs` times; the table shows the median and the slowest, and the share spent reading the catalog.

    .venv/bin/python -m bench.plan [--pg 18] [--tables 2000] [--migrations 100] [--per-migration 10]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import psycopg

from migwiz.engine.analysis import read_catalog_facts
from migwiz.engine.commands import Project, plan
from migwiz.engine.servers.local import available_binaries, start_server
from migwiz.engine.sets import load_migration_set

GOAL_S = 2.0
STATEMENTS = (
    "ALTER TABLE t{i} ADD COLUMN note text;",
    "CREATE INDEX CONCURRENTLY t{i}_created ON t{i} (created_at);",
    "ALTER TABLE t{i} ALTER COLUMN amount TYPE bigint;",
    "ALTER TABLE t{i} VALIDATE CONSTRAINT t{i}_amount_positive;",
)


def build_schema(conn: psycopg.Connection[Any], tables: int) -> None:
    """`tables` tables chained by foreign keys, with an index, a NOT VALID check, some rows."""
    with conn.transaction():
        for i in range(tables):
            ref = f", parent bigint REFERENCES t{i - 1} (id)" if i else ""
            conn.execute(
                f"CREATE TABLE t{i} (id bigint PRIMARY KEY, label text NOT NULL, amount integer NOT NULL,"
                f" created_at timestamptz NOT NULL DEFAULT now(){ref});"
                f"CREATE INDEX t{i}_label ON t{i} (label);"
                f"ALTER TABLE t{i} ADD CONSTRAINT t{i}_amount_positive CHECK (amount > 0) NOT VALID;"
            )
            if i % 10 == 0:
                conn.execute(
                    f"INSERT INTO t{i} (id, label, amount)"
                    " SELECT g, 'row ' || g, g FROM generate_series(1, 2000) g"
                )
    conn.execute("ANALYZE")


def write_pending(folder: Path, migrations: int, per_migration: int, tables: int) -> int:
    """The pending set; returns how many distinct tables it touches."""
    touched: set[int] = set()
    stride = max(1, tables // max(1, migrations * per_migration))
    n = 0
    for m in range(migrations):
        lines = [] if m % len(STATEMENTS) != 1 else ["-- migwiz:no-transaction"]
        for _ in range(per_migration):
            i = (n * stride) % tables
            touched.add(i)
            lines.append(STATEMENTS[m % len(STATEMENTS)].format(i=i))
            n += 1
        (folder / f"{m + 1:04d}_change.up.sql").write_text("\n".join(lines) + "\n")
        (folder / f"{m + 1:04d}_change.down.sql").write_text("SELECT 1;\n")
    return len(touched)


def main(argv: Sequence[str] | None = None) -> int:
    """Build the database, time `plan()`, print a table."""
    parser = argparse.ArgumentParser(prog="python -m bench.plan", description=__doc__.splitlines()[0])
    parser.add_argument("--pg", type=int, help="server major version (default: newest)")
    parser.add_argument("--tables", type=int, default=2000)
    parser.add_argument("--migrations", type=int, default=100)
    parser.add_argument("--per-migration", type=int, default=10)
    parser.add_argument("--holders", type=int, default=20)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    binaries = [b for b in available_binaries() if args.pg is None or b.major == args.pg]
    if not binaries:
        print("no PostgreSQL binaries found")
        return 1
    server = start_server(max(binaries, key=lambda b: b.major), settings={"max_locks_per_transaction": "256"})
    holders: list[psycopg.Connection[Any]] = []
    try:
        dsn = server.dsn()
        started = time.perf_counter()
        with psycopg.connect(dsn, autocommit=True) as conn:
            build_schema(conn, args.tables)
        build_s = time.perf_counter() - started
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            touched = write_pending(folder, args.migrations, args.per_migration, args.tables)
            for h in range(args.holders):
                holder = psycopg.connect(dsn, autocommit=False)
                holder.execute(f"SELECT count(*) FROM t{(h * 97) % args.tables}")
                holders.append(holder)
            mset = load_migration_set(folder)
            times: list[float] = []
            catalog: list[float] = []
            blockers = 0
            for _ in range(args.runs):
                start = time.perf_counter()
                report = plan(Project.of(dsn, mset))
                times.append(time.perf_counter() - start)
                blockers = sum(len(s.blockers) for m in report.migrations for s in m.statements)
                with psycopg.connect(dsn, autocommit=True) as conn:
                    start = time.perf_counter()
                    read_catalog_facts(conn)
                    catalog.append(time.perf_counter() - start)
        statements = sum(len(m.up.statements) for m in mset.migrations)
        median = statistics.median(times)
        print(f"PostgreSQL {server.major}: {args.tables} tables built in {build_s:.1f} s; "
              f"{len(mset.migrations)} pending migrations, {statements} statements, {touched} tables; "
              f"{args.holders} idle-in-transaction sessions")  # fmt: skip
        print("\n| tables | pending statements | tables touched | blockers found | plan median | plan max "
              "| catalog read median | goal |")  # fmt: skip
        print("|---|---|---|---|---|---|---|---|")
        print(
            f"| {args.tables} | {statements} | {touched} | {blockers} | {median * 1000:.0f} ms "
            f"| {max(times) * 1000:.0f} ms | {statistics.median(catalog) * 1000:.0f} ms "
            f"| < {GOAL_S:.0f} s {'ok' if median < GOAL_S else 'MISSED'} |"
        )
        return 0
    finally:
        for holder in holders:
            holder.close()
        server.stop()


if __name__ == "__main__":
    raise SystemExit(main())
