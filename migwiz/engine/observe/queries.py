"""The monitor's SQL: `monitor_*` files of migwiz/engine/queries, chosen per server version by its loader."""

from __future__ import annotations

from psycopg import sql

from migwiz.engine import queries

# feature -> query name; a feature whose files all start above the server is not available there
_NAMES: dict[str, str] = {
    "clock": "monitor_clock",
    "locks": "monitor_locks",
    "sessions": "monitor_sessions",
    "replication": "monitor_replication",
}
# one fragment per pg_stat_progress_* view, joined into monitor_progress.sql
PROGRESS = (
    "monitor_progress_create_index",
    "monitor_progress_cluster",
    "monitor_progress_vacuum",
    "monitor_progress_analyze",
    "monitor_progress_copy",
)


def files_for(feature: str, version: int) -> tuple[str, ...]:
    """The files a feature uses on this server version (empty: not available there)."""
    names = PROGRESS if feature == "progress" else (_NAMES[feature],)
    return tuple(file for name in names if (file := queries.pick(name, version)))


def query_for(feature: str, version: int) -> sql.SQL | sql.Composed | None:
    """The query of a feature for this server version, or None where the server lacks what it reads."""
    if feature != "progress":
        file = queries.pick(_NAMES[feature], version)
        return None if file is None else queries.load_sql(_NAMES[feature], version)
    names = [name for name in PROGRESS if queries.pick(name, version)]
    if not names:
        return None
    parts = sql.SQL("\nUNION ALL\n").join(sql.SQL(queries.load(n, version).strip()) for n in names)
    return queries.load_sql("monitor_progress").format(parts=parts)
