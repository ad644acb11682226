"""Adopting migwiz on a database another tool manages (Diesel), in a real terminal at 80×24: what `migwiz
status` and the wizard's first two steps show, read from the screen as the operator reads it. Skipped
without tmux."""

from __future__ import annotations

import shlex
import shutil
import sys
from pathlib import Path

import pytest

from bench.incident import Terminal
from tests.conftest import TestDatabase
from tests.helpers import write_migrations

pytestmark = [
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.timeout(120),
]

DIESEL_DDL = (
    "CREATE TABLE __diesel_schema_migrations (version VARCHAR(50) PRIMARY KEY NOT NULL,"
    " run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)"
)


@pytest.fixture
def diesel_db(db_latest: TestDatabase, tmp_path: Path) -> tuple[TestDatabase, Path]:
    """A Diesel set of three with long names; Diesel applied the first two."""
    first, second = "2025-11-11-140459-0000", "2025-12-10-105849-0000"
    third = "2026-06-15-141114-0000_add_tenant_user_app_and_device_profile_admin"
    folder = write_migrations(
        tmp_path / "m",
        {
            f"{first}_create_device_profile_templates/up.sql": "CREATE TABLE t (id int);\n",
            f"{first}_create_device_profile_templates/down.sql": "DROP TABLE t;\n",
            f"{second}_device_profile_add_supported_data_rates/up.sql": "ALTER TABLE t ADD c int;\n",
            f"{second}_device_profile_add_supported_data_rates/down.sql": "ALTER TABLE t DROP c;\n",
            f"{third}/up.sql": "CREATE TABLE u ();\n",
        },
    )
    db_latest.execute(DIESEL_DDL)
    db_latest.execute("CREATE TABLE t (id int, c int)")
    db_latest.execute(
        "INSERT INTO __diesel_schema_migrations (version)"
        " VALUES ('202511111404590000'), ('202512101058490000')"
    )
    return db_latest, folder


def command(*args: str) -> str:
    return shlex.join([sys.executable, "-m", "migwiz", *args])


def test_status_at_80_columns_is_a_table_with_its_notes_under_it(
    diesel_db: tuple[TestDatabase, Path],
) -> None:
    db, folder = diesel_db
    term = Terminal(
        f"{command('status', '--dsn', db.dsn, '--dir', str(folder))}; sleep 600", {"TERM": "xterm"}
    )
    term.start()
    try:
        screen = term.wait_for(lambda s: "need attention" in s, "the status totals")
    finally:
        term.close()
    lines = screen.splitlines()
    header = next(n for n, x in enumerate(lines) if x.startswith("version "))
    assert lines[header].split() == ["version", "name", "state"], screen
    assert lines[header + 3].split() == [
        "2026-06-15-141114-0000", "add_tenant_user_app_and_device_profile_admin", "pending"
    ], screen  # fmt: skip
    notes = " ".join(" ".join(lines[header + 4 :]).split())
    assert "2025-11-11-140459-0000 … 2025-12-10-105849-0000 (2) applied by diesel, not adopted yet" in notes
    assert "2026-06-15-141114-0000 no down script" in notes, screen


def test_the_wizard_says_who_keeps_the_history_before_a_run(diesel_db: tuple[TestDatabase, Path]) -> None:
    db, folder = diesel_db
    term = Terminal(f"exec {command('wizard', '--dsn', db.dsn, '--dir', str(folder))}", {"TERM": "xterm"})
    term.start()
    try:
        screen = term.wait_for(lambda s: "PostgreSQL " in s and "What next?" in s, "the Target step, loaded")
        text = " ".join(screen.split())
        assert (
            "! diesel keeps this database's history (public.__diesel_schema_migrations: 2 of 3 applied):"
            " `migwiz adopt --from diesel` before migrating"
        ) in text, screen
        assert "esc Back" not in screen, screen  # the first step: nowhere to go back to
        term.press("n")
        screen = term.wait_for(lambda s: "to apply" in s, "the Pending step")
        assert "hint: run `migwiz adopt --from diesel`" in " ".join(screen.split()), screen
        assert "esc Back" in screen, screen
        term.press("Escape")
        term.wait_for(lambda s: "What next?" in s, "back on the Target step")
    finally:
        term.close()
