"""A backfill cut off by SIGKILL or by a server restart resumes exactly where it stopped.

The backfill UPDATE increments `n` on each row it touches: after the resume every row of the key range
has n = 1 (none done twice, none skipped), and at the moment of the crash the rows with n = 1 are
exactly those up to the committed checkpoint.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from migwiz.engine.backfill import control_backfill
from migwiz.engine.log.eventlog import EventLog
from migwiz.engine.run.runner import Runner
from migwiz.engine.servers.local import Binaries, LocalServer, run_as, start_server
from migwiz.engine.sets import load_migration_set
from tests.conftest import TestDatabase, create_database, drop_database
from tests.db.conftest import CRASH_SERVERS
from tests.helpers import run_cli, start_cli, wait_for, write_migrations
from tests.helpers.backfill import (
    MIGRATIONS,
    ROWS,
    assert_each_row_once,
    checkpoint,
    executor_gone,
    make_items,
    rows_scanned,
)


def assert_matches_checkpoint(db: TestDatabase) -> int:
    """The rows updated so far are exactly those up to the checkpoint's last key."""
    cp = checkpoint(db.dsn)
    assert cp is not None and cp.last_key is not None and cp.state != "done"
    last = int(cp.last_key[0])
    assert cp.rows_scanned == last
    assert db.execute(
        f"SELECT count(*) FILTER (WHERE n = 1 AND id <= {last}),"
        f" count(*) FILTER (WHERE n <> 0 AND id > {last}),"
        " count(*) FILTER (WHERE n > 1) FROM items"
    ) == [(last, 0, 0)]
    return last


@pytest.fixture
def db(crash_db: TestDatabase) -> TestDatabase:
    """The newest server only in `make test`, the older ones in `make test-versions` (CRASH_SERVERS)."""
    return crash_db


def test_sigkill_mid_backfill_then_resume(db: TestDatabase, tmp_path: Path) -> None:
    make_items(db, trigger=False)
    folder = write_migrations(tmp_path / "m", MIGRATIONS)
    control_backfill(
        db.dsn, "migwiz", "1", batch_size=400, max_rate=20_000, workers=1
    )  # about a second in all
    proc = start_cli("up", "--dir", folder, "--dsn", db.dsn, quiet=True)
    try:
        wait_for(lambda: rows_scanned(db.dsn) >= 4000, timeout=60)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    wait_for(lambda: executor_gone(db), timeout=30)
    last = assert_matches_checkpoint(db)
    assert 4000 <= last < ROWS
    assert db.execute("SELECT success FROM migwiz.history WHERE version = '1'") == [(False,)]
    result = run_cli("up", "--dir", folder, "--dsn", db.dsn, "--wait", "10s")
    assert result.code == 0, result.stderr
    assert_each_row_once(db)
    cp = checkpoint(db.dsn)
    assert cp is not None and cp.state == "done" and cp.rows_scanned == ROWS
    assert db.execute("SELECT success FROM migwiz.history WHERE version = '1'") == [(True,)]


def restart(server: LocalServer) -> None:
    """Restart in place. (LocalServer.restart() runs pg_ctl without -l, so the new postmaster keeps
    the captured stdout pipe open and the call never returns.)"""
    result = run_as(
        server.user, server.binaries.tool("pg_ctl"), "-D", server.datadir,
        "-l", server.datadir / "server.log", "-m", "fast", "-w", "-t", "60", "restart",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


@pytest.fixture(params=CRASH_SERVERS)
def own_server(request: pytest.FixtureRequest) -> Iterator[LocalServer]:
    """A dedicated server (it gets restarted), of each version in CRASH_SERVERS."""
    binaries: Binaries | None = request.param
    if binaries is None:
        pytest.skip("no PostgreSQL binaries on this machine")
    server = start_server(binaries)
    try:
        yield server
    finally:
        server.stop()


def test_server_restart_mid_backfill_then_resume(own_server: LocalServer, tmp_path: Path) -> None:
    db = create_database(own_server)
    try:
        make_items(db, trigger=False)
        folder = write_migrations(tmp_path / "m", MIGRATIONS)
        control_backfill(db.dsn, "migwiz", "1", batch_size=400, max_rate=20_000, workers=1)
        runner = Runner(db.dsn, load_migration_set(folder), log=EventLog())
        errors: list[BaseException] = []

        def apply() -> None:
            try:
                runner.up()
            except BaseException as exc:  # the connection dies with the server
                errors.append(exc)

        thread = threading.Thread(target=apply, daemon=True)
        thread.start()
        wait_for(lambda: rows_scanned(db.dsn) >= 4000, timeout=60)
        restart(own_server)
        thread.join(timeout=30)
        assert not thread.is_alive()
        assert errors, "the backfill should have lost its connection"
        runner.close()
        last = assert_matches_checkpoint(db)
        assert last < ROWS
        resumed = Runner(db.dsn, load_migration_set(folder), log=EventLog())
        report = resumed.up()
        resumed.close()
        assert report.ok
        assert_each_row_once(db)
    finally:
        drop_database(db)
