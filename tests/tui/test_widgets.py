"""Widgets and helpers without a server: keyed table updates keep the cursor, rate/ETA, Markdown export."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from migwiz.engine.run.waits_caused import longest_wait_caused
from migwiz.tui.execution import Rate
from migwiz.tui.markdown import summary_markdown
from migwiz.tui.widgets.keyed_table import selected_key, sync_rows
from tests.tui import snapshot_data as fixed


class TableApp(App[None]):
    def compose(self) -> ComposeResult:
        table: DataTable[Text] = DataTable(cursor_type="row")
        table.add_columns("key", "value")
        yield table


def rows(**values: str) -> dict[str, tuple[Text, Text]]:
    return {k: (Text(k), Text(v)) for k, v in values.items()}


async def test_sync_rows_keeps_the_cursor_on_its_row() -> None:
    app = TableApp()
    async with app.run_test() as pilot:
        table = app.query_one(DataTable)
        sync_rows(table, rows(a="1", b="2", c="3"))
        await pilot.press("down")
        assert selected_key(table) == "b"
        sync_rows(table, rows(b="20", c="3", d="4"))  # a dropped, b changed, d added
        assert selected_key(table) == "b"
        assert [str(table.get_row_at(i)[1]) for i in range(table.row_count)] == ["20", "3", "4"]
        sync_rows(table, rows(d="4", b="20"))  # new order: rebuilt, cursor follows its key
        assert selected_key(table) == "b" and table.cursor_row == 1


def test_rate_and_eta() -> None:
    rate = Rate()
    assert rate.per_second() is None
    rate.add(100, at=10.0)
    rate.add(300, at=12.0)
    assert rate.per_second() == 100.0
    assert rate.eta(1300) == 10.0
    rate.add(50, at=13.0)  # the counter restarted: a new operation
    assert rate.per_second() is None


def test_longest_wait_we_caused() -> None:
    assert longest_wait_caused(fixed.lock_snapshot()) == 1.8


def test_markdown_summary() -> None:
    text = summary_markdown(fixed.run_summary(), fixed.verify())
    assert "- longest lock wait we caused others: 1.8 s" in text
    assert "- lock_timeout at the end: 2.0 s" in text
    assert "| 0008 | orders_status_enum | failed |" in text
    assert "`migwiz log --run 3f2a9c1e`" in text
    assert "- FAILED: drift" in text


def test_the_verified_dump_never_parts_a_size_or_a_duration_from_its_unit() -> None:
    """At 80 columns the Backup step's dump line wrapped as `… · 34.0` / `MB · 9.6 s`."""
    import itertools
    from pathlib import Path

    from rich.console import Console

    from migwiz.engine.backup.dump import DumpResult, TableRef
    from migwiz.engine.servers.pgtools import ClientProgram
    from migwiz.tui.screens.backup import render_dump

    path = Path("/work/wt/merge/backups/shop-20261206T190258Z-auto.dump")
    pg_dump = ClientProgram("pg_dump", Path("pg_dump"), 18, "18.1")
    result = DumpResult(
        path, 34_000_000, "ab" * 32, "auto", (TableRef("public", "orders"),), pg_dump, 18, 9.6, 3
    )
    for width in range(60, 100):
        console = Console(width=width, record=True, color_system=None)
        console.print(render_dump(result))
        lines = console.export_text().splitlines()
        assert all(len(line) <= width for line in lines)
        for line, after in itertools.pairwise(lines):
            assert not (line.rstrip()[-1:].isdigit() and after.lstrip().startswith(("MB", "s ", "s\n"))), (
                width,
                line,
                after,
            )
