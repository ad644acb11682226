"""`backup-check`: point-in-time-recovery readiness, and a verified dump."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from migwiz.cli.common import Context, common_options

if TYPE_CHECKING:
    from migwiz.engine.types import TableMode


@click.command("backup-check")
@click.option("--dump", is_flag=True, help="Also take a verified pg_dump -Fc before migrating.")
@click.option(
    "--tables",
    type=click.Choice(["auto", "all"]),
    default="auto",
    show_default=True,
    help="auto: the tables the pending migrations touch; all: the whole database.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("backups"),
    show_default=True,
    help="Folder for the dump file.",
)
@common_options
def backup_check(ctx: Context, dump: bool, tables: str, out: Path) -> None:
    """Point-in-time-recovery readiness: ready, degraded or not protected, with reasons.

    Exit 0 when ready (with --dump: when the dump was taken and verified), else 1.
    """
    from migwiz.console import backup_view, output
    from migwiz.engine import commands

    report = commands.backup_check(ctx.project)
    if not ctx.json:
        output.stdout.print(backup_view.render_report(report))
    if not dump:
        if ctx.json:
            output.emit_json({"check": report.to_json()})
        sys.exit(0 if report.verdict == "ready" else 1)
    mode: TableMode = "all" if tables == "all" else "auto"
    plan = commands.plan_dump(ctx.project, mode)
    result = None
    if not ctx.json:
        output.stdout.print()
        output.stdout.print(backup_view.render_plan(plan))
    if not plan.empty:
        with backup_view.dump_progress(output.stderr, quiet=ctx.json) as progress:
            result = commands.backup_dump(ctx.project, plan, out, progress=progress, check=report)
        if not ctx.json:
            output.stdout.print(backup_view.render_dump(result))
    if ctx.json:
        output.emit_json(
            {
                "check": report.to_json(),
                "plan": {
                    "mode": plan.mode,
                    "tables": [t.qualified for t in plan.tables],
                    "migrations": list(plan.migrations),
                    "notes": list(plan.notes),
                },
                "dump": result.to_json() if result else None,
            }
        )
    sys.exit(0)
