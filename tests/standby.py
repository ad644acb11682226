"""A primary and its streaming standby, started for a test module (see the fixtures in tests/conftest.py).

The primary is a server of its own (not the session's shared one), so replication slots, archiving
settings and paused replay never leak into other tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import psycopg

from migwiz.engine.servers.local import Binaries, LocalServer, start_server, start_standby
from tests.helpers import wait_for

SLOT = "migwiz_test_standby"


@dataclass
class StandbyPair:
    """A primary, its standby streaming through the physical slot `slot`."""

    primary: LocalServer
    standby: LocalServer
    slot: str

    @property
    def major(self) -> int:
        """The servers' major version."""
        return self.primary.major

    def on_primary(self, query: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Run SQL on the primary's `postgres` database; rows when it returns any."""
        with psycopg.connect(self.primary.dsn(), autocommit=True) as conn:
            cur = conn.execute(query.encode(), params)
            return cur.fetchall() if cur.description else []

    def on_standby(self, query: str) -> list[tuple[Any, ...]]:
        """Run SQL on the standby (read-only)."""
        with psycopg.connect(self.standby.dsn(), autocommit=True) as conn:
            cur = conn.execute(query.encode())
            return cur.fetchall() if cur.description else []

    def streaming(self) -> bool:
        """The primary sees the standby streaming."""
        return bool(self.on_primary("SELECT 1 FROM pg_stat_replication WHERE state = 'streaming'"))

    def replay_bytes_behind(self) -> int:
        """How far the standby's replay is behind the primary's WAL (0 without a standby)."""
        rows = self.on_primary(
            "SELECT coalesce(max(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)), 0)::bigint"
            " FROM pg_stat_replication"
        )
        return int(rows[0][0])

    def wait_caught_up(self, timeout: float = 30.0) -> None:
        """Wait until the standby streams and has replayed everything the primary wrote."""
        wait_for(
            lambda: self.streaming() and self.replay_bytes_behind() == 0, "the standby to catch up", timeout
        )

    def pause_replay(self) -> None:
        """Stop applying WAL on the standby (it keeps receiving it), until `resume_replay`."""
        self.on_standby("SELECT pg_wal_replay_pause()")

    def resume_replay(self) -> None:
        """Apply WAL again."""
        self.on_standby("SELECT pg_wal_replay_resume()")

    @contextmanager
    def replay_paused(self) -> Iterator[None]:
        """Replay paused inside the block, resumed after it whatever happens."""
        self.pause_replay()
        try:
            yield
        finally:
            self.resume_replay()

    def stop_standby(self) -> None:
        """Shut the standby down (its slot on the primary stays, inactive)."""
        self.standby._run(
            self.standby.binaries.tool("pg_ctl"), "-D", self.standby.datadir, "-m", "fast", "-w", "stop"
        )

    def start_standby_again(self) -> None:
        """Start the stopped standby in place and wait until it streams."""
        result = self.standby._run(
            self.standby.binaries.tool("pg_ctl"),
            "-D",
            self.standby.datadir,
            "-l",
            self.standby.datadir / "server.log",
            "-w",
            "-t",
            "60",
            "start",
        )
        assert result.returncode == 0, result.stderr
        wait_for(self.streaming, "the restarted standby to stream")


@contextmanager
def standby_pair(binaries: Binaries, primary_settings: dict[str, str] | None = None) -> Iterator[StandbyPair]:
    """Start a primary and a standby of it (slot `SLOT`); stop both and remove their folders after."""
    primary = start_server(binaries, settings=primary_settings)
    try:
        standby = start_standby(primary, slot=SLOT)
        try:
            pair = StandbyPair(primary, standby, SLOT)
            wait_for(pair.streaming, "the standby to stream")
            yield pair
        finally:
            standby.stop("immediate")
    finally:
        primary.stop()
