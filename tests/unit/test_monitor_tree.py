"""The lock tree builder and the per-version choice of monitor queries (no database)."""

from __future__ import annotations

import pytest

from migwiz.engine.observe.locktree import LockRow, build_tree
from migwiz.engine.observe.queries import files_for, query_for
from migwiz.engine.observe.snapshot import LockWait, one_line


def row(pid: int, *blocked_by: int, mode: str | None = "AccessShareLock", wait_s: float = 1.0) -> LockRow:
    node = LockWait(
        pid, f"app{pid}", "u", "active", wait_s if mode else None, 1.0, mode, "relation", "public.t",
        "SELECT 1", ours=False,
    )  # fmt: skip
    return LockRow(node, blocked_by)


def shape(nodes: tuple[LockWait, ...]) -> list[object]:
    return [(n.pid, shape(n.children)) if n.children else n.pid for n in nodes]


def test_a_waiter_blocked_by_a_holder_and_a_queued_waiter_sits_under_the_queued_one() -> None:
    tree = build_tree([row(1, mode=None), row(2, 1), row(3, 1, 2)])
    assert shape(tree) == [(1, [(2, [3])])]
    assert tree[0].children[0].children[0].blocked_by == (1, 2)
    assert tree[0].queued == 2


def test_independent_queues_are_separate_roots_biggest_first() -> None:
    tree = build_tree([row(10, mode=None), row(11, 10), row(20, mode=None), row(21, 20), row(22, 20)])
    assert shape(tree) == [(20, [21, 22]), (10, [11])]


def test_siblings_longest_wait_first() -> None:
    tree = build_tree([row(1, mode=None), row(2, 1, wait_s=0.5), row(3, 1, wait_s=4.0)])
    assert shape(tree) == [(1, [3, 2])]


def test_unknown_blockers_and_prepared_transactions_get_placeholder_nodes() -> None:
    tree = build_tree([row(5, 0), row(6, 77)])
    assert shape(tree) == [(0, [5]), (77, [6])]
    assert tree[0].application_name == "prepared transaction"
    assert tree[0].mode is None


def test_a_cycle_is_broken_at_its_lowest_pid() -> None:
    tree = build_tree([row(3, 4), row(4, 3)])
    assert shape(tree) == [(3, [4])]


def test_empty() -> None:
    assert build_tree([]) == ()


OLD = ("create_index_pg12", "cluster_pg12")


@pytest.mark.parametrize(
    ("version", "locks", "progress"),
    [
        (180000, "monitor_locks_pg14.sql", (*OLD, "vacuum_pg17", "analyze_pg13", "copy_pg14")),
        (160004, "monitor_locks_pg14.sql", (*OLD, "vacuum", "analyze_pg13", "copy_pg14")),
        (130000, "monitor_locks_pg11.sql", (*OLD, "vacuum", "analyze_pg13")),
        (110000, "monitor_locks_pg11.sql", ("vacuum",)),
    ],
)
def test_bands(version: int, locks: str, progress: tuple[str, ...]) -> None:
    assert files_for("locks", version) == (locks,)
    assert files_for("progress", version) == tuple(f"monitor_progress_{p}.sql" for p in progress)
    rendered = str(query_for("progress", version).as_string())  # type: ignore[union-attr]
    assert rendered.count("\nUNION ALL\n") == len(progress) - 1
    assert "{parts}" not in rendered


def test_nothing_below_the_oldest_band() -> None:
    assert files_for("locks", 100000) == ()
    assert query_for("sessions", 100000) is None


def test_one_line() -> None:
    assert one_line("SELECT 1;\n\n  -- done") == "SELECT 1; -- done"
    assert one_line(None) == ""
    assert len(one_line("x" * 500)) == 120


def test_snapshot_doctests() -> None:
    import doctest

    from migwiz.engine.observe import snapshot

    assert doctest.testmod(snapshot).failed == 0
