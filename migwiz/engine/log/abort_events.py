"""The operator's abort request, as the wizard records it on a run's central log: who asked, when, and
which choice (stop after the running migration, cancel the running statement now, or keep going).

A leaf module (it imports only the log line): the wizard writes it over a connection of its own
(`commands.record_abort`: a cancel can end the run and close its log meanwhile), `migwiz watch` reads it
back (run/log_notes.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from migwiz.engine.log.line import Level, LogLine

AbortChoice = Literal["stop", "cancel", "keep"]

CHOICE_TEXT: dict[AbortChoice, str] = {
    "stop": "stop after the running migration",
    "cancel": "cancel the running statement now",
    "keep": "keep going",
}
_FINISHED = " (the run had already finished: nothing stopped)"


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class AbortRequested:
    """The operator chose how to abort a run (`finished`: the run had ended while the question was open)."""

    choice: AbortChoice
    os_user: str
    host: str
    requested_at: datetime
    finished: bool = False
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line: a warning unless the operator kept the run going."""
        text = f"abort requested by {self.os_user}@{self.host}: {CHOICE_TEXT[self.choice]}"
        data = {
            "choice": self.choice, "os_user": self.os_user, "host": self.host,
            "requested_at": self.requested_at.isoformat(), "finished": self.finished,
        }  # fmt: skip
        level: Level = "info" if self.choice == "keep" else "warning"
        return LogLine(level, "abort", text + (_FINISHED if self.finished else ""), data)


AbortEvent = AbortRequested
