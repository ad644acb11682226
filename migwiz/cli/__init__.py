"""The `migwiz` command line: thin wrappers over `migwiz.engine.commands`, one module per command family.

Exit codes: 0 success / in sync, 1 something failed or is pending, 2 usage, configuration or connection
error, 3 another run holds the migration lock.

`migwiz --help` and `--version` stay fast: the command modules import click and little else; psycopg, the
engine and the UI are imported inside the commands that use them (tests/unit/test_import_hygiene.py).
"""

from __future__ import annotations

import sys

import click

from migwiz import __version__
from migwiz.cli import adopt, backfill, backup, fleet, inspect, logs, run, shadow, wizard
from migwiz.cli.adopt import ADOPT_TOOLS as ADOPT_TOOLS
from migwiz.console.failures import JsonErrors, install_excepthooks


@click.group(
    cls=JsonErrors,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="migwiz")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Guided, lock-aware PostgreSQL schema migrations."""
    if ctx.invoked_subcommand is None:
        if sys.stdin.isatty() and sys.stdout.isatty():
            wizard.open_wizard(None, mode="migrate")
        else:
            click.echo(ctx.get_help())


# -- the commands: one line per command or group (a new family: a new module, one line here) ---------------
cli.add_command(inspect.status)
cli.add_command(run.up)
cli.add_command(run.down)
cli.add_command(run.repair)
cli.add_command(inspect.lint)
cli.add_command(logs.log)
cli.add_command(backup.backup_check)
cli.add_command(inspect.plan_command)
cli.add_command(inspect.trace_command)
cli.add_command(wizard.wizard)
cli.add_command(wizard.rollback)
cli.add_command(logs.watch)
cli.add_command(shadow.test_rollback_command)
cli.add_command(inspect.drift)
cli.add_command(inspect.verify)
cli.add_command(adopt.baseline_command)
cli.add_command(shadow.ci_command)
cli.add_command(adopt.adopt)
cli.add_command(shadow.dry_run_command)
cli.add_command(backfill.backfill)
cli.add_command(adopt.new_group)
cli.add_command(wizard.demo)
cli.add_command(fleet.fleet)


def main() -> None:
    """Console-script entry point."""
    install_excepthooks()
    cli()
