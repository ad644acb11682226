"""The backup check's SQL: files under migwiz/engine/queries/backup_*.sql."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from psycopg import sql

QUERY_DIR = Path(__file__).resolve().parent.parent / "queries"


@cache
def load(name: str) -> sql.SQL:
    """One query file, as SQL text (our own files, never user input)."""
    return sql.SQL((QUERY_DIR / name).read_text())
