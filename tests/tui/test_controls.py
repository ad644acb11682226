"""The wizard's run controls on a real server, driven with Pilot: both abort choices, the lock_timeout
dialog, the dump key, and applying only up to a chosen migration.

A migration is held mid-run by a real lock a background connection keeps: an advisory lock (the guard does
not know those, so the statement itself waits in the server) or a row lock.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from rich.console import Console
from textual.widgets import DataTable, OptionList, Static

from migwiz.engine import commands
from migwiz.engine.backup import DumpResult
from migwiz.engine.sets import load_migration_set
from migwiz.engine.sets.model import Version
from migwiz.tui.app import WizardApp, make_app
from migwiz.tui.backend import ImpactReport
from migwiz.tui.context import WizardContext
from migwiz.tui.execution import RunSummary
from migwiz.tui.screens.backup import BackupScreen
from migwiz.tui.screens.confirm import ChoiceModal, ValueModal
from migwiz.tui.screens.execute import ExecuteScreen
from migwiz.tui.widgets.event_tail import EventTail
from migwiz.tui.widgets.lock_detail import LockDetailModal
from tests.conftest import TestDatabase
from tests.tui.helpers import make_target, wait_until
from tests.tui.test_flows import confirm, plain, table_text

pytestmark = pytest.mark.timeout(120)

GATED = {  # 0001 waits in the server (60 s lock_timeout): never a retry, whose backoff a stop would end
    "0001_first.up.sql": "-- migwiz:lock-timeout=60s\nSELECT pg_advisory_xact_lock(4242);\n"
    "CREATE TABLE seen AS SELECT current_setting('lock_timeout') AS v;\n",
    "0001_first.down.sql": "DROP TABLE seen;\n",
    "0002_second.up.sql": "INSERT INTO seen SELECT current_setting('lock_timeout');\n",
    "0002_second.down.sql": "DELETE FROM seen;\n",
}


@pytest.fixture
def gate(db_latest: TestDatabase) -> Iterator[psycopg.Connection[Any]]:
    """Advisory lock 4242, held until the test releases it (`pg_advisory_unlock_all`) or ends."""
    holder = psycopg.connect(db_latest.dsn, autocommit=True)
    holder.execute("SELECT pg_advisory_lock(4242)")
    yield holder
    holder.execute("SELECT pg_advisory_unlock_all()")
    holder.close()


def waiting_on_lock(db: TestDatabase, app: WizardApp) -> bool:
    """The executor's backend waits on a lock in the server."""
    pid = app.control.backend_pid if app.control is not None else None
    if pid is None:
        return False
    rows = db.execute(f"SELECT wait_event_type FROM pg_stat_activity WHERE pid = {int(pid)}")
    return bool(rows) and rows[0][0] == "Lock"


def states(db: TestDatabase, folder: Path) -> list[str]:
    return [
        s.state for s in commands.status(commands.Project.of(db.dsn, load_migration_set(folder))).statuses
    ]


def execute_app(db: TestDatabase, folder: Path, migrations: dict[str, str], **target: Any) -> WizardApp:
    settings = make_target(db, folder, migrations=migrations, **target)
    context = WizardContext(db.dsn, settings, poll_interval_s=0.1, cursor_blink=False)
    return make_app(context, start="execute")


async def test_abort_stops_after_the_running_migration(
    db_latest: TestDatabase, tmp_path: Path, gate: psycopg.Connection[Any]
) -> None:
    """`a`, first choice: 0001 (waiting on the gate) finishes, 0002 never starts, the log says why."""
    folder = tmp_path / "migrations"
    app = execute_app(db_latest, folder, GATED, rows=10)
    async with app.run_test(size=(100, 30)) as pilot:
        await confirm(pilot, app, db_latest.name)
        await wait_until(pilot, lambda: waiting_on_lock(db_latest, app))
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceModal))
        assert app.screen.query_one(OptionList).highlighted == 0
        await pilot.press("enter")  # Stop after the running migration
        assert app.control is not None and app.control.stop_after == "migration"
        gate.execute("SELECT pg_advisory_unlock_all()")
        await wait_until(pilot, lambda: isinstance(app.data.run, RunSummary))
        run = app.data.run
        assert [(str(o.version), o.result) for o in run.report.outcomes] == [("0001", "applied")]
        assert run.ok and run.stopped == "the operator asked to stop" and run.skipped == ("0002",)
        screen = app.screen
        assert isinstance(screen, ExecuteScreen)
        status = plain(screen.query_one("#status-line", Static))
        assert "stopped at a safe point: 0001 applied, 0002 not applied" in status, status
        tail = "\n".join(str(line.text) for line in screen.query_one(EventTail).lines)
        assert "stopped at a safe point before 0002: the operator asked to" in tail  # cut to the pane
    assert states(db_latest, folder) == ["applied", "pending"]


async def test_a_wait_outside_the_lock_queue_is_shown_and_abort_ends_it(
    db_latest: TestDatabase, tmp_path: Path
) -> None:
    """A long transaction holds `items`: the progress pane says the run waits outside the lock queue, for
    how long and behind whom; `a`, stop, ends the wait at once (the holder is still there) with 0001 not
    applied, and the status line says so."""
    folder = tmp_path / "migrations"
    migrations = {
        "0001_note.up.sql": "ALTER TABLE items ADD COLUMN note text;\n",
        "0001_note.down.sql": "ALTER TABLE items DROP COLUMN note;\n",
    }
    app = execute_app(db_latest, folder, migrations, rows=10)
    holder = psycopg.connect(db_latest.dsn)
    try:
        holder.execute("SELECT count(*) FROM items")
        pid = holder.info.backend_pid
        async with app.run_test(size=(80, 24)) as pilot:
            await confirm(pilot, app, db_latest.name)
            screen = app.screen
            assert isinstance(screen, ExecuteScreen)
            await wait_until(
                pilot,
                lambda: (
                    "waiting outside the lock queue" in plain(screen.query_one("#progress-title", Static))
                ),
            )
            assert f"held by pid {pid}" in plain(screen.query_one("#current-statement", Static))
            assert "waiting for a lock" in plain(screen.query_one("#status-line", Static))
            await pilot.press("a")
            await wait_until(pilot, lambda: isinstance(app.screen, ChoiceModal))
            await pilot.press("enter")  # Stop after the running migration: it has not started
            await wait_until(pilot, lambda: isinstance(app.data.run, RunSummary), limit_s=5)
            assert holder.info.transaction_status == psycopg.pq.TransactionStatus.INTRANS
            status = plain(screen.query_one("#status-line", Static))
            assert "stopped at a safe point: 0001 not applied (the operator asked to stop)" in status, status
    finally:
        holder.close()
    assert states(db_latest, folder) == ["pending"]


async def test_abort_cancels_the_running_statement(db_latest: TestDatabase, tmp_path: Path) -> None:
    """`a`, second choice, while an UPDATE waits for a row another session has locked: the statement is
    cancelled (57014), 0001 is rolled back, nothing after it runs."""
    migrations = {
        "0001_touch.up.sql": "-- migwiz:lock-timeout=60s\nUPDATE items SET v = v + 1 WHERE id = 7;\n",
        "0001_touch.down.sql": "UPDATE items SET v = v - 1 WHERE id = 7;\n",
        "0002_after.up.sql": "CREATE TABLE after (id int);\n",
        "0002_after.down.sql": "DROP TABLE after;\n",
    }
    folder = tmp_path / "migrations"
    app = execute_app(db_latest, folder, migrations, rows=100)
    holder = psycopg.connect(db_latest.dsn, autocommit=False)
    holder.execute("SELECT * FROM items WHERE id = 7 FOR UPDATE")  # a row lock until rollback
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await confirm(pilot, app, db_latest.name)
            await wait_until(pilot, lambda: waiting_on_lock(db_latest, app))
            await pilot.press("a")
            await wait_until(pilot, lambda: isinstance(app.screen, ChoiceModal))
            await pilot.press("down", "enter")  # Cancel the running statement now
            await wait_until(pilot, lambda: isinstance(app.data.run, RunSummary))
            run = app.data.run
            [outcome] = run.report.outcomes
            assert outcome.result == "failed" and outcome.failure is not None
            assert outcome.failure.sqlstate == "57014"
            status = plain(app.screen.query_one("#status-line", Static))
            assert "0001 was cancelled by the operator (0 applied before it)" in status, status
            shown = plain(app.screen.query_one("#outcome", Static))
            assert (
                "0001 failed at 0001_touch.up.sql:2; its transaction was rolled back: 0001 is still pending"
                in shown
            ), shown
            assert "57014 canceling statement due to user request" in shown, shown
            # the operator's choice is recorded by a worker while the cancelled run ends: let it finish
            await app.workers.wait_for_complete([w for w in app.workers if w.group == "abort-log"])
    finally:
        holder.rollback()
        holder.close()
    assert states(db_latest, folder) == ["pending", "pending"]
    assert db_latest.execute("SELECT v FROM items WHERE id = 7") == [(0,)]
    [(level, message, data)] = db_latest.execute(
        "SELECT level, message, data FROM migwiz.events WHERE step = 'abort'"
    )
    assert level == "warning" and "cancel the running statement now" in message
    assert data["choice"] == "cancel" and data["os_user"] and data["host"] and data["requested_at"]
    assert data["finished"] is False


async def test_an_abort_chosen_after_the_run_ended_says_so_and_is_logged(
    db_latest: TestDatabase, tmp_path: Path, gate: psycopg.Connection[Any]
) -> None:
    """The question is open while the run finishes: choosing "Cancel now" then stops nothing, the screen
    says the run had already finished (never "cancelling…" beside "done"), and the request is logged."""
    folder = tmp_path / "migrations"
    app = execute_app(db_latest, folder, GATED, rows=10)
    async with app.run_test(size=(100, 30)) as pilot:
        await confirm(pilot, app, db_latest.name)
        await wait_until(pilot, lambda: waiting_on_lock(db_latest, app))
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceModal))
        gate.execute("SELECT pg_advisory_unlock_all()")
        await wait_until(pilot, lambda: isinstance(app.data.run, RunSummary))
        await pilot.press("down", "enter")  # Cancel the running statement now, too late
        await wait_until(pilot, lambda: isinstance(app.screen, ExecuteScreen))
        status = plain(app.screen.query_one("#status-line", Static))
        assert "already finished when the abort was chosen: nothing was stopped" in status
        assert "cancelling" not in status
        run = app.data.run
        assert run.ok and [o.result for o in run.report.outcomes] == ["applied", "applied"]
        await app.workers.wait_for_complete()
    assert states(db_latest, folder) == ["applied", "applied"]
    [(message, data)] = db_latest.execute("SELECT message, data FROM migwiz.events WHERE step = 'abort'")
    assert "the run had already finished" in message and data["choice"] == "cancel"
    assert data["finished"] is True


async def test_lock_timeout_dialog_applies_from_the_next_statement(
    db_latest: TestDatabase, tmp_path: Path, gate: psycopg.Connection[Any]
) -> None:
    """`l` while 0001 waits: a bad value is refused in the dialog; 750ms is what statement 2 of 0001 and
    then 0002 see (SHOW lock_timeout, stored by the migrations themselves)."""
    folder = tmp_path / "migrations"
    app = execute_app(db_latest, folder, GATED, rows=10)
    async with app.run_test(size=(100, 30)) as pilot:
        await confirm(pilot, app, db_latest.name)
        await wait_until(pilot, lambda: waiting_on_lock(db_latest, app))
        await pilot.press("l")
        await wait_until(pilot, lambda: isinstance(app.screen, ValueModal))
        dialog = app.screen
        await pilot.press(*["backspace"] * 12, "0", "enter")
        assert "must be more than 0" in plain(dialog.query_one("#mismatch", Static))
        await pilot.press("backspace", *"750ms", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ExecuteScreen))
        assert app.control is not None and app.control.lock_timeout_ms == 750
        assert "lock_timeout 750 ms from the next statement on" in plain(app.screen.query_one("#status-line"))
        gate.execute("SELECT pg_advisory_unlock_all()")
        await wait_until(pilot, lambda: isinstance(app.data.run, RunSummary))
        assert app.data.run.ok and app.data.run.lock_timeout_ms == 750
    assert db_latest.execute("SELECT v FROM seen") == [("750ms",), ("750ms",)]


async def test_dump_key_takes_a_verified_dump(db_latest: TestDatabase, tmp_path: Path) -> None:
    """`t` on the Backup screen: a real pg_dump of the tables the pending migrations touch, verified."""
    settings = make_target(db_latest, tmp_path / "migrations", rows=500)
    app = make_app(WizardContext(db_latest.dsn, settings, cursor_blink=False), start="backup")
    app.data.export_dir = tmp_path
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.data.backup is not None or "backup" in app.data.errors)
        await pilot.press("t")
        await wait_until(
            pilot, lambda: isinstance(app.data.dump, DumpResult) or "dump" in app.data.errors, 60
        )
        dump = app.data.dump
        assert isinstance(dump, DumpResult), app.data.errors
        assert dump.path.parent == tmp_path / "backups" and dump.path.stat().st_size == dump.size > 0
        assert hashlib.sha256(dump.path.read_bytes()).hexdigest() == dump.sha256
        assert [t.qualified for t in dump.tables] == ["public.items"]
        screen = app.screen
        assert isinstance(screen, BackupScreen)
        assert "Dump verified" in plain(screen.query_one("#dump-result", Static))


async def test_apply_up_to_the_selected_migration(db_latest: TestDatabase, tmp_path: Path) -> None:
    """`u` on 0001: impact, dry run and the run itself stop at 0001; 0002 stays pending."""
    settings = make_target(db_latest, tmp_path / "migrations", rows=100)
    app = make_app(
        WizardContext(db_latest.dsn, settings, poll_interval_s=0.1, cursor_blink=False), start="pending"
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.data.lint is not None)
        table = app.screen.query_one("#migrations", DataTable)
        assert table_text(table).splitlines()[table.cursor_row].startswith("0001")
        await pilot.press("u")
        assert app.data.apply_to == Version("0001")
        await pilot.press("n")  # backup → impact
        await wait_until(pilot, lambda: isinstance(app.data.plan, ImpactReport))
        assert {r.version for r in app.data.plan.rows} == {"0001"}
        assert "up to 0001" in plain(app.screen.query_one("#verdict", Static))
        await pilot.press("n")
        await wait_until(pilot, lambda: app.data.dry_run is not None or "dryrun" in app.data.errors)
        assert {s.version for s in app.data.dry_run.statements} == {"0001"}
        await pilot.press("n")
        await confirm(pilot, app, db_latest.name)
        await wait_until(pilot, lambda: isinstance(app.data.run, RunSummary))
        assert [str(o.version) for o in app.data.run.report.outcomes] == ["0001"]
    assert states(db_latest, settings.migrations_dir) == ["applied", "pending"]  # type: ignore[arg-type]


async def test_pause_holds_the_run_at_the_next_safe_point(
    db_latest: TestDatabase, tmp_path: Path, gate: psycopg.Connection[Any]
) -> None:
    """`p` while 0001 waits inside its transaction: 0001 finishes, the run holds before 0002 and says so;
    `p` again and 0002 runs."""
    folder = tmp_path / "migrations"
    app = execute_app(db_latest, folder, GATED, rows=10)
    async with app.run_test(size=(80, 24)) as pilot:
        await confirm(pilot, app, db_latest.name)
        await wait_until(pilot, lambda: waiting_on_lock(db_latest, app))
        await pilot.press("p")
        status = app.screen.query_one("#status-line", Static)
        assert app.control is not None and app.control.paused
        assert "pause asked: 0001 runs on" in plain(status)
        gate.execute("SELECT pg_advisory_unlock_all()")
        await wait_until(pilot, lambda: "paused before 0002" in plain(status))
        assert "p to resume" in plain(status)
        assert states(db_latest, folder) == ["applied", "pending"]
        assert db_latest.execute("SELECT count(*) FROM seen") == [(1,)]
        await pilot.press("p")
        assert not app.control.paused
        await wait_until(pilot, lambda: isinstance(app.data.run, RunSummary))
        assert app.data.run.ok and not app.data.run.stopped
    assert states(db_latest, folder) == ["applied", "applied"]
    steps = db_latest.execute("SELECT message FROM migwiz.events WHERE step = 'pause' ORDER BY id")
    assert steps == [("paused by the operator before 0002_second",), ("resumed",)]


async def test_enter_on_a_lock_row_shows_the_session_in_full(
    db_latest: TestDatabase, tmp_path: Path, gate: psycopg.Connection[Any]
) -> None:
    """Keyboard only at 80×24: Tab to the lock pane, Enter on the blocking session opens its detail (pid,
    application, state, what its waiter wants, the whole query); Esc closes it; then the waiter's."""
    folder = tmp_path / "migrations"
    app = execute_app(db_latest, folder, GATED, rows=10)
    holder = gate.info.backend_pid
    async with app.run_test(size=(80, 24)) as pilot:
        await confirm(pilot, app, db_latest.name)
        screen = app.screen
        table = screen.query_one("#lock-table", DataTable)
        await wait_until(pilot, lambda: str(holder) in table_text(table))
        for _ in range(6):
            if table.has_focus:
                break
            await pilot.press("tab")
        assert table.has_focus
        await pilot.press("home", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, LockDetailModal))
        text = "\n".join(plain(s) for s in app.screen.query(Static))
        assert f"Blocking session {holder}" in text
        assert "SELECT pg_advisory_lock(4242)" in text and "idle" in text
        assert "blocks" in text and "ExclusiveLock (advisory lock)" in text
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, LockDetailModal))
        text = "\n".join(plain(s) for s in app.screen.query(Static))
        assert "Waiting session" in text and "migwiz, us" in text and "Lock:advisory" in text
        assert "pg_advisory_xact_lock(4242)" in text
        assert any(line.startswith("blocked by") and str(holder) in line for line in text.splitlines())
        await pilot.press("escape")
        gate.execute("SELECT pg_advisory_unlock_all()")
        await wait_until(pilot, lambda: isinstance(app.data.run, RunSummary))


async def test_a_failure_shows_where_it_left_the_migration_and_postgresql_s_words(
    db_latest: TestDatabase, tmp_path: Path
) -> None:
    """At 80×24 a no-transaction migration failing at its second statement: the progress pane says it was
    left part-way (as `status` says) and shows PostgreSQL's message, DETAIL and HINT in full."""
    migrations = {
        "0001_mood.up.sql": "CREATE TYPE mood AS ENUM ('ok');\nCREATE TABLE m (x mood);\n",
        "0001_mood.down.sql": "DROP TABLE m;\nDROP TYPE mood;\n",
        "0002_drop.up.sql": "-- migwiz:no-transaction\nCREATE TABLE first_step (id int);\nDROP TYPE mood;\n",
        "0002_drop.down.sql": "DROP TABLE first_step;\n",
    }
    folder = tmp_path / "migrations"
    app = execute_app(db_latest, folder, migrations, rows=10)
    async with app.run_test(size=(80, 24)) as pilot:
        await confirm(pilot, app, db_latest.name)
        await wait_until(pilot, lambda: isinstance(app.data.run, RunSummary))
        await pilot.pause()
        outcome = app.screen.query_one("#outcome", Static)
        shown = " ".join(plain(outcome).split())
        assert (
            "0002 failed at 0002_drop.up.sql:3; left partly applied (up: 1 of 2 statements ran): fix it, then"
            " run again to resume" in shown
        ), shown
        assert "2BP01 cannot drop type mood because other objects depend on it" in shown, shown
        assert "DETAIL: column x of table m depends on type mood" in shown, shown
        assert "HINT: Use DROP ... CASCADE to drop the dependent objects too." in shown, shown
        console = Console(width=outcome.content_size.width, file=io.StringIO())
        needed = len(console.render_lines(outcome.render()))  # type: ignore[arg-type]
        assert 4 <= needed <= outcome.content_size.height, (needed, outcome.content_size)  # nothing cut off
        status = plain(app.screen.query_one("#status-line", Static))
        assert "0002 failed (1 applied before it) · n verify" in status, status
    assert states(db_latest, folder) == ["applied", "failed"]
