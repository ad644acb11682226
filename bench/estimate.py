"""Benchmark: duration-estimate error of `migwiz plan` (estimated / measured) on tables of 100 MB and more.

On an embedded server: `plan --calibrate` once, then for each table size a table of that many MB (bigint
key, an integer, a text column, a timestamp, a foreign key to a small parent table) and, in turn, a
CREATE INDEX on the integer, a CREATE INDEX on the text, a VALIDATE of a CHECK constraint, a VALIDATE of
the foreign key, and a rewrite (ALTER COLUMN TYPE, rebuilding the indexes built before). Each statement
is planned (the estimate) and then run (the measurement). Goal: every ratio within 0.5–2.

    .venv/bin/python -m bench.estimate [--pg 18] [--sizes 120,300]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import psycopg

from migwiz.engine import humanize
from migwiz.engine.commands import Project, plan
from migwiz.engine.servers.local import available_binaries, start_server
from migwiz.engine.sets import load_migration_set

ROW_BYTES = 95
CASES = (
    ("CREATE INDEX (integer)", "CREATE INDEX big_n ON big (n)"),
    ("CREATE INDEX (text)", "CREATE INDEX big_label ON big (label)"),
    ("VALIDATE CHECK", "ALTER TABLE big VALIDATE CONSTRAINT big_n_positive"),
    ("VALIDATE FOREIGN KEY", "ALTER TABLE big VALIDATE CONSTRAINT big_parent_fk"),
    ("ALTER COLUMN TYPE (rewrite)", "ALTER TABLE big ALTER COLUMN n TYPE bigint"),
)


def build(conn: psycopg.Connection[Any], megabytes: int) -> None:
    """A `big` table of about `megabytes` MB, frozen and analysed, NOT VALID constraints to validate."""
    rows = megabytes * 1_000_000 // ROW_BYTES
    conn.execute("DROP TABLE IF EXISTS big; DROP TABLE IF EXISTS parent")
    conn.execute("CREATE TABLE parent (id integer PRIMARY KEY, name text)")
    conn.execute("INSERT INTO parent SELECT g, 'p' || g FROM generate_series(1, 10000) g")
    conn.execute(
        "CREATE TABLE big (id bigint PRIMARY KEY, n integer NOT NULL, label text NOT NULL,"
        " created_at timestamptz NOT NULL, parent_id integer NOT NULL)"
    )
    conn.execute(
        "INSERT INTO big SELECT g, (hashint8(g) & 1073741823)::integer, md5(g::text) || ' label',"
        " timestamptz '2024-01-01' + g * interval '1 second', 1 + g %% 10000"
        " FROM generate_series(1, %s::bigint) g",
        (rows,),
    )
    conn.execute("ALTER TABLE big ADD CONSTRAINT big_n_positive CHECK (n >= 0) NOT VALID")
    conn.execute(
        "ALTER TABLE big ADD CONSTRAINT big_parent_fk FOREIGN KEY (parent_id) REFERENCES parent NOT VALID"
    )
    conn.execute("VACUUM (FREEZE, ANALYZE) big")
    conn.execute("VACUUM (FREEZE, ANALYZE) parent")


def estimate(dsn: str, folder: Path, statement: str) -> float:
    """`plan`'s estimate for one pending migration made of `statement`."""
    for old in folder.iterdir():
        old.unlink()
    (folder / "1_case.up.sql").write_text(statement + ";\n")
    report = plan(Project.of(dsn, load_migration_set(folder)))
    return report.migrations[0].estimate_s


def measure(conn: psycopg.Connection[Any], statement: str) -> float:
    """Seconds the statement takes."""
    start = time.perf_counter()
    conn.execute(statement.encode())
    return time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    """Calibrate, then estimate and measure every case on every table size; print a table."""
    parser = argparse.ArgumentParser(prog="python -m bench.estimate", description=__doc__.splitlines()[0])
    parser.add_argument("--pg", type=int, help="server major version (default: newest)")
    parser.add_argument("--sizes", default="120,300", help="table sizes in MB, comma-separated")
    args = parser.parse_args(argv)
    binaries = [b for b in available_binaries() if args.pg is None or b.major == args.pg]
    if not binaries:
        print("no PostgreSQL binaries found")
        return 1
    server = start_server(max(binaries, key=lambda b: b.major))
    rows: list[tuple[str, str, float, float]] = []
    try:
        dsn = server.dsn()
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            (folder / "1_case.up.sql").write_text("SELECT 1;\n")
            started = time.perf_counter()
            rate = plan(Project.of(dsn, load_migration_set(folder)), calibrate=True).throughput
            print(
                f"PostgreSQL {server.major}, calibrated in {time.perf_counter() - started:.1f} s on "
                f"{humanize.size(rate.sample_bytes or 0)}: scan {humanize.size(rate.scan_bytes_per_s)}/s, "
                f"rewrite {humanize.size(rate.rewrite_bytes_per_s)}/s, "
                f"index {humanize.count(rate.index_rows_per_s, 'rows')}/s, "
                f"foreign key check {humanize.count(rate.fk_rows_per_s, 'rows')}/s; "
                f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
            )
            with psycopg.connect(dsn, autocommit=True) as conn:
                for megabytes in (int(s) for s in args.sizes.split(",")):
                    build(conn, megabytes)
                    size = conn.execute("SELECT pg_table_size('big')").fetchone()
                    label = humanize.size(int(size[0]) if size else 0)
                    for name, statement in CASES:
                        estimated = estimate(dsn, folder, statement)
                        measured = measure(conn, statement)
                        rows.append((label, name, estimated, measured))
                        print(f"  {label} {name}: estimated {estimated:.2f} s, measured {measured:.2f} s",
                              flush=True)  # fmt: skip
    finally:
        server.stop()
    print("\n| table | statement | estimated | measured | estimated / measured | within 2x |")
    print("|---|---|---|---|---|---|")
    for label, name, estimated, measured in rows:
        ratio = estimated / measured if measured else float("inf")
        ok = 0.5 <= ratio <= 2.0
        print(
            f"| {label} | {name} | {humanize.duration(estimated)} | {humanize.duration(measured)} "
            f"| {ratio:.2f} | {'yes' if ok else 'NO'} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
