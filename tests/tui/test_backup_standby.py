"""The wizard on a primary with a real streaming standby: the Backup step shows the standby, its slot
and its replay lag at 80×24 (a standby behind in replay comes with its warning), and the Execute step
shows each standby's lag under the progress pane while a migration runs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from rich.console import Console
from textual.widgets import Static

from migwiz.engine.backup import BackupReport
from migwiz.engine.backup import replicas as replicas_module
from migwiz.tui.app import make_app
from migwiz.tui.context import WizardContext
from migwiz.tui.execution import RunSummary
from migwiz.tui.screens.backup import BackupScreen
from migwiz.tui.widgets.progress_pane import ProgressPane
from tests.conftest import TestDatabase, create_database, drop_database
from tests.helpers import wait_for
from tests.standby import StandbyPair
from tests.tui.helpers import make_target, wait_until
from tests.tui.test_controls import GATED
from tests.tui.test_flows import confirm

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def primary_db(standby_latest: StandbyPair) -> Iterator[TestDatabase]:
    database = create_database(standby_latest.primary)
    try:
        yield database
    finally:
        drop_database(database)


def lines_as_shown(widget: Static) -> list[str]:
    """The widget's text wrapped at its own width on screen."""
    console = Console(width=widget.content_region.width, color_system=None, force_terminal=False)
    with console.capture() as cap:
        console.print(widget.content)
    return cap.get().splitlines()


async def test_backup_step_shows_the_standby_and_its_lag_at_80x24(
    standby_latest: StandbyPair, primary_db: TestDatabase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(replicas_module, "REPLICA_LAG_WARN_BYTES", 500_000)
    settings = make_target(primary_db, tmp_path / "migrations", rows=200)
    with standby_latest.replay_paused():
        primary_db.execute("INSERT INTO items SELECT g, 1 FROM generate_series(1000, 30000) g")
        wait_for(lambda: standby_latest.replay_bytes_behind() > 500_000, "the paused standby to fall behind")
        app = make_app(WizardContext(primary_db.dsn, settings, cursor_blink=False), start="backup")
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_until(pilot, lambda: app.data.backup is not None or "backup" in app.data.errors)
            await pilot.pause()
            report = app.data.backup
            assert isinstance(report, BackupReport), app.data.errors
            screen = app.screen
            assert isinstance(screen, BackupScreen)
            shown = lines_as_shown(screen.query_one("#backup-report", Static))
    text = "\n".join(shown)
    [replica] = report.replicas
    standby_line = next(line for line in shown if line.startswith("standby walreceiver"))
    assert "behind, streaming async" in standby_line, "the lag comes first, on the standby's own line"
    assert f"slot {standby_latest.slot}" in text
    assert "standby walreceiver is" in text and "behind in replay" in text, text
    assert replica.replay_lag_bytes is not None and replica.replay_lag_bytes > 500_000


async def test_execute_step_shows_the_standby_lag_while_a_migration_runs(
    standby_latest: StandbyPair, primary_db: TestDatabase, tmp_path: Path
) -> None:
    settings = make_target(primary_db, tmp_path / "migrations", rows=200, migrations=GATED)
    context = WizardContext(primary_db.dsn, settings, poll_interval_s=0.1, cursor_blink=False)
    app = make_app(context, start="execute")
    gate: psycopg.Connection[Any] = psycopg.connect(primary_db.dsn, autocommit=True)
    try:
        gate.execute("SELECT pg_advisory_lock(4242)")  # holds the first migration while we look
        with standby_latest.replay_paused():
            primary_db.execute("INSERT INTO items SELECT g, 1 FROM generate_series(1000, 30000) g")
            behind = "the paused standby to fall behind"
            wait_for(lambda: standby_latest.replay_bytes_behind() > 500_000, behind)
            async with app.run_test(size=(80, 24)) as pilot:
                await confirm(pilot, app, primary_db.name)
                pane = app.screen.query_one(ProgressPane)
                await wait_until(pilot, lambda: "behind" in str(pane.border_subtitle))
                assert str(pane.border_subtitle).startswith("standby walreceiver ")
                gate.execute("SELECT pg_advisory_unlock_all()")
                await wait_until(pilot, lambda: isinstance(app.data.run, RunSummary))
    finally:
        gate.close()
