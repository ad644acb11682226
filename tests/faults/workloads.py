"""The workloads of the fault matrix: what each migration set does, and what the catalog must show.

Each workload knows its files, how to prepare the database, which statements of migwiz's executor
mark "it is running now", and how to check the catalog against the state `status` reports.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from migwiz.engine.backfill import control_backfill
from tests.conftest import TestDatabase
from tests.helpers.backfill import (
    BACKFILL_SQL,
    ROWS,
    assert_each_row_once,
    checkpoint,
    make_items,
    rows_scanned,
)

TX_ROWS = 50_000
BIG_ROWS = 150_000
DONE_RE = re.compile(r"^(up|down): (\d+)(?: of (\d+))? statements ran(?:; statement (\d+) .* was running)?")


def exists(db: TestDatabase, relation: str) -> bool:
    return db.execute(f"SELECT to_regclass('{relation}') IS NOT NULL") == [(True,)]


def has_column(db: TestDatabase, table: str, column: str) -> bool:
    return db.execute(
        f"SELECT count(*) FROM pg_attribute WHERE attrelid = to_regclass('{table}')"
        f" AND attname = '{column}' AND NOT attisdropped"
    ) == [(1,)]


def count(db: TestDatabase, table: str) -> int:
    return int(str(db.execute(f"SELECT count(*) FROM {table}")[0][0]))


def big_v_indexes(db: TestDatabase) -> list[tuple[str, bool]]:
    """Every index on big(v), valid or not, with its validity (a killed build leaves an INVALID one)."""
    rows = db.execute(
        "SELECT c.relname, i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
        " WHERE i.indrelid = 'big'::regclass AND NOT i.indisprimary ORDER BY 1"
    )
    return [(str(name), bool(valid)) for name, valid in rows]


@dataclass(frozen=True)
class Progress:
    """What `status` says of a migration: its state and, for a failed one, how far its statements got."""

    state: str
    done: int = 0
    running: int | None = None  # zero-based index of the statement cut off, when one was

    @classmethod
    def of(cls, entry: dict[str, Any]) -> Progress:
        detail = entry.get("detail") or ""
        match = DONE_RE.match(detail)
        if entry["state"] != "failed" or not match:
            return cls(entry["state"])
        running = int(match.group(4)) - 1 if match.group(4) else None
        return cls("failed", int(match.group(2)), running)


@dataclass(frozen=True)
class Workload:
    """One migration set under fault: `command` is run with a fault at a seeded point."""

    name: str
    files: dict[str, str]
    version: str  # the migration the fault is aimed at
    markers: tuple[
        str, ...
    ]  # text only its statements hold: seen running in pg_stat_activity, the clock starts
    window_s: float  # the fault lands a seeded delay in [0, window] after that
    command: str = "up"
    prepare: Callable[[TestDatabase], None] = lambda db: None
    statements: tuple[Callable[[TestDatabase], bool] | None, ...] = field(default=())
    consistent: Callable[[TestDatabase, Progress], None] = lambda db, p: None
    finished: Callable[[TestDatabase], None] = lambda db: None
    started: Callable[[TestDatabase], bool] | None = None  # instead of the markers


# -- transactional: all of it or nothing ----------------------------------------------------------------


def _tx_all(db: TestDatabase) -> bool:
    return exists(db, "tx_b") and has_column(db, "tx_a", "c") and exists(db, "tx_a_id")


def _tx_consistent(db: TestDatabase, progress: Progress) -> None:
    if progress.state == "applied":
        assert _tx_all(db) and count(db, "tx_a") == TX_ROWS
    else:
        assert progress.state in ("pending", "failed"), progress
        assert not exists(db, "tx_a") and not exists(db, "tx_b"), "half of a transactional migration"


def _tx_finished(db: TestDatabase) -> None:
    assert _tx_all(db) and count(db, "tx_a") == TX_ROWS


TRANSACTIONAL = Workload(
    name="transactional",
    files={
        "1_base.up.sql": "CREATE TABLE base (id int);\n",
        "1_base.down.sql": "DROP TABLE base;\n",
        "2_tx.up.sql": "CREATE TABLE tx_a (id int);\n"
        f"INSERT INTO tx_a SELECT generate_series(1, {TX_ROWS});\n"
        "SELECT pg_sleep(0.3);\n"
        "CREATE INDEX tx_a_id ON tx_a (id);\n"
        "ALTER TABLE tx_a ADD COLUMN c int;\n"
        "CREATE TABLE tx_b (id int);\n",
        "2_tx.down.sql": "DROP TABLE tx_b;\nDROP TABLE tx_a;\n",
    },
    version="2",
    markers=("tx_a", "tx_b", "pg_sleep"),
    window_s=0.8,
    consistent=_tx_consistent,
    finished=_tx_finished,
)


# -- no transaction, with CREATE INDEX CONCURRENTLY: statement by statement --------------------------------


def _big(db: TestDatabase) -> None:
    db.execute(
        "CREATE TABLE big (id int PRIMARY KEY, v int);"
        f" INSERT INTO big SELECT g, g % 1000 FROM generate_series(1, {BIG_ROWS}) g; ANALYZE big"
    )


def _index_valid(db: TestDatabase) -> bool:
    return ("big_v", True) in big_v_indexes(db)


NT_EFFECTS: tuple[Callable[[TestDatabase], bool] | None, ...] = (
    lambda db: exists(db, "nt_first"),
    _index_valid,
    None,  # SELECT pg_sleep: no effect of its own
    lambda db: exists(db, "nt_last"),
)


def _nt_consistent(db: TestDatabase, progress: Progress) -> None:
    """Statements before the cut have their effect, those after it none; the one cut off either."""
    done = {"applied": len(NT_EFFECTS), "pending": 0}.get(progress.state, progress.done)
    if progress.state == "failed":
        assert progress.running in (None, done), progress
    for index, effect in enumerate(NT_EFFECTS):
        if effect is None or index == progress.running:
            continue
        assert effect(db) == (index < done), f"statement {index + 1} with {progress}"
    # a build cut off leaves at most one index, valid or INVALID, never a second one
    assert len(big_v_indexes(db)) <= 1, big_v_indexes(db)


def _nt_finished(db: TestDatabase) -> None:
    assert big_v_indexes(db) == [("big_v", True)]
    assert exists(db, "nt_first") and exists(db, "nt_last")


NO_TRANSACTION = Workload(
    name="no-transaction",
    files={
        "1_nt.up.sql": "-- migwiz:no-transaction\nCREATE TABLE nt_first (id int);\n"
        "CREATE INDEX CONCURRENTLY big_v ON big (v);\nSELECT pg_sleep(0.3);\n"
        "CREATE TABLE nt_last (id int);\n",
        "1_nt.down.sql": "DROP TABLE nt_last;\nDROP INDEX big_v;\nDROP TABLE nt_first;\n",
    },
    version="1",
    markers=("nt_first", "CONCURRENTLY", "pg_sleep", "nt_last"),
    window_s=0.6,
    prepare=_big,
    statements=NT_EFFECTS,
    consistent=_nt_consistent,
    finished=_nt_finished,
)


# -- a batched backfill: every row exactly once --------------------------------------------------------------


def _backfill_prepare(db: TestDatabase) -> None:
    make_items(db, trigger=False)
    control_backfill(
        db.dsn, "migwiz", "1", batch_size=400, max_rate=20_000, workers=1
    )  # about a second in all


def _backfill_consistent(db: TestDatabase, progress: Progress) -> None:
    """The rows counted once are exactly those up to the committed checkpoint; none counted twice."""
    if progress.state == "applied":
        assert_each_row_once(db)
        return
    cp = checkpoint(db.dsn)
    last = int(cp.last_key[0]) if cp is not None and cp.last_key is not None else 0
    assert db.execute(
        f"SELECT count(*) FILTER (WHERE n = 1 AND id <= {last}),"
        f" count(*) FILTER (WHERE n <> 0 AND id > {last}),"
        " count(*) FILTER (WHERE n > 1), count(*) FILTER (WHERE n = 1 AND w IS DISTINCT FROM v * 2)"
        " FROM items"
    ) == [(last, 0, 0, 0)], f"checkpoint at {last}"


BACKFILL = Workload(
    name="backfill",
    files={
        "1_items_backfill.up.sql": f"-- migwiz:phase=backfill\n-- migwiz:backfill\n{BACKFILL_SQL};\n",
        "1_items_backfill.down.sql": "UPDATE items SET w = NULL, n = 0;\n",
    },
    version="1",
    markers=("items",),
    window_s=0.8,
    prepare=_backfill_prepare,
    started=lambda db: rows_scanned(db.dsn) > 0,  # batches are short: watch the checkpoint move
    consistent=_backfill_consistent,
    finished=lambda db: assert_each_row_once(db, ROWS),
)


# -- a down: the reverse migration, transactional -----------------------------------------------------------


def _down_all(db: TestDatabase) -> bool:
    return exists(db, "d_b") and has_column(db, "d_a", "c")


def _down_consistent(db: TestDatabase, progress: Progress) -> None:
    if progress.state == "applied":  # the down did not happen, not even in part
        assert _down_all(db) and count(db, "d_a") == TX_ROWS
    else:
        assert progress.state in ("pending", "failed"), progress
        assert not exists(db, "d_a") and not exists(db, "d_b"), "half of a transactional down"


DOWN = Workload(
    name="down",
    files={
        "1_d.up.sql": f"CREATE TABLE d_a (id int);\nINSERT INTO d_a SELECT generate_series(1, {TX_ROWS});\n"
        "ALTER TABLE d_a ADD COLUMN c int;\nCREATE TABLE d_b (id int);\n",
        "1_d.down.sql": "DROP TABLE d_b;\nALTER TABLE d_a DROP COLUMN c;\nSELECT pg_sleep(0.4);\n"
        "DROP TABLE d_a;\n",
    },
    version="1",
    markers=("DROP TABLE d_b", "DROP COLUMN c", "pg_sleep", "DROP TABLE d_a"),
    window_s=0.6,
    command="down",
    consistent=_down_consistent,
    finished=lambda db: None,
)

WORKLOADS = (TRANSACTIONAL, NO_TRANSACTION, BACKFILL, DOWN)
