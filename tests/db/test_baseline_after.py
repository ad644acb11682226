"""A baseline that stands for the schema AFTER some migrations: a dbmate dump whose `schema_migrations` rows
list the migrations it contains (the first of them does not apply from scratch), or a dump without rows and
`--baseline-through VERSION` / `baseline_through` in migwiz.toml. Shadow databases start from the dump and
replay only the later migrations: drift after `up` is empty, and a real difference is still reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from migwiz.engine.shadow.covered import read_covered
from tests.conftest import TestDatabase
from tests.helpers import run_cli, write_migrations

# dbmate reads an indented `-- migrate:down` as part of the up: this up is a syntax error from scratch
BROKEN = "-- migrate:up\nCREATE TABLE cities (id int PRIMARY KEY)\n    -- migrate:down\nDROP TABLE cities;\n"
TOWNS = "-- migrate:up\nCREATE TABLE towns (id int PRIMARY KEY);\n-- migrate:down\nDROP TABLE towns;\n"
ROADS = (
    "-- migrate:up\nCREATE TABLE roads (id int PRIMARY KEY, town int REFERENCES towns);\n"
    "-- migrate:down\nDROP TABLE roads;\n"
)
SCHEMA = """SET statement_timeout = 0;
SELECT pg_catalog.set_config('search_path', '', false);
CREATE TABLE public.cities (id integer NOT NULL);
ALTER TABLE ONLY public.cities ADD CONSTRAINT cities_pkey PRIMARY KEY (id);
CREATE TABLE public.towns (id integer NOT NULL);
ALTER TABLE ONLY public.towns ADD CONSTRAINT towns_pkey PRIMARY KEY (id);
CREATE TABLE public.schema_migrations (version character varying(128) NOT NULL);
ALTER TABLE ONLY public.schema_migrations ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);
"""
ROWS = """
--
-- Dbmate schema migrations
--

INSERT INTO public.schema_migrations (version) VALUES
    ('20200101000000'),
    ('20200102000000');
"""


@pytest.fixture
def project(tmp_path: Path, db: TestDatabase) -> Path:
    """A dbmate set whose first migration is broken, the database loaded from its dump and adopted."""
    folder = write_migrations(
        tmp_path / "migrations",
        {"20200101000000_cities.sql": BROKEN, "20200102000000_towns.sql": TOWNS},
    )
    (tmp_path / "schema.sql").write_text(SCHEMA + ROWS)
    (tmp_path / "bare.sql").write_text(SCHEMA)
    db.execute(SCHEMA + ROWS)
    adopted = run_cli("adopt", "--from", "dbmate", "--dsn", db.dsn, "--dir", folder)
    assert adopted.code == 0, adopted.stderr
    (folder / "20200103000000_roads.sql").write_text(ROADS)
    up = run_cli("up", "--dsn", db.dsn, "--dir", folder)
    assert up.code == 0, up.stdout + up.stderr
    return tmp_path


def test_the_rows_of_a_dump_name_what_it_stands_for() -> None:
    assert read_covered(SCHEMA + ROWS).listed == {"20200101000000", "20200102000000"}
    assert not read_covered(SCHEMA)
    golang = "INSERT INTO public.schema_migrations (version, dirty) VALUES (20, false);\n"
    assert read_covered(golang).through == "20"
    assert not read_covered(golang.replace("false", "true"))  # a dirty row stands for nothing
    copy = "COPY public.schema_migrations (version, dirty) FROM stdin;\n7\tf\n\\.\n"
    assert read_covered(copy).through == "7"
    flyway = (
        'INSERT INTO "public"."flyway_schema_history" ("installed_rank", "version", "script", "success")'
        " VALUES (1, '1', 'V1__a.sql', true), (2, '2', 'V2__b.sql', false), (3, NULL, 'R__c.sql', true);\n"
    )
    assert read_covered(flyway).listed == {"1"}
    assert read_covered("-- migwiz:baseline-through 2026_01\n").through == "2026_01"
    # pg_dump's default data format (COPY, \N for NULL) and INSERTs without a column list
    assert read_covered("COPY public.schema_migrations (version) FROM stdin;\n1\n2\n\\.\n").listed == {
        "1",
        "2",
    }
    flyway_copy = (
        "COPY public.flyway_schema_history (installed_rank, version, script, success) FROM stdin;\n"
        "1\t1\tV1__a.sql\tt\n2\t\\N\tR__b.sql\tt\n3\t2\tV2__c.sql\tf\n\\.\n"
    )
    assert read_covered(flyway_copy).listed == {"1"}
    assert read_covered("INSERT INTO public.schema_migrations VALUES (20, false);").through == "20"
    bare_flyway = (
        "INSERT INTO public.flyway_schema_history VALUES"
        " (1, '1', 'init (x)', 'SQL', 'V1__init.sql', 1, 'me', '2020-01-01 00:00', 5, true);"
    )
    assert read_covered(bare_flyway).listed == {"1"}


def test_drift_replays_only_what_the_dump_does_not_stand_for(db: TestDatabase, project: Path) -> None:
    folder = project / "migrations"
    without = run_cli("drift", "--dsn", db.dsn, "--dir", folder)
    assert without.code != 0, without.stdout  # from scratch, the first migration is a syntax error
    assert "replaying migration 20200101000000" in without.stderr and "syntax error" in without.stderr

    args = ["--baseline", project / "schema.sql", "--dsn", db.dsn, "--dir", folder]
    clean = run_cli("drift", *args)
    assert clean.code == 0, clean.stdout + clean.stderr
    stands = "the baseline stands for 2 migrations (20200101000000 … 20200102000000)"
    assert f"{stands}: shadow databases do not replay them" in clean.stdout
    for command in (["verify"], ["test-rollback"], ["ci", "--fail-on", "none", "--drift-dsn", db.dsn]):
        result = run_cli(*command, *args)
        assert result.code == 0, (command, result.stdout[:3000], result.stderr)

    status = run_cli("status", *args)
    assert "the baseline stands for 2 migrations (20200101000000 … 20200102000000)" in status.stderr
    assert "an indented `-- migrate:down` at line 3" in status.stdout + status.stderr

    db.execute("ALTER TABLE roads ADD COLUMN lanes int")
    drifted = run_cli("drift", "--json", *args)
    assert drifted.code == 1, drifted.stdout + drifted.stderr
    assert "lanes" in drifted.stdout


def test_a_dump_without_rows_and_the_version_it_stands_for(db: TestDatabase, project: Path) -> None:
    folder = project / "migrations"
    bare = ["--baseline", project / "bare.sql", "--dsn", db.dsn, "--dir", folder]
    failed = run_cli("drift", *bare)
    assert failed.code != 0 and "syntax error" in failed.stderr, failed.stdout + failed.stderr
    through = run_cli("drift", *bare, "--baseline-through", "20200102000000")
    assert through.code == 0, through.stdout + through.stderr
    assert "the baseline stands for 2 migrations" in through.stdout

    (project / "migwiz.toml").write_text(
        'dir = "migrations"\nlayout = "dbmate"\nbaseline = "bare.sql"\nbaseline_through = "20200102000000"\n'
    )
    configured = run_cli("drift", "--dsn", db.dsn, cwd=project)
    assert configured.code == 0, configured.stdout + configured.stderr
    too_early = run_cli("drift", "--dsn", db.dsn, "--baseline-through", "20200101000000", cwd=project)
    assert too_early.code != 0  # the dump already holds towns: replaying its migration fails

    adopted = run_cli("adopt", "--from", "dbmate", "--dsn", db.dsn, cwd=project)  # records the baseline
    assert adopted.code == 0, adopted.stdout + adopted.stderr
    (project / "migwiz.toml").unlink()
    recorded = run_cli("drift", "--dsn", db.dsn, "--dir", folder)
    assert recorded.code == 0, recorded.stdout + recorded.stderr


def test_an_offline_plan_starts_after_what_the_dump_stands_for(db: TestDatabase, project: Path) -> None:
    planned = run_cli(
        "plan", "--json", "--pg-version", str(db.major), "--baseline", project / "schema.sql",
        "--dir", project / "migrations",
    )  # fmt: skip
    assert planned.code in (0, 1), planned.stdout + planned.stderr
    assert [m["version"] for m in planned.json()["migrations"]] == ["20200103000000"]


def test_the_recorded_baseline_stands_for_its_rows_without_flags(db: TestDatabase, project: Path) -> None:
    where = ["--dsn", db.dsn, "--dir", project / "migrations"]
    recorded = run_cli("baseline", project / "schema.sql", *where)
    assert recorded.code == 0, recorded.stderr
    status = run_cli("status", "--json", *where)
    assert "the baseline stands for 2 migrations" in " ".join(status.json()["notices"])
    clean = run_cli("drift", *where)
    assert clean.code == 0, clean.stdout + clean.stderr
    db.execute("DROP TABLE roads")
    assert run_cli("drift", *where).code == 1
