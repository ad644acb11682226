"""Human output of `migwiz adopt`."""

from __future__ import annotations

from migwiz.console import output
from migwiz.engine.types import AdoptReport


def print_adopt(report: AdoptReport) -> None:
    """One row per imported migration, then what is already recorded, pending, and notes."""
    verb = "would adopt" if report.dry_run else "adopted"
    t = output.table("version", "name", "applied (per the tool)", "tool checksum", "note")
    for a in report.adopted:
        at = f"{a.row.applied_at:%Y-%m-%d %H:%M}" if a.row.applied_at else ""
        check = {True: "matches", False: "[yellow]file changed[/]", None: ""}[a.checksum_matches]
        t.add_row(str(a.migration.version), a.migration.name, at, check, a.note or "")
    if report.adopted:
        output.stdout.print(t)
    output.stdout.print(
        f"{verb} {len(report.adopted)} migration(s) from {report.tool} ({report.source}); "
        f"{len(report.already)} already in migwiz's history, {len(report.pending)} pending",
        markup=False,
    )
    for note in report.notes:
        output.stdout.print(f"note: {note}", markup=False, style="dim")
    if report.checksum_mismatches:
        output.stdout.print(
            f"warning: {', '.join(report.checksum_mismatches)} differ from what {report.tool} ran; "
            "migwiz records today's files",
            markup=False,
            style="yellow",
        )
    if report.run_id:
        output.stdout.print(
            f"{report.source} was left untouched; run {report.run_id} in `migwiz log`", markup=False
        )
