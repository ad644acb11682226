"""CLI tables that keep names whole at any width (80 columns, a pipe, a narrower terminal).

Before a table renders: columns with no value in any row (empty or `–`) are dropped; versions, ids and
names (one word per cell, or headed `name`) are never cut or wrapped: `add_index_to_crates` never reads
`add_index_to_` / `crates`; prose columns (details, notes, timestamps) shrink (to 20 cells, then to 10,
never below their longest word) and wrap at spaces. No cell is cut inside a word and continued below.
A table may name columns that other columns or lines repeat (`droppable`): they go first, in order.
A table may name one prose column that moves under the table (`below`) when it would get fewer than 20
cells: each row's text then follows the table as `<first cell>  text`, wrapped under its start.
A table a cell or two too wide takes one space between columns instead of two.
A table that still does not fit (names too long or too many columns for the width) prints each row as
`column  value` lines instead, as psql's expanded display does; a name longer than the line there runs
past it whole (the terminal folds it, a file keeps it on one line).
Written to a file or a pipe (not a terminal, no `COLUMNS`), a table takes the width its cells need:
a file has no width, and `grep` finds every row on one line.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.table import Column, Table
from rich.text import Text

from migwiz.present import unit_breaks

WHOLE = frozenset({"version", "id", "line"})
"""Headers whose cells are never shortened (a cut version is a different version)."""
NAMES = frozenset({"name", "change", "table", "migration"})
"""Headers of name columns: kept on one line, shortened with an ellipsis only as a last resort."""
PROSE_FLOOR = 20
PROSE_LAST = 10
_PARTS = re.compile(r"[^_\-.\s]+[_\-.\s]*|[_\-.\s]+")


def _unbounded(console: Console) -> bool:
    """Writing to a file or a pipe with no width asked for (no `width=`, no `COLUMNS`)."""
    asked = getattr(console, "_width", None) is not None or "COLUMNS" in os.environ
    return not console.is_terminal and not asked


def _plain(cell: RenderableType) -> str | None:
    """A cell's text (None when it is not text: a nested renderable)."""
    if isinstance(cell, Text):
        return cell.plain
    if isinstance(cell, str):
        return Text.from_markup(cell).plain
    return None


def _width(texts: Sequence[str]) -> int:
    return max((cell_len(line) for t in texts for line in t.splitlines() or [""]), default=0)


def _shrink(widths: list[int], floors: list[int], order: Sequence[int], excess: int) -> int:
    """Take up to `excess` cells from columns `order` (widest first) down to their floors; what is left."""
    while excess > 0:
        room = [i for i in order if widths[i] > floors[i]]
        if not room:
            break
        widest = max(room, key=lambda i: widths[i])
        widths[widest] -= 1
        excess -= 1
    return excess


class FitTable(Table):
    """A rich Table that drops empty columns and shares the width as the module doc says; `droppable`
    headers (what other columns or lines below repeat) go, in that order, before rows become records."""

    droppable: tuple[str, ...] = ()
    below: str | None = None
    """Header of a prose column printed under the table, row by row, when it would be narrower than 20."""
    whole: frozenset[str] = frozenset()
    """Headers of columns whose cells are quantities (`511 k / 1.0 M`): never wrapped, like versions."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        kept: list[Column] = []
        texts: list[list[str]] = []
        for column in self.columns:
            plain = [_plain(c) for c in column.cells]
            if plain and all(p is not None and p.strip() in ("", "–") for p in plain):
                continue
            kept.append(column)
            texts.append([p or "" for p in plain])
        droppable = [d for d in self.droppable if d in {str(c.header).lower() for c in kept}]
        notes: list[tuple[str, RenderableType]] = []
        while True:
            header = [str(c.header).lower() for c in kept]
            widths, prose, room, excess = _fit(header, texts, console, options, self.whole)
            if self.below in header and not _unbounded(console):
                at = header.index(self.below)  # the `below` column goes under the table before a drop
                rest, rest_texts = kept[:at] + kept[at + 1 :], texts[:at] + texts[at + 1 :]
                fit = _fit(header[:at] + header[at + 1 :], rest_texts, console, options, self.whole)
                if (excess > 0 or widths[at] < min(PROSE_FLOOR, _width(texts[at]))) and fit[3] <= 0:
                    notes = _grouped(texts[0], texts[at], kept[at]._cells)
                    kept, texts, header = rest, rest_texts, header[:at] + header[at + 1 :]
                    widths, prose, room, excess = fit
            if excess <= 0 or not droppable:
                break
            gone = header.index(droppable.pop(0))
            del kept[gone], texts[gone]
        if 0 < excess <= len(kept) - 1:  # a cell or two too wide: one space between columns, not records
            header = [str(c.header).lower() for c in kept]
            widths, prose, room, excess = _fit(header, texts, console, options, self.whole, gap=1)
            self.padding = (0, 1, 0, 0)
        for n, column in enumerate(kept):
            column._index = n
        self.columns = kept
        if excess > 0:
            yield from _records(kept, [str(c.header) for c in kept], prose)  # one record per row
            return
        options = options.update(width=max(room, options.max_width))
        for column, width, is_prose in zip(kept, widths, prose, strict=True):
            column.width = width
            column.no_wrap = not is_prose
            column.overflow = "fold" if is_prose else "ignore"
            if is_prose:  # wrapped at spaces, a number kept with its unit (`337.6 MB`, never `337.6` / `MB`)
                column._cells = [_unit_wrapped(cell, width) for cell in column._cells]
        yield from super().__rich_console__(console, options)
        yield from _notes(notes)


def _grouped(
    keys: Sequence[str], texts: Sequence[str], cells: Sequence[RenderableType]
) -> list[tuple[str, RenderableType]]:
    """The `below` column's (label, cell) pairs: empty ones left out, a run of rows with the same text
    once, labelled `first … last (n)`.

    >>> texts = ["a", "a", "a", "", "b"]
    >>> [k for k, _ in _grouped(["1", "2", "3", "4", "5"], texts, texts)]
    ['1 … 3 (3)', '5']
    """
    found: list[tuple[str, RenderableType]] = []
    n = 0
    while n < len(keys):
        end = n
        while end + 1 < len(keys) and texts[end + 1] == texts[n]:
            end += 1
        if texts[n].strip() not in ("", "–"):
            found.append((keys[n] if end == n else f"{keys[n]} … {keys[end]} ({end - n + 1})", cells[n]))
        n = end + 1
    return found


def _notes(notes: Sequence[tuple[str, RenderableType]]) -> RenderResult:
    """The `below` column's texts under the table: the row's first cell, then its text wrapped under it."""
    label = max((cell_len(key) for key, _ in notes), default=0)
    for key, cell in notes:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True, width=label)
        grid.add_column(overflow="fold")
        grid.add_row(key, cell)
        yield grid


def _fit(
    header: Sequence[str],
    texts: Sequence[Sequence[str]],
    console: Console,
    options: ConsoleOptions,
    whole: frozenset[str] = frozenset(),
    gap: int = 2,
) -> tuple[list[int], list[bool], int, int]:
    """Column widths, which columns are prose, the room, and by how much the table is still too wide."""
    prose = [
        h not in WHOLE | NAMES | whole and any(len(t.split()) > 1 for t in cells)
        for h, cells in zip(header, texts, strict=True)
    ]
    natural = [max(_width(cells), cell_len(h)) for h, cells in zip(header, texts, strict=True)]
    widths = list(natural)
    gaps = gap * (len(header) - 1)
    room = sum(widths) + gaps if _unbounded(console) else options.max_width
    excess = sum(widths) + gaps - room
    if excess > 0:
        heads = [cell_len(h) for h in header]
        prose_cols = [i for i, p in enumerate(prose) if p]
        # prose to 20 cells, then to 10 (or its header, or its longest word: a word is never cut)
        words = [max((cell_len(w) for t in cells for w in t.split()), default=0) for cells in texts]
        for floor in (PROSE_FLOOR, PROSE_LAST):
            floors = [min(natural[i], max(floor, heads[i], words[i])) for i in range(len(header))]
            excess = _shrink(widths, floors, prose_cols, excess)
    return widths, prose, room, excess


def _unit_wrapped(cell: RenderableType, width: int) -> RenderableType:
    """A prose cell broken into lines of at most `width` cells where `unit_breaks` allows (styles kept)."""
    if isinstance(cell, str):
        cell = Text.from_markup(cell)
    if not isinstance(cell, Text):
        return cell
    lines = [
        line
        for paragraph in cell.split("\n", allow_blank=True)
        for line in paragraph.divide(unit_breaks(paragraph.plain, width))
    ]
    for line in lines:
        line.rstrip()
    return Text("\n").join(lines)


def _records(columns: Sequence[Column], header: Sequence[str], prose: Sequence[bool]) -> RenderResult:
    """Each row as `column  value` lines (as psql's expanded display), rows apart by a blank line: what a
    table too wide for the terminal shows without cutting a version or a name. Prose values wrap at
    spaces under their value column; a version or a name stays on its line, however long."""
    rows = max((len(c._cells) for c in columns), default=0)
    label = max((cell_len(h) for h in header), default=0)
    for n in range(rows):
        if n:
            yield Text("")
        for column, name, is_prose in zip(columns, header, prose, strict=True):
            cell = column._cells[n] if n < len(column._cells) else ""
            plain = _plain(cell)
            if plain in ("", "–"):
                continue
            if is_prose or plain is None:
                grid = Table.grid(padding=(0, 2))
                grid.add_column(style="bold", no_wrap=True, width=label)
                grid.add_column(overflow="fold")
                grid.add_row(name, cell)
                yield grid
                continue
            line = Text(name.ljust(label) + "  ", style="bold", no_wrap=True, overflow="ignore")
            yield line.append_text(cell if isinstance(cell, Text) else Text.from_markup(str(cell)))


def table(
    *columns: str,
    header_style: str = "bold",
    droppable: Sequence[str] = (),
    whole: Sequence[str] = (),
    below: str | None = None,
) -> FitTable:
    """A plain table (no box) that stays readable at 80 columns and without colour; `droppable`: headers
    that may go (in that order) when the table would not fit otherwise; `whole`: quantity columns never
    wrapped (a number stays with its unit); `below`: a prose column printed under the table when it would
    be narrower than 20 cells."""
    t = FitTable(box=None, pad_edge=False, show_edge=False, header_style=header_style)
    t.droppable = tuple(droppable)
    t.below = below.lower() if below else None
    t.whole = frozenset(w.lower() for w in whole)
    for column in columns:
        t.add_column(column)
    return t
