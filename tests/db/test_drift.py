"""drift: applied migrations replayed on a shadow database against the live target, on real servers."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from migwiz.engine.errors import UsageError
from migwiz.engine.log.eventlog import EventLog
from migwiz.engine.run.runner import Runner
from migwiz.engine.schema import read_schema
from migwiz.engine.schema.drift import drift
from migwiz.engine.sets import load_migration_set
from migwiz.engine.sets.model import MigrationSet
from tests.conftest import TestDatabase
from tests.helpers import run_cli, write_migrations

FILES = {
    "1_users.up.sql": "CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
    " email varchar(320) NOT NULL, org_id int, created_at timestamptz NOT NULL DEFAULT now());\n"
    "CREATE TABLE orgs (id int PRIMARY KEY, name text NOT NULL);\n",
    "1_users.down.sql": "DROP TABLE users;\nDROP TABLE orgs;\n",
    "2_fk.up.sql": "ALTER TABLE users ADD CONSTRAINT users_org_fk FOREIGN KEY (org_id) REFERENCES orgs (id)"
    " ON DELETE CASCADE;\nALTER TABLE users ADD CONSTRAINT users_email_check CHECK (email <> '');\n"
    "CREATE INDEX users_created_at_idx ON users (created_at);\n"
    "CREATE VIEW active_users AS SELECT id, email FROM users WHERE org_id IS NOT NULL;\n"
    "COMMENT ON TABLE users IS 'people who log in';\n",
    "2_fk.down.sql": "DROP VIEW active_users;\nDROP INDEX users_created_at_idx;\n"
    "ALTER TABLE users DROP CONSTRAINT users_email_check;\nALTER TABLE users DROP CONSTRAINT users_org_fk;\n"
    "COMMENT ON TABLE users IS NULL;\n",
    "3_pending.up.sql": "CREATE TABLE later (id int);\n",
    "3_pending.down.sql": "DROP TABLE later;\n",
}


def shadows(db: TestDatabase) -> list[str]:
    rows = db.execute("SELECT datname FROM pg_database WHERE datname LIKE 'migwiz\\_shadow%' ORDER BY 1")
    return [str(r[0]) for r in rows]


def applied(db: TestDatabase, tmp_path: Path, upto: str = "2") -> MigrationSet:
    mset = load_migration_set(write_migrations(tmp_path / "m", FILES))
    runner = Runner(db.dsn, mset, log=EventLog())
    from migwiz.engine.sets.model import Version

    assert runner.up(Version(upto)).ok
    runner.close()
    return mset


def test_no_drift_after_migrating_and_pending_is_not_expected(db: TestDatabase, tmp_path: Path) -> None:
    mset = applied(db, tmp_path)
    report = drift(db.dsn, mset, with_sql=True)
    assert report.differences == ()
    assert report.applied == ("1", "2")
    assert report.repair == ()
    assert shadows(db) == []


def test_hand_made_changes_are_found_and_the_sql_repairs_them(db: TestDatabase, tmp_path: Path) -> None:
    mset = applied(db, tmp_path)
    with db.connect() as conn:
        before = read_schema(conn)
    db.execute(
        "DROP VIEW active_users;"
        "CREATE INDEX users_email_idx ON users (email);"
        "ALTER TABLE users ALTER COLUMN email TYPE text;"
        "ALTER TABLE users DROP CONSTRAINT users_email_check;"
        "CREATE TABLE scratch_notes (id serial PRIMARY KEY, body text);"
        "ALTER TABLE users ALTER COLUMN created_at DROP DEFAULT;"
    )
    report = drift(db.dsn, mset, with_sql=True)
    sentences = {d.sentence for d in report.differences}
    assert sentences == {
        "index public.users_email_idx exists in the database but not in the files",
        "column public.users.email is character varying(320) in the files and text in the database",
        "constraint public.users.users_email_check exists in the files but not in the database",
        "table public.scratch_notes exists in the database but not in the files",
        "column public.users.created_at has default now() in the files and none in the database",
        "view public.active_users exists in the files but not in the database",
    }
    assert report.counts() == {"missing": 2, "extra": 2, "changed": 2}
    sql_text = "\n".join(report.repair)
    assert sql_text.index("DROP TABLE IF EXISTS public.scratch_notes") < sql_text.index("CREATE VIEW")
    assert sql_text.index("ALTER COLUMN email TYPE") < sql_text.index("CREATE VIEW")
    with db.connect() as conn:
        for statement in report.repair:
            conn.execute(statement.encode())
    assert drift(db.dsn, mset).differences == ()
    with db.connect() as conn:
        assert read_schema(conn) == before
    assert shadows(db) == []


def test_missing_table_and_extras_in_dependency_order(db: TestDatabase, tmp_path: Path) -> None:
    mset = applied(db, tmp_path)
    db.execute(
        "DROP VIEW active_users; DROP TABLE users;"
        "CREATE TABLE extra_parent (id int PRIMARY KEY);"
        "CREATE TABLE extra_child (id int PRIMARY KEY, parent_id int REFERENCES extra_parent);"
        "CREATE VIEW extra_view AS SELECT id FROM extra_child;"
        "CREATE TYPE mood AS ENUM ('sad', 'happy');"
        "ALTER TABLE orgs ADD CONSTRAINT orgs_name_check CHECK (name <> '') NOT VALID;"
    )
    report = drift(db.dsn, mset, with_sql=True)
    kinds = {(d.kind, d.object_type, d.name) for d in report.differences}
    assert ("missing", "table", "public.users") in kinds
    assert ("extra", "enum", "public.mood") in kinds
    # everything on the missing table is covered by the table: only the view stands on its own
    assert not any(d.name.startswith("public.users.") for d in report.differences)
    with db.connect() as conn:
        for statement in report.repair:
            conn.execute(statement.encode())
    after = drift(db.dsn, mset)
    assert after.differences == (), [d.sentence for d in after.differences]


def test_changed_attributes_are_altered_back(db: TestDatabase, tmp_path: Path) -> None:
    mset = applied(db, tmp_path)
    db.execute(
        "ALTER TABLE users ALTER COLUMN email DROP NOT NULL;"
        "ALTER TABLE orgs ALTER COLUMN name SET DEFAULT 'x';"
        "ALTER TABLE users DROP CONSTRAINT users_org_fk;"
        "ALTER TABLE users ADD CONSTRAINT users_org_fk FOREIGN KEY (org_id) REFERENCES orgs (id) NOT VALID;"
        "DROP INDEX users_created_at_idx; CREATE INDEX users_created_at_idx ON users (created_at DESC);"
        "COMMENT ON TABLE users IS 'changed';"
        "ALTER TABLE users ENABLE ROW LEVEL SECURITY;"
    )
    report = drift(db.dsn, mset, with_sql=True)
    assert len(report.differences) == 7, [d.sentence for d in report.differences]
    with db.connect() as conn:
        for statement in report.repair:
            conn.execute(statement.encode())
    after = drift(db.dsn, mset)
    assert after.differences == (), [d.sentence for d in after.differences]


def test_ignore_patterns_and_the_migwiz_schema(db: TestDatabase, tmp_path: Path) -> None:
    mset = applied(db, tmp_path)
    db.execute("CREATE TABLE tmp_import (id int); CREATE INDEX tmp_import_idx ON tmp_import (id);")
    db.execute("CREATE TABLE keep_me (id int); CREATE INDEX tmp_orgs_idx ON orgs ((id + 1));")
    report = drift(db.dsn, mset, ignore=["public.tmp_*"])
    assert [d.name for d in report.differences] == ["public.keep_me"]
    assert len(report.ignored) == 2
    # the migwiz schema (history, runs, events) is never drift
    assert not any("migwiz" in d.name for d in report.differences + report.ignored)


def test_checksum_edit_and_missing_file_are_noted(db: TestDatabase, tmp_path: Path) -> None:
    applied(db, tmp_path)
    folder = tmp_path / "m"
    (folder / "2_fk.up.sql").write_text(FILES["2_fk.up.sql"] + "CREATE TABLE added (id int);\n")
    db.execute(
        "INSERT INTO migwiz.history (version, name, checksum, success) VALUES ('0', 'gone', 'x', true)"
    )
    report = drift(db.dsn, load_migration_set(folder))
    assert report.notes == (
        "migration 0 (gone) is applied but its file is missing: what it created shows as extra",
        "migration 2 was edited after it was applied: the edited file is replayed",
    )
    assert [d.sentence for d in report.differences] == [
        "table public.added exists in the files but not in the database"
    ]


def test_operator_shadow_must_be_empty_and_is_emptied_again(
    db: TestDatabase, tmp_path: Path, pg_server: object
) -> None:
    mset = applied(db, tmp_path)
    from tests.conftest import create_database, drop_database

    shadow = create_database(db.server)
    try:
        assert drift(db.dsn, mset, shadow_dsn=shadow.dsn).differences == ()
        with shadow.connect() as conn:
            left = read_schema(conn, exclude_schemas=())
        assert [o.name for o in left.objects] == ["public", "plpgsql"]
        shadow.execute("CREATE TABLE stuff (id int)")
        with pytest.raises(UsageError, match="is not empty"):
            drift(db.dsn, mset, shadow_dsn=shadow.dsn)
    finally:
        drop_database(shadow)


def test_cli_drift_json_exit_codes_and_sql(db_latest: TestDatabase, tmp_path: Path) -> None:
    """The CLI's subject is not the server version: newest server only."""
    db = db_latest
    applied(db, tmp_path)
    folder = tmp_path / "m"
    clean = run_cli("drift", "--dsn", db.dsn, "--dir", folder, "--json")
    assert clean.code == 0, clean.stderr
    assert clean.json()["drift"] is False
    db.execute("ALTER TABLE orgs ADD COLUMN note text")
    found = run_cli("drift", "--dsn", db.dsn, "--dir", folder)
    assert found.code == 1
    assert "column public.orgs.note exists in the database but not in the files" in found.stdout
    repair = run_cli("drift", "--dsn", db.dsn, "--dir", folder, "--sql")
    assert repair.code == 1
    assert "ALTER TABLE public.orgs DROP COLUMN IF EXISTS note;" in repair.stdout
    with psycopg.connect(db.dsn, autocommit=True) as conn:
        conn.execute(repair.stdout.encode())
    assert run_cli("drift", "--dsn", db.dsn, "--dir", folder).code == 0
    (tmp_path / "migwiz.toml").write_text('[drift]\nignore = ["public.tmp_*"]\n')
    db.execute("CREATE TABLE tmp_x (id int)")
    ignored = run_cli("drift", "--dsn", db.dsn, "--dir", folder, "--json", cwd=tmp_path)
    assert ignored.code == 0, ignored.stdout
    assert ignored.json()["ignored"] == 1
    nodsn = run_cli("drift", "--dir", folder, env={"PGHOST": "/nonexistent", "PGPORT": "1"})
    assert nodsn.code == 2
