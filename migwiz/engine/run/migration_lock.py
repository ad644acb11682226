"""One migwiz run per database and migwiz schema, enforced by a session-level advisory lock.

The lock lives on a connection of its own that never keeps a transaction open: a migrator whose own
connection sits in an open transaction makes `CREATE INDEX CONCURRENTLY` wait for ever.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import Any

import psycopg

from migwiz.engine import queries
from migwiz.engine.errors import LockHeld, one_line
from migwiz.engine.servers.connect import connect

LOCK_CLASS = 0x6D69677A  # "migz"


@dataclass(frozen=True)
class LockHolder:
    """The session holding the migration lock."""

    pid: int
    application_name: str
    user: str
    client: str | None
    since: datetime | None

    def describe(self) -> str:
        """`pid 123 (migwiz lock, user app, since 12:03:04)`."""
        since = f", since {self.since:%Y-%m-%d %H:%M:%S %Z}" if self.since else ""
        client = f" from {self.client}" if self.client else ""
        name = self.application_name or "no application_name"
        return f"pid {self.pid} ({name}, user {self.user}{client}{since})"


class MigrationLock:
    """Holds the advisory lock for (database, schema) on a dedicated autocommit connection."""

    def __init__(self, dsn: str, schema: str, *, wait_ms: int = 0) -> None:
        self.dsn = dsn
        self.schema = schema
        self.wait_ms = wait_ms
        self._conn: psycopg.Connection[Any] | None = None
        self.pid: int | None = None
        """The server pid of the lock's session, once taken."""

    def acquire(self) -> None:
        """Take the lock, waiting up to `wait_ms`; raises `LockHeld` naming the holder."""
        conn = connect(self.dsn, autocommit=True, purpose="lock")
        try:
            if self.wait_ms > 0:
                conn.execute(
                    "SELECT pg_catalog.set_config('lock_timeout', %s, false)", (f"{int(self.wait_ms)}ms",)
                )
                try:
                    conn.execute("SELECT pg_advisory_lock(%s, hashtext(%s))", (LOCK_CLASS, self.schema))
                    got = True
                except psycopg.errors.LockNotAvailable:
                    got = False
                conn.execute("RESET lock_timeout")
            else:
                row = conn.execute(
                    "SELECT pg_try_advisory_lock(%s, hashtext(%s))", (LOCK_CLASS, self.schema)
                ).fetchone()
                got = bool(row and row[0])
            if not got:
                holder = self.holder(conn)
                who = holder.describe() if holder else "a session that has just gone"
                raise LockHeld(
                    f"another migwiz run holds the migration lock on this database: {who}",
                    "wait for it to finish, or pass --wait=30s to queue behind it",
                )
        except BaseException:
            conn.close()
            raise
        self._conn = conn
        self.pid = conn.info.backend_pid

    def holder(self, conn: psycopg.Connection[Any]) -> LockHolder | None:
        """Who holds the lock now, if anybody."""
        row = conn.execute(queries.load("run_migration_lock_holder"), (LOCK_CLASS, self.schema)).fetchone()
        return LockHolder(*row) if row else None

    @property
    def backend_pid(self) -> int | None:
        """The pid of the lock's connection (one of our own sessions)."""
        return self._conn.info.backend_pid if self._conn is not None else None

    def gone(self) -> str | None:
        """Why the lock's session is gone (terminated, or its connection lost), None while it holds the
        lock: a session-level advisory lock lasts as long as its session, so a live session still holds it.
        One round trip on the lock's own connection; called by the thread that runs the migrations."""
        conn = self._conn
        if conn is None:
            return None
        try:
            conn.execute("SELECT 1")
        except psycopg.Error as exc:
            return one_line(exc)
        return None

    def release(self) -> None:
        """Release the lock by closing its connection (the server drops session locks with it)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> MigrationLock:
        self.acquire()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()
