"""sqitch: its registry schema (`sqitch.changes`, `tags`, `events`, `projects`...).

Sqitch names changes instead of numbering them, so each deployed change is matched to the migration
file with the same name (`0003_add_users.up.sql` for the change `add_users`). sqitch keeps the SHA-1 of
the deploy script, so a file that is a verbatim copy is reported as verified.
"""

from __future__ import annotations

import hashlib
from typing import Any

import psycopg

from migwiz.engine.adopt.common import fetch, match_by_key, up_text
from migwiz.engine.adopt.model import ForeignRow, ForeignSource, Resolution
from migwiz.engine.errors import UsageError
from migwiz.engine.sets.model import Migration, MigrationSet

TOOL = "sqitch"
TABLES = ("changes",)


def recognises(table: str, columns: set[str]) -> bool:
    """sqitch's `changes` registry table."""
    return table in TABLES and {"change_id", "change", "project", "script_hash"} <= columns


def read(conn: psycopg.Connection[Any], source: ForeignSource) -> list[ForeignRow]:
    """Every change deployed now, oldest first."""
    return [
        ForeignRow(TOOL, None, change, at, f"{who} <{email}>", kind="change", checksum=sha, project=project)
        for change, _id, sha, at, who, email, project in fetch(conn, "adopt_sqitch", source)
    ]


def _verified(migration: Migration, row: ForeignRow) -> bool | None:
    if row.checksum is None:
        return None
    return hashlib.sha1(up_text(migration).encode("utf-8")).hexdigest() == row.checksum


def resolve(rows: list[ForeignRow], mset: MigrationSet) -> Resolution:
    """Changes matched to files by name; one sqitch project at a time."""
    projects = sorted({r.project or "" for r in rows})
    if len(projects) > 1:
        raise UsageError(
            f"the sqitch registry holds several projects ({', '.join(projects)})",
            "adopt one project per migwiz schema: give each project its own --schema",
        )
    latest = {r.name: r for r in rows}  # a reworked change is deployed under the same name: keep the last
    resolution = match_by_key(
        latest.values(), mset, lambda m: m.name, lambda r: r.name or "", checksum=_verified
    )
    notes = resolution.notes
    if any(a.checksum_matches is False for a in resolution.applied):
        notes += (
            "files that differ from sqitch's deploy scripts (e.g. without BEGIN/COMMIT) are still adopted",
        )
    return Resolution(resolution.applied, resolution.blocked, resolution.unmatched, notes)
