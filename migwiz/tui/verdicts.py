"""One vocabulary for verdicts on every screen: the planner's, or (without a plan) the lint's own words."""

from __future__ import annotations

from rich.text import Text

from migwiz.present import VERDICT_STYLES
from migwiz.tui.backend import verdict_label

PLANNER = ("safe", "quiet_window", "dangerous")
LINT = ("clean", "warnings", "errors")


def verdict_text(verdict: str, *, bold: bool = False) -> Text:
    """A verdict word, coloured (the word itself carries the meaning without colour)."""
    style = VERDICT_STYLES.get(verdict, "")
    if bold and style and not style.startswith("bold"):
        style = f"bold {style}"
    return Text(verdict_label(verdict), style=style)
