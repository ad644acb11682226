"""The monitor's SQL: files under migwiz/engine/queries/monitor_*.sql, chosen per server_version_num."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from psycopg import sql

QUERY_DIR = Path(__file__).resolve().parent.parent / "queries"

# feature -> (lowest server_version_num, file), newest band first
BANDS: dict[str, tuple[tuple[int, str], ...]] = {
    "clock": ((0, "monitor_clock.sql"),),
    "locks": ((140000, "monitor_locks.sql"), (110000, "monitor_locks_pre14.sql")),
    "sessions": ((110000, "monitor_sessions.sql"),),
    "replication": ((100000, "monitor_replication.sql"),),
}
# one fragment per pg_stat_progress_* view, joined into monitor_progress.sql
PROGRESS_BANDS: tuple[tuple[tuple[int, str], ...], ...] = (
    ((120000, "monitor_progress_create_index.sql"),),
    ((120000, "monitor_progress_cluster.sql"),),
    ((170000, "monitor_progress_vacuum_17.sql"), (96000, "monitor_progress_vacuum.sql")),
    ((130000, "monitor_progress_analyze.sql"),),
    ((140000, "monitor_progress_copy.sql"),),
)


@cache
def load(name: str) -> str:
    """The text of one query file."""
    return (QUERY_DIR / name).read_text()


def _pick(bands: tuple[tuple[int, str], ...], version: int) -> str | None:
    for lowest, name in bands:
        if version >= lowest:
            return name
    return None


def files_for(feature: str, version: int) -> tuple[str, ...]:
    """The files a feature uses on this server version (empty: not available there)."""
    if feature == "progress":
        return tuple(name for bands in PROGRESS_BANDS if (name := _pick(bands, version)))
    name = _pick(BANDS[feature], version)
    return (name,) if name else ()


def query_for(feature: str, version: int) -> sql.SQL | sql.Composed | None:
    """The query of a feature for this server version, or None where the server lacks what it reads."""
    names = files_for(feature, version)
    if not names:
        return None
    if feature != "progress":
        return sql.SQL(load(names[0]))  # text read from our own files
    parts = sql.SQL("\nUNION ALL\n").join(sql.SQL(load(n).strip()) for n in names)
    return sql.SQL(load("monitor_progress.sql")).format(parts=parts)
