"""CLI tables that keep names whole at any width (80 columns, a pipe, a narrower terminal).

Before a table renders: columns with no value in any row (empty or `–`) are dropped; versions and ids
are never cut or wrapped; prose columns (details, notes, timestamps) shrink first (to 20 cells, then to
10) and wrap at spaces; name columns (one word per cell, or headed `name`) wrap where
their words meet (`_`, `-`, `.`, a space), so
`add_index_to_crates` may read `add_index_to_` / `crates` but never `add_ind` / `ex_to_crates`. A single
word longer than its column ends with an ellipsis (a prose column never shrinks below its longest word).
No cell is cut inside a word and continued below.
A table that still does not fit (too many columns for the width) prints each row as `column  value`
lines instead, as psql's expanded display does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.table import Column, Table
from rich.text import Text

WHOLE = frozenset({"version", "id", "line"})
"""Headers whose cells are never shortened (a cut version is a different version)."""
NAMES = frozenset({"name", "change", "table", "migration"})
"""Headers of name columns: kept on one line, shortened with an ellipsis only as a last resort."""
PROSE_FLOOR = 20
NAME_FLOOR = 20
PROSE_LAST = 10
_PARTS = re.compile(r"[^_\-.\s]+[_\-.\s]*|[_\-.\s]+")


def wrap_name(name: str, width: int) -> str:
    r"""`name` in lines of at most `width` cells, broken only after `_`, `-`, `.` or a space.

    >>> wrap_name("remove_unused_indexes_from_crates", 14)
    'remove_unused_\nindexes_from_\ncrates'
    >>> wrap_name("short", 14)
    'short'
    """
    lines: list[str] = []
    line = ""
    for part in _PARTS.findall(name):
        if line and cell_len(line + part.rstrip()) > width:
            lines.append(line.rstrip())
            line = ""
        line += part
    lines.append(line.rstrip())
    return "\n".join(lines)


def _longest_part(texts: Sequence[str]) -> int:
    return max((cell_len(p.rstrip()) for t in texts for p in _PARTS.findall(t)), default=0)


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


def _wrapped(cell: RenderableType, width: int) -> RenderableType:
    """A name cell broken into lines by `wrap_name` (its style kept); other renderables unchanged."""
    if isinstance(cell, Text):
        return Text(wrap_name(cell.plain, width), style=cell.style)
    if isinstance(cell, str):
        text = Text.from_markup(cell)
        return Text(wrap_name(text.plain, width), style=text.style)
    return cell


class FitTable(Table):
    """A rich Table that drops empty columns and shares the width as the module doc says."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        kept: list[Column] = []
        texts: list[list[str]] = []
        for column in self.columns:
            plain = [_plain(c) for c in column.cells]
            if plain and all(p is not None and p.strip() in ("", "–") for p in plain):
                continue
            column._index = len(kept)
            kept.append(column)
            texts.append([p or "" for p in plain])
        self.columns = kept
        header = [str(c.header).lower() for c in kept]
        prose = [
            h not in WHOLE | NAMES and any(len(t.split()) > 1 for t in cells)
            for h, cells in zip(header, texts, strict=True)
        ]
        natural = [max(_width(cells), cell_len(h)) for h, cells in zip(header, texts, strict=True)]
        widths = list(natural)
        gaps = 2 * (len(kept) - 1)
        excess = sum(widths) + gaps - options.max_width
        if excess > 0:
            heads = [cell_len(h) for h in header]
            prose_cols = [i for i, p in enumerate(prose) if p]
            names = [i for i, h in enumerate(header) if not prose[i] and h not in WHOLE]
            # prose to 20 cells, then to 10 (or its header, or its longest word: a word is never cut),
            # names to 20, names to their longest word
            words = [max((cell_len(w) for t in cells for w in t.split()), default=0) for cells in texts]
            for order, floor in ((prose_cols, PROSE_FLOOR), (prose_cols, PROSE_LAST), (names, NAME_FLOOR)):
                floors = [
                    min(natural[i], max(floor, heads[i], words[i] if prose[i] else 0))
                    for i in range(len(kept))
                ]
                excess = _shrink(widths, floors, order, excess)
            floors = [min(natural[i], max(heads[i], _longest_part(texts[i]))) for i in range(len(kept))]
            if _shrink(widths, floors, names, excess) > 0:
                yield from _records(kept, [str(c.header) for c in kept])  # too wide: one record per row
                return
            for i in names:
                if widths[i] < natural[i]:
                    column = kept[i]
                    column._cells = [_wrapped(cell, widths[i]) for cell in column._cells]
        for column, width, is_prose in zip(kept, widths, prose, strict=True):
            column.width = width
            column.no_wrap = not is_prose and str(column.header).lower() in WHOLE
            column.overflow = "ellipsis"
        yield from super().__rich_console__(console, options)


def _records(columns: Sequence[Column], header: Sequence[str]) -> RenderResult:
    """Each row as `column  value` lines (as psql's expanded display), rows apart by a blank line: what a
    table too wide for the terminal shows without cutting a version or a name."""
    rows = max((len(c._cells) for c in columns), default=0)
    for n in range(rows):
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        for column, name in zip(columns, header, strict=True):
            cell = column._cells[n] if n < len(column._cells) else ""
            if _plain(cell) not in ("", "–", None):
                grid.add_row(name, cell)
        if n:
            yield Text("")
        yield grid


def table(*columns: str, header_style: str = "bold") -> FitTable:
    """A plain table (no box) that stays readable at 80 columns and without colour."""
    t = FitTable(box=None, pad_edge=False, show_edge=False, header_style=header_style)
    for column in columns:
        t.add_column(column)
    return t
