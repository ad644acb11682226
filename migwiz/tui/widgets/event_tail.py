"""The tail of the central log: one event per entry, newest at the bottom, long messages wrapped under
their start (a guard's "waiting outside the lock queue while pid ... holds ..." is read whole)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import RichLog

from migwiz.engine.types import Event
from migwiz.present import LEVEL_STYLES

LEVEL_MARKS = {"debug": " ", "info": " ", "warning": "!", "error": "✗"}


def event_head(event: Event) -> Text:
    """`12:03:04 ! step      ` (the mark keeps levels visible without colour)."""
    text = Text(no_wrap=True)
    text.append(f"{event.at:%H:%M:%S} ", style="dim")
    text.append(LEVEL_MARKS.get(event.level, " ") + " ", style=LEVEL_STYLES.get(event.level, ""))
    text.append(f"{event.step:<9} ", style="bold")
    return text


def event_entry(event: Event) -> Table:
    """The event's head, then its message wrapped in the column beside it."""
    grid = Table.grid()
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(event_head(event), Text(event.message, style=LEVEL_STYLES.get(event.level, "")))
    return grid


class EventTail(RichLog):
    """A bounded log of events."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(max_lines=500, wrap=False, markup=False, highlight=False, id=id)

    def add(self, event: Event) -> None:
        """Append one event, its message wrapped to the pane's width."""
        self.write(event_entry(event))
