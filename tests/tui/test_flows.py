"""The wizard's flows on a real server, driven with Pilot: migrate, incident rollback, a live lock wait,
a backfill's progress, and observer mode."""

from __future__ import annotations

import re
import signal
import threading
from pathlib import Path

import psycopg
import pytest
from rich.console import Console
from textual.message import Message
from textual.widgets import DataTable, OptionList, Static

from migwiz.engine import commands, humanize
from migwiz.engine.backfill.progress import BackfillProgress
from migwiz.engine.backfill.store import ensure_backfill_state, write_control
from migwiz.engine.backup.check import BackupReport, backup_check
from migwiz.engine.history.baseline import record_baseline
from migwiz.engine.history.state import ensure_state
from migwiz.engine.sets import load_migration_set
from migwiz.engine.sets.model import Version
from migwiz.engine.shadow.dryrun import DryRunReport
from migwiz.tui.app import make_app
from migwiz.tui.backend import ImpactReport, PendingInfo, VerifyReport
from migwiz.tui.context import WizardContext, WizardData
from migwiz.tui.execution import RunSummary
from migwiz.tui.markdown import outcome_line
from migwiz.tui.messages import LogEvent, StatementStarted
from migwiz.tui.screens.confirm import ConfirmModal
from migwiz.tui.screens.dryrun import report_ok, statements
from migwiz.tui.screens.execute import ExecuteScreen
from migwiz.tui.verdicts import PLANNER
from migwiz.tui.widgets.progress_pane import ProgressPane
from tests.conftest import TestDatabase
from tests.tui import snapshot_data as fixed
from tests.tui.helpers import MIGRATIONS, SETUP, make_target, wait_until

pytestmark = pytest.mark.timeout(120)


def plain(widget: Static) -> str:
    """What a Static shows, as plain text."""
    console = Console(width=200, color_system=None, force_terminal=False)
    with console.capture() as cap:
        console.print(widget.content)
    return cap.get()


def table_text(table: DataTable[object]) -> str:
    """Every cell of a table as text, row by row."""
    return "\n".join(" ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count))


def exported_markdown(folder: Path) -> str:
    """The one exported summary in `folder`."""
    (path,) = folder.glob("migwiz-run-*.md")
    return path.read_text()


async def confirm(pilot: object, app: object, database: str) -> None:
    """Type the database name into the confirmation."""
    await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))  # type: ignore[attr-defined]
    await pilot.press(*database, "enter")  # type: ignore[attr-defined]


async def test_migrate_flow_every_step(db_latest: TestDatabase, tmp_path: Path) -> None:
    """Target → pending → backup → impact → dry run → execute → verify → summary, then export: the backup
    check reads its verdict without error, and Verify runs every check (its shadows start from the
    baseline recorded in the database) and every one passes."""
    settings = make_target(db_latest, tmp_path / "migrations")
    baseline = tmp_path / "items.sql"
    baseline.write_text(SETUP.format(rows=3000))
    with psycopg.connect(db_latest.dsn, autocommit=True) as conn:
        record_baseline(conn, [baseline])
    app = make_app(WizardContext(db_latest.dsn, settings, poll_interval_s=0.1, cursor_blink=False))
    app.data.export_dir = tmp_path
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.data.target is not None)
        assert app.data.target.pending == 2 and app.data.target.info.database == db_latest.name
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.data.lint, PendingInfo))
        assert "0002" in table_text(app.screen.query_one("#migrations", DataTable))
        assert app.data.lint.verdicts == {"0001": "safe", "0002": "safe"}  # the planner's, as on Impact
        assert "2 to apply: 2 safe, 0 quiet window, 0 dangerous" in plain(
            app.screen.query_one("#status-line")
        )
        await pilot.press("n")
        await wait_until(pilot, lambda: app.data.backup is not None or "backup" in app.data.errors)
        assert "backup" not in app.data.errors, app.data.errors["backup"]
        backup = app.data.backup
        assert isinstance(backup, BackupReport) and backup.verdict == backup_check(db_latest.dsn).verdict
        assert f"Point-in-time recovery: {backup.verdict}" in plain(
            app.screen.query_one("#backup-report", Static)
        )
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.data.plan, ImpactReport))
        assert {r.relation for r in app.data.plan.rows} == {"public.items"}
        await pilot.press("s", "slash", *"Access", "enter")
        assert all("Access" in r for r in table_text(app.screen.query_one("#impact", DataTable)).splitlines())
        await pilot.press("n")
        await wait_until(pilot, lambda: app.data.dry_run is not None or "dryrun" in app.data.errors)
        dry = app.data.dry_run
        assert isinstance(dry, DryRunReport) and report_ok(dry), app.data.errors
        assert [(s.version, s.outcome) for s in statements(dry)] == [("0001", "ok"), ("0002", "ok")]
        assert "every statement ran" in plain(app.screen.query_one("#dry-verdict", Static))
        assert any(lock.mode == "AccessExclusiveLock" for lock in app.data.dry_run.statements[0].locks)
        await pilot.press("n")
        await confirm(pilot, app, db_latest.name)
        await wait_until(pilot, lambda: isinstance(app.data.run, RunSummary))
        run = app.data.run
        assert run.ok and [o.result for o in run.report.outcomes] == ["applied", "applied"]
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.data.verify, VerifyReport), limit_s=60)
        verify = app.data.verify
        assert [c.name for c in verify.checks if c.name.startswith("history")]
        assert verify.passed, [
            (c.name, c.status, c.detail) for c in verify.checks if not c.ok or c.status == "skip"
        ]
        assert verify.verdict() in plain(app.screen.query_one("#status-line", Static))
        await pilot.press("n")
        await pilot.press("e")
    assert "| 0002 | backfill_note | applied |" in exported_markdown(tmp_path)
    status = commands.status(commands.Project.of(db_latest.dsn, load_migration_set(settings.migrations_dir)))  # type: ignore[arg-type]
    assert [s.state for s in status.statuses] == ["applied", "applied"]


async def test_wrong_confirmation_runs_nothing(db_latest: TestDatabase, tmp_path: Path) -> None:
    """A mistyped database name and Escape leave the target untouched."""
    settings = make_target(db_latest, tmp_path / "migrations", rows=10)
    app = make_app(WizardContext(db_latest.dsn, settings, cursor_blink=False), start="execute")
    async with app.run_test(size=(80, 24)) as pilot:
        await confirm(pilot, app, "not-" + db_latest.name)
        assert "nothing was run" in plain(app.screen.query_one("#mismatch", Static))
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ExecuteScreen))
        assert app.control is None and app.data.run is None
    status = commands.status(commands.Project.of(db_latest.dsn, load_migration_set(settings.migrations_dir)))  # type: ignore[arg-type]
    assert {s.state for s in status.statuses} == {"pending"}


async def test_rollback_flow(db_latest: TestDatabase, tmp_path: Path) -> None:
    """Recent changes → Enter on the newest (0002) → impact of its down → execute → 0002 is pending again."""
    settings = make_target(db_latest, tmp_path / "migrations", rows=100)
    mset = load_migration_set(settings.migrations_dir)  # type: ignore[arg-type]
    commands.up(commands.Project.of(db_latest.dsn, mset))
    app = make_app(WizardContext(db_latest.dsn, settings, poll_interval_s=0.1, cursor_blink=False))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.data.target is not None)
        await pilot.press("b")
        await wait_until(pilot, lambda: app.data.recent is not None)
        table = app.screen.query_one("#applied", DataTable)
        assert table_text(table).splitlines()[0].startswith("0002")
        assert table.cursor_row == 0  # the newest is selected
        assert "Reverts 0002 (newest first) · back to 0001" in plain(app.screen.query_one("#choice", Static))
        await pilot.press("enter")
        assert app.data.rollback_to == Version("0001")
        await wait_until(pilot, lambda: isinstance(app.data.plan, ImpactReport))
        assert app.data.plan.direction == "down" and app.data.plan.rows[0].version == "0002"
        assert app.data.plan.source.startswith("planner") and app.data.plan.verdict in PLANNER
        assert app.data.plan.rows[0].size_bytes and app.data.plan.rows[0].rows  # live sizes of the table
        await pilot.press("n")
        await confirm(pilot, app, db_latest.name)
        await wait_until(pilot, lambda: isinstance(app.data.run, RunSummary))
        assert [o.result for o in app.data.run.report.outcomes] == ["reverted"]
    status = commands.status(commands.Project.of(db_latest.dsn, mset))
    assert [s.state for s in status.statuses] == ["applied", "pending"]


async def test_lock_wait_and_backfill_progress_in_the_panes(db_latest: TestDatabase, tmp_path: Path) -> None:
    """While our migration holds its lock, a reader queues behind it: the lock pane shows our session (»)
    with the reader waiting under it, and the summary counts the wait we caused. Then the backfill runs, the
    progress pane shows its rows (the runner's progress callback), and `p` pauses and resumes it.

    Whatever fails, the backfill is resumed and the run stopped before the app closes: a run left paused
    would keep the worker thread (and so the event loop's shutdown) waiting forever."""
    slow = {
        **MIGRATIONS,
        "0001_add_note.up.sql": "ALTER TABLE items ADD COLUMN note text;\nSELECT pg_sleep(4);\n",
    }
    settings = make_target(db_latest, tmp_path / "migrations", rows=30000, migrations=slow)
    reader = psycopg.connect(db_latest.dsn, autocommit=True)
    ensure_state(reader)
    ensure_backfill_state(reader, "migwiz")
    write_control(reader, "migwiz", "0002", max_rate=3000)  # about 10 s: time to see it and pause it
    messages: list[Message] = []
    app = make_app(
        WizardContext(db_latest.dsn, settings, poll_interval_s=0.1, cursor_blink=False), start="execute"
    )
    thread = threading.Thread(target=lambda: reader.execute("SELECT count(*) FROM items"))
    try:
        async with app.run_test(size=(100, 30), message_hook=messages.append) as pilot:
            try:
                await confirm(pilot, app, db_latest.name)
                screen = app.screen
                assert isinstance(screen, ExecuteScreen)
                await wait_until(
                    pilot,
                    lambda: any(isinstance(m, StatementStarted) and m.current.index == 1 for m in messages),
                )
                thread.start()
                table = screen.query_one("#lock-table", DataTable)
                ours = app.control.backend_pid  # type: ignore[union-attr]
                await wait_until(
                    pilot,
                    lambda: f"» {ours}" in (t := table_text(table)) and str(reader.info.backend_pid) in t,
                )
                assert "AccessShare" in table_text(table)

                def backfill(*states: str) -> BackfillProgress | None:
                    p = screen.backfill
                    return p if p is not None and p.state in states and p.rows_done > 0 else None

                await wait_until(pilot, lambda: backfill("running", "throttled"))
                await pilot.press("p")
                await wait_until(pilot, lambda: backfill("paused"))
                paused = backfill("paused")
                assert paused is not None and 0 < paused.rows_done < paused.total_estimate
                shown = plain(screen.query_one(ProgressPane).query_one("#operation", Static))
                assert "backfill items · paused" in shown
                assert screen.query_one(ProgressPane).op_done == paused.rows_done
                commands.control_backfill(
                    commands.Project(db_latest.dsn, commands.Settings(None)), "0002", max_rate=1e9
                )  # the rest: quickly
                await pilot.press("p")
                await wait_until(pilot, lambda: isinstance(app.data.run, RunSummary))
                assert app.data.run.ok, app.data.run
                assert app.data.run.longest_wait_caused_s > 0
                assert "backfill" in plain(screen.query_one(ProgressPane).query_one("#operation", Static))
                updates = [e for e in (m.event for m in messages if isinstance(m, LogEvent))]
                assert any("paused by the operator" in e.message for e in updates)
                assert any("resumed by the operator" in e.message for e in updates)
            finally:
                commands.control_backfill(
                    commands.Project(db_latest.dsn, commands.Settings(None)), "0002", paused=False
                )
                if app.control is not None and not app.control.done.is_set():
                    app.control.request_stop("the test ended", after="statement")
                    await wait_until(pilot, app.control.done.is_set, 60)
    finally:
        thread.join(10)
        reader.close()


async def test_watch_shows_the_central_log_and_lock_waits(db_latest: TestDatabase, tmp_path: Path) -> None:
    """Observer mode reads the log of a run made elsewhere and the lock tree, read-only."""
    settings = make_target(db_latest, tmp_path / "migrations", rows=10)
    commands.up(
        commands.Project.of(db_latest.dsn, load_migration_set(settings.migrations_dir)), to=Version("0001")
    )  # type: ignore[arg-type]
    holder = psycopg.connect(db_latest.dsn, autocommit=False)
    holder.execute("LOCK TABLE items IN ACCESS EXCLUSIVE MODE")
    waiter = psycopg.connect(db_latest.dsn, autocommit=True)
    thread = threading.Thread(target=lambda: waiter.execute("SELECT count(*) FROM items"))
    thread.start()
    app = make_app(
        WizardContext(db_latest.dsn, settings, mode="watch", poll_interval_s=0.1, cursor_blink=False)
    )
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            log = app.screen.query_one("#events")
            await wait_until(pilot, lambda: any("applied" in str(line.text) for line in log.lines))
            table = app.screen.query_one("#lock-table", DataTable)
            await wait_until(pilot, lambda: str(waiter.info.backend_pid) in table_text(table))
            assert str(holder.info.backend_pid) in table_text(table)
    finally:
        holder.rollback()
        thread.join(10)
        holder.close()
        waiter.close()


async def test_prefilled_data_is_shown_without_the_server() -> None:
    """WizardData pre-fills a step: the Summary shows the run it is given, with no server to ask (the
    context's host does not resolve and the wizard makes no engine call)."""
    data = WizardData()
    assert data.run is None and data.verify is None
    data.run = run = fixed.run_summary()
    app = make_app(fixed.context(), data, start="summary")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = plain(app.screen.query_one("#summary", Static))
        assert app.data.errors == {}
    assert all(line in shown for line in outcome_line(run).splitlines()), shown
    assert "its transaction was rolled back: 0008 is still pending" in shown
    assert humanize.duration((run.finished_at - run.started_at).total_seconds()) in shown
    for outcome in run.report.outcomes:
        assert re.search(rf"{outcome.version}\s+{re.escape(outcome.name)}\s+{outcome.result}", shown), shown


async def test_sighup_handling_is_given_back(db_latest: TestDatabase, tmp_path: Path) -> None:
    """The live wizard maps SIGHUP to a safe-point stop while it runs, and leaves the process's own
    handling as it found it (here: ignored, as under nohup) when it ends."""
    settings = make_target(db_latest, tmp_path / "migrations", rows=10)
    previous = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        app = make_app(WizardContext(db_latest.dsn, settings, cursor_blink=False))
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_until(pilot, lambda: app.data.target is not None)
            assert signal.getsignal(signal.SIGHUP) not in (signal.SIG_IGN, signal.SIG_DFL)
        assert signal.getsignal(signal.SIGHUP) == signal.SIG_IGN
    finally:
        signal.signal(signal.SIGHUP, previous)


async def test_rollback_mode_opens_on_recent_changes_with_the_newest_selected(
    db_latest: TestDatabase, tmp_path: Path
) -> None:
    """`migwiz rollback`: the first screen is Recent changes (Target one Escape away, its rollback option
    highlighted); Enter reverts the newest; Verify starts its shadows from the baseline recorded in the
    database (no flag, no migwiz.toml) and every check runs and passes."""
    settings = make_target(db_latest, tmp_path / "migrations", rows=100)
    mset = load_migration_set(settings.migrations_dir)  # type: ignore[arg-type]
    commands.up(commands.Project.of(db_latest.dsn, mset))
    baseline = tmp_path / "items.sql"
    baseline.write_text(SETUP.format(rows=100))
    with psycopg.connect(db_latest.dsn, autocommit=True) as conn:
        record_baseline(conn, [baseline])
    context = WizardContext(db_latest.dsn, settings, mode="rollback", poll_interval_s=0.1, cursor_blink=False)
    app = make_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.data.recent is not None)
        assert app.screen.STEP == "recent"  # type: ignore[attr-defined]
        assert app.screen.query_one("#applied", DataTable).cursor_row == 0
        await pilot.press("escape")
        await wait_until(pilot, lambda: getattr(app.screen, "STEP", "") == "target")
        await wait_until(pilot, lambda: app.data.target is not None)
        assert app.screen.query_one("#actions", OptionList).highlighted == 1  # the rollback option
        await pilot.press("enter")
        await wait_until(pilot, lambda: getattr(app.screen, "STEP", "") == "recent")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.data.plan, ImpactReport))
        await pilot.press("n")
        await confirm(pilot, app, db_latest.name)
        await wait_until(pilot, lambda: isinstance(app.data.run, RunSummary))
        assert [(str(o.version), o.result) for o in app.data.run.report.outcomes] == [("0002", "reverted")]
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.data.verify, VerifyReport), 90)
        report = app.data.verify
        assert "history: migrations recorded as applied" not in [c.name for c in report.checks]
        status = plain(app.screen.query_one("#status-line", Static))
        assert report.passed, [(c.name, c.status, c.detail) for c in report.checks if c.status or not c.ok]
        assert status.startswith("1 migration(s) reverted: 0002 · every check passed")


async def test_rollback_over_an_edited_file_needs_a_typed_override(
    db_latest: TestDatabase, tmp_path: Path
) -> None:
    """An applied file edited since: Recent changes names it; Enter asks for the database name; the
    run goes through with the override, and the central log names the edited file."""
    settings = make_target(db_latest, tmp_path / "migrations", rows=100)
    folder = settings.migrations_dir
    assert folder is not None
    commands.up(commands.Project.of(db_latest.dsn, load_migration_set(folder)))
    edited = folder / "0001_add_note.up.sql"
    edited.write_text(edited.read_text() + "-- edited after it was applied\n")
    context = WizardContext(db_latest.dsn, settings, mode="rollback", poll_interval_s=0.1, cursor_blink=False)
    app = make_app(context)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.data.recent is not None)
        assert "edited after they were applied: 0001_add_note.up.sql" in plain(
            app.screen.query_one("#choice", Static)
        )
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        assert "0001_add_note.up.sql" in str(app.screen.question)  # type: ignore[attr-defined]
        await pilot.press("escape")
        await wait_until(pilot, lambda: getattr(app.screen, "STEP", "") == "recent")
        assert app.data.rollback_to is None and app.data.allow_edited == ()
        await pilot.press("enter")
        await confirm(pilot, app, db_latest.name)
        await wait_until(pilot, lambda: isinstance(app.data.plan, ImpactReport))
        assert app.data.allow_edited == ("0001_add_note.up.sql",)
        await pilot.press("n")
        await confirm(pilot, app, db_latest.name)
        await wait_until(pilot, lambda: isinstance(app.data.run, RunSummary))
        run = app.data.run
        assert run.ok, run.error
        assert [(str(o.version), o.result) for o in run.report.outcomes] == [("0002", "reverted")]
    events = db_latest.execute(
        "SELECT message FROM migwiz.events WHERE step = 'plan' AND message LIKE '%--allow-edited%'"
    )
    [(message,)] = events  # once, though the wizard plans the downs before running them
    assert "0001_add_note.up.sql" in message
