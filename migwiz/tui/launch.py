"""Open the wizard from the CLI and wait for a run it started to reach its end or safe point."""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections.abc import Callable
from typing import TextIO, cast

from rich.console import Console

from migwiz.engine.commands import ScrubbedStream, drop_scratch_databases
from migwiz.engine.types import Settings
from migwiz.tui.app import WizardApp, make_app
from migwiz.tui.context import Mode, WizardContext, fleet_file_here

LOST_TERMINAL_GRACE_S = 5.0
"""After a lost terminal, how long the wizard may take to close once no run is left (else it is ended)."""


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
    leave = _Leave(before_exit)
    threading.Thread(target=_watch_hangup, args=(app, leave), name="migwiz-hangup", daemon=True).start()
    code = app.run()
    control = app.control
    if control is not None and not control.done.is_set():
        if not app.terminal_lost:
            print("waiting for the running migration to reach a safe point…", file=sys.stderr)
        control.wait()
    if app.terminal_lost:
        leave()
    return code if isinstance(code, int) else 0


class _Leave:
    """Leave the process at once after a lost terminal, `before_exit` first (once, from either thread)."""

    def __init__(self, before_exit: Callable[[], object] | None) -> None:
        self._before_exit = before_exit
        self._once = threading.Lock()

    def __call__(self) -> None:
        self._once.acquire()  # the second caller waits here until the first one has ended the process
        # stdout/stderr are gone with the terminal: leave quietly, without flushing into a dead tty
        with contextlib.suppress(Exception):  # a worker still busy in a shadow database: drop it first
            drop_scratch_databases()
        if self._before_exit is not None:
            with contextlib.suppress(Exception):
                self._before_exit()
        os._exit(1)


def _watch_hangup(app: WizardApp, leave: _Leave) -> None:
    """After SIGHUP: once the run has reached its safe point (at once when it only waits for a lock), the
    wizard has `LOST_TERMINAL_GRACE_S` to close; a wizard stuck on the dead terminal is ended then."""
    app.hangup.wait()
    control = app.control
    if control is not None:
        control.wait()
    time.sleep(LOST_TERMINAL_GRACE_S)
    leave()
