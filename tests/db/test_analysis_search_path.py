"""Unqualified names resolved as the server resolves them: the database's and the role's search_path."""

from __future__ import annotations

from pathlib import Path

import pytest
from psycopg import sql

from migwiz.engine.analysis import analyze_statements, lint_migration_set, read_catalog_facts
from migwiz.engine.analysis.trace import trace_on_scratch, trace_statements
from migwiz.engine.log.eventlog import EventLog
from migwiz.engine.run.runner import Runner
from migwiz.engine.sets import load_migration_set
from migwiz.engine.sets.model import Statement
from tests.conftest import TestDatabase
from tests.helpers import write_migrations

MIGRATION = (
    Statement("CREATE TABLE event_reqs (id int, at timestamp)", 1),
    Statement("ALTER TABLE event_reqs ADD COLUMN n int", 2),
    Statement("ALTER TABLE users ALTER COLUMN v TYPE bigint", 3),
)


@pytest.mark.parametrize("scope", ["database", "role"])
def test_catalog_search_path_places_unqualified_names(db: TestDatabase, scope: str) -> None:
    db.execute(
        "CREATE SCHEMA measure; CREATE TABLE measure.users (id int, v int);"
        " CREATE TABLE public.users (id int)"
    )
    path = sql.SQL('SET search_path TO measure, "$user", public')
    with db.connect() as conn:
        if scope == "database":
            conn.execute(sql.SQL("ALTER DATABASE {} ").format(sql.Identifier(db.name)) + path)
        else:
            conn.execute(
                sql.SQL("ALTER ROLE CURRENT_USER IN DATABASE {} ").format(sql.Identifier(db.name)) + path
            )
    with db.connect() as conn:  # a new session takes the setting
        facts = read_catalog_facts(conn)
        analysed = analyze_statements(MIGRATION, pg_version=db.major, in_transaction=True, catalog=facts)
        for statement in MIGRATION:
            conn.execute(statement.sql)
        created = conn.execute(
            "SELECT relnamespace::regnamespace::text || '.' || relname FROM pg_class"
            " WHERE oid IN ('event_reqs'::regclass, 'users'::regclass) ORDER BY relname"
        ).fetchall()
    assert facts.search_path == ("measure", "public")
    assert created == [("measure.event_reqs",), ("measure.users",)]
    assert {lock.relation for lock in analysed[-1].own_locks} == {"measure.users"}
    assert {lock.relation for lock in analysed[1].own_locks} == {"measure.event_reqs"}
    assert analysed[-1].rewrites == ("measure.users",)


def test_trace_on_scratch_follows_the_target_search_path(db: TestDatabase) -> None:
    db.execute(
        "CREATE SCHEMA measure; CREATE TABLE measure.users (id int, v int);"
        " CREATE TABLE public.users (id int, v int)"
    )
    with db.connect() as conn:
        conn.execute(
            sql.SQL("ALTER DATABASE {} SET search_path TO measure, public").format(sql.Identifier(db.name))
        )
    traced = trace_on_scratch(db.dsn, MIGRATION[2:])
    assert [s.error for s in traced.statements] == [None]
    assert {lock.relation for lock in traced.statements[0].locks} >= {"measure.users"}
    assert "public.users" not in {lock.relation for lock in traced.statements[0].locks}


CARRIED = {
    "1_path.up.sql": "SET search_path TO app, public;\nCREATE TABLE items (id int, v int);\n",
    "2_widen.up.sql": "ALTER TABLE items ALTER COLUMN v TYPE bigint;\nCREATE TABLE notes (id int);\n",
    "3_local.up.sql": "SET LOCAL search_path TO public;\nCREATE TABLE tags (id int);\n",
    "4_after.up.sql": "CREATE TABLE labels (id int);\n",
}
CARRIED |= {name.replace(".up.", ".down."): "SELECT 1;\n" for name in CARRIED}


def test_search_path_set_by_a_migration_stays_for_the_later_ones_of_the_run(
    db: TestDatabase, tmp_path: Path
) -> None:
    """`up` runs a set's migrations on one session: a plain SET search_path stays for the next ones (SET
    LOCAL only for its transaction), and lint resolves their names as they run."""
    db.execute("CREATE SCHEMA app")
    write_migrations(tmp_path / "migrations", CARRIED)
    mset = load_migration_set(tmp_path / "migrations")
    with db.connect() as conn:
        facts = read_catalog_facts(conn)
    report = lint_migration_set(mset, pg_version=db.major, catalog=facts)
    runner = Runner(db.dsn, mset, log=EventLog())
    assert runner.up().ok
    runner.close()
    with db.connect() as conn:
        placed = dict(
            conn.execute(
                "SELECT relname, relnamespace::regnamespace::text FROM pg_class"
                " WHERE relname IN ('items', 'notes', 'tags', 'labels')"
            ).fetchall()
        )
    assert placed == {"items": "app", "notes": "app", "tags": "public", "labels": "app"}
    widen = report.files[2].statements[0]  # 1 up, 1 down, 2 up
    assert widen.rewrites == ("app.items",)
    assert {lock.relation for lock in widen.own_locks} == {"app.items"}


def test_user_in_a_search_path_a_script_sets_is_the_role_schema(db: TestDatabase) -> None:
    """`$user` stands for the schema named after the role when it exists (known from the catalog)."""
    with db.connect() as conn:
        role = str(conn.execute("SELECT current_user").fetchone()[0])  # type: ignore[index]
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(role)))
        conn.execute(sql.SQL("CREATE TABLE {}.users (id int, v int)").format(sql.Identifier(role)))
        conn.execute("CREATE TABLE public.users (id int, v int)")
        facts = read_catalog_facts(conn)
    statements = (
        Statement('SET search_path TO "$user", public', 1),
        Statement("ALTER TABLE users ALTER COLUMN v TYPE bigint", 2),
    )
    analysed = analyze_statements(statements, pg_version=db.major, in_transaction=True, catalog=facts)
    traced = trace_statements(db.dsn, statements)
    assert facts.user_schema == role
    assert traced.statements[1].rewrites == (f"{role}.users",)
    assert analysed[1].rewrites == traced.statements[1].rewrites
    assert {lock.relation for lock in analysed[1].own_locks} == {f"{role}.users"}


RESET_CASES = [
    pytest.param("V1__switch.sql", "V2__widen.sql", "public", id="flyway"),
    pytest.param("1_switch.up.sql", "2_widen.up.sql", "app", id="golang-migrate"),
]


@pytest.mark.parametrize(("first", "second", "widened_in"), RESET_CASES)
def test_lint_follows_the_session_each_tool_gives_the_next_migration(
    db: TestDatabase, tmp_path: Path, first: str, second: str, widened_in: str
) -> None:
    """Flyway starts each migration from the connection's search_path, the others keep the session's:
    lint resolves the next migration's names where `up` really changes them."""
    db.execute("CREATE SCHEMA app; CREATE TABLE public.items (id int, v int)")
    files = {
        first: "SET search_path TO app, public;\nCREATE TABLE items (id int, v int);\n",
        second: "ALTER TABLE items ALTER COLUMN v TYPE bigint;\n",
    }
    downs = {name: name.replace(".up.", ".down.").replace("V", "U", 1) for name in files}
    files |= {down: "SELECT 1;\n" for down in downs.values()}
    write_migrations(tmp_path / "migrations", files)
    mset = load_migration_set(tmp_path / "migrations")
    with db.connect() as conn:
        facts = read_catalog_facts(conn)
    report = lint_migration_set(mset, pg_version=db.major, catalog=facts)
    runner = Runner(db.dsn, mset, log=EventLog())
    assert runner.up().ok
    runner.close()
    widened = db.execute(
        "SELECT table_schema FROM information_schema.columns"
        " WHERE table_name = 'items' AND column_name = 'v' AND data_type = 'bigint'"
    )
    assert widened == [(widened_in,)]
    widen = next(f for f in report.files if f.path.name == second).statements[0]
    assert widen.rewrites == (f"{widened_in}.items",)
