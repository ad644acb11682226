"""`migwiz ci`'s typed events: a gate's verdict, as its central-log line.

A leaf module (it imports only the log line): ci.py writes its central-log lines from these events,
`migwiz watch` reads them back (run/log_notes.py). The drift and plan gates log through drift's and plan's
own events (log/drift_events.py, log/plan_events.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from migwiz.engine.log.line import LogLine


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class CiGateChecked:
    """A gate of `migwiz ci` (lint, rollback) ended with `status` (passed, failed, error, ...) and `detail`,
    its one-line reason."""

    gate: str
    status: str
    detail: str
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        return LogLine(
            "info", "ci", f"{self.gate}: {self.detail}", {"gate": self.gate, "status": self.status}
        )


CiEvent = CiGateChecked
"""`ci`'s typed events (part of `run.events.RunEvent`)."""
