"""The one place a fleet calls the single-target engine: each target runs exactly as `migwiz up` would.

Same ExecutionPolicy (lock_timeout, retries, lock-queue guard), same migration lock per database and
migwiz schema, same central log — whose every event carries the fleet run's id (`fleet_run`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

from migwiz.engine.errors import MigwizError, one_line
from migwiz.engine.fleet.door import door
from migwiz.engine.fleet.targets import Target
from migwiz.engine.log.eventlog import RUN_TAGS, Event
from migwiz.engine.run.control import RunControl
from migwiz.engine.run.runner import ExecutionPolicy
from migwiz.engine.sets.model import MigrationSet, Version


@dataclass(frozen=True)
class TargetResult:
    """How one target's run ended."""

    target: str
    state: str
    """done (in step with the set), failed, or stopped (at a safe point, work left)."""
    applied: int = 0
    duration_ms: float = 0.0
    run_id: str | None = None
    error: str | None = None
    longest_lock_wait_ms: float = 0.0
    """The longest a statement of this target waited for a lock (the guard's and the retries' figures)."""

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "target": self.target, "state": self.state, "applied": self.applied,
            "duration_ms": round(self.duration_ms, 1), "run_id": self.run_id, "error": self.error,
            "longest_lock_wait_ms": round(self.longest_lock_wait_ms, 1),
        }  # fmt: skip


class LockWaits:
    """Sink: the longest lock wait the run's events report (lock conflicts and guard waits)."""

    def __init__(self) -> None:
        self.longest_ms = 0.0

    def write(self, event: Event) -> None:
        """Keep the longest `waited_ms` of a lock or guard event."""
        if event.step in ("lock", "guard"):
            waited = event.data.get("waited_ms")
            if isinstance(waited, int | float):
                self.longest_ms = max(self.longest_ms, float(waited))

    def close(self) -> None:
        """Nothing to release."""


def pending_count(target: Target, mset: MigrationSet) -> int:
    """Migrations of the set not applied at the target (its history is the truth); failed ones count."""
    statuses = door().status(door().project(target.dsn, mset, schema=target.schema), foreign=False).statuses
    return sum(1 for s in statuses if s.state != "applied")


def run_target(
    target: Target,
    mset: MigrationSet,
    *,
    command: str,
    fleet_run: str,
    policy: ExecutionPolicy,
    control: RunControl | None = None,
    to: Version | None = None,
    steps: int | None = None,
    wait_ms: int = 0,
    log_file: Path | None = None,
    on_event: Callable[[Event], None] | None = None,
) -> TargetResult:
    """Run `command` (up or down) at one target through the single-target engine path."""
    began = time.monotonic()
    waits = LockWaits()
    sinks: list[Any] = [waits]
    if on_event is not None:
        sinks.append(_Callback(on_event))
    token = RUN_TAGS.set({"fleet_run": fleet_run, "fleet_target": target.name})
    try:
        run = door().up if command == "up" else door().down
        extra: dict[str, Any] = {"steps": steps} if command == "down" else {}
        project = door().project(target.dsn, mset, schema=target.schema)
        result = run(project, to=to, policy=policy, sinks=sinks, wait_ms=wait_ms, control=control,
                     log_file=log_file, **extra)  # fmt: skip
    except (MigwizError, psycopg.Error) as exc:
        return TargetResult(target.name, "failed", duration_ms=_ms(began), error=one_line(exc),
                            longest_lock_wait_ms=waits.longest_ms)  # fmt: skip
    finally:
        RUN_TAGS.reset(token)
    report = result.report
    applied = sum(1 for o in report.outcomes if o.result != "failed")
    failed = next((o for o in report.outcomes if o.failure is not None), None)
    state = "failed" if not report.ok else "stopped" if report.stopped else "done"
    error = failed.failure.describe() if failed and failed.failure else None
    return TargetResult(target.name, state, applied, _ms(began), result.run_id, error, waits.longest_ms)


class _Callback:
    def __init__(self, call: Callable[[Event], None]) -> None:
        self.call = call

    def write(self, event: Event) -> None:
        self.call(event)

    def close(self) -> None:
        pass


def _ms(began: float) -> float:
    return (time.monotonic() - began) * 1000
