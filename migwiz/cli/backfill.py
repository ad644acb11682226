"""`backfill status|pause|resume|tune`: a running backfill, from any terminal."""

from __future__ import annotations

from typing import Any

import click

from migwiz.cli.common import Context, common_options, parse_duration_flag
from migwiz.cli_params import version_flag


@click.group()
def backfill() -> None:
    """Look at, pause, resume or retune a running backfill, from any terminal."""


def _control_backfill(ctx: Context, backfill_id: str | None, **changes: Any) -> None:
    from migwiz.console import output
    from migwiz.console.backfill import describe_control
    from migwiz.engine.commands import control_backfill

    chosen, control = control_backfill(ctx.project, backfill_id, **changes)
    if ctx.json:
        output.emit_json({"id": chosen, **control.__dict__})
        return
    said = describe_control(control) or "running, no overrides"
    output.stdout.print(f"backfill {chosen}: {said} (from its next batch)", markup=False)


@backfill.command("status")
@common_options
def backfill_status_command(ctx: Context) -> None:
    """Every backfill in this database: rows done, rate, ETA, workers, batch size, the brake in force and
    the operator's settings."""
    from migwiz.console import output
    from migwiz.console.backfill import print_backfills
    from migwiz.engine.commands import backfill_status

    statuses = backfill_status(ctx.project)
    if ctx.json:
        output.emit_json({"backfills": [s.to_json() for s in statuses]})
    else:
        print_backfills(statuses)


@backfill.command("pause")
@click.option(
    "--id",
    "backfill_id",
    callback=version_flag,
    help="The backfill (its migration version); default: the one running.",
)
@common_options
def backfill_pause(ctx: Context, backfill_id: str | None) -> None:
    """Pause a running backfill after its current batch (it keeps its place)."""
    _control_backfill(ctx, backfill_id, paused=True)


@backfill.command("resume")
@click.option(
    "--id",
    "backfill_id",
    callback=version_flag,
    help="The backfill (its migration version); default: the one running.",
)
@common_options
def backfill_resume(ctx: Context, backfill_id: str | None) -> None:
    """Let a paused backfill go on."""
    _control_backfill(ctx, backfill_id, paused=False)


@backfill.command("tune")
@click.option(
    "--id",
    "backfill_id",
    callback=version_flag,
    help="The backfill (its migration version); default: the one running.",
)
@click.option("--batch-size", type=click.IntRange(min=1), help="Rows per batch (stops the adaptive sizing).")
@click.option("--max-rate", type=click.FloatRange(min=1), help="At most this many rows per second.")
@click.option("--target", help="Target batch duration, e.g. 100ms.")
@click.option("--workers", type=click.IntRange(min=1, max=16), help="Workers taking key ranges at once.")
@click.option("--reset", is_flag=True, help="Forget earlier tuning first (back to adaptive sizing).")
@common_options
def backfill_tune(
    ctx: Context,
    backfill_id: str | None,
    batch_size: int | None,
    max_rate: float | None,
    target: str | None,
    workers: int | None,
    reset: bool,
) -> None:
    """Retune a running backfill (or one about to run, with --id): batch size, max rate, target batch
    duration, workers."""
    target_ms = parse_duration_flag(target, "--target") if target else None
    _control_backfill(
        ctx,
        backfill_id,
        batch_size=batch_size,
        max_rate=max_rate,
        target_ms=target_ms,
        workers=workers,
        clear=reset,
    )
