"""The SQL of lint's fixes names mixed-case, reserved-word and quoted objects as PostgreSQL needs them: the
quoting equals the server's quote_ident(), and every executable fix runs on a real schema like Prisma's."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from migwiz.engine.analysis import analyze_statements, read_catalog_facts
from migwiz.engine.analysis.sqlnodes import sql_ident, sql_name
from migwiz.engine.sets.model import Statement
from migwiz.engine.sets.splitting import split_sql
from tests.conftest import TestDatabase

NAMES = [
    "amount",
    "Signature",
    "recipientId",
    "user",
    "order",
    "select",
    "int",
    "left",
    "between",
    "name",
    "abort",
    "a b",
    'say "hi"',
    "_x1",
    "1abc",
    "a$b",
    "$a",
    "été",
    "UPPER",
    "with-dash",
    "a.b",
    "",
]
"""Plain, mixed-case, reserved, column-name and type/function keywords, unreserved keywords, and names with
spaces, quotes, digits first, dollars, non-ASCII letters, dashes and dots."""


def test_quoting_equals_quote_ident(client_db: TestDatabase) -> None:
    with client_db.connect() as conn:
        for name in NAMES:
            row = conn.execute("SELECT quote_ident(%s)", (name,)).fetchone()
            assert row is not None
            assert sql_ident(name) == row[0], name
        keywords = conn.execute("SELECT word FROM pg_get_keywords()").fetchall()
        for (word,) in keywords:
            row = conn.execute("SELECT quote_ident(%s)", (word,)).fetchone()
            assert row is not None
            assert sql_ident(word) == row[0], word


def test_qualified_names() -> None:
    assert sql_name("public.Signature") == 'public."Signature"'
    assert sql_name("Billing.order") == '"Billing"."order"'
    assert sql_name("public.a.b") == 'public."a.b"'
    assert sql_name("users") == "users"


SCHEMA = """
CREATE TABLE "User" (id int PRIMARY KEY, "displayName" text, email text);
CREATE TABLE "Signature" (id int PRIMARY KEY, "recipientId" int, note text);
CREATE TABLE "order" (id int PRIMARY KEY, "user" int, total int);
CREATE TABLE "Doc" (id int, "codeId" int);
CREATE UNIQUE INDEX "Doc_codeId_idx" ON "Doc" ("codeId");
CREATE TABLE "Event" (id int, "at" date) PARTITION BY RANGE ("at");
CREATE TABLE "Event_2024" PARTITION OF "Event" FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE DOMAIN "Positive" AS int;
CREATE TABLE "Score" (id int, "value" "Positive");
CREATE VIEW "userEmails" AS SELECT id, email FROM "User";
CREATE MATERIALIZED VIEW "userStats" AS SELECT id, "displayName" FROM "User";
CREATE UNIQUE INDEX "userStats_id_idx" ON "userStats" (id);
INSERT INTO "User" VALUES (1, 'Ada', 'ada@example.com'), (2, 'Bob', 'bob@example.com');
INSERT INTO "Signature" VALUES (1, 1, 'x'), (2, 2, 'y');
INSERT INTO "order" VALUES (1, 1, 10), (2, 2, 20);
INSERT INTO "Doc" VALUES (1, 1), (2, 2);
INSERT INTO "Event" VALUES (1, '2024-03-01');
INSERT INTO "Score" VALUES (1, 5);
"""

MIGRATIONS = {
    'ALTER TABLE "Signature" ADD CONSTRAINT "Signature_recipientId_fkey" '
    'FOREIGN KEY ("recipientId") REFERENCES "User" (id)': "constraint-not-valid-missing",
    'ALTER TABLE "order" ADD CONSTRAINT "order_total_check" CHECK (total >= 0)': (
        "constraint-not-valid-missing"
    ),
    'ALTER TABLE "Signature" ALTER COLUMN "recipientId" SET NOT NULL': "set-not-null-scan",
    'CREATE INDEX "Signature_recipientId_idx" ON "Signature" ("recipientId")': "index-not-concurrent",
    'ALTER TABLE "User" ADD UNIQUE ("displayName")': "unique-without-index",
    'ALTER TABLE "order" ADD COLUMN "userId" int CHECK ("userId" > 0)': "constraint-not-valid-missing",
    'ALTER TABLE "Signature" ADD COLUMN "externalId" int UNIQUE': "unique-without-index",
    'ALTER TABLE "order" ALTER COLUMN "user" TYPE bigint USING "user" + 0': "column-type-rewrite",
    'ALTER TABLE "User" ALTER COLUMN email TYPE varchar(200)': "type-change-under-view",
    'ALTER TABLE "Signature" RENAME TO "Sig"': "rename-table",
    'DROP TABLE "Event_2024"': "drop-outside-contract",
    'ALTER TABLE "order" ADD COLUMN "seqNo" bigserial': "add-column-volatile-default",
    'ALTER TABLE "Doc" ADD CONSTRAINT "Doc_pkey" PRIMARY KEY USING INDEX "Doc_codeId_idx"': (
        "set-not-null-scan"
    ),
    'ALTER DOMAIN "Positive" ADD CHECK (VALUE > 0)': "domain-constraint-scan",
    'CREATE INDEX CONCURRENTLY "Event_at_idx" ON "Event" ("at")': "index-concurrently-partitioned",
    'REINDEX TABLE "order"': "reindex-not-concurrent",
    'DROP INDEX "Doc_codeId_idx"': "drop-index-not-concurrent",
    'VACUUM FULL "order"': "vacuum-full",
    'REFRESH MATERIALIZED VIEW "userStats"': "refresh-materialized-view-blocking",
}
"""A statement of a migration, and the rule whose fix it must get."""


@pytest.fixture
def prisma_db(client_db: TestDatabase) -> TestDatabase:
    client_db.execute(SCHEMA)
    return client_db


@contextmanager
def _scratch(template: TestDatabase, name: str) -> Iterator[str]:
    with psycopg.connect(template.server.dsn(), autocommit=True) as conn:
        conn.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(name), sql.Identifier(template.name)
            )
        )
    try:
        yield template.server.dsn(name)
    finally:
        with psycopg.connect(template.server.dsn(), autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


def test_fixes_run_on_mixed_case_and_reserved_names(prisma_db: TestDatabase) -> None:
    with prisma_db.connect() as conn:
        facts = read_catalog_facts(conn)
    fixes: dict[str, str] = {}
    for text, rule in MIGRATIONS.items():
        (analysis,) = analyze_statements(
            [Statement(text, 1)], pg_version=prisma_db.major, catalog=facts, in_transaction=False
        )
        found = [f for f in analysis.findings if f.rule == rule and f.fix]
        assert found, (text, [(f.rule, f.fix) for f in analysis.findings])
        fixes[text] = found[0].fix or ""
    failures: list[str] = []
    for number, (text, fix) in enumerate(fixes.items()):
        # each fix on its own copy of the schema, statement by statement in autocommit: CONCURRENTLY and
        # VACUUM run outside a transaction block as they must
        statements = [s.sql for s in split_sql(fix, path=Path("fix.sql"))]
        assert statements, (text, fix)
        scratch = _scratch(prisma_db, f"{prisma_db.name}_fix{number}")
        with scratch as dsn, psycopg.connect(dsn, autocommit=True) as conn:
            for statement in statements:
                try:
                    conn.execute(statement.encode())
                except psycopg.Error as exc:
                    failures.append(f"fix of {text!r} fails at {statement!r}: {exc}")
                    break
    assert failures == []
