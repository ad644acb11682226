"""`wizard`, `rollback` and `demo`: the commands that open the Textual wizard."""

from __future__ import annotations

import sys
from typing import Any, cast

import click

from migwiz.cli.common import Context, common_options
from migwiz.console.failures import fail
from migwiz.engine.errors import MigwizError, UsageError


def open_wizard(ctx: Context | None, *, mode: str) -> None:
    """Open the Textual wizard (imported only here) and exit with its code."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("the wizard needs a terminal", "run it in a terminal, or use status / plan / up")
    if ctx is None:
        try:
            from migwiz.engine import commands

            ctx = Context(commands.Project.open(None), json_output=False, debug=False)
        except MigwizError as exc:
            fail(exc, False)
            return
    from migwiz.tui.launch import run_wizard

    sys.exit(run_wizard(ctx.dsn, ctx.settings, mode=cast(Any, mode)))


@click.command()
@common_options
def wizard(ctx: Context) -> None:
    """Open the wizard: target, pending migrations, backup, impact, dry run, execute, verify, summary."""
    open_wizard(ctx, mode="migrate")


@click.command()
@common_options
def rollback(ctx: Context) -> None:
    """Incident rollback in the wizard: recent changes, the version to go back to, the downs' impact, run."""
    open_wizard(ctx, mode="rollback")


@click.command()
@click.option("--keep", is_flag=True, help="Leave the server running and print its DSN (reused next time).")
@click.option(
    "--rows",
    type=click.IntRange(min=1000),
    default=1_000_000,
    show_default=True,
    help="Rows in the big orders table.",
)
@click.option("--no-workload", is_flag=True, help="Do not start the background workload.")
@click.option("--pg", "major", type=int, help="PostgreSQL major version (default: newest embedded).")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
def demo(keep: bool, rows: int, no_workload: bool, major: int | None, debug: bool) -> None:
    """Start an embedded server with a demo database and migration set, and show how to try it."""
    from migwiz.console import output
    from migwiz.demo.session import DemoStopped, demo_commands, start_demo, stop_on_signals

    def progress(step: str, fraction: float) -> None:
        from migwiz.console import output

        output.stderr.print(f"  {step} {fraction:4.0%}", markup=False, highlight=False)

    stop_on_signals()  # SIGTERM / SIGHUP end the demo as Ctrl-C does: server stopped, folder deleted
    try:
        output.stderr.print("starting the demo server and building the shop database...", markup=False)
        session = start_demo(keep=keep, rows=rows, workload=not no_workload, major=major, progress=progress)
    except MigwizError as exc:
        fail(exc, debug)
        return
    except DemoStopped:
        sys.exit(1)
    lines = [
        f"demo database: {session.dsn}  (PostgreSQL {session.server.major})",
        f"demo migrations: {session.migrations_dir}",
        "try it:",
        *(f"  {line}" for line in demo_commands(session.dsn, session.migrations_dir)),
    ]
    output.stdout.print("\n".join(lines), markup=False, highlight=False)
    if keep:
        session.stop()
        output.stdout.print(
            f"the server keeps running; stop it with:\n  {session.server.stop_command()}",
            markup=False,
            highlight=False,
        )
        return
    signalled = False
    try:
        if sys.stdin.isatty() and sys.stdout.isatty():
            from migwiz.engine import commands
            from migwiz.tui.launch import run_wizard

            settings = commands.load_settings(dir_flag=session.migrations_dir)
            run_wizard(session.dsn, settings, demo=True, before_exit=session.stop)
            return
        running = "the server and the workload are running" if session.workload else "the server is running"
        output.stdout.print(f"{running}; press Ctrl-C to stop the demo", markup=False)
        import time

        while True:
            time.sleep(1)
    except DemoStopped:
        signalled = True
    except KeyboardInterrupt:
        pass
    finally:
        session.stop()
    if signalled:
        sys.exit(1)
