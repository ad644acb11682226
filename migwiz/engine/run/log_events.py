"""The central log's rows as the run's typed events, for observers in another process (`migwiz watch`).

A running migwiz writes its typed events' lines to `<schema>.events` (log_writer.py); `events_from_log`
turns one row back into the event types of events.py, notes.py and backfill/events.py (log_notes.py), so
an observer handles the same types as the process that runs. Every row gives a `Logged`; rows that record
a typed event give it too. What the log does not record (a statement that started, its estimate, a fast
data statement counted into a line) is not invented: the monitor shows what runs now.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Any, Literal

from migwiz.engine.backfill.progress import progress_from_json
from migwiz.engine.log.eventlog import Event
from migwiz.engine.log.record_events import RunEnded
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
from migwiz.engine.run.failures import StatementFailure
from migwiz.engine.run.guard import Session
from migwiz.engine.run.log_notes import note_from_log

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


_PLACE = ("version", "path", "line", "index")


def _place(data: Mapping[str, Any]) -> dict[str, Any]:
    return {k: data[k] for k in _PLACE if k in data}


def _failure(data: Mapping[str, Any]) -> StatementFailure | None:
    if "statement" not in data or "message" not in data:
        return None
    column = data.get("column")
    return StatementFailure(
        str(data.get("path") or ""), int(data.get("line") or 0), int(data["statement"]) - 1,
        data.get("sqlstate"), str(data["message"]), _sessions(data.get("holders")),
        int(column) if column is not None else None, data.get("detail"), data.get("hint"),
        data.get("context"),
    )  # fmt: skip


def _finished(event: Event, version: str, direction: str) -> MigrationFinished | None:
    data, message = event.data, event.message
    ms = float(data.get("duration_ms") or 0.0)
    if event.level == "error":
        label = message.split(" failed", 1)[0]
        failure = _failure(data)
        said = f"{label} failed" + (f" at {failure.describe()}" if failure is not None else "")
        note = message.removeprefix(said).removeprefix(" (").removesuffix(")") or None
        return MigrationFinished(version, label, direction, "failed", ms, 0, failure, note, at=event.at)
    for verb in ("applied", "reverted"):
        if f" {verb} in " in message:
            label, _, took = message.partition(f" {verb} in ")
            note = took.split(" (", 1)[1].removesuffix(")") if " (" in took else None
            result: Literal["applied", "reverted"] = "applied" if verb == "applied" else "reverted"
            return MigrationFinished(version, label, direction, result, ms, 0, note=note, at=event.at)
    return None


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
    if step == "statements" and version and "count" in data:
        ms, count = float(data.get("duration_ms") or 0.0), int(data["count"])
        current = CurrentStatement(
            version, version, "", str(data.get("path") or ""), int(data.get("line") or 0),
            int(data.get("index") or 0), 0, "", event.at - timedelta(milliseconds=ms), None, count=count,
            last_line=int(data.get("last_line") or 0),
        )  # fmt: skip
        return [StatementFinished(current, ms, at=event.at)]
    if step == "migration" and version and data.get("direction"):
        finished = _finished(event, version, str(data["direction"]))
        return [finished] if finished is not None else []
    place = _place(data)
    if step == "lock" and data.get("kind") in _KINDS:
        kind = next(k for k in _KINDS if k == data["kind"])
        waited = data.get("waited_ms")
        sqlstate = data.get("sqlstate")
        said = message.split("; queued: ", 1)[0].split("; blocked by ", 1)[0]
        if kind == "guard":
            detail = said.split("cancelled our own statement: ", 1)[-1]
        else:
            detail = said.split(f": {sqlstate} ", 1)[-1]
            detail = "" if detail == kind else detail
        wait = LockWait(
            _what(message), version, kind, int(data.get("attempt") or 0), _sessions(data.get("holders")),
            _sessions(data.get("queued")), float(waited) if waited is not None else None, sqlstate, detail,
            int(data.get("max_queued") or 0), place, at=event.at,
        )  # fmt: skip
        if kind == "guard":
            return [
                wait,
                GuardDecision(wait.what, version, "cancel_own_statement", detail, wait.holders, at=event.at),
            ]
        return [wait]
    if step == "guard" and "waiting outside the lock queue" in message:
        holders = _sessions(data.get("holders"))
        return [
            LockWait(_what(message), version, "holders", 0, holders, place=place, at=event.at),
            GuardDecision(
                _what(message), version, "wait_outside_queue", "a long transaction holds a conflicting lock",
                holders, place, at=event.at,
            ),
        ]  # fmt: skip
    if step == "guard" and data.get("terminated") is not None:
        holders = _sessions(data.get("holders"))
        pids = tuple(int(p) for p in data["terminated"])
        reason = f"terminated {', '.join(map(str, pids))}"
        return [
            GuardDecision(
                _what(message), version, "terminate_blockers", reason, holders, place, pids, at=event.at
            )
        ]
    if step == "retry" and event.level == "error":
        holders = _sessions(data.get("holders"))
        reason = message.split("giving up: ", 1)[-1]
        found = data.get("kind")
        gave_up: LockWaitKind | None = next((k for k in _KINDS if k == found), None)
        elapsed = data.get("elapsed_ms")
        return [
            GuardDecision(
                _what(message), version, "give_up", reason, holders, place, kind=gave_up,
                attempts=int(data.get("attempts") or 0),
                elapsed_ms=float(elapsed) if elapsed is not None else None, at=event.at,
            )
        ]  # fmt: skip
    if step == "backfill progress":
        progress = progress_from_json(data)
        if progress is not None:
            return [BackfillBatch(progress.backfill_id, progress, logged=True, at=event.at)]
    if step == "phase" and version and message.startswith("contract "):
        label = message.split(" ", 2)[1].rstrip(":")
        reasons = tuple(str(r) for r in data.get("reasons") or ())
        queries = tuple(q for q in data.get("queries") or () if isinstance(q, Mapping))
        if event.level == "error":
            return [PhaseGate(version, label, False, False, reasons, queries=queries, at=event.at)]
        if " forced although " in message:
            return [PhaseGate(version, label, True, True, reasons, queries=queries, at=event.at)]
        detail = message.split(": ", 1)[-1].removesuffix(", no query uses what it drops")
        return [PhaseGate(version, label, allowed=True, detail=detail, at=event.at)]
    if step == "run" and data.get("outcome") is not None:
        longest = int(data.get("longest_wait_inflicted_ms") or 0)
        outcome = str(data["outcome"])
        command, _, said = message.removeprefix("migwiz ").partition(" finished: ")
        note = said.removeprefix(outcome).removeprefix(" (").removesuffix(")") or None
        details = {k: v for k, v in data.items() if k != "outcome"}
        return [
            RunFinished(event.run_id, outcome, longest, int(data.get("retries") or 0), at=event.at),
            RunEnded(command, outcome, note, details, at=event.at),
        ]
    return []


def events_from_log(event: Event) -> list[RunEvent]:
    """A row of the central log as the run's events: its `Logged` line, then the typed event(s) it records."""
    logged = Logged(event.run_id, event.level, event.step, event.message, event.data, event.at)
    typed = _typed(event)
    note = None if typed else note_from_log(event)
    return [logged, *typed, *([note] if note is not None else [])]
