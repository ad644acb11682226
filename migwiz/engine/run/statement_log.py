"""The central log of finished statements, kept small for seed data.

A DDL statement, or any statement slower than `slow_ms`, gets an event of its own (step `statement`), as
before. Consecutive fast data statements (INSERT, UPDATE, DELETE, MERGE, SELECT, VALUES, WITH) of one
script are counted instead and written as one event (step `statements`) naming the first and last line,
how many ran, their total and slowest time: when `batch_size` of them have run, after `batch_s` seconds,
and before any other event of the run, so the log keeps its order. A 50 MB seed file of single-row
INSERTs then writes a few hundred events instead of half a million.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from migwiz.engine import humanize
from migwiz.engine.log.eventlog import EventLog

if TYPE_CHECKING:
    from migwiz.engine.run.events import StatementFinished

_DATA = re.compile(r"(?:INSERT|UPDATE|DELETE|MERGE|SELECT|VALUES|WITH)\b", re.IGNORECASE)


def is_data_statement(text: str) -> bool:
    """Whether a statement's text starts like a data statement (not DDL).

    >>> is_data_statement("insert into t values (1)"), is_data_statement("CREATE TABLE t (id int)")
    (True, False)
    """
    return _DATA.match(text) is not None


@dataclass
class _Batch:
    version: str
    path: str
    first_line: int
    first_index: int
    last_line: int
    last_index: int
    started: float
    count: int = 0
    total_ms: float = 0.0
    slowest_ms: float = 0.0


class StatementLog:
    """Logs each finished statement of a run, aggregating runs of fast data statements."""

    def __init__(
        self, log: EventLog, *, slow_ms: float = 100.0, batch_size: int = 1000, batch_s: float = 5.0
    ) -> None:
        self.log = log
        self.slow_ms = slow_ms
        self.batch_size = batch_size
        self.batch_s = batch_s
        self._lock = threading.Lock()
        self._batch: _Batch | None = None

    def finished(self, event: StatementFinished) -> None:
        """A statement (or a batch of `count` data statements sent together) finished without error."""
        current, elapsed_ms = event.statement, event.duration_ms
        version, path, index = current.version, current.path, current.index
        if current.count > 1:
            last = index + current.count - 1
            last_line = current.last_line or current.line
            self._count(version, path, index, current.line, last, last_line, current.count, elapsed_ms,
                        elapsed_ms / current.count)  # fmt: skip
            return
        if elapsed_ms >= self.slow_ms or not is_data_statement(current.sql):
            self.flush()
            name = path.rsplit("/", 1)[-1]
            self.log.info(
                "statement",
                f"{name}:{current.line} done in {humanize.duration(elapsed_ms / 1000)}",
                version=version, path=path, line=current.line, index=index, duration_ms=round(elapsed_ms, 2),
            )  # fmt: skip
            return
        self._count(version, path, index, current.line, index, current.line, 1, elapsed_ms, elapsed_ms)

    def _count(
        self, version: str, path: str, first: int, first_line: int, last: int, last_line: int, n: int,
        elapsed_ms: float, slowest_ms: float,
    ) -> None:  # fmt: skip
        with self._lock:
            batch = self._batch
            follows = batch is not None and (batch.version, batch.path, batch.last_index + 1) == (
                version, path, first
            )  # fmt: skip
        if not follows:
            self.flush()
            with self._lock:
                batch = self._batch = _Batch(
                    version, path, first_line, first, first_line, first, time.monotonic()
                )
        assert batch is not None
        with self._lock:
            batch.count += n
            batch.total_ms += elapsed_ms
            batch.slowest_ms = max(batch.slowest_ms, slowest_ms)
            batch.last_line, batch.last_index = last_line, last
            full = batch.count >= self.batch_size or time.monotonic() - batch.started >= self.batch_s
        self.log.pending = self.flush  # any other event writes this batch first
        if full:
            self.flush()

    def flush(self) -> None:
        """Write the aggregated event of the statements counted so far (if any)."""
        with self._lock:
            batch, self._batch = self._batch, None
        if self.log.pending == self.flush:
            self.log.pending = None
        if batch is None:
            return
        name = batch.path.rsplit("/", 1)[-1]
        self.log.info(
            "statements",
            f"{name}:{batch.first_line}-{batch.last_line}: {batch.count} data statement(s) done in "
            f"{humanize.duration(batch.total_ms / 1000)}"
            f" (slowest {humanize.duration(batch.slowest_ms / 1000)})",
            version=batch.version, path=batch.path, line=batch.first_line, last_line=batch.last_line,
            index=batch.first_index, last_index=batch.last_index, count=batch.count,
            duration_ms=round(batch.total_ms, 2), slowest_ms=round(batch.slowest_ms, 2),
        )  # fmt: skip
