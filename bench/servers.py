"""Start time and extensions of every PostgreSQL build migwiz can start on this machine.

    .venv/bin/python -m bench.servers            # each build 3 times, median
    .venv/bin/python -m bench.servers --runs 5

For each build (embedded packages, then system installations): `initdb` time, start time (`pg_ctl start
-w` until it accepts connections), how many extensions it offers, and which of the extensions the
real-world sets create (tests/realworld/sets.toml) it lacks — each one checked with a real
`CREATE EXTENSION` on the running server, not only by its control file.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
import tomllib
from pathlib import Path

import psycopg
from psycopg import sql

from migwiz.engine.servers.local import (
    Binaries,
    LocalServer,
    _free_port,
    _service_user,
    all_embedded_binaries,
    grant_traverse,
    system_binaries,
)

SETS_TOML = Path(__file__).resolve().parent.parent / "tests" / "realworld" / "sets.toml"


def wanted_extensions() -> list[str]:
    """Every extension some real-world set creates, sorted."""
    data = tomllib.loads(SETS_TOML.read_text(encoding="utf-8"))
    return sorted({e for s in data["set"] for e in s["extensions"]})


def time_start(binaries: Binaries) -> tuple[float, float, LocalServer]:
    """(initdb seconds, start seconds, the running server), with the same options as start_server."""
    user = _service_user(binaries)
    parent = Path(tempfile.mkdtemp(prefix=f"migwiz-bench-pg{binaries.major}-"))
    if user is not None:
        grant_traverse(parent)
        grant_traverse(binaries.bin_dir)
        shutil.chown(parent, user)
    server = LocalServer(binaries, parent / "data", _free_port(), user)
    began = time.perf_counter()
    init = server._run(
        binaries.tool("initdb"), "-D", server.datadir, "-U", "postgres", "--auth=trust",
        "--encoding=UTF8", "--no-sync", "--locale=C",
    )  # fmt: skip
    initdb = time.perf_counter() - began
    if init.returncode != 0:
        raise SystemExit(f"initdb failed for {binaries.label}: {init.stderr}")
    with (server.datadir / "postgresql.conf").open("a") as f:
        f.write(
            f"listen_addresses = '127.0.0.1'\nport = {server.port}\nunix_socket_directories = '{parent}'\n"
        )
    began = time.perf_counter()
    started = server._run(
        binaries.tool("pg_ctl"), "-D", server.datadir, "-l", server.datadir / "server.log", "-w", "start"
    )
    start = time.perf_counter() - began
    if started.returncode != 0:
        raise SystemExit(f"{binaries.label} did not start: {started.stderr}")
    return initdb, start, server


def missing_extensions(server: LocalServer, names: list[str]) -> list[str]:
    """The extensions of `names` that CREATE EXTENSION refuses on this server."""
    missing = []
    with psycopg.connect(server.dsn(), autocommit=True) as conn:
        for name in names:
            try:
                conn.execute(
                    sql.SQL("CREATE EXTENSION IF NOT EXISTS {} CASCADE").format(sql.Identifier(name))
                )
            except psycopg.Error:
                missing.append(name)
    return missing


def main() -> None:
    """Print one Markdown row per build."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="starts per build (median reported)")
    args = parser.parse_args()
    names = wanted_extensions()
    print(f"real-world sets' extensions: {', '.join(names)}\n")
    print("| build | initdb | start | extensions | lacks of the sets' extensions |")
    print("|---|---:|---:|---:|---|")
    for binaries in [*all_embedded_binaries(), *system_binaries()]:
        inits, starts, lacks = [], [], []
        for run in range(args.runs):
            initdb, start, server = time_start(binaries)
            try:
                if run == 0:
                    lacks = missing_extensions(server, names)
            finally:
                server.stop()
            inits.append(initdb)
            starts.append(start)
        print(
            f"| {binaries.label} | {statistics.median(inits):.2f} s | {statistics.median(starts):.2f} s "
            f"| {len(binaries.extensions())} | {', '.join(lacks) or 'none'} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
