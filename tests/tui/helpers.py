"""Shared by the wizard tests: a small target database, migrations, and bounded waiting in Pilot."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from migwiz.engine.config import Settings, load_settings
from tests.helpers import write_migrations

MIGRATIONS = {
    "0001_add_note.up.sql": "-- migwiz:lock-timeout=20s\nALTER TABLE items ADD COLUMN note text;\n",
    "0001_add_note.down.sql": "ALTER TABLE items DROP COLUMN note;\n",
    "0002_backfill_note.up.sql": (
        "-- migwiz:phase=backfill\n-- migwiz:backfill\n"
        "UPDATE items SET note = 'n' || id WHERE note IS NULL;\n"
    ),
    "0002_backfill_note.down.sql": "UPDATE items SET note = NULL;\n",
}

SETUP = (
    "CREATE TABLE items (id bigint PRIMARY KEY, v int NOT NULL);"
    " INSERT INTO items SELECT g, g % 7 FROM generate_series(1, {rows}) g; ANALYZE items;"
)


def make_target(
    db: object, folder: Path, *, rows: int = 3000, migrations: dict[str, str] | None = None
) -> Settings:
    """The `items` table with `rows` rows, the migrations in `folder`, and settings pointing at them."""
    db.execute(SETUP.format(rows=rows))  # type: ignore[attr-defined]
    write_migrations(folder, migrations or MIGRATIONS)
    return load_settings(cwd=folder.parent, dir_flag=folder)


async def wait_until(pilot: Pilot[object], condition: Callable[[], object], limit_s: float = 30.0) -> None:
    """Let the app run until `condition()` is true (bounded; fails the test on timeout)."""
    deadline = time.monotonic() + limit_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {limit_s} s waiting for {condition}")
        await pilot.pause(0.05)
