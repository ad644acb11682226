"""Errors an operator can act on: one line (exit 2) naming the object and the privilege or setting, and a
hint, said before the migration lock is taken or the first migration runs — never "database error"."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from migwiz.engine.history.state import ensure_state
from migwiz.engine.servers.local import LocalServer, start_server
from tests.conftest import BINARIES, TestDatabase
from tests.helpers import one_line_error, run_cli, write_migrations

SET = {"1_users.up.sql": "CREATE TABLE users (id int);\n", "1_users.down.sql": "DROP TABLE users;\n"}
WRITABLE = "options='-c default_transaction_read_only=off'"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_migrations(tmp_path / "migrations", SET)


def nothing_ran(db: TestDatabase) -> None:
    """No migration applied and no run recorded: the check came before the lock and the first step."""
    conn_dsn = f"{db.dsn} {WRITABLE}"
    with psycopg.connect(conn_dsn, autocommit=True) as conn:
        assert conn.execute("SELECT to_regclass('public.users')").fetchone() == (None,)
        if conn.execute("SELECT to_regclass('migwiz.runs')").fetchone() != (None,):
            assert conn.execute("SELECT count(*) FROM migwiz.runs").fetchone() == (0,)
            assert conn.execute("SELECT count(*) FROM migwiz.history").fetchone() == (0,)


@pytest.fixture
def role(db: TestDatabase) -> Iterator[tuple[str, str]]:
    """A login role with no privilege of its own, and a DSN that connects as it."""
    name = f"mw_{uuid.uuid4().hex[:10]}"
    db.execute(f"CREATE ROLE {name} LOGIN")
    yield name, db.dsn.replace("user=postgres", f"user={name}")
    with psycopg.connect(f"{db.dsn} {WRITABLE}", autocommit=True) as conn:
        conn.execute(sql.SQL("ALTER DATABASE {} RESET ALL").format(sql.Identifier(db.name)))
        conn.execute(sql.SQL("DROP OWNED BY {} CASCADE").format(sql.Identifier(name)))
        conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))


@pytest.mark.parametrize(
    "schema", ["public", "pg_catalog", "information_schema", "pg_toast", "pg_mine"], ids=str
)
def test_a_schema_of_postgresql_or_the_application_is_refused(
    db_latest: TestDatabase, folder: Path, tmp_path: Path, schema: str
) -> None:
    flag = run_cli("up", "--dsn", db_latest.dsn, "--dir", folder, "--schema", schema)
    line = one_line_error(flag, f"--schema = '{schema}'", "hint: choose a schema of migwiz's own")
    assert ("reserved by PostgreSQL" in line) == (schema in ("pg_toast", "pg_mine"))
    (tmp_path / "migwiz.toml").write_text(f'[migwiz]\ndir = "migrations"\nschema = "{schema}"\n')
    toml = run_cli("up", "--dsn", db_latest.dsn, cwd=tmp_path)
    one_line_error(toml, f"migwiz.toml: schema = '{schema}'")
    assert db_latest.execute("SELECT count(*) FROM pg_class WHERE relname = 'history'") == [(0,)]
    assert run_cli("up", "--dsn", db_latest.dsn, "--dir", folder, "--schema", "Public").code == 0


def grant_state(db: TestDatabase, role: str, *, without: str = "") -> None:
    """Create migwiz's schema as its owner; grant `role` what a migration role needs, save `without`."""
    with psycopg.connect(db.dsn, autocommit=True) as conn:
        ensure_state(conn, "migwiz")
    grants = [
        f"GRANT CREATE ON SCHEMA public TO {role}",
        f"GRANT USAGE ON SCHEMA migwiz TO {role}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA migwiz TO {role}",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA migwiz TO {role}",
    ]
    for statement in grants:
        db.execute(statement)
    if without:
        db.execute(without.format(role=role))


@pytest.mark.parametrize(
    ("without", "expected"),
    [
        ("REVOKE INSERT ON migwiz.history FROM {role}", "lacks INSERT on migwiz.history"),
        ("REVOKE INSERT ON migwiz.events FROM {role}", "lacks INSERT on migwiz.events"),
        ("REVOKE UPDATE, DELETE ON migwiz.history FROM {role}", "lacks UPDATE, DELETE on migwiz.history"),
        ("REVOKE USAGE ON migwiz.events_id_seq FROM {role}", "lacks USAGE on sequence migwiz.events_id_seq"),
        ("REVOKE USAGE ON SCHEMA migwiz FROM {role}", "lacks USAGE on schema 'migwiz'"),
    ],
    ids=["history-insert", "events-insert", "history-update", "sequence", "schema-usage"],
)
def test_a_missing_privilege_on_migwiz_tables_is_named_before_anything_runs(
    db: TestDatabase, role: tuple[str, str], folder: Path, without: str, expected: str
) -> None:
    name, dsn = role
    grant_state(db, name, without=without)
    line = one_line_error(run_cli("up", "--dsn", dsn, "--dir", folder), expected, f"role '{name}'")
    assert "GRANT " in run_cli("up", "--dsn", dsn, "--dir", folder, "--json").json()["error"]["hint"]
    assert line.count("lacks") == 1
    nothing_ran(db)


def test_exactly_the_granted_privileges_are_enough(
    db: TestDatabase, role: tuple[str, str], folder: Path
) -> None:
    """The control: with the privileges the checks ask for (no ownership), `up` and `down` work."""
    name, dsn = role
    grant_state(db, name)
    up = run_cli("up", "--dsn", dsn, "--dir", folder)
    assert up.code == 0, up.stderr
    down = run_cli("down", "--dsn", dsn, "--dir", folder)
    assert down.code == 0, down.stderr
    assert db.execute("SELECT count(*) FROM migwiz.runs WHERE outcome = 'success'") == [(2,)]


def test_no_create_on_the_database_for_a_first_run(
    db: TestDatabase, role: tuple[str, str], folder: Path
) -> None:
    name, dsn = role
    db.execute(
        sql.SQL("REVOKE CREATE ON DATABASE {} FROM PUBLIC").format(sql.Identifier(db.name)).as_string()
    )
    result = run_cli("up", "--dsn", dsn, "--dir", folder)
    one_line_error(
        result,
        f"role '{name}' lacks CREATE on database '{db.name}'",
        f'GRANT CREATE ON DATABASE "{db.name}" TO "{name}"',
    )
    assert db.execute("SELECT to_regnamespace('migwiz')") == [(None,)]
    db.execute(
        sql.SQL("GRANT CREATE ON DATABASE {} TO {}")
        .format(sql.Identifier(db.name), sql.Identifier(name))
        .as_string()
    )
    db.execute(f"GRANT CREATE ON SCHEMA public TO {name}")
    assert run_cli("up", "--dsn", dsn, "--dir", folder).code == 0


@pytest.mark.parametrize(
    ("setting", "source", "fix"),
    [
        ("ALTER ROLE {role} SET default_transaction_read_only = on", "user", 'ALTER ROLE "{role}" SET'),
        (
            "ALTER DATABASE {db} SET default_transaction_read_only = on",
            "database",
            'ALTER DATABASE "{db}" SET',
        ),
        ("", "client", "read-write role"),
    ],
    ids=["role", "database", "connection"],
)
def test_a_read_only_role_or_session_is_named_with_its_setting(
    db: TestDatabase, role: tuple[str, str], folder: Path, setting: str, source: str, fix: str
) -> None:
    name, dsn = role
    grant_state(db, name)
    if setting:
        db.execute(setting.format(role=name, db=db.name))
    else:
        dsn += " options='-c default_transaction_read_only=on'"
    result = run_cli("up", "--dsn", dsn, "--dir", folder)
    one_line_error(
        result, f"default_transaction_read_only is on (set by {source})", fix.format(role=name, db=db.name)
    )
    nothing_ran(db)


@pytest.fixture(scope="module")
def standby() -> Iterator[LocalServer]:
    """A hot standby: a fresh cluster restarted with standby.signal (read-only, in recovery)."""
    newest = max(BINARIES, key=lambda b: b.major) if BINARIES else None
    if newest is None:
        pytest.skip("no PostgreSQL binaries on this machine")
    server = start_server(newest)
    pg_ctl = newest.tool("pg_ctl")
    assert server._run(pg_ctl, "-D", server.datadir, "-m", "fast", "-w", "stop").returncode == 0
    signal = server.datadir / "standby.signal"
    signal.touch()
    if server.user is not None:
        shutil.chown(signal, server.user)
    log = server.datadir / "server.log"
    started = server._run(pg_ctl, "-D", server.datadir, "-l", log, "-w", "-t", "60", "start")
    assert started.returncode == 0, server.log_text()[-500:]
    yield server
    server.stop()


def test_a_hot_standby_is_refused_before_anything_runs(standby: LocalServer, folder: Path) -> None:
    with psycopg.connect(standby.dsn(), autocommit=True) as conn:
        assert conn.execute("SELECT pg_is_in_recovery()").fetchone() == (True,)
    for command in ("up", "down"):
        result = run_cli(command, "--dsn", standby.dsn(), "--dir", folder)
        one_line_error(result, "hot standby (pg_is_in_recovery() is true)", "run migwiz against the primary")
    status = run_cli("status", "--dsn", standby.dsn(), "--dir", folder)
    assert status.code == 1, status.stderr  # reading still works: everything pending


def test_a_reading_command_refused_by_the_server_says_permission_not_database_error(
    db: TestDatabase, role: tuple[str, str], folder: Path
) -> None:
    """`status` and `log` do not pre-check; what PostgreSQL refuses them names the privilege and its GRANT."""
    name, dsn = role
    grant_state(db, name, without="REVOKE SELECT ON migwiz.history, migwiz.events FROM {role}")
    status = run_cli("status", "--dsn", dsn, "--dir", folder)
    one_line_error(status, f"role '{name}' lacks SELECT on migwiz.history", "GRANT SELECT ON", '"history"')
    log = run_cli("log", "--dsn", dsn)
    one_line_error(log, f"role '{name}' lacks SELECT on migwiz.events", "GRANT SELECT ON", '"events"')


def test_delete_on_the_log_is_needed_only_with_log_retention(
    db_latest: TestDatabase, folder: Path, tmp_path: Path
) -> None:
    name = f"mw_{uuid.uuid4().hex[:10]}"
    db_latest.execute(f"CREATE ROLE {name} LOGIN")
    dsn = db_latest.dsn.replace("user=postgres", f"user={name}")
    try:
        grant_state(db_latest, name, without="REVOKE DELETE ON migwiz.events FROM {role}")
        (tmp_path / "migwiz.toml").write_text('[migwiz]\ndir = "migrations"\nlog_retention = "30d"\n')
        pruning = run_cli("up", "--dsn", dsn, cwd=tmp_path)
        one_line_error(pruning, f"role '{name}' lacks DELETE on migwiz.events", "GRANT DELETE ON")
        (tmp_path / "migwiz.toml").write_text('[migwiz]\ndir = "migrations"\n')
        assert run_cli("up", "--dsn", dsn, cwd=tmp_path).code == 0
    finally:
        db_latest.execute(f"DROP OWNED BY {name} CASCADE")
        db_latest.execute(f"DROP ROLE {name}")
