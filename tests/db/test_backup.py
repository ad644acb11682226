"""backup-check on real servers: archiving that works, archiving that fails, no archiving; verified dumps."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from migwiz.engine import backup
from migwiz.engine.backup import check as check_module
from migwiz.engine.backup import dump as dump_module
from migwiz.engine.backup.dump import TableRef, sha256_of
from migwiz.engine.errors import MigwizError, UsageError
from migwiz.engine.servers import pgtools
from migwiz.engine.servers.local import Binaries, LocalServer, start_server
from migwiz.engine.sets import load_migration_set
from tests.conftest import BINARIES, TestDatabase
from tests.helpers import run_cli, wait_for, write_migrations

NEWEST: Binaries | None = max(BINARIES, key=lambda b: b.major) if BINARIES else None
needs_server = pytest.mark.skipif(NEWEST is None, reason="no PostgreSQL binaries on this machine")


@pytest.fixture(scope="module")
def archiving() -> Iterator[tuple[LocalServer, Path]]:
    """A server with archive_mode=on whose archive_command each test sets, and a folder it may write."""
    assert NEWEST is not None
    server = start_server(NEWEST, settings={"archive_mode": "on", "archive_command": "''"})
    folder = Path(tempfile.mkdtemp(prefix="migwiz-archive-"))
    if server.user is not None:
        shutil.chown(folder, server.user)
    try:
        yield server, folder
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


def set_archive_command(server: LocalServer, command: str) -> None:
    with psycopg.connect(server.dsn(), autocommit=True) as conn:
        conn.execute(sql.SQL("ALTER SYSTEM SET archive_command = {}").format(sql.Literal(command)))
        conn.execute("SELECT pg_reload_conf()")
        wait_for(
            lambda: conn.execute("SHOW archive_command").fetchone() == (command,),
            "the new archive_command to be loaded",
        )


def archiver(server: LocalServer) -> tuple[int, int, object, object]:
    with psycopg.connect(server.dsn(), autocommit=True) as conn:
        row = conn.execute(
            "SELECT archived_count, failed_count, last_archived_time, last_failed_time FROM pg_stat_archiver"
        ).fetchone()
    assert row is not None
    return int(row[0]), int(row[1]), row[2], row[3]


def switch_wal(server: LocalServer) -> None:
    """Write something and close the current WAL segment, so the archiver has a segment to archive."""
    with psycopg.connect(server.dsn(), autocommit=True) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS touch (x int)")
        conn.execute("INSERT INTO touch VALUES (1)")
        conn.execute("SELECT pg_switch_wal()")


# -- verdicts -------------------------------------------------------------------------------------------


@needs_server
def test_archiving_into_a_folder_is_ready(archiving: tuple[LocalServer, Path]) -> None:
    server, folder = archiving
    set_archive_command(server, f"cp %p {folder}/%f")
    before = archiver(server)[0]
    switch_wal(server)

    def archived() -> bool:
        count, _, last_ok, last_failed = archiver(server)
        return count > before and (last_failed is None or last_ok > last_failed)  # type: ignore[operator]

    wait_for(archived, "pg_stat_archiver to show the switched segment archived")
    report = backup.backup_check(server.dsn())
    assert report.verdict == "ready", report.reasons
    assert report.reasons == ()
    assert report.archive_mode == "on" and report.archive_command == f"cp %p {folder}/%f"
    assert report.archiver.last_archived_wal is not None
    assert (folder / report.archiver.last_archived_wal).is_file()
    assert report.archiver.last_archived_age_s is not None and report.archiver.last_archived_age_s < 60
    assert report.ready_segments is not None and report.ready_segments < check_module.READY_BACKLOG
    assert {d.what for d in report.disks} == {"data", "pg_wal"}
    assert all(0 < d.free_bytes <= d.total_bytes for d in report.disks)


@needs_server
def test_failing_archive_command_is_degraded(archiving: tuple[LocalServer, Path]) -> None:
    server, _ = archiving
    set_archive_command(server, "false")
    _, failed_before, _, _ = archiver(server)
    switch_wal(server)

    def failing() -> bool:
        _, failed, last_ok, last_failed = archiver(server)
        return failed > failed_before and (last_ok is None or last_failed > last_ok)  # type: ignore[operator]

    wait_for(failing, "pg_stat_archiver to record a failure")
    report = backup.backup_check(server.dsn())
    assert report.verdict == "degraded"
    assert report.archiver.failing
    texts = [r.text for r in report.reasons if r.level == "degraded"]
    wal = str(report.archiver.last_failed_wal)
    assert any("archiving is failing" in t and wal in t for t in texts), texts
    assert report.ready_segments is not None and report.ready_segments >= 1
    set_archive_command(server, "")  # leave no failing retries behind for the next test


@needs_server
def test_inactive_slot_retaining_wal_is_a_warning(
    archiving: tuple[LocalServer, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    server, folder = archiving
    set_archive_command(server, f"cp %p {folder}/%f")
    name = f"s_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server.dsn(), autocommit=True) as conn:
        conn.execute("SELECT pg_create_physical_replication_slot(%s, true)", (name,))
    try:
        switch_wal(server)
        monkeypatch.setattr(check_module, "SLOT_RETAINS_WARN", 1)  # any retained byte counts as "a lot"
        report = backup.backup_check(server.dsn())
        slot = next(s for s in report.slots if s.name == name)
        assert not slot.active and slot.retained_bytes is not None and slot.retained_bytes > 0
        warnings = [r.text for r in report.reasons if r.level == "warning"]
        assert any(f"inactive slot {name} retains" in t for t in warnings), warnings
        assert report.verdict != "not protected"  # a warning alone never changes the verdict
    finally:
        with psycopg.connect(server.dsn(), autocommit=True) as conn:
            conn.execute("SELECT pg_drop_replication_slot(%s)", (name,))


def test_archiving_off_is_not_protected(db: TestDatabase) -> None:
    report = backup.backup_check(db.dsn)
    assert report.verdict == "not protected"
    assert report.major == db.major
    assert [r.level for r in report.reasons] == ["not protected"]
    assert report.reasons[0].text.startswith("archive_mode is off")
    assert report.to_json()["verdict"] == "not protected"


@needs_server
def test_wal_level_minimal_is_not_protected() -> None:
    assert NEWEST is not None
    server = start_server(
        NEWEST, settings={"wal_level": "minimal", "max_wal_senders": "0", "archive_mode": "off"}
    )
    try:
        report = backup.backup_check(server.dsn())
    finally:
        server.stop()
    assert report.verdict == "not protected"
    assert report.wal_level == "minimal"
    assert any(r.text.startswith("wal_level is minimal") for r in report.reasons)


def test_unprivileged_role_gets_notes_not_guesses(db_latest: TestDatabase) -> None:
    role = f"r_{uuid.uuid4().hex[:8]}"
    db_latest.execute(f"CREATE ROLE {role} LOGIN")
    try:
        report = backup.backup_check(db_latest.server.dsn(db_latest.name, user=role))
    finally:
        db_latest.execute(f"DROP ROLE {role}")
    assert report.ready_segments is None and report.wal_bytes is None
    assert report.disks == ()
    notes = " ".join(report.notes)
    assert "needs pg_monitor" in notes and "free disk: not visible (data_directory needs superuser" in notes
    assert report.verdict == "not protected"  # archive_mode itself is visible to everyone


def test_reasons_are_pure_and_one_sentence_each(db_latest: TestDatabase) -> None:
    base = backup.backup_check(db_latest.dsn)
    streaming = backup.SlotFacts("receiver", "physical", True, "reserved", 0)
    cases = {
        "empty command": replace(base, archive_mode="on", archive_command=""),
        "no-op command": replace(base, archive_mode="on", archive_command="/bin/true"),
        "streamed only": replace(base, slots=(streaming,)),
        "low disk": replace(base, disks=(backup.DiskFacts("pg_wal", "/x", 5, 100),)),
    }
    verdicts = {k: check_module.verdict_of(check_module.judge(r)) for k, r in cases.items()}
    assert verdicts == {
        "empty command": "not protected",
        "no-op command": "not protected",
        "streamed only": "degraded",
        "low disk": "not protected",  # archive_mode off still dominates
    }
    for report in cases.values():
        for reason in check_module.judge(report):
            assert reason.text.endswith(".") and reason.text.count(". ") == 0, reason.text


# -- dumps ----------------------------------------------------------------------------------------------

SCHEMA = """
CREATE TABLE users (id int PRIMARY KEY, email text);
CREATE TABLE orders (id int PRIMARY KEY, user_id int);
CREATE TABLE audit (id int);
CREATE TABLE "Odd*Name.x" (id int);
CREATE TABLE events (id int, k int) PARTITION BY RANGE (k);
CREATE TABLE events_1 PARTITION OF events FOR VALUES FROM (0) TO (100);
INSERT INTO users SELECT g, 'u' || g FROM generate_series(1, 2000) g;
INSERT INTO orders SELECT g, g FROM generate_series(1, 500) g;
"""
MIGRATIONS = {
    "1_email.up.sql": "ALTER TABLE users ADD COLUMN verified bool NOT NULL DEFAULT false;\n"
    'DROP TABLE "Odd*Name.x";\n'
    "ALTER TABLE events ADD COLUMN note text;\n"
    "SELECT count(*) FROM audit;\n"
    "CREATE TABLE fresh (id int);\nINSERT INTO fresh VALUES (1);\n",
    "1_email.down.sql": "ALTER TABLE users DROP COLUMN verified;\n",
}
TOUCHED = {"public.users", "public.Odd*Name.x", "public.events", "public.events_1"}


def logged(db: TestDatabase, run_id: str | None, query: str) -> list[tuple[object, ...]]:
    with db.connect() as conn:
        return conn.execute(query.encode(), (run_id,)).fetchall()


def listed_tables(dump: Path, pg_restore: Path) -> str:
    out = subprocess.run([str(pg_restore), "--list", str(dump)], capture_output=True, text=True, check=True)
    return out.stdout


def test_auto_dump_of_touched_tables_is_verified_and_logged(db: TestDatabase, tmp_path: Path) -> None:
    db.execute(SCHEMA)
    mset = load_migration_set(write_migrations(tmp_path / "m", MIGRATIONS))
    plan = backup.plan_dump(db.dsn, "auto", mset)
    assert {t.qualified for t in plan.tables} == TOUCHED  # not audit (only read), not fresh (created)
    assert plan.migrations == ("1_email",)
    seen: list[backup.DumpProgress] = []
    result = backup.backup_dump(db.dsn, plan, tmp_path / "out", progress=seen.append)
    assert result.pg_dump.major == db.major  # the matching pg_dump, never an older one
    assert result.path.parent == tmp_path / "out" and result.path.stat().st_mode & 0o077 == 0
    assert result.size == result.path.stat().st_size > 0
    assert result.sha256 == sha256_of(result.path)
    assert seen and seen[-1].done and seen[-1].bytes_written == result.size
    assert [p.bytes_written for p in seen] == sorted(p.bytes_written for p in seen)
    toc = listed_tables(result.path, result.pg_dump.sibling("pg_restore").path)
    assert "TABLE DATA public users " in toc and "TABLE DATA public Odd*Name.x " in toc
    assert "TABLE DATA public events_1 " in toc
    assert " orders " not in toc and " audit " not in toc
    rows = logged(
        db,
        result.run_id,
        "SELECT e.data FROM migwiz.events e JOIN migwiz.runs r USING (run_id)"
        " WHERE r.command = 'backup-check' AND e.message LIKE 'dump verified%%' AND r.run_id = %s",
    )
    assert len(rows) == 1
    data = rows[0][0]
    assert isinstance(data, dict)
    assert data["sha256"] == result.sha256 and data["size"] == result.size
    assert data["file"] == str(result.path) and set(data["tables"]) == TOUCHED


def test_whole_database_dump_uses_the_matching_pg_dump(db: TestDatabase, tmp_path: Path) -> None:
    db.execute(SCHEMA)
    plan = backup.plan_dump(db.dsn, "all")
    assert TOUCHED | {"public.orders", "public.audit"} <= {t.qualified for t in plan.tables}
    result = backup.take_dump(db.dsn, plan, tmp_path)
    assert result.pg_dump.major == db.major
    toc = listed_tables(result.path, result.pg_dump.sibling("pg_restore").path)
    assert "TABLE DATA public orders " in toc and "TABLE DATA public audit " in toc


def test_nothing_pending_means_nothing_to_dump(db_latest: TestDatabase, tmp_path: Path) -> None:
    mset = load_migration_set(write_migrations(tmp_path / "m", {"1_t.up.sql": "CREATE TABLE t (id int);\n"}))
    plan = backup.plan_dump(db_latest.dsn, "auto", mset)
    assert plan.empty and plan.tables == ()
    with pytest.raises(UsageError, match="nothing to dump"):
        backup.take_dump(db_latest.dsn, plan, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_verification_rejects_a_dump_missing_a_table_or_truncated(
    db_latest: TestDatabase, tmp_path: Path
) -> None:
    db_latest.execute(SCHEMA)
    plan = backup.plan_dump(db_latest.dsn, "all")
    result = backup.take_dump(db_latest.dsn, plan, tmp_path)
    ghost = replace(plan, tables=(*plan.tables, TableRef("public", "ghost")))
    with pytest.raises(MigwizError, match=r"lacks 1 expected table\(s\): public.ghost"):
        backup.verify_dump(result.path, ghost, result.pg_dump)
    result.path.write_bytes(result.path.read_bytes()[:40])
    with pytest.raises(MigwizError, match="pg_restore --list cannot read"):
        backup.verify_dump(result.path, plan, result.pg_dump)


def test_dump_gives_up_on_a_held_lock_and_leaves_no_file(
    db_latest: TestDatabase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_latest.execute(SCHEMA)
    plan = backup.plan_dump(db_latest.dsn, "all")
    monkeypatch.setattr(dump_module, "LOCK_WAIT", "200ms")
    with db_latest.connect(autocommit=False) as holder:
        holder.execute("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE")
        with pytest.raises(MigwizError) as err:
            backup.take_dump(db_latest.dsn, plan, tmp_path)
        holder.rollback()
    assert err.value.message.startswith("pg_dump gave up after waiting 200ms for a lock")
    assert list(tmp_path.iterdir()) == []


def test_the_password_stays_off_the_command_line_and_out_of_the_log(
    db_latest: TestDatabase, tmp_path: Path
) -> None:
    role, secret = f"r_{uuid.uuid4().hex[:8]}", f"pw-{uuid.uuid4().hex}"
    db_latest.execute(f"CREATE ROLE {role} LOGIN SUPERUSER PASSWORD '{secret}'")
    try:
        dsn = db_latest.server.dsn(db_latest.name, user=role) + f" password={secret}"
        args, env = pgtools.libpq_invocation(dsn)
        assert secret not in " ".join(args) and env["PGPASSWORD"] == secret
        db_latest.execute(SCHEMA)
        result = backup.backup_dump(dsn, backup.plan_dump(dsn, "all"), tmp_path)
        text = logged(
            db_latest,
            result.run_id,
            "SELECT string_agg(message || data::text, ' ') FROM migwiz.events WHERE run_id = %s",
        )
        assert result.sha256 in str(text[0][0]) and secret not in str(text[0][0])
        assert secret not in str(result.to_json())
    finally:
        db_latest.execute(f"DROP OWNED BY {role}")
        db_latest.execute(f"DROP ROLE {role}")


# -- client programs ------------------------------------------------------------------------------------


def test_missing_client_version_names_the_package() -> None:
    with pytest.raises(UsageError) as err:
        pgtools.find_client("pg_dump", 99)
    assert err.value.message == "pg_dump 99 not found: install postgresql-client-99"
    assert err.value.hint is not None and "apt.postgresql.org" in err.value.hint


@pytest.mark.parametrize("binaries", BINARIES, ids=lambda b: f"pg{b.major}")
def test_client_found_for_every_local_version(binaries: Binaries) -> None:
    found = pgtools.find_client("pg_dump", binaries.major)
    assert found.major == binaries.major and found.version.startswith(str(binaries.major))
    assert found.sibling("pg_restore").major == binaries.major


def test_newer_client_only_when_allowed() -> None:
    majors = sorted({p.major for p in pgtools.available("pg_dump")})
    gaps = [m for m in range(majors[0], majors[-1]) if m not in majors] if majors else []
    if not gaps:
        pytest.skip("no missing major version between the installed pg_dump versions")
    with pytest.raises(UsageError):
        pgtools.find_client("pg_dump", gaps[0])
    newer = pgtools.find_client("pg_dump", gaps[0], newer_ok=True)
    assert newer.major == min(m for m in majors if m > gaps[0])


# -- CLI ------------------------------------------------------------------------------------------------


def test_cli_verdict_first_then_dump(db_latest: TestDatabase, tmp_path: Path) -> None:
    db_latest.execute(SCHEMA)
    folder = write_migrations(tmp_path / "m", MIGRATIONS)
    plain = run_cli("backup-check", "--dsn", db_latest.dsn, "--dir", folder)
    assert plain.code == 1, plain.stderr
    assert plain.stdout.splitlines()[0].startswith("Point-in-time recovery: not protected")
    dumped = run_cli(
        "backup-check", "--dsn", db_latest.dsn, "--dir", folder, "--dump", "--out", tmp_path / "o", "--json"
    )
    assert dumped.code == 0, dumped.stderr
    doc = dumped.json()
    assert doc["check"]["verdict"] == "not protected"
    assert set(doc["plan"]["tables"]) == TOUCHED
    assert Path(doc["dump"]["file"]).stat().st_size == doc["dump"]["size"]
    assert doc["dump"]["pg_dump"]["version"].startswith(str(db_latest.major))
