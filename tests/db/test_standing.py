"""One story about a backfill stopped at a safe point: `migwiz up` gets SIGHUP mid-backfill, then
`status`, `status --json`, `backfill status`, the run's logged outcome and the wizard's target warnings
all say "stopped at N %, resumable" with the same N; `migwiz up` then finishes it."""

from __future__ import annotations

import math
import signal
import subprocess
import time
from pathlib import Path

import pytest

from migwiz.engine import commands
from migwiz.engine.config import Settings
from migwiz.engine.sets import load_migration_set
from migwiz.tui import backend
from tests.conftest import TestDatabase
from tests.helpers import run_cli, start_cli, write_migrations

pytestmark = pytest.mark.timeout(120)

ROWS = 40000
FILES = {
    "1_fill.up.sql": "-- migwiz:backfill\nUPDATE items SET note = 'n' || id WHERE note IS NULL;\n",
    "1_fill.down.sql": "UPDATE items SET note = NULL;\n",
    "2_after.up.sql": "CREATE TABLE after_fill (id int);\n",
    "2_after.down.sql": "DROP TABLE after_fill;\n",
}


def rows_scanned(db: TestDatabase) -> int:
    present = db.execute("SELECT to_regclass('migwiz.backfill_progress') IS NOT NULL")[0][0]
    if not present:
        return 0
    rows = db.execute("SELECT rows_scanned FROM migwiz.backfill_progress WHERE id = '1'")
    return int(rows[0][0]) if rows else 0  # type: ignore[call-overload]


def hang_up_mid_backfill(db: TestDatabase, folder: Path) -> subprocess.CompletedProcess[str]:
    """`migwiz up` in a subprocess, slowed by the control row; SIGHUP once a tenth of the rows committed."""
    commands.control_backfill(
        commands.Project(db.dsn, commands.Settings(None)), "1", batch_size=500, max_rate=2000
    )
    proc = start_cli("up", "--dsn", db.dsn, "--dir", folder)
    try:
        deadline = time.monotonic() + 60
        while rows_scanned(db) < ROWS // 10:
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the backfill did not start"
            time.sleep(0.05)
        proc.send_signal(signal.SIGHUP)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def test_a_backfill_stopped_by_sighup_tells_one_story_everywhere(db: TestDatabase, tmp_path: Path) -> None:
    db.execute(
        "CREATE TABLE items (id bigint PRIMARY KEY, note text);"
        f" INSERT INTO items (id) SELECT g FROM generate_series(1, {ROWS}) g; ANALYZE items;"
    )
    folder = write_migrations(tmp_path / "m", FILES)
    hung = hang_up_mid_backfill(db, folder)
    assert hung.returncode == 1, hung.stderr
    [(scanned, total, state)] = db.execute(
        "SELECT rows_scanned, total_estimate, state FROM migwiz.backfill_progress WHERE id = '1'"
    )
    assert state == "stopped"
    pct = math.floor(100 * int(scanned) / int(total))  # type: ignore[call-overload]
    assert ROWS // 10 <= int(scanned) < ROWS and 10 <= pct < 100  # type: ignore[call-overload]
    said = f"stopped at {pct} %"

    # status (engine, CLI table, CLI JSON)
    statuses = {
        str(s.version): s
        for s in commands.status(commands.Project.of(db.dsn, load_migration_set(folder))).statuses
    }
    standing = statuses["1"].standing
    assert (standing.state, standing.percent, standing.resumable) == ("stopped", pct, True)
    assert statuses["2"].standing.state == "pending"
    table = run_cli("status", "--dsn", db.dsn, "--dir", folder)
    assert table.code == 1, table.stderr
    [line] = [ln for ln in table.stdout.splitlines() if ln.lstrip("│ ").startswith("1 ")]
    assert " stopped " in line and said in line and "resumes it from its checkpoint" in line
    assert " failed " not in line
    rows = {
        m["version"]: m
        for m in run_cli("status", "--dsn", db.dsn, "--dir", folder, "--json").json()["migrations"]
    }
    assert (rows["1"]["state"], rows["1"]["percent"], rows["1"]["resumable"]) == ("stopped", pct, True)
    assert said in rows["1"]["detail"]

    # backfill status (CLI table and JSON)
    backfills = run_cli("backfill", "status", "--dsn", db.dsn, "--json")
    [row] = backfills.json()["backfills"]
    assert (row["state"], row["percent"], row["resumable"]) == ("stopped", pct, True)
    assert said in row["standing"]
    table = run_cli("backfill", "status", "--dsn", db.dsn).stdout
    [bline] = [ln for ln in table.splitlines() if "items" in ln]
    assert " stopped " in bline and f" {pct} % " in bline
    assert not {"rate", "ETA"} & set(table.splitlines()[0].split())  # stopped: no live rate, no ETA
    assert f"1: backfill {said}" in " ".join(table.split())  # the sentence status says, under the table

    # the run's logged outcome: stopped, not success, with the same words
    [(outcome, details)] = db.execute("SELECT outcome, details FROM migwiz.runs ORDER BY started_at")
    assert outcome == "stopped"
    assert details["standing"]["1"]["percent"] == pct  # type: ignore[index]
    [(level, message)] = db.execute(
        "SELECT level, message FROM migwiz.events WHERE message LIKE 'migwiz up finished:%'"
    )
    assert level == "warning" and message.startswith("migwiz up finished: stopped")  # type: ignore[union-attr]
    assert said in message and "success" not in message  # type: ignore[operator]
    assert "stopped at a safe point in 1_fill after" in hung.stdout + hung.stderr

    # the wizard: the target screen's warnings and the pending screen's rows
    wizard = commands.Project(db.dsn, Settings(migrations_dir=folder))
    view = backend.target_info(wizard)
    warnings = view.warnings
    assert any(w.startswith("1 (fill)") and said in w and "resumable" in w for w in warnings), warnings
    assert (view.pending, view.others) == (1, (("stopped", 1),))  # the counts `status` gives, not 2 pending
    pending = {str(s.version): s.standing for s in backend.pending_info(wizard).statuses}
    assert (pending["1"].state, pending["1"].percent) == ("stopped", pct)

    # and `migwiz up` resumes it: everything applied, every story says so
    commands.control_backfill(commands.Project(db.dsn, commands.Settings(None)), "1", max_rate=1e9)
    assert run_cli("up", "--dsn", db.dsn, "--dir", folder).code == 0
    assert db.execute("SELECT count(*) FROM items WHERE note IS NULL") == [(0,)]
    after = commands.status(commands.Project.of(db.dsn, load_migration_set(folder))).statuses
    assert [s.standing.state for s in after] == ["applied", "applied"]
    assert not [w for w in backend.target_info(wizard).warnings if w.startswith("1 ")]
    [row] = run_cli("backfill", "status", "--dsn", db.dsn, "--json").json()["backfills"]
    assert (row["state"], row["percent"]) == ("done", 100)
