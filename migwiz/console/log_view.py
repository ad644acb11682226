"""`migwiz log`: central-log events, one line each (or one JSON object)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from migwiz.console import output

if TYPE_CHECKING:
    from migwiz.engine.types import Event


def print_events(events: Sequence[tuple[int, Event]], *, json_output: bool) -> None:
    """Events as `time run level step message` lines, or `{"events": [...]}` with --json."""
    if json_output:
        if events:
            output.emit_json({"events": [e.to_json() | {"id": i} for i, e in events]})
        return
    if output.stdout.is_terminal:
        output.stdout.print(_grid(events), soft_wrap=False)
        return
    for _, e in events:
        line = Text(f"{e.at:%Y-%m-%d %H:%M:%S} {e.run_id[:8]} ")
        line.append(f"{e.level:<7}", style=output.LEVEL_STYLES.get(e.level, ""))
        line.append(f" {e.step:<10} {e.message}")
        output.stdout.print(line)


def _grid(events: Sequence[tuple[int, Event]]) -> Table:
    """On a terminal: a message too long for the line wraps under the message column (never back to the
    first column, where it would read as another event); the date only for events of another day."""
    today = datetime.now().astimezone().date()
    grid = Table.grid(padding=(0, 1))
    for style in ("", "dim", "", ""):
        grid.add_column(no_wrap=True, style=style)
    grid.add_column(overflow="fold")
    for _, e in events:
        at = e.at.astimezone()
        when = f"{at:%H:%M:%S}" if at.date() == today else f"{at:%Y-%m-%d %H:%M:%S}"
        grid.add_row(
            when, e.run_id[:8], Text(e.level, style=output.LEVEL_STYLES.get(e.level, "")), e.step, e.message
        )
    return grid
