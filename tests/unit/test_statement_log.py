"""The statement log of seed data and the lock pre-check's analysis: no database."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from migwiz.engine.analysis.statement_locks import HUGE_STATEMENT, script_lock_targets
from migwiz.engine.log.eventlog import EventLog, MemorySink
from migwiz.engine.run.batches import MAX_BATCHES, MIN_BATCH, SMALL_STATEMENT, batches
from migwiz.engine.run.current import CurrentStatement
from migwiz.engine.run.events import MigrationFinished, RunEvents, StatementFinished
from migwiz.engine.run.guard import LockTarget
from migwiz.engine.run.log_writer import LogWriter
from migwiz.engine.run.statement_log import StatementLog
from migwiz.engine.sets.model import Migration, Script, Statement
from migwiz.engine.sets.versions import integer_version


def seed_script(n: int) -> Script:
    rows = [Statement(f"INSERT INTO seed (id, name) VALUES ({i}, 'row {i}')", i + 2) for i in range(n)]
    statements = (Statement("CREATE TABLE seed (id int, name text)", 1), *rows)
    return Script(Path("1_seed.up.sql"), statements)


def migration(script: Script) -> Migration:
    return Migration(integer_version("1"), "seed", script, None, "x", "native")


def finished(
    script: Script, index: int, ms: float, count: int = 1, error: str | None = None
) -> StatementFinished:
    stmt = script.statements[index]
    last = script.statements[index + count - 1].line
    current = CurrentStatement(
        "1", "1_seed", "up", str(script.path), stmt.line, index, len(script.statements), stmt.sql,
        datetime.now(UTC), None, count=count, last_line=last,
    )  # fmt: skip
    return StatementFinished(current, ms, error)


def test_fast_data_statements_are_aggregated_ddl_and_slow_ones_are_not() -> None:
    """The log writer turns finished statements into the statement log's lines, in the stream's order."""
    sink = MemorySink()
    events = RunEvents()
    log = EventLog(sinks=[sink])
    events.record(LogWriter(log, StatementLog(log, slow_ms=100, batch_size=1000)))
    script = seed_script(2500)
    events.emit(finished(script, 0, 3.0))  # CREATE TABLE
    for index in range(1, 1801):
        events.emit(finished(script, index, 0.2))
    events.emit(finished(script, 1801, 40.0, count=200))  # a batch of 200 sent together
    events.emit(finished(script, 2001, 250.0))  # a slow INSERT
    events.emit(finished(script, 2002, 0.2, error="lock timeout"))  # a failure: its migration's line
    for index in range(2002, 2501):
        events.emit(finished(script, index, 0.2))
    events.emit(MigrationFinished("1", "1_seed", "up", "applied", 80.0, 2501))  # writes the batch first
    steps = [(e.step, e.data.get("index"), e.data.get("count")) for e in sink.events]
    assert steps == [
        ("statement", 0, None),
        ("statements", 1, 1000),
        ("statements", 1001, 1000),
        ("statement", 2001, None),
        ("statements", 2002, 499),
        ("migration", None, None),
    ]
    batched = sink.events[2]
    assert batched.data["last_index"] == 2000 and batched.data["last_line"] == 2001
    last = sink.events[-2]
    assert last.data["line"] == 2003 and last.data["last_line"] == 2501
    assert last.message.startswith("1_seed.up.sql:2003-2501: 499 data statement(s) done in ")


def test_lock_targets_once_per_shape_and_none_for_huge_statements() -> None:
    script = seed_script(3)
    huge = Statement("INSERT INTO seed (id) VALUES " + ",".join(["(1)"] * (HUGE_STATEMENT // 4 + 1)), 9)
    other = Statement("INSERT INTO other_table (id) VALUES (1)", 10)
    script = Script(script.path, (*script.statements, huge, other))
    targets = script_lock_targets(script, 16)
    insert = (LockTarget("public.seed", "RowExclusiveLock"),)
    assert targets[1:4] == (insert, insert, insert)
    assert targets[4] == ()  # not parsed: no pre-check
    assert targets[5] == (LockTarget("public.other_table", "RowExclusiveLock"),)


def test_batches_group_small_data_statements_and_stay_few() -> None:
    script = seed_script(2500)
    assert list(batches(script.statements)) == [(0, 1), (1, MIN_BATCH), (1001, MIN_BATCH), (2001, 500)]
    assert all(count == 1 for _, count in batches(script.statements, enabled=False))
    many = seed_script(MIN_BATCH * MAX_BATCHES * 3).statements
    assert len(list(batches(many))) <= MAX_BATCHES + 2  # batches grow instead: few savepoints
    big = Statement("INSERT INTO seed VALUES " + "(1)," * (SMALL_STATEMENT // 4) + "(1)", 5)
    mixed = (*script.statements[:3], big, *script.statements[3:5])
    assert list(batches(mixed)) == [(0, 1), (1, 2), (3, 1), (4, 2)]
