"""`log` (the central log) and `watch` (attach to a run in progress)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import click

from migwiz.cli.common import Context, common_options, parse_age_flag
from migwiz.cli.wizard import open_wizard
from migwiz.cli_params import version_flag
from migwiz.engine.errors import UsageError

if TYPE_CHECKING:
    from migwiz.engine.types import Level


@click.command()
@click.option("--run", "run_id", help="Only this run (a prefix of its id is enough).")
@click.option("--since", help="Only events newer than this, e.g. 30s, 5m, 2h, 1d.")
@click.option(
    "--level", type=click.Choice(["debug", "info", "warning", "error"]), help="Only this level and above."
)
@click.option(
    "--migration", "version", callback=version_flag, help="Only events about this migration version."
)
@click.option("--limit", type=click.IntRange(min=1), default=500, show_default=True)
@click.option(
    "--follow", "-f", is_flag=True, help="Keep printing new events as they are written (Ctrl-C stops)."
)
@click.option("--fleet-run", help="A fleet run's events from every target of the fleet file (docs/fleet.md).")
@common_options
def log(
    ctx: Context,
    run_id: str | None,
    since: str | None,
    level: str | None,
    version: str | None,
    limit: int,
    follow: bool,
    fleet_run: str | None,
) -> None:
    """The central log: runs, steps, lock waits and decisions stored in the database."""
    from migwiz.console.log_view import print_events
    from migwiz.engine import commands

    if fleet_run:
        from migwiz.cli.fleet import print_fleet_log

        return print_fleet_log(ctx, None, fleet_run, limit=limit)

    since_ms = parse_age_flag(since, "--since") if since else None
    where = commands.LogFilter(run_id, since_ms, cast("Level | None", level), version)
    seen = 0
    try:
        for events in commands.read_log(ctx.project, where, limit=limit, follow=follow):
            seen += len(events)
            print_events(events, json_output=ctx.json)
    except KeyboardInterrupt:
        return
    if seen or follow:
        return
    if run_id and not (since or level or version):  # a run that is not there is a typo
        raise UsageError(
            f"--run {run_id!r}: no run in the central log has an id starting with it",
            "`migwiz log` lists the runs with their ids",
        )
    from migwiz.console import output

    if ctx.json:  # nothing matched: still one JSON document, never empty output
        output.emit_json({"events": []})
        return
    asked = [
        f"--{k} {v}"
        for k, v in (("run", run_id), ("since", since), ("level", level), ("migration", version))
        if v
    ]
    output.stderr.print(  # an empty screen would leave the operator guessing whether the filter worked
        f"no event in the central log matches {' '.join(asked)}" if asked else "the central log is empty",
        markup=False,
        highlight=False,
    )


@click.command()
@common_options
def watch(ctx: Context) -> None:
    """Attach read-only to a run in progress: the central log, lock waits and progress (from anywhere)."""
    open_wizard(ctx, mode="watch")
