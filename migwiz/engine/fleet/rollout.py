"""`fleet up` / `fleet down`: the set rolled out in waves, canary first, with a concurrency limit, a pause
between waves and an error budget; resumable after a kill from the state file and each target's history.

Each running target has its own thread and its own connections (opened and closed by the single-target
engine path); what the rollout keeps in memory is the wave being run, counts, and the failed targets.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from migwiz.engine.errors import MigwizError, one_line
from migwiz.engine.fleet.adapter import TargetResult, pending_count, run_target
from migwiz.engine.fleet.progress import PARTIAL, outcome_text
from migwiz.engine.fleet.state import FINISHED, StateFile, last_run, set_digest
from migwiz.engine.fleet.targets import Fleet, Target
from migwiz.engine.fleet.waves import Wave, plan_waves
from migwiz.engine.run.control import RunControl
from migwiz.engine.run.runner import ExecutionPolicy
from migwiz.engine.sets.model import MigrationSet, Version


@dataclass(frozen=True)
class FleetEvent:
    """One step of a rollout: `run`, `wave`, `target` (a target started or ended), `pause` or `finish`."""

    kind: str
    fleet_run: str
    data: dict[str, Any] = field(default_factory=dict)


Observer = Callable[[FleetEvent], None]


class FleetControl:
    """Pause, resume or stop a rollout from another thread (the wizard's keys, a signal handler).

    A stop starts no further target; the running ones stop at their next safe point between migrations.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._running = threading.Event()
        self._running.set()
        self.reason: str | None = None
        self._controls: set[RunControl] = set()

    def pause(self) -> None:
        """Start no new target until `resume` (running ones finish)."""
        self._running.clear()

    def resume(self) -> None:
        """Start targets again."""
        self._running.set()

    @property
    def paused(self) -> bool:
        """Whether the rollout is paused."""
        return not self._running.is_set()

    def stop(self, reason: str = "stopped by the operator") -> None:
        """Start no new target; ask every running one to stop after its current migration."""
        with self._lock:
            self.reason = self.reason or reason
            self._stop.set()
            self._running.set()
            for control in self._controls:
                control.request_stop(reason)

    @property
    def stopped(self) -> bool:
        """Whether a stop was asked."""
        return self._stop.is_set()

    def wait_while_paused(self) -> None:
        """Block while paused (a stop ends the wait)."""
        while not self._running.wait(0.2):
            pass

    def sleep(self, seconds: float) -> None:
        """Sleep between waves; a stop ends it early."""
        self._stop.wait(seconds)

    def track(self, control: RunControl) -> None:
        """A target's run control, stopped with the rollout."""
        with self._lock:
            self._controls.add(control)
            if self._stop.is_set():
                control.request_stop(self.reason or "stopped")

    def untrack(self, control: RunControl) -> None:
        """Forget a finished target's run control."""
        with self._lock:
            self._controls.discard(control)


@dataclass
class FleetReport:
    """How a rollout ended."""

    fleet_run: str
    command: str
    outcome: str = "success"
    """success; finished_with_failures (every wave ran, failed targets within the error budget); failed
    (the error budget or a canary stopped it); or stopped (asked to)."""
    resumed: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    failed: list[TargetResult] = field(default_factory=list)
    waves: int = 0
    waves_planned: int = 0
    """Waves in the plan after the canary one."""
    stopped_reason: str | None = None
    longest_lock_wait_ms: float = 0.0
    longest_lock_wait_target: str | None = None

    def count(self, state: str) -> None:
        """One more target in `state`."""
        self.counts[state] = self.counts.get(state, 0) + 1

    @property
    def outcome_text(self) -> str:
        """The outcome in words: `success`, `finished with 2 failed target(s)`, `failed`, `stopped`."""
        return outcome_text(self.outcome, len(self.failed))

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "fleet_run": self.fleet_run, "command": self.command, "outcome": self.outcome,
            "outcome_text": self.outcome_text, "resumed": self.resumed, "counts": self.counts,
            "waves": self.waves, "waves_planned": self.waves_planned,
            "failed": [f.to_json() for f in self.failed], "stopped": self.stopped_reason,
            "longest_lock_wait_ms": round(self.longest_lock_wait_ms, 1),
            "longest_lock_wait_target": self.longest_lock_wait_target,
        }  # fmt: skip


def rollout(
    fleet: Fleet,
    mset: MigrationSet,
    policy: ExecutionPolicy,
    *,
    command: str = "up",
    to: Version | None = None,
    steps: int | None = None,
    concurrency: int | None = None,
    control: FleetControl | None = None,
    observers: Sequence[Observer] = (),
    new_run: bool = False,
    targets: Sequence[Target] | None = None,
    wait_ms: int = 0,
    log_file: Path | None = None,
) -> FleetReport:
    """Roll `command` (up or down) out over the fleet; resumes the open fleet run of the same set unless
    `new_run`. `targets` replaces the fleet file's listing (tests, the wizard's filtered view); `wait_ms`:
    how long a target waits for another run's migration lock (as `up --wait`); `log_file`: every target's
    events also as JSON lines there."""
    control = control or FleetControl()
    digest = set_digest(mset)
    prior = None if new_run else last_run(fleet.state_file)
    resume = (
        prior is not None
        and prior.outcome not in FINISHED
        and prior.digest == digest
        and prior.command == command
    )
    fleet_run = prior.fleet_run if resume and prior else str(uuid.uuid4())
    recorded = prior.targets if resume and prior else {}
    report = FleetReport(fleet_run, command, resumed=resume)
    state = StateFile(fleet.state_file, fleet_run)

    def emit(kind: str, **data: Any) -> None:
        state.write(kind, **data)
        event = FleetEvent(kind, fleet_run, data)
        for observer in observers:
            observer(event)

    limit = concurrency or fleet.concurrency
    emit("resume" if resume else "run", command=command, digest=digest, concurrency=limit,
         wave_size=fleet.wave_size, max_failures=fleet.max_failures)  # fmt: skip
    try:
        with ThreadPoolExecutor(max_workers=limit, thread_name_prefix="migwiz-fleet") as pool:
            waves = list(plan_waves(targets if targets is not None else fleet.targets(), fleet.wave_size))
            report.waves_planned = sum(1 for wave in waves if not wave.canary)
            emit("plan", waves=report.waves_planned, canaries=sum(len(w.targets) for w in waves if w.canary),
                 targets=sum(len(w.targets) for w in waves))  # fmt: skip
            for wave in waves:
                if control.stopped:
                    break
                if report.waves and fleet.pause_ms:
                    emit("pause", seconds=fleet.pause_ms / 1000)
                    control.sleep(fleet.pause_ms / 1000)
                report.waves += 1
                emit("wave", wave=wave.number, label=wave.label, targets=len(wave.targets),
                     of=report.waves_planned)  # fmt: skip
                _run_wave(wave, pool, limit, control, fleet, report, recorded, emit,
                          lambda t, c: _one(t, c, mset, command, fleet_run, policy, to, steps,
                                            wait_ms, log_file))  # fmt: skip
                failures = len(report.failed)
                if wave.canary and failures:
                    report.stopped_reason = f"canary {report.failed[0].target} failed"
                elif failures > fleet.max_failures:
                    report.stopped_reason = f"error budget spent: {failures} failed target(s)"
                if report.stopped_reason:
                    break
    except BaseException as exc:  # a listing query failed, Ctrl-C: recorded, and the next run resumes
        report.stopped_reason = report.stopped_reason or f"{type(exc).__name__}: {one_line(exc)}"
        raise
    finally:
        if report.stopped_reason:
            report.outcome = "failed"
        elif control.stopped:
            report.outcome, report.stopped_reason = "stopped", control.reason
        elif report.counts.get("stopped"):
            report.outcome = "stopped"
        elif report.failed:
            report.outcome = PARTIAL
        emit("finish", outcome=report.outcome, counts=report.counts, reason=report.stopped_reason,
             failed=[f.target for f in report.failed])  # fmt: skip
        state.close()
    return report


def _run_wave(
    wave: Wave,
    pool: ThreadPoolExecutor,
    limit: int,
    control: FleetControl,
    fleet: Fleet,
    report: FleetReport,
    recorded: dict[str, str],
    emit: Callable[..., None],
    work: Callable[[Target, FleetControl], TargetResult],
) -> None:
    """Run one wave with at most `limit` targets at once; no new target after a stop or a spent budget."""
    running: dict[Future[TargetResult], Target] = {}

    def halted() -> bool:
        failures = len(report.failed)
        return control.stopped or bool(failures and wave.canary) or failures > fleet.max_failures

    def collect() -> None:
        done, _ = wait(running, return_when=FIRST_COMPLETED)
        for future in done:
            target = running.pop(future)
            result = future.result()
            report.count(result.state)
            if result.longest_lock_wait_ms >= report.longest_lock_wait_ms and result.longest_lock_wait_ms > 0:
                report.longest_lock_wait_ms = result.longest_lock_wait_ms
                report.longest_lock_wait_target = target.name
            if result.state == "failed":
                report.failed.append(result)
            emit("target", wave=wave.number, **result.to_json())

    for target in wave.targets:
        control.wait_while_paused()
        if halted():
            break
        if report.command == "down" and recorded.get(target.name) == "done":
            report.count("done")
            continue
        while len(running) >= limit:
            collect()
        if halted():
            break
        emit("target", wave=wave.number, target=target.name, state="running")
        running[pool.submit(work, target, control)] = target
    while running:
        collect()


def _one(
    target: Target,
    fleet_control: FleetControl,
    mset: MigrationSet,
    command: str,
    fleet_run: str,
    policy: ExecutionPolicy,
    to: Version | None,
    steps: int | None,
    wait_ms: int,
    log_file: Path | None,
) -> TargetResult:
    """One target: up only when its own history says something is pending; errors become a failed result."""
    began = time.monotonic()
    try:
        if command == "up" and pending_count(target, mset) == 0:
            return TargetResult(target.name, "done", duration_ms=(time.monotonic() - began) * 1000)
    except MigwizError as exc:
        return TargetResult(target.name, "failed", error=exc.message)
    except Exception as exc:  # a server gone mid-status: this target failed, the rollout decides
        return TargetResult(target.name, "failed", error=f"{type(exc).__name__}: {one_line(exc)}")
    control = RunControl()
    fleet_control.track(control)
    try:
        return run_target(target, mset, command=command, fleet_run=fleet_run, policy=policy, control=control,
                          to=to, steps=steps, wait_ms=wait_ms, log_file=log_file)  # fmt: skip
    except Exception as exc:
        return TargetResult(target.name, "failed", error=f"{type(exc).__name__}: {one_line(exc)}")
    finally:
        fleet_control.untrack(control)
