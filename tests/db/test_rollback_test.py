"""test-rollback on real servers: broken downs are named exactly, nothing is left behind."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from migwiz.engine.errors import UsageError
from migwiz.engine.log.eventlog import Event, EventLog, MemorySink
from migwiz.engine.rollback.prove import test_rollback as rollback
from migwiz.engine.run.runner import Runner
from migwiz.engine.schema import read_schema
from migwiz.engine.schema.tolerance import Tolerance
from migwiz.engine.sets import load_migration_set
from migwiz.engine.sets.model import Version
from migwiz.engine.shadow.snapshots import SnapshotCache
from tests.conftest import TestDatabase, create_database, drop_database
from tests.helpers import run_cli, write_migrations

BASE = {
    "1_users.up.sql": "CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
    " email text NOT NULL, status text);\n",
    "1_users.down.sql": "DROP TABLE users;\n",
}

GOOD = {
    **BASE,
    "2_orders.up.sql": "CREATE TABLE orders (id serial PRIMARY KEY, user_id bigint REFERENCES users,"
    " total numeric(10,2) NOT NULL DEFAULT 0);\nCREATE INDEX orders_user_idx ON orders (user_id);\n",
    "2_orders.down.sql": "DROP TABLE orders;\n",
    "3_nickname.up.sql": "ALTER TABLE users ADD COLUMN nickname varchar(40);\n",
    "3_nickname.down.sql": "ALTER TABLE users DROP COLUMN nickname;\n",
}


def shadows(db: TestDatabase) -> list[str]:
    rows = db.execute("SELECT datname FROM pg_database WHERE datname LIKE 'migwiz\\_shadow%'")
    return [str(r[0]) for r in rows]


def broken(up: str, down: str) -> dict[str, str]:
    return {**BASE, "2_change.up.sql": up, "2_change.down.sql": down}


def test_a_good_set_passes_and_leaves_nothing_behind(db: TestDatabase, tmp_path: Path) -> None:
    mset = load_migration_set(write_migrations(tmp_path / "m", GOOD))
    report = rollback(db.dsn, mset)
    assert [(str(r.version), r.result) for r in report.results] == [
        ("1", "passed"),
        ("2", "passed"),
        ("3", "passed"),
    ]
    assert report.ok
    assert shadows(db) == []
    # the target gained only migwiz's log: the test-rollback run and its events
    with db.connect() as conn:
        assert [o.name for o in read_schema(conn).objects] == ["public", "plpgsql"]
    rows = db.execute("SELECT command, outcome FROM migwiz.runs")
    assert rows == [("test-rollback", "success")]
    messages = [r[0] for r in db.execute("SELECT message FROM migwiz.events WHERE step = 'rollback'")]
    assert any("3_nickname: up, down, up again restore the schema" in m for m in messages)
    assert db.execute("SELECT count(*) FROM migwiz.history") == [(0,)]


BROKEN_DOWNS = {
    "index": (
        "CREATE INDEX users_email_idx ON users (email);\n",
        "SELECT 1;\n",
        ["~ index public.users_email_idx exists after down but not before up"],
    ),
    "default": (
        "ALTER TABLE users ALTER COLUMN status SET DEFAULT 'new';\n",
        "SELECT 1;\n",
        ["~ column public.users.status has default none before up and 'new'::text after down"],
    ),
    "constraint": (
        "ALTER TABLE users ADD CONSTRAINT users_email_check CHECK (email <> '');\n",
        "SELECT 1;\n",
        ["+ constraint public.users.users_email_check exists after down but not before up"],
    ),
}


@pytest.mark.parametrize("kind", sorted(BROKEN_DOWNS))
def test_a_broken_down_is_named_exactly(db: TestDatabase, tmp_path: Path, kind: str) -> None:
    up, down, _ = BROKEN_DOWNS[kind]
    mset = load_migration_set(write_migrations(tmp_path / "m", broken(up, down)))
    report = rollback(db.dsn, mset)
    first, second = report.results
    assert first.result == "passed"
    assert second.result == "failed"
    assert second.step == "down restores"
    assert len(second.differences) == 1
    d = second.differences[0]
    expected = {
        "index": ("extra", "index", "public.users_email_idx", None),
        "default": ("changed", "column", "public.users.status", "default"),
        "constraint": ("extra", "constraint", "public.users.users_email_check", None),
    }[kind]
    assert (d.kind, d.object_type, d.name, d.attribute) == expected
    sentences = {
        "index": "index public.users_email_idx exists after down but not before up",
        "default": "column public.users.status has default none before up and 'new'::text after down",
        "constraint": "constraint public.users.users_email_check exists after down but not before up",
    }
    assert d.sentence == sentences[kind]
    assert not report.ok
    assert shadows(db) == []


def test_a_down_that_drops_too_much_and_an_up_that_cannot_rerun(db: TestDatabase, tmp_path: Path) -> None:
    files = {
        **BASE,
        "2_a.up.sql": "ALTER TABLE users ADD COLUMN a int;\n",
        "2_a.down.sql": "ALTER TABLE users DROP COLUMN a;\nALTER TABLE users DROP COLUMN status;\n",
        "3_b.up.sql": "CREATE TABLE b (id int);\n",
        "3_b.down.sql": "SELECT 1;\n",
    }
    report = rollback(db.dsn, load_migration_set(write_migrations(tmp_path / "m", files)))
    by = {str(r.version): r for r in report.results}
    assert [d.sentence for d in by["2"].differences] == [
        "column public.users.status exists before up but not after down"
    ]
    # 3's down forgets the table: S2 != S0; the test still reports it and goes on
    assert by["3"].step == "down restores"
    assert [d.sentence for d in by["3"].differences] == ["table public.b exists after down but not before up"]


def test_a_failing_down_is_blamed_and_later_migrations_are_still_tested(
    db: TestDatabase, tmp_path: Path
) -> None:
    files = {
        **GOOD,
        "2_orders.down.sql": "DROP TABLE no_such_table;\n",
    }
    report = rollback(db.dsn, load_migration_set(write_migrations(tmp_path / "m", files)))
    assert [(str(r.version), r.result, r.verdict) for r in report.results] == [
        ("1", "passed", "passed"),
        ("2", "failed", "down fails"),
        ("3", "passed", "passed"),
    ]
    assert "no_such_table" in (report.results[1].message or "")
    junit = ET.fromstring(report.to_junit())
    assert junit.get("tests") == "3" and junit.get("failures") == "1" and junit.get("skipped") == "0"
    cases = junit.findall("testcase")
    assert [c.get("name") for c in cases] == ["1_users", "2_orders", "3_nickname"]
    failure = cases[1].find("failure")
    assert failure is not None and "no_such_table" in (failure.get("message") or "")
    assert shadows(db) == []


def test_a_down_migwiz_refuses_to_run_is_that_migrations_verdict(db: TestDatabase, tmp_path: Path) -> None:
    """A down refused before it runs (here a stray BEGIN, as in a real Diesel set) fails that migration
    alone: the test goes on with the next one instead of stopping the whole run."""
    files = {
        **GOOD,
        "2_orders.down.sql": "begin\n  raise 'This migration is irreversible';\nend\n$$;\n",
    }
    report = rollback(db.dsn, load_migration_set(write_migrations(tmp_path / "m", files)))
    assert [(str(r.version), r.verdict) for r in report.results] == [
        ("1", "passed"),
        ("2", "down fails"),
        ("3", "passed"),
    ]
    assert "refused" in (report.results[1].message or "") and "BEGIN" in (report.results[1].message or "")
    assert report.snapshots["replayed"] == 0  # nothing of it ran: the shadow is not rebuilt
    assert shadows(db) == []


def test_an_up_that_does_not_apply_and_a_missing_down_are_not_tested(
    db: TestDatabase, tmp_path: Path
) -> None:
    files = {
        **BASE,
        "2_nodown.up.sql": "CREATE TABLE n (id int);\n",
        "3_bad.up.sql": "ALTER TABLE no_such_table ADD COLUMN x int;\n",
        "3_bad.down.sql": "SELECT 1;\n",
        "4_later.up.sql": "CREATE TABLE later (id int);\n",
        "4_later.down.sql": "DROP TABLE later;\n",
    }
    report = rollback(db.dsn, load_migration_set(write_migrations(tmp_path / "m", files)))
    missing = '42P01 relation "no_such_table" does not exist'
    assert [(str(r.version), r.result, r.verdict) for r in report.results] == [
        ("1", "passed", "passed"),
        ("2", "skipped", "not tested because it has no down script"),
        ("3", "failed", "up fails"),
        ("4", "skipped", f"not tested because 3_bad does not apply: {tmp_path}/m/3_bad.up.sql:1: {missing}"),
    ]
    assert "no_such_table" in (report.results[2].message or "")
    split = rollback(db.dsn, load_migration_set(tmp_path / "m"), workers=4)  # one shadow per migration
    assert [r.verdict for r in split.results] == [r.verdict for r in report.results]
    # a selected migration after one that does not apply is not tested either
    only = rollback(db.dsn, load_migration_set(tmp_path / "m"), which=[Version("4")])
    ((version, verdict),) = [(str(r.version), r.verdict) for r in only.results]
    assert version == "4" and verdict.startswith("not tested because 3_bad does not apply: ")
    assert '42P01 relation "no_such_table" does not exist' in verdict  # why, not only which
    assert shadows(db) == []


def test_selected_versions_apply_earlier_ones_untested(db: TestDatabase, tmp_path: Path) -> None:
    mset = load_migration_set(write_migrations(tmp_path / "m", GOOD))
    report = rollback(db.dsn, mset, which=[Version("3")])
    assert [str(r.version) for r in report.results] == ["3"]
    with pytest.raises(UsageError, match="no migration has version 9"):
        rollback(db.dsn, mset, which=[Version("9")])


def test_pending_starts_from_the_targets_schema_and_history(db: TestDatabase, tmp_path: Path) -> None:
    mset = load_migration_set(write_migrations(tmp_path / "m", GOOD))
    runner = Runner(db.dsn, mset, log=EventLog())
    assert runner.up(Version("2")).ok
    runner.close()
    db.execute("CREATE TABLE made_by_hand (id int)")  # only the copy of the schema knows it
    with db.connect() as conn:
        before = read_schema(conn)
    history = db.execute("SELECT version, checksum FROM migwiz.history ORDER BY 1")
    report = rollback(db.dsn, mset, which="pending")
    assert [(str(r.version), r.result) for r in report.results] == [("3", "passed")]
    with db.connect() as conn:
        assert read_schema(conn) == before
    assert db.execute("SELECT version, checksum FROM migwiz.history ORDER BY 1") == history
    assert shadows(db) == []


def test_with_data_reports_what_the_down_loses(db: TestDatabase, tmp_path: Path) -> None:
    files = {
        **GOOD,
        "4_kind.up.sql": "CREATE TYPE kind AS ENUM ('a', 'b');\n"
        "CREATE TABLE events (id uuid PRIMARY KEY, user_id bigint NOT NULL REFERENCES users,"
        " k kind NOT NULL, at timestamptz NOT NULL, body jsonb, ok boolean);\n",
        "4_kind.down.sql": "DROP TABLE events;\nDROP TYPE kind;\n",
    }
    report = rollback(db.dsn, load_migration_set(write_migrations(tmp_path / "m", files)), with_data=True)
    assert report.ok, [r.details() for r in report.results]
    by = {str(r.version): r for r in report.results}
    assert by["1"].data_loss == ("down drops table public.users and its 3 row(s)",)
    assert by["3"].data_loss == ("down drops column public.users.nickname holding 3 value(s)",)
    assert by["4"].data_loss == ("down drops table public.events and its 3 row(s)",)
    assert all(not r.notes for r in report.results), [r.notes for r in report.results]


@pytest.mark.parametrize("workers", [1, 2])
def test_ctrl_c_drops_the_shadow_database(db: TestDatabase, tmp_path: Path, workers: int) -> None:
    class Interrupt:
        def write(self, event: Event) -> None:
            if "2_orders" in event.message:
                raise KeyboardInterrupt

        def close(self) -> None:
            pass

    mset = load_migration_set(write_migrations(tmp_path / "m", GOOD))
    with pytest.raises(KeyboardInterrupt):
        rollback(db.dsn, mset, log=EventLog(sinks=[Interrupt()]), workers=workers)
    assert shadows(db) == []


def test_without_any_database_it_says_what_it_needs(tmp_path: Path) -> None:
    mset = load_migration_set(write_migrations(tmp_path / "m", GOOD))
    with pytest.raises(UsageError, match="needs a database server for its shadow database"):
        rollback(None, mset)


def test_operator_shadow_dsn_is_used_and_emptied(db: TestDatabase, tmp_path: Path) -> None:
    shadow = create_database(db.server)
    try:
        sink = MemorySink()
        mset = load_migration_set(write_migrations(tmp_path / "m", GOOD))
        report = rollback(None, mset, shadow_dsn=shadow.dsn, log=EventLog(sinks=[sink]))
        assert report.ok
        with shadow.connect() as conn:
            assert [o.name for o in read_schema(conn, exclude_schemas=()).objects] == ["public", "plpgsql"]
        assert any("3_nickname" in e.message for e in sink.events)
    finally:
        drop_database(shadow)


def test_cli_junit_and_exit_codes(db_latest: TestDatabase, tmp_path: Path) -> None:
    """The CLI's subject is not the server version: newest server only."""
    db = db_latest
    up, down, _ = BROKEN_DOWNS["index"]
    folder = write_migrations(tmp_path / "m", broken(up, down))
    junit = tmp_path / "rollback.xml"
    result = run_cli("test-rollback", "--dsn", db.dsn, "--dir", folder, "--junit", junit)
    assert result.code == 1, result.stderr
    assert "index public.users_email_idx exists after down but not before up" in result.stdout
    failure = ET.parse(junit).getroot().find("testcase[@name='2_change']/failure")
    assert failure is not None
    assert "users_email_idx" in (failure.text or "")
    ok = run_cli("test-rollback", "--dsn", db.dsn, "--dir", write_migrations(tmp_path / "g", GOOD), "--json")
    assert ok.code == 0, ok.stderr
    assert [m["result"] for m in ok.json()["migrations"]] == ["passed"] * 3
    none = run_cli("test-rollback", "--dir", folder, env={"PGHOST": "/nonexistent", "PGPORT": "1"})
    assert none.code == 2


def test_a_down_that_does_not_restore_blames_only_its_own_migration(db: TestDatabase, tmp_path: Path) -> None:
    """2's down forgets its table: 2 alone is blamed; 3 and 4 are tested from the state after 2's up."""
    files = {
        **BASE,
        "2_b.up.sql": "CREATE TABLE b (id int);\n",
        "2_b.down.sql": "SELECT 1;\n",
        "3_c.up.sql": "CREATE TABLE c (id int);\n",
        "3_c.down.sql": "DROP TABLE c;\n",
        "4_d.up.sql": "ALTER TABLE b ADD COLUMN d int;\n",
        "4_d.down.sql": "ALTER TABLE b DROP COLUMN d;\n",
    }
    report = rollback(db.dsn, load_migration_set(write_migrations(tmp_path / "m", files)))
    assert [(str(r.version), r.verdict) for r in report.results] == [
        ("1", "passed"),
        ("2", "down does not restore"),
        ("3", "passed"),
        ("4", "passed"),
    ]
    by = {str(r.version): r for r in report.results}
    assert [d.sentence for d in by["2"].differences] == ["table public.b exists after down but not before up"]
    assert "2_b" not in (by["3"].message or "") and "2_b" not in (by["4"].message or "")
    assert shadows(db) == []


def test_a_failed_down_leaves_the_shadow_exactly_after_up_without_a_rebuild(
    db: TestDatabase, tmp_path: Path
) -> None:
    """Down and up again are tried in a transaction that is rolled back: a down that fails half-way (2),
    one that forgets its table (4), and nothing is replayed to get back to the state after their up — 3
    and 5 need what 2 and 4 made. A no-transaction migration (6) is tested the ordinary way."""
    files = {
        **BASE,
        "2_idx.up.sql": "CREATE INDEX users_email_idx ON users (email);\n",
        "2_idx.down.sql": "DROP INDEX users_email_idx;\nSELECT 1 / 0;\n",
        "3_ren.up.sql": "ALTER INDEX users_email_idx RENAME TO users_mail_idx;\n",
        "3_ren.down.sql": "ALTER INDEX users_mail_idx RENAME TO users_email_idx;\n",
        "4_t.up.sql": "CREATE TABLE t4 (id int);\n",
        "4_t.down.sql": "SELECT 1;\n",
        "5_x.up.sql": "ALTER TABLE t4 ADD COLUMN x int;\n",
        "5_x.down.sql": "ALTER TABLE t4 DROP COLUMN x;\n",
        "6_cic.up.sql": "CREATE INDEX CONCURRENTLY t4_x_idx ON t4 (x);\n",
        "6_cic.down.sql": "DROP INDEX CONCURRENTLY t4_x_idx;\n",
    }
    mset = load_migration_set(write_migrations(tmp_path / "m", files))
    for snapshots in (False, True):
        report = rollback(db.dsn, mset, snapshots=snapshots, workers=1)
        assert [(str(r.version), r.verdict) for r in report.results] == [
            ("1", "passed"),
            ("2", "down fails"),
            ("3", "passed"),
            ("4", "down does not restore"),
            ("5", "passed"),
            ("6", "passed"),
        ]
        assert "division by zero" in (report.results[1].message or "")
        assert report.snapshots["replayed"] == 0  # never rebuilt: the shadow never left the chain
    assert shadows(db) == []
    SnapshotCache(db.dsn).clear()


def test_column_order_and_frozen_times_fail_unless_accepted(db: TestDatabase, tmp_path: Path) -> None:
    files = {
        **BASE,
        "2_email.up.sql": "ALTER TABLE users DROP COLUMN email;\n",
        "2_email.down.sql": "ALTER TABLE users ADD COLUMN email text NOT NULL;\n",  # comes back last
        "3_seen.up.sql": "ALTER TABLE users ADD COLUMN seen timestamptz DEFAULT 'now';\n"
        "CREATE VIEW recent AS SELECT id FROM users WHERE seen > 'now'::timestamptz;\n",
        "3_seen.down.sql": "DROP VIEW recent;\nALTER TABLE users DROP COLUMN seen;\n",
        "4_x.up.sql": "CREATE TABLE x (id int);\n",
        "4_x.down.sql": "DROP TABLE x;\n",
    }
    mset = load_migration_set(write_migrations(tmp_path / "m", files))
    strict = rollback(db.dsn, mset)
    assert [(str(r.version), r.verdict) for r in strict.results] == [
        ("1", "passed"),
        ("2", "down does not restore"),
        ("3", "up again gives another schema"),
        ("4", "passed"),
    ]
    by = {str(r.version): r for r in strict.results}
    assert [d.attribute for d in by["2"].differences] == ["column order"]
    assert sorted(d.object_type for d in by["3"].differences) == ["column", "view"]
    tolerant = rollback(db.dsn, mset, tolerance=Tolerance(ignore_column_order=True, ignore_volatile=True))
    assert [r.verdict for r in tolerant.results] == ["passed"] * 4
    assert tolerant.options == ("column order ignored", "volatile expressions ignored")
    by = {str(r.version): r for r in tolerant.results}
    assert [d.attribute for d in by["2"].ignored] == ["column order"]
    assert sorted(d.object_type for d in by["3"].ignored) == ["column", "view"]
    assert tolerant.to_json()["migrations"][1]["ignored"][0]["attribute"] == "column order"
    junit = ET.fromstring(tolerant.to_junit())
    out = junit.find("testcase[@name='2_email']/system-out")
    assert out is not None and "ignored (column order ignored" in (out.text or "")
    only_order = rollback(db.dsn, mset, tolerance=Tolerance(ignore_column_order=True))
    assert [r.verdict for r in only_order.results] == [
        "passed",
        "passed",
        "up again gives another schema",
        "passed",
    ]
    assert shadows(db) == []


def test_snapshots_give_the_same_verdicts_as_a_full_replay(db: TestDatabase, tmp_path: Path) -> None:
    files = {**GOOD, "2_orders.down.sql": "SELECT 1;\n"}  # 2 forgets its table
    mset = load_migration_set(write_migrations(tmp_path / "m", files))
    SnapshotCache(db.dsn).clear()
    replayed = rollback(db.dsn, mset, snapshots=False)
    cold = rollback(db.dsn, mset)
    warm = rollback(db.dsn, mset)
    sink = MemorySink()
    SnapshotCache(db.dsn).clear()  # both shadows start cold and save the same root snapshot
    parallel = rollback(db.dsn, mset, workers=2, log=EventLog(sinks=[sink]))  # 1-2 and 3 at once
    expected = [("1", "passed"), ("2", "down does not restore"), ("3", "passed")]
    logged = [e.data.get("version") for e in sink.events if e.step == "rollback" and "verdict" in e.data]
    assert logged == ["1", "2", "3"]  # events in migration order, whichever shadow finished first
    for report in (replayed, cold, warm, parallel):
        assert [(str(r.version), r.verdict) for r in report.results] == expected
    assert replayed.snapshots["restored"] == 0 and replayed.snapshots["saved"] == 0
    assert cold.snapshots["saved"] >= 1
    assert warm.snapshots["saved"] == 0 and warm.snapshots["restored"] >= 1
    assert shadows(db) == []
    SnapshotCache(db.dsn).clear()


def test_cli_tolerance_flags_and_config(db_latest: TestDatabase, tmp_path: Path) -> None:
    """Flags and [migwiz.rollback_test] both switch the tolerances on, and the report names them."""
    db = db_latest
    folder = write_migrations(
        tmp_path / "m",
        {
            **BASE,
            "2_email.up.sql": "ALTER TABLE users DROP COLUMN email;\n",
            "2_email.down.sql": "ALTER TABLE users ADD COLUMN email text NOT NULL;\n",
        },
    )
    strict = run_cli("test-rollback", "--dsn", db.dsn, "--dir", folder, "--no-snapshots")
    assert strict.code == 1 and "down does not restore" in strict.stdout
    flagged = run_cli("test-rollback", "--dsn", db.dsn, "--dir", folder, "--ignore-column-order", "--json")
    assert flagged.code == 0, flagged.stdout + flagged.stderr
    assert flagged.json()["options"] == ["column order ignored"]
    (tmp_path / "migwiz.toml").write_text(
        '[migwiz]\ndir = "m"\n[migwiz.rollback_test]\nignore_column_order = true\n'
    )
    configured = run_cli("test-rollback", "--dsn", db.dsn, cwd=tmp_path)
    assert configured.code == 0, configured.stdout + configured.stderr
    assert "options: column order ignored" in configured.stdout
    assert "ignored (column order ignored): table public.users has columns in the order" in configured.stdout
    (tmp_path / "migwiz.toml").write_text(
        '[migwiz]\ndir = "m"\n[migwiz.rollback_test]\nignore_column_order = true\nsnapshots = false\n'
    )
    uncached = run_cli("test-rollback", "--dsn", db.dsn, "--json", cwd=tmp_path)
    assert uncached.code == 0, uncached.stderr
    assert uncached.json()["snapshots"] == {"restored": 0, "saved": 0, "replayed": 0}
    (tmp_path / "migwiz.toml").write_text(
        '[migwiz]\ndir = "m"\n[migwiz.rollback_test]\nignore_order = true\n'
    )
    bad = run_cli("test-rollback", "--dsn", db.dsn, cwd=tmp_path)
    assert bad.code == 2 and "rollback_test.ignore_order" in bad.stderr
