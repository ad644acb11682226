"""A DataTable whose text column (SQL, a fix) gets the width that is left, at least 20 cells.

The other columns keep their natural width (the widest cell or label); when that leaves the text column
too narrow, the columns marked `shrink` give up width down to their minimum, then the columns with a `hide`
rank disappear, lowest rank first, the text column itself last when names leave it no 20 cells (a table
wider than the screen hides its right side). The full text belongs in the screen's detail pane.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rich.console import RenderableType
from rich.text import Text
from textual import events
from textual.widgets import DataTable

from migwiz.tui.widgets.keyed_table import Cells, sync_rows

MIN_FLEX = 20


@dataclass(frozen=True)
class Col:
    """One column: `flex` takes what is left (`whole`: at least its widest cell, a name never cut);
    `shrink` is its minimum width; `hide` its hiding rank."""

    key: str
    label: str
    flex: bool = False
    shrink: int | None = None
    hide: int | None = None
    whole: bool = False


def _width(cell: RenderableType) -> int:
    if isinstance(cell, Text):
        return max((len(line) for line in cell.plain.splitlines()), default=0)
    return len(str(cell))


def natural_widths(cols: Sequence[Col], rows: Sequence[Cells]) -> list[int]:
    """Per column, the widest of its label and cells."""
    return [max([len(c.label), *(_width(r[i]) for r in rows if i < len(r))]) for i, c in enumerate(cols)]


def fit(cols: Sequence[Col], natural: Sequence[int], available: int, padding: int = 1) -> dict[str, int]:
    """Widths of the columns shown in `available` cells (hidden ones are absent).

    >>> cols = [Col("a", "a"), Col("b", "b", shrink=4), Col("c", "c", hide=1), Col("sql", "sql", flex=True)]
    >>> fit(cols, [5, 10, 6, 40], 80)
    {'a': 5, 'b': 10, 'c': 6, 'sql': 51}
    >>> fit(cols, [5, 10, 6, 40], 44)
    {'a': 5, 'b': 5, 'c': 6, 'sql': 20}
    >>> fit(cols, [5, 10, 6, 40], 36)
    {'a': 5, 'b': 5, 'sql': 20}
    >>> last = [*cols[:3], Col("sql", "sql", flex=True, hide=2)]
    >>> fit(last, [5, 10, 6, 40], 30)  # no 20 cells for the text even with `c` gone: it goes too
    {'a': 5, 'b': 10}
    >>> names = [Col("v", "v"), Col("name", "name", flex=True, whole=True), Col("phase", "phase", hide=1)]
    >>> fit(names, [4, 28, 8], 46), fit(names, [4, 28, 8], 40)
    ({'v': 4, 'name': 28, 'phase': 8}, {'v': 4, 'name': 32})
    """
    widths = {c.key: n for c, n in zip(cols, natural, strict=True) if not c.flex}
    flex = [c for c in cols if c.flex]
    floors = {c.key: max(MIN_FLEX, n) if c.whole else MIN_FLEX for c, n in zip(cols, natural, strict=True)}

    def left() -> int:
        used = sum(widths.values()) + 2 * padding * (len(widths) + len(flex))
        return available - used

    def need() -> int:
        return sum(floors[c.key] for c in flex)

    for c in cols:  # shrink, in column order, only as far as needed
        if c.shrink is not None and left() < need():
            widths[c.key] = max(c.shrink, widths[c.key] - (need() - left()))
    for c in sorted((c for c in cols if c.hide is not None), key=lambda c: c.hide or 0):
        if left() >= need():
            break
        if c.flex:  # the text column itself, when the names leave it no 20 cells (the detail has it)
            flex.remove(c)
        else:
            del widths[c.key]
    for c, n in zip(cols, natural, strict=True):  # give back what hiding made needless
        if c.key in widths and not c.flex and widths[c.key] < n and left() > need():
            widths[c.key] = min(n, widths[c.key] + left() - need())
    share = left() // max(len(flex), 1)
    for c in flex:
        widths[c.key] = max(floors[c.key], share)
    return {c.key: widths[c.key] for c in cols if c.key in widths}


class FitTable(DataTable[RenderableType]):
    """A keyed table laid out by `fit` whenever its width or its rows change."""

    def __init__(self, cols: Sequence[Col], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.cols = tuple(cols)
        self.full: dict[str, Cells] = {}
        self.shown: dict[str, int] = {}

    def on_mount(self) -> None:
        self._layout()

    def set_rows(self, rows: Mapping[str, Cells]) -> None:
        """Show `rows` (key -> one cell per Col, in display order); hidden columns' cells are dropped."""
        self.full = dict(rows)
        if not self._layout():
            sync_rows(self, self._project())

    def on_resize(self, event: events.Resize) -> None:
        self._layout()

    def _project(self) -> dict[str, Cells]:
        keep = [i for i, c in enumerate(self.cols) if c.key in self.shown]
        return {key: [cells[i] for i in keep] for key, cells in self.full.items()}

    def _layout(self) -> bool:
        """Recompute the widths; rebuild the columns when they changed. True when rebuilt."""
        available = self.size.width - 2 if self.size.width else 1000  # room for the vertical scrollbar
        natural = natural_widths(self.cols, list(self.full.values()))
        widths = fit(self.cols, natural, available, self.cell_padding)
        if widths == self.shown:
            return False
        self.shown = widths
        cursor = self.cursor_row
        self.clear(columns=True)
        for c in self.cols:
            if c.key in widths:
                self.add_column(c.label, key=c.key, width=widths[c.key])
        for key, cells in self._project().items():
            self.add_row(*cells, key=key)
        if self.row_count:
            self.move_cursor(row=min(cursor, self.row_count - 1), animate=False)
        return True
