"""Indented text whose wrapped lines keep the indentation (a finding, a reason, a notice), and text that
wraps at spaces without parting a number from its unit (`23 s`, `1 min 20 s`, `12.3 MB`, `40 k rows`)."""

from __future__ import annotations

from rich.padding import Padding
from rich.text import Text

from migwiz.present import UnitText as UnitText
from migwiz.present import pieces as pieces
from migwiz.present import unit_breaks as unit_breaks


def indented(text: Text | str, indent: int = 2, style: str = "") -> Padding:
    """`text` with every line, wrapped ones included, `indent` cells in; numbers stay with their units."""
    body = text if isinstance(text, Text) else Text(text, style=style)
    return Padding(UnitText(body), (0, 0, 0, indent), expand=False)
