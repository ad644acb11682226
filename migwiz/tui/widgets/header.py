"""The header every screen shows: the target, the step and where it sits in the flow."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widgets import Static


def header_text(target: str, step: str, position: tuple[int, int] | None, tag: str, width: int) -> Text:
    """`migwiz · user@host:port/db · step 3/8 Backup check  [demo]`; when that is wider than `width`, the
    `migwiz · ` and `step ` words go first, so that the target, the step and the mode tag stay whole.

    >>> header_text("postgres@127.0.0.1:38473/shop", "Verify & rollback test", (7, 8), "demo", 78).plain
    'postgres@127.0.0.1:38473/shop · step 7/8 Verify & rollback test  [demo]'
    >>> header_text("deploy@db:5432/shop", "Impact", (4, 8), "", 78).plain
    'migwiz · deploy@db:5432/shop · step 4/8 Impact'
    """
    for brand, word in (("migwiz · ", "step "), ("", "step "), ("", "")):
        text = Text()
        text.append(brand.removesuffix(" · "), style="bold")
        text.append(f"{' · ' if brand else ''}{target}")
        where = f"{word}{position[0]}/{position[1]} " if position else ""
        text.append(f" · {where}")
        text.append(step, style="bold")
        if tag:
            text.append(f"  [{tag}]", style="bold reverse")
        if text.cell_len <= width:
            break
    return text


class WizardHeader(Static):
    """One line: `migwiz · user@host:port/db · step 3/8 Backup check`, plus a mode tag."""

    DEFAULT_CSS = """
    WizardHeader { height: 1; background: $primary; color: $text; padding: 0 1; }
    """

    shown: tuple[str, str, tuple[int, int] | None, str] | None = None

    def show(self, target: str, step: str, position: tuple[int, int] | None, tag: str = "") -> None:
        """Set the header's text."""
        self.shown = (target, step, position, tag)
        self.update(header_text(*self.shown, width=self.app.size.width - 2))

    def on_resize(self, event: events.Resize) -> None:
        if self.shown is not None:
            self.update(header_text(*self.shown, width=self.app.size.width - 2))
