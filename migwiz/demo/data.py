"""The demo database: a small shop whose `orders` table is big enough for real lock waits and backfills.

Tables are created without keys, loaded with one `INSERT ... SELECT FROM generate_series` each (two
connections in parallel), then given their keys and indexes, then vacuumed and analysed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo

from migwiz.engine import queries
from migwiz.engine.errors import UsageError

SQL_DIR = Path(__file__).parent / "sql"
MARKER = "migwiz demo database"
TABLES = ("customers", "products", "orders", "order_items")

Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class DemoSizes:
    """How many rows each demo table gets for a given size of `orders`."""

    customers: int
    products: int
    orders: int
    order_items: int

    @classmethod
    def for_orders(cls, rows: int) -> DemoSizes:
        """About one customer per ten orders and one or two lines per order.

        >>> DemoSizes.for_orders(1_000_000)
        DemoSizes(customers=100000, products=2000, orders=1000000, order_items=1500000)
        """
        return cls(
            customers=max(100, rows // 10),
            products=max(20, min(2000, rows // 100)),
            orders=rows,
            order_items=rows * 3 // 2,
        )

    def params(self) -> dict[str, int]:
        """Query parameters for the load scripts."""
        return {
            "customers": self.customers,
            "products": self.products,
            "orders": self.orders,
            "order_items": self.order_items,
        }


@dataclass(frozen=True)
class _Phase:
    """Lanes that run at once, each a list of scripts run in order on its own connection."""

    label: str
    weight: float  # share of the total time, measured at 1M orders
    lanes: tuple[tuple[str, ...], ...]


_PHASES = (
    _Phase(
        "loading rows",
        0.6,
        (("load_orders.sql",), ("load_customers.sql", "load_products.sql", "load_order_items.sql")),
    ),
    _Phase("building primary keys", 0.13, (("keys_orders.sql",), ("keys_others.sql",))),
    _Phase("adding foreign keys", 0.2, (("fk_orders.sql",), ("fk_order_items.sql",))),
    _Phase(
        "vacuum and analyze",
        0.05,
        (("VACUUM ANALYZE orders",), ("VACUUM ANALYZE customers, products, order_items",)),
    ),
)


def _script(name: str) -> bytes:
    return (SQL_DIR / name).read_bytes()


def demo_dsn(dsn_admin: str, name: str = "shop") -> str:
    """The DSN of database `name` on the server `dsn_admin` points at."""
    return make_conninfo(dsn_admin, dbname=name)


def find_demo_database(dsn_admin: str, name: str = "shop") -> str | None:
    """The DSN of a complete demo database `name` on this server, or None when there is none."""
    with psycopg.connect(dsn_admin, autocommit=True) as conn:
        row = conn.execute(queries.load("demo_database_comment"), (name,)).fetchone()
    if row is None or not str(row[0] or "").startswith(f"{MARKER} (rows="):
        return None
    return demo_dsn(dsn_admin, name)


def create_demo_database(
    dsn_admin: str,
    *,
    name: str = "shop",
    rows: int = 1_000_000,
    progress: Progress | None = None,
) -> str:
    """Create (or re-create) the demo database `name` with `rows` orders and return its DSN.

    `dsn_admin` is a superuser connection to the server. An existing database of that name is dropped
    only when it is a demo database itself; anything else is refused. `progress(message, fraction)` is
    called from this thread as steps finish (fraction from 0 to 1).
    """
    if rows < 1000:
        raise UsageError(f"the demo needs at least 1000 orders, not {rows}")
    report = progress or (lambda message, fraction: None)
    sizes = DemoSizes.for_orders(rows)
    report(f"creating database {name}", 0.0)
    _recreate(dsn_admin, name)
    dsn = demo_dsn(dsn_admin, name)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(_script("schema.sql"))
    done = 0.02
    for phase in _PHASES:
        report(phase.label, done)
        _run_lanes(dsn, phase.lanes, sizes.params())
        done += phase.weight
    _finish(dsn_admin, dsn, name, rows)
    report("demo database ready", 1.0)
    return dsn


def _recreate(dsn_admin: str, name: str) -> None:
    with psycopg.connect(dsn_admin, autocommit=True) as conn:
        row = conn.execute(queries.load("demo_database_comment"), (name,)).fetchone()
        ident = sql.Identifier(name)
        if row is not None:
            if not str(row[0]).startswith(MARKER):
                raise UsageError(
                    f"database {name!r} exists and is not a migwiz demo database",
                    hint="choose another name for the demo database, or drop that database yourself",
                )
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(ident))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(ident))
        conn.execute(
            sql.SQL("COMMENT ON DATABASE {} IS {}").format(ident, sql.Literal(f"{MARKER} (building)"))
        )


def _run_lanes(dsn: str, lanes: Sequence[Sequence[str]], params: Mapping[str, int]) -> None:
    """Run each lane on its own connection, all lanes at once; re-raise the first failure."""

    def run(lane: Sequence[str]) -> None:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("SET maintenance_work_mem = '256MB'")
            for script in lane:
                text = _script(script) if script.endswith(".sql") else script.encode()
                if b"%(" in text:
                    conn.execute(text, params)
                else:
                    conn.execute(text)

    with ThreadPoolExecutor(max_workers=len(lanes), thread_name_prefix="migwiz-demo-load") as pool:
        futures = [pool.submit(run, lane) for lane in lanes]
        for future in futures:
            future.result()


def _finish(dsn_admin: str, dsn: str, name: str, rows: int) -> None:
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(
            "DO $$ BEGIN"
            " IF current_setting('shared_preload_libraries') LIKE '%pg_stat_statements%' THEN"
            " CREATE EXTENSION IF NOT EXISTS pg_stat_statements; END IF; END $$"
        )
    with psycopg.connect(dsn_admin, autocommit=True) as conn:
        conn.execute(
            sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                sql.Identifier(name), sql.Literal(f"{MARKER} (rows={rows})")
            )
        )
