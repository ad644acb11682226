"""Applied means applied, exactly once: transaction control in files, statements that refuse transactions,
empty migrations. The history row never disagrees with what was committed."""

from __future__ import annotations

from pathlib import Path

import pytest

from migwiz.engine.errors import MigrationFileError
from migwiz.engine.log.eventlog import EventLog, MemorySink
from migwiz.engine.plan import plan
from migwiz.engine.run.runner import ExecutionPolicy, Runner
from migwiz.engine.sets import load_migration_set
from tests.conftest import TestDatabase
from tests.helpers import run_cli, write_migrations
from tests.helpers.crash import sigkill_mid_build
from tests.unit.test_transactions import APPFLOWY_TEMPLATE

FIRST = {"1_a.up.sql": "CREATE TABLE a (id int PRIMARY KEY);\n", "1_a.down.sql": "DROP TABLE a;\n"}


def _runner(db: TestDatabase, folder: Path) -> tuple[Runner, MemorySink]:
    sink = MemorySink()
    policy = ExecutionPolicy(allow_irreversible=True)
    return Runner(db.dsn, load_migration_set(folder), log=EventLog(sinks=[sink]), policy=policy), sink


def tables(db: TestDatabase) -> set[str]:
    return {str(r[0]) for r in db.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}


def history(db: TestDatabase) -> list[tuple[object, ...]]:
    return db.execute("SELECT version, success, statements_done FROM migwiz.history ORDER BY version")


@pytest.mark.parametrize(
    ("body", "line", "what"),
    [
        ("CREATE TABLE b (id int);\nCOMMIT;\nCREATE TABLE c (id int);\n", 2, "COMMIT inside a migration"),
        ("CREATE TABLE b (id int);\nROLLBACK;\n", 2, "ROLLBACK inside a migration"),
        ("CREATE TABLE b (id int);\nCOMMIT AND CHAIN;\nCREATE TABLE c (id int);\n", 2, "COMMIT AND CHAIN"),
        ("CREATE TABLE b (id int);\nPREPARE TRANSACTION 'mig';\n", 2, "PREPARE TRANSACTION"),
        ("-- migwiz:no-transaction\nBEGIN;\nCREATE TABLE b (id int);\n", 2, "BEGIN inside a migration"),
        ("-- migwiz:no-transaction\nCREATE TABLE b (id int);\nSAVEPOINT s;\n", 3, "SAVEPOINT in a migration"),
    ],
)
def test_transaction_control_is_refused_before_anything_runs(
    db: TestDatabase, tmp_path: Path, body: str, line: int, what: str
) -> None:
    folder = write_migrations(tmp_path / "m", {**FIRST, "2_b.up.sql": body})
    runner, _ = _runner(db, folder)
    with pytest.raises(MigrationFileError, match=rf"2_b\.up\.sql:{line}: {what}") as caught:
        runner.up()
    assert caught.value.exit_code == 2
    # nothing ran, not even the migration before it; nothing is recorded; no transaction is left prepared
    assert tables(db) == set()
    assert history(db) == []
    assert db.execute("SELECT count(*) FROM pg_prepared_xacts") == [(0,)]
    assert {str(s.version): s.state for s in runner.statuses()} == {"1": "pending", "2": "pending"}
    runner.close()


def test_a_down_with_commit_is_refused_and_stays_applied(db: TestDatabase, tmp_path: Path) -> None:
    files = {**FIRST, "1_a.down.sql": "DROP TABLE a;\nCOMMIT;\n"}
    runner, _ = _runner(db, write_migrations(tmp_path / "m", files))
    assert runner.up().ok
    with pytest.raises(MigrationFileError, match=r"1_a\.down\.sql:2: COMMIT inside a migration"):
        runner.down()
    assert tables(db) == {"a"} and history(db) == [("1", True, 1)]
    runner.close()


def test_a_file_wrapped_in_begin_commit_runs_in_migwiz_transaction(db: TestDatabase, tmp_path: Path) -> None:
    files = {
        **FIRST,
        "2_w.up.sql": "BEGIN;\nCREATE TABLE w AS SELECT current_setting('lock_timeout') AS lock_timeout;\n"
        "INSERT INTO a VALUES (1);\nCOMMIT;\n",
        "3_bad.up.sql": "BEGIN;\nCREATE TABLE bad (id int);\nINSERT INTO a VALUES (1);\nCOMMIT;\n",
    }
    folder = write_migrations(tmp_path / "m", files)
    runner, sink = _runner(db, folder)
    report = runner.up()
    runner.close()
    assert [o.result for o in report.outcomes] == ["applied", "applied", "failed"]
    # migwiz's lock_timeout held for the statements inside the user's BEGIN/COMMIT
    assert db.execute("SELECT lock_timeout FROM w") == [("2s",)]
    notices = [e.message for e in sink.events if e.step == "transaction"]
    assert notices[0] == (
        f"{folder / '2_w.up.sql'}:1: BEGIN (line 1) and COMMIT (line 4) wrap the whole file: migwiz runs it"
        " in its own transaction instead"
    )
    # the failing one committed nothing: no table, no row, no history
    failure = report.outcomes[-1].failure
    assert failure is not None and failure.sqlstate == "23505" and failure.line == 3
    assert tables(db) == {"a", "w"}
    assert db.execute("SELECT count(*) FROM a") == [(1,)]
    assert history(db) == [("1", True, 1), ("2", True, 2)]


def test_concurrent_index_runs_without_a_transaction_automatically(db: TestDatabase, tmp_path: Path) -> None:
    files = {
        **FIRST,
        "2_idx.up.sql": "SET lock_timeout = '5s';\nCREATE INDEX CONCURRENTLY a_id ON a (id);\n"
        "CREATE UNIQUE INDEX CONCURRENTLY a_id2 ON a (id);\n",
        "2_idx.down.sql": "DROP INDEX CONCURRENTLY a_id2;\nDROP INDEX CONCURRENTLY a_id;\n",
    }
    folder = write_migrations(tmp_path / "m", files)
    runner, sink = _runner(db, folder)
    assert runner.up().ok
    assert runner.transaction_plan(runner.mset.migrations[1].up).mode() == (
        "without a transaction: CREATE INDEX CONCURRENTLY (line 2) cannot run in one"
    )
    # recorded statement by statement, like a no-transaction migration
    assert history(db) == [("1", True, 1), ("2", True, 3)]
    assert db.execute("SELECT count(*) FROM pg_indexes WHERE indexname IN ('a_id', 'a_id2')") == [(2,)]
    assert any(
        e.step == "transaction"
        and "2_idx.up.sql:2: CREATE INDEX CONCURRENTLY cannot run in a transaction" in e.message
        for e in sink.events
    )
    assert any(e.message.startswith("applying 2_idx statement by statement") for e in sink.events)
    assert runner.down().ok
    assert db.execute("SELECT count(*) FROM pg_indexes WHERE indexname IN ('a_id', 'a_id2')") == [(0,)]
    runner.close()


def test_mixed_statements_are_refused_unless_a_directive_says_how(db: TestDatabase, tmp_path: Path) -> None:
    body = "CREATE TABLE b (id int);\nCREATE INDEX CONCURRENTLY b_id ON b (id);\n"
    folder = write_migrations(tmp_path / "m", {**FIRST, "2_b.up.sql": body})
    runner, _ = _runner(db, folder)
    with pytest.raises(
        MigrationFileError,
        match=r"2_b\.up\.sql:2: CREATE INDEX CONCURRENTLY cannot run in a transaction, but CREATE TABLE "
        r"\(line 1\) in the same migration needs one",
    ):
        runner.up()
    assert tables(db) == set() and history(db) == []
    runner.close()
    (folder / "2_b.up.sql").write_text("-- migwiz:no-transaction\n" + body)
    runner, _ = _runner(db, folder)
    assert runner.up().ok
    assert history(db) == [("1", True, 1), ("2", True, 2)]
    runner.close()


def test_morph_nontransactional_marker_runs_a_golang_migrate_file_outside_a_transaction(
    client_db: TestDatabase, tmp_path: Path
) -> None:
    """Mattermost's sets (golang-migrate layout, run by morph) mark such files on their first line."""
    db = client_db
    body = "-- morph:nontransactional\nCREATE TABLE b (id int);\nCREATE INDEX CONCURRENTLY b_id ON b (id);\n"
    down = "-- morph:nontransactional\nDROP INDEX CONCURRENTLY b_id;\nDROP TABLE b;\n"
    folder = write_migrations(tmp_path / "m", {**FIRST, "2_b.up.sql": body, "2_b.down.sql": down})
    runner, _ = _runner(db, folder)
    assert runner.up().ok
    assert history(db) == [("1", True, 1), ("2", True, 2)]
    assert runner.down(None, 1).ok
    assert tables(db) == {"a"}
    runner.close()
    shown = run_cli("status", "--json", "--dsn", db.dsn, "--dir", folder)
    assert [m["transaction"] for m in shown.json()["migrations"]] == [True, False]


def test_enum_value_added_beside_other_statements(db: TestDatabase, tmp_path: Path) -> None:
    body = "CREATE TYPE mood AS ENUM ('ok');\nALTER TYPE mood ADD VALUE 'meh';\n"
    runner, _ = _runner(db, write_migrations(tmp_path / "m", {**FIRST, "2_mood.up.sql": body}))
    if db.major >= 12:  # a transaction is fine from 12 on
        assert runner.up().ok
        assert db.execute("SELECT count(*) FROM pg_enum") == [(2,)]
    else:
        with pytest.raises(MigrationFileError, match=r"2_mood\.up\.sql:2: ALTER TYPE ADD VALUE cannot run"):
            runner.up()
    runner.close()


def test_empty_and_comment_only_migrations_are_recorded_with_a_notice(
    db: TestDatabase, tmp_path: Path
) -> None:
    files = {**FIRST, "2_empty.up.sql": "", "3_comments.up.sql": "-- kept for numbering\n/* nothing */\n"}
    runner, sink = _runner(db, write_migrations(tmp_path / "m", files))
    report = runner.up()
    runner.close()
    assert [o.result for o in report.outcomes] == ["applied"] * 3
    assert [o.statements_run for o in report.outcomes] == [1, 0, 0]
    assert history(db) == [("1", True, 1), ("2", True, 0), ("3", True, 0)]
    notices = [e for e in sink.events if e.step == "transaction"]
    assert [e.level for e in notices] == ["warning", "warning"]
    assert [e.message.rsplit("/", 1)[-1] for e in notices] == [
        "2_empty.up.sql: no statements (empty or comments only): recorded as done with nothing run",
        "3_comments.up.sql: no statements (empty or comments only): recorded as done with nothing run",
    ]


def test_plan_knows_a_concurrent_index_runs_without_a_transaction(db: TestDatabase, tmp_path: Path) -> None:
    files = {
        **FIRST,
        "2_idx.up.sql": "CREATE INDEX CONCURRENTLY a_id ON a (id);\n"
        "CREATE INDEX CONCURRENTLY a_id2 ON a (id);\n",
        "3_wrapped.up.sql": "BEGIN;\nCREATE TABLE w (id int);\nCOMMIT;\n",
    }
    report = plan(db.dsn, load_migration_set(write_migrations(tmp_path / "m", files)))
    by_version = {m.version: m for m in report.migrations}
    assert by_version["2"].in_transaction is False
    assert not any(
        f.rule == "concurrently-in-transaction" for s in by_version["2"].statements for f in s.findings
    )
    assert by_version["3"].in_transaction is True
    assert [s.sql for s in by_version["3"].statements] == ["CREATE TABLE w (id int)"]


def test_a_wrapped_dbmate_file_marked_transaction_false_runs_as_one_transaction(
    db: TestDatabase, tmp_path: Path
) -> None:
    folder = write_migrations(
        tmp_path / "m",
        {
            "20240101000000_a.sql": "-- migrate:up\nCREATE TABLE a (id int PRIMARY KEY);\n"
            "-- migrate:down\nDROP TABLE a;\n",
            "20240102000000_b.sql": "-- migrate:up transaction:false\nBEGIN;\nCREATE TABLE b (id int);\n"
            "INSERT INTO a VALUES (1), (1);\nCOMMIT;\n-- migrate:down\nDROP TABLE b;\n",
        },
    )
    runner, sink = _runner(db, folder)
    report = runner.up()
    runner.close()
    assert [o.result for o in report.outcomes] == ["applied", "failed"]
    # all or nothing, as the file's own BEGIN/COMMIT meant: no table b, no row, no history row
    assert tables(db) == {"a"}
    assert db.execute("SELECT count(*) FROM a") == [(0,)]
    assert history(db) == [("20240101000000", True, 1)]
    assert any(e.step == "transaction" and "wrap the whole file" in e.message for e in sink.events)


def test_sigkill_during_an_automatic_concurrent_build_resumes(db: TestDatabase, tmp_path: Path) -> None:
    """No directive: the bookkeeping of a no-transaction migration still tells how far it got."""
    db.execute("CREATE TABLE t (id int); INSERT INTO t SELECT generate_series(1, 1000)")
    folder = write_migrations(
        tmp_path / "m",
        {
            "1_i.up.sql": "-- migwiz:lock-timeout=60s\nCREATE INDEX CONCURRENTLY t_id ON t (id);\n",
            "1_i.down.sql": "DROP INDEX CONCURRENTLY t_id;\n",
        },
    )
    sigkill_mid_build(db, folder, "CREATE INDEX CONCURRENTLY", blocker="INSERT INTO t VALUES (0)")
    status = run_cli("status", "--dsn", db.dsn, "--dir", folder, "--json").json()["migrations"][0]
    assert status["state"] == "failed" and status["transaction"] is False
    assert "statement 1 (1_i.up.sql:2) was running when migwiz stopped" in status["detail"]
    result = run_cli("up", "--dsn", db.dsn, "--dir", folder)
    assert result.code == 0, result.stderr
    assert history(db) == [("1", True, 1)]
    assert db.execute("SELECT indisvalid FROM pg_index WHERE indexrelid = 't_id'::regclass") == [(True,)]


def test_a_begin_that_nothing_commits_runs_as_sqlx_runs_it(tmp_path: Path, client_db: TestDatabase) -> None:
    """sqlx runs the file in its transaction, where PostgreSQL ignores the BEGIN: so does migwiz, and lint
    says so as information (it refused the file before)."""
    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / "20240813040905_template.sql").write_text(APPFLOWY_TEMPLATE, encoding="utf-8")
    lint = run_cli("lint", "--json", folder)
    found = [
        f for file in lint.json()["files"] for f in file["findings"] if f["rule"] == "transaction-control"
    ]
    assert [(f["severity"], f["line"]) for f in found] == [("info", 5)]
    up = run_cli("up", "--allow-irreversible", "--dsn", client_db.dsn, "--dir", folder)
    assert up.code == 0, up.stderr
    assert "BEGIN (line 5) with no COMMIT after it" in up.stderr
    assert client_db.execute("SELECT count(*) FROM pg_type WHERE typname = 'account_link_type'") == [(1,)]
    assert client_db.execute("SELECT version, success FROM migwiz.history") == [("20240813040905", True)]
