"""Indented text whose wrapped lines keep the indentation (a finding, a reason, a notice), and text that
wraps at spaces without parting a number from its unit (`23 s`, `1 min 20 s`, `12.3 MB`, `40 k rows`)."""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.text import Text

_UNIT = r"(?:ms|s|min|h|d|%|[kMGT]?B|k|M|rows?(?:/s)?|k/s|M/s)(?![\w/])"
_WORD = re.compile(rf"\S*\d[\d.,]* {_UNIT}(?: \d[\d.,]* {_UNIT})*\S*\s*|\S+\s*|\s+")
"""A word, or a number with its unit (and the next number and unit of the same quantity): one piece."""


def pieces(text: str) -> list[tuple[int, int]]:
    """Offsets of the pieces of `text` a line may break between (trailing spaces in their piece).

    >>> s = "holds a lock for about 1 min 20 s on 12.3 MB"
    >>> [s[a:b] for a, b in pieces(s)][-5:]
    ['for ', 'about ', '1 min 20 s ', 'on ', '12.3 MB']
    """
    return [m.span() for m in _WORD.finditer(text)]


def unit_breaks(text: str, width: int) -> list[int]:
    """Where `text` breaks into lines of at most `width` cells, never inside a piece (a piece longer
    than the line is cut where the line ends).

    >>> s = "Verdict: dangerous · holds ShareRowExclusive for 23 s"
    >>> [s[a:b] for a, b in zip([0, *unit_breaks(s, 50)], [*unit_breaks(s, 50), len(s)])]
    ['Verdict: dangerous · holds ShareRowExclusive for ', '23 s']
    """
    breaks: list[int] = []
    start = 0
    for a, b in pieces(text):
        if a > start and cell_len(text[start:b].rstrip()) > width:
            breaks.append(a)
            start = a
        while cell_len(text[start:b].rstrip()) > width and b - start > 1:  # one piece wider than a line
            cut = start + max(1, width)
            breaks.append(cut)
            start = cut
    return breaks


class UnitText:
    """A Text that wraps at spaces, a number and its unit kept on one line; `one_line`: the first line
    only, ended by `…` where something was left out (never `12…` for `12 s`)."""

    def __init__(self, text: Text, *, one_line: bool = False) -> None:
        self.text = text
        self.one_line = one_line

    def __str__(self) -> str:
        return self.text.plain

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(1, options.max_width)
        if self.one_line:
            plain = self.text.plain.replace("\n", " ")
            if cell_len(plain) <= width:
                line = self.text.copy()
            else:
                line = self.text[: (unit_breaks(plain, width - 2) or [width - 1])[0]]
                line.append("…")
            line.no_wrap, line.overflow, line.end = True, "crop", "\n"
            yield line
            return
        for paragraph in self.text.split("\n", allow_blank=True):
            lines = paragraph.divide(unit_breaks(paragraph.plain, width))
            for line in lines:
                line.rstrip()
                line.no_wrap = True
                line.overflow = "crop"
                line.end = "\n"
                yield line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.text)


def indented(text: Text | str, indent: int = 2, style: str = "") -> Padding:
    """`text` with every line, wrapped ones included, `indent` cells in; numbers stay with their units."""
    body = text if isinstance(text, Text) else Text(text, style=style)
    return Padding(UnitText(body), (0, 0, 0, indent), expand=False)
