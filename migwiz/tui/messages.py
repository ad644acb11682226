"""Messages workers post back to screens: small dataclasses carrying engine types.

Workers never touch widgets; they post one of these and the screen's handler renders it. High-frequency
messages (monitor samples, progress) implement `can_replace`, so a slow screen only sees the newest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from textual.message import Message

from migwiz.engine.types import BackfillProgress, BackupReport, DryRunReport, DumpResult, Event, Snapshot
from migwiz.tui.backend import Check, ImpactReport, PendingInfo, RecentChanges, TargetView
from migwiz.tui.execution import CurrentStatement, RunSummary

# -- one message per step's engine call: the screen of that step handles it ------------------------------


@dataclass
class StepFailed(Message):
    """The engine call of step `step` failed: its one-line message (secrets scrubbed) and hint."""

    step: str
    error: str
    hint: str | None = None


@dataclass
class TargetLoaded(Message):
    """Target: the server, the database and where its migrations stand."""

    target: TargetView


@dataclass
class PendingLoaded(Message):
    """Pending: the migration set, each migration's standing, lint and plan verdicts."""

    info: PendingInfo


@dataclass
class BackupChecked(Message):
    """Backup: the point-in-time-recovery readiness report."""

    report: BackupReport


@dataclass
class DumpTaken(Message):
    """Backup: the verified dump of the touched tables (None: the migrations touch no table)."""

    dump: DumpResult | None


@dataclass
class ImpactLoaded(Message):
    """Impact: the locks, rewrites and estimates of the migrations (up) or down scripts (rollback)."""

    report: ImpactReport


@dataclass
class DryRunLoaded(Message):
    """Dry run: every statement run on a shadow database."""

    report: DryRunReport


@dataclass
class RecentLoaded(Message):
    """Recent changes: the applied migrations and the runs logged lately."""

    recent: RecentChanges


@dataclass
class VerifyChecked(Message):
    """Verify: the checks of one of its engine calls (`step` names the call)."""

    step: str
    checks: tuple[Check, ...]


@dataclass
class BackfillControlled(Message):
    """Execute: the running backfill's control row now says `state` ("paused" or "resumed")."""

    state: str


# -- live panes ------------------------------------------------------------------------------------------


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
class RunWaiting(Message):
    """The run waits for a lock before its next attempt: outside the lock queue behind a long transaction,
    or backing off after a lock conflict (`since`: when the wait began)."""

    what: str
    why: str
    holders: str
    since: datetime


@dataclass
class LogEvent(Message):
    """One event of the central log (the run's own, or read back in observer mode)."""

    event: Event


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
