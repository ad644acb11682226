"""Fixtures the end-to-end tests share."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from migwiz.engine.servers.local import LocalServer, start_server
from tests.conftest import BINARIES

APP_PASSWORD = "right-pass-123"
"""The password of the `app` role of `password_server`."""


@pytest.fixture(scope="module")
def password_server() -> Iterator[LocalServer]:
    """A server that checks passwords (scram) for TCP connections; trust only for its local socket."""
    newest = max(BINARIES, key=lambda b: b.major) if BINARIES else None
    if newest is None:
        pytest.skip("no PostgreSQL binaries on this machine")
    hba = (
        "local all all trust\nhost all postgres 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 scram-sha-256\n"
    )
    server = start_server(newest, hba=hba)
    with psycopg.connect(server.dsn(), autocommit=True) as conn:
        conn.execute(f"CREATE ROLE app LOGIN PASSWORD '{APP_PASSWORD}'")
    yield server
    server.stop()
