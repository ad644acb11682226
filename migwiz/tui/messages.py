"""Messages workers post back to screens: small dataclasses carrying engine types.

Workers never touch widgets; they post one of these and the screen's handler renders it. High-frequency
messages (monitor samples, progress) implement `can_replace`, so a slow screen only sees the newest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.message import Message

from migwiz.engine.types import BackfillProgress, Event, Snapshot
from migwiz.tui.execution import CurrentStatement, RunSummary


@dataclass
class Loaded(Message):
    """An engine call of step `step` finished with `result` (None and `error` set when it failed)."""

    step: str
    result: Any
    error: str | None = None
    hint: str | None = None


@dataclass
class MonitorSample(Message):
    """A new monitor snapshot for a live pane."""

    snapshot: Snapshot

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, MonitorSample)


@dataclass
class MonitorFailed(Message):
    """The monitor could not sample (shown once, the loop keeps trying)."""

    error: str

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, MonitorFailed)


@dataclass
class StatementStarted(Message):
    """The executor is about to run a statement."""

    current: CurrentStatement

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, StatementStarted)


@dataclass
class LogEvent(Message):
    """One event of the central log (the run's own, or read back in observer mode)."""

    event: Event


@dataclass
class RunStarted(Message):
    """The run got its id."""

    run_id: str


@dataclass
class RunFinished(Message):
    """The run ended (done, stopped at a safe point, or failed)."""

    summary: RunSummary


@dataclass
class BackupProgress(Message):
    """Progress of a dump: done of total (bytes or tables, as the engine reports)."""

    done: float
    total: float | None
    label: str

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, BackupProgress)


@dataclass
class BackfillProgressed(Message):
    """A reading of the running backfill (the runner's progress callback)."""

    progress: BackfillProgress

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, BackfillProgressed)
