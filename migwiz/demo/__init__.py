"""`migwiz demo`: an embedded server, a shop database with a big `orders` table, a demo migration set
mixing safe and risky changes, and a background workload so lock waits are real."""

from __future__ import annotations

from pathlib import Path


def demo_migrations_path() -> Path:
    """The folder of the demo migration set (native layout: `<version>_<name>.up.sql` / `.down.sql`)."""
    return Path(__file__).parent / "migrations"


BASELINE_FILES = ("schema.sql", "keys_orders.sql", "keys_others.sql", "fk_orders.sql", "fk_order_items.sql")


OBSERVABILITY_SQL = Path(__file__).parent / "sql" / "observability.sql"
"""Recorded after the baseline files when the demo database has pg_stat_statements (a build with contrib)."""


def demo_baseline() -> tuple[Path, ...]:
    """The shop schema before the first demo migration: what shadow databases start from."""
    return tuple(Path(__file__).parent / "sql" / name for name in BASELINE_FILES)
