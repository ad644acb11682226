"""Screens at 80×24 as an operator reads them: what a section shows, it shows whole; the why is on screen."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

from rich.console import Console
from textual.widgets import Static

from migwiz.tui.app import make_app
from tests.conftest import TestDatabase
from tests.tui import snapshot_data as fixed

DEMO_REASONS = (
    "0001: line 3 (ALTER TABLE ADD COLUMN) would wait: pid 1838 (postgres, migwiz-demo-workload) idle in"
    " transaction for 2.3 s, transaction open 2.3 s, holds AccessShareLock on public.orders; it waits up to"
    " 2.0 s (lock_timeout), then retries",
    "0005: line 3 (ALTER TABLE ADD COLUMN) would wait: pid 1838 (postgres, migwiz-demo-workload) idle in"
    " transaction for 2.3 s, holds AccessShareLock on public.orders",
    "0008: line 5 (ALTER TABLE SET DEFAULT) blocks reads and writes on public.orders for about 1.6 s",
)


def shown_lines(static: Static, width: int) -> list[str]:
    console = Console(width=width, file=io.StringIO(), color_system=None)
    console.print(static.content)
    return [line.rstrip() for line in console.file.getvalue().splitlines()]  # type: ignore[attr-defined]


async def test_the_impact_verdict_at_80_columns_is_whole() -> None:
    """The demo's verdict at 80 columns read `Verdict: needs a quiet window · lint rates 0003, 0004, 0008
    error · 13 locks ·` and the section (5 lines at most) cut its first reason in the middle."""
    data = fixed.full_data()
    data.plan = dataclasses.replace(
        fixed.impact(), verdict="quiet_window", reasons=DEMO_REASONS,
        source="planner: live sizes, default throughput (uncalibrated), current lock holders",
    )  # fmt: skip
    app = make_app(fixed.context("migrate"), data, start="impact")  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        verdict = app.screen.query_one("#verdict", Static)
        lines = shown_lines(verdict, verdict.content_region.width)
        assert len(lines) <= verdict.content_region.height, (lines, verdict.content_region)
        assert (
            lines[0].startswith("Verdict: needs a quiet window")
            and "lint rates 0004, 0008 error · 5 locks" in lines[0]
        ), lines
        assert not any(line.endswith("·") for line in lines), lines
        text = " ".join(" ".join(lines).split())
        whole = [r for r in DEMO_REASONS if r in text]
        assert whole, lines  # at least the worst reason, whole
        assert f"… {len(DEMO_REASONS) - len(whole)} more reason(s)" in text, lines


async def test_pending_says_why_a_migration_needs_a_quiet_window() -> None:
    """Pending said `quiet window` in the table and nothing about why (Impact did): the selected
    migration's reasons come above its script, in the planner's words; a safe one has none."""
    app = make_app(fixed.context("migrate"), fixed.full_data(), start="pending")  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        sql = app.screen.query_one("#sql", Static)
        assert "0004_order_items_product_fk.up.sql" in shown_lines(sql, 78)[0]  # safe: the script first
        await pilot.press("down")
        await pilot.pause()
        lines = shown_lines(sql, 78)
        assert lines[0] == "Needs a quiet window:", lines
        assert " ".join(" ".join(lines[1:3]).split()) == (
            "line 3 (ALTER TABLE ADD COLUMN) would wait: pid 4242 (shop-api) holds AccessShareLock on"
            " public.orders"
        ), lines
        assert lines[3].startswith("0005_orders_amount_cents_expand.up.sql (up)"), lines
        await pilot.press("d")  # the down script: the verdict is about the up
        await pilot.pause()
        assert shown_lines(sql, 78)[0].startswith("0005_orders_amount_cents_expand.down.sql (down)")


async def test_the_footer_offers_back_only_where_there_is_a_step_to_go_back_to() -> None:
    """The Target step's footer said `esc Back` and Esc did nothing there."""
    app = make_app(fixed.context("migrate"), fixed.full_data(), start="target")  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = {b.binding.action for b in app.active_bindings.values() if b.enabled}
        assert "back" not in shown and "migrate" in shown, shown
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.STEP == "pending"  # type: ignore[attr-defined]
        shown = {b.binding.action for b in app.active_bindings.values() if b.enabled}
        assert "back" in shown, shown


async def test_the_confirmation_asks_first_and_lists_lint_errors_a_line_each() -> None:
    """At 80×24 the dialog was one 13-line paragraph with the question at its very end: the question comes
    first, then what lint rates error one finding a line, and the answer field stays on the screen."""
    from textual.widgets import Input

    from migwiz.tui.screens.confirm import ConfirmModal, confirmation
    from migwiz.tui.screens.execute import ExecuteScreen
    from tests.tui.test_snapshots import app_at

    app = app_at("execute", ran=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExecuteScreen)
        app.push_screen(ConfirmModal(confirmation(*screen.asked()), "shop", blink=False))
        await pilot.pause()
        question = app.screen.query_one("#question", Static)
        lines = shown_lines(question, question.content_region.width)
        assert lines[0] == "Apply 5 pending migration(s) to shop?", lines
        assert lines[1].startswith("Lint rates 2 of them error (plan: 0008 dangerous; 0004 safe):"), lines
        findings = [x for x in lines if x.startswith("  00")]
        assert [x.split()[0] for x in findings] == [
            "0004_order_items_product_fk.up.sql:3", "0008_orders_status_enum.up.sql:6",
        ], lines  # fmt: skip
        assert lines[-1] == "Nothing touches the target before you confirm.", lines
        answer = app.screen.query_one("#answer", Input)
        assert answer.region.bottom <= 24 and answer.has_focus, answer.region


def test_the_wait_for_a_lock_says_why_and_how_long_first() -> None:
    """At 80 columns the demo's title read `Progress: 0007_orders_amount_cents_contract statement 1 …`:
    the wait and its length were cut, the one thing an operator must see then."""
    from datetime import UTC, datetime, timedelta

    from migwiz.tui.widgets.indent import UnitText
    from migwiz.tui.widgets.progress_pane import waiting_title

    since = datetime(2026, 12, 6, 3, 0, tzinfo=UTC)
    title = waiting_title("0007_orders_amount_cents_contract statement 1", "waiting outside the lock queue",
                          since, since + timedelta(seconds=12))  # fmt: skip
    console = Console(width=78, file=io.StringIO(), color_system=None)
    console.print(UnitText(title, one_line=True))
    line = console.file.getvalue().rstrip("\n")  # type: ignore[attr-defined]
    assert "\n" not in line and line.startswith("Progress: waiting outside the lock queue · 12 s"), line
    wide = Console(width=120, file=io.StringIO(), color_system=None)
    wide.print(UnitText(title, one_line=True))
    assert wide.file.getvalue().rstrip().endswith("· 0007_orders_amount_cents_contract statement 1")  # type: ignore[attr-defined]


async def test_esc_back_is_not_offered_while_a_run_executes() -> None:
    """The footer said `esc Back` during the run; Esc then only said to abort first."""
    from migwiz.engine.types import RunControl
    from tests.tui.test_snapshots import app_at

    app = app_at("execute", ran=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.check_action("back", ()) is True
        app.control = RunControl()
        assert app.screen.check_action("back", ()) is False
        assert app.screen.check_action("abort", ()) is True
        app.control.done.set()
        assert app.screen.check_action("back", ()) is True


async def test_the_header_keeps_the_target_step_and_mode_whole_at_80_columns() -> None:
    """`migwiz · deploy@db.internal:5432/shop · step 7/8 Verify & rollback test` left no room for the
    `[demo]` / `[rollback]` tag: the brand goes first."""
    from migwiz.tui.widgets.header import WizardHeader

    app = make_app(fixed.context("rollback", demo=True), fixed.full_data(), start="verify")  # type: ignore[arg-type]
    app.use_flow("rollback")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        header = app.screen.query_one(WizardHeader)
        line = shown_lines(header, 200)[0]
        assert line.endswith("Verify & rollback test  [demo rollback]"), line
        assert line.startswith("deploy@db.internal:5432/shop · 5/6 "), line
        assert len(line) <= 78, line
    app = make_app(fixed.context("migrate"), fixed.full_data(), start="impact")  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert shown_lines(app.screen.query_one(WizardHeader), 200)[0].startswith("migwiz · deploy@")


def test_the_wizard_docstring_examples() -> None:
    import doctest

    from migwiz.tui import verdicts
    from migwiz.tui.widgets import header

    for module in (header, verdicts):
        result = doctest.testmod(module)
        assert result.attempted >= 2 and result.failed == 0, module


async def test_refresh_is_offered_only_where_the_step_asks_the_engine() -> None:
    """Summary's footer said `r Refresh`; r then said `loading…` for ever (the summary loads nothing)."""
    from tests.tui.test_snapshots import app_at

    app = app_at("summary")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = {b.binding.action for b in app.active_bindings.values() if b.enabled}
        assert "refresh" not in shown and "export" in shown, shown
    app = app_at("verify")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "refresh" in {b.binding.action for b in app.active_bindings.values() if b.enabled}


def test_the_target_step_warns_of_another_tools_history(db_latest: TestDatabase, tmp_path: Path) -> None:
    """A Diesel-managed database (ChirpStack-like, migwiz never ran): Target said `none applied · 0 applied,
    3 pending` and nothing else, one key away from a run the engine refuses. It names the tool, its table,
    what it applied, and the command to run first."""
    from migwiz.engine import commands
    from migwiz.engine.sets import load_migration_set
    from migwiz.tui import backend
    from tests.helpers import write_migrations

    folder = write_migrations(
        tmp_path / "m",
        {
            "2024-01-01-000000_create_users/up.sql": "CREATE TABLE users (id bigint PRIMARY KEY);\n",
            "2024-02-01-120000_add_name/up.sql": "ALTER TABLE users ADD COLUMN name text;\n",
            "2024-03-01-000000_orders/up.sql": "CREATE TABLE orders (id bigint PRIMARY KEY);\n",
        },
    )
    db_latest.execute(
        "CREATE TABLE __diesel_schema_migrations (version VARCHAR(50) PRIMARY KEY NOT NULL,"
        " run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)"
    )
    db_latest.execute("CREATE TABLE users (id bigint PRIMARY KEY, name text)")
    db_latest.execute(
        "INSERT INTO __diesel_schema_migrations (version) VALUES ('20240101000000'), ('20240201120000')"
    )
    view = backend.target_info(commands.Project.of(db_latest.dsn, load_migration_set(folder)))
    assert (
        "diesel keeps this database's history (public.__diesel_schema_migrations: 2 of 3 applied):"
        " `migwiz adopt --from diesel` before migrating"
    ) in view.warnings, view.warnings


async def test_impact_with_long_versions_and_names_fits_the_screen() -> None:
    """ChirpStack's Diesel versions (`2025-11-11-140459-0000`) and relation names pushed `blk` and `fix`
    past the right edge at 80 columns (the fix kept its 20 cells off screen): the fix gives way last, the
    detail pane has it, and the table fits."""
    from migwiz.tui.widgets.fit_table import FitTable

    data = fixed.full_data()
    plan = fixed.impact()
    rows = tuple(
        dataclasses.replace(r, version="2025-11-11-140459-0000", relation="public.device_profile_template")
        for r in plan.rows
    )
    data.plan = dataclasses.replace(plan, rows=rows)
    app = make_app(fixed.context("migrate"), data, start="impact")  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#impact", FitTable)
        widths = {str(k.value): c.width for k, c in table.columns.items()}
        assert sum(widths.values()) + 2 * len(widths) <= 78, widths
        assert widths["version"] >= len("2025-11-11-140459-0000"), widths
        assert widths["relation"] >= len("public.device_profile_template"), widths
        assert "blockers" in widths and "fix" not in widths, widths
        detail = " ".join(shown_lines(app.screen.query_one("#detail", Static), 78))
        assert "fix: ADD CONSTRAINT ... NOT VALID" in detail, detail


def test_recent_changes_by_is_whole_or_hidden() -> None:
    """`by` was cut to 8 cells (`deploy@…`) on Recent changes at 80 columns, as `who` was in the lock pane."""
    from migwiz.tui.screens.recent import COLUMNS
    from migwiz.tui.widgets.fit_table import fit

    natural = [22, 44, 4, 16, len("deploy@ci-runner-7f3a"), 8]  # a Diesel version, a long name
    for width in (78, 98, 118, 160):
        widths = fit(COLUMNS, natural, width)
        assert "by" not in widths or widths["by"] >= natural[4], (width, widths)
    assert "by" in fit(COLUMNS, natural, 160)
