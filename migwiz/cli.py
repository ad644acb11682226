"""The `migwiz` command line: thin wrappers over engine calls."""

from __future__ import annotations

import click

from migwiz import __version__


@click.group(invoke_without_command=True)
@click.version_option(__version__, prog_name="migwiz")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Guided, lock-aware PostgreSQL schema migrations."""
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())


def main() -> None:
    """Console-script entry point."""
    cli()
