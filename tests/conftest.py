"""Real PostgreSQL servers for the test suite: one per available major version, a fresh database per test.

Set MIGWIZ_TEST_PG=16,18 to limit the versions while iterating locally.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import psycopg
import pytest
from psycopg import sql

from migwiz.engine.servers.local import Binaries, LocalServer, available_binaries, start_server
from tests.standby import StandbyPair, standby_pair


def _wanted_binaries() -> list[Binaries]:
    found = list(available_binaries())
    only = os.environ.get("MIGWIZ_TEST_PG")
    if only:
        majors = {int(v) for v in only.split(",") if v.strip()}
        found = [b for b in found if b.major in majors]
    return found


BINARIES = _wanted_binaries()


def pytest_report_header(config: pytest.Config) -> list[str]:
    """Say which servers the database tests run on, and why a system server is missing."""
    found = ", ".join(f"{b.major} ({b.source})" for b in BINARIES) or "none"
    lines = [f"PostgreSQL servers for database tests: {found}"]
    if not any(b.source == "system" for b in available_binaries()):
        lines.append("no system PostgreSQL under /usr/lib/postgresql: tests run on the embedded builds only")
    if os.environ.get("MIGWIZ_TEST_PG"):
        lines.append(f"limited by MIGWIZ_TEST_PG={os.environ['MIGWIZ_TEST_PG']}")
    return lines


@pytest.fixture(autouse=True, scope="session")
def _private_lint_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """`lint` of one file caches analysed schemas: in the tests, never in the user's cache folder."""
    os.environ.setdefault("MIGWIZ_CACHE_DIR", str(tmp_path_factory.mktemp("migwiz-cache")))


_servers: dict[int, LocalServer] = {}


@dataclass(frozen=True)
class TestDatabase:
    """A fresh database on a real server."""

    __test__ = False  # not a test class for pytest

    server: LocalServer
    name: str

    @property
    def dsn(self) -> str:
        return self.server.dsn(self.name)

    @property
    def major(self) -> int:
        return self.server.major

    def connect(self, autocommit: bool = True) -> psycopg.Connection[tuple[object, ...]]:
        return psycopg.connect(self.dsn, autocommit=autocommit)

    def execute(self, query: str) -> list[tuple[object, ...]]:
        """Run SQL in autocommit and return rows (empty when the statement returns none)."""
        with self.connect() as conn:
            cur = conn.execute(query.encode())
            return cur.fetchall() if cur.description else []


def server_for(binaries: Binaries) -> LocalServer:
    """The session's server of this version, started on first use."""
    if binaries.major not in _servers:
        _servers[binaries.major] = start_server(binaries)
    return _servers[binaries.major]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    for server in _servers.values():
        server.stop()
    _servers.clear()


def create_database(server: LocalServer) -> TestDatabase:
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server.dsn(), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return TestDatabase(server, name)


def drop_database(db: TestDatabase) -> None:
    with psycopg.connect(db.server.dsn(), autocommit=True) as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            (db.name,),
        )
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(db.name)))


@pytest.fixture(params=BINARIES or [None], ids=lambda b: f"pg{b.major}" if b else "no-server")
def pg_server(request: pytest.FixtureRequest) -> LocalServer:
    """A running server of each available major version (session-wide, shared)."""
    binaries: Binaries | None = request.param
    if binaries is None:
        pytest.skip("no PostgreSQL binaries on this machine")
    return server_for(binaries)


@pytest.fixture
def db(pg_server: LocalServer) -> Iterator[TestDatabase]:
    """A fresh, empty database on each available server version."""
    database = create_database(pg_server)
    try:
        yield database
    finally:
        drop_database(database)


@pytest.fixture
def db_latest() -> Iterator[TestDatabase]:
    """A fresh database on the newest available server only (for tests whose subject is not the version)."""
    if not BINARIES:
        pytest.skip("no PostgreSQL binaries on this machine")
    newest = max(BINARIES, key=lambda b: b.major)
    database = create_database(server_for(newest))
    try:
        yield database
    finally:
        drop_database(database)


def _newest() -> list[Binaries]:
    return [max(BINARIES, key=lambda b: b.major)] if BINARIES else []


@pytest.fixture(
    scope="module", params=_newest() or [None], ids=lambda b: f"pg{b.major}" if b else "no-server"
)
def standby_latest(request: pytest.FixtureRequest) -> Iterator[StandbyPair]:
    """A primary of the newest version and a streaming standby of it, shared by the test module.

    For tests whose subject is not the version: one base backup per module keeps the suite fast.
    """
    yield from _pair(request.param)


@pytest.fixture(scope="module", params=BINARIES or [None], ids=lambda b: f"pg{b.major}" if b else "no-server")
def standby_each(request: pytest.FixtureRequest) -> Iterator[StandbyPair]:
    """A primary and a streaming standby of each available version (for what differs between versions)."""
    yield from _pair(request.param)


def _pair(binaries: Binaries | None) -> Iterator[StandbyPair]:
    if binaries is None:
        pytest.skip("no PostgreSQL binaries on this machine")
    with standby_pair(binaries) as pair:
        yield pair
