"""The central log's rows as the run's typed events, for observers in another process (`migwiz watch`).

A running migwiz writes its decisions to `<schema>.events`; `events_from_log` turns one row back into the
event types of events.py, so an observer handles the same types as the process that runs. Every row gives
a `Logged`; rows that record a typed event give it too. What the log does not record (a statement that
started, its estimate) is not invented: the monitor shows what runs now.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Any, Literal

from migwiz.engine.backfill.progress import progress_from_json
from migwiz.engine.log.eventlog import Event
from migwiz.engine.run.current import CurrentStatement
from migwiz.engine.run.events import (
    BackfillBatch,
    GuardDecision,
    LockWait,
    LockWaitKind,
    Logged,
    MigrationFinished,
    PhaseGate,
    RunEvent,
    RunFinished,
    StatementFinished,
)
from migwiz.engine.run.guard import Session

_KINDS: tuple[LockWaitKind, ...] = ("lock_timeout", "guard", "deadlock", "holders")


def _sessions(items: object) -> tuple[Session, ...]:
    if not isinstance(items, Sequence):
        return ()
    out = []
    for d in items:
        if isinstance(d, Mapping):
            age = d.get("age_s")
            out.append(
                Session(
                    d.get("pid"), str(d.get("application_name") or ""), d.get("user"), d.get("state"),
                    float(age) if age is not None else None, str(d.get("query") or ""), d.get("mode"),
                    d.get("relation"),
                )
            )  # fmt: skip
    return tuple(out)


def _what(message: str) -> str:
    return message.split(": ", 1)[0]


def _typed(event: Event) -> list[RunEvent]:
    data: Mapping[str, Any] = event.data
    version = str(data["version"]) if data.get("version") is not None else None
    step, message = event.step, event.message
    if step == "statement" and version and "duration_ms" in data:
        ms = float(data["duration_ms"])
        current = CurrentStatement(
            version, version, str(data.get("direction") or ""), str(data.get("path") or ""),
            int(data.get("line") or 0), int(data.get("index") or 0), 0, "",
            event.at - timedelta(milliseconds=ms), None,
        )  # fmt: skip
        return [StatementFinished(current, ms, at=event.at)]
    if step == "migration" and version and data.get("direction"):
        direction = str(data["direction"])
        ms = float(data.get("duration_ms") or 0.0)
        if event.level == "error":
            return [MigrationFinished(version, version, direction, "failed", ms, 0, at=event.at)]
        if " applied in " in message or " reverted in " in message:
            result: Literal["applied", "reverted"] = "applied" if direction == "up" else "reverted"
            return [
                MigrationFinished(
                    version, _what(message).split(" ")[0], direction, result, ms, 0, at=event.at
                )
            ]
    if step == "lock" and data.get("kind") in _KINDS:
        kind = next(k for k in _KINDS if k == data["kind"])
        waited = data.get("waited_ms")
        wait = LockWait(
            _what(message), version, kind, int(data.get("attempt") or 0), _sessions(data.get("holders")),
            _sessions(data.get("queued")), float(waited) if waited is not None else None, at=event.at,
        )  # fmt: skip
        if kind == "guard":
            reason = message.split("cancelled our own statement: ", 1)[-1]
            return [
                wait,
                GuardDecision(wait.what, version, "cancel_own_statement", reason, wait.holders, at=event.at),
            ]
        return [wait]
    if step == "guard" and "waiting outside the lock queue" in message:
        holders = _sessions(data.get("holders"))
        return [
            LockWait(_what(message), version, "holders", 0, holders, at=event.at),
            GuardDecision(
                _what(message), version, "wait_outside_queue", "a long transaction holds a conflicting lock",
                holders, at=event.at,
            ),
        ]  # fmt: skip
    if step == "guard" and data.get("terminated") is not None:
        holders = _sessions(data.get("holders"))
        return [GuardDecision(_what(message), version, "terminate_blockers", message, holders, at=event.at)]
    if step == "retry" and event.level == "error":
        holders = _sessions(data.get("holders"))
        reason = message.split("giving up: ", 1)[-1]
        return [GuardDecision(_what(message), version, "give_up", reason, holders, at=event.at)]
    if step == "backfill progress":
        progress = progress_from_json(data)
        if progress is not None:
            return [BackfillBatch(progress.backfill_id, progress, at=event.at)]
    if step == "phase" and version and message.startswith("contract "):
        label = message.split(" ", 2)[1].rstrip(":")
        reasons = tuple(str(r) for r in data.get("reasons") or ())
        if event.level == "error":
            return [PhaseGate(version, label, allowed=False, reasons=reasons, at=event.at)]
        forced = " forced although " in message
        return [PhaseGate(version, label, allowed=True, forced=forced, reasons=reasons, at=event.at)]
    if step == "run" and data.get("outcome") is not None:
        longest = int(data.get("longest_wait_inflicted_ms") or 0)
        return [
            RunFinished(
                event.run_id, str(data["outcome"]), longest, int(data.get("retries") or 0), at=event.at
            )
        ]
    return []


def events_from_log(event: Event) -> list[RunEvent]:
    """A row of the central log as the run's events: its `Logged` line, then the typed event(s) it records."""
    logged = Logged(event.run_id, event.level, event.step, event.message, event.data, event.at)
    return [logged, *_typed(event)]
