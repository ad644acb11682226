"""One presentation vocabulary for the CLI (console/) and the wizard (tui/): the styles of states,
verdicts, results, levels and the lock tree, and the one way to write a duration.

Plain rich style strings, no Textual: the console renders them with rich, the wizard's widgets too. A
word always carries its meaning without colour; colour only repeats it. Durations go through
`migwiz.engine.humanize.duration` everywhere (engine log messages included): "180 ms", "1.2 s",
"3 min", never "180000 ms". Machine-readable output (JSON, the central log's data) keeps its `*_ms`
numbers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

from migwiz.engine import commands
from migwiz.engine.humanize import duration

if TYPE_CHECKING:
    from migwiz.engine.types import TracedLock

__all__ = [
    "BACKUP_LEVEL_STYLES",
    "BACKUP_VERDICT_STYLES",
    "BLOCKING",
    "CHECK_STYLES",
    "IDLE_IN_TRANSACTION",
    "LEVEL_STYLES",
    "MATRIX_STYLES",
    "OURS",
    "OURS_MARK",
    "RESULT_STYLES",
    "SEVERITY_MARKS",
    "SEVERITY_ROW_STYLES",
    "SEVERITY_STYLES",
    "STATE_STYLES",
    "TARGET_STYLES",
    "VERDICT_STYLES",
    "WAITING",
    "UnitText",
    "duration",
    "pieces",
    "short_mode",
    "strongest_first",
    "unit_breaks",
]

STATE_STYLES: dict[str, str] = {
    "applied": "green",
    "pending": "cyan",
    "running": "cyan",
    "stopped": "yellow",
    "failed": "bold red",
    "checksum_mismatch": "bold red",
    "missing_file": "bold red",
}
"""A migration's standing (`status`, Pending, backfill phases)."""
RESULT_STYLES: dict[str, str] = {
    "applied": "green",
    "reverted": "green",
    "passed": "green",
    "failed": "bold red",
    "skipped": "yellow",
    "not run": "yellow",
}
"""What a run did to a migration, and a rollback test's verdict on one."""
TARGET_STYLES: dict[str, str] = {
    "failed": "bold red",
    "running": "cyan",
    "stopped": "yellow",
    "done": "green",
}
"""Where a fleet target stands in a rollout."""
MATRIX_STYLES: dict[str, str] = {
    **TARGET_STYLES,
    "edited": "red",
    "missing": "red",
    "behind": "",
    "in step": "green",
}
"""A group of targets in the fleet's status matrix."""
VERDICT_STYLES: dict[str, str] = {
    "safe": "green",
    "unverified": "magenta",
    "quiet_window": "yellow",
    "dangerous": "bold red",
    "clean": "green",
    "warnings": "yellow",
    "errors": "bold red",
}
"""The planner's verdicts, and lint's own words where there is no plan."""
BACKUP_VERDICT_STYLES: dict[str, str] = {
    "ready": "bold green",
    "degraded": "bold yellow",
    "not protected": "bold red",
}
BACKUP_LEVEL_STYLES: dict[str, str] = {"not protected": "red", "degraded": "yellow", "warning": "yellow"}
CHECK_STYLES: dict[str, str] = {
    "pass": "bold green",
    "warn": "bold yellow",
    "fail": "bold red",
    "skip": "dim",
}
"""A verification check's status (verify, drift, the wizard's Verify)."""
LEVEL_STYLES: dict[str, str] = {"debug": "dim", "info": "", "warning": "yellow", "error": "bold red"}
"""An event's level in the central log."""
SEVERITY_STYLES: dict[str, str] = {"error": "bold red", "warning": "yellow", "info": "cyan"}
"""A lint finding's severity word."""
SEVERITY_MARKS: dict[str, str] = {"error": "✗", "warning": "!", "info": "i"}
SEVERITY_ROW_STYLES: dict[str, str] = {"error": "red", "warning": "yellow", "info": ""}
"""A table row tinted by its worst finding: lighter than the severity word itself."""

# the lock tree
OURS = "bold cyan"
"""Our own sessions."""
OURS_MARK = "» "
WAITING = "yellow"
"""A session waiting for a lock, and how long it has waited."""
BLOCKING = "bold red"
"""A holder with sessions queued behind it."""
IDLE_IN_TRANSACTION = "red"


def strongest_first(locks: Sequence[TracedLock]) -> list[TracedLock]:
    """Locks the strongest mode first (a tie: a table before its index, then by name); locks on what the
    statement itself created (nobody else can wait for those) last."""
    return sorted(
        locks, key=lambda lock: (lock.new_relation, -_rank(lock.mode), lock.kind != "table", lock.relation)
    )


SHORT_MODES = {
    "AccessExclusiveLock": "AccessExcl",
    "ShareUpdateExclusiveLock": "ShareUpdExcl",
    "ShareRowExclusiveLock": "ShareRowExcl",
    "RowExclusiveLock": "RowExcl",
}


def short_mode(mode: str) -> str:
    """A lock mode short enough for an 80-column table (the detail pane has the full name).

    >>> short_mode("ShareUpdateExclusiveLock"), short_mode("ShareLock")
    ('ShareUpdExcl', 'Share')
    """
    return SHORT_MODES.get(mode, mode.removesuffix("Lock"))


def _rank(mode: str) -> int:
    try:
        return commands.lock_rank(mode)
    except ValueError:  # a mode PostgreSQL's table-lock order does not hold: last
        return 0


# -- wrapping that keeps a number with its unit (`23 s`, `1.4 GB`, `40 k rows`) ---------------------------

_UNIT = r"(?:ms|s|min|h|d|%|[kMGT]?B|k|M|rows?(?:/s)?|k/s|M/s)(?![\w/])"
_WORD = re.compile(
    rf"(?<!\S)[a-z^]\S? [a-z]+\s*\Z|\S*\d[\d.,]* {_UNIT}(?: \d[\d.,]* {_UNIT})*\S*\s*|\S+\s*|\s+"
)
"""A word, or a number with its unit (and the next number and unit of the same quantity), or a key and
what it does ending the text (`· n summary`): one piece."""


def pieces(text: str) -> list[tuple[int, int]]:
    """Offsets of the pieces of `text` a line may break between (trailing spaces in their piece).

    >>> s = "holds a lock for about 1 min 20 s on 12.3 MB"
    >>> [s[a:b] for a, b in pieces(s)][-5:]
    ['for ', 'about ', '1 min 20 s ', 'on ', '12.3 MB']
    >>> s = "every check passed · n summary"
    >>> [s[a:b] for a, b in pieces(s)][-2:]
    ['· ', 'n summary']
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
