"""Abort during a backfill at 80×24: the screen says where the backfill stands, in `status`'s words."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from textual.widgets import OptionList, Static

from migwiz.engine import commands
from migwiz.engine.backfill.store import ensure_backfill_state, write_control
from migwiz.engine.history.state import ensure_state
from migwiz.engine.sets import load_migration_set
from migwiz.tui.execution import RunSummary
from migwiz.tui.screens.confirm import ChoiceModal
from migwiz.tui.screens.execute import ExecuteScreen
from migwiz.tui.widgets.progress_pane import ProgressPane
from tests.conftest import TestDatabase
from tests.tui.helpers import MIGRATIONS, wait_until
from tests.tui.test_controls import execute_app
from tests.tui.test_flows import confirm, plain

pytestmark = pytest.mark.timeout(120)


async def test_abort_mid_backfill_says_stopped_at_n_percent_resumable(
    db_latest: TestDatabase, tmp_path: Path
) -> None:
    """`a`, stop after the running migration, while 0002's backfill runs: the screen said `0002 not
    applied` and kept showing the backfill `running` with its rate and ETA; it says `0002 backfill stopped
    at N %, resumable`, as `status` does, and the backfill line says stopped."""
    folder = tmp_path / "migrations"
    app = execute_app(db_latest, folder, MIGRATIONS, rows=20000)
    with psycopg.connect(db_latest.dsn, autocommit=True) as setup:
        ensure_state(setup)
        ensure_backfill_state(setup, "migwiz")
        write_control(setup, "migwiz", "0002", batch_size=500, max_rate=2000)  # about 10 s
    async with app.run_test(size=(80, 24)) as pilot:
        await confirm(pilot, app, db_latest.name)
        pane = app.screen.query_one(ProgressPane)
        await wait_until(pilot, lambda: pane.backfill is not None and pane.backfill.rows_done >= 1000, 60)
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceModal))
        assert app.screen.query_one(OptionList).highlighted == 0
        await pilot.press("enter")  # stop after the running migration: a backfill stops at its next batch
        await wait_until(pilot, lambda: isinstance(app.data.run, RunSummary), 60)
        screen = app.screen
        assert isinstance(screen, ExecuteScreen)
        status = " ".join(plain(screen.query_one("#status-line", Static)).split())
        assert "stopped at a safe point: 0001 applied, 0002 backfill stopped at " in status, status
        assert "%, resumable (the operator asked to stop)" in status, status
        assert "not applied" not in status, status
        shown = plain(pane.query_one("#operation", Static))
        assert " · stopped · " in shown and "ETA" not in shown, shown
    project = commands.Project.of(db_latest.dsn, load_migration_set(folder))
    standings = [s.standing for s in commands.status(project).statuses]
    assert [s.state for s in standings] == ["applied", "stopped"]  # what `status` says, the same words
    assert f"backfill stopped at {standings[1].percent} %" in status
