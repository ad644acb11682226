"""One vocabulary for risk: where the wizard names what lint rates `error`, it names the plan's verdict of the
same migrations in the same words `migwiz plan` uses (docs/rules/README.md, "Severity and the plan's
verdict")."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from textual.widgets import Static

from tests.tui.test_snapshots import SIZES, app_at


def text_of(widget: Static, width: int) -> str:
    console = Console(width=width, color_system=None, file=io.StringIO(), record=True)
    console.print(widget.content)
    return " ".join(console.export_text().split())


@pytest.mark.parametrize("size", SIZES)
async def test_impact_names_the_lint_errors_of_the_set_it_judges(size: tuple[int, int]) -> None:
    app = app_at("impact")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        verdict = text_of(app.screen.query_one("#verdict", Static), size[0] - 2)
        assert verdict.startswith("Verdict: dangerous · lint rates 0004, 0008 error · 5 locks"), verdict


async def test_the_confirmation_says_lint_and_plan_in_one_sentence() -> None:
    """0004 and 0008 are rated `error` by lint; the plan judged 0008 dangerous and 0004 safe (a small
    table): the confirmation says both, with `plan`'s words, not a second story."""
    from migwiz.tui.screens.execute import ExecuteScreen

    app = app_at("execute", ran=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExecuteScreen)
        question = screen.what_runs()
        assert question.startswith("Lint rates 2 of them error (plan: 0008 dangerous; 0004 safe): "), question
        assert "0004_order_items_product_fk.up.sql:3 constraint-not-valid-missing" in question
        assert question.endswith("Apply 5 pending migration(s) to shop?"), question


def test_every_check_passed_says_how_many_warn() -> None:
    """`every check passed` above a `! warn statistics` read as nothing to do: the warning is counted."""
    from migwiz.tui.backend import Check, VerifyReport

    passed = Check("drift", True, "", "pass")
    stale = Check("statistics", True, "fix: ANALYZE public.orders", "warn")
    assert VerifyReport((passed,)).verdict() == "every check passed"
    assert VerifyReport((passed, stale)).verdict() == "every check passed · 1 with a warning"
    failed = Check("drift", False, "", "fail")
    assert VerifyReport((failed, stale)).verdict() == "1 check(s) failed · 1 with a warning"


def test_several_migrations_need_a_quiet_window() -> None:
    from pathlib import Path

    from migwiz.engine.types import RiskyFinding
    from migwiz.tui.verdicts import lint_errors_sentence

    found = [RiskyFinding(v, Path(f"{v}.up.sql"), 3, "index-not-concurrent", "w") for v in ("0003", "0004")]
    sentence = lint_errors_sentence(found, {"0003": "quiet_window", "0004": "quiet_window"})
    assert sentence.startswith("Lint rates 2 of them error (plan: 0003, 0004 need a quiet window): ")


async def test_the_rollback_confirmation_names_what_it_reverts() -> None:
    """`Revert every migration newer than 0003` left the operator to work out which ones."""
    from migwiz.tui.screens.execute import ExecuteScreen

    app = app_at("execute", "rollback", ran=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExecuteScreen)
        question = screen.what_runs()
        expected = "Revert 0005 orders_amount_cents_expand, 0004 order_items_product_fk"
        assert question.startswith(expected), question
        assert question.endswith("(back to 0003) on shop, down scripts newest first?"), question
