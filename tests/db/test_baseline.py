"""A baseline: the schema before the first migration, for sets that do not start from an empty database."""

from __future__ import annotations

from pathlib import Path

import pytest

from migwiz.engine.config import load_settings
from migwiz.engine.errors import ConfigError, MigwizError
from migwiz.engine.log.eventlog import EventLog
from migwiz.engine.rollback.prove import test_rollback
from migwiz.engine.run.runner import Runner
from migwiz.engine.schema.drift import drift
from migwiz.engine.sets import load_migration_set
from tests.conftest import TestDatabase
from tests.helpers import run_cli, write_migrations

BASE = "CREATE TABLE accounts (id int PRIMARY KEY, name text);\n"
SET = {
    "1_email.up.sql": "ALTER TABLE accounts ADD COLUMN email text;\n",
    "1_email.down.sql": "ALTER TABLE accounts DROP COLUMN email;\n",
    "2_idx.up.sql": "CREATE INDEX accounts_email ON accounts (email);\n",
    "2_idx.down.sql": "DROP INDEX accounts_email;\n",
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write_migrations(tmp_path / "migrations", SET)
    (tmp_path / "baseline.sql").write_text(BASE)
    return tmp_path


def migrate(db: TestDatabase, project: Path) -> None:
    db.execute(BASE)
    runner = Runner(db.dsn, load_migration_set(project / "migrations"), log=EventLog())
    assert runner.up().ok
    runner.close()


def test_drift_needs_the_baseline_and_is_clean_with_it(db: TestDatabase, project: Path) -> None:
    migrate(db, project)
    mset = load_migration_set(project / "migrations")
    with pytest.raises(MigwizError, match='relation "accounts" does not exist'):
        drift(db.dsn, mset)
    report = drift(db.dsn, mset, baseline=(project / "baseline.sql",))
    assert not report.drifted
    db.execute("ALTER TABLE accounts ADD COLUMN extra int")
    report = drift(db.dsn, mset, baseline=(project / "baseline.sql",))
    assert [d.sentence for d in report.differences] == [
        "column public.accounts.extra exists in the database but not in the files"
    ]


def test_rollback_test_starts_from_the_baseline(db: TestDatabase, project: Path) -> None:
    mset = load_migration_set(project / "migrations")
    report = test_rollback(db.dsn, mset, baseline=(project / "baseline.sql",), log=EventLog())
    assert [r.result for r in report.results] == ["passed", "passed"]
    without = test_rollback(db.dsn, mset, log=EventLog())
    assert [(r.result, r.step) for r in without.results] == [("failed", "up"), ("skipped", None)]


def test_baseline_from_migwiz_toml(db_latest: TestDatabase, project: Path) -> None:
    (project / "migwiz.toml").write_text('[migwiz]\ndir = "migrations"\nbaseline = ["baseline.sql"]\n')
    assert load_settings(cwd=project).baseline == (project / "baseline.sql",)
    migrate(db_latest, project)
    result = run_cli("drift", "--dsn", db_latest.dsn, "--json", cwd=project)
    assert result.code == 0, result.stderr
    assert result.json()["differences"] == []


def test_missing_baseline_file_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "migwiz.toml").write_text('[migwiz]\nbaseline = "nope.sql"\n')
    with pytest.raises(ConfigError, match=r"baseline file .*nope\.sql does not exist"):
        load_settings(cwd=tmp_path)


def test_failing_baseline_names_the_file(db_latest: TestDatabase, project: Path) -> None:
    broken = project / "broken.sql"
    broken.write_text("CREATE TABLE accounts (id int PRIMARY KEY;\n")
    with pytest.raises(MigwizError, match=r"baseline .*broken\.sql failed on the shadow database"):
        test_rollback(db_latest.dsn, load_migration_set(project / "migrations"), baseline=(broken,))
