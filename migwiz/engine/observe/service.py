"""The live monitor: one connection of its own and one method, `sample()`.

The connection is autocommit, read-only, with a short statement_timeout and lock_timeout, so our own DDL
can never freeze it. Its queries read statistics views and catalogs only. A query the role may not run
switches its feature off for the monitor's life, with one notice, instead of failing every sample.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Collection, Sequence
from datetime import UTC, datetime
from types import TracebackType
from typing import Any

import psycopg
from psycopg import conninfo, errors

from migwiz.engine.errors import ConnectionFailed
from migwiz.engine.observe.locktree import LockRow, build_tree
from migwiz.engine.observe.queries import query_for
from migwiz.engine.observe.snapshot import LockWait, Progress, ReplicaLag, SessionInfo, Snapshot, one_line
from migwiz.engine.secrets import malformed, scrub
from migwiz.engine.servers.connect import cut_reason, register

FEATURES = ("locks", "sessions", "progress", "replication")
LABELS = {
    "locks": "lock tree",
    "sessions": "sessions",
    "progress": "progress",
    "replication": "replication lag",
}
HIDDEN_TEXT = "<insufficient privilege>"

Row = tuple[Any, ...]


class MonitorUnavailable(ConnectionFailed):
    """The monitor lost its server and could not reconnect."""


class Monitor:
    """Samples locks, our sessions, long operations and replication lag of one database.

    `our_pids` returns the backend pids of our own executor (called at every sample); sessions whose
    application_name starts with `ours_prefix` (migwiz names its connections `migwiz <purpose>`) count as
    ours too, except monitors (sessions named like this one). Transactions older than
    `long_transaction_s` seconds are reported in `Snapshot.long_transactions`.
    """

    def __init__(
        self,
        dsn: str,
        *,
        application_name: str = "migwiz-monitor",
        statement_timeout_ms: int = 400,
        our_pids: Callable[[], Collection[int]] | None = None,
        long_transaction_s: float = 5.0,
        ours_prefix: str = "migwiz ",
    ) -> None:
        self._dsn = dsn
        self._application_name = application_name
        self._statement_timeout_ms = max(1, statement_timeout_ms)
        self._our_pids = our_pids
        self._long_s = long_transaction_s
        self._prefix = ours_prefix
        self._disabled: dict[str, str] = {}
        self._said: set[str] = set()  # one-time notices already given
        self._mutex = threading.Lock()
        self._conn = self._connect()
        self.server_version = self._conn.info.server_version
        self._queries = {
            f: q for f in ("clock", *FEATURES) if (q := query_for(f, self.server_version)) is not None
        }

    # connection -----------------------------------------------------------------------------------------

    def _connect(self) -> psycopg.Connection[Row]:
        if malformed(self._dsn) is not None:
            raise ConnectionFailed(
                "invalid connection string for the monitor", "check the DSN (URI or key=value pairs)"
            )
        params = conninfo.conninfo_to_dict(self._dsn)
        params["application_name"] = self._application_name
        params.setdefault("connect_timeout", 5)
        try:
            if (cut := cut_reason(self._dsn)) is not None:  # the path stopped answering: do not wait
                raise psycopg.OperationalError(cut)
            conn = psycopg.connect(conninfo.make_conninfo("", **params), autocommit=True)
            register(conn)  # cut with the run's connections when the path to the server stops answering
        except psycopg.OperationalError as exc:
            lines = [line.strip() for line in scrub(str(exc)).splitlines() if line.strip()]
            raise MonitorUnavailable(
                f"monitor cannot connect to {_where(params)}: {lines[-1] if lines else 'unknown error'}",
                "is the server running and reachable? check the DSN",
            ) from None
        lock_ms = max(1, self._statement_timeout_ms // 2)
        conn.execute(
            "SELECT pg_catalog.set_config('statement_timeout', %s, false),"
            " pg_catalog.set_config('lock_timeout', %s, false),"
            " pg_catalog.set_config('default_transaction_read_only', 'on', false),"
            " pg_catalog.set_config('jit', 'off', false)",
            (f"{self._statement_timeout_ms}ms", f"{lock_ms}ms"),
        )
        return conn

    @property
    def backend_pid(self) -> int:
        """The server pid of the monitor's own connection."""
        return self._conn.info.backend_pid

    @property
    def disabled(self) -> dict[str, str]:
        """Features switched off for this monitor's life, with the reason."""
        return dict(self._disabled)

    def close(self) -> None:
        """Close the monitor's connection."""
        self._conn.close()

    def __enter__(self) -> Monitor:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # sampling -------------------------------------------------------------------------------------------

    def sample(self) -> Snapshot:
        """One consistent-enough look at the server; reconnects once if the connection dropped."""
        with self._mutex:
            started = time.perf_counter()
            try:
                return self._sample(started)
            except psycopg.OperationalError:
                if not (self._conn.broken or self._conn.closed):
                    raise
            self._conn.close()
            self._conn = self._connect()
            try:
                return self._sample(started)
            except psycopg.OperationalError as exc:
                if not (self._conn.broken or self._conn.closed):
                    raise
                raise MonitorUnavailable(
                    f"monitor lost {_where(conninfo.conninfo_to_dict(self._dsn))}: {_first_line(exc)}",
                    "the server went away; check that it is running",
                ) from None

    def _sample(self, started: float) -> Snapshot:
        notices: list[str] = []
        ours = set(self._our_pids() if self._our_pids else ())
        params = {
            "ours": list(ours),
            "prefix": self._prefix,
            "monitor": self._application_name,
            "long_s": float(self._long_s),
        }
        rows = self._fetch(params, notices)
        clock = rows.get("clock")
        taken_at = clock[0][0] if clock else datetime.now(UTC)
        lock_rows = rows.get("locks", [])
        session_rows = rows.get("sessions", [])
        progress_rows = rows.get("progress", [])
        replica_rows = rows.get("replication", [])

        sessions = [_session(r) for r in session_rows]
        ours |= {s.pid for s in sessions if s.ours}
        if any(r[10] == HIDDEN_TEXT for r in lock_rows) or any(s.query == HIDDEN_TEXT for s in sessions):
            self._once(
                "hidden-sessions",
                "sessions of other roles are partly hidden (query, state, times): grant pg_read_all_stats"
                " or pg_monitor to the monitor's role",
                notices,
            )
        replicas = tuple(_replica(r) for r in replica_rows)
        if any(r.state is None for r in replicas):
            self._once(
                "hidden-replication",
                "replication details are hidden from this role: grant pg_read_all_stats or pg_monitor",
                notices,
            )
        return Snapshot(
            taken_at=taken_at,
            server_version=self.server_version,
            lock_tree=build_tree(_lock_row(r, ours) for r in lock_rows),
            ours=tuple(s for s in sessions if s.ours),
            progress=tuple(_progress(r, ours) for r in progress_rows),
            replication=replicas,
            long_transactions=tuple(
                s for s in sessions if s.xact_age_s is not None and s.xact_age_s >= self._long_s
            ),
            notices=tuple(notices),
            disabled=tuple(self._disabled),
            sample_ms=(time.perf_counter() - started) * 1000,
        )

    def _fetch(self, params: dict[str, Any], notices: list[str]) -> dict[str, Sequence[Row]]:
        """Rows of every feature that is on: one pipelined round trip, in one transaction.

        One transaction gives one clock and one consistent view of the activity. A query that fails is
        handled by `_failed`; the features after it are sent again in a new round trip.
        """
        pending = [f for f in self._queries if f not in self._disabled]
        rows: dict[str, Sequence[Row]] = {}
        while pending:
            cursors = [(f, self._conn.cursor()) for f in pending]
            try:
                with self._conn.pipeline(), self._conn.transaction():
                    for feature, cur in cursors:
                        cur.execute(self._queries[feature], params if feature == "sessions" else None)
                pending = []
            except psycopg.Error as exc:
                failed = next((f for f, cur in cursors if cur.pgresult is None), None)
                if failed is None or self._conn.broken or self._conn.closed:
                    raise
                self._failed(failed, exc, notices)
                pending = pending[pending.index(failed) + 1 :]
            finally:
                for feature, cur in cursors:
                    if cur.pgresult is not None and feature not in rows:
                        rows[feature] = cur.fetchall()
                    cur.close()
        return rows

    def _failed(self, feature: str, exc: psycopg.Error, notices: list[str]) -> None:
        """Switch a feature off (no privilege, or a query the server does not support) or skip it this time
        (timeouts); a broken connection is raised for `sample` to reconnect."""
        if self._conn.broken or self._conn.closed:
            raise exc
        label = LABELS.get(feature, feature)
        reason = _first_line(exc)
        if isinstance(exc, errors.InsufficientPrivilege):
            self._disabled[feature] = reason
            notices.append(f"{label} off: {reason} (grant it, or pg_monitor, to the monitor's role)")
        elif isinstance(exc, psycopg.OperationalError | errors.SerializationFailure):
            notices.append(f"{label} skipped this time: {reason}")
        else:
            self._disabled[feature] = reason
            notices.append(f"{label} off: {reason}")

    def _once(self, key: str, text: str, notices: list[str]) -> None:
        if key not in self._said:
            self._said.add(key)
            notices.append(text)


def _where(params: dict[str, Any]) -> str:
    """host:port/dbname of a connection, never its password."""
    host = params.get("host") or params.get("hostaddr") or "localhost"
    return f"{host}:{params.get('port') or 5432}/{params.get('dbname') or ''}"


def _first_line(exc: psycopg.Error) -> str:
    """The server's primary message (libpq's first line for client-side errors)."""
    text = scrub(exc.diag.message_primary or str(exc))
    return text.strip().splitlines()[0] if text.strip() else type(exc).__name__


def _age(seconds: float | None) -> float | None:
    """An age measured against the sample's clock, which may precede an event seen in the same sample."""
    return None if seconds is None else max(0.0, seconds)


def _session(r: Row) -> SessionInfo:
    (pid, app, user, state, backend_type, wait_event, xact_age, query_age, state_age, query, ours) = r
    return SessionInfo(
        pid, app or "", user, state, backend_type, wait_event, _age(xact_age), _age(query_age),
        _age(state_age), one_line(query), bool(ours),
    )  # fmt: skip


def _lock_row(r: Row, ours: set[int]) -> LockRow:
    (pid, blocked_by, app, user, state, wait_s, xact_age, mode, locktype, relation, query, wait_event) = r
    node = LockWait(
        pid, app or "", user, state, _age(wait_s) if mode else None, _age(xact_age), mode, locktype,
        relation, one_line(query, width=2000), ours=pid in ours, wait_event=wait_event,
    )  # fmt: skip
    return LockRow(node, tuple(blocked_by))


def _progress(r: Row, ours: set[int]) -> Progress:
    (pid, operation, phase, relation, index, done, total, unit, waiting_for, elapsed_s, backend_type) = r
    if backend_type == "autovacuum worker":
        operation = f"autovacuum: {operation}"
    percent = min(100.0, 100.0 * done / total) if done is not None and total else None
    return Progress(
        pid, operation, phase, relation, index, done, total, unit, percent, waiting_for, _age(elapsed_s),
        ours=pid in ours,
    )  # fmt: skip


def _replica(r: Row) -> ReplicaLag:
    (pid, app, client_addr, state, sync_state, lag_bytes, lag_s, write_s, flush_s) = r
    return ReplicaLag(pid, app or "", client_addr, state, sync_state, lag_bytes, lag_s, write_s, flush_s)
