"""Fixtures of the real-world tier: a database on a server that offers a set's extensions."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import psycopg
import pytest

from migwiz.engine.servers.extensions import where_to_get
from tests.conftest import BINARIES, TestDatabase, create_database, drop_database, server_for
from tests.realworld.realsets import RealSet


@pytest.fixture
def db_for() -> Iterator[Callable[[RealSet], TestDatabase]]:
    """A factory: a fresh database on the newest server offering every extension the set needs."""
    made: list[TestDatabase] = []

    def make(real: RealSet) -> TestDatabase:
        tried = []
        for binaries in sorted(BINARIES, key=lambda b: b.major, reverse=True):
            server = server_for(binaries)
            with psycopg.connect(server.dsn(), autocommit=True) as conn:
                have = {r[0] for r in conn.execute("SELECT name FROM pg_available_extensions")}
            if set(real.extensions) <= have:
                made.append(create_database(server))
                return made[-1]
            tried.append(f"{binaries.major} ({binaries.source})")
        pytest.skip(
            f"{real.name} needs {', '.join(real.extensions)}: no server offers them "
            f"(tried {', '.join(tried) or 'none'}); " + "; ".join(where_to_get(e) for e in real.extensions)
        )

    yield make
    for database in made:
        drop_database(database)
