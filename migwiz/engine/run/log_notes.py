"""The central log's rows of the run's other typed events (notes.py, backfill/events.py, rollback/events.py,
shadow/events.py, and log/record_events.py, log/adopt_events.py, log/backup_events.py, log/drift_events.py,
log/ci_events.py, log/plan_events.py, log/abort_events.py) as those events, for `migwiz watch`
(log_events.py maps statements, lock waits, gates and outcomes).

Each mapping reads what the event's `line()` wrote: its step, the keys of its data, its message.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from migwiz.engine.backfill.events import (
    BackfillBatchRetried,
    BackfillBraking,
    BackfillCrew,
    BackfillDone,
    BackfillEvent,
    BackfillLockWaits,
    BackfillPaused,
    BackfillResumed,
    BackfillStarted,
    BackfillWorkersChanged,
)
from migwiz.engine.log.abort_events import CHOICE_TEXT, AbortEvent, AbortRequested
from migwiz.engine.log.adopt_events import (
    AdoptDone,
    AdoptedFileDiffers,
    AdoptEvent,
    AdoptNoted,
    AdoptStarted,
    MigrationAdopted,
)
from migwiz.engine.log.backup_events import (
    BackupEvent,
    DumpNoted,
    DumpStarted,
    DumpToolNewer,
    DumpVerified,
    PitrChecked,
)
from migwiz.engine.log.ci_events import CiEvent, CiGateChecked
from migwiz.engine.log.drift_events import (
    SNAPSHOT_READ,
    DriftCounted,
    DriftEvent,
    DriftFound,
    DriftReplayed,
    DriftSnapshotRead,
)
from migwiz.engine.log.eventlog import Event
from migwiz.engine.log.plan_events import MigrationPlanned, PlanCalibrated, PlanEvent
from migwiz.engine.log.record_events import EventsPruned, RunStarted
from migwiz.engine.rollback.events import RollbackBlocked, RollbackEvent, RollbackStarted, RollbackTested
from migwiz.engine.run.notes import (
    CancelledAfterGrace,
    EditedAccepted,
    HistoryRepaired,
    HistoryRowRepaired,
    InvalidIndexDropped,
    InvalidIndexes,
    LockAnalysisMissing,
    LockTimeoutChanged,
    MigrationLockLost,
    MigrationResumed,
    MigrationStarted,
    NothingToRun,
    OrphanSessions,
    PhaseSelected,
    QueryBaseline,
    RetryScheduled,
    RisksAccepted,
    RunErrored,
    RunNote,
    RunPaused,
    RunResumed,
    StatementResolved,
    StoppedAtSafePoint,
    TransactionNotice,
)
from migwiz.engine.shadow.events import DryRunEvent, DryRunSampled, DryRunShadow, DryRunVerdict

Note = (
    RunNote
    | BackfillEvent
    | RollbackEvent
    | DryRunEvent
    | AdoptEvent
    | BackupEvent
    | DriftEvent
    | CiEvent
    | PlanEvent
    | AbortEvent
    | RunStarted
    | EventsPruned
)

_PLACE = ("version", "path", "line", "index")


def _texts(items: object) -> tuple[str, ...]:
    return tuple(str(i) for i in items) if isinstance(items, Sequence) and not isinstance(items, str) else ()


def _key(items: object) -> tuple[str, ...] | None:
    return _texts(items) or None


def _number(text: str) -> int:
    digits = "".join(c for c in text if c.isdigit())
    return int(digits) if digits else 0


def _str(data: Mapping[str, Any], name: str) -> str | None:
    value = data.get(name)
    return str(value) if value is not None else None


def note_from_log(event: Event) -> Note | None:
    """The typed event a row of the central log records (None when it is none of these)."""
    data, message = event.data, event.message
    mapping = _RUN.get(event.step) or _BACKFILL.get(event.step)
    return mapping(data, message, event) if mapping is not None else None


def _plan(data: Mapping[str, Any], message: str, event: Event) -> Note | None:
    if event.level == "error":
        return RunErrored("plan", message, _str(data, "hint"), at=event.at)
    if message == "nothing to revert" or message.startswith("nothing to apply"):
        return NothingToRun("down" if message == "nothing to revert" else "up", at=event.at)
    if "phase" in data:
        return PhaseSelected(
            str(data["phase"]), _number(message.split(": ", 1)[-1].split(" ", 1)[0]), at=event.at
        )
    if "files" in data:
        return EditedAccepted(_texts(data["files"]), _texts(data.get("versions")), at=event.at)
    if "findings" in data:
        count = _number(message.split(" migration(s)", 1)[0])
        return RisksAccepted(count, _texts(data["findings"]), _str(data, "forced"), at=event.at)
    if "verdict" in data and "version" in data:
        estimate = data.get("estimate_s")
        return MigrationPlanned(
            str(data["version"]), str(data.get("direction") or ""), str(data["verdict"]),
            float(estimate) if estimate is not None else 0.0, _texts(data.get("reasons")), at=event.at,
        )  # fmt: skip
    if message == "calibrated":
        return PlanCalibrated(dict(data), at=event.at)
    return None


def _phase(data: Mapping[str, Any], message: str, event: Event) -> Note | None:
    if "versions" in data and message.startswith("query baseline"):
        statements = _number(message.rsplit("(", 1)[-1])
        return QueryBaseline(_texts(data["versions"]), statements, at=event.at)
    return None


def _migration(data: Mapping[str, Any], message: str, event: Event) -> Note | None:
    version = _str(data, "version")
    if version is None:
        return None
    verb, _, rest = message.partition(" ")
    if verb in ("applying", "reverting") and "statements" in data:
        label, _, mode = rest.partition(" ")
        direction = "up" if verb == "applying" else "down"
        path = str(data.get("path") or "")
        return MigrationStarted(version, label, direction, path, int(data["statements"]), mode, at=event.at)
    if verb == "resuming":
        label, _, where = rest.partition(" at statement ")
        return MigrationResumed(version, label, _number(where), at=event.at)
    return None


def _stop(data: Mapping[str, Any], message: str, event: Event) -> Note | None:
    if "grace_s" in data:
        return CancelledAfterGrace(float(data["grace_s"]), at=event.at)
    reason = str(data.get("reason") or "")
    where = message.removeprefix("stopped at a safe point ").removesuffix(f": {reason}")
    statement = data.get("statement")
    return StoppedAtSafePoint(
        where, reason, _texts(data.get("not_run")), _str(data, "version"),
        int(statement) if statement is not None else None, at=event.at,
    )  # fmt: skip


def _pause(data: Mapping[str, Any], message: str, event: Event) -> Note | None:
    if message == "resumed":
        return RunResumed(at=event.at)
    return RunPaused(message.removeprefix("paused by the operator "), at=event.at)


def _policy(data: Mapping[str, Any], message: str, event: Event) -> Note | None:
    ms = data.get("lock_timeout_ms")
    return LockTimeoutChanged(int(ms), at=event.at) if ms is not None else None


def _guard(data: Mapping[str, Any], message: str, event: Event) -> Note | None:
    if message.endswith("; not pre-checking"):
        file, _, rest = message.partition(": no lock analysis (")
        return LockAnalysisMissing(file, rest.removesuffix("); not pre-checking"), at=event.at)
    return None


def _retry(data: Mapping[str, Any], message: str, event: Event) -> Note | None:
    if "delay_ms" not in data:
        return None  # giving up: a guard decision (log_events.py)
    place = {k: data[k] for k in _PLACE if k in data}
    what = message.rsplit(": retry ", 1)[0]
    return RetryScheduled(
        what, _str(data, "version"), str(data.get("kind") or ""), int(data.get("attempt") or 0),
        float(data["delay_ms"]), place, at=event.at,
    )  # fmt: skip


def _orphan(data: Mapping[str, Any], message: str, event: Event) -> Note | None:
    pids = tuple(int(p) for p in data.get("pids") or ())
    if message.startswith("terminated"):
        return OrphanSessions("terminated", pids, at=event.at)
    if message.startswith("the leftover"):
        return OrphanSessions("ended", pids, at=event.at)
    return OrphanSessions("found", pids, message.split(" running: ", 1)[-1], at=event.at)


def _lock_lost(data: Mapping[str, Any], message: str, event: Event) -> Note | None:
    pid = data.get("pid")
    error = message.split(" ended: ", 1)[-1].rsplit("; another migwiz run could take the lock", 1)[0]
    return MigrationLockLost(int(pid) if pid is not None else None, error, at=event.at)


def _resolve(data: Mapping[str, Any], message: str, event: Event) -> Note | None:
    resolve = str(data.get("resolve") or "")
    label = message.split(": statement ", 1)[0]
    how = message.split(f" marked as {resolve} ", 1)[-1]
    version = str(data.get("version") or "")
    return StatementResolved(version, label, int(data.get("statement") or 0), resolve, how, at=event.at)


def _index(data: Mapping[str, Any], message: str, event: Event) -> Note | None:
    version = str(data.get("version") or "")
    label = message.split(": ", 1)[0]
    if "indexes" in data:
        direction = message.rsplit("not recorded as ", 1)[-1]
        return InvalidIndexes(version, label, direction, _texts(data["indexes"]), at=event.at)
    name = str(data.get("index_name") or "")
    if event.level == "error":
        error = message.split(f"the invalid index {name}: ", 1)[-1]
        return InvalidIndexDropped(version, label, name, "", error, at=event.at)
    return InvalidIndexDropped(version, label, name, message.split(" left by ", 1)[-1], at=event.at)


def _run(data: Mapping[str, Any], message: str, event: Event) -> Note | None:
    if event.level == "error" and "outcome" not in data:
        return RunErrored("run", message, _str(data, "hint"), at=event.at)
    if "outcome" not in data and message.startswith("migwiz ") and message.endswith(" started"):
        command = message.removeprefix("migwiz ").removesuffix(" started")
        return RunStarted(
            command, _str(data, "os_user"), _str(data, "host"), str(data.get("version") or ""), at=event.at
        )
    return None


def _retention(data: Mapping[str, Any], message: str, event: Event) -> Note | None:
    if "removed" not in data:
        return None
    return EventsPruned(int(data["removed"]), int(data.get("retention_ms") or 0), at=event.at)


def _adopt(data: Mapping[str, Any], message: str, event: Event) -> Note | None:
    if event.level == "error":
        return RunErrored("adopt", message, _str(data, "hint"), at=event.at)
    if "adopted" in data:
        already = _number(message.split("; ", 1)[-1].split(" already", 1)[0])
        pending = _number(message.split(" recorded, ", 1)[-1].split(" pending", 1)[0])
        tool, table = str(data.get("tool") or ""), str(data.get("table") or "")
        return AdoptDone(tool, table, _texts(data["adopted"]), already, pending, at=event.at)
    if "tool" in data:
        return AdoptStarted(str(data["tool"]), str(data.get("table") or ""), at=event.at)
    if "checksum" in data:
        label, _, how = message.partition(": recorded as applied (")
        row = data.get("tool_row")
        return MigrationAdopted(
            str(data.get("version") or ""), label, how.removesuffix(")"),
            dict(row) if isinstance(row, Mapping) else {}, str(data["checksum"]), at=event.at,
        )  # fmt: skip
    if "version" in data and message.endswith(" ran (its checksum)"):
        label, _, rest = message.partition(": the file differs from what ")
        tool = rest.removesuffix(" ran (its checksum)")
        return AdoptedFileDiffers(str(data["version"]), label, tool, at=event.at)
    return AdoptNoted(message, at=event.at)


def _drift(data: Mapping[str, Any], message: str, event: Event) -> Note | None:
    if message == SNAPSHOT_READ:
        return DriftSnapshotRead(at=event.at)
    if "replayed" in data:
        saved = int(data.get("saved") or 0)
        return DriftReplayed(int(data.get("restored") or 0), int(data["replayed"]), saved, at=event.at)
    if "differences" in data:
        ignored = _number(message.rsplit(", ", 1)[-1])
        return DriftCounted(int(data["differences"]), ignored, at=event.at)
    if "kind" in data:
        kind, object_type = str(data["kind"]), str(data.get("object_type") or "")
        return DriftFound(kind, object_type, str(data.get("name") or ""), message, at=event.at)
    return None


def _ci(data: Mapping[str, Any], message: str, event: Event) -> Note | None:
    gate = _str(data, "gate")
    if gate is None:
        return None
    detail = message.removeprefix(f"{gate}: ")
    return CiGateChecked(gate, str(data.get("status") or ""), detail, at=event.at)


def _check(data: Mapping[str, Any], message: str, event: Event) -> Note | None:
    if "verdict" not in data:
        return None
    return PitrChecked(str(data["verdict"]), _texts(data.get("reasons")), at=event.at)


def _dump(data: Mapping[str, Any], message: str, event: Event) -> Note | None:
    if event.level == "error":
        return RunErrored("dump", message, _str(data, "hint"), at=event.at)
    if "sha256" in data:
        name = message.removeprefix("dump verified: ").rsplit(", ", 1)[0]
        return DumpVerified(
            str(data.get("file") or ""), name, int(data.get("size") or 0), str(data["sha256"]),
            _texts(data.get("tables")), str(data.get("pg_dump") or ""),
            str(data.get("pg_dump_version") or ""), int(data.get("toc_entries") or 0), at=event.at,
        )  # fmt: skip
    if "mode" in data:
        what = message.removeprefix("dumping ")
        return DumpStarted(
            what, str(data["mode"]), _texts(data.get("tables")), _texts(data.get("migrations")), at=event.at
        )
    if "server_major" in data:
        used = message.split(": used the newer ", 1)[-1]
        return DumpToolNewer(int(data["server_major"]), used, at=event.at)
    return DumpNoted(message, at=event.at)


def _repair(data: Mapping[str, Any], message: str, event: Event) -> Note | None:
    if event.level == "error":
        return RunErrored("repair", message, _str(data, "hint"), at=event.at)
    if "count" in data:
        return HistoryRepaired(int(data["count"]), at=event.at)
    change = {k: v for k, v in data.items() if k != "db_user"}
    return HistoryRowRepaired(change, _str(data, "db_user"), at=event.at)


def _rollback(data: Mapping[str, Any], message: str, event: Event) -> Note | None:
    if "shadow" in data:
        return RollbackStarted(str(data["shadow"]), at=event.at)
    result = data.get("result")
    if result in ("passed", "failed", "skipped"):
        label, _, said = message.partition(": ")
        step, failed = _str(data, "step"), result == "failed"
        return RollbackTested(
            str(data.get("version") or ""), label, result, str(data.get("verdict") or ""),
            float(data.get("duration_ms") or 0.0), said if failed else None, step if failed else None,
            _texts(data.get("differences")), _texts(data.get("data_loss")), at=event.at,
        )  # fmt: skip
    if event.level == "error" and " does not apply: " in message and "version" in data:
        label, _, error = message.partition(" does not apply: ")
        return RollbackBlocked(str(data["version"]), label, error, at=event.at)
    if event.level == "error":
        return RunErrored("rollback", message, _str(data, "hint"), at=event.at)
    return None


def _dry_run(data: Mapping[str, Any], message: str, event: Event) -> Note | None:
    if message.startswith("shadow database ") and ": copying the schema of " in message:
        shadow, _, source = message.removeprefix("shadow database ").partition(": copying the schema of ")
        return DryRunShadow(shadow, source, at=event.at)
    sampled = data.get("sampled")
    if isinstance(sampled, Mapping):
        limit = _number(message.removeprefix("sampled up to ").split(" ", 1)[0])
        return DryRunSampled(limit, {str(k): int(v) for k, v in sampled.items()}, at=event.at)
    if message.endswith(" statement(s) would run without error"):
        return DryRunVerdict(_number(message.split(" ", 1)[0]), at=event.at)
    if event.level == "error" and message.startswith("would fail: "):
        file, _, rest = message.removeprefix("would fail: ").partition(": ")
        sqlstate, _, error = rest.partition(" ")
        return DryRunVerdict(
            0, file, None if sqlstate == "None" else sqlstate, error, _str(data, "version"), at=event.at
        )
    return None


def _abort(data: Mapping[str, Any], message: str, event: Event) -> Note | None:
    choice = next((c for c in CHOICE_TEXT if c == data.get("choice")), None)
    if choice is None or "requested_at" not in data:
        return None
    return AbortRequested(
        choice, str(data.get("os_user") or ""), str(data.get("host") or ""),
        datetime.fromisoformat(str(data["requested_at"])), bool(data.get("finished")), at=event.at,
    )  # fmt: skip


_RUN = {
    "adopt": _adopt,
    "check": _check,
    "ci": _ci,
    "drift": _drift,
    "dump": _dump,
    "retention": _retention,
    "dry-run": _dry_run,
    "rollback": _rollback,
    "run": _run,
    "repair": _repair,
    "plan": _plan,
    "phase": _phase,
    "migration": _migration,
    "transaction": lambda d, m, e: TransactionNotice(
        str(d.get("version") or ""), str(d.get("path") or ""), m, at=e.at
    ),
    "stop": _stop,
    "pause": _pause,
    "policy": _policy,
    "guard": _guard,
    "retry": _retry,
    "orphan": _orphan,
    "migration-lock": _lock_lost,
    "resolve": _resolve,
    "index": _index,
    "abort": _abort,
}


def _backfill(data: Mapping[str, Any], message: str, event: Event) -> Note | None:
    bid = str(data.get("backfill") or "")
    if "key_columns" in data:
        total = data.get("total_estimate")
        return BackfillStarted(
            bid, str(data.get("table") or ""), _texts(data["key_columns"]), _key(data.get("upper_key")),
            int(total) if total is not None else None, "started: blocks up to" in message, at=event.at,
        )  # fmt: skip
    if "last_key" in data:
        table = message.removeprefix("backfill of ").split(" resumed (", 1)[0]
        return BackfillResumed(
            bid, table, _key(data["last_key"]), int(data.get("rows_done") or 0), at=event.at
        )
    if "ranges" in data:
        table = message.removeprefix("backfill of ").split(": ", 1)[0]
        why = message.split(" worker(s) (", 1)[1].rsplit(") over ", 1)[0] if " worker(s) (" in message else ""
        return BackfillCrew(bid, table, int(data["workers"]), int(data["ranges"]), why, at=event.at)
    if "batches" in data:
        return BackfillDone(
            bid, message.removeprefix("backfill of ").split(" done: ", 1)[0], int(data.get("rows_done") or 0),
            int(data.get("rows_updated") or 0), int(data["batches"]), int(data.get("workers") or 0),
            float(data.get("duration_s") or 0.0), float(data.get("max_batch_ms") or 0.0),
            float(data.get("max_held_ms") or 0.0), at=event.at,
        )  # fmt: skip
    if "workers" in data:
        return BackfillWorkersChanged(
            bid, int(data["workers"]), _number(message.rsplit("(was ", 1)[-1]), at=event.at
        )
    if "waiters" in data:
        longest, aim = float(data.get("longest_wait_ms") or 0.0), float(data.get("aim_ms") or 0.0)
        return BackfillLockWaits(bid, int(data["waiters"]), longest, aim, at=event.at)
    if "worker" in data:
        rows = (
            int(data["rows"])
            if "rows" in data
            else _number(message.split(": batch of ", 1)[-1].split(" ", 1)[0])
        )
        error = message.split(" failed (", 1)[-1].rsplit("); retrying", 1)[0]
        return BackfillBatchRetried(
            bid, int(data["worker"]), rows, error, _str(data, "sqlstate"), int(data.get("retries") or 0),
            int(data.get("batch_size") or 0), at=event.at,
        )  # fmt: skip
    if " braking: " in message:
        return BackfillBraking(bid, message.split(" braking: ", 1)[1], at=event.at)
    if message.endswith(" by the operator"):
        return BackfillPaused(bid, message.endswith("paused by the operator"), at=event.at)
    return None


_BACKFILL = {"backfill": _backfill}
