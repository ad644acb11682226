"""A `migwiz up` killed mid-statement: which statement migwiz's executor runs, what `status` says after,
and a concurrent index build SIGKILLed while it waits for an open transaction."""

from __future__ import annotations

import signal
from pathlib import Path

from tests.conftest import TestDatabase
from tests.helpers import run_cli, start_cli, wait_for


def executor_running(db: TestDatabase, fragment: str, *, waiting: bool = False) -> list[int]:
    """The pids of migwiz executors (schema `migwiz`) running a statement that contains `fragment` (with
    `waiting`, only while it waits for a lock)."""
    rows = db.execute(
        "SELECT pid FROM pg_stat_activity WHERE application_name = 'migwiz executor migwiz'"
        f" AND state = 'active' AND query LIKE '%{fragment}%'"
        + (" AND wait_event_type = 'Lock'" if waiting else "")
    )
    return [int(str(r[0])) for r in rows]


def states(db: TestDatabase, folder: Path) -> dict[str, str]:
    """Each migration's state, by version, as `migwiz status --json` says it."""
    result = run_cli("status", "--dsn", db.dsn, "--dir", folder, "--json")
    return {m["version"]: m["state"] for m in result.json()["migrations"]}


def sigkill_mid_build(db: TestDatabase, folder: Path, running: str, blocker: str) -> None:
    """`migwiz up` of `folder` while `blocker` (a write) keeps a transaction open, so a concurrent index
    build waits for it; SIGKILLed once the executor running `running` waits for that transaction (the new
    index is in the catalog by then), then the build's end awaited (the server notices the dead client
    within a second and cancels it, leaving an INVALID index)."""
    with db.connect(autocommit=False) as writer:
        writer.execute(blocker)
        with start_cli("up", "--dsn", db.dsn, "--dir", folder) as proc:
            wait_for(
                lambda: bool(executor_running(db, running, waiting=True)), f"{running} waiting for the writer"
            )
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)
        wait_for(lambda: executor_running(db, running) == [], "the build to stop")
        writer.rollback()
