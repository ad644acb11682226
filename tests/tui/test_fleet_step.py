"""The fleet screen as a step of the wizard: offered by the Target step when the project has a fleet file,
a rollout started, followed and finished on real servers at 80×24, and a snapshot of hundreds of targets."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, OptionList, Static

from migwiz.engine.config import Settings, load_settings
from migwiz.engine.fleet.state import StateFile
from migwiz.tui.app import make_app
from migwiz.tui.context import WizardContext
from migwiz.tui.screens.confirm import ChoiceModal
from migwiz.tui.screens.fleet import FleetStep
from migwiz.tui.screens.target import TargetScreen
from tests.conftest import BINARIES, TestDatabase, server_for
from tests.db.test_fleet import SET, Fleetdbs, databases_entry, write_fleet
from tests.helpers import write_migrations
from tests.tui import snapshot_data as fixed
from tests.tui.helpers import wait_until

Compare = Callable[..., bool]


@pytest.fixture
def newest_dbs() -> Iterator[Fleetdbs]:
    """Databases on the newest server (the wizard, not the server, is under test)."""
    if not BINARIES:
        pytest.skip("no PostgreSQL binaries on this machine")
    made = Fleetdbs(server_for(max(BINARIES, key=lambda b: b.major)))
    try:
        yield made
    finally:
        made.drop()


def settings_for(tmp_path: Path) -> Settings:
    return load_settings(cwd=tmp_path, dir_flag=write_migrations(tmp_path / "m", SET))


async def test_the_target_step_offers_the_fleet_and_a_rollout_runs_from_it(
    newest_dbs: Fleetdbs, db_latest: TestDatabase, tmp_path: Path
) -> None:
    names = [newest_dbs.create(f"db{i}") for i in range(3)]
    fleet_file = write_fleet(tmp_path, databases_entry(newest_dbs), concurrency=2)
    context = WizardContext(db_latest.dsn, settings_for(tmp_path), poll_interval_s=0.05, cursor_blink=False,
                            fleet_file=fleet_file)  # fmt: skip
    app = make_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        target = app.screen
        assert isinstance(target, TargetScreen)
        options = target.query_one("#actions", OptionList)
        assert options.get_option_at_index(3).id == "fleet"  # offered because the project has a fleet
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, FleetStep))
        step = app.screen
        controls = step.query_one("#fleet-controls", Static)
        assert "u rolls the set out over fleet.toml" in str(controls.content)
        await pilot.press("u")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceModal))
        await pilot.press("enter")  # "Roll out"
        table = step.query_one("#fleet-targets", DataTable)
        await wait_until(
            pilot, lambda: "rollout success · u: roll out again" in str(controls.content), limit_s=60
        )
        head = step.query_one("#fleet-head", Static)
        await wait_until(pilot, lambda: "up · success · wave 1 of 1 · 3 done" in str(head.content))  # the end
        assert table.row_count == 3
        await pilot.press("escape")
        assert app.screen is target
    for name in names:  # the rollout really ran, every target through the single-target path
        assert newest_dbs.execute(name, "SELECT version FROM marks ORDER BY 1") == [(1,), (2,)]


async def test_ctrl_q_during_a_rollout_from_the_fleet_step_asks_first_and_failures_are_named(
    newest_dbs: Fleetdbs, db_latest: TestDatabase, tmp_path: Path
) -> None:
    setups = ["", "CREATE TABLE marks (note text)", ""]  # db1 fails: marks exists
    names = [newest_dbs.create(f"db{i}", setup) for i, setup in enumerate(setups)]
    slow = {**SET, "2_email.up.sql": "SELECT pg_sleep(1.5);\n" + SET["2_email.up.sql"]}
    settings = load_settings(cwd=tmp_path, dir_flag=write_migrations(tmp_path / "m", slow))
    fleet_file = write_fleet(tmp_path, databases_entry(newest_dbs), concurrency=1, max_failures=1)
    context = WizardContext(db_latest.dsn, settings, poll_interval_s=0.05, cursor_blink=False,
                            fleet_file=fleet_file)  # fmt: skip
    app = make_app(context)
    said: list[str] = []  # every notification, kept (a toast expires after a few seconds on screen)
    shown = app.notify

    def notify(message: str, *args: Any, **kwargs: Any) -> None:
        said.append(message)
        shown(message, *args, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, FleetStep))
        step = app.screen
        assert isinstance(step, FleetStep)
        await pilot.press("u")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceModal))
        await pilot.press("enter")  # "Roll out"
        await wait_until(pilot, lambda: step.running)
        await pilot.press("ctrl+q")  # the wizard's quit, not the step's `q`: it asks too
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceModal))
        assert "A rollout is under way" in str(app.screen.query_one("#question", Static).content)
        await pilot.press("ctrl+q")  # asked once, not twice
        assert len([s for s in app.screen_stack if isinstance(s, ChoiceModal)]) == 1
        await pilot.press("escape")  # "Stay": the rollout goes on to its end
        assert app.screen is step and app.is_running and step.control is not None
        assert not step.control.stopped
        controls = step.query_one("#fleet-controls", Static)
        ended = "rollout finished with 1 failed target(s) · u: roll out again · Esc back"
        await wait_until(pilot, lambda: ended in str(controls.content), limit_s=60)
        assert f"rollout finished with 1 failed target(s) (2 done, 1 failed): shop/{names[1]}" in said, said
        head = step.query_one("#fleet-head", Static)
        await wait_until(pilot, lambda: "finished with 1 failed target(s) · wave 1 of 1" in str(head.content))
        table = step.query_one("#fleet-targets", DataTable)
        assert str(table.get_row_at(0)[1]) == f"shop/{names[1]}"  # the failed one first, named
        detail = str(step.query_one("#fleet-detail", Static).content)  # its whole error, below the table
        assert detail.startswith(f"shop/{names[1]}: ") and 'relation "marks" already exists' in detail, detail
        await pilot.press("ctrl+q")  # nothing runs any more: quits at once
        await wait_until(pilot, lambda: not app.is_running)
    assert app.return_value == 0


async def test_without_a_fleet_file_the_target_step_offers_no_fleet() -> None:
    app = make_app(fixed.context(), fixed.full_data(), start="target")
    async with app.run_test(size=(80, 24)) as pilot:
        target = app.screen
        assert isinstance(target, TargetScreen)
        assert target.query_one("#actions", OptionList).option_count == 3
        assert "fleet" not in {b.binding.action for b in target.active_bindings.values()}  # not in the footer
        await pilot.press("f")
        await pilot.pause()
        assert app.screen is target


def fleet_of_300(folder: Path) -> WizardContext:
    """A fleet file (never connected to: the snapshot reads only the state file) and a rollout of 300
    targets in its state file: 3 failed, 8 running, the rest done."""
    fleet_file = folder / "fleet.toml"
    fleet_file.write_text(
        '[fleet]\n[[fleet.target]]\nname = "eu"\ndsn = "host=eu-1.internal dbname=postgres"\n'
        'databases = "SELECT datname FROM pg_database"\n'
    )
    state = StateFile(folder / "fleet.state.jsonl", "0123456789abcdef")
    state.write("run", command="up")
    state.write("plan", waves=6, canaries=0, targets=600)
    state.write("wave", wave=3, label="wave 3", targets=100)
    for i in range(300):
        done = "failed" if i in (17, 130, 250) else "running" if i >= 292 else "done"
        error = "lock_timeout on public.orders after 3 retries" if done == "failed" else None
        state.write("target", target=f"eu/shop_{i:04d}", state=done, error=error)
    state.close()
    settings = Settings(migrations_dir=Path("migrations"))
    return WizardContext(fixed.DSN, settings, live=False, cursor_blink=False, fleet_file=fleet_file)


@pytest.mark.parametrize("size", [pytest.param((80, 24), id="80x24")])
def test_fleet_step_snapshot(snap_compare: Compare, size: tuple[int, int], tmp_path: Path) -> None:
    """Fleet step at 80×24: the wizard's header, one line with the fleet run (wave 3 of 6, 289 done,
    8 running, 3 failed), the keys, and the targets — the 3 failed first with their error, then the 8
    running."""
    app = make_app(fleet_of_300(tmp_path), start="fleet")
    assert snap_compare(app, terminal_size=size)
