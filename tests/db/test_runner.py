"""up / down / status against real servers: the runner's guarantees."""

from __future__ import annotations

import time
from pathlib import Path

import psycopg
import pytest

from migwiz.engine.errors import StateMismatch, UsageError
from migwiz.engine.log.eventlog import EventLog, MemorySink
from migwiz.engine.run.executor import RetryPolicy
from migwiz.engine.run.guard import GuardPolicy
from migwiz.engine.run.runner import ExecutionPolicy, Runner
from migwiz.engine.sets import load_migration_set
from migwiz.engine.sets.model import Version
from tests.conftest import TestDatabase
from tests.helpers import write_migrations

BASIC = {
    "1_users.up.sql": "CREATE TABLE users (id int PRIMARY KEY, email text);\n",
    "1_users.down.sql": "DROP TABLE users;\n",
    "2_email_index.up.sql": "-- migwiz:no-transaction\n"
    "CREATE INDEX CONCURRENTLY users_email ON users (email);\n"
    "ALTER TABLE users ADD COLUMN name text;\n",
    "2_email_index.down.sql": "ALTER TABLE users DROP COLUMN name;\nDROP INDEX users_email;\n",
    "3_orders.up.sql": "CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users);\n",
    "3_orders.down.sql": "DROP TABLE orders;\n",
}


def make_runner(db: TestDatabase, folder: Path, **policy: object) -> tuple[Runner, MemorySink]:
    sink = MemorySink()
    runner = Runner(
        db.dsn, load_migration_set(folder), log=EventLog(sinks=[sink]), policy=ExecutionPolicy(**policy)
    )  # type: ignore[arg-type]
    return runner, sink


def tables(db: TestDatabase) -> set[str]:
    rows = db.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    return {str(r[0]) for r in rows}


def states(runner: Runner) -> dict[str, str]:
    return {str(s.version): s.state for s in runner.statuses()}


def test_up_applies_everything_and_records_history(db: TestDatabase, tmp_path: Path) -> None:
    runner, sink = make_runner(db, write_migrations(tmp_path / "m", BASIC))
    report = runner.up()
    assert report.ok
    assert [o.result for o in report.outcomes] == ["applied"] * 3
    assert tables(db) == {"users", "orders"}
    assert states(runner) == {"1": "applied", "2": "applied", "3": "applied"}
    rows = db.execute(
        "SELECT version, success, statements_done, db_user, os_user IS NOT NULL, host IS NOT NULL,"
        " run_id::text FROM migwiz.history ORDER BY version"
    )
    assert [(r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows] == [
        ("1", True, 1, "postgres", True, True),
        ("2", True, 2, "postgres", True, True),
        ("3", True, 1, "postgres", True, True),
    ]
    assert {r[6] for r in rows} == {runner.log.run_id}
    assert any(e.step == "statement" and e.data["line"] == 3 for e in sink.events)
    runner.close()


def test_up_to_and_down_steps(db: TestDatabase, tmp_path: Path) -> None:
    runner, _ = make_runner(db, write_migrations(tmp_path / "m", BASIC))
    runner.up(Version("2"))
    assert states(runner) == {"1": "applied", "2": "applied", "3": "pending"}
    report = runner.down(steps=2)
    assert [str(o.version) for o in report.outcomes] == ["2", "1"]
    assert tables(db) == set()
    assert states(runner) == {"1": "pending", "2": "pending", "3": "pending"}
    runner.up()
    runner.down(to=Version("1"))
    assert states(runner) == {"1": "applied", "2": "pending", "3": "pending"}
    assert db.execute("SELECT count(*) FROM pg_indexes WHERE indexname = 'users_email'") == [(0,)]
    runner.close()


def test_failing_migration_rolls_back_and_names_file_and_line(db: TestDatabase, tmp_path: Path) -> None:
    files = dict(BASIC)
    files["3_orders.up.sql"] = "CREATE TABLE orders (id int);\n\nINSERT INTO orders\n  VALUES (1/0);\n"
    runner, sink = make_runner(db, write_migrations(tmp_path / "m", files))
    report = runner.up()
    assert not report.ok
    failure = report.outcomes[-1].failure
    assert failure is not None
    assert failure.sqlstate == "22012"
    assert failure.path.endswith("3_orders.up.sql")
    assert failure.line == 3
    assert tables(db) == {"users"}  # orders rolled back with its statement; 1 and 2 stay applied
    assert states(runner) == {"1": "applied", "2": "applied", "3": "pending"}
    errors = [e for e in sink.events if e.level == "error"]
    assert errors and errors[0].data["sqlstate"] == "22012" and errors[0].data["line"] == 3
    runner.close()


def test_error_position_points_at_the_line_inside_the_statement(db: TestDatabase, tmp_path: Path) -> None:
    files = {
        "1_a.up.sql": "-- header\nCREATE TABLE a (\n  id int,\n  x nosuchtype\n);\n",
        "1_a.down.sql": "DROP TABLE a;",
    }
    runner, _ = make_runner(db, write_migrations(tmp_path / "m", files))
    failure = runner.up().outcomes[0].failure
    assert failure is not None and failure.line == 4 and failure.sqlstate == "42704"
    runner.close()


def test_no_transaction_failure_records_how_far_it_got_and_resumes(db: TestDatabase, tmp_path: Path) -> None:
    files = {
        "1_t.up.sql": "CREATE TABLE t (id int, a int, b int);\n",
        "1_t.down.sql": "DROP TABLE t;\n",
        "2_nt.up.sql": "-- migwiz:no-transaction\nCREATE INDEX CONCURRENTLY t_a ON t (a);\n"
        "CREATE INDEX CONCURRENTLY t_b ON t (nope);\nALTER TABLE t ADD COLUMN c int;\n",
        "2_nt.down.sql": "DROP INDEX t_b;\nDROP INDEX t_a;\nALTER TABLE t DROP COLUMN c;\n",
    }
    folder = write_migrations(tmp_path / "m", files)
    runner, _ = make_runner(db, folder)
    report = runner.up()
    assert not report.ok
    assert report.outcomes[-1].failure is not None and report.outcomes[-1].failure.line == 3
    status = {str(s.version): s for s in runner.statuses()}["2"]
    assert status.state == "failed"
    assert status.detail == "up: 1 of 3 statements ran"
    runner.close()
    # fix the file: the checksum changes, so up refuses until the history matches
    (folder / "2_nt.up.sql").write_text(files["2_nt.up.sql"].replace("(nope)", "(b)"))
    runner, _ = make_runner(db, folder)
    with pytest.raises(StateMismatch, match=r"2_nt\.up\.sql"):
        runner.up()
    runner.close()
    # restore the file, fix the cause outside, and `up` resumes with statement 2
    (folder / "2_nt.up.sql").write_text(files["2_nt.up.sql"])
    db.execute("ALTER TABLE t ADD COLUMN nope int")
    runner, _ = make_runner(db, folder)
    report = runner.up()
    assert report.ok and report.outcomes[-1].statements_run == 2
    assert states(runner) == {"1": "applied", "2": "applied"}
    runner.close()


def test_resume_after_fixing_a_broken_statement_outside(db: TestDatabase, tmp_path: Path) -> None:
    files = {
        "1_t.up.sql": "-- migwiz:no-transaction\nCREATE TABLE t (id int);\n"
        "ALTER TABLE t ADD COLUMN a needs_type;\nALTER TABLE t ADD COLUMN b int;\n",
        "1_t.down.sql": "DROP TABLE t;\n",
    }
    runner, _ = make_runner(db, write_migrations(tmp_path / "m", files))
    assert not runner.up().ok
    db.execute("CREATE DOMAIN needs_type AS int")
    report = runner.up()
    assert report.ok and report.outcomes[0].statements_run == 2
    cols = db.execute(
        "SELECT attname FROM pg_attribute WHERE attrelid = 't'::regclass AND attnum > 0 ORDER BY 1"
    )
    assert [c[0] for c in cols] == ["a", "b", "id"]
    assert states(runner) == {"1": "applied"}
    runner.close()


def test_interrupted_statement_needs_resolve(db: TestDatabase, tmp_path: Path) -> None:
    files = {
        "1_t.up.sql": "-- migwiz:no-transaction\nCREATE TABLE t (id int);\nALTER TABLE t ADD COLUMN a int;\n",
        "1_t.down.sql": "DROP TABLE t;\n",
    }
    folder = write_migrations(tmp_path / "m", files)
    runner, _ = make_runner(db, folder)
    runner.statuses()  # creates the migwiz schema
    checksum = load_migration_set(folder).migrations[0].checksum
    # what a SIGKILL during statement 2 leaves behind: statement 1 done, statement 2 marked running
    db.execute("CREATE TABLE t (id int)")
    db.execute(
        "INSERT INTO migwiz.history (version, name, checksum, success, statements_done, statement_running)"
        f" VALUES ('1', 't', '{checksum}', false, 1, 1)"
    )
    status = runner.statuses()[0]
    assert status.state == "failed"
    assert "statement 2 (1_t.up.sql:3) was running" in (status.detail or "")
    with pytest.raises(StateMismatch, match="may or may not have completed") as caught:
        runner.up()
    assert caught.value.hint is not None and "--resolve" in caught.value.hint
    runner.close()
    runner, _ = make_runner(db, folder, resolve="not-ran")
    assert runner.up().ok
    assert states(runner) == {"1": "applied"}
    runner.close()


def test_edited_applied_migration_stops_up_before_anything_runs(db: TestDatabase, tmp_path: Path) -> None:
    folder = write_migrations(tmp_path / "m", BASIC)
    runner, _ = make_runner(db, folder)
    runner.up(Version("1"))
    runner.close()
    (folder / "1_users.up.sql").write_text("CREATE TABLE users (id bigint PRIMARY KEY, email text);\n")
    runner, _ = make_runner(db, folder)
    with pytest.raises(StateMismatch, match=r"1_users\.up\.sql.*edited"):
        runner.up()
    assert tables(db) == {"users"}
    assert states(runner)["1"] == "checksum_mismatch"
    runner.close()


def test_crlf_only_change_is_not_an_edit(db: TestDatabase, tmp_path: Path) -> None:
    folder = write_migrations(tmp_path / "m", BASIC)
    runner, _ = make_runner(db, folder)
    runner.up(Version("1"))
    runner.close()
    (folder / "1_users.up.sql").write_bytes(BASIC["1_users.up.sql"].replace("\n", "\r\n").encode())
    runner, _ = make_runner(db, folder)
    assert states(runner)["1"] == "applied"
    runner.close()


def test_missing_file_is_reported_and_blocks_up(db: TestDatabase, tmp_path: Path) -> None:
    folder = write_migrations(tmp_path / "m", BASIC)
    runner, _ = make_runner(db, folder)
    runner.up(Version("2"))
    runner.close()
    (folder / "2_email_index.up.sql").unlink()
    (folder / "2_email_index.down.sql").unlink()
    runner, _ = make_runner(db, folder)
    assert states(runner)["2"] == "missing_file"
    with pytest.raises(StateMismatch, match="file is missing"):
        runner.up()
    runner.close()


def test_missing_down_refused_unless_allowed(db: TestDatabase, tmp_path: Path) -> None:
    files = {k: v for k, v in BASIC.items() if k != "3_orders.down.sql"}
    folder = write_migrations(tmp_path / "m", files)
    runner, _ = make_runner(db, folder)
    with pytest.raises(UsageError, match=r"3_orders\.up\.sql"):
        runner.up()
    assert tables(db) == set()  # nothing ran
    runner.close()
    runner, _ = make_runner(db, folder, allow_irreversible=True)
    assert runner.up().ok
    with pytest.raises(UsageError, match="no down script"):
        runner.down()
    runner.close()


def test_out_of_order_pending_is_refused(db: TestDatabase, tmp_path: Path) -> None:
    files = {k: v for k, v in BASIC.items() if not k.startswith("2_")}
    folder = write_migrations(tmp_path / "m", files)
    runner, _ = make_runner(db, folder)
    runner.up()
    runner.close()
    write_migrations(folder, {k: v for k, v in BASIC.items() if k.startswith("2_")})
    runner, _ = make_runner(db, folder)
    with pytest.raises(UsageError, match="older than the applied 3"):
        runner.up()
    runner.close()
    runner, _ = make_runner(db, folder, allow_out_of_order=True)
    assert runner.up().ok
    runner.close()


def test_lock_timeout_applies_to_statements(db: TestDatabase, tmp_path: Path) -> None:
    files = {
        "1_t.up.sql": "CREATE TABLE t (id int);\n",
        "1_t.down.sql": "DROP TABLE t;\n",
        "2_a.up.sql": "-- migwiz:lock-timeout=150ms\nALTER TABLE t ADD COLUMN a int;\n",
        "2_a.down.sql": "ALTER TABLE t DROP COLUMN a;\n",
    }
    no_retry = {"retry": RetryPolicy(lock_retries=0), "guard": GuardPolicy(wait_for_holders=False)}
    runner, _ = make_runner(db, write_migrations(tmp_path / "m", files), lock_timeout_ms=60_000, **no_retry)
    runner.up(Version("1"))
    with psycopg.connect(db.dsn) as holder:
        holder.execute("SELECT * FROM t")  # AccessShareLock held in an open transaction
        holder_pid = holder.info.backend_pid
        started = time.monotonic()
        report = runner.up()
        assert time.monotonic() - started < 10  # the directive's 150 ms, not the policy's 60 s
    failure = report.outcomes[-1].failure
    assert failure is not None and failure.sqlstate == "55P03"
    assert [h.pid for h in failure.holders] == [holder_pid]
    runner.close()
