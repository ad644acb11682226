"""sqlx: `_sqlx_migrations(version bigint, description, installed_on, success, checksum bytea, ...)`.

As sqlx's migrator reads it (`sqlx-core/src/migrate/migrator.rs`): each row is an applied version; a row
with `success = false` is a dirty version that stops sqlx (and adoption) until it is settled. The
checksum is the sha384 of the file as sqlx read it.
"""

from __future__ import annotations

import hashlib
from typing import Any

import psycopg

from migwiz.engine.adopt.common import fetch, match_by_key, up_bytes
from migwiz.engine.adopt.model import Blocked, ForeignRow, ForeignSource, Resolution
from migwiz.engine.sets.model import Migration, MigrationSet

TOOL = "sqlx"
TABLES = ("_sqlx_migrations",)


def recognises(table: str, columns: set[str]) -> bool:
    """sqlx's own table name with its columns."""
    return table in TABLES and {"version", "success", "checksum"} <= columns


def read(conn: psycopg.Connection[Any], source: ForeignSource) -> list[ForeignRow]:
    """One row per version sqlx ran (`success` false: it failed part-way)."""
    return [
        ForeignRow(TOOL, str(version), description, at, None, success=bool(ok),
                   kind="applied" if ok else "dirty", checksum=crc,
                   duration_ms=None if ns is None or ns < 0 else ns / 1e6)
        for version, description, at, ok, crc, ns in fetch(conn, "adopt_sqlx", source)
    ]  # fmt: skip


def checksum(data: bytes) -> str:
    """sqlx's checksum of a migration file: sha384, hex."""
    return hashlib.sha384(data).hexdigest()


def _matches(migration: Migration, row: ForeignRow) -> bool | None:
    return None if row.checksum is None else checksum(up_bytes(migration)) == row.checksum


def resolve(rows: list[ForeignRow], mset: MigrationSet) -> Resolution:
    """Rows matched to files by integer version; a dirty row blocks adoption."""
    dirty = [r for r in rows if not r.success]
    if dirty:
        by_version = mset.by_version()
        return Resolution(
            (),
            blocked=tuple(
                Blocked(r, by_version.get(mset.version(r.version or "")),
                        f"sqlx recorded version {r.version} as failed (dirty): settle it with sqlx first")
                for r in dirty
            ),
        )  # fmt: skip
    return match_by_key(
        rows,
        mset,
        lambda m: str(m.version.key),
        lambda r: str(mset.version(r.version or "").key),
        checksum=_matches,
    )
