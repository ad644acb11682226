"""The lock-queue guard: never let a migration statement make other sessions queue for long.

A statement that needs a strong lock waits behind every session already holding a conflicting one, and
every session arriving after it queues behind its pending request: one long reader turns a 1 ms
`ALTER TABLE` into a full stall of the table. The guard works in two steps, from a connection of its
own (autocommit, short statement_timeout, so our DDL can never freeze it):

1. Before a statement (or a whole transactional migration) starts, `wait_until_clear` looks in
   `pg_locks` for granted locks that conflict with the locks the statement needs (static analysis says
   which) and waits, outside the lock queue, while one of them belongs to a transaction older than
   `holder_grace_ms`. Short transactions of the ordinary workload do not count: queueing a few
   milliseconds behind them is harmless.
2. While the statement runs, a `Watch` thread looks at our backend every `poll_ms`: when it waits for a
   lock and sessions queue behind it beyond `max_queued` sessions or `max_queue_wait_ms`, the guard
   cancels OUR statement (`pg_cancel_backend` of our own pid, only while it still waits for the lock)
   and the executor retries later. Nobody else's session is ever touched by the watch.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import psycopg

from migwiz.engine import humanize, queries
from migwiz.engine.analysis.lockmodes import conflicts, lock_rank
from migwiz.engine.errors import ConnectionFailed
from migwiz.engine.servers.connect import connect, scrub

QUERY_WIDTH = 200


def _query(name: str, server_version: int | None = None) -> bytes:
    return queries.load(name, server_version).encode()


def _short(query: str | None) -> str:
    text = " ".join((query or "").split())
    return scrub(text if len(text) <= QUERY_WIDTH else text[: QUERY_WIDTH - 1] + "…")


@dataclass(frozen=True)
class GuardPolicy:
    """When the guard holds a statement back, and when it cancels our own statement."""

    enabled: bool = True
    wait_for_holders: bool = True
    """Do not enter the lock queue while a long transaction holds a conflicting lock."""
    holder_grace_ms: int = 100
    """A conflicting holder whose transaction is younger than this is ordinary workload: wait at most
    this long for the table to be free of it, then go ahead."""
    max_queued: int = 10
    """Cancel our waiting statement when more sessions than this queue behind it..."""
    max_queue_wait_ms: int = 100
    """...or when one of them has waited longer than this."""
    poll_ms: int = 20
    terminate_blockers: bool = False
    """Terminate long conflicting holders once retries are exhausted (`--terminate-blockers`, confirmed)."""


@dataclass(frozen=True)
class LockTarget:
    """A lock a statement will request: schema-qualified relation and mode."""

    relation: str
    mode: str


@dataclass(frozen=True)
class Session:
    """Another session, as the guard saw it: holding a lock we need, or queued behind us."""

    pid: int | None
    application_name: str
    user: str | None
    state: str | None
    age_s: float | None
    """For a holder the age of its transaction; for a queued session how long it has waited."""
    query: str
    mode: str | None = None
    relation: str | None = None

    def describe(self) -> str:
        """`pid 123 (psql, user app, idle in transaction, transaction open 5.2 s): SELECT ...`."""
        if self.pid is None:
            return f"a prepared transaction ({self.mode} on {self.relation})"
        parts = [self.application_name or "no application_name"]
        if self.user:
            parts.append(f"user {self.user}")
        if self.state:
            parts.append(self.state)
        if self.age_s is not None:
            parts.append(f"transaction open {humanize.duration(self.age_s)}")
        if self.mode and self.relation:
            parts.append(f"{self.mode} on {self.relation}")
        query = f": {self.query}" if self.query else ""
        return f"pid {self.pid} ({', '.join(parts)}){query}"

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "pid": self.pid,
            "application_name": self.application_name,
            "user": self.user,
            "state": self.state,
            "age_s": round(self.age_s, 3) if self.age_s is not None else None,
            "query": self.query,
            "mode": self.mode,
            "relation": self.relation,
        }


def _session(data: dict[str, Any], age_key: str) -> Session:
    age = data.get(age_key)
    return Session(
        data.get("pid"),
        data.get("application_name") or "",
        data.get("user"),
        data.get("state"),
        float(age) if age is not None else None,
        _short(data.get("query")),
    )


def describe_sessions(sessions: Sequence[Session], limit: int = 3) -> str:
    """Up to `limit` sessions described, `; `-separated, with how many more there are."""
    shown = "; ".join(s.describe() for s in sessions[:limit])
    more = len(sessions) - limit
    return shown + (f"; and {more} more" if more > 0 else "")


@dataclass
class WatchResult:
    """What a watch saw while one statement ran."""

    blockers: list[Session] = field(default_factory=list)
    """The sessions our statement was waiting for, at the last look while it waited."""
    queued: list[Session] = field(default_factory=list)
    """The sessions queued behind our statement at the last look (at the cancel, when it cancelled)."""
    cancelled: bool = False
    reason: str = ""
    max_queued: int = 0
    waited_ms: float = 0.0


class Guard:
    """The guard's own connection and the checks made with it."""

    def __init__(self, dsn: str, policy: GuardPolicy, *, ours: Callable[[], Collection[int]]) -> None:
        self.dsn = dsn
        self.policy = policy
        self.ours = ours
        self._conn: psycopg.Connection[Any] | None = None
        self._mutex = threading.Lock()
        self._watcher: _Watcher | None = None

    def _connection(self) -> psycopg.Connection[Any]:
        if self._conn is None or self._conn.closed or self._conn.broken:
            conn = connect(self.dsn, autocommit=True, purpose="guard")
            conn.execute("SET statement_timeout = '1s'")
            conn.execute("SET lock_timeout = '200ms'")
            self._conn = conn
        return self._conn

    def close(self) -> None:
        """Close the guard's connection."""
        if self._watcher is not None:
            self._watcher.close()
            self._watcher = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    @property
    def backend_pid(self) -> int | None:
        """The guard connection's pid (one of our own sessions)."""
        return self._conn.info.backend_pid if self._conn is not None and not self._conn.closed else None

    def _our_pids(self) -> list[int]:
        pids = set(self.ours())
        if self.backend_pid is not None:
            pids.add(self.backend_pid)
        return sorted(pids)

    # -- before the statement: conflicting holders ---------------------------------------------------

    def resolve(self, targets: Iterable[LockTarget]) -> dict[int, LockTarget]:
        """Oid -> target for the targets whose relation exists (new relations cannot be waited for)."""
        chosen: dict[str, LockTarget] = {}
        for t in targets:
            old = chosen.get(t.relation)
            if old is None or lock_rank(t.mode) > lock_rank(old.mode):
                chosen[t.relation] = t
        if not chosen:
            return {}
        names = list(chosen)
        schemas = [n.partition(".")[0] if "." in n else "public" for n in names]
        rels = [n.partition(".")[2] if "." in n else n for n in names]
        with self._mutex:
            rows = self._connection().execute(_query("guard_relations"), (schemas, rels)).fetchall()
        return {int(oid): chosen[names[int(i) - 1]] for i, oid in rows}

    def holders(self, targets: dict[int, LockTarget], *, min_age_ms: float = 0.0) -> list[Session]:
        """Sessions holding a lock that conflicts with a target, whose transaction is at least that old."""
        if not targets:
            return []
        with self._mutex:
            rows = (
                self._connection()
                .execute(_query("guard_holders"), {"oids": list(targets), "ours": self._our_pids()})
                .fetchall()
            )
        found: dict[int | None, Session] = {}
        for pid, mode, oid, relation, app, user, state, age, query in rows:
            target = targets.get(int(oid))
            if target is None or not conflicts(target.mode, mode):
                continue
            if age is not None and age * 1000 < min_age_ms:
                continue
            found.setdefault(pid, Session(pid, app, user, state, age, _short(query), mode, relation))
        return sorted(found.values(), key=lambda s: -(s.age_s or 0.0))

    def wait_until_clear(
        self,
        targets: dict[int, LockTarget],
        deadline: float,
        on_wait: Callable[[list[Session]], None],
        stopping: Callable[[], bool] = lambda: False,
    ) -> list[Session]:
        """Wait outside the lock queue until no long transaction holds a conflicting lock.

        Returns [] when clear, or the holders still there at `deadline` (time.monotonic()) or as soon as
        `stopping()` says the run is to stop. `on_wait` is called once with the holders when waiting starts.
        """
        if not (self.policy.enabled and self.policy.wait_for_holders and targets):
            return []
        told = False
        busy_since: float | None = None
        grace = self.policy.holder_grace_ms
        while True:
            found = self.holders(targets)
            long_ones = [h for h in found if h.age_s is None or h.age_s * 1000 >= grace]
            now = time.monotonic()
            if not found:
                return []
            if not long_ones:
                # only young transactions: a moment's wait usually finds the table free; a table that is
                # never free for `grace` ms is busy with short work, which is fine to queue behind
                busy_since = busy_since or now
                if (now - busy_since) * 1000 >= grace:
                    return []
                time.sleep(0.005)
                continue
            busy_since = None
            if now >= deadline or stopping():
                return long_ones
            if not told:
                on_wait(long_ones)
                told = True
            time.sleep(self.policy.poll_ms / 1000)

    # -- while the statement runs: the queue behind it --------------------------------------------------

    def look(self, pid: int) -> tuple[bool, list[Session], list[Session]]:
        """(waiting for a lock, the sessions it waits for, the sessions queued behind it)."""
        conn = self._connection()
        with self._mutex:
            row = conn.execute(_query("guard_watch", conn.info.server_version), {"pid": pid}).fetchone()
        if row is None:
            return False, [], []
        ours = set(self._our_pids())
        blockers = [_session(d, "xact_age_s") for d in row[1]]
        queued = [_session(d, "wait_s") for d in row[2] if d.get("pid") not in ours]
        return bool(row[0]), blockers, queued

    def cancel_if_waiting(self, pid: int) -> bool:
        """Cancel OUR backend's statement, only while it still waits for a lock."""
        with self._mutex:
            row = self._connection().execute(_query("guard_cancel_waiting"), (pid,)).fetchone()
        return bool(row and row[0])

    def terminate(self, sessions: Iterable[Session]) -> list[int]:
        """Terminate other sessions (only with --terminate-blockers, confirmed); never one of ours."""
        ours = set(self._our_pids())
        pids = [s.pid for s in sessions if s.pid is not None and s.pid not in ours]
        done: list[int] = []
        for pid in pids:
            with self._mutex:
                row = (
                    self._connection()
                    .execute("SELECT pg_catalog.pg_terminate_backend(%s)", (pid,))
                    .fetchone()
                )
            if row and row[0]:
                done.append(pid)
        return done

    def watch(self, pid: int) -> Watch:
        """A running watch over our backend `pid` (stop it when the statement returns)."""
        if self._watcher is None:
            self._watcher = _Watcher(self)
        return Watch(self, pid, self._watcher)


class Watch:
    """Looks at our backend every `poll_ms` while one statement runs, from the guard's watcher thread."""

    def __init__(self, guard: Guard, pid: int, watcher: _Watcher) -> None:
        self.guard = guard
        self.pid = pid
        self.result = WatchResult()
        self._stop = threading.Event()
        self._busy = threading.Lock()
        self._started = time.monotonic()
        self._waiting_since: float | None = None
        watcher.current = self

    @property
    def stopped(self) -> bool:
        """The statement returned (or the watch cancelled it)."""
        return self._stop.is_set()

    def look_once(self) -> None:
        """One look at our backend; cancels it when the lock queue behind it is too long or too old."""
        policy = self.guard.policy
        with self._busy:
            if self._stop.is_set():
                return
            try:
                waiting, blockers, queued = self.guard.look(self.pid)
            except psycopg.Error:
                return  # one slow look (statement_timeout) is no reason to stop watching
            except ConnectionFailed:
                return  # the server unreachable (a dead network): the executor's session reports it
            if not waiting:
                self._waiting_since = None
                return
            now = time.monotonic()
            self._waiting_since = self._waiting_since or now
            self.result.blockers = blockers
            self.result.queued = queued
            self.result.max_queued = max(self.result.max_queued, len(queued))
            self.result.waited_ms = (now - self._waiting_since) * 1000
            if not policy.enabled or not queued:
                return
            longest = max((q.age_s or 0.0) for q in queued) * 1000
            reason = ""
            if len(queued) > policy.max_queued:
                reason = f"{len(queued)} sessions queued behind our lock request (limit {policy.max_queued})"
            elif longest > policy.max_queue_wait_ms:
                reason = (
                    f"a session waited {humanize.duration(longest / 1000)} behind our lock request"
                    f" (limit {humanize.duration(policy.max_queue_wait_ms / 1000)})"
                )
            if reason:
                with contextlib.suppress(psycopg.Error):
                    if self.guard.cancel_if_waiting(self.pid):
                        self.result.cancelled = True
                        self.result.reason = reason
                        self._stop.set()

    def stop(self) -> WatchResult:
        """Stop watching (waiting for a look in progress to end) and return what was seen."""
        self._stop.set()
        with self._busy:
            return self.result


class _Watcher:
    """One thread per guard, ticking every `poll_ms`, that looks at the statement running now (if it has
    run for a tick): starting a thread per statement, or waking one, cost more than a small statement
    itself (seed data runs thousands per second)."""

    def __init__(self, guard: Guard) -> None:
        self.guard = guard
        self.current: Watch | None = None
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._run, name="migwiz-guard", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._closed.wait(self.guard.policy.poll_ms / 1000):
            watch = self.current
            if watch is None or watch.stopped:
                continue
            if (time.monotonic() - watch._started) * 1000 >= self.guard.policy.poll_ms:
                watch.look_once()

    def close(self) -> None:
        """End the thread (it ends within one tick)."""
        self._closed.set()
