"""The client side of a dead network: the peer goes silent (no FIN, no RST, no ACK), and migwiz's own
TCP keepalives and TCP user timeout end the wait, with one line, instead of a hang.

A forwarding proxy that merely stops forwarding cannot show this: its kernel still acknowledges every
keepalive probe. Here the proxy listens on its own loopback address, and the network is cut with a
blackhole route for that address (packets to it vanish, both ways), as a dead link or a lost NAT
entry would make them vanish. That needs CAP_NET_ADMIN and `ip`; without them the test is skipped.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from migwiz.engine.run.session_limits import KEEPALIVE_PARAMS
from migwiz.engine.servers.connect import connect
from tests.conftest import TestDatabase
from tests.helpers import lost_connection_error, start_cli, write_migrations
from tests.helpers.proxies import BlackHoleProxy

SHORT = "keepalives_idle=1 keepalives_interval=1 keepalives_count=2 tcp_user_timeout=3000"
"""Keepalive settings of the test's DSN (a DSN's own values win over migwiz's): a dead peer is an error
in about 3 s instead of about 30."""
TCP_USER_TIMEOUT = getattr(socket, "TCP_USER_TIMEOUT", 18)


@pytest.fixture
def db(client_db: TestDatabase) -> TestDatabase:
    """Keepalives are the client's sockets:
    the newest server in `make test`, every server in `make test-versions` (tests/db/conftest.py)."""
    return client_db


@pytest.fixture
def proxy(db: TestDatabase) -> Iterator[BlackHoleProxy]:
    if not BlackHoleProxy.can_cut():
        pytest.skip("needs `ip` and CAP_NET_ADMIN to cut the network with a blackhole route")
    p = BlackHoleProxy(db.server.port)
    yield p
    p.close()


def test_every_migwiz_socket_has_keepalives_and_a_user_timeout(db: TestDatabase) -> None:
    """Read back from the kernel: the options libpq set on the socket of a `connect` with a plain DSN."""
    with connect(db.dsn, autocommit=True) as conn:
        sock = socket.socket(fileno=os.dup(conn.pgconn.socket))
        try:
            got = (
                sock.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE) != 0,
                sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE),
                sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL),
                sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT),
                sock.getsockopt(socket.IPPROTO_TCP, TCP_USER_TIMEOUT),
            )
        finally:
            sock.close()
    assert got == (
        True,
        KEEPALIVE_PARAMS["keepalives_idle"],
        KEEPALIVE_PARAMS["keepalives_interval"],
        KEEPALIVE_PARAMS["keepalives_count"],
        KEEPALIVE_PARAMS["tcp_user_timeout"],
    )


def test_a_silent_network_during_a_long_statement_ends_with_one_line(
    db: TestDatabase, proxy: BlackHoleProxy, tmp_path: Path
) -> None:
    """migwiz waits for the result of a long statement when the network goes silent: nothing will ever
    arrive, and without keepalives it would wait forever. It gives up after its TCP timeouts."""
    folder = write_migrations(
        tmp_path / "m",
        {"1_a.up.sql": "-- migwiz:no-transaction\nSELECT pg_sleep(120);\n", "1_a.down.sql": "SELECT 1;\n"},
    )
    via_proxy = f"host={proxy.address} port={proxy.port} user=postgres dbname={db.name} {SHORT}"
    migwiz = start_cli("up", "--dsn", via_proxy, "--dir", folder)
    try:
        with psycopg.connect(db.dsn, autocommit=True) as watcher:
            deadline = time.monotonic() + 60
            while not (
                sleeping := watcher.execute(
                    "SELECT pid FROM pg_stat_activity WHERE application_name LIKE 'migwiz executor%%'"
                    " AND state = 'active' AND query LIKE '%%pg_sleep(120)%%'"
                ).fetchall()
            ):
                assert time.monotonic() < deadline and migwiz.poll() is None, "the migration did not start"
                time.sleep(0.05)
            proxy.cut()
            cut_at = time.monotonic()
            _, stderr = migwiz.communicate(timeout=60)
            noticed_s = time.monotonic() - cut_at
            watcher.execute("SELECT pg_terminate_backend(%s)", (sleeping[0][0],))
    finally:
        if migwiz.poll() is None:
            migwiz.kill()
            migwiz.wait()
    assert migwiz.returncode != 0
    lost_connection_error(stderr)
    assert 1.5 < noticed_s < 15, f"noticed after {noticed_s:.1f} s"  # by the timers, not at once
