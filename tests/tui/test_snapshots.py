"""Snapshots of every wizard screen at 100×30 and 80×24, from fixed data (no server, no pollers, no blink).

Update only after looking at the report: `pytest tests/tui/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from migwiz.engine.run.control import RunControl
from migwiz.tui.app import WizardApp, make_app
from migwiz.tui.backend import Check, VerifyReport
from migwiz.tui.messages import LogEvent, MonitorSample, StatementStarted
from migwiz.tui.screens.confirm import ConfirmModal, confirmation
from migwiz.tui.screens.execute import ExecuteScreen
from migwiz.tui.widgets.lock_detail import LockDetailModal
from tests.tui import snapshot_data as fixed

SIZES = [pytest.param((100, 30), id="100x30"), pytest.param((80, 24), id="80x24")]

Compare = Callable[..., bool]


def app_at(step: str, mode: str = "migrate", *, ran: bool = True) -> WizardApp:
    """The wizard opened at `step` with every step's data filled in (`ran=False`: no run yet)."""
    data = fixed.full_data()
    if not ran:
        data.run = None
    if mode == "rollback":
        data.plan = fixed.impact("down")
    app = make_app(fixed.context(mode), data, start=step)  # type: ignore[arg-type]
    if mode == "rollback":
        app.use_flow("rollback")
    return app


async def feed_live_panes(pilot: Pilot[Any]) -> None:
    """Post what the workers would: a statement, a monitor sample, log events."""
    screen = pilot.app.screen
    screen.post_message(StatementStarted(fixed.current()))
    screen.post_message(MonitorSample(fixed.lock_snapshot()))
    for event in fixed.run_events():
        screen.post_message(LogEvent(event))
    await pilot.pause()


async def feed_watch(pilot: Pilot[Any]) -> None:
    """What observer mode's workers would post: a sample that sees the executor's session, log events."""
    pilot.app.screen.post_message(MonitorSample(fixed.watch_snapshot()))
    for event in fixed.run_events():
        pilot.app.screen.post_message(LogEvent(event))
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_target(snap_compare: Compare, size: tuple[int, int]) -> None:
    """Target: PostgreSQL 16.4, shop 1.2 GB, version 0003, 5 pending, one warning; the three choices."""
    assert snap_compare(app_at("target"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_pending(snap_compare: Compare, size: tuple[int, int]) -> None:
    """Pending: 8 migrations, 0001-0003 applied, the planner's verdicts (safe / quiet window / dangerous,
    as on Impact) and their counts; 0004 SQL and its finding; `u Up to here` in the footer."""
    assert snap_compare(app_at("pending"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_pending_lint_only(snap_compare: Compare, size: tuple[int, int]) -> None:
    """Pending when the planner failed: the lint's words (clean / warnings / errors), never the planner's,
    and why there is no plan."""
    app = app_at("pending")
    app.data.lint = fixed.pending_lint_only()
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_pending_why_a_quiet_window(snap_compare: Compare, size: tuple[int, int]) -> None:
    """Pending on 0005 (quiet window): `Needs a quiet window:` and the planner's reason above its script."""
    assert snap_compare(app_at("pending"), terminal_size=size, press=["down"])


@pytest.mark.parametrize("size", SIZES)
def test_pending_down_script(snap_compare: Compare, size: tuple[int, int]) -> None:
    """Pending, `d` pressed on 0008: its down script."""
    assert snap_compare(app_at("pending"), terminal_size=size, press=["down", "down", "down", "down", "d"])


@pytest.mark.parametrize("size", SIZES)
def test_backup(snap_compare: Compare, size: tuple[int, int]) -> None:
    """Backup check: degraded, with the archive-failure reason and the facts below."""
    assert snap_compare(app_at("backup"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_impact(snap_compare: Compare, size: tuple[int, int]) -> None:
    """Impact: verdict dangerous, five lock rows with sizes, rows, estimates, blockers and fixes."""
    assert snap_compare(app_at("impact"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_impact_sorted_and_filtered(snap_compare: Compare, size: tuple[int, int]) -> None:
    """Impact sorted by size (s) and filtered to `orders` (/): only the three orders rows."""
    assert snap_compare(app_at("impact"), terminal_size=size, press=["s", "slash", *"orders", "enter"])


@pytest.mark.parametrize("size", SIZES)
def test_dry_run(snap_compare: Compare, size: tuple[int, int]) -> None:
    """Dry run: two statements ok, 0008 FAILED with its error shown when selected."""
    assert snap_compare(app_at("dryrun"), terminal_size=size, press=["down", "down"])


@pytest.mark.parametrize("size", SIZES)
def test_confirmation(snap_compare: Compare, size: tuple[int, int]) -> None:
    """The typed confirmation over the execute screen: the question first, then what lint rates error
    (0004 and 0008, with the plan's verdicts), one finding a line; type `shop`; `sh` typed so far."""

    async def open_modal(pilot: Pilot[Any]) -> None:
        screen = pilot.app.screen
        assert isinstance(screen, ExecuteScreen)
        pilot.app.push_screen(ConfirmModal(confirmation(*screen.asked()), "shop", blink=False))
        await pilot.pause()
        await pilot.press("s", "h")

    assert snap_compare(app_at("execute", ran=False), terminal_size=size, run_before=open_modal)


@pytest.mark.parametrize("size", SIZES)
def test_execute_live_panes(snap_compare: Compare, size: tuple[int, int]) -> None:
    """Execute mid-run: migration 5/5 statement 3/4, index build 36 % with ETA; lock tree with our session
    (») holding, a reader and a writer waiting under it; the log tail with a warning."""

    assert snap_compare(app_at("execute", ran=False), terminal_size=size, run_before=feed_live_panes)


@pytest.mark.parametrize("size", SIZES)
def test_lock_detail(snap_compare: Compare, size: tuple[int, int]) -> None:
    """Enter on a lock-pane row: the waiting reader's pid, application, user, state, wait event, the lock
    it wants on public.orders, how long, who blocks it, and its whole query wrapped."""

    async def open_detail(pilot: Pilot[Any]) -> None:
        await feed_live_panes(pilot)
        pilot.app.push_screen(LockDetailModal(fixed.lock_detail_node()))
        await pilot.pause()

    assert snap_compare(app_at("execute", ran=False), terminal_size=size, run_before=open_detail)


@pytest.mark.parametrize("size", SIZES)
def test_execute_finished(snap_compare: Compare, size: tuple[int, int]) -> None:
    """Execute after the run: 4 applied, 0008 failed and rolled back (lock timeout)."""
    assert snap_compare(app_at("execute"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_verify(snap_compare: Compare, size: tuple[int, int]) -> None:
    """Verify: drift FAIL with the index diff, a statistics warning, rollback test passed."""
    assert snap_compare(app_at("verify"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_summary(snap_compare: Compare, size: tuple[int, int]) -> None:
    """Summary: outcome with the failure, 1 min 34 s, longest wait caused 1.8 s, log command, five rows."""
    assert snap_compare(app_at("summary"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_recent_changes(snap_compare: Compare, size: tuple[int, int]) -> None:
    """Incident rollback: five applied, newest first, the newest (0005) selected: Enter reverts it, back to
    0004; runs below."""
    assert snap_compare(app_at("recent", "rollback"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_recent_changes_further_back(snap_compare: Compare, size: tuple[int, int]) -> None:
    """Incident rollback, two rows down: 0003 chosen reverts 0005, 0004 and 0003, back to 0002."""
    assert snap_compare(app_at("recent", "rollback"), terminal_size=size, press=["down", "down"])


@pytest.mark.parametrize("size", SIZES)
def test_target_demo(snap_compare: Compare, size: tuple[int, int]) -> None:
    """Target opened by `migwiz demo`: the demo's DSN and the CLI commands to use on it (scroll at 80×24)."""
    app = make_app(fixed.context(demo=True), fixed.full_data(), start="target")
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_verify_with_a_check_that_did_not_run(snap_compare: Compare, size: tuple[int, int]) -> None:
    """Verify after a rollback: history and drift pass, the rollback test did not run (`- skip`, never a
    tick); the status line says 1 did not run, in yellow."""
    data = fixed.full_data()
    data.verify = VerifyReport(
        (
            Check("history: reverted migrations gone", True, "0005 reverted"),
            Check("drift", True, "the schema matches the applied migrations", "pass"),
            Check(
                "rollback test: up → down → up on a shadow",
                True,
                "0005_orders_amount_cents_expand: skipped\n"
                "    not tested: earlier migration 0001_add_orders_tracking_number failed to apply",
                "skip",
            ),
        )
    )
    app = make_app(fixed.context("rollback"), data, start="verify")
    app.use_flow("rollback")
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_rollback_impact(snap_compare: Compare, size: tuple[int, int]) -> None:
    """Incident rollback: the impact of the down scripts (step 3/6)."""
    assert snap_compare(app_at("impact", "rollback"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_watch(snap_compare: Compare, size: tuple[int, int]) -> None:
    """Observer mode: read-only tag, the executor's running statement, lock tree, index progress, the log
    of someone else's run."""
    assert snap_compare(app_at("watch", "watch"), terminal_size=size, run_before=feed_watch)


def running_app() -> WizardApp:
    """The execute screen mid-run (a run control that has not finished)."""
    app = app_at("execute", ran=False)
    app.control = RunControl()
    return app


@pytest.mark.parametrize("size", SIZES)
def test_abort_dialog(snap_compare: Compare, size: tuple[int, int]) -> None:
    """`a` mid-run: stop after the running migration (highlighted), cancel the statement, keep going."""

    async def abort(pilot: Pilot[Any]) -> None:
        await feed_live_panes(pilot)
        await pilot.press("a")

    assert snap_compare(running_app(), terminal_size=size, run_before=abort)


@pytest.mark.parametrize("size", SIZES)
def test_lock_timeout_dialog(snap_compare: Compare, size: tuple[int, int]) -> None:
    """`l` mid-run: the current 2000ms to edit, from the next statement on; `0` typed is refused."""

    async def timeout(pilot: Pilot[Any]) -> None:
        await feed_live_panes(pilot)
        await pilot.press("l", *["backspace"] * 6, "0", "enter")

    assert snap_compare(running_app(), terminal_size=size, run_before=timeout)


@pytest.mark.parametrize("size", SIZES)
def test_keys(snap_compare: Compare, size: tuple[int, int]) -> None:
    """`?` on the execute screen: every key, the hidden `r` too, with what it does."""
    assert snap_compare(app_at("execute", ran=False), terminal_size=size, press=["question_mark"])
