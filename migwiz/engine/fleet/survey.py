"""Read-only looks at every target, a few at a time: `fleet status`, `plan`, `drift` and `verify`.

Each target is read through the single-target command (`commands.status`, `plan`, `drift`, `verify`);
results stream back in target order, so 1,000 targets never sit in memory at once.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import psycopg

from migwiz.engine.errors import MigwizError, one_line
from migwiz.engine.fleet.door import door
from migwiz.engine.fleet.matrix import StatusMatrix
from migwiz.engine.fleet.targets import Target
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
        return Looked(target, None, one_line(exc))


def fleet_status(targets: Iterable[Target], mset: MigrationSet, *, concurrency: int = 4) -> StatusMatrix:
    """Where every target stands against the set (read-only)."""
    matrix = StatusMatrix([str(m.version) for m in mset.migrations])

    def look(t: Target) -> Any:
        return door().status(door().project(t.dsn, mset, schema=t.schema), foreign=False)

    for looked in survey(targets, look, concurrency=concurrency):
        matrix.add(looked.target.name, looked.value.statuses if looked.value else None, looked.error)
    return matrix
