"""Check: `migwiz lint --json` reports the same before and after a change to the lint's speed.

`--save DIR` lints every vendored real-world set (tests/realworld/sets.toml, with its baseline), the
generated sets of `bench.lint` and `bench.lint_file`, each for PostgreSQL 15 and 18 with the cache off,
and writes one JSON report per run into DIR; `--check DIR` lints them again and compares byte for byte,
printing the first difference of each report that changed (exit 1 when any did). Run `--save` on the
code before the change, `--check` after it.

    .venv/bin/python -m bench.lint_same --save /tmp/before
    .venv/bin/python -m bench.lint_same --check /tmp/before
"""

from __future__ import annotations

import argparse
import difflib
import os
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Iterator, Sequence
from pathlib import Path

from bench import lint as bench_lint
from bench import lint_file as bench_lint_file

ROOT = Path(__file__).resolve().parent.parent
REALWORLD = Path("tests") / "realworld"
VERSIONS = (15, 18)


def real_sets() -> Iterator[tuple[str, list[str]]]:
    """(name, lint arguments) of every vendored set, paths relative to the repository."""
    data = tomllib.loads((ROOT / REALWORLD / "sets.toml").read_text(encoding="utf-8"))
    for entry in data["set"]:
        args = [str(REALWORLD / "sets" / entry["name"] / "migrations")]
        if entry.get("baseline"):
            args += ["--baseline", str(REALWORLD / "baselines" / entry["baseline"])]
        yield entry["name"], args


def lint_json(args: list[str], pg_version: int, cwd: Path) -> bytes:
    """`migwiz lint --json` stdout for `args`, the cache off."""
    env = {**os.environ, "NO_COLOR": "1", "MIGWIZ_CACHE_DIR": "off"}
    command = [sys.executable, "-m", "migwiz", "lint", "--json", "--pg-version", str(pg_version), *args]
    done = subprocess.run(command, capture_output=True, check=False, env=env, cwd=cwd)
    if not done.stdout.strip():
        raise SystemExit(f"{' '.join(command)} wrote nothing: {done.stderr.decode()[:400]}")
    return done.stdout + f"\nexit {done.returncode}\n".encode()


def reports(tmp: Path) -> Iterator[tuple[str, bytes]]:
    """(name, report) of every run, generated sets written under `tmp` (linted with `tmp` as cwd)."""
    generated = tmp / "generated"
    generated.mkdir()
    bench_lint.generate(generated, 1000, 20)
    diesel = tmp / "diesel"
    diesel.mkdir()
    folders = bench_lint_file.generate(diesel, 700, 20)
    for version in VERSIONS:
        for name, args in real_sets():
            yield f"{name}-pg{version}", lint_json(args, version, ROOT)
        yield f"generated-pg{version}", lint_json(["generated"], version, tmp)
        yield f"diesel-pg{version}", lint_json(["diesel"], version, tmp)
        one = folders[-10].relative_to(tmp) / "up.sql"
        yield f"diesel-one-file-pg{version}", lint_json([str(one)], version, tmp)


def main(argv: Sequence[str] | None = None) -> int:
    """Save or check the reports."""
    parser = argparse.ArgumentParser(prog="python -m bench.lint_same", description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", type=Path, metavar="DIR")
    group.add_argument("--check", type=Path, metavar="DIR")
    args = parser.parse_args(argv)
    changed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, report in reports(Path(tmp)):
            if args.save is not None:
                args.save.mkdir(parents=True, exist_ok=True)
                (args.save / f"{name}.json").write_bytes(report)
                print(f"saved {name}: {len(report):,} bytes")
                continue
            before = (args.check / f"{name}.json").read_bytes()
            if before == report:
                print(f"same  {name}: {len(report):,} bytes")
                continue
            changed += 1
            diff = difflib.unified_diff(
                before.decode().splitlines(), report.decode().splitlines(), "before", "after", n=1
            )
            print(f"DIFF  {name}:\n" + "\n".join(line.rstrip("\n") for line in list(diff)[:20]))
    return 1 if changed else 0


if __name__ == "__main__":
    raise SystemExit(main())
