"""`migwiz log`: central-log events, one line each (or one JSON object)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

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
    for _, e in events:
        line = Text(f"{e.at:%Y-%m-%d %H:%M:%S} {e.run_id[:8]} ")
        line.append(f"{e.level:<7}", style=output.LEVEL_STYLES.get(e.level, ""))
        line.append(f" {e.step:<10} {e.message}")
        output.stdout.print(line)
