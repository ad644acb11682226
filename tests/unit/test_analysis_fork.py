"""Schema.fork: a down script analysed against a fork leaves the set's schema as its up left it, and back."""

from __future__ import annotations

from migwiz.engine.analysis.analyze import ScriptOptions, walk_statements
from migwiz.engine.analysis.schema import Schema
from migwiz.engine.sets.model import Statement

SETUP = (
    "CREATE TABLE users (id int PRIMARY KEY, email text)",
    "CREATE INDEX users_email ON users (email)",
    "CREATE TABLE orders (id int, user_id int REFERENCES users (id))",
    "CREATE VIEW user_emails AS SELECT id, email FROM users",
)


def _run(schema: Schema, *sqls: str) -> None:
    statements = [Statement(sql, line) for line, sql in enumerate(sqls, 1)]
    walk_statements(statements, 18, schema, ScriptOptions())


def _snapshot(schema: Schema) -> dict[str, object]:
    tables = {
        name: (t.name, dict(t.columns), dict(t.indexes), list(t.foreign_keys), list(t.children),
               {r: set(c) for r, c in t.used_columns.items()})
        for name, t in schema.tables.items()
    }  # fmt: skip
    return {"tables": tables, "index_tables": dict(schema.index_tables)}


def test_changes_in_a_fork_do_not_reach_the_schema_it_was_forked_from() -> None:
    schema = Schema()
    _run(schema, *SETUP)
    before = _snapshot(schema)
    fork = schema.fork()
    _run(
        fork,
        "ALTER TABLE users RENAME TO people",
        "DROP INDEX users_email",
        "ALTER TABLE orders ADD COLUMN note text",
        "DROP TABLE orders",
    )
    assert "public.people" in fork.tables and "public.orders" not in fork.tables
    assert "public.people" in fork.tables["public.user_emails"].used_columns
    assert _snapshot(schema) == before
    assert schema.tables["public.users"].name == "public.users"
    assert schema.tables["public.orders"].foreign_keys[0].referenced == "public.users"
    assert "public.users" in schema.tables["public.user_emails"].used_columns


def test_changes_after_a_fork_do_not_reach_the_fork() -> None:
    schema = Schema()
    _run(schema, *SETUP)
    fork = schema.fork()
    before = _snapshot(fork)
    _run(
        schema,
        "ALTER TABLE users ADD COLUMN age int",
        "ALTER TABLE users RENAME TO people",
        "DROP TABLE orders",
    )
    assert "age" in schema.tables["public.people"].columns
    assert _snapshot(fork) == before
    assert "public.orders" in fork.tables and "age" not in fork.tables["public.users"].columns
