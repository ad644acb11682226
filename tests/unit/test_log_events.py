"""The central log is written from the run's typed events, and read back as the same events: every event
type with a log line, written as a row and mapped back, gives an event of its type with the same line."""

from __future__ import annotations

import ast
import typing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from migwiz.engine.backfill.events import (
    BackfillBatchRetried,
    BackfillBraking,
    BackfillCrew,
    BackfillDone,
    BackfillLockWaits,
    BackfillPaused,
    BackfillResumed,
    BackfillStarted,
    BackfillWorkersChanged,
)
from migwiz.engine.backfill.progress import BackfillProgress, WorkerProgress
from migwiz.engine.log import eventlog
from migwiz.engine.log.abort_events import AbortRequested
from migwiz.engine.log.adopt_events import (
    AdoptDone,
    AdoptedFileDiffers,
    AdoptNoted,
    AdoptStarted,
    MigrationAdopted,
)
from migwiz.engine.log.backup_events import DumpNoted, DumpStarted, DumpToolNewer, DumpVerified, PitrChecked
from migwiz.engine.log.ci_events import CiGateChecked
from migwiz.engine.log.drift_events import DriftCounted, DriftFound, DriftReplayed, DriftSnapshotRead
from migwiz.engine.log.eventlog import Event, EventLog, MemorySink
from migwiz.engine.log.plan_events import MigrationPlanned, PlanCalibrated
from migwiz.engine.log.record_events import EventsPruned, RunEnded, RunStarted
from migwiz.engine.rollback.events import RollbackBlocked, RollbackStarted, RollbackTested
from migwiz.engine.run import events as run_events
from migwiz.engine.run import notes
from migwiz.engine.run.events import (
    BackfillBatch,
    GuardDecision,
    LockWait,
    Logged,
    MigrationFinished,
    PhaseGate,
    RunEvent,
    RunEvents,
)
from migwiz.engine.run.failures import StatementFailure
from migwiz.engine.run.guard import Session
from migwiz.engine.run.log_events import events_from_log
from migwiz.engine.run.log_writer import write_log
from migwiz.engine.shadow.events import DryRunSampled, DryRunShadow, DryRunVerdict

HOLDER = Session(4242, "psql", "app", "idle in transaction", 5.5, "SELECT * FROM t", "AccessShareLock", "t")
PLACE = {"version": "3", "path": "m/3_x.up.sql", "line": 4, "index": 1}
PROGRESS = BackfillProgress(
    "7",
    "public.items",
    "running",
    400,
    380,
    1000,
    4,
    100,
    250.0,
    2.4,
    1.6,
    12.0,
    "max rate 250 rows/s",
    (WorkerProgress(0, 2, 400, 250.0, 100, 12.0, "running"),),
)
FAILURE = StatementFailure(
    "m/3_x.up.sql", 4, 1, "55P03", "canceling statement due to lock timeout", (HOLDER,),
    detail="while locking t", hint="retry later",
)  # fmt: skip

SAMPLES: list[RunEvent] = [
    LockWait(
        "3_x statement 2", "3", "lock_timeout", 1, (HOLDER,), (), 1000.04, "55P03", "lock timeout", 0, PLACE
    ),
    LockWait(
        "3_x statement 2",
        "3",
        "guard",
        2,
        (HOLDER,),
        (HOLDER,),
        310.0,
        "57014",
        "2 sessions queued",
        2,
        PLACE,
    ),
    GuardDecision(
        "3_x", "3", "wait_outside_queue", "a long transaction holds a conflicting lock", (HOLDER,), PLACE
    ),
    GuardDecision("3_x", "3", "terminate_blockers", "terminated 4242", (HOLDER,), PLACE, (4242,)),
    GuardDecision(
        "3_x",
        "3",
        "give_up",
        "lock not granted within lock_timeout; gave up after 7 attempt(s) in 1 min",
        (HOLDER,),
        PLACE,
        kind="lock_timeout",
        attempts=7,
        elapsed_ms=60000.0,
    ),
    BackfillBatch("7", PROGRESS, logged=True),
    PhaseGate("5", "5_drop_old_contract", allowed=True, detail="expand and backfill complete"),
    PhaseGate(
        "5", "5_drop_old_contract", True, True, ("2 statement(s) still use it",), queries=({"calls": 3},)
    ),
    PhaseGate("5", "5_drop_old_contract", False, False, ("its expand is not complete",)),
    MigrationFinished("3", "3_x", "up", "applied", 180_000.0, 2),
    MigrationFinished("3", "3_x", "down", "reverted", 12.5, 2),
    MigrationFinished("7", "7_fill", "up", "applied", 2500.0, 1, note="380 rows updated, resumed"),
    MigrationFinished("3", "3_x", "up", "failed", 80.0, 1, FAILURE),
    MigrationFinished(
        "7", "7_fill", "up", "failed", 80.0, 0, FAILURE, "the backfill resumes from its checkpoint"
    ),
    notes.NothingToRun("up"),
    notes.NothingToRun("down"),
    notes.PhaseSelected("expand", 2),
    notes.EditedAccepted(("m/1_a.up.sql",), ("1",)),
    notes.RisksAccepted(2, ("1_a: a", "2_b: b", "2_b: c", "2_b: d"), "--force"),
    notes.QueryBaseline(("2", "4"), 31),
    notes.MigrationStarted("3", "3_x", "up", "m/3_x.up.sql", 2, "in one transaction"),
    notes.MigrationStarted("3", "3_x", "down", "m/3_x.down.sql", 1, "statement by statement"),
    notes.MigrationResumed("3", "3_x", 2),
    notes.TransactionNotice("3", "m/3_x.up.sql", "CREATE INDEX CONCURRENTLY runs outside a transaction"),
    notes.StoppedAtSafePoint("before 4", "the terminal was lost (SIGHUP)", ("4", "5")),
    notes.StoppedAtSafePoint(
        "in 3_x after 1 of 2 statements; `migwiz up` resumes it at statement 2",
        "a stop was requested",
        ("4",),
        "3",
        2,
    ),
    notes.RunPaused("before 3_x"),
    notes.RunResumed(),
    notes.CancelledAfterGrace(5.0),
    notes.LockTimeoutChanged(1500),
    notes.LockAnalysisMissing("3_x.up.sql", "syntax error at or near x"),
    notes.RetryScheduled("3_x statement 2", "3", "lock_timeout", 2, 250.0, PLACE),
    notes.OrphanSessions("found", (11, 12), "CREATE INDEX CONCURRENTLY i ON t (x)"),
    notes.OrphanSessions("terminated", (11, 12)),
    notes.OrphanSessions("ended", (11,)),
    notes.StatementResolved("3", "3_x", 2, "ran", "from the state of its index"),
    notes.InvalidIndexes("3", "3_x", "up", ("public.i_x",)),
    notes.InvalidIndexDropped("3", "3_x", "i_x", "an earlier attempt at statement 2 (3_x.up.sql:4)"),
    notes.InvalidIndexDropped("3", "3_x", "i_x", "the failed statement 2", "lock timeout"),
    notes.RunErrored("plan", "--to 9: no migration has that version", "see `migwiz status`"),
    notes.RunErrored("run", "connection lost", None),
    notes.RunErrored("repair", "the history changed meanwhile", "run `migwiz repair` again"),
    notes.HistoryRowRepaired(
        {"version": "3", "label": "3_x", "kind": "checksum", "description": "checksum updated"}, "deploy"
    ),
    notes.HistoryRepaired(2),
    BackfillStarted("7", "public.items", ("id",), ("1000",), 1000),
    BackfillStarted("7", "public.logs", ("ctid",), ("99",), 5000, by_block=True),
    BackfillResumed("7", "public.items", ("400",), 400),
    BackfillCrew("7", "public.items", 4, 15, "2 cores, load 0.3"),
    BackfillCrew("7", "public.items", 2, 15),
    BackfillWorkersChanged("7", 3, 4),
    BackfillPaused("7", True),
    BackfillPaused("7", False),
    BackfillBraking("7", "replica lag 2.1 s on standby1: every worker waits"),
    BackfillLockWaits("7", 3, 420.0, 200.0),
    BackfillBatchRetried("7", 1, 500, "QueryCanceled: canceling statement", "57014", 1, 250),
    BackfillDone("7", "public.items", 1000, 950, 12, 4, 75.5, 120.0, 95.5),
    RollbackStarted("migwiz_shadow_1a2b"),
    RollbackBlocked("4", "4_y", 'relation "flyway_schema_history" does not exist'),
    RollbackTested("1", "1_a", "passed", "passed", 41.25),
    RollbackTested("2", "2_b", "passed", "passed", 12.0, data_loss=("column t.note (text)",)),
    RollbackTested(
        "3", "3_c", "skipped", "not tested because it has no down script", 0.0, "it has no down script"
    ),
    RollbackTested(
        "5",
        "5_d",
        "failed",
        "down does not restore",
        80.0,
        "the schema differs after down",
        "down",
        ("table t: column x is missing",),
        ("column t.x (int)",),
    ),
    notes.RunErrored("rollback", "cannot create the shadow database", "grant CREATEDB to the role"),
    DryRunShadow("migwiz_dryrun_1a2b", "app@db:5432/app"),
    DryRunSampled(1000, {"public.items": 1000, "public.users": 12}),
    DryRunVerdict(14),
    DryRunVerdict(14, "3_x.up.sql", "42P07", 'relation "orders" already exists', "3"),
    notes.MigrationLockLost(4242, "terminating connection due to administrator command"),
    notes.MigrationLockLost(None, "server closed the connection unexpectedly"),
    RunStarted("up", "dba", "host1", "0.9.0"),
    EventsPruned(120, 7 * 86_400_000),
    RunEnded("up", "success", None, {"direction": "up", "retries": 0, "longest_wait_inflicted_ms": 12}),
    RunEnded("up", "stopped", "2 stopped at 40 %", {"retries": 1}),
    RunEnded("adopt", "failed", None, {"tool": "flyway", "table": "public.flyway_schema_history"}),
    AdoptStarted("flyway", "public.flyway_schema_history"),
    MigrationAdopted("1", "1_init", "per flyway", {"installed_rank": 1, "success": True}, "abc123"),
    AdoptedFileDiffers("2", "2_users", "flyway"),
    AdoptNoted("repeatable R__views.sql: its last run is recorded"),
    AdoptDone("flyway", "public.flyway_schema_history", ("1", "2"), 1, 3),
    notes.RunErrored("adopt", "flyway's history has a failed row: 3", "repair it with flyway repair"),
    PitrChecked("not ready", ("archive_mode is off",)),
    DumpStarted("2 table(s) the pending migrations touch", "auto", ("public.a", "public.b"), ("3", "4")),
    DumpNoted("public.c is unlogged: its rows are not in any backup"),
    DumpToolNewer(15, "pg_dump 17.2 (/usr/lib/postgresql/17/bin/pg_dump)"),
    DumpVerified(
        "/backups/app-3.dump", "app-3.dump", 2048, "ff00", ("public.a",), "/usr/bin/pg_dump", "17.2", 12
    ),
    notes.RunErrored("dump", "pg_dump failed: permission denied for table a", None),
    DriftSnapshotRead(),
    DriftReplayed(2, 3, 1),
    DriftFound("missing", "column", "public.users.email", "column public.users.email is missing"),
    DriftCounted(1, 2),
    DriftCounted(0, 0),
    CiGateChecked("lint", "passed", "1 warning (fails on error)"),
    CiGateChecked(
        "rollback", "error", "cannot create the shadow database: a: b (grant CREATEDB to the role)"
    ),
    PlanCalibrated(
        {"source": "measured", "scan_bytes_per_s": 2.5e8, "measured_at": "2026-12-06T18:00:00+00:00"}
    ),
    MigrationPlanned("3", "up", "safe", 0.25),
    AbortRequested("cancel", "dba", "host1", datetime(2026, 12, 6, 18, 0, tzinfo=UTC)),
    AbortRequested("keep", "dba", "host1", datetime(2026, 12, 6, 18, 0, tzinfo=UTC), finished=True),
    MigrationPlanned("4", "down", "dangerous", 1800.0, ("rewrites t: 2 GB", "holds ACCESS EXCLUSIVE")),
]


def written(event: RunEvent) -> list[Event]:
    """The rows the run's log writer writes for `event`."""
    sink = MemorySink()
    events = RunEvents()
    write_log(events, EventLog("run", [sink]))
    events.emit(event)
    return sink.events


@pytest.mark.parametrize("event", SAMPLES, ids=lambda e: type(e).__name__)
def test_each_event_line_maps_back_to_its_event(event: RunEvent) -> None:
    [row] = written(event)
    line = event.line()
    assert line is not None and (row.level, row.step, row.message) == (line.level, line.step, line.message)
    mapped = events_from_log(row)
    assert isinstance(mapped[0], Logged) and mapped[0].message == row.message
    same = [e for e in mapped[1:] if type(e) is type(event)]
    assert len(same) == 1, mapped
    again = same[0].line()
    assert again is not None and (again.level, again.step, again.message) == (
        line.level,
        line.step,
        line.message,
    )
    assert dict(again.data) == dict(row.data)


def test_every_event_type_with_a_line_has_a_sample() -> None:
    """A new event type with a log line gets its sample above (and so its mapping back from the log)."""
    members = typing.get_args(run_events.RunEvent)
    flat = [a for m in members for a in (typing.get_args(m) or (m,))]
    without = {"StatementStarted", "StatementFinished", "RunFinished", "Logged"}  # RunEnded gives RunFinished
    assert {t.__name__ for t in flat} - without == {type(e).__name__ for e in SAMPLES}


def test_a_row_is_written_once_and_scrubbed() -> None:
    secret = notes.LockAnalysisMissing("1_a.up.sql", "cannot reach postgresql://app:hunter2@db/x")
    [row] = written(secret)
    assert "hunter2" not in row.message


def test_durations_are_humanized() -> None:
    [row] = written(MigrationFinished("3", "3_x", "up", "applied", 180_000.0, 2))
    assert row.message == "3_x applied in 3 min" and "180000" not in row.message
    assert datetime.now(UTC) >= row.at


def direct_log_calls(path: Path) -> list[int]:
    """Lines of `path` that call a log with text of their own (`log.info(...)`, `self.log.event(...)`)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in ("info", "warning", "error", "event"):
            continue
        owner = node.func.value
        name = (
            owner.id
            if isinstance(owner, ast.Name)
            else owner.attr
            if isinstance(owner, ast.Attribute)
            else ""
        )
        if name in ("log", "_log"):
            found.append(node.lineno)
    return found


def test_runs_adopt_backup_drift_ci_and_plan_write_the_log_only_from_typed_events(tmp_path: Path) -> None:
    """The run, the backfill, `adopt`, `backup-check`, `drift`, `ci`, `plan` and a run's record write every
    line from a typed event (`EventLog.write`); only the statement log counts finished statements into lines
    of its own."""
    engine = Path(eventlog.__file__).parents[1]
    folders = ("run", "backfill", "adopt", "backup", "log", "schema", "plan")
    modules = [
        p
        for folder in folders
        for p in sorted((engine / folder).glob("*.py"))
        if p.name != "statement_log.py"
    ] + [engine / "ci.py"]
    wrong = {str(p.relative_to(engine)): lines for p in modules if (lines := direct_log_calls(p))}
    assert wrong == {}
    sample = tmp_path / "m.py"
    sample.write_text("def f(run):\n    run.log.info('adopt', 'x')\n    run.log.write(e)\n")
    assert direct_log_calls(sample) == [2]


def test_backfill_counts_are_humanized_and_the_resume_key_kept_exact() -> None:
    """Counts go through the humanizer; the key a backfill walks to (or resumes after) stays exact."""
    started = BackfillStarted("7", "public.orders", ("id",), ("205803",), 205_800).line().message
    assert started == "backfill of public.orders started: keys up to 205803, about 206 k rows"
    resumed = BackfillResumed("7", "public.orders", ("123457",), 123_456).line().message
    assert resumed == "backfill of public.orders resumed (123 k rows done, every key up to 123457)"
    done = BackfillDone("7", "public.orders", 1_234_567, 1_200_000, 2_470, 4, 75.5, 120.0, 95.5).line()
    assert done.message == (
        "backfill of public.orders done: 1.2 M rows walked, 1.2 M updated, 2.5 k batches by 4 worker(s)"
        " in 1 min 16 s"
    )
    assert done.data["rows_done"] == 1_234_567  # the data keeps the raw numbers
    retried = BackfillBatchRetried("7", 1, 5_000, "QueryCanceled", "57014", 1, 2_500).line().message
    assert retried == "worker 1: batch of 5.0 k rows failed (QueryCanceled); retrying with 2.5 k rows"
    big = BackfillProgress(
        "7", "public.orders", "running", 123_456, 120_000, 205_800, 4, 100, 20_480.0, 2.4, 1.6, 12.0
    )
    progress = BackfillBatch("7", big, logged=True).line()
    assert progress is not None
    assert progress.message == "public.orders: 123 k/206 k rows (59 %), 20 k rows/s"


def test_no_face_writes_a_log_line_of_its_own_text() -> None:
    """The wizard, the CLI and the console log through typed events only: the engine's door offers no call
    that takes a message (the abort request is `AbortRequested`, written by `commands.record_abort`)."""
    from migwiz.engine import commands

    faces = Path(eventlog.__file__).parents[2]
    calls = {
        str(p.relative_to(faces)): n
        for folder in ("tui", "cli", "console")
        for p in sorted((faces / folder).rglob("*.py"))
        if (n := p.read_text(encoding="utf-8").count("append_event"))
    }
    assert calls == {}
    assert not any("append_event" in names for names in commands.FAMILIES.values())
