"""What the CLI prints is escaped: a file name or message never sends control sequences to the terminal.

File names, SQL text and server messages may hold ANSI escapes or other control characters (a file named
`1_\\x1b[2J.up.sql` would clear the screen). Every console of `migwiz.console.output` renders through
`EscapeHook`, which shows each such character as a Python escape; rich's own styling is untouched.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.console import ConsoleRenderable, RenderHook, RichCast
from rich.segment import Segment

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

# C0 controls but newline and tab, DEL, C1 controls, and the bidirectional overrides and isolates
# that reorder what a terminal shows ("Trojan Source").
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape_one(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    r"""`text` with control characters (but newline and tab) written as visible escapes.

    >>> escape_controls("1_\x1b[2Jx.up.sql")
    '1_\\x1b[2Jx.up.sql'
    >>> escape_controls("line 1\n\tline 2 \u202eevil")
    'line 1\n\tline 2 \\u202eevil'
    """
    return _CONTROL.sub(_escape_one, text)


class _Escaped:
    """A renderable whose text segments are escaped (control segments, rich's own, pass through)."""

    def __init__(self, renderable: ConsoleRenderable | RichCast | str) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self.renderable, options):
            if segment.control or not _CONTROL.search(segment.text):
                yield segment
            else:
                yield Segment(escape_controls(segment.text), segment.style)


class EscapeHook(RenderHook):
    """Escapes every renderable a console prints (install with `Console.push_render_hook`)."""

    def process_renderables(self, renderables: list[ConsoleRenderable]) -> list[ConsoleRenderable]:
        """Wrap each renderable so its text is escaped when rendered."""
        return [_Escaped(r) for r in renderables]
