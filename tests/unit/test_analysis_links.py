"""Schema lookups by relation (foreign keys, view and rule users, indexes) agree with a full scan."""

from __future__ import annotations

import pickle

from migwiz.engine.analysis.analyze import ScriptOptions, walk_statements
from migwiz.engine.analysis.schema import Schema
from migwiz.engine.sets.model import Statement

SETUP = (
    "CREATE TABLE users (id int PRIMARY KEY, email text)",
    "CREATE INDEX users_email ON users (email)",
    "CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users (id), note text)",
    "CREATE TABLE refunds (id int, order_id int REFERENCES orders (id), user_id int REFERENCES users (id))",
    "CREATE VIEW user_emails AS SELECT id, email FROM users",
    "CREATE VIEW order_notes AS SELECT o.note, u.email FROM orders o JOIN users u ON u.id = o.user_id",
    "CREATE RULE keep AS ON DELETE TO orders DO INSTEAD UPDATE users SET email = NULL WHERE id = old.user_id",
)
CHANGES = (
    "ALTER TABLE users RENAME TO people",
    "CREATE TABLE users (id int PRIMARY KEY)",
    "ALTER TABLE refunds ADD CONSTRAINT refunds_new_user FOREIGN KEY (user_id) REFERENCES users (id)",
    "DROP INDEX users_email",
    "CREATE INDEX people_email ON people (email)",
    "ALTER INDEX people_email RENAME TO people_email_idx",
    "DROP TABLE orders CASCADE",
    "ALTER TABLE people ADD COLUMN age int",
)


def _run(schema: Schema, *sqls: str) -> None:
    statements = [Statement(sql, line) for line, sql in enumerate(sqls, 1)]
    walk_statements(statements, 18, schema, ScriptOptions())


def _assert_lookups_match_scans(schema: Schema) -> None:
    """Every lookup answers as a scan over `tables` in its order would."""
    names = {*schema.tables, *schema.index_tables, "public.users", "public.orders", "public.people"}
    for name in sorted(names):
        scanned_fks = [fk for t in schema.tables.values() for fk in t.foreign_keys if fk.referenced == name]
        assert schema.referenced_by(name) == scanned_fks, name
        scanned_indexes = set(schema.tables[name].indexes) if name in schema.tables else set()
        scanned_indexes |= {i for i, owner in schema.index_tables.items() if owner == name}
        assert schema.indexes_of(name) == sorted(scanned_indexes), name
        for column in ("id", "email", "note", "user_id", "age"):
            views = sorted(n for n, t in schema.tables.items() if column in t.used_columns.get(name, ()))
            assert schema.views_using(name, column) == views, (name, column)
            rules = sorted(
                (rule, n)
                for n, t in schema.tables.items()
                for rule, used in t.rules.items()
                if column in used.get(name, ())
            )
            assert schema.rules_using(name, column) == rules, (name, column)


def test_lookups_follow_creates_renames_and_drops() -> None:
    schema = Schema()
    _run(schema, *SETUP)
    _assert_lookups_match_scans(schema)
    assert [fk.table for fk in schema.referenced_by("public.users")] == ["public.orders", "public.refunds"]
    assert schema.views_using("public.users", "email") == ["public.order_notes", "public.user_emails"]
    for sql in CHANGES:
        _run(schema, sql)
        _assert_lookups_match_scans(schema)
    assert schema.indexes_of("public.people") == ["public.people_email_idx", "public.users_pkey"]
    assert "public.orders" not in schema.tables


def test_lookups_in_a_fork_and_its_origin_stay_apart() -> None:
    schema = Schema()
    _run(schema, *SETUP)
    fork = schema.fork()
    _run(fork, *CHANGES)
    _assert_lookups_match_scans(fork)
    _assert_lookups_match_scans(schema)
    assert [fk.table for fk in schema.referenced_by("public.orders")] == ["public.refunds"]
    assert schema.referenced_by("public.people") == []
    assert [fk.table for fk in fork.referenced_by("public.people")] == ["public.refunds"]


def test_lookups_survive_a_pickled_schema() -> None:
    schema = Schema()
    _run(schema, *SETUP)
    restored = pickle.loads(pickle.dumps(schema))
    _run(restored, *CHANGES)
    _assert_lookups_match_scans(restored)
