"""What a target database is before anything runs: server, size, role, and where its migrations stand.

Read-only: nothing is created (the migwiz schema may not exist yet).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from psycopg.rows import dict_row

from migwiz.engine import queries
from migwiz.engine.history.state import DEFAULT_SCHEMA, read_history, state_exists
from migwiz.engine.servers.connect import describe
from migwiz.engine.servers.readers import reading
from migwiz.engine.sets.model import MigrationSet, Version


@dataclass(frozen=True)
class TargetInfo:
    """The target server and database, and what an operator should know before migrating it."""

    where: str
    """user@host:port/db, never a password."""
    server_version: str
    """As the server says it, e.g. `16.4`."""
    server_version_num: int
    database: str
    user: str
    size_bytes: int
    is_replica: bool
    """In recovery: migrations must run on the primary."""
    pooler_suspected: bool
    """Two transactions got different backends: a pooler in transaction mode sits in front."""
    migwiz_schema: bool
    current_version: str | None
    """The newest applied migration (None: none applied)."""
    applied: int
    """Migrations recorded as applied."""
    schema: str = DEFAULT_SCHEMA
    """The migwiz schema looked at."""

    @property
    def major(self) -> int:
        """The server's major version."""
        return self.server_version_num // 10000

    def warnings(self) -> tuple[str, ...]:
        """What the operator should know, one sentence each."""
        out: list[str] = []
        if self.pooler_suspected:
            out.append(
                "the backend changed between two statements: a pooler in transaction mode (PgBouncer?) sits"
                " in front; session settings such as lock_timeout may not stick: connect directly"
            )
        if self.is_replica:
            out.append("this server is a replica (in recovery): migrations must run on the primary")
        if not self.migwiz_schema:
            out.append(f"the {self.schema} schema does not exist yet: it is created by the first run")
        return tuple(out)


def target_info(dsn: str, schema: str = DEFAULT_SCHEMA, mset: MigrationSet | None = None) -> TargetInfo:
    """Probe the target: version, database, user, size, replica or not, a pooler in transaction mode,
    the migwiz schema and the current migration version.

    The current version is the newest applied in `mset`'s order (its tool's, e.g. Diesel's versions
    compared without dashes) when the set is given, else in migwiz's generic version order."""
    with reading(dsn, purpose="target") as conn:
        with conn.cursor(row_factory=dict_row) as cur:
            first = cur.execute(queries.load("target_server")).fetchone()
            second = cur.execute(queries.load("target_server")).fetchone()
        assert first is not None and second is not None
        initialised = state_exists(conn, schema)
        history = read_history(conn, schema) if initialised else []
    applied = [h.version for h in history if h.success]
    order: Callable[[str], Version] = mset.version if mset is not None else Version
    current = max(applied, key=order, default=None)
    return TargetInfo(
        where=describe(dsn),
        server_version=str(first["server_version"]),
        server_version_num=int(first["server_version_num"]),
        database=str(first["database"]),
        user=str(first["db_user"]),
        size_bytes=int(first["size_bytes"]),
        is_replica=bool(first["in_recovery"]),
        pooler_suspected=first["pid"] != second["pid"],
        migwiz_schema=initialised,
        current_version=current,
        applied=len(applied),
        schema=schema,
    )
