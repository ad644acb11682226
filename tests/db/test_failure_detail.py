"""A failed statement reports PostgreSQL's own words: DETAIL, HINT, CONTEXT and file:line:column."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from migwiz.engine.log.eventlog import EventLog, MemorySink
from migwiz.engine.rollback.prove import test_rollback as rollback
from migwiz.engine.run.runner import ExecutionPolicy, Runner
from migwiz.engine.sets import load_migration_set
from tests.conftest import TestDatabase
from tests.helpers import write_migrations


def _runner(db: TestDatabase, folder: Path) -> tuple[Runner, MemorySink]:
    sink = MemorySink()
    policy = ExecutionPolicy(allow_irreversible=True)
    return Runner(db.dsn, load_migration_set(folder), log=EventLog(sinks=[sink]), policy=policy), sink


def test_a_down_blocked_by_a_view_names_the_view(db: TestDatabase, tmp_path: Path) -> None:
    folder = write_migrations(
        tmp_path / "m",
        {
            "1_accounts.up.sql": "CREATE TABLE accounts (id int PRIMARY KEY, inbox_url text);\n",
            "1_accounts.down.sql": "DROP TABLE accounts;\n",
            "2_inbox.up.sql": "ALTER TABLE accounts ADD COLUMN note text;\n"
            "CREATE VIEW inboxes AS SELECT id, inbox_url FROM accounts;\n",
            "2_inbox.down.sql": "ALTER TABLE accounts DROP COLUMN note;\n"
            "ALTER TABLE accounts DROP COLUMN inbox_url;\n",
        },
    )
    runner, sink = _runner(db, folder)
    assert runner.up().ok
    report = runner.down()
    runner.close()
    failure = report.outcomes[0].failure
    assert failure is not None
    assert failure.sqlstate == "2BP01"
    assert failure.message == (
        "cannot drop column inbox_url of table accounts because other objects depend on it"
    )
    assert failure.detail == "view inboxes depends on column inbox_url of table accounts"
    assert failure.hint is not None and "CASCADE" in failure.hint
    assert failure.line == 2
    text = failure.describe()
    assert text.splitlines()[0].startswith(f"{folder / '2_inbox.down.sql'}:2: 2BP01 cannot drop column")
    assert "DETAIL:  view inboxes depends on column inbox_url of table accounts" in text.splitlines()
    assert any(line.startswith("HINT:  ") for line in text.splitlines())
    event = next(e for e in sink.events if e.level == "error" and e.step == "migration")
    assert event.data["detail"] == failure.detail and event.data["hint"] == failure.hint
    assert "DETAIL:  view inboxes depends on column inbox_url" in event.message
    assert failure.to_json()["detail"] == failure.detail
    # the down was rolled back: the column is still there
    assert db.execute(
        "SELECT count(*) FROM information_schema.columns WHERE table_name = 'accounts'"
        " AND column_name IN ('note', 'inbox_url')"
    ) == [(2,)]


def test_error_position_becomes_line_and_column(db: TestDatabase, tmp_path: Path) -> None:
    folder = write_migrations(
        tmp_path / "m",
        {
            "1_a.up.sql": "-- header\nCREATE TABLE a (\n  id int,\n  x nosuchtype\n);\n",
            "2_b.up.sql": "SELECT 1; SELECT nosuchcol;\n",
        },
    )
    runner, _ = _runner(db, folder)
    failure = runner.up().outcomes[0].failure
    assert failure is not None
    assert (failure.line, failure.column, failure.sqlstate) == (4, 5, "42704")
    assert failure.describe().startswith(f'{folder / "1_a.up.sql"}:4:5: 42704 type "nosuchtype"')
    db.execute("CREATE TYPE nosuchtype AS (v int)")
    failure = runner.up().outcomes[-1].failure
    runner.close()
    assert failure is not None
    # `SELECT nosuchcol` starts at column 11 of line 1; PostgreSQL points at `nosuchcol`
    assert (failure.line, failure.column, failure.sqlstate) == (1, 18, "42703")


def test_context_of_an_error_raised_in_plpgsql(db: TestDatabase, tmp_path: Path) -> None:
    folder = write_migrations(
        tmp_path / "m",
        {
            "1_do.up.sql": "-- migwiz:no-transaction\nCREATE TABLE t (id int);\n"
            "DO $$\nBEGIN\n  RAISE EXCEPTION 'no rows yet' USING DETAIL = 'table t is empty',"
            " HINT = 'load it first';\nEND\n$$;\n",
        },
    )
    runner, _ = _runner(db, folder)
    failure = runner.up().outcomes[0].failure
    runner.close()
    assert failure is not None
    assert (failure.message, failure.detail, failure.hint) == (
        "no rows yet",
        "table t is empty",
        "load it first",
    )
    assert (
        failure.context is not None
        and "PL/pgSQL function inline_code_block line 3 at RAISE" in failure.context
    )
    assert failure.line == 3 and failure.column is None
    assert failure.describe().splitlines()[1:] == [
        "DETAIL:  table t is empty",
        "HINT:  load it first",
        f"CONTEXT:  {failure.context}",
    ]


def test_rollback_test_junit_carries_detail_and_hint(db: TestDatabase, tmp_path: Path) -> None:
    files = {
        "1_accounts.up.sql": "CREATE TABLE accounts (id int PRIMARY KEY, inbox_url text);\n"
        "CREATE VIEW inboxes AS SELECT id, inbox_url FROM accounts;\n",
        "1_accounts.down.sql": "ALTER TABLE accounts DROP COLUMN inbox_url;\nDROP VIEW inboxes;\n"
        "DROP TABLE accounts;\n",
    }
    report = rollback(db.dsn, load_migration_set(write_migrations(tmp_path / "m", files)))
    assert [(r.result, r.step) for r in report.results] == [("failed", "down")]
    case = ET.fromstring(report.to_junit()).find("testcase")
    assert case is not None
    failure = case.find("failure")
    assert failure is not None
    assert "2BP01 cannot drop column inbox_url" in (failure.get("message") or "")
    assert "DETAIL:  view inboxes depends on column inbox_url of table accounts" in (failure.text or "")
    assert "HINT:  " in (failure.text or "")
