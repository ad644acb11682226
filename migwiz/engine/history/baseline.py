"""A database's baseline: the schema before its first migration, recorded in the migwiz schema.

Migration sets adopted mid-life (and the demo's shop) do not start from an empty database: a shadow database
must first be given the schema the first migration expects. `record_baseline` stores that SQL, in order, in
`<schema>.baseline`; `baseline_files` hands the configured files (flag or migwiz.toml) or, when there are
none, the recorded ones to drift, verify, test-rollback, ci and the wizard, so none of them needs a flag.
"""

from __future__ import annotations

import atexit
import re
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from migwiz.engine.errors import MigrationFileError, UsageError
from migwiz.engine.history.state import DEFAULT_SCHEMA, ensure_state, state_version
from migwiz.engine.servers.readers import reading
from migwiz.engine.sets.reading import read_migration_bytes

BASELINE_STATE_VERSION = 3
"""The state version that added the baseline table."""


@dataclass(frozen=True)
class BaselineFile:
    """One recorded baseline file: its name when recorded and its SQL."""

    name: str
    sql: str


def read_baseline_file(path: Path) -> str:
    """The SQL of baseline file `path`, read as migration files are: a regular file only (a FIFO or a device
    is refused without blocking), at most `MAX_MIGRATION_BYTES`, UTF-8; a `UsageError` naming it otherwise."""
    try:
        data = read_migration_bytes(path)
    except MigrationFileError as exc:
        raise UsageError(f"baseline {exc.message}", exc.hint) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"baseline {path}: not UTF-8 text (byte {exc.start})", "save the baseline file as UTF-8"
        ) from None


def record_baseline(
    conn: psycopg.Connection[Any], files: Sequence[Path], schema: str = DEFAULT_SCHEMA
) -> None:
    """Store the SQL of `files`, in order, as this database's baseline (replacing a recorded one).

    `conn` must be in autocommit mode; the baseline is replaced in one transaction.
    """
    texts = [BaselineFile(path.name, read_baseline_file(path)) for path in files]
    ensure_state(conn, schema)
    table = sql.SQL("{}.baseline").format(sql.Identifier(schema))
    with conn.transaction():
        conn.execute(sql.SQL("DELETE FROM {}").format(table))
        for position, item in enumerate(texts, start=1):
            conn.execute(
                sql.SQL("INSERT INTO {} (position, name, sql) VALUES (%s, %s, %s)").format(table),
                (position, item.name, item.sql),
            )


def read_baseline(conn: psycopg.Connection[Any], schema: str = DEFAULT_SCHEMA) -> list[BaselineFile]:
    """The recorded baseline, in order (empty when none is recorded or the state predates it)."""
    if state_version(conn, schema) < BASELINE_STATE_VERSION:
        return []
    rows = conn.execute(
        sql.SQL("SELECT name, sql FROM {}.baseline ORDER BY position").format(sql.Identifier(schema))
    ).fetchall()
    return [BaselineFile(str(name), str(text)) for name, text in rows]


def baseline_files(
    dsn: str | None, configured: Sequence[Path], schema: str = DEFAULT_SCHEMA
) -> tuple[Path, ...]:
    """The baseline to start shadow databases from: `configured` (flag or migwiz.toml) when given, else the
    one recorded in the database at `dsn` (written to a temporary folder removed at exit), else none."""
    if configured or not dsn:
        return tuple(configured)
    with reading(dsn, purpose="baseline") as conn:
        recorded = read_baseline(conn, schema)
    return materialise(recorded)


def materialise(recorded: Sequence[BaselineFile]) -> tuple[Path, ...]:
    """The recorded files written out under their own names (a position prefix keeps their order)."""
    if not recorded:
        return ()
    folder = Path(tempfile.mkdtemp(prefix="migwiz-baseline-"))
    atexit.register(shutil.rmtree, folder, True)
    paths = []
    for position, item in enumerate(recorded, start=1):
        safe = re.sub(r"[^A-Za-z0-9._-]+", "_", item.name) or "baseline.sql"
        path = folder / f"{position:02d}-{safe}"
        path.write_text(item.sql, encoding="utf-8")
        paths.append(path)
    return tuple(paths)
