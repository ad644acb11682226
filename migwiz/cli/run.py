"""`up`, `down` and `repair`: the commands that change the database."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

import click

from migwiz.cli.common import (
    Context,
    ExecutionFlags,
    common_options,
    execution_options,
    parse_duration_flag,
)
from migwiz.cli.common import (
    policy as make_policy,
)
from migwiz.cli_params import version_flag
from migwiz.engine.errors import MigwizError, UsageError

if TYPE_CHECKING:
    from migwiz.engine import commands
    from migwiz.engine.types import ExecutionPolicy, RepairPlan, RiskyFinding, Runner, RunReport, Version


@click.command()
@click.option("--to", "to", callback=version_flag, help="Apply up to and including this version.")
@click.option("--allow-irreversible", is_flag=True, help="Apply migrations that have no down script.")
@click.option(
    "--allow-out-of-order", is_flag=True, help="Apply a pending migration older than an applied one."
)
@click.option(
    "--resolve",
    type=click.Choice(["ran", "not-ran"]),
    help="Say whether an interrupted no-transaction statement completed.",
)
@click.option(
    "--phase", type=click.Choice(["expand", "backfill", "contract"]), help="Only migrations of this phase."
)
@click.option(
    "--force",
    "force_contract",
    is_flag=True,
    help="Run a contract migration the phase guard refuses (the reasons are logged).",
)
@click.option(
    "--force-risky",
    is_flag=True,
    help="Apply migrations lint rates `error` without asking (the findings are logged).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1, max=16),
    help="Workers of the backfills this run starts or resumes (default: from the server's cores and load).",
)
@common_options
@execution_options
def up(
    ctx: Context,
    flags: ExecutionFlags,
    to: str | None,
    allow_irreversible: bool,
    allow_out_of_order: bool,
    resolve: str | None,
    phase: str | None,
    force_contract: bool,
    force_risky: bool,
    workers: int | None,
) -> None:
    """Apply pending migrations, each in its own transaction with its history row.

    Migrations that lint rates `error` are listed first; on a terminal migwiz asks, otherwise (or with
    --json) it refuses unless --force-risky.
    """
    policy = make_policy(
        ctx,
        flags,
        allow_irreversible=allow_irreversible,
        allow_out_of_order=allow_out_of_order,
        resolve=resolve,
        phase=phase,
        force_contract=force_contract,
        backfill_workers=workers,
    )
    from migwiz.engine import commands

    target = ctx.migration_set().version(to) if to else None
    risky = _confirm_risky(ctx, target, phase, force_risky)
    forced = "--force-risky" if force_risky else "confirmed on the terminal"
    _run_migrations(ctx, "up", policy, flags, commands.up_action(target, accepted_risks=risky, forced=forced))


def _confirm_risky(ctx: Context, to: Version | None, phase: str | None, force: bool) -> list[RiskyFinding]:
    """The `error` findings of what `up` is about to apply, shown; asked about on a terminal, refused
    without --force-risky elsewhere. Empty when there are none."""
    from migwiz.console import output
    from migwiz.engine import commands

    risky = commands.risky_pending(ctx.project, to=to, phase=phase)
    if not risky or force:
        return risky
    versions = sorted({f.version for f in risky})
    for finding in risky:
        output.stderr.print(f"lint error: {finding.describe()}", markup=False, highlight=False)
    if ctx.json or not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(
            f"lint rates {len(versions)} pending migration(s) error ({', '.join(versions[:3])}"
            f"{f' and {len(versions) - 3} more' if len(versions) > 3 else ''}); nothing was run",
            "review them (`migwiz plan`, `migwiz lint`); --force-risky applies them anyway (logged)",
        )
    if not click.confirm(f"Apply {', '.join(versions)} although lint rates them error?", default=False):
        raise UsageError("not confirmed: nothing was run")
    return risky


@click.command()
@click.option("--to", "to", callback=version_flag, help="Revert every migration newer than this version.")
@click.option("--steps", type=click.IntRange(min=1), help="Revert this many migrations (default 1).")
@click.option(
    "--resolve",
    type=click.Choice(["ran", "not-ran"]),
    help="Say whether an interrupted no-transaction statement completed.",
)
@click.option(
    "--allow-edited",
    is_flag=True,
    help="Roll back although applied migrations were edited since (the edited files are named in the log).",
)
@common_options
@execution_options
def down(
    ctx: Context,
    flags: ExecutionFlags,
    to: str | None,
    steps: int | None,
    resolve: str | None,
    allow_edited: bool,
) -> None:
    """Run down scripts, newest first (one step unless --to or --steps)."""
    if to and steps:
        raise click.UsageError("--to and --steps cannot be combined")
    from migwiz.engine import commands

    policy = make_policy(ctx, flags, resolve=resolve, allow_edited=allow_edited)
    _run_migrations(ctx, "down", policy, flags, commands.down_action(to, steps))


# -- repair ------------------------------------------------------------------------------------------------


@click.command()
@click.option(
    "--migration",
    "version",
    callback=version_flag,
    help="Only this migration (needed when several are partly applied).",
)
@click.option(
    "--from-statement",
    type=click.IntRange(min=1),
    help="Resume a partly applied migration at this statement of its fixed file (earlier ones: done).",
)
@click.option(
    "--restart", is_flag=True, help="A partly applied migration runs again from its first statement."
)
@click.option("--dry-run", is_flag=True, help="Only show what would change.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@common_options
def repair(
    ctx: Context, version: str | None, from_statement: int | None, restart: bool, dry_run: bool, yes: bool
) -> None:
    """Realign the history with fixed files: checksums of edited applied migrations, part-applied ones."""
    if restart and from_statement is not None:
        raise UsageError("--restart and --from-statement cannot be combined", "choose one resume point")
    if not (yes or dry_run) and (ctx.json or not sys.stdin.isatty()):
        raise UsageError(
            "repair changes the history: confirm with --yes when not on a terminal",
            "look first with --dry-run, then pass --yes",
        )
    from migwiz.console import output
    from migwiz.console.run_view import print_repair
    from migwiz.engine import commands

    def confirm(plan: RepairPlan) -> bool:
        print_repair(plan)
        return click.confirm(f"Change {len(plan.changes)} history row(s)?")

    result = commands.repair(
        ctx.project,
        choice=commands.RepairChoice(version, from_statement, restart),
        dry_run=dry_run,
        confirm=None if yes or dry_run else confirm,
    )
    if ctx.json:
        output.emit_json(result.to_json())
        return
    if dry_run or yes:
        print_repair(result.plan)
    if not result.plan.changes:
        output.stdout.print("nothing to repair: the history agrees with the files", markup=False)
    elif result.applied:
        output.stdout.print(
            f"{len(result.plan.changes)} history row(s) repaired; run {result.run_id}", markup=False
        )
    elif dry_run:
        output.stdout.print("dry run: nothing was changed", markup=False)
    else:
        output.stdout.print("not confirmed: nothing was changed", markup=False)
        sys.exit(1)


def _run_migrations(
    ctx: Context,
    command: str,
    policy: ExecutionPolicy,
    flags: ExecutionFlags,
    action: Callable[[Runner], RunReport],
) -> None:
    from migwiz.console import output
    from migwiz.console.run_view import print_run
    from migwiz.console.status_view import print_notices
    from migwiz.engine import commands

    mset = ctx.migration_set()
    if not ctx.json:
        print_notices(mset.notices)
    wait_ms = parse_duration_flag(flags.wait, "--wait") if flags.wait else 0
    sinks = [] if ctx.json or flags.watch else [output.ConsoleSink(verbose=flags.verbose)]

    control = commands.RunControl()
    restore_signals = commands.install_signal_stop(control)  # SIGHUP/SIGTERM: stop at the next safe point

    def start(act: Callable[[Runner], RunReport]) -> commands.MigrateResult:
        return commands.migrate(
            ctx.project, action=act, command=command, policy=policy, wait_ms=wait_ms, sinks=sinks,
            control=control,
        )  # fmt: skip

    try:
        if flags.watch and not ctx.json:
            from migwiz.console.dryrun import watch_session

            session = commands.start_run(
                ctx.project, direction="up" if command == "up" else "down", command=command, action=action,
                policy=policy, wait_ms=wait_ms, sinks=sinks, control=control,
                estimates=_estimates(ctx, policy) if command == "up" else {},
            )  # fmt: skip
            result = watch_session(output.stderr, ctx.dsn, session)
        else:
            result = start(action)
    finally:
        restore_signals()
    report = result.report
    if ctx.json:
        output.emit_json({"run_id": result.run_id, **report.to_json(), "notices": list(mset.notices)})
    else:
        print_run(report, result.run_id, command=command, watched=flags.watch)
    # a stop at a safe point is not a failure, but what was asked for is not all done
    sys.exit(0 if report.ok and not report.stopped else 1)


def _estimates(ctx: Context, policy: ExecutionPolicy) -> dict[tuple[str, int], float]:
    """Per-statement duration estimates from `plan`, for the live view (empty when planning fails)."""
    from migwiz.console import output
    from migwiz.engine import commands
    from migwiz.engine.errors import one_line

    try:
        return commands.estimates(ctx.project, policy)
    except MigwizError as exc:
        output.stderr.print(f"no duration estimates: {one_line(exc)}", markup=False, style="dim")
        return {}
