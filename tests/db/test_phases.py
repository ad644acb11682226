"""`up --phase`, the contract guard (with pg_stat_statements where available) and status by phase."""

from __future__ import annotations

from pathlib import Path

import pytest

from migwiz.engine.log.eventlog import EventLog, MemorySink
from migwiz.engine.run.phases import ContractRefused, phase_summary
from migwiz.engine.run.runner import ExecutionPolicy, Runner
from migwiz.engine.sets import load_migration_set
from tests.conftest import TestDatabase
from tests.helpers import write_migrations


def change(version: int, table: str) -> dict[str, str]:
    """Move `table.old` to `table.new`: expand (column + sync trigger), backfill, contract (drop old)."""
    e, b, c = version, version + 1, version + 2
    sync = (
        f"CREATE FUNCTION {table}_sync() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        "BEGIN NEW.new := NEW.old; RETURN NEW; END $$;\n"
        f"CREATE TRIGGER {table}_sync BEFORE INSERT OR UPDATE OF old ON {table}"
        f" FOR EACH ROW EXECUTE FUNCTION {table}_sync();\n"
    )
    return {
        f"{e}_{table}_new_expand.up.sql": f"-- migwiz:phase=expand\n-- migwiz:lock-timeout=2s\n"
        f"ALTER TABLE {table} ADD COLUMN new int;\n" + sync,
        f"{e}_{table}_new_expand.down.sql": f"DROP TRIGGER {table}_sync ON {table};\n"
        f"DROP FUNCTION {table}_sync();\nALTER TABLE {table} DROP COLUMN new;\n",
        f"{b}_{table}_new_backfill.up.sql": f"-- migwiz:phase=backfill\n-- migwiz:backfill\n"
        f"UPDATE {table} SET new = old WHERE new IS DISTINCT FROM old;\n",
        f"{b}_{table}_new_backfill.down.sql": "-- nothing: the column goes with the expand's down\n",
        f"{c}_{table}_new_contract.up.sql": f"-- migwiz:phase=contract\n-- migwiz:lock-timeout=2s\n"
        f"DROP TRIGGER {table}_sync ON {table};\nDROP FUNCTION {table}_sync();\n"
        f"ALTER TABLE {table} DROP COLUMN old;\n",
        f"{c}_{table}_new_contract.down.sql": f"ALTER TABLE {table} ADD COLUMN old int;\n"
        f"UPDATE {table} SET old = new;\n" + sync,
    }


def make_tables(db: TestDatabase, *tables: str) -> None:
    for table in tables:
        db.execute(
            f"CREATE TABLE {table} (id int PRIMARY KEY, old int);"
            f"INSERT INTO {table} SELECT g, g FROM generate_series(1, 500) g"
        )


def runner_for(db: TestDatabase, folder: Path, **policy: object) -> tuple[Runner, MemorySink]:
    sink = MemorySink()
    policy_obj = ExecutionPolicy(**policy)  # type: ignore[arg-type]
    return Runner(db.dsn, load_migration_set(folder), log=EventLog(sinks=[sink]), policy=policy_obj), sink


def applied(runner: Runner) -> list[str]:
    return [str(s.version) for s in runner.statuses() if s.state == "applied"]


def test_up_phase_by_phase_across_two_changes(db: TestDatabase, tmp_path: Path) -> None:
    make_tables(db, "a", "b")
    folder = write_migrations(tmp_path / "m", {**change(1, "a"), **change(4, "b")})
    for phase, expected in [
        ("expand", ["1", "4"]),
        ("backfill", ["1", "2", "4", "5"]),
        ("contract", ["1", "2", "3", "4", "5", "6"]),
    ]:
        runner, _ = runner_for(db, folder, phase=phase)
        assert runner.up().ok
        assert applied(runner) == expected
        statuses = runner.statuses()
        runner.close()
    assert db.execute("SELECT count(*) FROM a WHERE new = id") == [(500,)]
    rows = phase_summary(statuses)
    assert [(r.change, r.stage) for r in rows] == [("a_new", "done"), ("b_new", "done")]


def test_contract_refused_until_backfill_done_and_force_logs_why(db: TestDatabase, tmp_path: Path) -> None:
    make_tables(db, "a")
    folder = write_migrations(tmp_path / "m", change(1, "a"))
    runner, _ = runner_for(db, folder, phase="expand")
    runner.up()
    runner.close()
    runner, sink = runner_for(db, folder, phase="contract")
    with pytest.raises(ContractRefused, match=r"3_a_new_contract refused: its expand/backfill migrations are "
                       r"not complete: 2 \(backfill, pending\)"):  # fmt: skip
        runner.up()
    assert applied(runner) == ["1"]
    assert any(e.level == "error" and e.step == "phase" for e in sink.events)
    [row] = phase_summary(runner.statuses())
    assert (row.states, row.stage) == ({"expand": "applied", "backfill": "pending", "contract": "pending"},
                                       "backfill next")  # fmt: skip
    runner.close()
    forced, sink = runner_for(db, folder, phase="contract", force_contract=True)
    assert forced.up().ok
    assert applied(forced) == ["1", "3"]
    [warning] = [e for e in sink.events if e.level == "warning" and e.step == "phase"]
    assert "forced although its expand/backfill migrations are not complete" in warning.message
    forced.close()


def test_plain_up_runs_all_three_phases_in_order(db: TestDatabase, tmp_path: Path) -> None:
    """The guard's decision is logged once (a run plans its ups twice: to count them, then to run them),
    and says the expand and backfill run first in this run, not that they are complete."""
    make_tables(db, "a")
    folder = write_migrations(tmp_path / "m", change(1, "a"))
    runner, sink = runner_for(db, folder)
    runner.plan_up()
    assert runner.up().ok
    decisions = [e.message for e in sink.events if e.step == "phase" and "contract" in e.message]
    assert decisions == [
        "contract 3_a_new_contract: expand/backfill 1, 2 run before it in this run,"
        " no query uses what it drops"
    ]
    assert applied(runner) == ["1", "2", "3"]
    assert runner.down(steps=3).ok
    assert db.execute("SELECT count(*) FROM a WHERE old = id") == [(500,)]
    runner.close()


def test_contract_refused_while_queries_still_use_the_dropped_column(
    stats_db: TestDatabase, tmp_path: Path
) -> None:
    db = stats_db
    make_tables(db, "a")
    db.execute("SELECT old FROM a WHERE id = 7")  # before the expand: not counted
    folder = write_migrations(tmp_path / "m", change(1, "a"))
    for phase in ("expand", "backfill"):
        runner, _ = runner_for(db, folder, phase=phase)
        assert runner.up().ok
        runner.close()
    assert db.execute("SELECT count(*) FROM migwiz.phase_query_baseline WHERE version = '1'")[0][0] > 0
    db.execute("SELECT new FROM a WHERE id = 1")  # new code: fine
    runner, _ = runner_for(db, folder, phase="contract")
    assert runner.up().ok, "no query uses a.old since the expand"
    runner.down(steps=1)
    runner.close()
    for _ in range(3):
        db.execute("UPDATE a SET old = old + 1 WHERE id = 2")  # old code still running
    runner, sink = runner_for(db, folder, phase="contract")
    expected = (
        r"statement\(s\) seen since the expand still use what it drops "
        r"\(a\.old\): 'UPDATE a SET old = old \+ \$1 WHERE id = \$2' \(3 calls\)"
    )
    with pytest.raises(ContractRefused, match=expected):
        runner.up()
    [refusal] = [e for e in sink.events if e.level == "error" and e.step == "phase"]
    assert refusal.data["queries"][0]["uses"] == "a.old"
    runner.close()
    forced, _ = runner_for(db, folder, phase="contract", force_contract=True)
    assert forced.up().ok
    forced.close()
