"""Unqualified names resolved as the server resolves them: the database's and the role's search_path."""

from __future__ import annotations

import pytest
from psycopg import sql

from migwiz.engine.analysis import analyze_statements, read_catalog_facts
from migwiz.engine.analysis.trace import trace_on_scratch
from migwiz.engine.sets.model import Statement
from tests.conftest import TestDatabase

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
