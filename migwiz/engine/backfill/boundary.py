"""Where the next batch ends, looked up on a connection of its own while the current batch runs.

Finding the batch's last key walks `size` index entries; doing it for batch i+1 while batch i updates
its rows keeps that walk off the critical path (on two cores it nearly disappears).
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import psycopg

from migwiz.engine.backfill.keys import Key, KeysetQueries
from migwiz.engine.servers.connect import connect

Boundary = tuple[Key, int, bool]
"""(the batch's last key, rows in the batch, whether it is the final batch)."""

SIZE_SLACK = 1.1  # a prefetched boundary may be used for a batch up to 10 % larger than wanted


class BoundaryFinder:
    """Finds batch boundaries on its own autocommit connection, one step ahead when asked."""

    def __init__(self, dsn: str, queries: KeysetQueries, upper: Key) -> None:
        self.queries = queries
        self.upper = upper
        self.conn: psycopg.Connection[Any] = connect(dsn, autocommit=True, purpose="backfill boundary")
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="migwiz backfill boundary")
        self._ahead: tuple[Key | None, Key, int, Future[Boundary]] | None = None

    def _find(self, last: Key | None, size: int) -> Boundary:
        lower: list[str] = list(last) if last is not None else []
        query = self.queries.boundary_next if last is not None else self.queries.boundary_first
        row = self.conn.execute(query, [*lower, *self.upper, size - 1]).fetchone()
        if row is not None:
            end = tuple(row)
            return end, size, end == self.upper
        count_query = self.queries.remaining_next if last is not None else self.queries.remaining_first
        counted = self.conn.execute(count_query, [*lower, *self.upper]).fetchone()
        return self.upper, int(counted[0]) if counted else 0, True

    def find(self, last: Key | None, size: int) -> Boundary:
        """The boundary of the batch after `last` of about `size` rows (never more than 10 % above)."""
        ahead, self._ahead = self._ahead, None
        if ahead is not None:
            ahead_last, ahead_upper, ahead_size, future = ahead
            found = future.result()
            if ahead_last == last and ahead_upper == self.upper and ahead_size <= size * SIZE_SLACK:
                return found
        return self._pool.submit(self._find, last, size).result()

    def prefetch(self, last: Key, size: int) -> None:
        """Start looking up the boundary of the batch after `last` (used by the next `find`)."""
        if self._ahead is not None:
            self._ahead[3].result()
        self._ahead = (last, self.upper, size, self._pool.submit(self._find, last, size))

    def close(self) -> None:
        """Stop the worker and close the connection."""
        if self._ahead is not None:
            self._ahead[3].cancel()
            self._ahead = None
        self._pool.shutdown(wait=True)
        self.conn.close()
