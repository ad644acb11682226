"""Open the wizard from the CLI and wait for a run it started to reach its end or safe point."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from typing import TextIO, cast

from rich.console import Console

from migwiz.engine.commands import ScrubbedStream
from migwiz.engine.types import Settings
from migwiz.tui.app import make_app
from migwiz.tui.context import Mode, WizardContext, fleet_file_here


def on_terminal() -> bool:
    """stdin and stdout are both a terminal (else the CLI prints help instead of opening the wizard)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def run_wizard(
    dsn: str,
    settings: Settings,
    *,
    mode: Mode = "migrate",
    demo: bool = False,
    before_exit: Callable[[], object] | None = None,
) -> int:
    """Run the wizard until the operator quits; returns the exit code.

    When the terminal is lost during a run (SIGHUP), the run goes on to its safe point (the migration that
    is running finishes, a backfill stops after its current batch, nothing after it starts) before this
    returns. `before_exit` runs before the
    process leaves at once after a lost terminal (the demo stops its server there).
    """
    fleet_file = None if demo else fleet_file_here(settings)
    context = WizardContext(dsn=dsn, settings=settings, mode=mode, demo=demo, fleet_file=fleet_file)
    app = make_app(context)
    # a crash report shows locals (a DSN among them): scrub what reaches the terminal
    app.error_console = Console(file=cast(TextIO, ScrubbedStream("stderr")), markup=False, highlight=False)
    code = app.run()
    control = app.control
    if control is not None and not control.done.is_set():
        if not app.terminal_lost:
            print("waiting for the running migration to reach a safe point…", file=sys.stderr)
        control.wait()
    if app.terminal_lost:
        # stdout/stderr are gone with the terminal: leave quietly, without flushing into a dead tty
        if before_exit is not None:
            with contextlib.suppress(Exception):
                before_exit()
        os._exit(1)
    return code if isinstance(code, int) else 0
