"""Turn flat "pid is blocked by pids" rows into a tree of LockWait nodes (pure, no database)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from migwiz.engine.observe.snapshot import LockWait


@dataclass(frozen=True)
class LockRow:
    """One session of the lock query, before it is placed in the tree."""

    node: LockWait  # children empty
    blocked_by: tuple[int, ...]


def placeholder(pid: int) -> LockWait:
    """A blocker we know only by pid (0 is a prepared transaction, pg_blocking_pids' convention)."""
    name = "prepared transaction" if pid == 0 else ""
    return LockWait(pid, name, None, None, None, None, None, None, None, "", ours=False)


def build_tree(rows: Iterable[LockRow]) -> tuple[LockWait, ...]:
    """Roots (sessions that block others and wait for no one in the set), each with its queue below it.

    A session blocked by several others is placed under the blocker deepest in the queue, so that
    "holder -> first waiter -> second waiter" reads as a queue; cycles (a deadlock not detected yet)
    are broken at their lowest pid.
    """
    by_pid = {row.node.pid: row for row in rows}
    for row in list(by_pid.values()):
        for blocker in row.blocked_by:
            if blocker not in by_pid:
                by_pid[blocker] = LockRow(placeholder(blocker), ())

    depths: dict[int, int] = {}

    def depth(pid: int, seen: frozenset[int]) -> int:
        if pid in depths:
            return depths[pid]
        blockers = [b for b in by_pid[pid].blocked_by if b not in seen]
        value = 1 + max((depth(b, seen | {pid}) for b in blockers), default=-1)
        depths[pid] = value
        return value

    parent: dict[int, int | None] = {}
    for pid, row in by_pid.items():
        blockers = [b for b in row.blocked_by if b != pid]
        parent[pid] = max(blockers, key=lambda b: (depth(b, frozenset({pid})), -b)) if blockers else None

    children: dict[int, list[int]] = {pid: [] for pid in by_pid}
    for pid, up in parent.items():
        if up is not None:
            children[up].append(pid)

    placed: set[int] = set()

    def build(pid: int) -> LockWait:
        placed.add(pid)
        kids = [build(k) for k in children[pid] if k not in placed]
        kids.sort(key=lambda n: (-(n.wait_s or 0.0), n.pid))
        row = by_pid[pid]
        return replace(row.node, blocked_by=row.blocked_by, children=tuple(kids))

    roots = [build(pid) for pid in sorted(by_pid) if parent[pid] is None]
    for pid in sorted(by_pid):  # only sessions in a cycle are left
        if pid not in placed:
            roots.append(build(pid))
    roots.sort(key=lambda n: (-n.queued, n.pid))
    return tuple(roots)
