"""One line of the central log: what a typed run event says there (level, step, message, data)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

Level = Literal["debug", "info", "warning", "error"]
LEVELS: tuple[Level, ...] = ("debug", "info", "warning", "error")


@dataclass(frozen=True)
class LogLine:
    """A central-log line before it is written (the log adds the run id and the time, and scrubs it)."""

    level: Level
    step: str
    message: str
    data: Mapping[str, Any] = field(default_factory=dict)


class HasLine(Protocol):
    """A typed event that says what its central-log line is (None: it has none)."""

    def line(self) -> LogLine | None:
        """The central-log line."""
        ...
