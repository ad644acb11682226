"""The run's typed events besides statements, lock waits, gates and outcomes (events.py): what it plans,
starts, resumes, notices, recovers and is told by the operator.

Each event says what its central-log line is (`line()`): the log is written from these events by the
run's log writer (log_writer.py), never directly, so the log and the live stream tell one story.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from migwiz.engine import humanize
from migwiz.engine.log.line import LogLine


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class NothingToRun:
    """The plan is empty: every migration is applied (`up`), or none is to be reverted (`down`)."""

    direction: str
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        text = (
            "nothing to apply: every migration is applied" if self.direction == "up" else "nothing to revert"
        )
        return LogLine("info", "plan", text)


@dataclass(frozen=True)
class PhaseSelected:
    """`up --phase`: how many migrations of that phase the run applies."""

    phase: str
    count: int
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        text = f"--phase {self.phase}: {self.count} migration(s) of that phase to apply"
        return LogLine("info", "plan", text, {"phase": self.phase})


@dataclass(frozen=True)
class EditedAccepted:
    """`--allow-edited`: the run goes on although applied migrations were edited (said once per run)."""

    files: tuple[str, ...]
    versions: tuple[str, ...]
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        text = f"--allow-edited: going on although applied migration(s) were edited: {', '.join(self.files)}"
        return LogLine("warning", "plan", text, {"files": list(self.files), "versions": list(self.versions)})


@dataclass(frozen=True)
class RisksAccepted:
    """The operator accepted lint's `error` findings (`forced` says how) for `migrations` migrations."""

    migrations: int
    findings: tuple[str, ...]
    forced: str | None = None
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        more = len(self.findings) - 3
        text = (
            f"applying {self.migrations} migration(s) lint rates error: "
            + "; ".join(self.findings[:3])
            + (f"; and {more} more (in `findings`)" if more > 0 else "")
        )
        return LogLine("warning", "plan", text, {"findings": list(self.findings), "forced": self.forced})


@dataclass(frozen=True)
class QueryBaseline:
    """The queries seen before the expand migrations ran were recorded (the contract guard compares)."""

    versions: tuple[str, ...]
    statements: int
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        text = (
            f"query baseline recorded for {len(self.versions)} expand migration(s)"
            f" ({self.statements} statements)"
        )
        return LogLine("info", "phase", text, {"versions": list(self.versions)})


@dataclass(frozen=True)
class MigrationStarted:
    """A migration starts: how it runs (`mode`: in one transaction, statement by statement, in batches)."""

    version: str
    label: str
    direction: str
    path: str
    statements: int
    mode: str
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        verb = "applying" if self.direction == "up" else "reverting"
        data = {"version": self.version, "path": self.path, "statements": self.statements}
        return LogLine("info", "migration", f"{verb} {self.label} {self.mode}", data)


@dataclass(frozen=True)
class MigrationResumed:
    """An interrupted `no-transaction` migration resumes at statement `statement` (1-based)."""

    version: str
    label: str
    statement: int
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        text = f"resuming {self.label} at statement {self.statement}"
        return LogLine("info", "migration", text, {"version": self.version})


@dataclass(frozen=True)
class TransactionNotice:
    """What migwiz decided on its own about how a script runs (see sets.transactions)."""

    version: str
    path: str
    notice: str
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        return LogLine("warning", "transaction", self.notice, {"version": self.version, "path": self.path})


@dataclass(frozen=True)
class StoppedAtSafePoint:
    """The run stopped at a safe point (`where`: before a migration, or inside one) and left `not_run`."""

    where: str
    reason: str
    not_run: tuple[str, ...]
    version: str | None = None
    statement: int | None = None
    """The 1-based statement that did not start, when it stopped inside a migration."""
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        data: dict[str, Any] = {"reason": self.reason, "not_run": list(self.not_run)}
        if self.version is not None:
            data = {"version": self.version, **data, "statement": self.statement}
        return LogLine("warning", "stop", f"stopped at a safe point {self.where}: {self.reason}", data)


@dataclass(frozen=True)
class RunPaused:
    """The operator paused the run; it waits at a safe point (`where`)."""

    where: str
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        return LogLine("info", "pause", f"paused by the operator {self.where}")


@dataclass(frozen=True)
class CancelledAfterGrace:
    """SIGTERM's second step: the run did not reach a safe point within `grace_s`, so its running statement
    is cancelled."""

    grace_s: float
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        text = (
            f"the run did not reach a safe point within {self.grace_s:g} s of SIGTERM: cancelling the running"
            " statement"
        )
        return LogLine("warning", "stop", text, {"grace_s": self.grace_s})


@dataclass(frozen=True)
class RunResumed:
    """The operator let the paused run go on."""

    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        return LogLine("info", "pause", "resumed")


@dataclass(frozen=True)
class LockTimeoutChanged:
    """The operator changed the run's lock_timeout (from the next statement on)."""

    lock_timeout_ms: int
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        text = f"lock_timeout changed to {humanize.duration(self.lock_timeout_ms / 1000)} by the operator"
        return LogLine("info", "policy", text, {"lock_timeout_ms": self.lock_timeout_ms})


@dataclass(frozen=True)
class LockAnalysisMissing:
    """A script's statements could not be analysed: the guard does not pre-check their locks."""

    file: str
    error: str
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        return LogLine("warning", "guard", f"{self.file}: no lock analysis ({self.error}); not pre-checking")


@dataclass(frozen=True)
class RetryScheduled:
    """A lock conflict (`kind`) is retried: attempt `attempt` starts after `delay_ms`."""

    what: str
    version: str | None
    kind: str
    attempt: int
    delay_ms: float
    place: Mapping[str, Any] = field(default_factory=dict)
    """Where the statement is (version, path, line, index), as the log row's data."""
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        text = f"{self.what}: retry {self.attempt - 1} in {humanize.duration(self.delay_ms / 1000)}"
        data = {"kind": self.kind, "attempt": self.attempt, "delay_ms": round(self.delay_ms, 1), **self.place}
        return LogLine("info", "retry", text, data)


OrphanState = Literal["found", "terminated", "ended"]


@dataclass(frozen=True)
class OrphanSessions:
    """Executor sessions a killed run left on the server: found, terminated, or ended."""

    state: OrphanState
    pids: tuple[int, ...]
    query: str = ""
    """What the first of them runs (found), scrubbed and cut short."""
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        pids = ", ".join(map(str, self.pids))
        data = {"pids": list(self.pids)}
        if self.state == "found":
            text = f"a killed migwiz run left executor session(s) {pids} running: {self.query}"
            return LogLine("warning", "orphan", text, data)
        if self.state == "terminated":
            text = (
                f"terminated leftover executor session(s) {pids}: their migration transaction is rolled back"
            )
            return LogLine("warning", "orphan", text, data)
        return LogLine("info", "orphan", "the leftover executor session(s) ended", data)


@dataclass(frozen=True)
class MigrationLockLost:
    """The session holding the run's migration lock ended under it (`error`: what its connection said):
    another migwiz run could take the lock, so the run stops at the next safe point."""

    pid: int | None
    error: str
    at: datetime = field(default_factory=_now)

    @property
    def reason(self) -> str:
        """Why the run stops, as its stop's reason."""
        return f"the migration lock's session (pid {self.pid}) ended"

    def line(self) -> LogLine:
        """The central-log line."""
        text = (
            f"{self.reason}: {self.error}; another migwiz run could take the lock: stopping at the next safe"
            " point"
        )
        return LogLine("error", "migration-lock", text, {"pid": self.pid})


@dataclass(frozen=True)
class StatementResolved:
    """A statement cut off by a crash counts as `ran` or `not-ran` (`how`: by the operator, or from the
    state of its index)."""

    version: str
    label: str
    statement: int
    resolve: str
    how: str
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        text = f"{self.label}: statement {self.statement} marked as {self.resolve} {self.how}"
        data = {"version": self.version, "statement": self.statement, "resolve": self.resolve}
        return LogLine("warning", "resolve", text, data)


@dataclass(frozen=True)
class InvalidIndexes:
    """A `no-transaction` migration ended with an INVALID index it built: not recorded as done."""

    version: str
    label: str
    direction: str
    indexes: tuple[str, ...]
    at: datetime = field(default_factory=_now)

    @property
    def message(self) -> str:
        """What is wrong, in the words of the migration's failure."""
        names = ", ".join(self.indexes)
        return f"index {names} is INVALID after the migration; not recorded as {self.direction}"

    def line(self) -> LogLine:
        """The central-log line."""
        data = {"version": self.version, "indexes": list(self.indexes)}
        return LogLine("error", "index", f"{self.label}: {self.message}", data)


@dataclass(frozen=True)
class InvalidIndexDropped:
    """An INVALID index a failed build left was dropped (or, with `error`, could not be)."""

    version: str
    label: str
    index_name: str
    why: str
    """What left it (dropped), or why it could not be dropped (`error`)."""
    error: str | None = None
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        data = {"version": self.version, "index_name": self.index_name}
        if self.error is not None:
            text = f"{self.label}: could not drop the invalid index {self.index_name}: {self.error}"
            return LogLine("error", "index", text, data)
        text = f"{self.label}: dropped the invalid index {self.index_name} left by {self.why}"
        return LogLine("warning", "index", text, data)


@dataclass(frozen=True)
class RunErrored:
    """An error ended the run (`step` plan: it refused to run; repair: the repair failed): its one line and
    the hint."""

    step: str
    message: str
    hint: str | None = None
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        return LogLine("error", self.step, self.message, {"hint": self.hint})


@dataclass(frozen=True)
class HistoryRowRepaired:
    """`migwiz repair` changes one history row (`change`: the `RepairChange` as JSON), as `db_user`."""

    change: Mapping[str, Any]
    db_user: str | None
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        text = f"{self.change.get('label')}: {self.change.get('description')}"
        return LogLine("warning", "repair", text, {"db_user": self.db_user, **self.change})


@dataclass(frozen=True)
class HistoryRepaired:
    """`migwiz repair` changed `count` history rows."""

    count: int
    at: datetime = field(default_factory=_now)

    def line(self) -> LogLine:
        """The central-log line."""
        return LogLine("info", "repair", f"{self.count} history row(s) repaired", {"count": self.count})


RunNote = (
    NothingToRun
    | PhaseSelected
    | EditedAccepted
    | RisksAccepted
    | QueryBaseline
    | MigrationStarted
    | MigrationResumed
    | TransactionNotice
    | StoppedAtSafePoint
    | RunPaused
    | RunResumed
    | CancelledAfterGrace
    | LockTimeoutChanged
    | LockAnalysisMissing
    | RetryScheduled
    | OrphanSessions
    | MigrationLockLost
    | StatementResolved
    | InvalidIndexes
    | InvalidIndexDropped
    | RunErrored
    | HistoryRowRepaired
    | HistoryRepaired
)
"""The run's typed events of this module (part of `events.RunEvent`)."""
