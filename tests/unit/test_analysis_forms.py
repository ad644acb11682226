"""Statement forms whose analysis depends on what the set created before them: severities lowered by the
facts, functions judged as PostgreSQL inlines them, and what IF EXISTS finds missing (the locks, rewrites
and failures of each are measured in tests/corpus/entries_forms.py)."""

from __future__ import annotations

from pathlib import Path

from migwiz.engine.analysis.analyze import ScriptOptions, walk_statements
from migwiz.engine.analysis.model import StatementAnalysis
from migwiz.engine.analysis.schema import Schema
from migwiz.engine.sets.splitting import split_sql

SETUP = (
    "CREATE TABLE users (id int PRIMARY KEY, age int, at timestamp, bio text);"
    " INSERT INTO users VALUES (1, 2, now(), 'x');"
    " CREATE MATERIALIZED VIEW ages AS SELECT id, age FROM users;"
    " CREATE FUNCTION one() RETURNS int LANGUAGE sql VOLATILE AS 'SELECT 1';"
    " CREATE FUNCTION same(int) RETURNS int LANGUAGE sql VOLATILE AS 'SELECT $1';"
    " CREATE FUNCTION guarded() RETURNS int LANGUAGE sql VOLATILE SECURITY DEFINER AS 'SELECT 1';"
    " CREATE FUNCTION rnd() RETURNS float8 LANGUAGE sql VOLATILE AS 'SELECT random()';"
)


def after_setup(*sql: str, setup: str = SETUP) -> list[StatementAnalysis]:
    """The analysis of `sql` (one script, no transaction) after `setup` ran as an earlier migration."""
    schema = Schema.of(None)
    schema.from_empty = True
    walk_statements(split_sql(setup, path=Path("setup.sql")), 18, schema, ScriptOptions(in_transaction=False))
    script = split_sql(";\n".join(sql), path=Path("up.sql"))
    return list(walk_statements(script, 18, schema, ScriptOptions(in_transaction=False)))


def severities(analysis: StatementAnalysis) -> dict[str, str]:
    return {f.rule: f.severity for f in analysis.findings if f.severity != "info"}


def test_an_index_build_on_a_materialized_view_is_a_warning_on_a_table_an_error() -> None:
    view, table = after_setup("CREATE INDEX ages_age ON ages (age)", "CREATE INDEX users_age ON users (age)")
    assert severities(view) == {"index-not-concurrent": "warning"}
    assert severities(table) == {"index-not-concurrent": "error"}


def test_timestamp_to_timestamptz_with_an_unknown_zone_is_taken_as_utc_with_a_warning() -> None:
    (unknown,) = after_setup("ALTER TABLE users ALTER COLUMN at TYPE timestamptz")
    assert unknown.rewrites == ()
    assert severities(unknown) == {"column-type-rewrite": "warning"}
    _, utc = after_setup("SET TimeZone = 'UTC'", "ALTER TABLE users ALTER COLUMN at TYPE timestamptz")
    assert utc.rewrites == () and severities(utc) == {}
    _, paris = after_setup(
        "SET TimeZone = 'Europe/Paris'", "ALTER TABLE users ALTER COLUMN at TYPE timestamptz"
    )
    assert paris.rewrites == ("public.users",)
    assert severities(paris) == {"column-type-rewrite": "error"}


def test_a_volatile_sql_function_is_judged_by_its_inlined_body() -> None:
    constant, guarded, random = after_setup(
        "ALTER TABLE users ADD COLUMN a int DEFAULT one()",
        "ALTER TABLE users ADD COLUMN b int DEFAULT guarded()",  # SECURITY DEFINER: never inlined
        "ALTER TABLE users ADD COLUMN c float8 DEFAULT rnd()",
    )
    assert constant.rewrites == () and severities(constant) == {}
    assert "public.users" in guarded.rewrites
    assert "public.users" in random.rewrites


def test_an_index_on_a_mutable_expression_fails_an_inlined_one_builds() -> None:
    volatile, stable, inlined = after_setup(
        "CREATE INDEX u_r ON users ((age + random()))",
        "CREATE INDEX u_n ON users (age) WHERE at > CURRENT_TIMESTAMP",
        "CREATE INDEX u_s ON users ((same(age)))",
    )
    assert severities(volatile) == {"index-expression-mutable": "error"}
    assert severities(stable) == {"index-expression-mutable": "error"}
    assert severities(inlined) == {"index-not-concurrent": "error"}


def test_if_exists_of_what_the_set_never_created_takes_no_lock() -> None:
    analyses = after_setup(
        "ALTER TABLE IF EXISTS nope ADD COLUMN x int",
        "DROP TRIGGER IF EXISTS nope ON users",
        "DROP POLICY IF EXISTS nope ON users",
        "ALTER SEQUENCE IF EXISTS nope RESTART",
        "ALTER TABLE users DROP COLUMN IF EXISTS nope",
    )
    assert [a.own_locks for a in analyses[:4]] == [(), (), (), ()]
    assert severities(analyses[4]) == {}  # nothing is dropped


def test_drop_trigger_if_exists_of_an_existing_trigger_locks_the_table() -> None:
    setup = SETUP + (
        " CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;"
        " CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();"
    )
    (drop,) = after_setup("DROP TRIGGER IF EXISTS users_touch ON users", setup=setup)
    assert [(lock.relation, lock.mode) for lock in drop.own_locks] == [
        ("public.users", "AccessExclusiveLock")
    ]
