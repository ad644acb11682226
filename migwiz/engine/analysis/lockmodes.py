"""PostgreSQL's table lock modes: their order and which pairs conflict (one source for the whole engine)."""

from __future__ import annotations

LOCK_MODES: tuple[str, ...] = (
    "AccessShareLock",
    "RowShareLock",
    "RowExclusiveLock",
    "ShareUpdateExclusiveLock",
    "ShareLock",
    "ShareRowExclusiveLock",
    "ExclusiveLock",
    "AccessExclusiveLock",
)
"""Table lock modes, weakest first (their numbers in PostgreSQL's lockdefs.h are 1 to 8)."""

_CONFLICTS: dict[int, frozenset[int]] = {
    1: frozenset({8}),
    2: frozenset({7, 8}),
    3: frozenset({5, 6, 7, 8}),
    4: frozenset({4, 5, 6, 7, 8}),
    5: frozenset({3, 4, 6, 7, 8}),
    6: frozenset({3, 4, 5, 6, 7, 8}),
    7: frozenset({2, 3, 4, 5, 6, 7, 8}),
    8: frozenset({1, 2, 3, 4, 5, 6, 7, 8}),
}
"""The conflict table of the PostgreSQL documentation ("Conflicting Lock Modes"), by lock number."""


def lock_rank(mode: str) -> int:
    """1 for AccessShareLock up to 8 for AccessExclusiveLock.

    >>> lock_rank("ShareLock") > lock_rank("ShareUpdateExclusiveLock")
    True
    """
    rank = _RANKS.get(mode)
    return LOCK_MODES.index(mode) + 1 if rank is None else rank  # (an unknown mode: ValueError, as ever)


_RANKS = {mode: n for n, mode in enumerate(LOCK_MODES, 1)}


def stronger(a: str, b: str) -> str:
    """The stronger of two lock modes.

    >>> stronger("RowExclusiveLock", "ShareLock")
    'ShareLock'
    """
    return a if lock_rank(a) >= lock_rank(b) else b


def conflicts(a: str, b: str) -> bool:
    """Whether two table lock modes conflict (unknown modes never do).

    >>> conflicts("AccessShareLock", "AccessExclusiveLock"), conflicts("ShareLock", "ShareLock")
    (True, False)
    >>> conflicts("RowExclusiveLock", "ShareUpdateExclusiveLock")
    False
    """
    if a not in LOCK_MODES or b not in LOCK_MODES:
        return False
    return lock_rank(b) in _CONFLICTS[lock_rank(a)]
