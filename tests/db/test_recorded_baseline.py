"""The baseline recorded in the database (state v3): drift, verify, test-rollback and ci use it without
flags; without one, a replay that misses the baseline's objects says so. Also the incident CLI: `down
--allow-edited`, `up` and what lint rates error, `log --since 5m`."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest

from migwiz.engine.history.baseline import baseline_files, read_baseline, record_baseline
from migwiz.engine.log.abort_events import AbortRequested
from migwiz.engine.log.eventlog import EventLog, append_event
from migwiz.engine.run.runner import Runner
from migwiz.engine.servers.connect import connect
from migwiz.engine.sets import load_migration_set
from tests.conftest import TestDatabase
from tests.helpers import run_cli, write_migrations

BASE = "CREATE TABLE accounts (id int PRIMARY KEY, name text);\n"
KEYS = "CREATE INDEX accounts_name ON accounts (name);\n"
SET = {
    "1_email.up.sql": "ALTER TABLE accounts ADD COLUMN email text;\n",
    "1_email.down.sql": "ALTER TABLE accounts DROP COLUMN email;\n",
    "2_tag.up.sql": "ALTER TABLE accounts ADD COLUMN tag text;\n",
    "2_tag.down.sql": "ALTER TABLE accounts DROP COLUMN tag;\n",
}


@pytest.fixture
def project(tmp_path: Path, db: TestDatabase) -> Path:
    """The migrations applied on top of BASE + KEYS; the two baseline files beside them."""
    write_migrations(tmp_path / "migrations", SET)
    (tmp_path / "base.sql").write_text(BASE)
    (tmp_path / "keys.sql").write_text(KEYS)
    db.execute(BASE + KEYS)
    runner = Runner(db.dsn, load_migration_set(tmp_path / "migrations"), log=EventLog())
    assert runner.up().ok
    runner.close()
    return tmp_path


def test_recorded_baseline_is_read_back_in_order_and_replaced(db: TestDatabase, project: Path) -> None:
    with connect(db.dsn, autocommit=True) as conn:
        assert read_baseline(conn) == []
        record_baseline(conn, [project / "base.sql", project / "keys.sql"])
        assert [(b.name, b.sql) for b in read_baseline(conn)] == [("base.sql", BASE), ("keys.sql", KEYS)]
        record_baseline(conn, [project / "base.sql"])
        assert [b.name for b in read_baseline(conn)] == ["base.sql"]
    configured = (project / "keys.sql",)
    assert baseline_files(db.dsn, configured) == configured  # a flag or migwiz.toml wins
    [written] = baseline_files(db.dsn, ())
    assert written.read_text() == BASE and written.name.endswith("base.sql")


def test_drift_verify_test_rollback_and_ci_use_the_recorded_baseline(db: TestDatabase, project: Path) -> None:
    folder = project / "migrations"
    missing = run_cli("drift", "--dsn", db.dsn, "--dir", folder)
    assert missing.code != 0
    assert 'relation "accounts" does not exist' in missing.stderr
    assert "no baseline is recorded for this database" in missing.stderr
    assert "no longer apply from scratch" not in missing.stderr

    recorded = run_cli("baseline", project / "base.sql", project / "keys.sql", "--dsn", db.dsn)
    assert recorded.code == 0, recorded.stderr
    assert "recorded: base.sql" in recorded.stdout and "recorded: keys.sql" in recorded.stdout

    for command in (
        ["drift"],
        ["verify"],
        ["test-rollback"],
        ["ci", "--fail-on", "none", "--drift-dsn", db.dsn],
    ):
        result = run_cli(*command, "--dsn", db.dsn, "--dir", folder)
        assert result.code == 0, (command, result.stdout, result.stderr)


def test_down_allow_edited_names_the_edited_files_in_the_log(db: TestDatabase, project: Path) -> None:
    folder = project / "migrations"
    edited = folder / "1_email.up.sql"
    edited.write_text(edited.read_text() + "-- edited\n")
    refused = run_cli("down", "--dsn", db.dsn, "--dir", folder)
    assert refused.code != 0
    assert "was edited after it was applied" in refused.stderr and "--allow-edited" in refused.stderr
    result = run_cli("down", "--allow-edited", "--dsn", db.dsn, "--dir", folder)
    assert result.code == 0, result.stderr
    assert db.execute("SELECT version FROM migwiz.history ORDER BY version") == [("1",)]
    [(message,)] = db.execute("SELECT message FROM migwiz.events WHERE message LIKE '--allow-edited%'")
    assert "1_email.up.sql" in message
    # the edited migration itself can be reverted with the override too
    assert run_cli("down", "--allow-edited", "--dsn", db.dsn, "--dir", folder).code == 0
    assert db.execute("SELECT count(*) FROM migwiz.history") == [(0,)]


def test_up_refuses_what_lint_rates_error_off_a_terminal_unless_forced(
    db: TestDatabase, tmp_path: Path
) -> None:
    folder = tmp_path / "migrations"
    write_migrations(
        folder,
        {
            "1_t.up.sql": "CREATE TABLE t (id int PRIMARY KEY, v int);\n",
            "1_t.down.sql": "DROP TABLE t;\n",
            "2_idx.up.sql": "CREATE INDEX t_v ON t (v);\n",
            "2_idx.down.sql": "DROP INDEX t_v;\n",
        },
    )
    assert run_cli("up", "--dsn", db.dsn, "--dir", folder, "--to", "1").code == 0  # nothing risky
    refused = run_cli("up", "--dsn", db.dsn, "--dir", folder)
    assert refused.code == 2
    assert "lint error: 2_idx.up.sql:1 index-not-concurrent" in refused.stderr
    assert "--force-risky" in refused.stderr
    assert db.execute("SELECT version FROM migwiz.history") == [("1",)]
    forced = run_cli("up", "--dsn", db.dsn, "--dir", folder, "--force-risky")
    assert forced.code == 0, forced.stderr
    [(message,)] = db.execute("SELECT message FROM migwiz.events WHERE message LIKE '%lint rates error%'")
    assert "index-not-concurrent" in message


def test_log_since_takes_the_units_people_type(db: TestDatabase, project: Path) -> None:
    fresh = AbortRequested("keep", "a-fresh-operator", "host1", datetime.now(UTC))
    append_event(db.dsn, "migwiz", str(uuid.uuid4()), fresh)
    for since in ("30s", "5m", "5min", "2h", "1d"):
        result = run_cli("log", "--since", since, "--dsn", db.dsn)
        assert result.code == 0, (since, result.stderr)
        assert "abort requested by a-fresh-operator@host1: keep going" in result.stdout
    bad = run_cli("log", "--since", "5x", "--dsn", db.dsn)
    assert bad.code == 2 and "unknown unit 'x'" in bad.stderr


def test_log_says_when_nothing_matches(db: TestDatabase, project: Path) -> None:
    """An empty answer to `log --since 5m` left the operator guessing whether the filter worked."""
    result = run_cli("log", "--migration", "9", "--dsn", db.dsn)
    assert result.code == 0 and result.stdout == "", result.stderr
    assert result.stderr.strip() == "no event in the central log matches --migration 9"
