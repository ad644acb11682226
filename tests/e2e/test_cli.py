"""The `migwiz` command as a user runs it: exit codes, JSON shapes, one-line errors."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg
import pytest

from migwiz.engine.run.control import TERM_GRACE_S
from migwiz.engine.run.migration_lock import MigrationLock
from migwiz.engine.servers.local import LocalServer
from tests.conftest import TestDatabase
from tests.helpers import run_cli, start_cli, write_migrations

SET = {
    "1_users.up.sql": "CREATE TABLE users (id int PRIMARY KEY, email text);\n",
    "1_users.down.sql": "DROP TABLE users;\n",
    "2_orders.up.sql": "CREATE TABLE orders (id int PRIMARY KEY, user_id int);\n",
    "2_orders.down.sql": "DROP TABLE orders;\n",
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_migrations(tmp_path / "migrations", SET)


def test_status_up_down_json_shapes_and_exit_codes(db_latest: TestDatabase, folder: Path) -> None:
    dsn = db_latest.dsn
    status = run_cli("status", "--dsn", dsn, "--dir", folder, "--json")
    assert status.code == 1, status.stderr
    body = status.json()
    assert [m["state"] for m in body["migrations"]] == ["pending", "pending"]
    assert set(body["migrations"][0]) >= {"version", "name", "state", "has_down"}
    assert body["migrations"][0]["has_down"] is True

    up = run_cli("up", "--dsn", dsn, "--dir", folder, "--json")
    assert up.code == 0, up.stderr
    report = up.json()
    assert report["ok"] is True
    assert [m["result"] for m in report["migrations"]] == ["applied", "applied"]

    status = run_cli("status", "--dsn", dsn, "--dir", folder, "--json")
    assert status.code == 0
    assert [m["state"] for m in status.json()["migrations"]] == ["applied", "applied"]

    down = run_cli("down", "--dsn", dsn, "--dir", folder, "--json")
    assert down.code == 0, down.stderr
    assert [m["version"] for m in down.json()["migrations"]] == ["2"]

    log = run_cli("log", "--dsn", dsn, "--json", "--run", report["run_id"][:8])
    assert log.code == 0
    messages = [e["message"] for e in log.json()["events"]]
    assert messages[0] == "migwiz up started"
    assert messages[-1] == "migwiz up finished: success"
    assert {e["run_id"] for e in log.json()["events"]} == {report["run_id"]}


def test_failed_migration_exits_1_and_names_file_and_line(db_latest: TestDatabase, tmp_path: Path) -> None:
    folder = write_migrations(
        tmp_path / "m",
        {
            **SET,
            "3_bad.up.sql": "ALTER TABLE users\n  ADD COLUMN x nosuchtype;\n",
            "3_bad.down.sql": "SELECT 1;",
        },
    )
    result = run_cli("up", "--dsn", db_latest.dsn, "--dir", folder)
    assert result.code == 1
    assert "3_bad.up.sql:2:16: 42704" in result.stderr
    assert "Traceback" not in result.stderr
    status = run_cli("status", "--dsn", db_latest.dsn, "--dir", folder, "--json").json()
    assert [m["state"] for m in status["migrations"]] == ["applied", "applied", "pending"]


def test_edited_applied_migration_stops_up(db_latest: TestDatabase, folder: Path) -> None:
    assert run_cli("up", "--dsn", db_latest.dsn, "--dir", folder).code == 0
    (folder / "1_users.up.sql").write_text("CREATE TABLE users (id bigint PRIMARY KEY);\n")
    write_migrations(folder, {"3_x.up.sql": "CREATE TABLE x (id int);", "3_x.down.sql": "DROP TABLE x;"})
    result = run_cli("up", "--dsn", db_latest.dsn, "--dir", folder)
    assert result.code == 1
    assert result.stderr.count("\n") <= 2
    assert "1_users.up.sql" in result.stderr
    assert "edited" in result.stderr
    assert db_latest.execute("SELECT to_regclass('public.x') IS NULL") == [(True,)]


def test_second_run_exits_3_naming_the_holder(db_latest: TestDatabase, folder: Path) -> None:
    with MigrationLock(db_latest.dsn, "migwiz") as held:
        result = run_cli("up", "--dsn", db_latest.dsn, "--dir", folder)
        assert result.code == 3, result.stderr
        assert f"pid {held.backend_pid}" in result.stderr
        assert "migwiz lock" in result.stderr
        assert "--wait" in result.stderr
    assert db_latest.execute("SELECT to_regclass('public.users') IS NULL") == [(True,)]


def test_wait_queues_behind_the_holder(db_latest: TestDatabase, folder: Path) -> None:
    lock = MigrationLock(db_latest.dsn, "migwiz")
    lock.acquire()
    releaser = threading.Timer(1.0, lock.release)
    releaser.start()
    try:
        result = run_cli("up", "--dsn", db_latest.dsn, "--dir", folder, "--wait", "20s")
    finally:
        releaser.join()
        lock.release()
    assert result.code == 0, result.stderr
    assert db_latest.execute("SELECT to_regclass('public.users') IS NOT NULL") == [(True,)]


def test_wrong_dsn_and_server_down_are_one_line_exit_2(tmp_path: Path, folder: Path) -> None:
    refused = run_cli("status", "--dsn", "host=127.0.0.1 port=1 dbname=x user=x", "--dir", folder)
    assert refused.code == 2
    assert refused.stderr.startswith("migwiz: error: cannot connect to x@127.0.0.1:1/x")
    assert "hint:" in refused.stderr
    assert "Traceback" not in refused.stderr
    garbage = run_cli("status", "--dsn", "not a dsn", "--dir", folder)
    assert garbage.code == 2
    assert "invalid connection string" in garbage.stderr


def test_missing_database_and_missing_folder(db_latest: TestDatabase, tmp_path: Path) -> None:
    missing_db = db_latest.dsn.replace(db_latest.name, "no_such_db")
    result = run_cli("status", "--dsn", missing_db, "--dir", write_migrations(tmp_path / "m", SET))
    assert result.code == 2
    assert 'database "no_such_db" does not exist' in result.stderr
    result = run_cli("status", "--dsn", db_latest.dsn, "--dir", tmp_path / "nope")
    assert result.code == 2
    assert "does not exist" in result.stderr


def test_malformed_migration_file_is_a_usage_error(db_latest: TestDatabase, tmp_path: Path) -> None:
    folder = write_migrations(
        tmp_path / "m", {"1_a.up.sql": "SELECT 1;\n\\i other.sql\n", "1_a.down.sql": ""}
    )
    result = run_cli("up", "--dsn", db_latest.dsn, "--dir", folder)
    assert result.code == 2
    assert "1_a.up.sql:2" in result.stderr


def test_no_permission_is_one_line_exit_2(db_latest: TestDatabase, folder: Path) -> None:
    db_latest.execute("DROP ROLE IF EXISTS migwiz_weak")
    db_latest.execute("CREATE ROLE migwiz_weak LOGIN")
    db_latest.execute(f'REVOKE CREATE ON DATABASE "{db_latest.name}" FROM PUBLIC')
    try:
        weak = db_latest.dsn.replace("user=postgres", "user=migwiz_weak")
        result = run_cli("up", "--dsn", weak, "--dir", folder)
        assert result.code == 2, result.stderr
        assert "role 'migwiz_weak' lacks CREATE on database" in result.stderr
        assert "Traceback" not in result.stderr
    finally:
        with psycopg.connect(db_latest.server.dsn(), autocommit=True) as conn:
            conn.execute(
                f'DROP OWNED BY migwiz_weak CASCADE; ALTER DATABASE "{db_latest.name}" OWNER TO postgres'
            )
        db_latest.execute("DROP ROLE IF EXISTS migwiz_weak")


def test_password_never_appears_anywhere(db_latest: TestDatabase, folder: Path, tmp_path: Path) -> None:
    secret = "s3cret-Pa55-xyzzy"
    dsn = f"postgresql://postgres:{secret}@127.0.0.1:{db_latest.server.port}/{db_latest.name}"
    log_file = tmp_path / "events.jsonl"
    outputs = [
        run_cli("status", "--dsn", dsn, "--dir", folder),
        run_cli("up", "--dsn", dsn, "--dir", folder, "--log-file", log_file, "-v"),
        run_cli("up", "--dsn", dsn, "--dir", folder, "--json"),
        run_cli("down", "--dsn", dsn, "--dir", folder, "--log-file", log_file),
        run_cli("log", "--dsn", dsn, "--json"),
        run_cli("lint", "--dsn", dsn, "--dir", folder, "--json"),
        run_cli("status", "--dsn", dsn.replace("127.0.0.1:", "127.0.0.1:1"), "--dir", folder),
        run_cli("status", "--dir", folder, env={"DATABASE_URL": dsn.replace(db_latest.name, "nope")}),
    ]
    assert [o.code for o in outputs[:6]] == [1, 0, 0, 0, 0, 0]
    assert outputs[6].code == 2
    assert outputs[7].code == 2
    for out in outputs:
        assert secret not in out.stdout + out.stderr
    assert secret not in log_file.read_text()
    assert log_file.read_text().count("\n") > 5
    dumped = db_latest.execute("SELECT string_agg(e::text, '') FROM migwiz.events e")[0][0]
    assert secret not in str(dumped)
    assert "migwiz up started" in str(dumped)


def test_config_file_and_database_url(db_latest: TestDatabase, tmp_path: Path) -> None:
    project = tmp_path / "project"
    write_migrations(project / "db" / "changes", SET)
    (project / "migwiz.toml").write_text('[migwiz]\ndir = "db/changes"\nschema = "deploy_state"\n')
    (project / "sub").mkdir()
    result = run_cli("up", "--json", cwd=project / "sub", env={"DATABASE_URL": db_latest.dsn})
    assert result.code == 0, result.stderr
    assert db_latest.execute("SELECT count(*) FROM deploy_state.history") == [(2,)]
    (project / "migwiz.toml").write_text('[migwiz]\ndir = "db/changes"\nshema = "x"\n')
    bad = run_cli("status", cwd=project, env={"DATABASE_URL": db_latest.dsn})
    assert bad.code == 2
    assert "unknown setting 'shema'" in bad.stderr


def test_missing_down_needs_allow_irreversible(db_latest: TestDatabase, tmp_path: Path) -> None:
    folder = write_migrations(tmp_path / "m", {"1_a.up.sql": "CREATE TABLE a (id int);"})
    status = run_cli("status", "--dsn", db_latest.dsn, "--dir", folder, "--json").json()
    assert status["migrations"][0]["has_down"] is False
    refused = run_cli("up", "--dsn", db_latest.dsn, "--dir", folder)
    assert refused.code == 2
    assert "--allow-irreversible" in refused.stderr
    assert run_cli("up", "--dsn", db_latest.dsn, "--dir", folder, "--allow-irreversible").code == 0


def test_failed_authentication_is_one_line_exit_2(password_server: LocalServer, folder: Path) -> None:
    wrong = f"postgresql://app:wrong-pass-456@127.0.0.1:{password_server.port}/postgres"
    result = run_cli("status", "--dsn", wrong, "--dir", folder)
    assert result.code == 2
    assert 'password authentication failed for user "app"' in result.stderr
    assert "hint: check the user and password" in result.stderr
    assert "wrong-pass-456" not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    right = wrong.replace("wrong-pass-456", "right-pass-123")
    assert run_cli("status", "--dsn", right, "--dir", folder).code == 1  # connected: everything pending


def test_a_wrong_password_for_up_is_one_line_without_it(password_server: LocalServer, folder: Path) -> None:
    """`up` (in the URI, with --json) and PGPASSWORD: one line, exit 2, the password nowhere, nothing run."""
    wrong = f"postgresql://app:Wr0ng-Pass-789@127.0.0.1:{password_server.port}/postgres"
    result = run_cli("up", "--dsn", wrong, "--dir", folder, "--json")
    assert result.code == 2, result.stderr
    error = result.json()["error"]
    assert error["message"] == (
        f"cannot connect to app@127.0.0.1:{password_server.port}/postgres:"
        ' FATAL:  password authentication failed for user "app"'
    )
    assert error["hint"] == "check the user and password (DSN, PGPASSWORD or ~/.pgpass)"
    assert result.stderr.count("\n") == 2, result.stderr
    keyword = f"host=127.0.0.1 port={password_server.port} user=app dbname=postgres"
    env_password = run_cli("up", "--dsn", keyword, "--dir", folder, env={"PGPASSWORD": "Env-Wr0ng-456"})
    assert env_password.code == 2, env_password.stderr
    assert 'password authentication failed for user "app"' in env_password.stderr
    for output in (result, env_password):
        assert "Wr0ng" not in output.stdout + output.stderr
        assert "Traceback" not in output.stderr
    with psycopg.connect(password_server.dsn(), autocommit=True) as conn:
        assert conn.execute("SELECT to_regclass('public.users'), to_regnamespace('migwiz')").fetchone() == (
            None,
            None,
        )


def test_sigterm_stops_up_at_a_safe_point(db_latest: TestDatabase, tmp_path: Path) -> None:
    """A deploy tool's SIGTERM (or a lost SSH session's SIGHUP): the running migration finishes, then stop."""
    folder = write_migrations(
        tmp_path / "m",
        {
            "1_slow.up.sql": "CREATE TABLE slow (id int);\nSELECT pg_sleep(1.5);\n",
            "1_slow.down.sql": "DROP TABLE slow;\n",
            "2_next.up.sql": "CREATE TABLE next_one (id int);\n",
            "2_next.down.sql": "DROP TABLE next_one;\n",
        },
    )
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("DATABASE_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "migwiz", "up", "--dsn", db_latest.dsn, "--dir", str(folder), "-v"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    deadline = time.monotonic() + 20
    while not db_latest.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(1.5)%' AND state = 'active'"
    )[0][0]:
        assert time.monotonic() < deadline, "migwiz up never reached the slow statement"
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=30)
    assert "1 migration(s) applied" in out
    assert proc.returncode == 1, err
    assert "stopped at a safe point: " in err
    assert "not run: 2" in err
    states = run_cli("status", "--dsn", db_latest.dsn, "--dir", folder, "--json").json()
    assert [m["state"] for m in states["migrations"]] == ["applied", "pending"]


def test_sigterm_cancels_a_long_statement_after_the_grace(db_latest: TestDatabase, tmp_path: Path) -> None:
    """SIGTERM while a statement runs for a minute: the safe point is not reached within the grace, so the
    statement is cancelled and its migration rolled back; migwiz exits within seconds, not a minute."""
    folder = write_migrations(
        tmp_path / "m",
        {
            "1_slow.up.sql": "CREATE TABLE slow (id int);\nSELECT pg_sleep(60);\n",
            "1_slow.down.sql": "SELECT 1;\n",
        },
    )
    proc = start_cli("up", "--dsn", db_latest.dsn, "--dir", folder)
    deadline = time.monotonic() + 20
    while not db_latest.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(60)%' AND state = 'active'"
    )[0][0]:
        assert time.monotonic() < deadline and proc.poll() is None, (
            "migwiz up never reached the slow statement"
        )
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    asked = time.monotonic()
    _, err = proc.communicate(timeout=TERM_GRACE_S + 25)  # not the statement's minute
    assert time.monotonic() - asked < TERM_GRACE_S + 25
    assert proc.returncode == 1, err
    assert f"did not reach a safe point within {TERM_GRACE_S:g} s of SIGTERM: cancelling" in err
    assert "57014" in err
    assert db_latest.execute("SELECT to_regclass('public.slow') IS NULL") == [(True,)]
    states = run_cli("status", "--dsn", db_latest.dsn, "--dir", folder, "--json").json()
    assert [m["state"] for m in states["migrations"]] == ["pending"]


def test_lint_and_trace_take_any_file_and_stdin(db_latest: TestDatabase, tmp_path: Path) -> None:
    diesel = write_migrations(
        tmp_path / "diesel",
        {
            "2020-01-01-000000_t/up.sql": "CREATE TABLE t (id int, a varchar(10));\n",
            "2020-01-01-000000_t/down.sql": "DROP TABLE t;\n",
            "20200102000000_widen/up.sql": "ALTER TABLE t ALTER COLUMN a TYPE varchar(20);\n",
            "20200102000000_widen/down.sql": "ALTER TABLE t ALTER COLUMN a TYPE varchar(10);\n",
        },
    )
    env = {"MIGWIZ_CACHE_DIR": str(tmp_path / "cache")}
    up = run_cli("lint", "--json", "--pg-version", "16", diesel / "20200102000000_widen" / "up.sql", env=env)
    assert up.code == 0, up.stderr
    assert [(f["path"], f["statements"][0]["rewrites"]) for f in up.json()["files"]] == [
        (str(diesel / "20200102000000_widen" / "up.sql"), [])  # t.a is varchar(10): widening rewrites nothing
    ]
    assert len(list((tmp_path / "cache" / "lint").glob("*.pickle"))) == 1
    piped = run_cli("lint", "--json", "-", stdin="ALTER TABLE t ALTER COLUMN a TYPE varchar(20);\n", env=env)
    assert [(f["path"], f["statements"][0]["rewrites"]) for f in piped.json()["files"]] == [
        ("<stdin>", ["public.t"])  # alone, the column's type is unknown
    ]
    prisma = write_migrations(
        tmp_path / "prisma", {"20240101000000_init/migration.sql": "CREATE TABLE p (id int);\n"}
    )
    traced = run_cli(
        "trace", "--dsn", db_latest.dsn, "--json", prisma / "20240101000000_init" / "migration.sql"
    )
    assert traced.code == 0, traced.stderr
    assert traced.json()["path"] == str(prisma / "20240101000000_init" / "migration.sql")
    from_stdin = run_cli("trace", "--dsn", db_latest.dsn, "--json", "-", stdin="CREATE TABLE q (id int);\n")
    assert from_stdin.code == 0, from_stdin.stderr
    assert from_stdin.json()["path"] == "<stdin>"
    assert db_latest.execute("SELECT to_regclass('q') IS NULL")[0][0]  # traced on a scratch copy only


def test_lint_of_a_named_applied_file_with_dsn_says_why_nothing_was_linted(
    db_latest: TestDatabase, tmp_path: Path
) -> None:
    folder = write_migrations(tmp_path / "migrations", SET)
    assert run_cli("up", "--dsn", db_latest.dsn, "--dir", folder, "--to", "1").code == 0
    env = {"MIGWIZ_CACHE_DIR": str(tmp_path / "cache")}
    applied = run_cli("lint", "--dsn", db_latest.dsn, "--json", folder / "1_users.up.sql", env=env)
    assert applied.code == 0, applied.stderr
    assert applied.json()["files"] == []
    assert len(applied.json()["notices"]) == 1
    assert "1_users is applied on this database, so it is not linted" in applied.json()["notices"][0]
    text = run_cli("lint", "--dsn", db_latest.dsn, folder / "1_users.up.sql", env=env)
    assert "notice:" in text.stderr and "lint without --dsn to analyse it as written" in text.stderr
    pending = run_cli("lint", "--dsn", db_latest.dsn, "--json", folder / "2_orders.up.sql", env=env)
    assert [f["path"] for f in pending.json()["files"]] == [str(folder / "2_orders.up.sql")]
    assert "notices" not in pending.json() or pending.json()["notices"] == []
