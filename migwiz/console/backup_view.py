"""Human output of `migwiz backup-check`: the verdict first, its reasons, then the facts; dump results."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console, Group, RenderableType
from rich.progress import (
    FileSizeColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TransferSpeedColumn,
)
from rich.table import Table
from rich.text import Text

from migwiz.engine import humanize
from migwiz.engine.types import BackupReport, DumpPlan, DumpProgress, DumpResult
from migwiz.present import BACKUP_VERDICT_STYLES

LEVEL_MARKS = {"not protected": ("✗", "red"), "degraded": ("!", "yellow"), "warning": ("!", "yellow")}
NOT_VISIBLE = "not visible"


def render_report(report: BackupReport) -> RenderableType:
    """Verdict line, one line per reason, then a two-column table of facts and any visibility notes."""
    head = Text("Point-in-time recovery: ", style="bold")
    head.append(report.verdict, style=BACKUP_VERDICT_STYLES[report.verdict])
    head.append(f"  (PostgreSQL {report.server_version})", style="dim")
    parts: list[RenderableType] = [head]
    for reason in report.reasons:
        mark, style = LEVEL_MARKS[reason.level]
        parts.append(Text.assemble((f"  {mark} ", style), reason.text))
    parts.append(Text(""))
    parts.append(_facts(report))
    for note in report.notes:
        parts.append(Text(f"note: {note}", style="dim"))
    return Group(*parts)


def _facts(r: BackupReport) -> Table:
    t = Table(box=None, show_header=False, pad_edge=False, show_edge=False)
    t.add_column(style="bold", no_wrap=True)
    t.add_column(overflow="fold")
    a = r.archiver
    t.add_row("wal_level", r.wal_level)
    t.add_row("archive_mode", r.archive_mode + (" (standby)" if r.in_recovery else ""))
    if r.archive_library:
        t.add_row("archive_library", r.archive_library)
    else:
        t.add_row(
            "archive_command", NOT_VISIBLE if r.archive_command is None else r.archive_command or "(empty)"
        )
    if a.last_archived_wal:
        age = humanize.ago(a.last_archived_age_s) if a.last_archived_age_s is not None else ""
        t.add_row("last archived", f"{a.last_archived_wal} {age}")
    t.add_row("archived / failed", f"{a.archived_count} / {a.failed_count}")
    if a.last_failed_wal:
        age = humanize.ago(a.last_failed_age_s) if a.last_failed_age_s is not None else ""
        t.add_row("last failure", f"{a.last_failed_wal} {age}" + ("  (still failing)" if a.failing else ""))
    if r.ready_segments is None:
        t.add_row("waiting segments", NOT_VISIBLE)
    else:
        oldest = f", oldest {humanize.duration(r.oldest_ready_age_s)}" if r.oldest_ready_age_s else ""
        t.add_row("waiting segments", f"{r.ready_segments}{oldest}")
    if r.wal_bytes is not None:
        t.add_row("pg_wal", f"{humanize.size(r.wal_bytes)} in {r.wal_segments} files")
    for slot in r.slots:
        state = "active" if slot.active else "inactive"
        kept = humanize.size(slot.retained_bytes) if slot.retained_bytes is not None else "no WAL"
        status = f", {slot.wal_status}" if slot.wal_status else ""
        t.add_row(f"slot {slot.name}", f"{slot.slot_type}, {state}, retains {kept}{status}")
    if not r.slots:
        t.add_row("replication slots", "none")
    for replica in r.replicas:
        t.add_row(f"standby {replica.name}", replica.summary())
    for disk in r.disks:
        t.add_row(
            f"free disk ({disk.what})",
            f"{humanize.size(disk.free_bytes)} of {humanize.size(disk.total_bytes)}"
            f" ({disk.free_fraction:.0%})",
        )
    if not r.disks:
        t.add_row("free disk", NOT_VISIBLE)
    return t


def render_plan(plan: DumpPlan) -> RenderableType:
    """What the dump will contain, before it runs."""
    if plan.mode == "all":
        return Text(f"Dumping the whole database {plan.dbname} ({len(plan.tables)} tables).")
    if plan.empty:
        why = "; ".join(plan.notes) if plan.notes else "they touch no existing table"
        return Text(f"Nothing to dump: {why}.")
    names = ", ".join(t.qualified for t in plan.tables)
    head = f"Dumping {len(plan.tables)} table(s) touched by {len(plan.migrations)} pending migration(s)"
    parts: list[RenderableType] = [Text(f"{head}: {names}")]
    parts.extend(Text(f"warning: {note}", style="yellow") for note in plan.notes)
    return Group(*parts)


def render_dump(result: DumpResult) -> RenderableType:
    """The verified dump: file, size, checksum, and which pg_dump wrote it."""
    tool = result.pg_dump
    used = Text(f"pg_dump {tool.version} ({tool.path})")
    if tool.major != result.server_major:
        major = result.server_major
        used.append(f"  newer than the server ({major}): no pg_dump {major} found", style="yellow")
    t = Table(box=None, show_header=False, pad_edge=False, show_edge=False)
    t.add_column(style="bold", no_wrap=True)
    t.add_column(overflow="fold")
    t.add_row("file", str(result.path))
    t.add_row("size", humanize.size(result.size))
    t.add_row("sha256", result.sha256)
    t.add_row("tables", str(len(result.tables)))
    t.add_row("written by", used)
    t.add_row("took", humanize.duration(result.elapsed_s))
    if result.run_id:
        t.add_row("run", result.run_id)
    head = Text("Dump verified ", style="bold green")
    head.append(
        f"(pg_restore --list: {result.toc_entries} entries, every expected table present)", style="dim"
    )
    return Group(head, t)


@contextmanager
def dump_progress(console: Console, *, quiet: bool = False) -> Iterator[Callable[[DumpProgress], None]]:
    """A transient line showing bytes written, speed and elapsed time while pg_dump runs (none if `quiet`)."""
    if quiet:
        yield lambda event: None
        return
    columns = (
        SpinnerColumn(),
        TextColumn("pg_dump"),
        FileSizeColumn(),
        TransferSpeedColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("pg_dump", total=None)

        def update(event: DumpProgress) -> None:
            bar.update(task, completed=event.bytes_written)

        yield update
