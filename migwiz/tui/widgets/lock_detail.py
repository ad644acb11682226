"""One session of the lock-wait tree in full: Enter on a lock-pane row opens it, Esc closes it."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from migwiz.engine import humanize
from migwiz.engine.types import LockWait


def _lock(mode: str | None, locktype: str | None, relation: str | None) -> str:
    """`AccessExclusiveLock on public.items`, `ExclusiveLock (advisory lock)`."""
    where = f" on {relation}" if relation else (f" ({locktype} lock)" if locktype else "")
    return (mode or "a lock") + where


def detail_rows(node: LockWait) -> list[tuple[str, str]]:
    """Label and value of every fact the lock pane knows about `node`."""
    age = humanize.duration
    rows = [
        ("pid", f"{node.pid}" + ("  (migwiz, us)" if node.ours else "")),
        ("application", node.application_name or "—"),
        ("user", node.user or "—"),
        ("state", node.state or "—"),
        ("wait event", node.wait_event or "—"),
    ]
    if node.mode:
        rows.append(("waits for", _lock(node.mode, node.locktype, node.relation)))
        rows.append(("waiting", age(node.wait_s) if node.wait_s is not None else "—"))
        if node.blocked_by:
            rows.append(("blocked by", ", ".join(str(p) for p in node.blocked_by)))
    if node.children:
        wanted = sorted({_lock(c.mode, c.locktype, c.relation) for c in node.children})
        rows.append(("blocks", f"{node.queued} session(s), wanting " + "; ".join(wanted)))
    rows.append(("transaction", f"open {age(node.xact_age_s)}" if node.xact_age_s is not None else "none"))
    return rows


class LockDetailModal(ModalScreen[None]):
    """A waiting or blocking session: who, what it waits for or holds, since when, and its whole query."""

    DEFAULT_CSS = """
    LockDetailModal {
        align: center middle;
        background: $background 60%;
    }
    LockDetailModal > #lock-detail {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $warning;
        background: $surface;
        padding: 0 1;
    }
    LockDetailModal #lock-query-title {
        margin-top: 1;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("enter", "close", "Close", show=False),
    ]

    def __init__(self, node: LockWait) -> None:
        super().__init__()
        self.node = node

    def compose(self) -> ComposeResult:
        facts = Table.grid(padding=(0, 2))
        facts.add_column(style="bold", no_wrap=True)
        facts.add_column(overflow="fold")
        for label, value in detail_rows(self.node):
            facts.add_row(label, value)
        title = "Waiting session" if self.node.mode else "Blocking session"
        with VerticalScroll(id="lock-detail"):
            yield Static(Text(f"{title} {self.node.pid}", style="bold"), id="question")
            yield Static(facts, id="facts")
            yield Static(Text("query", style="bold"), id="lock-query-title")
            yield Static(Text(self.node.query or "(none shown)"), id="lock-query")
        yield Footer()

    def action_close(self) -> None:
        """Back to the screen."""
        self.dismiss(None)
