"""Tables at 80 columns: the SQL or fix column keeps at least 20 cells, the others shrink or hide."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from textual.widgets import Static

from migwiz.tui.screens.impact import fix_summary
from migwiz.tui.widgets.fit_table import MIN_FLEX, Col, FitTable, fit
from tests.tui.test_snapshots import SIZES, app_at, feed_live_panes

COLS = [
    Col("ver", "ver"),
    Col("rel", "relation", shrink=10),
    Col("size", "size", hide=2),
    Col("rows", "rows", hide=1),
    Col("sql", "sql", flex=True),
]
NATURAL = [4, 18, 8, 6, 60]


def room(widths: dict[str, int]) -> int:
    return sum(widths.values()) + 2 * len(widths)


def test_a_wide_table_shows_every_column_and_gives_the_rest_to_sql() -> None:
    widths = fit(COLS, NATURAL, 120)
    assert widths == {"ver": 4, "rel": 18, "size": 8, "rows": 6, "sql": 74}
    assert room(widths) == 120


def test_narrow_shrinks_first_then_hides_in_rank_order() -> None:
    widths = fit(COLS, NATURAL, 64)  # shrinking relation to 16 is enough
    assert widths == {"ver": 4, "rel": 16, "size": 8, "rows": 6, "sql": 20} and room(widths) == 64
    widths = fit(COLS, NATURAL, 54)  # relation at 10 is not: rows hides, relation gets width back
    assert list(widths) == ["ver", "rel", "size", "sql"] and widths["sql"] == 20 and room(widths) == 54
    widths = fit(COLS, NATURAL, 40)  # then size
    assert list(widths) == ["ver", "rel", "sql"] and widths["rel"] >= 10 and widths["sql"] >= MIN_FLEX


def test_sql_never_gets_less_than_the_minimum() -> None:
    assert fit(COLS, NATURAL, 10)["sql"] == MIN_FLEX


def shown(app: object, selector: str) -> dict[str, int]:
    table = app.screen.query_one(selector, FitTable)  # type: ignore[attr-defined]
    return {str(k.value): c.width for k, c in table.columns.items()}


@pytest.mark.parametrize("size", SIZES)
async def test_impact_fix_column_fits(size: tuple[int, int]) -> None:
    """Impact at 80×24 and 100×30: `fix` has 20+ cells, the table fits the screen, the detail has it all."""
    app = app_at("impact")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        widths = shown(app, "#impact")
        assert widths["fix"] >= MIN_FLEX, widths
        assert room(widths) <= size[0] - 2, widths
        assert ("rows" in widths) == (size[0] >= 100), widths
        longest = max(len(r.relation) for r in app.data.plan.rows)  # type: ignore[union-attr]
        assert widths["relation"] >= longest == len("public.order_items"), widths  # names stay whole
        console = Console(width=size[0], record=True, file=io.StringIO())
        console.print(app.screen.query_one("#detail", Static).content)
        detail = " ".join(console.export_text().split())
        assert "fix: ADD CONSTRAINT ... NOT VALID; then VALIDATE CONSTRAINT in its own migration" in detail


@pytest.mark.parametrize("size", SIZES)
async def test_dry_run_statement_and_lock_query_fit(size: tuple[int, int]) -> None:
    app = app_at("dryrun")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        widths = shown(app, "#dry")
        assert widths["sql"] >= MIN_FLEX and room(widths) <= size[0] - 2, widths
    app = app_at("execute", ran=False)
    async with app.run_test(size=size) as pilot:
        await feed_live_panes(pilot)
        widths = shown(app, "#lock-table")
        assert widths["query"] >= MIN_FLEX and room(widths) <= size[0] - 2, widths
        assert widths["relation"] >= len("public.orders"), widths  # a relation's name is never cut


def test_the_fix_cell_shows_sql_before_comments() -> None:
    fix = "-- migwiz:no-transaction\nCREATE INDEX CONCURRENTLY i\n    ON t (c);"
    assert fix_summary(fix) == "CREATE INDEX CONCURRENTLY i ON t (c);"
    assert fix_summary("-- end the transaction before this statement") == (
        "-- end the transaction before this statement"
    )
    assert fix_summary(None) == ""


def test_the_impact_screens_examples() -> None:
    """The detail's facts (what the narrow table hides) and the fix summary, as their docstrings show."""
    import doctest

    from migwiz.tui.screens import impact
    from migwiz.tui.widgets import lock_pane

    result = doctest.testmod(impact)
    assert result.attempted >= 3 and result.failed == 0
    result = doctest.testmod(lock_pane)
    assert result.attempted >= 1 and result.failed == 0


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    ("step", "mode", "table"), [("pending", "migrate", "#migrations"), ("recent", "rollback", "#applied")]
)
async def test_migration_names_stay_whole(step: str, mode: str, table: str, size: tuple[int, int]) -> None:
    """Pending and Recent changes at 80×24 and 100×30: every migration's name fits its column (the down,
    phase, run and who columns give way first) and the table fits the screen."""
    app = app_at(step, mode)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        widths = shown(app, table)
        found = app.screen.query_one(table, FitTable)
        names = [str(cells[1].plain) for cells in found.full.values()]  # type: ignore[union-attr]
        assert names and widths["name"] >= max(map(len, names)) >= len("orders_amount_cents_contract") - 4
        assert room(widths) <= size[0] - 2, widths


def screen_lines(widget: Static) -> list[str]:
    """A Static's text as the screen shows it (at its content width)."""
    console = Console(width=widget.content_region.width, color_system=None, file=io.StringIO(), record=True)
    console.print(widget.content)
    return console.export_text().splitlines()


@pytest.mark.parametrize("size", SIZES)
async def test_impact_verdict_keeps_numbers_with_their_units(size: tuple[int, int]) -> None:
    """At 80×24 the reason `… for about 23 s` ended one line with `23` and began the next with `s`."""
    app = app_at("impact")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        lines = screen_lines(app.screen.query_one("#verdict", Static))
        reason = next(n for n, line in enumerate(lines) if "0008: rewrites" in line)
        assert any(line.strip().endswith("23 s") for line in lines[reason : reason + 2]), lines
        assert not any(line.rstrip().endswith(("23", "1.4")) for line in lines), lines
        assert all(line.startswith("  ") for line in lines[reason + 1 : reason + 2]), lines  # indent kept
        detail = screen_lines(app.screen.query_one("#detail", Static))
        assert not any(line.rstrip().endswith((" 23", " 1.4", " 10")) for line in detail), detail


def test_dry_run_locks_show_the_strongest_first() -> None:
    """The `strongest lock` cell shows what blocks most (AccessExclusive before ShareRowExclusive before
    AccessShare, a table before its index), never a lock on what the statement itself made (a CREATE
    INDEX's AccessExclusive on its new index showed first); the detail lists them all in that order."""
    from dataclasses import replace

    from migwiz.engine.types import TracedLock
    from migwiz.tui.screens.dryrun import lock_cell, lock_words
    from tests.tui import snapshot_data as fixed

    fk = fixed.dry_run().statements[0]
    locks = (
        TracedLock("public.products_pkey", "AccessShareLock", False, "index"),
        TracedLock("public.products", "ShareRowExclusiveLock", False, "table"),
        TracedLock("public.order_items_pkey", "ShareRowExclusiveLock", False, "index"),
        TracedLock("public.order_items", "AccessExclusiveLock", False, "table"),
    )
    assert lock_words(replace(fk, locks=locks)) == [
        "AccessExclusive public.order_items",
        "ShareRowExclusive public.products",
        "ShareRowExclusive public.order_items_pkey",
        "AccessShare public.products_pkey",
    ]
    assert lock_cell(replace(fk, locks=locks)) == "AccessExcl +1"  # products; indexes are not counted
    assert lock_cell(fk) == "ShareRowExcl +1"  # an FK: both tables, ShareRowExclusive
    index = (
        TracedLock("public.orders_created_at_idx", "AccessExclusiveLock", True, "index"),
        TracedLock("public.orders", "ShareLock", False, "table"),
    )
    assert lock_cell(replace(fk, locks=index)) == "Share"
    assert lock_words(replace(fk, locks=index)) == [
        "Share public.orders",
        "AccessExclusive public.orders_created_at_idx (made by it)",
    ]


@pytest.mark.parametrize("size", SIZES)
async def test_the_lock_panes_who_is_whole_or_hidden(size: tuple[int, int]) -> None:
    """At 80 columns `who` read `migwiz …` and `psql (s…`: a session's name is shown whole or not at all
    (Enter on the row shows it in full)."""
    from migwiz.tui.widgets.lock_pane import COLUMNS, lock_rows
    from tests.tui import snapshot_data as fixed

    app = app_at("execute", ran=False)
    async with app.run_test(size=size) as pilot:
        await feed_live_panes(pilot)
        widths = shown(app, "#lock-table")
        rows = lock_rows(fixed.lock_snapshot()).values()
        names = [cells[[c.key for c in COLUMNS].index("who")] for cells in rows]
        longest = max(len(str(getattr(n, "plain", n))) for n in names)
        assert "who" not in widths or widths["who"] >= longest, (widths, longest)
        assert widths["query"] >= MIN_FLEX and room(widths) <= size[0] - 2, widths
        if size[0] >= 100:
            assert "who" in widths, widths
