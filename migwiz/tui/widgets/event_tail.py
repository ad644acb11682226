"""The tail of the central log: one line per event, newest at the bottom."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import RichLog

from migwiz.engine.types import Event
from migwiz.present import LEVEL_STYLES

LEVEL_MARKS = {"debug": " ", "info": " ", "warning": "!", "error": "✗"}


def event_line(event: Event) -> Text:
    """`12:03:04 ! step  message` (the mark keeps levels visible without colour)."""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f"{event.at:%H:%M:%S} ", style="dim")
    text.append(LEVEL_MARKS.get(event.level, " ") + " ", style=LEVEL_STYLES.get(event.level, ""))
    text.append(f"{event.step:<9} ", style="bold")
    text.append(event.message, style=LEVEL_STYLES.get(event.level, ""))
    return text


class EventTail(RichLog):
    """A bounded log of events."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(max_lines=500, wrap=False, markup=False, highlight=False, id=id)

    def add(self, event: Event) -> None:
        """Append one event."""
        self.write(event_line(event))
