"""A DETACH PARTITION ... CONCURRENTLY cut off part-way leaves its partition pending detach: the next
migration meets it. Measured with the trace on a database where a detach was really cut off."""

from __future__ import annotations

import psycopg
import pytest

from migwiz.engine.analysis import analyze_statements, read_catalog_facts
from migwiz.engine.analysis.trace import trace_statements
from migwiz.engine.sets.model import Statement
from tests.conftest import TestDatabase

EVENTS = (
    "CREATE TABLE events (id bigint NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);"
    " CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');"
    " CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');"
)


def cut_off_detach(db: TestDatabase) -> None:
    """events_2024's DETACH CONCURRENTLY is cancelled while a reader holds the parent: left pending."""
    if db.major < 14:
        pytest.skip("DETACH PARTITION ... CONCURRENTLY is 14+")
    db.execute(EVENTS)
    with db.connect(autocommit=False) as reader, db.connect() as conn:
        reader.execute("SELECT count(*) FROM events")  # holds AccessShareLock on events to its end
        conn.execute("SET statement_timeout = '300ms'")
        with pytest.raises(psycopg.errors.QueryCanceled):
            conn.execute("ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY")
        reader.rollback()
    pending = db.execute("SELECT inhrelid::regclass::text FROM pg_inherits WHERE inhdetachpending")
    assert pending == [("events_2024",)]


def lint_and_trace(db: TestDatabase, sql: str) -> tuple[set[str], str | None]:
    """The warning and error rules lint reports on one statement (schema from the catalog), and the
    SQLSTATE the statement ends with on the server."""
    statements = (Statement(sql, 1),)
    with db.connect() as conn:
        facts = read_catalog_facts(conn)
    analysed = analyze_statements(statements, pg_version=db.major, in_transaction=False, catalog=facts)
    traced = trace_statements(db.dsn, statements, in_transaction=False)
    rules = {f.rule for a in analysed for f in a.findings if f.severity in ("warning", "error")}
    return rules, traced.statements[0].sqlstate


@pytest.mark.parametrize("partition", ["events_2024", "events_2025"])
def test_detach_concurrently_beside_a_pending_detach_fails(db: TestDatabase, partition: str) -> None:
    cut_off_detach(db)
    rules, sqlstate = lint_and_trace(db, f"ALTER TABLE events DETACH PARTITION {partition} CONCURRENTLY")
    assert sqlstate == "55000"
    assert rules == {"statement-fails"}


def test_finalize_of_the_pending_detach_succeeds(db: TestDatabase) -> None:
    cut_off_detach(db)
    rules, sqlstate = lint_and_trace(db, "ALTER TABLE events DETACH PARTITION events_2024 FINALIZE")
    assert sqlstate is None
    assert rules == set()
