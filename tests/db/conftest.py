"""Fixtures shared by the database tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from migwiz.engine.servers.local import Binaries, find_binaries, start_server
from tests.conftest import BINARIES, TestDatabase, create_database, drop_database, server_for
from tests.corpus import CorpusEntry, EntryTrace, trace_entry_with_catalog

CorpusTrace = Callable[[CorpusEntry, Binaries], EntryTrace]


@pytest.fixture(scope="session")
def corpus_trace() -> Iterator[CorpusTrace]:
    """A factory: the corpus entry traced on this server, once per session.

    `test_trace.py` (documented facts) and `test_analysis_vs_trace.py` (the analyser) check the same
    trace: tracing an entry resets a database and runs its setup and statements, so each entry is traced
    once per server and both read the result (one database per server, each entry resets `public`).
    """
    databases: dict[int, TestDatabase] = {}
    traces: dict[tuple[str, int], EntryTrace] = {}

    def trace(entry: CorpusEntry, binaries: Binaries) -> EntryTrace:
        key = (entry.id, binaries.major)
        if key not in traces:
            if binaries.major not in databases:
                databases[binaries.major] = create_database(server_for(binaries))
            traces[key] = trace_entry_with_catalog(databases[binaries.major].dsn, entry)
        return traces[key]

    yield trace
    for database in databases.values():
        drop_database(database)


NEWEST = max(BINARIES, key=lambda b: b.major) if BINARIES else None
CRASH_SERVERS = [
    pytest.param(b, id=f"pg{b.major}", marks=() if b is NEWEST else pytest.mark.fault_versions)
    for b in sorted(BINARIES, key=lambda b: -b.major)
] or [pytest.param(None, id="no-server")]
"""Servers for crash tests (a migwiz process killed, a server restarted): the newest in `make test`, the
older ones with the `fault_versions` marker (`make test-versions`), as for the fault matrix of tests/faults.
What they prove is migwiz's own bookkeeping across a lost client or server, which no server version
changes; the version-dependent parts they touch (catalog queries, lock and index behaviour) are checked on
every version by the other database tests."""


def fresh_database(binaries: Binaries | None) -> Iterator[TestDatabase]:
    """A new database on `binaries`' server, dropped afterwards (skipped without binaries)."""
    if binaries is None:
        pytest.skip("no PostgreSQL binaries on this machine")
    database = create_database(server_for(binaries))
    try:
        yield database
    finally:
        drop_database(database)


@pytest.fixture(params=CRASH_SERVERS)
def crash_db(request: pytest.FixtureRequest) -> Iterator[TestDatabase]:
    """A fresh database on one of CRASH_SERVERS."""
    yield from fresh_database(request.param)


@pytest.fixture(params=CRASH_SERVERS)
def client_db(request: pytest.FixtureRequest) -> Iterator[TestDatabase]:
    """A fresh database on one of CRASH_SERVERS, for what migwiz's own side decides whatever the server's
    version: its reaction to a killed process, a dead network or an idle session, the rollout of a fleet,
    the events of a run, the ranges of a parallel backfill. The newest server in `make test`, the older ones
    in `make test-versions`; the catalog queries and server behaviour these tests touch are checked on
    every version by the other database tests."""
    yield from fresh_database(request.param)


@pytest.fixture
def stats_db() -> Iterator[TestDatabase]:
    """A database on a dedicated server with pg_stat_statements loaded (the system PostgreSQL ships it)."""
    binaries = find_binaries(15)
    if binaries is None or not (binaries.bin_dir.parent / "lib" / "pg_stat_statements.so").exists():
        pytest.skip("no PostgreSQL with pg_stat_statements here")
    server = start_server(binaries, settings={"shared_preload_libraries": "'pg_stat_statements'"})
    db = create_database(server)
    try:
        db.execute("CREATE EXTENSION pg_stat_statements")
        yield db
    finally:
        drop_database(db)
        server.stop()
