"""Update a DataTable by key: drop stale rows, update changed cells, add new ones; the cursor stays put."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.console import RenderableType
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist

Cells = Sequence[RenderableType]


def sync_rows(table: DataTable[RenderableType], rows: Mapping[str, Cells]) -> None:
    """Make `table` show `rows` (key -> cells, in display order) with as few changes as possible.

    Call inside `app.batch_update()`. When only cells change, rows are updated in place. When the order
    must change, the table is rebuilt and the cursor goes back to the row (key) it was on.
    """
    columns = list(table.columns)
    cursor_key = selected_key(table)
    current = [str(k.value) for k in table.rows]
    wanted = list(rows)
    for key in current:
        if key not in rows:
            table.remove_row(key)
    kept = [k for k in current if k in rows]
    for key in kept:
        old = table.get_row(key)
        for col, (before, after) in zip(columns, zip(old, rows[key], strict=False), strict=False):
            if _differs(before, after):
                table.update_cell(key, col, after)
    for key in wanted:
        if key not in kept:
            table.add_row(*rows[key], key=key)
    if [str(k.value) for k in table.rows] != wanted:
        _rebuild(table, rows, cursor_key)
    elif cursor_key is not None and cursor_key in rows and selected_key(table) != cursor_key:
        table.move_cursor(row=wanted.index(cursor_key), animate=False)  # rows above it came or went


def _differs(before: object, after: object) -> bool:
    if type(before) is not type(after):
        return True
    if hasattr(before, "markup") and hasattr(after, "markup"):
        return bool(before.markup != after.markup)  # rich Text
    return before != after


def _rebuild(table: DataTable[RenderableType], rows: Mapping[str, Cells], cursor_key: str | None) -> None:
    table.clear()
    for key, cells in rows.items():
        table.add_row(*cells, key=key)
    if cursor_key is not None and cursor_key in rows:
        table.move_cursor(row=list(rows).index(cursor_key), animate=False)


def selected_key(table: DataTable[RenderableType]) -> str | None:
    """The key of the row under the cursor (None when the table is empty)."""
    if table.row_count == 0:
        return None
    try:
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
    except (RowDoesNotExist, Exception):
        return None
    return str(row_key.value) if row_key.value is not None else None
