"""Read-only commands never wait forever for a lock: a table (or migwiz's history) held ACCESS EXCLUSIVE
by another session makes them give up within the read lock_timeout, naming the relation and its holder."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from migwiz.engine.config import Settings
from migwiz.engine.errors import ReadLockTimeout
from migwiz.engine.project import Project
from migwiz.engine.servers.readers import READ_LOCK_TIMEOUT_MS
from migwiz.engine.servers.target import target_info
from migwiz.tui.backend import recent_changes
from tests.conftest import TestDatabase
from tests.helpers import run_cli, write_migrations


@pytest.fixture
def db(client_db: TestDatabase) -> TestDatabase:
    """How long migwiz's read-only sessions wait is its own setting, and the holder query reads columns
    every supported server has: the newest server in `make test`, every server in `make test-versions`."""
    return client_db


BOUND_S = READ_LOCK_TIMEOUT_MS / 1000 + 8
"""The lock_timeout plus a process start and a server connection on a loaded machine."""


@pytest.fixture
def applied_set(db: TestDatabase, tmp_path: Path) -> Path:
    folder = write_migrations(
        tmp_path / "m",
        {
            "1_a.up.sql": "CREATE TABLE app (id int PRIMARY KEY);\n",
            "1_a.down.sql": "DROP TABLE app;\n",
            "2_b.up.sql": "ALTER TABLE app ADD COLUMN v int;\n",
            "2_b.down.sql": "ALTER TABLE app DROP COLUMN v;\n",
        },
    )
    assert run_cli("up", "--dsn", db.dsn, "--dir", folder, "--to", "1").code == 0
    return folder


def hold(db: TestDatabase, relation: str) -> Iterator[int]:
    with psycopg.connect(db.dsn, application_name="lock-holder") as holder:
        holder.execute(f"LOCK {relation} IN ACCESS EXCLUSIVE MODE")
        yield holder.info.backend_pid
        holder.rollback()


@pytest.fixture
def history_held(db: TestDatabase, applied_set: Path) -> Iterator[int]:
    yield from hold(db, "migwiz.history")


def expected_line(doing: str, relation: str, pid: int) -> re.Pattern[str]:
    return re.compile(
        rf"migwiz: error: {doing}: waited 5 s for a lock on {re.escape(relation)} held ACCESS EXCLUSIVE by"
        rf" pid {pid} \(lock-holder, idle in transaction for \d+ s\); gave up"
    )


@pytest.mark.parametrize(("command", "doing"), [("plan", "plan"), ("drift", "drift"), ("verify", "drift")])
def test_a_locked_history_ends_the_read_within_seconds_naming_its_holder(
    db: TestDatabase, applied_set: Path, history_held: int, command: str, doing: str
) -> None:
    started = time.monotonic()
    result = run_cli(command, "--dsn", db.dsn, "--dir", applied_set, timeout=60)
    elapsed = time.monotonic() - started
    assert result.code == 3, result.stderr
    assert READ_LOCK_TIMEOUT_MS / 1000 <= elapsed < BOUND_S
    line, hint = result.stderr.splitlines()
    assert expected_line(doing, "migwiz.history", history_held).fullmatch(line), line
    assert hint.startswith("hint: that session must commit or roll back first")


def test_plan_reading_a_locked_table_ends_within_seconds_naming_its_holder(
    db: TestDatabase, applied_set: Path
) -> None:
    """plan reads the size of the pending migration's table: ACCESS SHARE, blocked by the holder."""
    for pid in hold(db, "public.app"):
        started = time.monotonic()
        result = run_cli("plan", "--dsn", db.dsn, "--dir", applied_set, timeout=60)
        elapsed = time.monotonic() - started
        assert result.code == 3, result.stderr
        assert elapsed < BOUND_S
        assert expected_line("plan", "public.app", pid).fullmatch(result.stderr.splitlines()[0])
    assert run_cli("plan", "--dsn", db.dsn, "--dir", applied_set).code == 0  # released: plan works again


def test_status_with_a_locked_history_ends_within_seconds(
    db: TestDatabase, applied_set: Path, history_held: int
) -> None:
    started = time.monotonic()
    result = run_cli("status", "--dsn", db.dsn, "--dir", applied_set, timeout=60)
    assert result.code == 3 and time.monotonic() - started < BOUND_S
    assert f"pid {history_held} (lock-holder" in result.stderr.splitlines()[0]


def test_target_and_the_wizards_history_are_bounded_reads(
    db: TestDatabase, applied_set: Path, history_held: int
) -> None:
    for read, doing in (
        (lambda: target_info(db.dsn), "target"),
        (lambda: recent_changes(Project(db.dsn, Settings(migrations_dir=applied_set))), "recent changes"),
    ):
        started = time.monotonic()
        with pytest.raises(ReadLockTimeout) as info:
            read()
        assert time.monotonic() - started < READ_LOCK_TIMEOUT_MS / 1000 + 3
        assert info.value.message.startswith(f"{doing}: waited 5 s for a lock on migwiz.history held")
        assert f"by pid {history_held} (lock-holder" in info.value.message
