"""A background workload on the demo database, so lock waits and progress in the wizard are real.

Readers select orders by primary key and in small id ranges; writers update an order's status and insert
new orders; one session now and then opens a transaction, reads orders and stays idle in it for a few
seconds, holding an ACCESS SHARE lock that makes any ACCESS EXCLUSIVE DDL on orders wait. Each thread has
its own connection (application_name `migwiz-demo-workload`). Errors are counted, never raised.
"""

from __future__ import annotations

import contextlib
import math
import random
import threading
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType

import psycopg

from migwiz.engine.errors import one_line

APPLICATION_NAME = "migwiz-demo-workload"
STATEMENT_TIMEOUT = "30s"
RECONNECT_DELAY_S = 0.5
STATUSES = ("pending", "paid", "shipped", "delivered", "cancelled")

Conn = psycopg.Connection[tuple[object, ...]]


@dataclass(frozen=True)
class WorkloadStats:
    """What the workload did so far. Latencies cover reader and writer transactions only."""

    transactions: int
    errors: int
    max_latency_ms: float
    p99_latency_ms: float
    """Over the last `latency_window` transactions."""
    long_transactions: int
    """Long transactions opened so far."""
    long_transaction_open: bool
    errors_by_kind: tuple[tuple[str, int], ...]
    """(SQLSTATE or exception name, count), most frequent first."""
    last_error: str | None


class _Tally:
    """Counters shared by the workload threads."""

    def __init__(self, window: int) -> None:
        self.lock = threading.Lock()
        self.transactions = 0
        self.max_ms = 0.0
        self.recent: deque[float] = deque(maxlen=window)
        self.errors: Counter[str] = Counter()
        self.last_error: str | None = None
        self.long_transactions = 0
        self.long_open = False

    def done(self, latency_ms: float) -> None:
        with self.lock:
            self.transactions += 1
            self.max_ms = max(self.max_ms, latency_ms)
            self.recent.append(latency_ms)

    def failed(self, error: BaseException) -> None:
        kind = getattr(error, "sqlstate", None) or type(error).__name__
        with self.lock:
            self.errors[kind] += 1
            self.last_error = f"{type(error).__name__}: {one_line(error)}"

    def snapshot(self) -> WorkloadStats:
        with self.lock:
            ordered = sorted(self.recent)
            p99 = ordered[math.ceil(0.99 * len(ordered)) - 1] if ordered else 0.0
            return WorkloadStats(
                transactions=self.transactions,
                errors=sum(self.errors.values()),
                max_latency_ms=self.max_ms,
                p99_latency_ms=p99,
                long_transactions=self.long_transactions,
                long_transaction_open=self.long_open,
                errors_by_kind=tuple(self.errors.most_common()),
                last_error=self.last_error,
            )


class Workload:
    """Reader, writer and long-transaction threads against the demo database.

    `rate_per_s` is the total rate of reader and writer transactions, shared evenly between the
    threads. `long_xact_every_s=None` turns the long-transaction session off.
    """

    def __init__(
        self,
        dsn: str,
        *,
        readers: int = 2,
        writers: int = 2,
        rate_per_s: float = 50,
        long_xact_every_s: float | None = 20,
        long_xact_s: float = 6,
        latency_window: int = 1000,
    ) -> None:
        if rate_per_s <= 0:
            raise ValueError("rate_per_s must be positive")
        self.dsn = dsn
        self.readers = readers
        self.writers = writers
        self.rate_per_s = rate_per_s
        self.long_xact_every_s = long_xact_every_s
        self.long_xact_s = long_xact_s
        self._tally = _Tally(latency_window)
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._conns: dict[int, Conn] = {}
        self._conns_lock = threading.Lock()
        self._max_order_id = 1
        self._max_customer_id = 1

    @property
    def running(self) -> bool:
        """Whether the workload threads are running."""
        return any(t.is_alive() for t in self._threads)

    def start(self) -> None:
        """Start the threads (they connect themselves; a failed connection is counted and retried)."""
        if self._threads:
            raise RuntimeError("the workload was already started")
        loops = self.readers + self.writers
        interval = loops / self.rate_per_s if loops else 0.0
        for i in range(self.readers):
            self._spawn(f"reader-{i}", lambda conn, rng: self._read(conn, rng), interval)
        for i in range(self.writers):
            self._spawn(f"writer-{i}", lambda conn, rng: self._write(conn, rng), interval)
        if self.long_xact_every_s is not None:
            thread = threading.Thread(target=self._long_loop, name="migwiz-demo-long-xact", daemon=True)
            self._threads.append(thread)
            thread.start()

    def stop(self, timeout: float = 1.0) -> None:
        """Stop every thread within about `timeout` seconds, cancelling queries still waiting."""
        self._stop.set()
        deadline = time.monotonic() + timeout
        grace = time.monotonic() + timeout / 5  # threads between queries see the event at once
        for thread in self._threads:
            thread.join(max(0.0, grace - time.monotonic()))
        with self._conns_lock:
            busy = [conn for ident, conn in self._conns.items() if _alive(self._threads, ident)]
        for conn in busy:
            with contextlib.suppress(psycopg.Error, OSError):
                conn.cancel_safe(timeout=max(0.1, deadline - time.monotonic()))
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))

    def stats(self) -> WorkloadStats:
        """Counters so far (safe to call from any thread)."""
        return self._tally.snapshot()

    def __enter__(self) -> Workload:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # -- threads ---------------------------------------------------------------------------------------

    def _spawn(self, name: str, step: Callable[[Conn, random.Random], None], interval: float) -> None:
        thread = threading.Thread(
            target=self._paced_loop, args=(step, interval), name=f"migwiz-demo-{name}", daemon=True
        )
        self._threads.append(thread)
        thread.start()

    def _paced_loop(self, step: Callable[[Conn, random.Random], None], interval: float) -> None:
        rng = random.Random()
        next_at = time.monotonic() + rng.uniform(0, interval)
        conn: Conn | None = None
        try:
            while not self._stop.wait(max(0.001, next_at - time.monotonic())):
                next_at = max(next_at + interval, time.monotonic())
                conn = conn if conn is not None and not conn.closed else self._connect()
                if conn is None:
                    continue
                started = time.perf_counter()
                try:
                    step(conn, rng)
                except Exception as error:  # counted, never raised: the thread must keep going
                    self._tally.failed(error)
                    if conn.broken:
                        self._drop(conn)
                        conn = None
                    continue
                self._tally.done((time.perf_counter() - started) * 1000)
        finally:
            if conn is not None:
                self._drop(conn)

    def _long_loop(self) -> None:
        every = self.long_xact_every_s or 0.0
        conn: Conn | None = None
        try:
            while not self._stop.wait(max(0.001, every)):
                conn = conn if conn is not None and not conn.closed else self._connect()
                if conn is None:
                    continue
                try:
                    self._hold(conn)
                except Exception as error:  # counted, never raised
                    self._tally.failed(error)
                    if conn.broken:
                        self._drop(conn)
                        conn = None
                finally:
                    with self._tally.lock:
                        self._tally.long_open = False
        finally:
            if conn is not None:
                self._drop(conn)

    def _hold(self, conn: Conn) -> None:
        """Read orders in a transaction and stay idle in it for `long_xact_s` (or until stopped)."""
        with conn.transaction():
            start = random.randint(1, max(1, self._max_order_id - 1000))
            conn.execute("SELECT count(*) FROM orders WHERE id BETWEEN %s AND %s", (start, start + 1000))
            with self._tally.lock:
                self._tally.long_open = True
                self._tally.long_transactions += 1
            self._stop.wait(self.long_xact_s)

    def _read(self, conn: Conn, rng: random.Random) -> None:
        order_id = rng.randint(1, self._max_order_id)
        if rng.random() < 0.5:
            conn.execute(
                "SELECT id, customer_id, status, amount, created_at FROM orders WHERE id = %s", (order_id,)
            ).fetchall()
        else:
            conn.execute(
                "SELECT id, status, amount FROM orders WHERE id BETWEEN %s AND %s ORDER BY id",
                (order_id, order_id + 20),
            ).fetchall()

    def _write(self, conn: Conn, rng: random.Random) -> None:
        if rng.random() < 0.5:
            conn.execute(
                "UPDATE orders SET status = %s, updated_at = now() WHERE id = %s",
                (rng.choice(STATUSES), rng.randint(1, self._max_order_id)),
            )
        else:
            conn.execute(
                "INSERT INTO orders (customer_id, status, amount) VALUES (%s, 'pending', %s)",
                (rng.randint(1, self._max_customer_id), round(rng.uniform(5, 500), 2)),
            )

    # -- connections -----------------------------------------------------------------------------------

    def _connect(self) -> Conn | None:
        """A new connection for the calling thread, or None (counted, after a short pause) on failure."""
        conn: Conn | None = None
        try:
            conn = psycopg.connect(
                self.dsn,
                autocommit=True,
                application_name=APPLICATION_NAME,
                connect_timeout=3,
                prepare_threshold=None,  # plans must survive the demo's column type changes
                options=f"-c statement_timeout={STATEMENT_TIMEOUT}",
            )
            with self._conns_lock:
                self._conns[threading.get_ident()] = conn
            row = conn.execute(
                "SELECT (SELECT coalesce(max(id), 1) FROM orders),"
                " (SELECT coalesce(max(id), 1) FROM customers)"
            ).fetchone()
        except Exception as error:  # the server may be gone or the tables locked
            self._tally.failed(error)
            if conn is not None:
                self._drop(conn)
            self._stop.wait(RECONNECT_DELAY_S)
            return None
        if row is not None and isinstance(row[0], int) and isinstance(row[1], int):
            self._max_order_id, self._max_customer_id = row[0], row[1]
        return conn

    def _drop(self, conn: Conn) -> None:
        with self._conns_lock:
            self._conns.pop(threading.get_ident(), None)
        with contextlib.suppress(psycopg.Error):
            conn.close()


def _alive(threads: list[threading.Thread], ident: int) -> bool:
    return any(t.ident == ident and t.is_alive() for t in threads)
