"""Template-database snapshots of replayed migration states, cached on the shadow server.

A snapshot is a database `migwiz_snap_<hash>` holding the schema (and migwiz history) after a chain of
migrations was applied from the files: the hash covers the start (migwiz's version, the history schema,
the baseline files or the copied schema) and the version and checksum of every migration applied, in
order. Reaching a state is then `CREATE DATABASE … TEMPLATE migwiz_snap_<hash>` — a file copy on the
server — instead of replaying every file. Rollback tests, `drift`, `verify` and `ci` share the cache.

Snapshots do not accept connections (so copying one never waits for a session inside it); each one's
comment records when it was last used, and the least recently used ones beyond `keep` are dropped.
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import psycopg
from psycopg import sql

from migwiz import __version__
from migwiz.engine import queries
from migwiz.engine.errors import MigwizError, one_line
from migwiz.engine.history.baseline import read_baseline_file
from migwiz.engine.servers.connect import describe
from migwiz.engine.servers.connect import with_dbname as dsn_with_dbname
from migwiz.engine.sets.model import Migration
from migwiz.engine.shadow.scratch import admin_connection, copy_settings, create_database, drop_database

T = TypeVar("T")
SNAPSHOT_PREFIX = "migwiz_snap_"
DEFAULT_KEEP = 20
"""Snapshots kept on a server (least recently used dropped first)."""
INTERVAL = 25
"""A replay saves a snapshot every this many migrations (and at its end): a copy costs about as much as
replaying a few dozen files, so a state is at most this many replays away from a cached one."""
_COMMENT = "migwiz snapshot, last used "
_BUSY_TRIES = 5


def root_key(schema: str, baseline: Sequence[Path] = (), start: str = "", *, layout: str = "") -> str:
    """The key of the state before the first migration: migwiz's version, history schema, start schema,
    and how the set's tool carries a session between migrations (`layout`: Flyway restores it, the others
    keep it, run.session_state).

    `start` is the text of a copied schema (e.g. the target's dump for `--pending`), if any.
    """
    # "settings": snapshots carry the database's own settings (scratch.copy_settings); older ones did not;
    # "session": and the role and search_path the replay's session was left with (run.session_state)
    session = "fresh" if layout == "flyway" else "kept"
    h = hashlib.sha256(f"migwiz {__version__}\0settings\0session {session}\0schema {schema}\0".encode())
    for path in baseline:
        h.update(b"baseline\0" + read_baseline_file(path).encode() + b"\0")
    h.update(b"start\0" + start.encode())
    return h.hexdigest()[:32]


def chain_keys(root: str, migrations: Iterable[Migration]) -> list[str]:
    """Keys of the states after each migration of `migrations` is applied in order, starting at `root`."""
    keys, key = [], root
    for m in migrations:
        key = hashlib.sha256(f"{key}\0{m.version}\0{m.checksum}".encode()).hexdigest()[:32]
        keys.append(key)
    return keys


@dataclass
class SnapshotCache:
    """The snapshots on the server of `admin_dsn` (any database there; CREATEDB needed to make them)."""

    admin_dsn: str
    keep: int = DEFAULT_KEEP

    @staticmethod
    def name(key: str) -> str:
        """The database name of the snapshot for `key`."""
        return f"{SNAPSHOT_PREFIX}{key}"

    def names(self) -> set[str]:
        """Every snapshot database on the server."""
        with admin_connection(self.admin_dsn) as conn:
            rows = conn.execute(queries.load("shadow_snapshots"), (SNAPSHOT_PREFIX,)).fetchall()
        return {str(r[0]) for r in rows}

    def latest(self, keys: Sequence[str], upto: int | None = None) -> int:
        """How many migrations the longest cached state of `keys[:upto]` covers (0: none cached)."""
        have = self.names()
        stop = len(keys) if upto is None else upto
        for i in range(stop, 0, -1):
            if self.name(keys[i - 1]) in have:
                return i
        return 0

    def has(self, key: str) -> bool:
        """Whether the snapshot for `key` exists."""
        return self.name(key) in self.names()

    def restore(self, key: str, name: str) -> str:
        """A new database `name` copied from the snapshot for `key`; its DSN.

        While another run reads the snapshot (see `read`) the copy waits and tries again.
        """
        for attempt in range(_BUSY_TRIES):
            try:
                dsn = create_database(self.admin_dsn, name, template=self.name(key))
                break
            except MigwizError:
                if attempt == _BUSY_TRIES - 1:
                    raise
                time.sleep(0.5 * (attempt + 1))
        self._touch(self.name(key))
        return dsn

    def read(self, key: str, reader: Callable[[str], T]) -> T:
        """`reader(dsn)` on the snapshot for `key` itself, without copying it (read only, e.g. its model).

        The snapshot accepts connections only for this read, under an advisory lock on the snapshot's
        name so that two readers never switch it back under each other.
        """
        snap = self.name(key)
        allow = sql.SQL("ALTER DATABASE {} WITH ALLOW_CONNECTIONS {}")
        with admin_connection(self.admin_dsn) as conn:
            conn.execute("SELECT pg_catalog.pg_advisory_lock(pg_catalog.hashtext(%s))", (snap,))
            try:
                conn.execute(allow.format(sql.Identifier(snap), sql.SQL("true")))
                try:
                    return reader(dsn_with_dbname(self.admin_dsn, snap))
                finally:
                    conn.execute(allow.format(sql.Identifier(snap), sql.SQL("false")))
                    self._touch(snap)
            finally:
                conn.execute("SELECT pg_catalog.pg_advisory_unlock(pg_catalog.hashtext(%s))", (snap,))

    def save(self, database: str, key: str) -> None:
        """Snapshot `database` (no session may be connected to it) as the state for `key`.

        Another run saving the same key at the same time is not an error: the state is the same.
        """
        snap = self.name(key)
        query = sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
            sql.Identifier(snap), sql.Identifier(database)
        )
        with admin_connection(self.admin_dsn) as conn:
            for attempt in range(_BUSY_TRIES):
                try:
                    conn.execute(query)
                    copy_settings(conn, database, snap)
                    break
                except (psycopg.errors.DuplicateDatabase, psycopg.errors.UniqueViolation):
                    return  # saved by another run (or at this very moment: the catalog's unique index)
                except psycopg.errors.ObjectInUse as exc:  # a session (autovacuum) still in `database`
                    if attempt == _BUSY_TRIES - 1:
                        raise MigwizError(
                            f"cannot snapshot {database}: {one_line(exc)}",
                            "a template database must have no other connections",
                        ) from None
                    time.sleep(0.2 * (attempt + 1))
            conn.execute(
                sql.SQL("ALTER DATABASE {} WITH ALLOW_CONNECTIONS false").format(sql.Identifier(snap))
            )
        self._touch(snap)
        self.prune()

    def _touch(self, snap: str) -> None:
        stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        with admin_connection(self.admin_dsn) as conn, contextlib.suppress(psycopg.Error):
            conn.execute(
                sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                    sql.Identifier(snap), sql.Literal(_COMMENT + stamp)
                )
            )

    def prune(self) -> list[str]:
        """Drop the least recently used snapshots beyond `keep`; the names dropped."""
        with admin_connection(self.admin_dsn) as conn:
            rows = conn.execute(queries.load("shadow_snapshots"), (SNAPSHOT_PREFIX,)).fetchall()
        ordered = sorted(((str(c), str(n)) for n, c in rows), reverse=True)
        stale = [name for _, name in ordered[self.keep :]]
        for name in stale:
            with contextlib.suppress(psycopg.Error):  # being copied right now: next time
                drop_database(self.admin_dsn, name)
        return stale

    def clear(self) -> int:
        """Drop every snapshot on the server; how many there were."""
        names = self.names()
        for name in names:
            drop_database(self.admin_dsn, name)
        return len(names)

    def label(self) -> str:
        """Where the snapshots live, without secrets."""
        return describe(dsn_with_dbname(self.admin_dsn, "postgres"))
