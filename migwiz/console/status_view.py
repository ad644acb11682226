"""`migwiz status` as a table, and the set's notices as lines on stderr."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from migwiz.console import output
from migwiz.engine.commands import scrub

if TYPE_CHECKING:
    from migwiz.engine.types import MigrationStatus


def print_notices(notices: Sequence[str]) -> None:
    """Files the set's tool ignores and ordering notices: one line each on stderr."""
    for notice in notices:
        output.stderr.print(f"notice: {scrub(notice)}", markup=False, highlight=False, style="yellow")


def print_status(statuses: Sequence[MigrationStatus], *, root: Path, layout: str, initialised: bool) -> None:
    """Every migration's standing, a table, then the phase summary and one line of totals."""
    from migwiz.console.backfill import print_phases  # where each change stands by phase
    from migwiz.console.tables import table
    from migwiz.engine.commands import phase_summary

    # at 80 columns a detail too narrow beside the other columns goes under the table (`0006  backfill
    # stopped at …`); then `txn` goes (the detail says "without a transaction"), then `phase` (the phase
    # table below has it), then `down` (the detail says "no down script"): a version and a name are never
    # wrapped; a timestamp is one quantity (`2026-12-06 17:58`, never `2026-12-06` / `17:58`)
    columns = ("version", "name", "phase", "txn", "state", "down", "applied", "detail")
    t = table(*columns, droppable=("txn", "phase", "down"), whole=("applied",), below="detail")
    for s in statuses:
        standing = s.standing  # engine/standing.py: the story `backfill status` and the wizard tell too
        style = output.STATE_STYLES.get(standing.state, "")
        applied = f"{s.applied_at:%Y-%m-%d %H:%M}" if s.applied_at else ""
        t.add_row(
            *_shown(str(s.version), s.name),
            (s.migration.up.directives.phase or "") if s.migration else "",  # phase column
            "no" if s.transaction is False else "",
            f"[{style}]{standing.state}[/]",
            "yes" if s.has_down else "[red]no[/]",
            applied,
            "; ".join(
                d
                for d in (
                    standing.text or s.detail,
                    s.transaction_note if s.state != "applied" else None,
                    None if s.has_down else "no down script",
                )
                if d
            ),
        )
    output.stdout.print(t)
    print_phases(phase_summary(list(statuses)))
    pending = sum(1 for s in statuses if s.state == "pending")
    wrong = sum(1 for s in statuses if s.state not in ("applied", "pending"))
    note = "" if initialised else " (migwiz schema not created yet)"
    output.stdout.print(
        f"{len(statuses)} migrations in {root} ({layout}): {pending} pending, {wrong} need attention{note}",
        markup=False,
    )


def _shown(version: str, name: str) -> tuple[str, str]:
    """The version and name columns: a Prisma folder name (`<timestamp>_<name>`, its whole identity) is
    shown as timestamp and name like the other layouts, so that a long name wraps instead of pushing the
    other columns off the screen (`--to <timestamp>` finds the folder).

    >>> _shown("20231102143530_added_relationships", "added_relationships")
    ('20231102143530', 'added_relationships')
    >>> _shown("2019-02-26-002946", "create_user")
    ('2019-02-26-002946', 'create_user')
    >>> _shown("R__Runs_view", "Runs_view")  # a Flyway repeatable's version is its whole identity
    ('R__Runs_view', 'Runs_view')
    """
    if version.startswith("R__"):
        return version, name
    if name and version.endswith(f"_{name}") and len(version) > len(name) + 1:
        return version[: -len(name) - 1], name
    return version, name
