"""Prisma: `_prisma_migrations`, one row per attempt (`migration_name`, sha256 `checksum`, timestamps).

As `prisma migrate deploy` reads it (schema-engine `apply_migrations.rs`): a row with `rolled_back_at`
set does not count; a row with neither `finished_at` nor `rolled_back_at` is a failed migration that
blocks until `prisma migrate resolve`; any other row marks its migration applied. The checksum is the
sha256 hex of `migration.sql`, whatever its line ends (Prisma also accepts the CRLF and LF variants, and
the old checksums written without zero padding).
"""

from __future__ import annotations

import hashlib
from typing import Any

import psycopg

from migwiz.engine.adopt.common import fetch, up_bytes
from migwiz.engine.adopt.model import Applied, Blocked, ForeignRow, ForeignSource, Resolution
from migwiz.engine.sets.model import Migration, MigrationSet

TOOL = "prisma"
TABLES = ("_prisma_migrations",)


def recognises(table: str, columns: set[str]) -> bool:
    """Prisma's own table name with its columns."""
    return table in TABLES and {"migration_name", "finished_at", "rolled_back_at"} <= columns


def read(conn: psycopg.Connection[Any], source: ForeignSource) -> list[ForeignRow]:
    """Every attempt, oldest first; `kind` is applied, rolled_back or failed."""
    rows = []
    for name, crc, started, finished, rolled_back, _logs in fetch(conn, "adopt_prisma", source):
        kind = "rolled_back" if rolled_back is not None else "applied" if finished is not None else "failed"
        rows.append(
            ForeignRow(TOOL, name, None, finished or started, None, success=kind != "failed", kind=kind,
                       checksum=crc)
        )  # fmt: skip
    return rows


def checksum_matches(data: bytes, recorded: str) -> bool:
    """Whether `recorded` is Prisma's checksum of the script `data` (`script_matches_checksum`).

    >>> checksum_matches(b"a\\r\\nb", hashlib.sha256(b"a\\nb").hexdigest())
    True
    """
    variants = (data, data.replace(b"\r\n", b"\n"), data.replace(b"\n", b"\r\n"))
    for variant in variants:
        digest = hashlib.sha256(variant).digest()
        if recorded in (digest.hex(), "".join(f"{b:x}" for b in digest)):
            return True
    return False


def _matches(migration: Migration, row: ForeignRow) -> bool | None:
    return None if not row.checksum else checksum_matches(up_bytes(migration), row.checksum)


def resolve(rows: list[ForeignRow], mset: MigrationSet) -> Resolution:
    """Migrations with a row that is not rolled back are applied; a failed row blocks adoption."""
    by_name = {str(m.version): m for m in mset.migrations}
    applied: dict[str, Applied] = {}
    blocked: list[Blocked] = []
    unmatched: list[ForeignRow] = []
    notes: list[str] = []
    for row in rows:
        name = row.version or ""
        migration = by_name.get(name)
        if row.kind == "rolled_back":
            notes.append(f"Prisma marked {name} rolled back: it counts as not applied")
        elif row.kind == "failed":
            blocked.append(
                Blocked(
                    row,
                    migration,
                    f"Prisma recorded {name} as failed (settle it with `prisma migrate resolve`)",
                )
            )
        elif migration is None:
            unmatched.append(row)
        else:
            applied[name] = Applied(migration, row, checksum_matches=_matches(migration, row))
    done = sorted(applied.values(), key=lambda a: a.migration.version)
    return Resolution(tuple(done), tuple(blocked), tuple(unmatched), tuple(notes))
