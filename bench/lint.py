"""Benchmark: lint throughput in statements per second on a large generated migration set, beside squawk.

Generates `--migrations` up-only migration files of `--statements` statements each (a mix of the kinds
migrations are made of: safe and unsafe index builds, column changes, constraints, renames, backfills),
then times `migwiz lint` in-process (`commands.lint`, no database, no cache), the `migwiz lint --json`
command without its cache, with the set unchanged since the last lint (read back from the cache) and
with its newest file edited since (the others read back), the text output, and `squawk` (PyPI
`squawk-cli`, found next to this Python or on PATH) on the same files.
Each row gives the median wall time and CPU time (on shared cores the steadier of the two) and the
ratio of both to squawk's.

With `--folder`, a migration folder (a real set, say tests/realworld/sets/trigger-dev/migrations) is
timed instead of the generated one, squawk given every `.sql` file under it.

    .venv/bin/python -m bench.lint [--migrations 1000] [--statements 20] [--runs 3] [--folder DIR]

Measured numbers, before and after each change, are in docs/migration-sets.md.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from migwiz.engine.commands import Project, lint

TEMPLATES = (
    "CREATE TABLE t{i} (id bigint PRIMARY KEY, email text NOT NULL, created_at timestamptz DEFAULT now());",
    "CREATE INDEX t{i}_email ON t{i} (email);",
    "CREATE INDEX CONCURRENTLY t{i}_created ON t{i} (created_at);",
    "ALTER TABLE t{i} ADD COLUMN note text;",
    "ALTER TABLE t{i} ADD COLUMN amount integer NOT NULL DEFAULT 0;",
    "ALTER TABLE t{i} ALTER COLUMN amount TYPE bigint;",
    "ALTER TABLE t{i} ADD CONSTRAINT t{i}_amount CHECK (amount >= 0) NOT VALID;",
    "ALTER TABLE t{i} VALIDATE CONSTRAINT t{i}_amount;",
    "ALTER TABLE t{i} ALTER COLUMN email SET NOT NULL;",
    "ALTER TABLE t{i} ADD CONSTRAINT t{i}_parent FOREIGN KEY (id) REFERENCES t0 (id);",
    "ALTER TABLE t{i} RENAME COLUMN note TO remark;",
    "UPDATE t{i} SET amount = 1 WHERE id < 1000;",
    "ALTER TABLE t{i} ADD CONSTRAINT t{i}_email_key UNIQUE (email);",
    "DROP INDEX t{i}_email;",
    "ALTER TABLE t{i} DROP COLUMN remark;",
    "COMMENT ON TABLE t{i} IS 'generated';",
    "CREATE TYPE mood{i} AS ENUM ('happy', 'sad');",
    "ALTER TABLE t{i} ADD COLUMN token uuid DEFAULT gen_random_uuid();",
    "INSERT INTO t{i} (id, email) VALUES (1, 'a@example.org');",
    "GRANT SELECT ON t{i} TO PUBLIC;",
)


def generate(folder: Path, migrations: int, statements: int) -> list[Path]:
    """Up-only migration files; returns their paths."""
    paths = []
    for m in range(migrations):
        lines = [TEMPLATES[(m + s) % len(TEMPLATES)].format(i=m) for s in range(statements)]
        path = folder / f"{m + 1:05d}_generated.up.sql"
        path.write_text("\n".join(lines) + "\n")
        paths.append(path)
    return paths


def timed(func: Callable[[], object], runs: int) -> float:
    """Median seconds of `runs` calls."""
    return timed_cpu(func, runs)[0]


def _cpu() -> float:
    """CPU seconds used so far by this process and its finished children (user + system)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed_cpu(func: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall-clock seconds and median CPU seconds (this process and the commands it ran) of `runs`
    calls: on shared cores the CPU time is the steadier number, the wall time the one a user waits."""
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), _cpu()
        func()
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def squawk_binary() -> str | None:
    """squawk next to this interpreter (the virtualenv's), else on PATH."""
    beside = Path(sys.executable).parent / "squawk"
    return str(beside) if beside.exists() else shutil.which("squawk")


def main(argv: Sequence[str] | None = None) -> int:
    """Generate the set, time each linter, print a table."""
    parser = argparse.ArgumentParser(prog="python -m bench.lint", description=__doc__.splitlines()[0])
    parser.add_argument("--migrations", type=int, default=1000)
    parser.add_argument("--statements", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--folder", type=Path, help="time this migration folder instead of a generated one")
    args = parser.parse_args(argv)
    rows: list[tuple[str, float, float, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        if args.folder is not None:
            folder = args.folder.resolve()
            paths = sorted(folder.rglob("*.sql"))
        else:
            folder = Path(tmp) / "migrations"
            folder.mkdir()
            paths = generate(folder, args.migrations, args.statements)
        report = lint(Project.offline(), [folder], pg_version=18, cache=None)
        total = sum(len(f.statements) for f in report.files)
        findings = len(report.all_findings())
        wall, cpu = timed_cpu(lambda: lint(Project.offline(), [folder], pg_version=18, cache=None), args.runs)
        rows.append(("migwiz lint (in-process, commands.lint, no cache)", wall, cpu, f"{findings} findings"))
        env = {**os.environ, "NO_COLOR": "1", "MIGWIZ_CACHE_DIR": "off"}
        cli = [sys.executable, "-m", "migwiz", "lint", "--pg-version", "18", "--json", str(folder)]
        wall, cpu = timed_cpu(
            lambda: subprocess.run(cli, capture_output=True, check=False, env=env), args.runs
        )
        rows.append(("migwiz lint --json (command, with start-up, no cache)", wall, cpu, ""))
        warm = {**env, "MIGWIZ_CACHE_DIR": str(Path(tmp) / "migwiz-cache")}
        subprocess.run(cli, capture_output=True, check=False, env=warm)  # the set linted once before
        wall, cpu = timed_cpu(
            lambda: subprocess.run(cli, capture_output=True, check=False, env=warm), args.runs
        )
        rows.append(("migwiz lint --json (command, set unchanged since last lint)", wall, cpu, "read back"))
        if args.folder is None:  # an edit of the newest migration since the last lint, before each run
            newest = paths[-1]

            def edited() -> None:
                with newest.open("a") as handle:
                    handle.write("ALTER TABLE t0 ADD COLUMN edited int;\n")
                subprocess.run(cli, capture_output=True, check=False, env=warm)

            wall, cpu = timed_cpu(edited, args.runs)
            rows.append(("migwiz lint --json (command, newest file edited since last lint)", wall, cpu, ""))
            subprocess.run(cli, capture_output=True, check=False, env=warm)
        text = [*cli[:-2], str(folder)]
        wall, cpu = timed_cpu(
            lambda: subprocess.run(text, capture_output=True, check=False, env=warm), args.runs
        )
        rows.append(("migwiz lint (text, set unchanged since last lint)", wall, cpu, "read back"))
        squawk = squawk_binary()
        if squawk is None:
            rows.append(("squawk", float("nan"), float("nan"), "not installed: pip install squawk-cli"))
        else:
            version = subprocess.run([squawk, "--version"], capture_output=True, text=True, check=False)
            command = [squawk, "--reporter", "json", *map(str, paths)]
            probe = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
            if probe.returncode not in (0, 1, 2) or not probe.stdout.strip():
                rows.append(("squawk", float("nan"), float("nan"), f"failed: {probe.stderr.strip()[:200]}"))
            else:
                count = probe.stdout.count('"rule_name"')
                wall, cpu = timed_cpu(
                    lambda: subprocess.run(command, capture_output=True, check=False, env=env), args.runs
                )
                rows.append((f"{version.stdout.strip()} --reporter json", wall, cpu, f"{count} violations"))
    what = (
        f"{args.folder} ({len(paths)} files)"
        if args.folder is not None
        else f"{args.migrations} files x {args.statements} statements"
    )
    print(
        f"{what}: {total} statements analysed by migwiz; median of {args.runs} runs; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    squawk_wall, squawk_cpu = rows[-1][1], rows[-1][2]
    print("\n| linter | time | CPU time | statements / s | x squawk (time, CPU) | notes |")
    print("|---|---|---|---|---|---|")
    for name, wall, cpu, note in rows:
        rate = f"{total / wall:,.0f}" if wall == wall and wall > 0 else "–"
        shown = f"{wall:.2f} s" if wall == wall else "–"
        used = f"{cpu:.2f} s" if cpu == cpu else "–"
        ratio = f"{wall / squawk_wall:.1f}, {cpu / squawk_cpu:.1f}" if squawk_wall == squawk_wall else "–"
        print(f"| {name} | {shown} | {used} | {rate} | {ratio} | {note} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
