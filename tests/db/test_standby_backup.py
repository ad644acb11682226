"""backup-check on a primary with a real streaming standby: the slot it streams through, its lag, a
standby that goes away, archiving that works or fails beside it, and the check run on the standby."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from migwiz.engine import backup
from migwiz.engine.backup import check as check_module
from migwiz.engine.backup import replicas as replicas_module
from tests.conftest import BINARIES, TestDatabase
from tests.helpers import run_cli, wait_for
from tests.standby import StandbyPair, standby_pair

NEWEST = max(BINARIES, key=lambda b: b.major) if BINARIES else None


@pytest.fixture(scope="module")
def archiving_pair() -> Iterator[tuple[StandbyPair, Path]]:
    """A primary archiving into a folder with `cp`, and its streaming standby."""
    if NEWEST is None:
        pytest.skip("no PostgreSQL binaries on this machine")
    folder = Path(tempfile.mkdtemp(prefix="migwiz-archive-"))
    settings = {"archive_mode": "on", "archive_command": f"'cp %p {folder}/%f'"}
    try:
        with standby_pair(NEWEST, settings) as pair:
            if pair.primary.user is not None:
                shutil.chown(folder, pair.primary.user)
            archive_one(pair)
            yield pair, folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def archive_one(pair: StandbyPair) -> None:
    """Close the current WAL segment and wait until the archiver has stored it."""
    before = pair.on_primary("SELECT archived_count FROM pg_stat_archiver")[0][0]
    pair.on_primary("CREATE TABLE IF NOT EXISTS touch (x int); INSERT INTO touch VALUES (1)")
    pair.on_primary("SELECT pg_switch_wal()")
    wait_for(
        lambda: pair.on_primary("SELECT archived_count FROM pg_stat_archiver")[0][0] > before,
        "the archiver to store the switched segment",
    )


def set_archive_command(pair: StandbyPair, command: str) -> None:
    with psycopg.connect(pair.primary.dsn(), autocommit=True) as conn:
        conn.execute(sql.SQL("ALTER SYSTEM SET archive_command = {}").format(sql.Literal(command)))
        conn.execute("SELECT pg_reload_conf()")
        wait_for(
            lambda: conn.execute("SHOW archive_command").fetchone() == (command,), "the new archive_command"
        )


def warnings(report: backup.BackupReport) -> list[str]:
    return [r.text for r in report.reasons if r.level == "warning"]


def test_a_streaming_standby_is_listed_and_changes_nothing_when_archiving_works(
    archiving_pair: tuple[StandbyPair, Path],
) -> None:
    pair, folder = archiving_pair
    pair.wait_caught_up()
    report = backup.backup_check(pair.primary.dsn())
    assert report.verdict == "ready", report.reasons
    assert report.reasons == ()
    assert report.wal_level == "replica"
    slot = next(s for s in report.slots if s.name == pair.slot)
    assert slot.active and slot.slot_type == "physical" and slot.wal_status == "reserved"
    [replica] = report.replicas
    assert (replica.slot, replica.state, replica.client_addr) == (pair.slot, "streaming", "127.0.0.1")
    assert replica.replay_lag_bytes == 0 and replica.replay_lag_s == 0 and replica.lag_text() == "caught up"
    assert report.to_json()["replicas"][0]["slot"] == pair.slot
    assert report.archiver.last_archived_wal is not None
    assert (folder / report.archiver.last_archived_wal).is_file()
    result = run_cli("backup-check", "--dsn", pair.primary.dsn())
    assert result.code == 0, result.stderr
    line = next(x for x in result.stdout.splitlines() if x.startswith("standby walreceiver"))
    assert line.split(None, 2)[2] == f"caught up, streaming async, slot {pair.slot}, 127.0.0.1"


def test_a_standby_behind_in_replay_is_a_warning(
    archiving_pair: tuple[StandbyPair, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    pair, _ = archiving_pair
    monkeypatch.setattr(replicas_module, "REPLICA_LAG_WARN_BYTES", 1_000_000)
    with pair.replay_paused():
        pair.on_primary(
            "CREATE TABLE IF NOT EXISTS bulk (x int); INSERT INTO bulk SELECT generate_series(1, 100000)"
        )
        wait_for(lambda: pair.replay_bytes_behind() > 1_000_000, "the paused standby to fall 1 MB behind")
        # The primary learns the standby's replay position from its next status message (and the time
        # lag with it), so wait until the primary's own view shows both, as an operator would see it.
        reports: list[check_module.BackupReport] = []

        def lag_seen() -> bool:
            reports.append(backup.backup_check(pair.primary.dsn()))
            [seen] = reports[-1].replicas
            return (seen.replay_lag_bytes or 0) > 1_000_000 and (seen.replay_lag_s or 0) > 0

        wait_for(lag_seen, "the primary to see the standby behind in bytes and time")
        report = reports[-1]
    [replica] = report.replicas
    assert replica.replay_lag_bytes is not None and replica.replay_lag_bytes > 1_000_000
    assert replica.replay_lag_s is not None and replica.replay_lag_s > 0
    assert any(t.startswith("standby walreceiver is ") and "behind in replay" in t for t in warnings(report))
    assert report.verdict == "ready"  # a lagging standby is no worse a backup: a warning only
    pair.wait_caught_up()
    assert not any("behind in replay" in t for t in warnings(backup.backup_check(pair.primary.dsn())))


def test_a_disconnected_standby_leaves_an_inactive_slot_behind(
    archiving_pair: tuple[StandbyPair, Path],
) -> None:
    pair, _ = archiving_pair
    pair.stop_standby()
    try:
        wait_for(lambda: not pair.streaming(), "the primary to see the standby gone")
        wait_for(
            lambda: (
                pair.on_primary("SELECT active FROM pg_replication_slots WHERE slot_name = %s", (pair.slot,))
                == [(False,)]
            ),
            "the slot to turn inactive",
        )
        pair.on_primary("SELECT pg_switch_wal()")
        report = backup.backup_check(pair.primary.dsn())
    finally:
        pair.start_standby_again()
    assert report.replicas == ()
    slot = next(s for s in report.slots if s.name == pair.slot)
    assert not slot.active and slot.retained_bytes is not None and slot.retained_bytes > 0
    assert any(t.startswith(f"inactive slot {pair.slot}: no standby streams") for t in warnings(report))
    assert report.verdict == "ready"


def test_a_failing_archiver_is_degraded_whatever_the_standby(
    archiving_pair: tuple[StandbyPair, Path],
) -> None:
    pair, folder = archiving_pair
    set_archive_command(pair, "false")
    try:
        failed = pair.on_primary("SELECT failed_count FROM pg_stat_archiver")[0][0]
        pair.on_primary("INSERT INTO touch VALUES (2)")
        pair.on_primary("SELECT pg_switch_wal()")
        wait_for(
            lambda: pair.on_primary("SELECT failed_count FROM pg_stat_archiver")[0][0] > failed,
            "pg_stat_archiver to record a failure",
        )
        report = backup.backup_check(pair.primary.dsn())
    finally:
        set_archive_command(pair, f"cp %p {folder}/%f")
    assert report.verdict == "degraded"
    assert report.archiver.failing and report.archiver.failed_count > failed
    wal = str(report.archiver.last_failed_wal)
    assert any(
        "archiving is failing" in r.text and wal in r.text for r in report.reasons if r.level == "degraded"
    )
    assert [r.state for r in report.replicas] == ["streaming"]


def test_backup_check_on_the_standby_points_at_the_primary(
    archiving_pair: tuple[StandbyPair, Path],
) -> None:
    pair, _ = archiving_pair
    report = backup.backup_check(pair.standby.dsn())
    assert report.in_recovery and report.archive_mode == "on"
    assert [r.level for r in report.reasons] == ["degraded"]
    assert "run backup-check against the primary" in report.reasons[0].text
    assert report.replicas == ()  # nothing streams from the standby


def test_archiving_off_and_only_a_standby_is_not_protected(standby_each: StandbyPair) -> None:
    """Every version: the standby is found through its slot and named as a replica, not a backup."""
    standby_each.wait_caught_up()
    report = backup.backup_check(standby_each.primary.dsn())
    assert report.verdict == "not protected"
    [reason] = report.reasons
    assert reason.text.startswith(
        f"archive_mode is off and WAL only reaches standby walreceiver (slot {standby_each.slot})"
    )
    assert report.major == standby_each.major


def test_standby_reasons_are_pure_and_one_sentence_each(db_latest: TestDatabase) -> None:
    """What a standby changes, from facts alone: a replica is no backup, pg_receivewal may be one."""
    base = replace(backup.backup_check(db_latest.dsn), archive_mode="off")
    slot = backup.SlotFacts("s1", "physical", True, "reserved", 0)

    def streamed_to(name: str, state: str = "streaming", behind: int = 0) -> backup.BackupReport:
        replica = backup.ReplicaFacts(name, "10.0.0.2", state, "async", "s1", behind, 0.5 if behind else 0.0)
        return replace(base, slots=(slot,), replicas=(replica,))

    cases = {
        "standby": streamed_to("walreceiver"),
        "pg_receivewal": streamed_to("pg_receivewal"),
        "catching up": streamed_to("walreceiver", "catchup"),
        "far behind": streamed_to("walreceiver", behind=2_000_000_000),
    }
    judged = {k: check_module.judge(r) for k, r in cases.items()}
    assert {k: check_module.verdict_of(v) for k, v in judged.items()} == {
        "standby": "not protected",
        "pg_receivewal": "degraded",
        "catching up": "not protected",
        "far behind": "not protected",
    }
    assert [r.level for r in judged["catching up"]] == ["not protected", "warning"]
    assert (
        judged["catching up"][1].text
        == "standby walreceiver is in state catchup, not streaming, so it is behind."
    )
    assert judged["far behind"][1].text.startswith("standby walreceiver is 2.0 GB, 500 ms behind in replay")
    for reasons in judged.values():
        for reason in reasons:
            assert reason.text.endswith(".") and reason.text.count(". ") == 0, reason.text
