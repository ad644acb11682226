"""The statement log of seed data and the lock pre-check's analysis: no database."""

from __future__ import annotations

from pathlib import Path

from migwiz.engine.analysis.statement_locks import HUGE_STATEMENT, script_lock_targets
from migwiz.engine.log.eventlog import EventLog, MemorySink
from migwiz.engine.run.batches import MAX_BATCHES, MIN_BATCH, SMALL_STATEMENT, batches
from migwiz.engine.run.guard import LockTarget
from migwiz.engine.run.statement_log import StatementLog
from migwiz.engine.sets.model import Migration, Script, Statement
from migwiz.engine.sets.versions import integer_version


def seed_script(n: int) -> Script:
    rows = [Statement(f"INSERT INTO seed (id, name) VALUES ({i}, 'row {i}')", i + 2) for i in range(n)]
    statements = (Statement("CREATE TABLE seed (id int, name text)", 1), *rows)
    return Script(Path("1_seed.up.sql"), statements)


def migration(script: Script) -> Migration:
    return Migration(integer_version("1"), "seed", script, None, "x", "native")


def test_fast_data_statements_are_aggregated_ddl_and_slow_ones_are_not() -> None:
    sink = MemorySink()
    log = EventLog(sinks=[sink])
    statements = StatementLog(log, slow_ms=100, batch_size=1000)
    script = seed_script(2500)
    m = migration(script)
    statements.done(m, script, 0, 3.0)  # CREATE TABLE
    for index in range(1, 2001):
        statements.done(m, script, index, 0.2)
    statements.done(m, script, 2001, 250.0)  # a slow INSERT
    for index in range(2002, 2501):
        statements.done(m, script, index, 0.2)
    log.info("migration", "1_seed applied")  # any other event writes the waiting batch first
    steps = [(e.step, e.data.get("index"), e.data.get("count")) for e in sink.events]
    assert steps == [
        ("statement", 0, None),
        ("statements", 1, 1000),
        ("statements", 1001, 1000),
        ("statement", 2001, None),
        ("statements", 2002, 499),
        ("migration", None, None),
    ]
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
