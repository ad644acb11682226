"""Catalog facts read from real servers, the rules that depend on them, and static locks vs pg_locks."""

from __future__ import annotations

import pytest

from migwiz.engine.analysis import analyze_statements, read_catalog_facts
from migwiz.engine.analysis.model import ColumnFacts, stronger
from migwiz.engine.sets.model import Statement
from tests.conftest import TestDatabase

SCHEMA = """
CREATE TABLE users (id int PRIMARY KEY, email varchar(50), n numeric(10,2), created timestamp);
CREATE INDEX users_email ON users (email);
CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users (id));
ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL);
ALTER TABLE users ADD CONSTRAINT users_n_not_null CHECK (n IS NOT NULL) NOT VALID;
CREATE TABLE ev (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE ev_2024 PARTITION OF ev FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE MATERIALIZED VIEW mv AS SELECT id FROM users;
CREATE FUNCTION slow_id() RETURNS int LANGUAGE plpgsql AS 'BEGIN RETURN 1; END';  -- never inlined
CREATE FUNCTION fixed_id() RETURNS int IMMUTABLE LANGUAGE sql AS 'SELECT 1';
CREATE DOMAIN posint AS int CHECK (VALUE > 0);
"""


@pytest.fixture
def schema_db(db: TestDatabase) -> TestDatabase:
    db.execute(SCHEMA)
    return db


def test_read_catalog_facts(schema_db: TestDatabase) -> None:
    with schema_db.connect() as conn:
        facts = read_catalog_facts(conn)
    assert facts.server_version == schema_db.major
    users = facts.tables["public.users"]
    assert users.kind == "r"
    assert users.columns["email"] == ColumnFacts("varchar", (50,), False)
    assert users.columns["n"] == ColumnFacts("numeric", (10, 2), False)
    assert users.columns["id"].not_null
    # the NOT VALID check does not count; on 18 the primary key's NOT NULL constraint does
    assert users.not_null_checks - {"id"} == frozenset({"email"})
    assert users.indexes["public.users_email"] == ("email",)
    assert facts.index_tables["public.users_pkey"] == "public.users"
    assert [fk.referenced for fk in facts.tables["public.orders"].foreign_keys] == ["public.users"]
    assert [fk.table for fk in users.referenced_by] == ["public.orders"]
    assert facts.tables["public.ev"].kind == "p"
    assert facts.tables["public.ev"].children == ("public.ev_2024",)
    assert facts.tables["public.ev_2024"].parent == "public.ev"
    assert facts.tables["public.mv"].sources == ("public.users",)
    assert facts.tables["public.mv"].used_columns == {"public.users": frozenset({"id"})}
    assert "FROM users" in (facts.tables["public.mv"].definition or "")
    assert users.tablespace is None
    assert facts.function_volatility["slow_id"] == "v"
    assert facts.function_volatility["fixed_id"] == "i"
    assert "posint" in facts.constrained_domains


def test_rules_settled_by_the_catalog(schema_db: TestDatabase) -> None:
    with schema_db.connect() as conn:
        facts = read_catalog_facts(conn)
    stmts = [
        Statement("ALTER TABLE users ALTER COLUMN email SET NOT NULL", 1),
        Statement("ALTER TABLE users ALTER COLUMN n SET NOT NULL", 2),
        Statement("ALTER TABLE users ALTER COLUMN email TYPE varchar(100)", 3),
        Statement("ALTER TABLE users ADD COLUMN a int DEFAULT slow_id()", 4),
        Statement("ALTER TABLE users ADD COLUMN b int DEFAULT fixed_id()", 5),
        Statement("ALTER TABLE users ADD COLUMN c posint DEFAULT 1", 6),
    ]
    result = analyze_statements(stmts, pg_version=schema_db.major, catalog=facts, in_transaction=False)
    rules = [{f.rule for f in a.findings} - {"missing-lock-timeout"} for a in result]
    assert rules[0] == set()  # a validated CHECK (email IS NOT NULL) proves it: no scan
    assert result[0].scans == ()
    assert rules[1] == {"set-not-null-scan"}
    assert result[2].rewrites == ()
    assert rules[3] == {"add-column-volatile-default"}
    assert result[4].rewrites == ()
    assert result[5].rewrites == ("public.users",)


CASES = [
    "ALTER TABLE users ADD COLUMN a int DEFAULT 5",
    "ALTER TABLE users ADD COLUMN a float DEFAULT random()",
    "ALTER TABLE users ALTER COLUMN email TYPE varchar(100)",
    "ALTER TABLE users ALTER COLUMN email TYPE varchar(10)",
    "ALTER TABLE users ALTER COLUMN n TYPE numeric(12,2)",
    "ALTER TABLE users ALTER COLUMN n TYPE numeric(12,4)",
    "ALTER TABLE orders ADD CONSTRAINT fk2 FOREIGN KEY (user_id) REFERENCES users (id)",
    "ALTER TABLE orders ADD CONSTRAINT fk2 FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID",
    "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey",
    "ALTER TABLE orders ALTER COLUMN user_id TYPE bigint",
    "ALTER TABLE users VALIDATE CONSTRAINT users_n_not_null",
    "ALTER TABLE users SET (fillfactor = 70)",
    "CREATE INDEX i ON users (n)",
    "CREATE INDEX ev_i ON ev (at)",
    "REINDEX INDEX users_email",
    "ALTER TABLE ev ADD COLUMN x int",
    "ALTER TABLE ev DETACH PARTITION ev_2024",
    "CREATE TABLE ev_2025 PARTITION OF ev FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
    "REFRESH MATERIALIZED VIEW mv",
    "TRUNCATE orders",
    "CLUSTER users USING users_pkey",
    "COMMENT ON COLUMN users.email IS 'x'",
    "GRANT SELECT ON users TO PUBLIC",
    "CREATE TABLE t2 (id int, uid int REFERENCES users (id))",
]


def test_static_locks_equal_pg_locks(schema_db: TestDatabase) -> None:
    """A small corpus, each in a rolled-back transaction: same relations, strongest modes and rewrites."""
    with schema_db.connect() as conn:
        facts = read_catalog_facts(conn)
    relations_sql = (
        "SELECT c.oid::bigint, n.nspname || '.' || c.relname, c.relkind::text, c.relfilenode::bigint"
        " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'"
    )
    locks_sql = (
        "SELECT relation::bigint, mode FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation'"
        " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
    )
    mismatches = []
    with schema_db.connect(autocommit=False) as conn:
        for sql in CASES:
            static = analyze_statements([Statement(sql, 1)], pg_version=schema_db.major, catalog=facts)[0]
            before = {oid: (name, kind, node) for oid, name, kind, node in conn.execute(relations_sql)}
            conn.execute(sql.encode())
            held: dict[str, str] = {}
            for oid, mode in conn.execute(locks_sql):
                if oid in before:
                    name = before[oid][0]
                    held[name] = stronger(held.get(name, mode), mode)
            after = {oid: node for oid, _, _, node in conn.execute(relations_sql)}
            conn.rollback()
            rewritten = {name for oid, (name, _, node) in before.items() if node and after.get(oid) != node}
            expected = {lock.relation: lock.mode for lock in static.locks}
            indexes = {name for name, kind, _ in before.values() if kind in ("i", "I")}
            # indexes count only where the statement names them (the analyser's convention)
            held = {name: mode for name, mode in held.items() if name not in indexes or name in expected}
            rewritten = {name for name in rewritten if name not in indexes or name in static.rewrites}
            if held != expected or rewritten != set(static.rewrites):
                mismatches.append((sql, expected, held, sorted(static.rewrites), sorted(rewritten)))
    assert mismatches == [], "\n".join(map(str, mismatches))


DOMAINS_AND_DEFAULTS = """
CREATE DOMAIN posint AS int CHECK (VALUE > 0);
CREATE DOMAIN smallposint AS posint NOT NULL;
ALTER DOMAIN smallposint ADD CONSTRAINT small CHECK (VALUE < 100) NOT VALID;
CREATE DOMAIN plain AS text;
CREATE SCHEMA inv;
CREATE DOMAIN inv.qty AS int;
CREATE TABLE stock (id int, qty posint, w smallposint, q inv.qty);
CREATE TABLE ev (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE ev_2024 PARTITION OF ev FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE ev_other PARTITION OF ev DEFAULT;
ALTER TABLE stock ADD CONSTRAINT stock_id CHECK (id > 0), ADD CONSTRAINT stock_q CHECK (q > 0) NOT VALID;
"""


def test_read_domains_and_default_partitions(db: TestDatabase) -> None:
    db.execute(DOMAINS_AND_DEFAULTS)
    with db.connect() as conn:
        facts = read_catalog_facts(conn)
    posint = facts.domains["public.posint"]
    assert (posint.base, posint.not_null, dict(posint.constraints)) == (None, False, {"posint_check": True})
    small = facts.domains["public.smallposint"]
    assert (small.base, small.not_null) == ("public.posint", True)
    assert small.constraints["small"] is False  # NOT VALID (from 17 its NOT NULL is a constraint too)
    assert not facts.domains["public.plain"].constrained
    assert facts.domains["inv.qty"].type_name == "qty"
    assert (posint.base_type, small.base_type, facts.domains["public.plain"].base_type) == (
        "int4",
        "posint",
        "text",
    )
    assert facts.constrained_domains == frozenset({"posint", "smallposint"})
    assert facts.tables["public.stock"].checked_columns == frozenset({"id"})  # validated CHECKs only
    assert facts.tables["public.ev_other"].default_partition
    assert not facts.tables["public.ev_2024"].default_partition
    stmts = [
        Statement("ALTER DOMAIN posint VALIDATE CONSTRAINT posint_check", 1),
        Statement(
            "ALTER TABLE ev ATTACH PARTITION stock FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')", 2
        ),
    ]
    result = analyze_statements(stmts, pg_version=db.major, catalog=facts, in_transaction=False)
    assert {lock.relation: lock.mode for lock in result[0].own_locks} == {"public.stock": "ShareLock"}
    assert result[1].scans == ("public.stock", "public.ev_other")


def test_type_change_under_a_view_from_the_catalog_with_its_definition(schema_db: TestDatabase) -> None:
    schema_db.execute("CREATE VIEW user_emails AS SELECT email FROM users WHERE id > 0")
    with schema_db.connect() as conn:
        facts = read_catalog_facts(conn)
    assert facts.tables["public.user_emails"].used_columns == {"public.users": frozenset({"email", "id"})}
    stmt = Statement("ALTER TABLE users ALTER COLUMN email TYPE varchar(100)", 1)
    [hit] = [f for f in analyze_statements([stmt], pg_version=schema_db.major, catalog=facts)[0].findings
             if f.rule == "type-change-under-view"]  # fmt: skip
    assert hit.fix is not None
    drop, alter, create = hit.fix.split("\n", 2)
    assert drop == "DROP VIEW public.user_emails;"
    assert alter == stmt.sql + ";"
    assert create.startswith("CREATE VIEW public.user_emails AS ") and "WHERE" in create  # pg_get_viewdef
    other = Statement("ALTER TABLE users ALTER COLUMN n TYPE numeric(12,2)", 1)
    rules = {
        f.rule for f in analyze_statements([other], pg_version=schema_db.major, catalog=facts)[0].findings
    }
    assert "type-change-under-view" not in rules
