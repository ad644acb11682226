"""`migwiz plan`'s typed events: the throughput it measured, each pending migration's verdict.

A leaf module (it imports only the log line): plan/build.py writes its central-log lines from these
events, `migwiz watch` reads them back (run/log_notes.py). What a run's plan refuses or accepts
(`RunErrored` with step `plan`, risks accepted, ...) is in run/notes.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from migwiz.engine.log.line import LogLine


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class PlanCalibrated:
    """`plan --calibrate` measured the server's throughput (`throughput`: `Throughput.to_json()`)."""

    throughput: Mapping[str, Any]
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        return LogLine("info", "plan", "calibrated", dict(self.throughput))


@dataclass(frozen=True)
class MigrationPlanned:
    """A pending migration's verdict in `direction` (`estimate_s`: its estimated duration; `reasons`: why)."""

    version: str
    direction: str
    verdict: str
    estimate_s: float
    reasons: tuple[str, ...] = ()
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        data = {
            "version": self.version,
            "verdict": self.verdict,
            "direction": self.direction,
            "estimate_s": self.estimate_s,
            "reasons": list(self.reasons),
        }
        return LogLine("info", "plan", f"{self.version} ({self.direction}): {self.verdict}", data)


PlanEvent = PlanCalibrated | MigrationPlanned
"""`plan`'s typed events (part of `run.events.RunEvent`)."""
