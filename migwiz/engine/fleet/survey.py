"""Read-only looks at every target, a few at a time: `fleet status`, `plan`, `drift` and `verify`.

Each target is read through the single-target command (`commands.status`, `plan`, `drift`, `verify`);
results stream back in target order, so 1,000 targets never sit in memory at once.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import psycopg

from migwiz.engine.errors import MigwizError
from migwiz.engine.fleet.door import door
from migwiz.engine.fleet.targets import Target
from migwiz.engine.servers.connect import scrub
from migwiz.engine.sets.model import MigrationSet

T = TypeVar("T")
I = TypeVar("I")  # noqa: E741


@dataclass(frozen=True)
class Looked(Generic[I, T]):
    """One target's (or batch of targets') answer, or why there is none."""

    target: I
    value: T | None
    error: str | None = None


def survey(targets: Iterable[I], look: Callable[[I], T], *, concurrency: int = 4) -> Iterator[Looked[I, T]]:
    """`look` at every target with at most `concurrency` at once; answers in target order."""
    with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="migwiz-fleet-look") as pool:
        window: deque[tuple[I, Future[T]]] = deque()
        for target in targets:
            window.append((target, pool.submit(look, target)))
            if len(window) >= concurrency * 2:
                yield _answer(*window.popleft())
        while window:
            yield _answer(*window.popleft())


def _answer(target: I, future: Future[T]) -> Looked[I, T]:
    try:
        return Looked(target, future.result())
    except MigwizError as exc:
        return Looked(target, None, exc.message)
    except psycopg.Error as exc:
        return Looked(target, None, scrub(str(exc).strip().splitlines()[0] if str(exc).strip() else "error"))


@dataclass
class StatusMatrix:
    """`fleet status`: per version, how many targets are in each state; the targets not in step."""

    versions: list[str]
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    """version -> state -> number of targets."""
    in_step: int = 0
    behind: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    """(target, {version: state}) of targets with a migration not applied, first `keep` of them."""
    unreachable: list[tuple[str, str]] = field(default_factory=list)
    targets: int = 0
    keep: int = 50

    def add(self, looked: Looked[Target, Any]) -> None:
        """Count one target's status."""
        self.targets += 1
        if looked.value is None:
            self.unreachable.append((looked.target.name, looked.error or "unreadable"))
            return
        states = {str(s.version): s.state for s in looked.value.statuses}
        for version, state in states.items():
            per = self.counts.setdefault(version, {})
            per[state] = per.get(state, 0) + 1
        off: dict[str, str] = {v: s for v, s in states.items() if s != "applied"}
        if not off:
            self.in_step += 1
        elif len(self.behind) < self.keep:
            self.behind.append((looked.target.name, off))

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "targets": self.targets, "in_step": self.in_step, "versions": self.versions,
            "counts": self.counts,
            "not_in_step": [{"target": t, "states": s} for t, s in self.behind],
            "unreachable": [{"target": t, "error": e} for t, e in self.unreachable],
        }  # fmt: skip


def fleet_status(targets: Iterable[Target], mset: MigrationSet, *, concurrency: int = 4) -> StatusMatrix:
    """Where every target stands against the set (read-only)."""
    matrix = StatusMatrix([str(m.version) for m in mset.migrations])

    def look(t: Target) -> Any:
        return door().status(door().project(t.dsn, mset, schema=t.schema), foreign=False)

    for looked in survey(targets, look, concurrency=concurrency):
        matrix.add(looked)
    return matrix
