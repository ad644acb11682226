"""Observer mode on a real server: `migwiz watch` shows the statements, index builds and backfills of a
run made by another connection or process."""

from __future__ import annotations

import asyncio
import os
import sys
import threading
import time
from pathlib import Path

import psycopg
import pytest
from psycopg import conninfo
from rich.console import Console
from textual.widgets import Static

from migwiz.engine import commands
from migwiz.engine.backfill.store import ensure_backfill_state, start_checkpoint, write_control
from migwiz.engine.follow import LogFollower
from migwiz.engine.history.state import ensure_state
from migwiz.tui.app import make_app
from migwiz.tui.context import WizardContext
from migwiz.tui.widgets.progress_pane import ProgressPane
from tests.conftest import TestDatabase
from tests.tui.helpers import make_target, wait_until

pytestmark = pytest.mark.timeout(120)


def plain(widget: Static) -> str:
    """What a Static shows, as plain text."""
    console = Console(width=200, color_system=None, force_terminal=False)
    with console.capture() as cap:
        console.print(widget.content)
    return cap.get()


def named(dsn: str, application_name: str) -> str:
    """The DSN with an application_name."""
    return conninfo.make_conninfo(dsn, application_name=application_name)


async def test_watch_shows_an_index_build_of_another_connection(
    db_latest: TestDatabase, tmp_path: Path
) -> None:
    """A `migwiz executor` session builds an index concurrently while a writer holds its transaction open:
    the build waits in its first phase for as long as the writer stays. The watch screen names the session,
    its running time and statement, and the build's phase from pg_stat_progress_create_index."""
    settings = make_target(db_latest, tmp_path / "migrations", rows=1000)
    writer = psycopg.connect(db_latest.dsn, autocommit=False)
    writer.execute("INSERT INTO items VALUES (0, 0)")
    executor = psycopg.connect(named(db_latest.dsn, "migwiz executor"), autocommit=True)
    build = threading.Thread(
        target=lambda: executor.execute("CREATE INDEX CONCURRENTLY items_v_idx ON items (v)")
    )
    build.start()
    app = make_app(
        WizardContext(db_latest.dsn, settings, mode="watch", poll_interval_s=0.1, cursor_blink=False)
    )
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            pane = app.screen.query_one(ProgressPane)
            title = pane.query_one("#progress-title", Static)
            operation = pane.query_one("#operation", Static)
            await wait_until(pilot, lambda: "waiting for writers" in plain(operation))
            shown = plain(operation)
            assert "CREATE INDEX CONCURRENTLY" in shown, shown
            assert f"waiting for pid {writer.info.backend_pid}" in shown, shown
            await wait_until(
                pilot, lambda: f"migwiz executor (pid {executor.info.backend_pid})" in plain(title)
            )
            assert "· running " in plain(title)
            assert "not started" not in plain(title)
            assert "CREATE INDEX CONCURRENTLY items_v_idx" in plain(
                pane.query_one("#current-statement", Static)
            )
            writer.commit()
            build.join(30)
            await wait_until(pilot, lambda: "no migwiz statement running" in plain(title))
            await wait_until(pilot, lambda: "no long operation running" in plain(operation))
    finally:
        writer.rollback()
        build.join(30)
        writer.close()
        executor.close()
    assert db_latest.execute("SELECT count(*) FROM pg_indexes WHERE indexname = 'items_v_idx'") == [(1,)]


async def test_watch_shows_the_backfill_of_another_process(db_latest: TestDatabase, tmp_path: Path) -> None:
    """`migwiz up` runs a rate-limited backfill in its own process: the watch screen shows its rows, rate
    and ETA from the backfill's checkpoint, then the finished backfill."""
    settings = make_target(db_latest, tmp_path / "migrations", rows=30000)
    setup = psycopg.connect(db_latest.dsn, autocommit=True)
    ensure_state(setup)
    ensure_backfill_state(setup, "migwiz")
    write_control(setup, "migwiz", "0002", batch_size=500, max_rate=3000)  # about 10 s
    setup.close()
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("DATABASE_URL", None)
    proc = await asyncio.create_subprocess_exec(
        *(
            sys.executable,
            "-m",
            "migwiz",
            "up",
            "--dir",
            str(settings.migrations_dir),
            "--dsn",
            db_latest.dsn,
        ),
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
        env=env,
    )
    app = make_app(
        WizardContext(db_latest.dsn, settings, mode="watch", poll_interval_s=0.1, cursor_blink=False)
    )
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            pane = app.screen.query_one(ProgressPane)
            operation = pane.query_one("#operation", Static)

            def running() -> bool:
                p = pane.backfill
                return p is not None and p.state in ("running", "throttled") and 0 < p.rows_done < 30000

            await wait_until(pilot, running, 60)
            await wait_until(pilot, lambda: pane.backfill is not None and pane.backfill.eta_s is not None)
            reading = pane.backfill
            assert reading is not None and reading.rate > 0 and reading.total_estimate >= 29000
            shown = plain(operation)
            assert "backfill public.items" in shown or "backfill items" in shown, shown
            assert "ETA" in shown, shown
            assert pane.op_total and 0 < pane.op_done < pane.op_total
            commands.control_backfill(
                commands.Project(db_latest.dsn, commands.Settings(None)), "0002", max_rate=1e9
            )  # the rest: quickly
            assert await asyncio.wait_for(proc.wait(), 60) == 0
            await wait_until(
                pilot, lambda: pane.last_backfill is not None and pane.last_backfill.state == "done"
            )
            assert pane.last_backfill is not None and pane.last_backfill.rows_done == 30000
            assert pane.op_done == pane.op_total
    finally:
        if proc.returncode is None:
            proc.kill()
            await asyncio.wait_for(proc.wait(), 30)


def test_a_backfill_whose_process_died_reads_as_stopped(db_latest: TestDatabase, tmp_path: Path) -> None:
    """A checkpoint says `running` while its backend lives; once the backend is gone the watch screen shows
    it stopped, once, then no more: a dead process's checkpoint never looks like a running backfill."""
    make_target(db_latest, tmp_path / "migrations", rows=10)
    runner = psycopg.connect(db_latest.dsn, autocommit=True)
    ensure_state(runner)
    ensure_backfill_state(runner, "migwiz")
    start_checkpoint(
        runner,
        "migwiz",
        "0002",
        relation="public.items",
        key_columns=("id",),
        statement="UPDATE items SET v = v",
        upper_key=("10",),
        total_estimate=10,
        run_id=None,
    )
    reader = psycopg.connect(db_latest.dsn, autocommit=True)
    follower = LogFollower(db_latest.dsn, "migwiz", purpose="watch")  # what the watch screen reads through
    try:
        (running,) = follower.backfills()
        assert (running.backfill_id, running.state, running.table) == ("0002", "running", "public.items")
        runner.close()
        wait_for_gone(reader)
        (stopped,) = follower.backfills()
        assert (stopped.state, stopped.eta_s) == ("stopped", None)
        assert follower.backfills() == []
        with LogFollower(db_latest.dsn, "migwiz", purpose="watch") as fresh:
            assert fresh.backfills() == []
            (left,) = fresh.backfills(stopped=True)  # what a watch opened afterwards shows at first
            assert (left.backfill_id, left.state) == ("0002", "stopped")
    finally:
        follower.close()
        runner.close()
        reader.close()


async def test_a_watch_opened_after_a_lost_terminal_shows_the_stopped_backfill(
    db_latest: TestDatabase, tmp_path: Path
) -> None:
    """The terminal was lost mid-backfill; a watch opened afterwards said `no migwiz statement running` and
    nothing of the backfill that status, backfill status and the log called stopped and resumable."""
    settings = make_target(db_latest, tmp_path / "migrations", rows=10)
    with psycopg.connect(db_latest.dsn, autocommit=True) as runner:
        ensure_state(runner)
        ensure_backfill_state(runner, "migwiz")
        start_checkpoint(
            runner, "migwiz", "0002", relation="public.items", key_columns=("id",),
            statement="UPDATE items SET v = v", upper_key=("10",), total_estimate=10, run_id=None,
        )  # fmt: skip
    with psycopg.connect(db_latest.dsn, autocommit=True) as reader:
        wait_for_gone(reader)
    app = make_app(
        WizardContext(db_latest.dsn, settings, mode="watch", poll_interval_s=0.1, cursor_blink=False)
    )
    async with app.run_test(size=(80, 24)) as pilot:
        pane = app.screen.query_one(ProgressPane)
        await wait_until(pilot, lambda: pane.last_backfill is not None)
        shown = plain(pane.query_one("#operation", Static))
        assert "backfill public.items · stopped" in shown and "resumable: migwiz up" in shown, shown
        assert "ETA" not in shown and "/s" not in shown, shown


def wait_for_gone(reader: psycopg.Connection[tuple[object, ...]]) -> None:
    """Until the checkpoint's backend has left pg_stat_activity (bounded)."""
    deadline = time.monotonic() + 30
    query = "SELECT count(*) FROM pg_stat_activity a JOIN migwiz.backfill_progress b ON a.pid = b.pid"
    while reader.execute(query).fetchone() != (0,):
        assert time.monotonic() < deadline, "the closed connection's backend did not go away"
        time.sleep(0.05)


async def test_enter_on_a_lock_row_in_observer_mode(db_latest: TestDatabase, tmp_path: Path) -> None:
    """A session holds `items` in ACCESS EXCLUSIVE mode, another waits to read it: at 80×24, Tab to the
    lock pane and Enter on the waiter shows which lock on which relation it waits for, and its query."""
    from textual.widgets import DataTable

    from migwiz.tui.widgets.lock_detail import LockDetailModal

    settings = make_target(db_latest, tmp_path / "migrations", rows=10)
    holder = psycopg.connect(named(db_latest.dsn, "shop-admin"), autocommit=False)
    holder.execute("LOCK TABLE items IN ACCESS EXCLUSIVE MODE")
    reader = psycopg.connect(named(db_latest.dsn, "shop-reports"), autocommit=True)
    read = threading.Thread(target=lambda: reader.execute("SELECT count(*) FROM items WHERE v >= 0"))
    read.start()
    app = make_app(
        WizardContext(db_latest.dsn, settings, mode="watch", poll_interval_s=0.1, cursor_blink=False)
    )
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            screen = app.screen
            table = screen.query_one("#lock-table", DataTable)
            await wait_until(pilot, lambda: table.row_count == 2)
            for _ in range(6):
                if table.has_focus:
                    break
                await pilot.press("tab")
            assert table.has_focus
            await pilot.press("home", "down", "enter")
            await wait_until(pilot, lambda: isinstance(app.screen, LockDetailModal))
            text = "\n".join(plain(s) for s in app.screen.query(Static))
            assert f"Waiting session {reader.info.backend_pid}" in text and "shop-reports" in text
            assert "AccessShareLock on public.items" in text and "Lock:relation" in text
            assert "SELECT count(*) FROM items WHERE v >= 0" in text
            await pilot.press("escape")
            await wait_until(pilot, lambda: app.screen is screen)
    finally:
        holder.rollback()
        read.join(30)
        holder.close()
        reader.close()
