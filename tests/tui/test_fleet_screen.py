"""The fleet screen at 80×24: a rollout's state file followed live, failed and running targets first,
pause / resume / stop reaching the rollout's control."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Static

from migwiz.engine.fleet.rollout import FleetControl
from migwiz.engine.fleet.state import StateFile
from migwiz.engine.fleet.targets import Target
from migwiz.tui.fleet_app import FleetApp
from migwiz.tui.screens.fleet import FleetScreen, TargetLocksScreen
from tests.tui.helpers import wait_until


def keys(table: DataTable[object]) -> list[str]:
    return [str(k.value) for k in table.rows]


async def test_hundreds_of_targets_read_at_80x24_with_failures_first(tmp_path: Path) -> None:
    path = tmp_path / "fleet.state.jsonl"
    state = StateFile(path, "0123456789abcdef")
    state.write("run", command="up")
    state.write("wave", wave=1, label="wave 1", targets=300)
    for i in range(300):
        state.write(
            "target",
            target=f"db{i:03d}",
            state="done" if i % 100 else "failed",
            error="boom" if i % 100 == 0 else None,
        )
    control = FleetControl()
    unreachable = {"db200": Target("db200", "host=127.0.0.1 port=1 dbname=x connect_timeout=2")}
    app = FleetApp(path, control=control, targets=lambda: unreachable, poll_s=0.05)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, FleetScreen)
        table = screen.query_one("#fleet-targets", DataTable)
        await wait_until(pilot, lambda: table.row_count == 200)  # the counts cover the rest
        assert keys(table)[:3] == ["db200", "db100", "db000"]  # failed first, newest first
        head = str(screen.query_one("#fleet-head", Static).content)
        assert "297 done, 3 failed" in head and "wave 1" in head
        state.write("target", target="db300", state="running")
        await wait_until(pilot, lambda: keys(table)[3:4] == ["db300"])  # running right after the failed
        table.move_cursor(row=0)
        await pilot.press("enter")  # the lock pane of the target under the cursor
        await wait_until(pilot, lambda: isinstance(app.screen, TargetLocksScreen))
        locks = app.screen
        await wait_until(
            pilot, lambda: "cannot connect" in str(locks.query_one("#fleet-head", Static).content)
        )
        await pilot.press("escape")
        assert app.screen is screen
        await pilot.press("p")
        assert control.paused
        await pilot.press("p")
        assert not control.paused
        await pilot.press("s")
        assert control.stopped
        assert "stopping" in str(screen.query_one("#fleet-controls", Static).content)
    state.close()


async def test_the_first_row_is_drawn_with_its_columns_full_width(tmp_path: Path) -> None:
    path = tmp_path / "fleet.state.jsonl"
    state = StateFile(path, "0123456789abcdef")
    state.write("run", command="up")
    state.write("target", target="saas/tenant_007", state="failed", error="42P07 relation orders exists")
    for i in range(50):
        state.write("target", target=f"saas/tenant_{i:03d}x", state="done")
    state.close()
    app = FleetApp(path, poll_s=0.05)
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one("#fleet-targets", DataTable)
        await wait_until(pilot, lambda: table.row_count == 51)
        await pilot.pause(0.2)
        first = table.render_line(1).text  # line 0 is the header
        assert "failed" in first and "saas/tenant_007" in first and "42P07 relation orders exists" in first, (
            first
        )


async def test_a_target_listing_that_fails_is_one_scrubbed_line(tmp_path: Path) -> None:
    """The listing behind Enter fails with an error of no text, then with one that starts on a blank line
    and quotes a password: each is a notice of one line, the password as `***`."""
    from migwiz.engine import secrets

    secrets.remember_secrets("postgresql://app:Listing-Pw-77@127.0.0.1/db")
    path = tmp_path / "fleet.state.jsonl"
    state = StateFile(path, "0123456789abcdef")
    state.write("run", command="up")
    state.write("target", target="db1", state="failed", error="boom")
    state.close()
    raised: list[Exception] = [TimeoutError(), ValueError("\nlisting failed for Listing-Pw-77\nsecond line")]

    def targets() -> dict[str, Target]:
        raise raised.pop(0)

    app = FleetApp(path, targets=targets, poll_s=0.05)
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one("#fleet-targets", DataTable)
        await wait_until(pilot, lambda: table.row_count == 1)
        for expected in ("TimeoutError", "listing failed for ***"):
            await pilot.press("enter")
            await wait_until(pilot, lambda e=expected: [n.message for n in app._notifications][-1:] == [e])
