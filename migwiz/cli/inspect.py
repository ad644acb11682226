"""`status`, `lint`, `plan`, `trace`, `drift`, `verify`: commands that look and change nothing."""

from __future__ import annotations

import atexit
import gc
import sys
from pathlib import Path

import click

from migwiz.cli.common import Context, ExecutionFlags, common_options, parse_duration_flag
from migwiz.cli.common import policy as make_policy
from migwiz.cli_params import is_version
from migwiz.engine.errors import UsageError

SEVERITY_ORDER = ("info", "warning", "error")


@click.command()
@common_options
def status(ctx: Context) -> None:
    """Where each migration stands. Exit 0 in sync, 1 when something is pending or wrong."""
    from migwiz.console import output
    from migwiz.console.status_view import print_notices, print_status
    from migwiz.engine import commands

    mset = ctx.migration_set()
    result = commands.status(ctx.project)  # another tool's unadopted history: its states, and a hint
    statuses, synced = result.shown, result.in_sync
    if result.foreign is not None:
        output.stderr.print(result.foreign.hint(), markup=False, highlight=False)
    if ctx.json:
        output.emit_json(
            {
                "migrations": [s.to_json() for s in statuses],
                "in_sync": synced,
                "layout": mset.layout,
                "dir": str(mset.root),
                "notices": list(result.notices),
            }
        )
    else:
        print_notices(result.notices)
        print_status(statuses, root=mset.root, layout=mset.layout, initialised=result.initialised)
    sys.exit(0 if synced else 1)


_FREEZE_AT_EXIT: list[object] = []
"""Registered once per process by `lint`: the interpreter's last collection at exit would walk every
object the lint made (about 0.1-0.2 s of CPU on a big set); frozen first, they are left to the process's
end."""


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--sarif", is_flag=True, help="SARIF 2.1.0 on stdout (GitHub code scanning).")
@click.option("--pg-version", type=click.IntRange(11, 18), help="Server major version to analyse for.")
@click.option(
    "--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True
)
@common_options
def lint(ctx: Context, paths: tuple[Path, ...], sarif: bool, pg_version: int | None, fail_on: str) -> None:
    """Static lock analysis of migration files: locks, rewrites, scans, findings and fixes.

    PATHS are folders (a whole set), files (any name: one file of a set is analysed after its predecessors,
    a loose file alone) or - for a script on stdin. Works without a database; with --dsn it reads the
    catalog (never runs anything) and skips what is applied.
    """
    from migwiz.console import output
    from migwiz.engine import commands

    chosen = list(paths) or [ctx.migration_set().root]
    stdin = sys.stdin.read() if Path("-") in chosen else None
    if not _FREEZE_AT_EXIT:
        _FREEZE_AT_EXIT.append(atexit.register(gc.freeze))
    enabled = gc.isenabled()
    gc.disable()  # no full pass of the collector over the schema and report while they are made and
    # printed (the analysis still collects the young cycles each migration leaves)
    try:
        report = commands.lint(ctx.project, chosen, pg_version=pg_version, stdin=stdin)
        gc.freeze()  # the report outlives its printing: the collector need not walk its objects meanwhile
        try:
            if sarif:
                output.emit_json(commands.lint_sarif(report))
            elif ctx.json:
                output.emit_json_listing(commands.lint_json(report), "files")
            else:
                output.print_lint(report)
        finally:
            gc.unfreeze()
    finally:
        if enabled:
            gc.enable()
    worst = report.worst()
    failing = worst is not None and SEVERITY_ORDER.index(worst) >= SEVERITY_ORDER.index(fail_on)
    sys.exit(1 if failing else 0)


@click.command("plan")
@click.option("--calibrate", is_flag=True, help="Time a bounded sample on this server first (cached).")
@click.option("--pg-version", type=click.IntRange(11, 18), help="Analyse for this major version.")
@click.option("--lock-timeout", help="lock_timeout `up` will use, e.g. 2s (default: settings).")
@click.option(
    "--fail-on",
    type=click.Choice(["unverified", "quiet_window", "dangerous"]),
    default="dangerous",
    show_default=True,
    help="Exit 1 when a migration's verdict is this or worse.",
)
@common_options
def plan_command(
    ctx: Context, calibrate: bool, pg_version: int | None, lock_timeout: str | None, fail_on: str
) -> None:
    """Pending migrations joined with the live database: sizes, durations, blockers, a verdict each."""
    from migwiz.console import output
    from migwiz.console.plan_view import print_plan
    from migwiz.engine import commands

    policy = make_policy(ctx, ExecutionFlags.timeouts_only(lock_timeout, None))
    report = commands.plan(ctx.project, calibrate=calibrate, pg_version=pg_version, policy=policy)
    if ctx.json:
        output.emit_json(report.to_json())
    else:
        print_plan(report, output.stdout)
    failing = commands.VERDICTS.index(report.verdict) >= [str(v) for v in commands.VERDICTS].index(fail_on)
    sys.exit(1 if failing else 0)


@click.command("trace")
@click.argument("target")
@click.option("--on-target", is_flag=True, help="Trace on the target database itself (rolled back).")
@click.option("--down", "down_script", is_flag=True, help="Trace the down script instead of the up.")
@click.option("--timeout", default="60s", show_default=True, help="Longest wait for a lock per statement.")
@common_options
def trace_command(ctx: Context, target: str, on_target: bool, down_script: bool, timeout: str) -> None:
    """Run a migration (file of any name, version, or - for stdin) on a scratch copy and report its locks.

    Never touches the target unless --on-target is given; there it runs in a transaction, rolled back.
    """
    from migwiz.console import output
    from migwiz.console.trace_view import print_trace, trace_json
    from migwiz.engine import commands

    if target != "-" and not Path(target).exists() and not is_version(target):
        raise UsageError(
            f"{target!r}: no such file, and not a migration version",
            "name a migration file, its version, or - for stdin",
        )
    timeout_s = parse_duration_flag(timeout, "--timeout") / 1000
    traced = commands.trace(
        ctx.project, target, on_target=on_target, down=down_script, timeout_s=timeout_s, stdin=sys.stdin.read
    )
    result, path = traced.result, str(traced.path)
    if traced.notice:
        output.stderr.print(f"notice: {traced.notice}", markup=False, highlight=False, style="yellow")
    if ctx.json:
        output.emit_json(
            trace_json(
                result, path=path, target=traced.where, in_transaction=traced.in_transaction,
                replayed=traced.replayed,
            )
        )  # fmt: skip
    else:
        print_trace(result, output.stdout, path=path, target=traced.where, replayed=traced.replayed)
    failed = any(s.error and s.method != "skipped" for s in result.statements)
    sys.exit(1 if failed else 0)


@click.command()
@click.option("--shadow-dsn", help="An empty database to replay the files in (default: a throw-away one).")
@click.option(
    "--sql", "with_sql", is_flag=True, help="Print statements that bring the database back to the files."
)
@common_options
def drift(ctx: Context, shadow_dsn: str | None, with_sql: bool) -> None:
    """Compare the database with its applied migrations replayed from the files. Exit 1 on drift."""
    from migwiz.console import output
    from migwiz.console.schema_reports import print_drift, print_repair_sql
    from migwiz.engine import commands

    report = commands.drift(ctx.project, shadow_dsn=shadow_dsn, with_sql=with_sql)
    if ctx.json:
        output.emit_json(report.to_json())
    elif with_sql:
        print_repair_sql(report)
    else:
        print_drift(report)
    sys.exit(1 if report.drifted else 0)


@click.command()
@click.option("--shadow-dsn", help="An empty database to replay the files in (default: a throw-away one).")
@click.option("--no-drift", is_flag=True, help="Skip the drift check (no shadow database).")
@common_options
def verify(ctx: Context, shadow_dsn: str | None, no_drift: bool) -> None:
    """After a migration: no drift, no INVALID index or stray NOT VALID constraint, backfills done,
    id sequences far from exhaustion, fresh statistics. Exit 1 when a check fails."""
    from migwiz.console import output
    from migwiz.console.schema_reports import print_verify
    from migwiz.engine import commands

    report = commands.verify(ctx.project, shadow_dsn=shadow_dsn, skip_drift=no_drift)
    if ctx.json:
        output.emit_json(report.to_json())
    else:
        print_verify(report)
    sys.exit(0 if report.ok else 1)
