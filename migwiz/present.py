"""One presentation vocabulary for the CLI (console/) and the wizard (tui/): the styles of states,
verdicts, results, levels and the lock tree, and the one way to write a duration.

Plain rich style strings, no Textual: the console renders them with rich, the wizard's widgets too. A
word always carries its meaning without colour; colour only repeats it. Durations go through
`migwiz.engine.humanize.duration` everywhere (engine log messages included): "180 ms", "1.2 s",
"3 min", never "180000 ms". Machine-readable output (JSON, the central log's data) keeps its `*_ms`
numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from migwiz.engine import commands
from migwiz.engine.humanize import duration

if TYPE_CHECKING:
    from migwiz.engine.types import TracedLock

__all__ = [
    "BACKUP_LEVEL_STYLES",
    "BACKUP_VERDICT_STYLES",
    "BLOCKING",
    "CHECK_STYLES",
    "IDLE_IN_TRANSACTION",
    "LEVEL_STYLES",
    "MATRIX_STYLES",
    "OURS",
    "OURS_MARK",
    "RESULT_STYLES",
    "SEVERITY_MARKS",
    "SEVERITY_ROW_STYLES",
    "SEVERITY_STYLES",
    "STATE_STYLES",
    "TARGET_STYLES",
    "VERDICT_STYLES",
    "WAITING",
    "duration",
    "short_mode",
    "strongest_first",
]

STATE_STYLES: dict[str, str] = {
    "applied": "green",
    "pending": "cyan",
    "running": "cyan",
    "stopped": "yellow",
    "failed": "bold red",
    "checksum_mismatch": "bold red",
    "missing_file": "bold red",
}
"""A migration's standing (`status`, Pending, backfill phases)."""
RESULT_STYLES: dict[str, str] = {
    "applied": "green",
    "reverted": "green",
    "passed": "green",
    "failed": "bold red",
    "skipped": "yellow",
    "not run": "yellow",
}
"""What a run did to a migration, and a rollback test's verdict on one."""
TARGET_STYLES: dict[str, str] = {
    "failed": "bold red",
    "running": "cyan",
    "stopped": "yellow",
    "done": "green",
}
"""Where a fleet target stands in a rollout."""
MATRIX_STYLES: dict[str, str] = {
    **TARGET_STYLES,
    "edited": "red",
    "missing": "red",
    "behind": "",
    "in step": "green",
}
"""A group of targets in the fleet's status matrix."""
VERDICT_STYLES: dict[str, str] = {
    "safe": "green",
    "unverified": "magenta",
    "quiet_window": "yellow",
    "dangerous": "bold red",
    "clean": "green",
    "warnings": "yellow",
    "errors": "bold red",
}
"""The planner's verdicts, and lint's own words where there is no plan."""
BACKUP_VERDICT_STYLES: dict[str, str] = {
    "ready": "bold green",
    "degraded": "bold yellow",
    "not protected": "bold red",
}
BACKUP_LEVEL_STYLES: dict[str, str] = {"not protected": "red", "degraded": "yellow", "warning": "yellow"}
CHECK_STYLES: dict[str, str] = {
    "pass": "bold green",
    "warn": "bold yellow",
    "fail": "bold red",
    "skip": "dim",
}
"""A verification check's status (verify, drift, the wizard's Verify)."""
LEVEL_STYLES: dict[str, str] = {"debug": "dim", "info": "", "warning": "yellow", "error": "bold red"}
"""An event's level in the central log."""
SEVERITY_STYLES: dict[str, str] = {"error": "bold red", "warning": "yellow", "info": "cyan"}
"""A lint finding's severity word."""
SEVERITY_MARKS: dict[str, str] = {"error": "✗", "warning": "!", "info": "i"}
SEVERITY_ROW_STYLES: dict[str, str] = {"error": "red", "warning": "yellow", "info": ""}
"""A table row tinted by its worst finding: lighter than the severity word itself."""

# the lock tree
OURS = "bold cyan"
"""Our own sessions."""
OURS_MARK = "» "
WAITING = "yellow"
"""A session waiting for a lock, and how long it has waited."""
BLOCKING = "bold red"
"""A holder with sessions queued behind it."""
IDLE_IN_TRANSACTION = "red"


def strongest_first(locks: Sequence[TracedLock]) -> list[TracedLock]:
    """Locks the strongest mode first (a tie: a table before its index, then by name); locks on what the
    statement itself created (nobody else can wait for those) last."""
    return sorted(
        locks, key=lambda lock: (lock.new_relation, -_rank(lock.mode), lock.kind != "table", lock.relation)
    )


SHORT_MODES = {
    "AccessExclusiveLock": "AccessExcl",
    "ShareUpdateExclusiveLock": "ShareUpdExcl",
    "ShareRowExclusiveLock": "ShareRowExcl",
    "RowExclusiveLock": "RowExcl",
}


def short_mode(mode: str) -> str:
    """A lock mode short enough for an 80-column table (the detail pane has the full name).

    >>> short_mode("ShareUpdateExclusiveLock"), short_mode("ShareLock")
    ('ShareUpdExcl', 'Share')
    """
    return SHORT_MODES.get(mode, mode.removesuffix("Lock"))


def _rank(mode: str) -> int:
    try:
        return commands.lock_rank(mode)
    except ValueError:  # a mode PostgreSQL's table-lock order does not hold: last
        return 0
