"""Shadow databases made from a snapshot (`CREATE DATABASE … TEMPLATE`) keep the database's own settings.

A template copy does not carry `ALTER DATABASE … SET` (pg_db_role_setting is keyed by the database's
OID). measure-sh/measure's deployment puts its `measure` schema first on the database's search_path and
its dbmate migrations name tables unqualified: every state after the baseline must see that setting.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import TestDatabase
from tests.helpers import run_cli, write_migrations

BASELINE = """CREATE SCHEMA IF NOT EXISTS app;
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET search_path TO app, "$user", public', current_database());
END
$$;
"""
MIGRATIONS = {
    "1_teams.up.sql": "CREATE TABLE app.teams (id int PRIMARY KEY);\n",
    "1_teams.down.sql": "DROP TABLE app.teams;\n",
    "2_apps.up.sql": "CREATE TABLE apps (id int PRIMARY KEY, team_id int REFERENCES teams (id));\n",
    "2_apps.down.sql": "DROP TABLE apps;\n",
    "3_name.up.sql": "ALTER TABLE apps ADD COLUMN name text;\n",
    "3_name.down.sql": "ALTER TABLE apps DROP COLUMN name;\n",
}


def test_rollback_states_keep_the_database_search_path(client_db: TestDatabase, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.sql"
    baseline.write_text(BASELINE, encoding="utf-8")
    folder = write_migrations(tmp_path / "m", MIGRATIONS)
    client_db.execute(BASELINE)
    common = ["--json", "--baseline", baseline, "--dsn", client_db.dsn, "--dir", folder]
    first = run_cli("up", "--dsn", client_db.dsn, "--dir", folder, "--to", "1")
    assert first.code == 0, first.stderr
    drift = run_cli("drift", *common)  # saves the states after the baseline and after 1 as snapshots
    assert drift.code == 0, drift.stdout
    report = run_cli("test-rollback", *common, "3", timeout=300)  # from the state after 1: replays 2
    assert report.json()["snapshots"]["restored"] >= 1, report.stdout
    verdicts = {m["version"]: (m["result"], m.get("message")) for m in report.json()["migrations"]}
    assert verdicts == {"3": ("passed", None)}, report.stdout
    rest = run_cli("up", "--dsn", client_db.dsn, "--dir", folder)
    assert rest.code == 0, rest.stderr
    again = run_cli("drift", *common)  # replays 2 and 3 on a copy of the state after 1
    assert again.code == 0, again.stdout
