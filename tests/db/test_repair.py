"""`migwiz repair` against real servers: fixed files realigned with the history, logged, under the lock."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import psycopg

from migwiz.engine.run.migration_lock import LOCK_CLASS
from tests.conftest import TestDatabase
from tests.helpers import run_cli, write_migrations

SEED = (
    "-- migwiz:no-transaction\n"
    "CREATE TABLE a (id int PRIMARY KEY);\n"
    "INSERT INTO a VALUES (1);\n"
    "INSERT INTO missing VALUES (1);\n"
    "CREATE TABLE c (id int);\n"
)
FIXED = SEED.replace("INSERT INTO missing VALUES (1);", "CREATE TABLE b (id int);")


def history(db: TestDatabase) -> list[tuple[object, ...]]:
    return db.execute("SELECT version, success, statements_done, checksum FROM migwiz.history ORDER BY 1")


def fail_part_way(db: TestDatabase, tmp_path: Path) -> Path:
    """A no-transaction migration that did 2 of 4 statements, then its file fixed."""
    folder = write_migrations(tmp_path / "m", {"1_seed.up.sql": SEED})
    failed = run_cli("up", "--dsn", db.dsn, "--dir", folder, "--allow-irreversible")
    assert failed.code == 1, failed.stderr
    assert [(r[1], r[2]) for r in history(db)] == [(False, 2)]
    (folder / "1_seed.up.sql").write_text(FIXED)
    refused = run_cli("up", "--dsn", db.dsn, "--dir", folder, "--allow-irreversible")
    assert refused.code == 1 and "partly applied migration 1 was edited after it stopped" in refused.stderr
    assert "`migwiz repair`" in refused.stderr
    return folder


def test_failed_no_transaction_migration_fixed_repaired_then_up_finishes(
    db: TestDatabase, tmp_path: Path
) -> None:
    folder = fail_part_way(db, tmp_path)
    before = history(db)
    guess = run_cli("repair", "--dsn", db.dsn, "--dir", folder, "--yes")
    assert guess.code == 2, guess.stderr  # the file changed: migwiz does not guess where to resume
    assert "--from-statement N (statement 3 of the fixed file is 1_seed.up.sql:4" in guess.stderr
    assert "--restart" in guess.stderr
    wide = run_cli("repair", "--dsn", db.dsn, "--dir", folder, "--yes", "--from-statement", "5")
    assert wide.code == 2 and "has 4 statement(s)" in wide.stderr
    dry = run_cli("repair", "--dsn", db.dsn, "--dir", folder, "--dry-run", "--json", "--from-statement", "3")
    assert dry.code == 0, dry.stderr
    (change,) = dry.json()["changes"]
    assert (change["kind"], change["statements_done_before"], change["statements_done_after"]) == (
        "resume",
        2,
        2,
    )
    assert "statements 1-2 are recorded as done" in change["description"]
    assert dry.json()["applied"] is False and history(db) == before
    done = run_cli("repair", "--dsn", db.dsn, "--dir", folder, "--yes", "--json", "--from-statement", "3")
    assert done.code == 0, done.stderr
    doc = done.json()
    assert doc["applied"] is True and doc["run_id"]
    assert [(r[1], r[2], r[3]) for r in history(db)] == [(False, 2, change["new_checksum"])]
    up = run_cli("up", "--dsn", db.dsn, "--dir", folder, "--allow-irreversible")
    assert up.code == 0, up.stderr
    assert [(r[1], r[2]) for r in history(db)] == [(True, 4)]
    assert db.execute("SELECT count(*) FROM a") == [(1,)]  # statements 1-2 did not run again
    assert db.execute("SELECT to_regclass('b') IS NOT NULL, to_regclass('c') IS NOT NULL") == [(True, True)]
    # the central log says who repaired what, and when
    with db.connect() as conn:
        run = conn.execute(
            "SELECT command, os_user IS NOT NULL, host IS NOT NULL, finished_at IS NOT NULL, outcome"
            " FROM migwiz.runs WHERE run_id = %s",
            (doc["run_id"],),
        ).fetchall()
        events = conn.execute(
            "SELECT data->>'kind', data->>'old_checksum', data->>'new_checksum',"
            " (data->>'statements_done_after')::int, data->>'db_user' = current_user::text"
            " FROM migwiz.events WHERE run_id = %s AND step = 'repair' AND data ? 'kind'",
            (doc["run_id"],),
        ).fetchall()
    assert run == [("repair", True, True, True, "success")]
    assert events == [("resume", before[0][3], change["new_checksum"], 2, True)]


def test_restart_runs_the_fixed_file_from_its_first_statement(db: TestDatabase, tmp_path: Path) -> None:
    folder = fail_part_way(db, tmp_path)
    idempotent = FIXED.replace("CREATE TABLE a", "CREATE TABLE IF NOT EXISTS a").replace(
        "INSERT INTO a VALUES (1);",
        "INSERT INTO a VALUES (1) ON CONFLICT DO NOTHING;\nINSERT INTO a VALUES (2);",
    )
    (folder / "1_seed.up.sql").write_text(idempotent)
    both = run_cli("repair", "--dsn", db.dsn, "--dir", folder, "--yes", "--restart", "--from-statement", "2")
    assert both.code == 2
    done = run_cli("repair", "--dsn", db.dsn, "--dir", folder, "--yes", "--restart")
    assert done.code == 0, done.stderr
    assert "restart" in done.stdout and "run again" in done.stdout
    assert history(db) == []
    up = run_cli("up", "--dsn", db.dsn, "--dir", folder, "--allow-irreversible")
    assert up.code == 0, up.stderr
    assert db.execute("SELECT array_agg(id ORDER BY id) FROM a") == [([1, 2],)]
    assert [(r[1], r[2]) for r in history(db)] == [(True, 5)]


def test_edited_applied_migration_is_realigned_and_nothing_runs(db: TestDatabase, tmp_path: Path) -> None:
    folder = write_migrations(
        tmp_path / "m",
        {"1_t.up.sql": "CREATE TABLE t (id int);\n", "2_u.up.sql": "CREATE TABLE u (id int);\n"},
    )
    assert run_cli("up", "--dsn", db.dsn, "--dir", folder, "--allow-irreversible").code == 0
    (folder / "1_t.up.sql").write_text("CREATE TABLE t (id int);\nCREATE TABLE extra (id int);\n")
    old = history(db)
    dry = run_cli("repair", "--dsn", db.dsn, "--dir", folder, "--dry-run")
    assert dry.code == 0, dry.stderr
    assert "realign  1_t: applied; its file was edited since" in dry.stdout
    assert "dry run: nothing was changed" in dry.stdout and history(db) == old
    not_asked = run_cli("repair", "--dsn", db.dsn, "--dir", folder)  # no terminal, no --yes
    assert not_asked.code == 2 and "--yes" in not_asked.stderr and history(db) == old
    done = run_cli("repair", "--dsn", db.dsn, "--dir", folder, "--yes")
    assert done.code == 0, done.stderr
    assert "1 history row(s) repaired" in done.stdout
    rows = history(db)
    assert rows[0][3] != old[0][3] and rows[1] == old[1]  # only the edited one
    status = run_cli("status", "--dsn", db.dsn, "--dir", folder, "--json")
    assert [m["state"] for m in status.json()["migrations"]] == ["applied", "applied"]
    up = run_cli("up", "--dsn", db.dsn, "--dir", folder, "--allow-irreversible")
    assert up.code == 0, up.stderr
    assert db.execute("SELECT to_regclass('extra') IS NULL") == [(True,)]  # accepted as applied, not run


def test_nothing_to_repair(db: TestDatabase, tmp_path: Path) -> None:
    folder = write_migrations(tmp_path / "m", {"1_t.up.sql": "CREATE TABLE t (id int);\n"})
    assert run_cli("up", "--dsn", db.dsn, "--dir", folder, "--allow-irreversible").code == 0
    runs_before = db.execute("SELECT count(*) FROM migwiz.runs")
    result = run_cli("repair", "--dsn", db.dsn, "--dir", folder, "--yes", "--json")
    assert result.code == 0, result.stderr
    assert result.json() == {"run_id": None, "dry_run": False, "applied": False, "changes": [], "notices": []}
    text = run_cli("repair", "--dsn", db.dsn, "--dir", folder, "--yes")
    assert text.code == 0 and "nothing to repair" in text.stdout
    assert db.execute("SELECT count(*) FROM migwiz.runs") == runs_before  # nothing changed, nothing logged
    restart = run_cli("repair", "--dsn", db.dsn, "--dir", folder, "--yes", "--restart")
    assert restart.code == 2 and "no migration is partly applied" in restart.stderr


def test_refused_while_another_run_holds_the_migration_lock(db: TestDatabase, tmp_path: Path) -> None:
    folder = fail_part_way(db, tmp_path)
    before = history(db)
    with psycopg.connect(db.dsn, autocommit=True, application_name="other migwiz") as holder:
        holder.execute("SELECT pg_advisory_lock(%s, hashtext('migwiz'))", (LOCK_CLASS,))
        held = run_cli("repair", "--dsn", db.dsn, "--dir", folder, "--yes", "--restart")
        assert held.code == 3, held.stderr
        assert "holds the migration lock" in held.stderr and "other migwiz" in held.stderr
        assert history(db) == before
        dry = run_cli("repair", "--dsn", db.dsn, "--dir", folder, "--dry-run", "--restart")
        assert dry.code == 0 and history(db) == before  # looking needs no lock
    done = run_cli("repair", "--dsn", db.dsn, "--dir", folder, "--yes", "--restart")
    assert done.code == 0, done.stderr
    assert history(db) == []


def test_a_fix_that_now_runs_in_a_transaction_can_only_restart(db: TestDatabase, tmp_path: Path) -> None:
    folder = fail_part_way(db, tmp_path)
    transactional = FIXED.replace("-- migwiz:no-transaction\n", "").replace(
        "CREATE TABLE a (id int PRIMARY KEY);\nINSERT INTO a VALUES (1);",
        "CREATE TABLE IF NOT EXISTS a (id int PRIMARY KEY);\n"
        "INSERT INTO a VALUES (1) ON CONFLICT DO NOTHING;",
    )
    (folder / "1_seed.up.sql").write_text(transactional)
    resume = run_cli("repair", "--dsn", db.dsn, "--dir", folder, "--yes", "--from-statement", "3")
    assert resume.code == 2 and "now runs in one transaction" in resume.stderr
    assert run_cli("repair", "--dsn", db.dsn, "--dir", folder, "--yes", "--restart").code == 0
    up = run_cli("up", "--dsn", db.dsn, "--dir", folder, "--allow-irreversible")
    assert up.code == 0, up.stderr
    assert [(r[1], r[2]) for r in history(db)] == [(True, 4)]


def on_a_terminal(answer: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """`migwiz ARGS` with a terminal (util-linux `script`) typing `answer`."""
    command = shlex.join([sys.executable, "-m", "migwiz", *map(str, args)])
    return subprocess.run(
        ["script", "-qec", command, "/dev/null"],
        input=answer, capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"},
    )  # fmt: skip


def test_on_a_terminal_each_change_is_listed_and_confirmed(db: TestDatabase, tmp_path: Path) -> None:
    folder = fail_part_way(db, tmp_path)
    before = history(db)
    declined = on_a_terminal("n\n", "repair", "--dsn", db.dsn, "--dir", folder, "--from-statement", "3")
    assert declined.returncode == 1, declined.stdout
    assert "resume   1_seed: statements 1-2 are recorded as done" in declined.stdout
    assert "Change 1 history row(s)?" in declined.stdout and "not confirmed" in declined.stdout
    assert history(db) == before
    accepted = on_a_terminal("y\n", "repair", "--dsn", db.dsn, "--dir", folder, "--from-statement", "3")
    assert accepted.returncode == 0, accepted.stdout
    assert "1 history row(s) repaired; run " in accepted.stdout
    assert [(r[1], r[2]) for r in history(db)] == [(False, 2)] and history(db) != before
