"""The rollback test's typed events (`migwiz test-rollback`): its shadow, each migration's verdict, a
migration of the chain that does not apply.

Each event says what its central-log line is (`line()`); the test writes them through the run's log
writer (run/log_writer.py), the way a run writes its own, and `migwiz watch` reads them back
(run/log_notes.py). An error that ends the test is the run's `RunErrored` with step `rollback`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from migwiz.engine.log.line import LogLine

Result = Literal["passed", "failed", "skipped"]


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class RollbackStarted:
    """The rollback test has its shadow database."""

    shadow: str
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        return LogLine(
            "info", "rollback", f"testing rollbacks on shadow database {self.shadow}", {"shadow": self.shadow}
        )


@dataclass(frozen=True)
class RollbackBlocked:
    """A migration of the chain does not apply: the migrations after it are not tested."""

    version: str
    label: str
    error: str
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        return LogLine(
            "error", "rollback", f"{self.label} does not apply: {self.error}", {"version": self.version}
        )


@dataclass(frozen=True)
class RollbackTested:
    """One migration's verdict: up, down, up again restore the schema (passed), it was not tested
    (skipped, `verdict` says why), or a step failed (`step`, `message`, the schema differences)."""

    version: str
    label: str
    result: Result
    verdict: str
    duration_ms: float
    message: str | None = None
    step: str | None = None
    differences: tuple[str, ...] = ()
    data_loss: tuple[str, ...] = ()
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        data: dict[str, Any] = {
            "version": self.version,
            "result": self.result,
            "verdict": self.verdict,
            "duration_ms": round(self.duration_ms, 1),
        }
        if self.result == "passed":
            extra = f"; down loses data: {'; '.join(self.data_loss)}" if self.data_loss else ""
            if self.data_loss:
                data["data_loss"] = list(self.data_loss)
            return LogLine(
                "info", "rollback", f"{self.label}: up, down, up again restore the schema{extra}", data
            )
        if self.result == "skipped":
            return LogLine("warning", "rollback", f"{self.label}: {self.verdict}", data)
        data = {
            "step": self.step,
            "differences": list(self.differences),
            "data_loss": list(self.data_loss),
            **data,
        }
        return LogLine("error", "rollback", f"{self.label}: {self.message}", data)


RollbackEvent = RollbackStarted | RollbackBlocked | RollbackTested
