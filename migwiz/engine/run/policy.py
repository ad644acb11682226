"""The run's vocabulary: how statements are run (`ExecutionPolicy`) and what a run did (`RunReport`).

The planner, the dry run and the faces read these types without importing the runner.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from migwiz.engine.run.executor import RetryPolicy
from migwiz.engine.run.failures import StatementFailure
from migwiz.engine.run.guard import GuardPolicy
from migwiz.engine.sets.model import Phase, Script, Version

Direction = Literal["up", "down"]
Resolve = Literal["ran", "not-ran"]


@dataclass(frozen=True)
class ExecutionPolicy:
    """How statements are run. Timeouts: flag > script directive > this default."""

    lock_timeout_ms: int = 2000
    statement_timeout_ms: int | None = None
    lock_timeout_forced: bool = False
    statement_timeout_forced: bool = False
    allow_irreversible: bool = False
    allow_out_of_order: bool = False
    resolve: Resolve | None = None
    phase: Phase | None = None  # `up --phase`, only migrations of this phase
    force_contract: bool = False  # run a contract the phase guard refuses (reason logged)
    allow_edited: bool = False
    """`down --allow-edited`: revert although applied files were edited (the files are named in the log)."""
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    guard: GuardPolicy = field(default_factory=GuardPolicy)
    orphan_wait_ms: int = 30_000
    """How long to wait for a statement a killed migwiz left running on the server before resuming."""
    backfill_workers: int | None = None
    """`up --workers`: workers of the backfills this run starts or resumes (None: from the server's cores
    and load); `backfill tune --workers` still changes it live."""

    def lock_timeout_for(self, script: Script) -> int:
        """lock_timeout in ms for this script."""
        if not self.lock_timeout_forced and script.directives.lock_timeout_ms is not None:
            return script.directives.lock_timeout_ms
        return self.lock_timeout_ms

    def statement_timeout_for(self, script: Script) -> int | None:
        """statement_timeout in ms for this script (None: the server's setting)."""
        if not self.statement_timeout_forced and script.directives.statement_timeout_ms is not None:
            return script.directives.statement_timeout_ms
        return self.statement_timeout_ms


@dataclass
class MigrationOutcome:
    """What happened to one migration in this run."""

    version: Version
    name: str
    direction: Direction
    result: Literal["applied", "reverted", "failed"]
    duration_ms: float
    statements_run: int
    failure: StatementFailure | None = None

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "version": str(self.version),
            "name": self.name,
            "direction": self.direction,
            "result": self.result,
            "duration_ms": round(self.duration_ms, 1),
            "statements_run": self.statements_run,
            "failure": self.failure.to_json() if self.failure else None,
        }


@dataclass
class RunReport:
    """Everything a run did, in order."""

    direction: Direction
    outcomes: list[MigrationOutcome] = field(default_factory=list)
    stopped: str | None = None
    """Why the run stopped at a safe point before its end (a `RunControl` stop), None when it did not."""
    not_run: list[Version] = field(default_factory=list)
    """The migrations a stop left out (still pending, or still applied for a down)."""

    @property
    def ok(self) -> bool:
        """No migration failed (a run stopped at a safe point is ok)."""
        return all(o.result != "failed" for o in self.outcomes)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "direction": self.direction,
            "ok": self.ok,
            "migrations": [o.to_json() for o in self.outcomes],
            "stopped": self.stopped,
            "not_run": [str(v) for v in self.not_run],
        }
