"""Fixtures shared by the database tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from migwiz.engine.servers.local import Binaries
from tests.conftest import TestDatabase, create_database, drop_database, server_for
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
