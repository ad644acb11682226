"""`migwiz demo` on real servers: the server, the shop database, the migration set, the workload."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from psycopg import errors, sql

from migwiz.demo import demo_migrations_path
from migwiz.demo.data import create_demo_database, find_demo_database
from migwiz.demo.server import has_pg_stat_statements, start_demo_server, stop_demo_server
from migwiz.demo.workload import APPLICATION_NAME, Workload
from migwiz.engine.errors import UsageError
from migwiz.engine.servers.local import LocalServer, available_binaries
from migwiz.engine.sets import load_migration_set
from migwiz.engine.sets.model import Script
from tests.conftest import BINARIES, TestDatabase, server_for
from tests.helpers import wait_for

ROWS = 20_000

SCHEMA_QUERY = """
SELECT 'column', c.relname || '.' || a.attname,
       format_type(a.atttypid, a.atttypmod) || ' notnull=' || a.attnotnull
       || ' identity=' || a.attidentity::text || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
UNION ALL
SELECT 'index', i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) || ' valid=' || i.indisvalid
FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
WHERE c.relnamespace = 'public'::regnamespace
UNION ALL
SELECT 'constraint', conrelid::regclass::text || '.' || conname,
       pg_get_constraintdef(oid) || ' validated=' || convalidated
FROM pg_constraint WHERE connamespace = 'public'::regnamespace
UNION ALL
SELECT 'trigger', tgrelid::regclass::text || '.' || tgname, pg_get_triggerdef(oid)
FROM pg_trigger WHERE NOT tgisinternal
UNION ALL
SELECT 'type', typname, typtype::text FROM pg_type
WHERE typnamespace = 'public'::regnamespace AND typtype IN ('e', 'c', 'd') AND typrelid = 0
UNION ALL
SELECT 'function', proname, pg_get_function_identity_arguments(oid) FROM pg_proc
WHERE pronamespace = 'public'::regnamespace
ORDER BY 1, 2, 3
"""


@dataclass(frozen=True)
class DemoDatabase:
    """A demo shop database on one of the test servers."""

    server: LocalServer
    name: str
    dsn: str

    def execute(self, query: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        with psycopg.connect(self.dsn, autocommit=True) as conn:
            cur = conn.execute(query.encode(), params)
            return cur.fetchall() if cur.description else []


@pytest.fixture
def demo_db(pg_server: LocalServer) -> Iterator[DemoDatabase]:
    """A small demo database (ROWS orders) on each available server version."""
    name = f"shop_{uuid.uuid4().hex[:10]}"
    dsn = create_demo_database(pg_server.dsn(), name=name, rows=ROWS)
    try:
        yield DemoDatabase(pg_server, name, dsn)
    finally:
        _drop(pg_server, name)


@pytest.fixture
def demo_db_latest() -> Iterator[DemoDatabase]:
    """A small demo database on the newest server only (for tests whose subject is not the version)."""
    if not BINARIES:
        pytest.skip("no PostgreSQL binaries on this machine")
    server = server_for(max(BINARIES, key=lambda b: b.major))
    name = f"shop_{uuid.uuid4().hex[:10]}"
    dsn = create_demo_database(server.dsn(), name=name, rows=ROWS)
    try:
        yield DemoDatabase(server, name, dsn)
    finally:
        _drop(server, name)


def _drop(server: LocalServer, name: str) -> None:
    with psycopg.connect(server.dsn(), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


# -- the database --------------------------------------------------------------------------------------


def test_demo_database_has_the_shop_tables_and_rows(demo_db: DemoDatabase) -> None:
    counts = demo_db.execute(
        "SELECT (SELECT count(*) FROM customers), (SELECT count(*) FROM products),"
        " (SELECT count(*) FROM orders), (SELECT count(*) FROM order_items)"
    )
    assert counts == [(ROWS // 10, ROWS // 100, ROWS, ROWS * 3 // 2)]
    # the big table: int8 identity primary key, status text, amount numeric, created_at, customer FK
    columns = demo_db.execute(
        "SELECT attname, format_type(atttypid, atttypmod), attidentity FROM pg_attribute"
        " WHERE attrelid = 'orders'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum"
    )
    assert columns[:5] == [
        ("id", "bigint", "a"),
        ("customer_id", "bigint", ""),
        ("status", "text", ""),
        ("amount", "numeric(12,2)", ""),
        ("created_at", "timestamp with time zone", ""),
    ]
    constraints = {
        row[0]
        for row in demo_db.execute(
            "SELECT conname FROM pg_constraint"
            " WHERE connamespace = 'public'::regnamespace AND contype IN ('p', 'f', 'u')"
        )
    }
    assert {"orders_pkey", "orders_customer_id_fkey", "order_items_order_id_fkey", "customers_email_key"} <= (
        constraints
    )
    assert "order_items_product_id_fkey" not in constraints  # a demo migration adds it
    statuses = {row[0] for row in demo_db.execute("SELECT DISTINCT status FROM orders")}
    assert statuses == {"pending", "paid", "shipped", "delivered", "cancelled"}
    # vacuumed and analysed, so plans and size estimates are right from the start
    analysed = demo_db.execute(
        "SELECT count(*) FROM pg_stat_user_tables WHERE last_vacuum IS NOT NULL AND last_analyze IS NOT NULL"
    )
    assert analysed == [(4,)]
    assert find_demo_database(demo_db.server.dsn(), demo_db.name) == demo_db.dsn


def test_recreating_replaces_a_demo_database_and_reports_progress(pg_server: LocalServer) -> None:
    name = f"shop_{uuid.uuid4().hex[:10]}"
    steps: list[tuple[str, float]] = []
    try:
        dsn = create_demo_database(pg_server.dsn(), name=name, rows=2000)
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("CREATE TABLE leftover (id int)")
        create_demo_database(
            pg_server.dsn(), name=name, rows=3000, progress=lambda m, f: steps.append((m, f))
        )
        with psycopg.connect(dsn, autocommit=True) as conn:
            assert conn.execute("SELECT to_regclass('leftover'), count(*) FROM orders").fetchall() == [
                (None, 3000)
            ]
    finally:
        with psycopg.connect(pg_server.dsn(), autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    fractions = [f for _, f in steps]
    assert fractions == sorted(fractions)
    assert fractions[0] == 0.0
    assert steps[-1] == ("demo database ready", 1.0)


def test_a_database_that_is_not_a_demo_is_never_dropped(db: TestDatabase) -> None:
    db.execute("CREATE TABLE precious (id int)")
    with pytest.raises(UsageError, match="not a migwiz demo database"):
        create_demo_database(db.server.dsn(), name=db.name, rows=2000)
    assert db.execute("SELECT to_regclass('precious')::text") == [("precious",)]
    assert find_demo_database(db.server.dsn(), db.name) is None


# -- the migration set ---------------------------------------------------------------------------------


def _apply(dsn: str, script: Script) -> None:
    """Run a script as migwiz would: one transaction, or statement by statement with no-transaction."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        if script.directives.lock_timeout_ms is not None:
            conn.execute(
                sql.SQL("SET lock_timeout = {}").format(sql.Literal(script.directives.lock_timeout_ms))
            )
        if script.directives.transaction:
            with conn.transaction():
                for statement in script.statements:
                    conn.execute(statement.sql.encode())
        else:
            for statement in script.statements:
                conn.execute(statement.sql.encode())


def test_demo_migration_set_mixes_safe_and_risky_changes() -> None:
    mset = load_migration_set(demo_migrations_path())
    assert mset.layout == "native"
    assert all(m.down is not None for m in mset.migrations)
    directives = [m.up.directives for m in mset.migrations]
    assert any(not d.transaction for d in directives)
    assert [d.phase for d in directives if d.phase] == ["expand", "backfill", "contract"]
    assert [m.name for m in mset.migrations if m.up.directives.backfill] == ["orders_amount_cents_backfill"]
    text = "\n".join(s.sql for m in mset.migrations for s in m.up.statements)
    assert "CREATE INDEX CONCURRENTLY" in text
    assert "CREATE INDEX orders_created_at_idx ON orders" in text
    assert "ALTER COLUMN status TYPE order_status" in text
    [fk] = [s.sql for m in mset.migrations for s in m.up.statements if "REFERENCES products" in s.sql]
    assert "NOT VALID" not in fk  # risky on purpose


def test_every_up_then_every_down_returns_to_the_initial_schema(demo_db: DemoDatabase) -> None:
    mset = load_migration_set(demo_migrations_path())
    before: list[list[tuple[object, ...]]] = []  # the schema before each up
    for migration in mset.migrations:
        before.append(demo_db.execute(SCHEMA_QUERY))
        _apply(demo_db.dsn, migration.up)

    assert demo_db.execute(SCHEMA_QUERY) != before[0]
    # the expand/backfill/contract trio worked, and the sync trigger keeps new rows right
    demo_db.execute("INSERT INTO orders (customer_id, amount) VALUES (1, 12.34)")
    assert demo_db.execute(
        "SELECT count(*) FILTER (WHERE amount_cents IS DISTINCT FROM round(amount * 100)),"
        " pg_typeof(max(status))::text FROM orders"
    ) == [(0, "order_status")]
    assert demo_db.execute(
        "SELECT convalidated FROM pg_constraint WHERE conname = 'orders_amount_cents_not_null'"
    ) == [(True,)]
    indexes = {row[0] for row in demo_db.execute("SELECT indexrelname FROM pg_stat_user_indexes")}
    assert {"orders_customer_id_idx", "orders_created_at_idx"} <= indexes

    # each down brings back exactly the schema its up started from
    for migration, schema in reversed(list(zip(mset.migrations, before, strict=True))):
        assert migration.down is not None
        _apply(demo_db.dsn, migration.down)
        assert demo_db.execute(SCHEMA_QUERY) == schema, f"down of {migration.label}"


# -- the server ----------------------------------------------------------------------------------------


def test_temporary_demo_server_runs_the_newest_embedded_build_and_cleans_up() -> None:
    demo = start_demo_server()
    try:
        assert not demo.reused
        assert demo.state_dir is None
        with psycopg.connect(demo.admin_dsn) as conn:
            row = conn.execute(
                "SELECT current_setting('server_version_num')::int / 10000,"
                " current_setting('track_io_timing'), current_setting('shared_preload_libraries')"
            ).fetchone()
        assert row is not None
        assert row[:2] == (demo.major, "on")
        assert ("pg_stat_statements" in str(row[2])) == demo.pg_stat_statements
        assert demo.major == max(b.major for b in available_binaries() if b.source == "embedded")
    finally:
        demo.stop()
    assert not demo.datadir.exists()


def test_a_temporary_demo_server_is_stopped_when_the_process_exits() -> None:
    script = "from migwiz.demo.server import start_demo_server; print(start_demo_server().datadir)"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    datadir = Path(result.stdout.strip())
    assert datadir.name == "data"
    assert not datadir.parent.exists()


def test_pg_stat_statements_is_preloaded_when_the_build_ships_it() -> None:
    shipping = [b for b in available_binaries() if has_pg_stat_statements(b)]
    if not shipping:
        pytest.skip("no PostgreSQL build on this machine ships pg_stat_statements")
    with start_demo_server(major=shipping[0].major) as demo:
        assert demo.pg_stat_statements
        dsn = create_demo_database(demo.admin_dsn, rows=1000)
        with psycopg.connect(dsn) as conn:
            conn.execute("SELECT count(*) FROM orders WHERE status = 'paid'")
            rows = conn.execute(
                "SELECT count(*) FROM pg_stat_statements WHERE query LIKE '%FROM orders%'"
            ).fetchone()
        assert rows is not None
        assert rows[0] >= 1


@pytest.fixture
def state_dir() -> Iterator[Path]:
    """A state folder an unprivileged server user can reach (pytest's own tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="migwiz-demo-state-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_a_kept_server_in_a_state_dir_is_reused_then_stopped(state_dir: Path) -> None:
    first = start_demo_server(state_dir=state_dir)
    try:
        assert first.datadir.is_relative_to(state_dir)
        second = start_demo_server(state_dir=state_dir)
        assert second.reused
        assert (second.server.port, second.datadir) == (first.server.port, first.datadir)
        with psycopg.connect(second.admin_dsn) as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
    finally:
        assert stop_demo_server(state_dir)
    assert not first.datadir.exists()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(first.admin_dsn, connect_timeout=2)
    assert not stop_demo_server(state_dir)


def test_a_kept_server_that_was_stopped_starts_again(state_dir: Path) -> None:
    first = start_demo_server(state_dir=state_dir)
    try:
        subprocess.run(shlex.split(first.stop_command()), check=True, capture_output=True)
        assert not (first.datadir / "postmaster.pid").exists()
        again = start_demo_server(state_dir=state_dir)
        assert again.reused
        assert again.datadir == first.datadir
        with psycopg.connect(again.admin_dsn) as conn:
            assert conn.execute("SELECT current_setting('track_io_timing')").fetchone() == ("on",)
    finally:
        stop_demo_server(state_dir)


# -- the workload --------------------------------------------------------------------------------------


def _workload_sessions(db: DemoDatabase) -> int:
    rows = db.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s AND datname = %s",
        (APPLICATION_NAME, db.name),
    )
    return int(str(rows[0][0]))


def test_workload_runs_transactions_and_stops_promptly(demo_db: DemoDatabase) -> None:
    workload = Workload(demo_db.dsn, readers=2, writers=2, rate_per_s=200, long_xact_every_s=None)
    workload.start()
    try:
        wait_for(lambda: workload.stats().transactions >= 40, what="40 workload transactions")
        assert _workload_sessions(demo_db) == 4
    finally:
        started = time.monotonic()
        workload.stop()
        stopped_in = time.monotonic() - started
    assert stopped_in < 1.5
    assert not workload.running
    stats = workload.stats()
    assert stats.errors == 0, stats.errors_by_kind
    assert 0 < stats.p99_latency_ms <= stats.max_latency_ms
    wait_for(lambda: _workload_sessions(demo_db) == 0, what="workload sessions to end")
    # writers really wrote: new orders and recent status updates
    assert demo_db.execute("SELECT count(*) > 0 FROM orders WHERE id > %s", (ROWS,)) == [(True,)]


def test_workload_rate_is_bounded(demo_db_latest: DemoDatabase) -> None:
    with Workload(
        demo_db_latest.dsn, readers=1, writers=1, rate_per_s=20, long_xact_every_s=None
    ) as workload:
        wait_for(lambda: workload.stats().transactions >= 1, what="a first transaction")
        first = workload.stats().transactions
        started = time.monotonic()
        wait_for(lambda: time.monotonic() - started >= 1.0, what="one second")
        done = workload.stats().transactions - first
    assert 10 <= done <= 30  # 20 per second, give or take scheduling


def test_a_long_workload_transaction_blocks_access_exclusive_ddl(demo_db: DemoDatabase) -> None:
    workload = Workload(
        demo_db.dsn, readers=1, writers=1, rate_per_s=20, long_xact_every_s=0.05, long_xact_s=30
    )
    workload.start()
    try:
        wait_for(lambda: workload.stats().long_transaction_open, what="the long transaction")
        idle = demo_db.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE application_name = %s AND state = 'idle in transaction'",
            (APPLICATION_NAME,),
        )
        assert idle == [(1,)]
        with psycopg.connect(demo_db.dsn, autocommit=True) as conn:
            conn.execute("SET lock_timeout = '200ms'")
            with pytest.raises(errors.LockNotAvailable):
                conn.execute("ALTER TABLE orders ADD COLUMN x int")
    finally:
        started = time.monotonic()
        workload.stop()
        stopped_in = time.monotonic() - started
    assert stopped_in < 1.5  # the 30 s transaction does not hold up stop()
    assert workload.stats().long_transactions >= 1
    # with the workload gone, the same DDL gets its lock
    with psycopg.connect(demo_db.dsn, autocommit=True) as conn:
        conn.execute("SET lock_timeout = '2s'")
        conn.execute("ALTER TABLE orders ADD COLUMN x int")


def test_workload_stop_cancels_queries_waiting_for_a_lock(demo_db: DemoDatabase) -> None:
    with psycopg.connect(demo_db.dsn) as locker:
        locker.execute("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE")
        workload = Workload(demo_db.dsn, readers=1, writers=1, rate_per_s=20, long_xact_every_s=None)
        workload.start()
        wait_for(
            lambda: bool(
                demo_db.execute(
                    "SELECT count(*) = 2 FROM pg_stat_activity"
                    " WHERE application_name = %s AND wait_event_type = 'Lock'",
                    (APPLICATION_NAME,),
                )[0][0]
            ),
            what="both workload sessions to wait for the lock",
        )
        started = time.monotonic()
        workload.stop()
        assert time.monotonic() - started < 1.0 + 4  # stop's own 1 s bound, and room for a loaded machine
        assert not workload.running
        locker.rollback()


def test_workload_counts_lost_connections_and_keeps_going(demo_db: DemoDatabase) -> None:
    with Workload(demo_db.dsn, readers=1, writers=1, rate_per_s=100, long_xact_every_s=None) as workload:
        wait_for(lambda: workload.stats().transactions >= 10, what="workload transactions")
        demo_db.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s",
            (APPLICATION_NAME,),
        )
        wait_for(lambda: workload.stats().errors >= 1, what="the lost connections to be counted")
        after = workload.stats().transactions
        wait_for(lambda: workload.stats().transactions >= after + 10, what="the workload to reconnect")
        assert workload.running
    stats = workload.stats()
    assert stats.last_error is not None
    assert all(kind not in {"", None} for kind, _ in stats.errors_by_kind)
