"""Flyway baseline migrations (`B<version>__<description>.sql`) count as Flyway counts them: on a database
with no migration applied the newest one runs in place of every versioned migration up to its version;
on one where versioned migrations ran, they are ignored.

The layout is that of eclipse-hawkbit/hawkbit (hawkbit-repository-jpa-flyway, db/migration/POSTGRESQL):
`B1_20_0__1.0.0_baseline__POSTGRESQL.sql` holds the schema that the versioned migrations up to 1.20.0
built, and `V1_20_1__...` follow it.
"""

from __future__ import annotations

from pathlib import Path

from migwiz.engine import commands
from migwiz.engine.adopt import adopt
from migwiz.engine.adopt.flyway import checksum as flyway_checksum
from migwiz.engine.run.runner import ExecutionPolicy
from migwiz.engine.sets import load_migration_set
from migwiz.engine.sets.model import MigrationSet
from tests.conftest import TestDatabase
from tests.db.test_adopt import FLYWAY_DDL
from tests.helpers import run_cli, write_migrations

IRREVERSIBLE = ExecutionPolicy(allow_irreversible=True)
OLD = {
    "V1_0_1__init.sql": "CREATE TABLE target (id int PRIMARY KEY);\n",
    "V1_20_0__name.sql": "ALTER TABLE target ADD COLUMN name text;\n",
}
BASELINE = {
    "B1_20_0__baseline__POSTGRESQL.sql": "CREATE TABLE target (id int PRIMARY KEY, name text);\n",
    "V1_20_1__spring_boot_4__POSTGRESQL.sql": "ALTER TABLE target ADD COLUMN kind text;\n",
}


def versions(mset: MigrationSet, applied: dict[str, str]) -> list[str]:
    chosen = mset.for_history({mset.version(v): c for v, c in applied.items()})
    return [m.up.path.name.split("__")[0] for m in chosen]


def test_the_newest_baseline_stands_for_the_versions_up_to_it_on_an_empty_history(tmp_path: Path) -> None:
    older = {
        "B1_0_1__first_baseline.sql": "-- 1.0.1 in one file\nCREATE TABLE target (id int PRIMARY KEY);\n"
    }
    mset = load_migration_set(write_migrations(tmp_path / "m", {**OLD, **BASELINE, **older}), "flyway")
    # the chain of an empty database (what lint, dry-run and test-rollback follow)
    assert [m.up.path.name.split("__")[0] for m in mset.migrations] == ["B1_20_0", "V1_20_1"]
    assert [m.up.path.name.split("__")[0] for m in mset.superseded] == ["V1_0_1", "V1_20_0"]
    assert any("in place of the 2 versioned migration(s) up to 1.20.0" in n for n in mset.notices)
    assert [m.up.path.name for m in mset.baselines] == [
        "B1_0_1__first_baseline.sql",
        "B1_20_0__baseline__POSTGRESQL.sql",
    ]
    assert versions(mset, {}) == ["B1_20_0", "V1_20_1"]
    assert mset.for_history({})[0].baseline
    # versioned migrations ran before the baseline existed: every B file is ignored
    v1 = mset.superseded[0].checksum
    assert versions(mset, {"1.0.1": v1}) == ["V1_0_1", "V1_20_0", "V1_20_1"]
    # the older baseline ran: the versioned ones up to it stay below it
    b1 = mset.baselines[0].checksum
    assert versions(mset, {"1_0_1": b1}) == ["B1_0_1", "V1_20_0", "V1_20_1"]


def test_up_runs_the_baseline_on_an_empty_database_only(client_db: TestDatabase, tmp_path: Path) -> None:
    db = client_db
    fresh = load_migration_set(write_migrations(tmp_path / "fresh", BASELINE), "flyway")
    first = commands.up(commands.Project.of(db.dsn, fresh), policy=IRREVERSIBLE)
    assert [(str(o.version), o.result) for o in first.report.outcomes] == [
        ("1.20.0", "applied"),
        ("1.20.1", "applied"),
    ]
    status = commands.status(commands.Project.of(db.dsn, fresh))
    assert [(str(s.version), s.state) for s in status.statuses] == [
        ("1.20.0", "applied"),
        ("1.20.1", "applied"),
    ]
    drift = run_cli("drift", "--json", "--dsn", db.dsn, "--dir", tmp_path / "fresh", "--layout", "flyway")
    assert drift.code == 0 and len(drift.json()["applied"]) == 2, drift.stdout

    # a database of the same set that ran the versioned migrations before the baseline was written
    db.execute("DROP SCHEMA migwiz CASCADE; DROP TABLE target")
    other = tmp_path / "old"
    write_migrations(other, OLD)
    older = run_cli("up", "--dsn", db.dsn, "--dir", other, "--allow-irreversible")
    assert older.code == 0, older.stderr
    write_migrations(other, BASELINE)
    shown = run_cli("status", "--json", "--dsn", db.dsn, "--dir", other)
    assert [(m["version"], m["state"]) for m in shown.json()["migrations"]] == [
        ("1.0.1", "applied"),
        ("1.20.0", "applied"),
        ("1.20.1", "pending"),
    ]


def _flyway_rows(db: TestDatabase, rows: list[tuple[str, str, str, str]]) -> None:
    db.execute(FLYWAY_DDL)
    for rank, (version, kind, script, text) in enumerate(rows, start=1):
        db.execute(
            "INSERT INTO public.flyway_schema_history (installed_rank, version, description, type, script,"
            " checksum, installed_by, installed_on, execution_time, success)"
            f" VALUES ({rank}, '{version}', 'x', '{kind}', '{script}', {flyway_checksum(text)},"
            " 'flyway_user', '2024-03-01 12:00:00', 7, true)"
        )


def test_adopt_tells_a_baseline_row_from_versioned_ones(client_db: TestDatabase, tmp_path: Path) -> None:
    db = client_db
    folder = write_migrations(tmp_path / "m", {**OLD, **BASELINE})
    mset = load_migration_set(folder, "flyway")
    # Flyway ran the baseline migration on an empty database, then 1.20.1 (its SQL_BASELINE row)
    _flyway_rows(
        db,
        [
            (
                "1.20.0",
                "SQL_BASELINE",
                "B1_20_0__baseline__POSTGRESQL.sql",
                BASELINE["B1_20_0__baseline__POSTGRESQL.sql"],
            ),
            (
                "1.20.1",
                "SQL",
                "V1_20_1__spring_boot_4__POSTGRESQL.sql",
                BASELINE["V1_20_1__spring_boot_4__POSTGRESQL.sql"],
            ),
        ],
    )
    db.execute(
        BASELINE["B1_20_0__baseline__POSTGRESQL.sql"] + BASELINE["V1_20_1__spring_boot_4__POSTGRESQL.sql"]
    )
    report = adopt(db.dsn, mset, "flyway")
    assert [(a.migration.up.path.name, a.checksum_matches) for a in report.adopted] == [
        ("B1_20_0__baseline__POSTGRESQL.sql", True),
        ("V1_20_1__spring_boot_4__POSTGRESQL.sql", True),
    ]
    assert report.pending == ()
    drift = run_cli("drift", "--json", "--dsn", db.dsn, "--dir", folder, "--layout", "flyway")
    assert drift.code == 0, drift.stdout

    # another database ran the versioned migrations before the baseline existed: its 1.20.0 is V1_20_0
    db.execute("DROP SCHEMA migwiz CASCADE; DROP TABLE target, public.flyway_schema_history")
    _flyway_rows(
        db,
        [
            ("1.0.1", "SQL", "V1_0_1__init.sql", OLD["V1_0_1__init.sql"]),
            ("1.20.0", "SQL", "V1_20_0__name.sql", OLD["V1_20_0__name.sql"]),
        ],
    )
    db.execute(OLD["V1_0_1__init.sql"] + OLD["V1_20_0__name.sql"])
    report = adopt(db.dsn, mset, "flyway")
    assert [(a.migration.up.path.name, a.checksum_matches) for a in report.adopted] == [
        ("V1_0_1__init.sql", True),
        ("V1_20_0__name.sql", True),
    ]
    assert report.pending == ("1.20.1",)


def test_a_history_from_before_the_baseline_runs_the_versioned_files(
    client_db: TestDatabase, tmp_path: Path
) -> None:
    """V1_0_1 ran before B1_20_0 was written: V1_20_0 (not the baseline) is what dry-run, verify and
    test-rollback --pending follow, as `up` does."""
    db = client_db
    folder = write_migrations(tmp_path / "m", {"V1_0_1__init.sql": OLD["V1_0_1__init.sql"]})
    first = run_cli("up", "--dsn", db.dsn, "--dir", folder, "--allow-irreversible")
    assert first.code == 0, first.stderr
    write_migrations(
        folder,
        {
            **OLD,
            **BASELINE,
            "U1_20_1__spring_boot_4__POSTGRESQL.sql": "ALTER TABLE target DROP COLUMN kind;\n",
        },
    )
    common = ["--json", "--dsn", db.dsn, "--dir", folder]
    dry = run_cli("dry-run", *common, "--allow-irreversible")
    assert [(s["path"].split("/")[-1], s["outcome"]) for s in dry.json()["statements"]] == [
        ("V1_20_0__name.sql", "ok"),
        ("V1_20_1__spring_boot_4__POSTGRESQL.sql", "ok"),
    ], dry.stdout
    tested = run_cli("test-rollback", *common, "--pending", timeout=300)
    verdicts = {m["version"]: m["result"] for m in tested.json()["migrations"]}
    assert verdicts == {"1.20.0": "skipped", "1.20.1": "passed"}, tested.stdout
    verified = run_cli("verify", *common)
    assert verified.code == 0, verified.stdout
    applied = run_cli("up", "--dsn", db.dsn, "--dir", folder, "--allow-irreversible")
    assert applied.code == 0, applied.stderr
    assert db.execute("SELECT count(*) FROM information_schema.columns WHERE table_name = 'target'") == [(3,)]
