"""The wave plan of a rollout: the canary targets alone first, then the rest in waves of `wave_size`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from migwiz.engine.fleet.targets import Target


@dataclass(frozen=True)
class Wave:
    """One wave: its number (0 is the canary wave) and its targets, in order."""

    number: int
    targets: tuple[Target, ...]

    @property
    def canary(self) -> bool:
        """Whether this is the canary wave (any failure in it stops the rollout)."""
        return self.number == 0

    @property
    def label(self) -> str:
        """`canary` or `wave 3`."""
        return "canary" if self.canary else f"wave {self.number}"


def plan_waves(targets: Iterable[Target], wave_size: int) -> Iterator[Wave]:
    """The waves over `targets`: canaries first (wave 0, skipped when there are none), then `wave_size` each.

    A target is a name, a DSN and labels (no connection, no state): the plan of 1,000 holds a few hundred kB.

    >>> from migwiz.engine.fleet.targets import Target
    >>> ts = [Target("a", ""), Target("b", "", labels={"canary": "true"}), Target("c", ""), Target("d", "")]
    >>> [(w.label, [t.name for t in w.targets]) for w in plan_waves(ts, 2)]
    [('canary', ['b']), ('wave 1', ['a', 'c']), ('wave 2', ['d'])]
    """
    if wave_size < 1:
        raise ValueError("wave_size must be 1 or more")
    rest: list[Target] = []
    canaries: list[Target] = []
    for target in targets:
        (canaries if target.canary else rest).append(target)
    if canaries:
        yield Wave(0, tuple(canaries))
    number = 1
    for start in range(0, len(rest), wave_size):
        yield Wave(number, tuple(rest[start : start + wave_size]))
        number += 1
