"""Indented text whose wrapped lines keep the indentation (a finding, a reason, a notice)."""

from __future__ import annotations

from rich.padding import Padding
from rich.text import Text


def indented(text: Text | str, indent: int = 2, style: str = "") -> Padding:
    """`text` with every line, wrapped ones included, `indent` cells in."""
    body = text if isinstance(text, Text) else Text(text, style=style)
    return Padding(body, (0, 0, 0, indent), expand=False)
