"""A rich renderable of one monitor Snapshot: the lock tree, long operations, replication lag, notices.

Used by `migwiz up --watch` and `migwiz watch` (inside rich.live.Live). Deterministic: everything shown
comes from the snapshot, so the same snapshot always renders the same text.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.constrain import Constrain
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from migwiz.engine import humanize
from migwiz.engine.types import LockWait, Progress, ReplicaLag, SessionInfo, Snapshot
from migwiz.present import BLOCKING, IDLE_IN_TRANSACTION, OURS, OURS_MARK, WAITING

TITLE = "bold"


def render_snapshot(snapshot: Snapshot, *, width: int | None = None) -> RenderableType:
    """The whole snapshot, section by section; `width` caps the columns used (None: the console's)."""
    parts: list[RenderableType] = [_header(snapshot), _locks(snapshot)]
    if snapshot.ours:
        parts += [Text("Our sessions", style=TITLE), _ours(snapshot.ours)]
    if snapshot.progress:
        parts += [Text("Long operations", style=TITLE), _progress(snapshot.progress)]
    if snapshot.replication:
        parts += [Text("Replication", style=TITLE), _replication(snapshot.replication)]
    if snapshot.long_transactions:
        parts += [Text("Long transactions", style=TITLE), _long_transactions(snapshot.long_transactions)]
    parts += _notices(snapshot)
    group = Group(*parts)
    return Constrain(group, width) if width else group


def _version(num: int) -> str:
    return f"{num // 10000}.{num % 10000}" if num >= 100000 else f"{num // 10000}.{num // 100 % 100}"


def _header(snapshot: Snapshot) -> Text:
    text = Text("migwiz monitor", style=TITLE)
    text.append(f" · PostgreSQL {_version(snapshot.server_version)}")
    text.append(f" · {snapshot.taken_at:%H:%M:%S}")
    text.append(f" · sample {humanize.duration(snapshot.sample_ms / 1000)}", style="dim")
    return text


def _locks(snapshot: Snapshot) -> RenderableType:
    if "locks" in snapshot.disabled:
        return Text("Lock waits: off", style="dim")
    if not snapshot.lock_tree:
        return Text.assemble(("Lock waits", TITLE), (": none", "green"))
    tree = Tree(Text.assemble(("Lock waits", TITLE), f": {snapshot.waiting} waiting"), guide_style="dim")
    for root in snapshot.lock_tree:
        _add_node(tree, root)
    return tree


def _add_node(parent: Tree, node: LockWait) -> None:
    branch = parent.add(_node_label(node))
    for child in node.children:
        _add_node(branch, child)


def _node_label(node: LockWait) -> Text:
    """Line 1: who, and what it waits for (or its state and queue, for a holder).

    Line 2, dim: the queue behind a waiter, transaction age, user, query.
    """
    style = OURS if node.ours else ""
    text = Text()
    text.append(OURS_MARK if node.ours else "", style=style)
    text.append(f"{node.pid} {node.application_name or '?'}", style=style or "bold")
    if node.mode is not None:
        waited = f" {humanize.duration(node.wait_s)}" if node.wait_s is not None else ""
        text.append(f" waits{waited} for {node.mode}", style=WAITING)
        text.append(f" on {node.relation or node.locktype or '?'}", style=WAITING)
    elif node.state:
        text.append(f" {node.state}", style=IDLE_IN_TRANSACTION if node.state.startswith("idle in") else "")
    if node.children and node.mode is None:
        text.append(f" · {node.queued} behind", style=BLOCKING)
    details = [f"{node.queued} behind" if node.children and node.mode is not None else ""]
    details += [f"xact {humanize.duration(node.xact_age_s)}" if node.xact_age_s is not None else ""]
    details += [node.user or "", node.query]
    second = " · ".join(d for d in details if d)
    if second:
        text.append("\n" + second, style="dim")
    text.no_wrap = True
    text.overflow = "ellipsis"
    return text


def bar(percent: float, width: int = 20) -> Text:
    """A progress bar that reads without colour too.

    >>> bar(50, 10).plain, bar(100, 4).plain, bar(0, 4).plain
    ('█████░░░░░', '████', '░░░░')
    """
    filled = max(0, min(width, int(width * percent / 100)))
    return Text.assemble(("█" * filled, "green"), ("░" * (width - filled), "dim"))


def _progress(progress: tuple[Progress, ...]) -> Group:
    lines: list[Text] = []
    for p in progress:
        style = OURS if p.ours else ""
        head = Text(f"{OURS_MARK if p.ours else ''}{p.pid} {p.operation}", style=style or "bold")
        if p.relation:
            head.append(f" {p.relation}")
        if p.index:
            head.append(f" ({p.index})", style="dim")
        if p.elapsed_s is not None:
            head.append(f" · {humanize.duration(p.elapsed_s)}", style="dim")
        detail = Text("  ")
        if p.percent is not None and p.total is not None:
            detail.append_text(bar(p.percent))
            share = humanize.percent(p.done or 0, p.total)
            detail.append(f" {share} of {humanize.count(p.total, p.unit)} · ")
        elif p.done is not None:
            detail.append(f"{humanize.count(p.done, p.unit)} · ")
        detail.append(p.phase)
        if p.waiting_for:
            detail.append(f" · waits for pid {p.waiting_for}", style=WAITING)
        for line in (head, detail):
            line.no_wrap = True
            line.overflow = "ellipsis"
        lines += [head, detail]
    return Group(*lines)


def _ours(sessions: tuple[SessionInfo, ...]) -> Group:
    lines: list[Text] = []
    for s in sessions:
        line = Text(f"{OURS_MARK}{s.pid} {s.application_name}", style=OURS)
        if s.state:
            line.append(f" · {s.state}")
        if s.state_age_s is not None:
            line.append(f" {humanize.duration(s.state_age_s)}")
        if s.wait_event:
            line.append(f" · waits on {s.wait_event}", style=WAITING)
        if s.query:
            line.append(f" · {s.query}", style="dim")
        line.no_wrap = True
        line.overflow = "ellipsis"
        lines.append(line)
    return Group(*lines)


def _replication(replicas: tuple[ReplicaLag, ...]) -> Table:
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="dim")
    for column in ("replica", "state", "replay lag", "time lag"):
        table.add_column(column, no_wrap=True)
    for r in replicas:
        lag = humanize.size(r.replay_lag_bytes) if r.replay_lag_bytes is not None else "–"
        seconds = humanize.duration(r.replay_lag_s) if r.replay_lag_s is not None else "–"
        name = r.application_name or str(r.pid)
        where = f" ({r.client_addr})" if r.client_addr else ""
        table.add_row(name + where, f"{r.state or '?'} {r.sync_state or ''}".strip(), lag, seconds)
    return table


def _long_transactions(sessions: tuple[SessionInfo, ...]) -> Group:
    lines: list[Text] = []
    for s in sessions:
        mark = OURS_MARK if s.ours else ""
        line = Text(f"{mark}{s.pid} {s.application_name or '?'}", style=OURS if s.ours else "")
        line.append(f" · xact {humanize.duration(s.xact_age_s)}" if s.xact_age_s is not None else "")
        if s.idle_in_transaction:
            line.append(f" · {s.state}", style="bold red")
        elif s.state:
            line.append(f" · {s.state}")
        if s.query:
            line.append(f" · {s.query}", style="dim")
        line.no_wrap = True
        line.overflow = "ellipsis"
        lines.append(line)
    return Group(*lines)


def _notices(snapshot: Snapshot) -> list[RenderableType]:
    lines: list[RenderableType] = [Text(f"! {notice}", style=WAITING) for notice in snapshot.notices]
    if snapshot.disabled:
        lines.append(Text(f"off: {', '.join(snapshot.disabled)}", style="dim"))
    return lines
