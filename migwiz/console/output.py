"""Human output of the CLI: one rich console for stdout, one for stderr."""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from migwiz.engine.eventlog import Event

stdout = Console(highlight=False, soft_wrap=True)
stderr = Console(stderr=True, highlight=False, soft_wrap=True)

STATE_STYLES = {
    "applied": "green",
    "pending": "yellow",
    "failed": "bold red",
    "checksum_mismatch": "bold red",
    "missing_file": "bold red",
}
LEVEL_STYLES = {"debug": "dim", "info": "", "warning": "yellow", "error": "bold red"}


def emit_json(payload: Any) -> None:
    """Write one JSON document to stdout."""
    sys.stdout.write(json.dumps(payload, indent=2, default=str) + "\n")
    sys.stdout.flush()


def table(*columns: str) -> Table:
    """A plain table that stays readable at 80 columns and without colour."""
    t = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    for column in columns:
        t.add_column(column, overflow="fold")
    return t


class ConsoleSink:
    """Prints events as they happen (human mode)."""

    def __init__(self, console: Console | None = None, *, verbose: bool = False) -> None:
        self.console = console or stderr
        self.verbose = verbose

    def write(self, event: Event) -> None:
        """Print one event line."""
        if event.step == "statement" and not self.verbose:
            return
        self.console.print(Text(event.message, style=LEVEL_STYLES.get(event.level, "")))

    def close(self) -> None:
        """Nothing to release."""


def no_color() -> bool:
    """NO_COLOR is set (https://no-color.org)."""
    return bool(os.environ.get("NO_COLOR"))
