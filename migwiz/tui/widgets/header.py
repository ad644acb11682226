"""The header every screen shows: the target, the step and where it sits in the flow."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class WizardHeader(Static):
    """One line: `migwiz · user@host:port/db · step 3/8 Backup check`, plus a mode tag."""

    DEFAULT_CSS = """
    WizardHeader { height: 1; background: $primary; color: $text; padding: 0 1; }
    """

    def show(self, target: str, step: str, position: tuple[int, int] | None, tag: str = "") -> None:
        """Set the header's text."""
        text = Text()
        text.append("migwiz", style="bold")
        text.append(f" · {target}")
        where = f"step {position[0]}/{position[1]} " if position else ""
        text.append(f" · {where}", style="")
        text.append(step, style="bold")
        if tag:
            text.append(f"  [{tag}]", style="bold reverse")
        self.update(text)
