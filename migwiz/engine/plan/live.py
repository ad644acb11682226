"""Read what the live database says about the relations of pending migrations: sizes, rows, lock holders."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg.rows import dict_row

from migwiz.engine import queries
from migwiz.engine.plan.model import Blocker, BlockerKind, RelationSize, RowsSource

PAGE_HEADER = 24
TUPLE_OVERHEAD = 28
"""Tuple header (23, aligned to 24) plus the 4-byte line pointer."""
EXPRESSION_WIDTH = 8.0
"""Key width assumed for an expression column of an index."""


@dataclass(frozen=True)
class LiveRelation:
    """A relation found in the catalog: its oid, size, and column widths (for index key widths)."""

    oid: int
    size: RelationSize
    column_widths: Mapping[str, float]


def estimate_rows(
    reltuples: float, relpages: int, main_bytes: int, block_size: int, row_width: float
) -> tuple[int, RowsSource]:
    """Rows as the planner would guess them: the analysed density scaled to the current size, or
    (never analysed) the pages filled with rows of the columns' width.

    >>> estimate_rows(1000.0, 10, 10 * 8192, 8192, 50.0)
    (1000, 'reltuples')
    >>> estimate_rows(1000.0, 10, 20 * 8192, 8192, 50.0)
    (2000, 'relpages')
    >>> estimate_rows(-1.0, 0, 10 * 8192, 8192, 50.0)
    (1040, 'width')
    >>> estimate_rows(-1.0, 0, 0, 8192, 50.0)
    (0, 'reltuples')
    """
    pages = main_bytes // block_size
    if pages == 0:
        return 0, "reltuples"
    if reltuples >= 0 and relpages > 0:
        rows = round(reltuples / relpages * pages)
        return rows, "reltuples" if pages == relpages else "relpages"
    per_page = (block_size - PAGE_HEADER) // (row_width + TUPLE_OVERHEAD)
    return round(per_page * pages), "width"


def key_width(columns: Iterable[str], widths: Mapping[str, float]) -> float:
    """Bytes of an index key: the average widths of its columns (an expression counts as 8).

    >>> key_width(["id", ""], {"id": 4})
    12.0
    """
    return float(sum(widths.get(c, EXPRESSION_WIDTH) if c else EXPRESSION_WIDTH for c in columns))


def read_relations(conn: psycopg.Connection[Any], names: Iterable[str]) -> dict[str, LiveRelation]:
    """The relations among `names` (schema-qualified, unquoted) that exist, by name."""
    wanted = sorted(set(names))
    if not wanted:
        return {}
    out: dict[str, LiveRelation] = {}
    with conn.cursor(row_factory=dict_row) as cur:
        for r in cur.execute(queries.load("plan_relations").encode(), {"names": wanted}).fetchall():
            widths = {str(k): float(v) for k, v in (r["column_widths"] or {}).items()}
            rows, source = estimate_rows(
                float(r["reltuples"]), int(r["relpages"]), int(r["main_bytes"]), int(r["block_size"]),
                sum(widths.values()),
            )  # fmt: skip
            indexes = tuple(
                (str(i["name"]), int(i["bytes"]), key_width(i["columns"] or (), widths))
                for i in sorted(r["indexes"] or (), key=lambda i: str(i["name"]))
            )
            size = RelationSize(
                relation=r["name"],
                kind=r["kind"],
                total_bytes=int(r["total_bytes"]),
                heap_bytes=int(r["table_bytes"]),
                index_bytes=int(r["index_bytes"]),
                rows=rows,
                rows_source=source,
                indexes=indexes,
                table=r["index_table"],
            )
            out[r["name"]] = LiveRelation(int(r["oid"]), size, widths)
    return out


def blocker_kind(
    state: str | None, backend_type: str | None, gid: str | None, query: str | None
) -> BlockerKind:
    """What sort of lock holder a pg_locks row belongs to.

    >>> blocker_kind("idle in transaction", "client backend", None, "SELECT 1")
    'idle_in_transaction'
    >>> blocker_kind("active", "autovacuum worker", None, "autovacuum: VACUUM t (to prevent wraparound)")
    'wraparound_vacuum'
    >>> blocker_kind(None, None, "tx1", None)
    'prepared'
    """
    if gid is not None:
        return "prepared"
    if backend_type == "autovacuum worker":
        return "wraparound_vacuum" if query and "to prevent wraparound" in query else "autovacuum"
    if state and state.startswith("idle in transaction"):
        return "idle_in_transaction"
    return "session"


def read_lock_holders(conn: psycopg.Connection[Any], oids: Mapping[int, str]) -> list[Blocker]:
    """Every other session's (and prepared transaction's) lock, held or requested, on these relations."""
    if not oids:
        return []
    out: list[Blocker] = []
    with conn.cursor(row_factory=dict_row) as cur:
        for r in cur.execute(queries.load("plan_lock_holders").encode(), {"oids": list(oids)}).fetchall():
            out.append(
                Blocker(
                    kind=blocker_kind(r["state"], r["backend_type"], r["gid"], r["query"]),
                    relation=oids[int(r["oid"])],
                    mode=str(r["mode"]),
                    granted=bool(r["granted"]),
                    pid=r["pid"],
                    state=r["state"],
                    xact_age_s=r["xact_age_s"],
                    state_age_s=r["state_age_s"],
                    application_name=r["application_name"],
                    user=r["usename"],
                    query=r["query"],
                    gid=r["gid"],
                )
            )
    return out


def read_wraparound_vacuums(conn: psycopg.Connection[Any], oids: Mapping[int, str]) -> set[int]:
    """Pids of the anti-wraparound vacuums running on these relations (they do not give way to DDL)."""
    if not oids:
        return set()
    rows = conn.execute(queries.load("plan_vacuums").encode(), {"oids": list(oids)}).fetchall()
    return {int(r[1]) for r in rows if r[5]}
