"""`migwiz demo`: an embedded server, a shop database with a big `orders` table, a demo migration set
mixing safe and risky changes, and a background workload so lock waits are real."""

from __future__ import annotations

from pathlib import Path


def demo_migrations_path() -> Path:
    """The folder of the demo migration set (native layout: `<version>_<name>.up.sql` / `.down.sql`)."""
    return Path(__file__).parent / "migrations"
