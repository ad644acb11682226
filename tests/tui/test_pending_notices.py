"""The Pending step shows the set's notices (ignored files, out-of-order migrations) as `status` does."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import Static

from migwiz.engine import commands
from migwiz.engine.sets import load_migration_set
from migwiz.engine.sets.model import Version
from migwiz.tui.app import make_app
from migwiz.tui.backend import PendingInfo
from migwiz.tui.context import WizardContext
from tests.conftest import TestDatabase
from tests.tui.helpers import MIGRATIONS, make_target, wait_until

pytestmark = pytest.mark.timeout(120)


def plain(widget: Static) -> str:
    """What a Static shows, as plain text."""
    console = Console(width=400, color_system=None, force_terminal=False)
    with console.capture() as cap:
        console.print(widget.render())
    return cap.get()


async def test_pending_shows_the_sets_notices(db_latest: TestDatabase, tmp_path: Path) -> None:
    folder = tmp_path / "migrations"
    settings = make_target(db_latest, folder, rows=10, migrations={**MIGRATIONS, "README.md": "notes\n"})
    mset = load_migration_set(folder)
    commands.up(commands.Project.of(db_latest.dsn, mset), to=Version("0002"))
    (folder / "0001_add_note.up.sql").rename(folder / "0003_add_note.up.sql")
    (folder / "0001_add_note.down.sql").rename(folder / "0003_add_note.down.sql")
    (folder / "0000_first.up.sql").write_text("CREATE TABLE early (id int);\n")
    (folder / "0000_first.down.sql").write_text("DROP TABLE early;\n")
    expected = commands.status(commands.Project.of(db_latest.dsn, load_migration_set(folder))).notices
    assert any("README.md: ignored" in n for n in expected) and any("0000 (first)" in n for n in expected)
    app = make_app(WizardContext(db_latest.dsn, settings, cursor_blink=False), start="pending")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.data.lint, PendingInfo))
        await pilot.pause()
        notices = app.screen.query_one("#notices", Static)
        assert notices.display
        assert plain(notices).splitlines() == [f"notice: {n}" for n in expected]
    assert app.data.lint.notices == expected


async def test_no_notices_no_line(db_latest: TestDatabase, tmp_path: Path) -> None:
    settings = make_target(db_latest, tmp_path / "migrations", rows=10)
    app = make_app(WizardContext(db_latest.dsn, settings, cursor_blink=False), start="pending")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.data.lint, PendingInfo))
        await pilot.pause()
        assert not app.screen.query_one("#notices", Static).display
