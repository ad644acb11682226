"""`trace` and `scratch` on real servers: locks read from pg_locks, rewrites from relfilenode, rollback."""

from __future__ import annotations

import psycopg
import pytest

from migwiz.engine.analysis.trace import (
    LOCK_MODES,
    TracedLock,
    strongest_modes,
    trace_on_scratch,
    trace_statements,
)
from migwiz.engine.errors import ConnectionFailed, UsageError
from migwiz.engine.servers.local import Binaries
from migwiz.engine.sets.model import Statement
from migwiz.engine.shadow.scratch import (
    copy_schema,
    describe_dsn,
    dsn_with_dbname,
    find_pg_dump,
    scratch_database,
)
from tests.conftest import BINARIES, TestDatabase
from tests.corpus import ENTRIES, CorpusEntry
from tests.db.conftest import CorpusTrace

TABLE = (
    "CREATE TABLE t (id int PRIMARY KEY, b text); CREATE INDEX t_b ON t (b);"
    " INSERT INTO t SELECT g, 'x' FROM generate_series(1, 10) g;"
)


def stmts(*texts: str) -> list[Statement]:
    return [Statement(text, i + 1) for i, text in enumerate(texts)]


def strongest(locks: tuple[TracedLock, ...]) -> dict[str, str]:
    return strongest_modes(lock for lock in locks if not lock.new_relation)


def test_volatile_default_rewrites_the_table_and_rebuilds_its_indexes(db: TestDatabase) -> None:
    result = trace_statements(
        db.dsn, stmts("ALTER TABLE t ADD COLUMN r float8 DEFAULT random()"), setup_sql=TABLE
    )
    (traced,) = result.statements
    assert traced.error is None
    assert traced.rewrites == ("public.t",)
    assert traced.index_rebuilds == ("public.t_b", "public.t_pkey")
    assert strongest(traced.locks)["public.t"] == "AccessExclusiveLock"
    assert result.server_version // 10000 == db.major


def test_constant_default_does_not_rewrite(db: TestDatabase) -> None:
    (traced,) = trace_statements(
        db.dsn, stmts("ALTER TABLE t ADD COLUMN c int NOT NULL DEFAULT 7"), setup_sql=TABLE
    ).statements
    assert (traced.rewrites, traced.index_rebuilds) == ((), ())
    assert strongest(traced.locks) == {"public.t": "AccessExclusiveLock"}


def test_locks_accumulate_and_own_locks_are_the_new_ones(db: TestDatabase) -> None:
    setup = TABLE + " CREATE TABLE u (id int);"
    first, second = trace_statements(
        db.dsn, stmts("CREATE INDEX t_id ON t (id)", "ALTER TABLE u ADD COLUMN x int"), setup_sql=setup
    ).statements
    assert strongest(first.locks) == {"public.t": "ShareLock"}
    assert strongest(second.locks) == {"public.t": "ShareLock", "public.u": "AccessExclusiveLock"}
    assert strongest(second.own_locks) == {"public.u": "AccessExclusiveLock"}
    assert any(lock.relation == "public.t_id" and lock.new_relation for lock in first.locks)


def test_error_reports_sqlstate_and_nothing_is_left_behind(db: TestDatabase) -> None:
    result = trace_statements(
        db.dsn,
        stmts(
            "CREATE TABLE left_behind (id int)", "ALTER TABLE t ADD COLUMN c int", "SELECT 1/0", "SELECT 2"
        ),
        setup_sql=TABLE,
    )
    created, altered, failed, skipped = result.statements
    assert (created.error, altered.error) == (None, None)
    assert failed.sqlstate == "22012"
    assert failed.error == "division by zero"
    assert skipped.method == "skipped"
    assert skipped.error is not None
    assert db.execute("SELECT to_regclass('public.left_behind') IS NULL") == [(True,)]
    assert db.execute(
        "SELECT count(*) FROM pg_attribute WHERE attrelid = 't'::regclass AND attname = 'c'"
    ) == [(0,)]


def test_concurrently_inside_the_transaction_fails_as_postgresql_says(db: TestDatabase) -> None:
    (traced,) = trace_statements(
        db.dsn, stmts("CREATE INDEX CONCURRENTLY t_id ON t (id)"), setup_sql=TABLE
    ).statements
    assert traced.sqlstate == "25001"


def test_create_index_concurrently_is_observed_from_a_second_connection(db: TestDatabase) -> None:
    (traced,) = trace_statements(
        db.dsn, stmts("CREATE INDEX CONCURRENTLY t_id ON t (id)"), in_transaction=False, setup_sql=TABLE
    ).statements
    assert traced.method == "observed"
    assert traced.error is None
    assert strongest(traced.locks) == {"public.t": "ShareUpdateExclusiveLock"}
    assert db.execute("SELECT indisvalid FROM pg_index WHERE indexrelid = 'public.t_id'::regclass") == [
        (True,)
    ]


def test_final_access_exclusive_of_drop_index_concurrently_is_caught(db: TestDatabase) -> None:
    """The index lock is upgraded inside the statement's last transaction: only the pause sees it."""
    (traced,) = trace_statements(
        db.dsn, stmts("DROP INDEX CONCURRENTLY t_b"), in_transaction=False, setup_sql=TABLE
    ).statements
    assert strongest(traced.locks) == {
        "public.t": "ShareUpdateExclusiveLock",
        "public.t_b": "AccessExclusiveLock",
    }
    leftovers = db.execute("SELECT count(*) FROM pg_event_trigger WHERE evtname LIKE 'migwiz_trace%'")
    assert leftovers == [(0,)]


def test_trace_on_scratch_copies_the_schema_and_leaves_the_target_alone(db: TestDatabase) -> None:
    db.execute(TABLE)
    result = trace_on_scratch(db.dsn, stmts("ALTER TABLE t ALTER COLUMN b TYPE varchar(10)", "TRUNCATE t"))
    retype, truncate = result.statements
    assert retype.rewrites == ("public.t",)
    assert truncate.rewrites == ()  # its file is new in this transaction: PostgreSQL truncates in place
    assert db.execute("SELECT count(*), min(pg_typeof(b)::text) FROM t") == [(10, "text")]
    assert db.execute("SELECT count(*) FROM pg_database WHERE datname LIKE 'migwiz_trace%'") == [(0,)]


def test_scratch_database_is_dropped_even_with_a_session_left_open(db: TestDatabase) -> None:
    with scratch_database(db.dsn, prefix="migwiz_t") as dsn:
        assert dsn == dsn_with_dbname(db.dsn, psycopg.conninfo.conninfo_to_dict(dsn)["dbname"])
        leftover = psycopg.connect(dsn)
        leftover.execute("SELECT 1")
    leftover.close()
    assert db.execute("SELECT count(*) FROM pg_database WHERE datname LIKE 'migwiz_t%'") == [(0,)]


def test_copy_schema_copies_structure_not_rows(db: TestDatabase) -> None:
    db.execute(TABLE + " CREATE TYPE mood AS ENUM ('a'); CREATE VIEW v AS SELECT id FROM t;")
    with scratch_database(db.dsn) as dsn, psycopg.connect(dsn) as conn:
        copy_schema(db.dsn, dsn)
        assert conn.execute("SELECT count(*) FROM t").fetchall() == [(0,)]
        names = conn.execute(
            "SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class"
            " WHERE relnamespace = 'public'::regnamespace"
        ).fetchall()
        assert names == [("t,t_b,t_pkey,v",)]


def test_missing_pg_dump_is_named() -> None:
    with pytest.raises(UsageError, match="pg_dump 99 not found: install postgresql-client-99"):
        find_pg_dump(99)


def test_connection_errors_never_show_the_password(db: TestDatabase) -> None:
    bad = dsn_with_dbname(db.dsn, "no_such_db_here") + " password=s3cret-pw"
    with pytest.raises(ConnectionFailed) as info:
        trace_statements(bad, stmts("SELECT 1"))
    assert "s3cret-pw" not in str(info.value)
    assert "s3cret-pw" not in describe_dsn(bad)


def test_dsn_with_dbname_keeps_uri_parameters() -> None:
    dsn = dsn_with_dbname("postgresql://me:pw@db.example:6543/app?sslmode=require", "scratch")
    params = psycopg.conninfo.conninfo_to_dict(dsn)
    assert params == {
        **{"user": "me", "password": "pw", "host": "db.example"},
        **{"port": "6543", "dbname": "scratch", "sslmode": "require"},
    }


# The corpus: every entry traced on every server, its documented facts checked (the trace is shared with
# test_analysis_vs_trace.py: the `corpus_trace` fixture of tests/db/conftest.py).


@pytest.mark.parametrize("binaries", BINARIES, ids=lambda b: f"pg{b.major}")
@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.id)
def test_corpus_entry_traces_as_documented(
    entry: CorpusEntry, binaries: Binaries, corpus_trace: CorpusTrace
) -> None:
    if not entry.applies_to(binaries.major):
        pytest.skip(f"needs PostgreSQL {entry.min_version}+")
    result = corpus_trace(entry, binaries).result
    *earlier, last = result.statements
    assert [s.error for s in earlier] == [None] * len(earlier)
    assert last.sqlstate == entry.error, last.error
    got = strongest(last.locks)
    for relation, mode in (entry.locks or {}).items():
        if relation in entry.momentary:  # seen when the gate re-armed in time, else the weaker lock before it
            assert got.get(relation) in modes_up_to(mode), f"{relation}: up to {mode} expected, got {got}"
            continue
        assert got.get(relation) == mode, f"{relation}: expected {mode}, traced {got}"
    if entry.rewrites is not None:
        assert last.rewrites == tuple(sorted(entry.rewrites))


def test_corpus_is_big_enough() -> None:
    assert len(ENTRIES) >= 80
    assert len({e.id for e in ENTRIES}) == len(ENTRIES)


def modes_up_to(mode: str) -> tuple[str, ...]:
    """`mode` and every weaker table lock mode."""
    return LOCK_MODES[: LOCK_MODES.index(mode) + 1]
