"""A network that stops answering without closing is noticed within seconds, whatever migwiz waits on.

TCP keepalives and the TCP user timeout (`session_limits`) end a wait on a dead link, but not on a path
whose last hop still acknowledges every packet: a proxy or pooler that stopped forwarding, a frozen
load balancer. There a statement's result, a commit or a log write would be waited for forever. The
heartbeat is a connection of its own, beside the run's, that asks the server `SELECT 1` every
`INTERVAL_S`, waiting on its socket with a deadline; an answer later than `STALL_S` means the path is
dead, and every migwiz connection is cut (`servers.connect.cut_all`): each wait ends with a lost
connection naming why, and the server ends the abandoned migration transaction by itself
(`idle_in_transaction_session_timeout`), releasing its locks.
"""

from __future__ import annotations

import select
import threading
import time
from typing import Any

import psycopg

from migwiz.engine.servers.connect import address_of, connect, cut_all

INTERVAL_S = 2.0
"""Seconds between two probes."""
STALL_S = 15.0
"""A probe unanswered this long means the path to the server is dead (`SELECT 1` takes microseconds; a
loaded server answers within a second or two). As long as the server's own idle bound for the executor
(`session_limits.IDLE_IN_TRANSACTION_MS`): migwiz gives up about when the server has released the locks
of the abandoned transaction, and a pooler that queues the probe behind busy clients has that long."""
_JUMP_S = 2.0
"""A gap this long between two looks at the socket (each waits at most 0.5 s) means this process did not
run meanwhile: the probe's time starts again."""


class Heartbeat:
    """Probes the server from a thread of its own until `close`; cuts every connection when it stalls."""

    def __init__(self, dsn: str, *, interval_s: float = INTERVAL_S, stall_s: float = STALL_S) -> None:
        self.interval_s = interval_s
        self.stall_s = stall_s
        self.stalled = False
        self._conn: psycopg.Connection[Any] = connect(dsn, autocommit=True, purpose="heartbeat")
        self._conn.pgconn.nonblocking = 1
        self.address = address_of(self._conn)
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._run, name="migwiz-heartbeat", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._closed.wait(self.interval_s):
            try:
                answered = self._probe()
            except psycopg.Error:
                return  # the connection itself failed (a server restart): the run's connections say so
            if answered is None:
                return  # closed while probing
            if not answered:
                self.stalled = True
                cut_all(
                    f"no answer from the server for {self.stall_s:g} s (a network that stopped"
                    " forwarding); migwiz cut its connections",
                    self.address,
                )
                return

    def _probe(self) -> bool | None:
        """Whether `SELECT 1` was answered within `stall_s` (None: closed meanwhile)."""
        pgconn = self._conn.pgconn
        pgconn.send_query(b"SELECT 1")
        deadline = last = time.monotonic()
        deadline += self.stall_s
        while True:
            now = time.monotonic()
            if now - last > _JUMP_S:  # this process was stopped (Ctrl-Z, SIGSTOP, a suspend): not the network
                deadline = now + self.stall_s
            last = now
            remaining = deadline - now
            if remaining <= 0:
                return False
            if self._closed.is_set():
                return None
            flushing = pgconn.flush() != 0
            readable, _, _ = select.select(
                [pgconn.socket], [pgconn.socket] if flushing else [], [], min(remaining, 0.5)
            )
            if not readable:
                continue
            pgconn.consume_input()
            while not pgconn.is_busy():
                if pgconn.get_result() is None:
                    return True

    def close(self) -> None:
        """Stop probing and close the heartbeat's connection."""
        self._closed.set()
        self._thread.join(timeout=1.0)
        if not self._thread.is_alive():
            self._conn.close()
