"""Point-in-time-recovery readiness of a server: can it be restored to just before a migration?

Reads settings, pg_stat_archiver, the archive status folder, replication slots and, when the server's data
folder is on this machine, the free disk space. Everything it cannot see is said in a note, never guessed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

import psycopg
from psycopg.rows import dict_row

from migwiz.engine import humanize, queries
from migwiz.engine.backup.replicas import ReplicaFacts, read_replicas, replica_lag_warning
from migwiz.engine.servers.connect import connect

Verdict = Literal["ready", "degraded", "not protected"]
Level = Literal["not protected", "degraded", "warning"]

READY_BACKLOG = 8
"""Segments waiting to be archived from which the archiver counts as falling behind."""
READY_STALE_S = 300.0
"""A segment waiting longer than this means the archiver is stuck or far behind."""
SLOT_RETAINS_WARN = 1_000_000_000
"""An inactive slot keeping more WAL than this (bytes) is a warning: it fills the WAL disk."""
DISK_LOW_FRACTION = 0.10
"""Less free space than this share of the disk holding pg_wal degrades the verdict."""
NO_OP_COMMANDS = frozenset({"true", "/bin/true", "/usr/bin/true", ":", "exit 0", "/bin/true %p"})
"""archive_command values that report success without storing anything."""


@dataclass(frozen=True)
class Reason:
    """One sentence explaining the verdict; `level` is what it does to the verdict."""

    level: Level
    text: str


@dataclass(frozen=True)
class ArchiverFacts:
    """pg_stat_archiver, ages in seconds on the server's clock."""

    archived_count: int
    last_archived_wal: str | None
    last_archived_at: datetime | None
    last_archived_age_s: float | None
    failed_count: int
    last_failed_wal: str | None
    last_failed_at: datetime | None
    last_failed_age_s: float | None
    stats_reset: datetime | None

    @property
    def failing(self) -> bool:
        """The latest attempt failed: a failure newer than the last success (or no success at all)."""
        if self.last_failed_at is None:
            return False
        return self.last_archived_at is None or self.last_failed_at > self.last_archived_at


@dataclass(frozen=True)
class SlotFacts:
    """A replication slot and the WAL it keeps on the server."""

    name: str
    slot_type: str
    active: bool
    wal_status: str | None
    retained_bytes: int | None


@dataclass(frozen=True)
class DiskFacts:
    """Free space of one filesystem the server writes to (`what`: "data" or "pg_wal")."""

    what: str
    path: str
    free_bytes: int
    total_bytes: int

    @property
    def free_fraction(self) -> float:
        """Free share of the filesystem, 0..1."""
        return self.free_bytes / self.total_bytes if self.total_bytes else 0.0


@dataclass(frozen=True)
class BackupReport:
    """`backup-check`: the verdict, its reasons, then the facts they rest on.

    `None` means "not visible to this role" (the matching note in `notes` says why).
    """

    verdict: Verdict
    reasons: tuple[Reason, ...]
    server_version: str
    server_version_num: int
    in_recovery: bool
    wal_level: str
    archive_mode: str
    archive_command: str | None
    archive_library: str | None
    archive_timeout_s: int | None
    archiver: ArchiverFacts
    ready_segments: int | None
    oldest_ready_age_s: float | None
    wal_bytes: int | None
    wal_segments: int | None
    slots: tuple[SlotFacts, ...]
    disks: tuple[DiskFacts, ...]
    notes: tuple[str, ...]
    replicas: tuple[ReplicaFacts, ...] = ()
    """Standbys and WAL receivers streaming from this server."""

    @property
    def major(self) -> int:
        """The server's major version."""
        return self.server_version_num // 10000

    def to_json(self) -> dict[str, Any]:
        """The `--json` document."""
        a = self.archiver
        return {
            "verdict": self.verdict,
            "reasons": [{"level": r.level, "text": r.text} for r in self.reasons],
            "server_version": self.server_version,
            "in_recovery": self.in_recovery,
            "wal_level": self.wal_level,
            "archive_mode": self.archive_mode,
            "archive_command": self.archive_command,
            "archive_library": self.archive_library,
            "archive_timeout_s": self.archive_timeout_s,
            "archiver": {
                "archived_count": a.archived_count,
                "last_archived_wal": a.last_archived_wal,
                "last_archived_at": _iso(a.last_archived_at),
                "last_archived_age_s": a.last_archived_age_s,
                "failed_count": a.failed_count,
                "last_failed_wal": a.last_failed_wal,
                "last_failed_at": _iso(a.last_failed_at),
                "last_failed_age_s": a.last_failed_age_s,
                "failing": a.failing,
                "stats_reset": _iso(a.stats_reset),
            },
            "ready_segments": self.ready_segments,
            "oldest_ready_age_s": self.oldest_ready_age_s,
            "wal_bytes": self.wal_bytes,
            "wal_segments": self.wal_segments,
            "slots": [
                {
                    "name": s.name,
                    "type": s.slot_type,
                    "active": s.active,
                    "wal_status": s.wal_status,
                    "retained_bytes": s.retained_bytes,
                }
                for s in self.slots
            ],
            "replicas": [replica.to_json() for replica in self.replicas],
            "disks": [
                {"what": d.what, "path": d.path, "free_bytes": d.free_bytes, "total_bytes": d.total_bytes}
                for d in self.disks
            ],
            "notes": list(self.notes),
        }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def backup_check(dsn: str) -> BackupReport:
    """Read the server's archiving state and judge it: ready, degraded or not protected (read-only)."""
    with connect(dsn, autocommit=True, purpose="backup-check") as conn:
        conn.execute("SET statement_timeout = '5s'")
        return read_report(conn)


def read_report(conn: psycopg.Connection[Any]) -> BackupReport:
    """`backup_check` on an open autocommit connection."""
    notes: list[str] = []
    settings = {str(r[0]): str(r[1]) for r in conn.execute(queries.load_sql("backup_settings")).fetchall()}
    with conn.cursor(row_factory=dict_row) as cur:
        row = cur.execute(queries.load_sql("backup_archiver")).fetchone()
    assert row is not None  # pg_stat_archiver always has one row
    archiver = ArchiverFacts(
        archived_count=int(row["archived_count"]),
        last_archived_wal=row["last_archived_wal"],
        last_archived_at=row["last_archived_time"],
        last_archived_age_s=row["last_archived_age_s"],
        failed_count=int(row["failed_count"]),
        last_failed_wal=row["last_failed_wal"],
        last_failed_at=row["last_failed_time"],
        last_failed_age_s=row["last_failed_age_s"],
        stats_reset=row["stats_reset"],
    )
    version_num = int(row["server_version_num"])
    if "archive_command" not in settings:
        notes.append("archive_command is hidden from this role (needs superuser or pg_read_all_settings)")
    ready, oldest = _ready_segments(conn, version_num, notes)
    wal_segments, wal_bytes = _wal_dir(conn, notes)
    slots = _slots(conn, version_num)
    disks = _disks(settings, int(row["postmaster_start_epoch"]), notes)
    timeout = settings.get("archive_timeout")
    report = BackupReport(
        verdict="ready",
        reasons=(),
        server_version=str(row["server_version"]),
        server_version_num=version_num,
        in_recovery=bool(row["in_recovery"]),
        wal_level=settings.get("wal_level", "unknown"),
        archive_mode=settings.get("archive_mode", "unknown"),
        archive_command=settings.get("archive_command"),
        archive_library=settings.get("archive_library") if version_num >= 150000 else None,
        archive_timeout_s=int(timeout) if timeout is not None else None,
        archiver=archiver,
        ready_segments=ready,
        oldest_ready_age_s=oldest,
        wal_bytes=wal_bytes,
        wal_segments=wal_segments,
        slots=slots,
        disks=disks,
        notes=tuple(notes),
        replicas=read_replicas(conn),
    )
    reasons = judge(report)
    return _with_verdict(report, reasons)


def _with_verdict(report: BackupReport, reasons: tuple[Reason, ...]) -> BackupReport:
    return replace(report, verdict=verdict_of(reasons), reasons=reasons)


def verdict_of(reasons: tuple[Reason, ...]) -> Verdict:
    """The worst level among the reasons (warnings do not change a verdict)."""
    levels = {r.level for r in reasons}
    if "not protected" in levels:
        return "not protected"
    if "degraded" in levels:
        return "degraded"
    return "ready"


def judge(r: BackupReport) -> tuple[Reason, ...]:
    """The reasons behind the verdict, one sentence each. Pure: facts in, reasons out."""
    out: list[Reason] = []
    streaming = [s for s in r.slots if s.slot_type == "physical" and s.active]
    if r.wal_level == "minimal":
        out.append(
            Reason(
                "not protected",
                "wal_level is minimal, so WAL cannot be archived or replayed for point-in-time recovery.",
            )
        )
    replicas = {replica.slot: replica for replica in r.replicas if replica.slot is not None}
    standbys = [replicas[s.name] for s in streaming if s.name in replicas and not replicas[s.name].stores_wal]
    if r.archive_mode == "off":
        if streaming and r.wal_level != "minimal" and len(standbys) == len(streaming):
            names = ", ".join(f"{s.name} (slot {s.slot})" for s in standbys)
            out.append(
                Reason(
                    "not protected",
                    f"archive_mode is off and WAL only reaches standby {names}, which replays every "
                    "change at once (a dropped table too), so nothing can restore to before a migration.",
                )
            )
        elif streaming and r.wal_level != "minimal":
            names = ", ".join(s.name for s in streaming)
            out.append(
                Reason(
                    "degraded",
                    f"archive_mode is off; WAL is only streamed through slot {names}, which "
                    "migwiz cannot verify is a backup (pg_receivewal) rather than a replica.",
                )
            )
        else:
            out.append(
                Reason(
                    "not protected",
                    "archive_mode is off, so no WAL is archived and the database "
                    "cannot be restored to the moment before a migration.",
                )
            )
    elif r.in_recovery and r.archive_mode == "on":
        out.append(
            Reason(
                "degraded",
                "this server is a standby and archive_mode is on (not always): "
                "only the primary archives, so run backup-check against the primary.",
            )
        )
    elif r.archive_mode in ("on", "always"):
        out.extend(_archiver_reasons(r))
    for slot in r.slots:
        if slot.active:
            continue
        if slot.wal_status == "lost":
            out.append(
                Reason(
                    "warning",
                    f"inactive slot {slot.name} has lost WAL it needed; whatever uses it must be rebuilt.",
                )
            )
        elif slot.retained_bytes is not None and slot.retained_bytes >= SLOT_RETAINS_WARN:
            out.append(
                Reason(
                    "warning",
                    f"inactive slot {slot.name} retains "
                    f"{humanize.size(slot.retained_bytes)} of WAL, which keeps growing "
                    "until it is used or dropped.",
                )
            )
        elif slot.slot_type == "physical" and slot.retained_bytes is not None:
            out.append(
                Reason(
                    "warning",
                    f"inactive slot {slot.name}: no standby streams through it (down or disconnected), "
                    f"and the {humanize.size(slot.retained_bytes)} of WAL it keeps grows until it returns.",
                )
            )
    for replica in r.replicas:
        warning = replica_lag_warning(replica)
        if warning is not None:
            out.append(Reason("warning", warning))
    wal_disk = next((d for d in r.disks if d.what == "pg_wal"), None)
    if wal_disk is not None and wal_disk.free_fraction < DISK_LOW_FRACTION:
        out.append(
            Reason(
                "degraded",
                f"only {humanize.size(wal_disk.free_bytes)} "
                f"({wal_disk.free_fraction:.0%}) is free on the disk holding pg_wal; "
                "a full WAL disk stops the server.",
            )
        )
    return tuple(out)


def _archiver_reasons(r: BackupReport) -> list[Reason]:
    out: list[Reason] = []
    a = r.archiver
    library = r.archive_library or ""
    command = (r.archive_command or "").strip()
    if library:
        pass  # a library archives: nothing to judge from its name
    elif r.archive_command is not None and not command:
        out.append(
            Reason(
                "not protected",
                "archive_mode is on but archive_command is empty, so WAL "
                "piles up in pg_wal and nothing is archived.",
            )
        )
        return out
    elif command in NO_OP_COMMANDS:
        out.append(
            Reason("not protected", f"archive_command '{command}' reports success without storing any WAL.")
        )
        return out
    if a.failing:
        since = f" {humanize.ago(a.last_failed_age_s)}" if a.last_failed_age_s is not None else ""
        out.append(
            Reason(
                "degraded",
                f"archiving is failing: the last attempt{since} failed for segment "
                f"{a.last_failed_wal} ({a.failed_count} failures recorded).",
            )
        )
    elif a.archived_count == 0:
        out.append(
            Reason(
                "degraded",
                "no WAL segment has been archived yet, so archiving is unproven "
                "(SELECT pg_switch_wal() forces one).",
            )
        )
    if r.ready_segments is not None:
        stale = r.oldest_ready_age_s is not None and r.oldest_ready_age_s >= READY_STALE_S
        if r.ready_segments >= READY_BACKLOG or (stale and not a.failing):
            oldest = humanize.duration(r.oldest_ready_age_s or 0)
            out.append(
                Reason(
                    "degraded",
                    f"{r.ready_segments} WAL segments are waiting to be archived, the oldest for {oldest}.",
                )
            )
    return out


def _ready_segments(
    conn: psycopg.Connection[Any], version_num: int, notes: list[str]
) -> tuple[int | None, float | None]:
    if version_num < 120000:
        notes.append("segments waiting to be archived: not visible before PostgreSQL 12")
        return None, None
    try:
        row = conn.execute(queries.load_sql("backup_ready")).fetchone()
    except psycopg.errors.InsufficientPrivilege:
        notes.append("segments waiting to be archived: not visible to this role (needs pg_monitor)")
        return None, None
    assert row is not None
    return int(row[0]), row[1]


def _wal_dir(conn: psycopg.Connection[Any], notes: list[str]) -> tuple[int | None, int | None]:
    try:
        row = conn.execute(queries.load_sql("backup_waldir")).fetchone()
    except psycopg.errors.InsufficientPrivilege:
        notes.append("size of pg_wal: not visible to this role (needs pg_monitor)")
        return None, None
    assert row is not None
    return int(row[0]), int(row[1])


def _slots(conn: psycopg.Connection[Any], version_num: int) -> tuple[SlotFacts, ...]:
    rows = conn.execute(queries.load_sql("backup_slots", version_num)).fetchall()
    return tuple(
        SlotFacts(str(r[0]), str(r[1]), bool(r[2]), r[3], int(r[4]) if r[4] is not None else None)
        for r in rows
    )


def _disks(settings: dict[str, str], start_epoch: int, notes: list[str]) -> tuple[DiskFacts, ...]:
    """Free space, only when the server's data folder is provably on this machine (postmaster.pid matches)."""
    data_dir = settings.get("data_directory")
    if not data_dir:
        notes.append("free disk: not visible (data_directory needs superuser or pg_read_all_settings)")
        return ()
    folder = Path(data_dir)
    try:
        lines = (folder / "postmaster.pid").read_text().splitlines()
    except OSError:
        notes.append("free disk: not visible (the server's data folder is not readable on this machine)")
        return ()
    if not _same_server(lines, start_epoch, settings.get("port", "")):
        notes.append("free disk: not visible (a data folder with that path here belongs to another server)")
        return ()
    out = []
    for what, path in (("data", folder), ("pg_wal", folder / "pg_wal")):
        try:
            st = os.statvfs(path)
        except OSError:
            notes.append(f"free disk of {what}: not visible ({path} cannot be read)")
            continue
        out.append(DiskFacts(what, str(path.resolve()), st.f_bavail * st.f_frsize, st.f_blocks * st.f_frsize))
    return tuple(out)


def _same_server(pid_lines: list[str], start_epoch: int, port: str) -> bool:
    """postmaster.pid (pid, data folder, start time, port, ...) names the server we are connected to.

    >>> _same_server(["7", "/d", "1700000000", "5432"], 1700000001, "5432")
    True
    >>> _same_server(["7", "/d", "1700000000", "5433"], 1700000000, "5432")
    False
    """
    if len(pid_lines) < 4 or not pid_lines[2].strip().isdigit():
        return False
    return abs(int(pid_lines[2]) - start_epoch) <= 1 and pid_lines[3].strip() == port
