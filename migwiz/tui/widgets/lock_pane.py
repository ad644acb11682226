"""The lock-wait tree as a keyed table: who blocks whom, for how long, our sessions highlighted."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from migwiz.engine import humanize
from migwiz.engine.types import LockWait, Snapshot
from migwiz.present import OURS, OURS_MARK, WAITING
from migwiz.tui.widgets.fit_table import Col, FitTable
from migwiz.tui.widgets.keyed_table import Cells
from migwiz.tui.widgets.lock_detail import LockDetailModal

COLUMNS = (  # the query keeps 20+ cells: xact, then who hide; a relation and a session's name are never cut
    Col("pid", "pid"),
    Col("mode", "mode"),
    Col("relation", "relation"),
    Col("waiting", "wait"),
    Col("xact", "xact", hide=1),
    Col("who", "who", hide=2),
    Col("query", "query", flex=True, hide=3),  # last, when the names leave it no 20 cells
)


def _age(seconds: float | None) -> str:
    return humanize.duration(seconds) if seconds is not None else ""


def _mode(mode: str | None) -> str:
    """`AccessExcl`, `ShareUpdExcl`, `RowExcl`... (the detail on Enter has the full name).

    >>> _mode("ShareUpdateExclusiveLock"), _mode("AccessShareLock"), _mode(None)
    ('ShareUpdExcl', 'AccessShare', 'holds')
    """
    if not mode:
        return "holds"
    return mode.removesuffix("Lock").replace("Exclusive", "Excl").replace("Update", "Upd")


def lock_rows(snapshot: Snapshot) -> dict[str, Cells]:
    """Table rows of the lock tree, depth first; keys are pids."""
    rows: dict[str, Cells] = {}
    for root in snapshot.lock_tree:
        for depth, node in root.walk():
            rows.setdefault(str(node.pid), _cells(depth, node))
    return rows


def _cells(depth: int, node: LockWait) -> Cells:
    style = OURS if node.ours else (WAITING if node.mode else "")
    who = Text(("  " * (depth - 1) + "└ ") if depth else "", style="dim")
    who.append((OURS_MARK if node.ours else "") + str(node.pid), style=style)
    label = "migwiz (us)" if node.ours else (node.application_name or node.user or "")
    return (
        who,
        Text(_mode(node.mode), style=style),
        Text(node.relation or node.locktype or "", no_wrap=True, overflow="ellipsis"),
        Text(_age(node.wait_s), style=WAITING if node.mode else ""),
        Text(_age(node.xact_age_s)),
        Text(label, style=style, no_wrap=True, overflow="ellipsis"),
        Text(" ".join(node.query.split()), no_wrap=True, overflow="ellipsis"),
    )


class LockPane(Vertical):
    """Title line plus the tree table; `show(snapshot)` updates it by key; Enter on a row opens the
    session in full (LockDetailModal)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.nodes: dict[str, LockWait] = {}

    def compose(self) -> ComposeResult:
        yield Static("Lock waits: waiting for the first sample…", id="lock-title", classes="pane-title")
        yield FitTable(COLUMNS, id="lock-table", cursor_type="row", zebra_stripes=False)

    def show(self, snapshot: Snapshot) -> None:
        """Render a snapshot: title with counts, rows diffed by pid."""
        title = self.query_one("#lock-title", Static)
        if "locks" in snapshot.disabled:
            title.update(Text("Lock waits: off (no privilege)", style="dim"))
        elif not snapshot.lock_tree:
            title.update(Text.assemble(("Lock waits", "bold"), ": none"))
        else:
            ours_block = sum(
                1 for root in snapshot.lock_tree for _, n in root.walk() if n.ours and n.children
            )
            suffix = f" · {ours_block} blocked by us" if ours_block else ""
            title.update(Text.assemble(("Lock waits", "bold"), f": {snapshot.waiting} waiting{suffix}"))
        self.nodes = {str(n.pid): n for root in snapshot.lock_tree for _, n in root.walk()}
        self.query_one("#lock-table", FitTable).set_rows(lock_rows(snapshot))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        node = self.nodes.get(str(event.row_key.value))
        if node is not None:
            event.stop()
            self.app.push_screen(LockDetailModal(node))
