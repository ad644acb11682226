"""Reading the locks and data files of a traced session: relations by oid, the locks a backend holds or
waits for, which tables were rewritten and which indexes rebuilt, and naming all of it for people."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import psycopg
from psycopg.rows import TupleRow

from migwiz.engine import queries
from migwiz.engine.analysis.lockmodes import LOCK_MODES

KINDS = {
    "r": "table",
    "p": "partitioned table",
    "i": "index",
    "I": "partitioned index",
    "m": "materialized view",
    "v": "view",
    "S": "sequence",
    "f": "foreign table",
}


@dataclass(frozen=True)
class TracedLock:
    """A lock on a user relation (`schema.name`); `new_relation` when the traced batch created it."""

    relation: str
    mode: str
    new_relation: bool
    kind: str = ""
    """`table`, `index`, `partitioned table`, `materialized view`, `view`, `sequence`, ..."""


@dataclass(frozen=True)
class Relation:
    """A user relation as the catalog has it now (its `filenode` tells a rewrite)."""

    oid: int
    schema: str
    name: str
    kind: str
    filenode: int
    owner: str

    @property
    def qualified(self) -> str:
        """`schema.name`."""
        return f"{self.schema}.{self.name}"


Snapshot = dict[int, Relation]
Held = frozenset[tuple[int, str]]


def trace_query(name: str) -> bytes:
    """The text of `queries/trace_<name>.sql`."""
    return queries.load(f"trace_{name}").encode()


def snapshot(conn: psycopg.Connection[TupleRow]) -> Snapshot:
    """Every user relation, by oid."""
    rows = conn.execute(trace_query("relations")).fetchall()
    return {int(r[0]): Relation(int(r[0]), r[1], r[2], r[3], int(r[4]), r[5]) for r in rows}


def read_locks(conn: psycopg.Connection[TupleRow], pid: int, *, waiting: bool = False) -> Held:
    """(oid, mode) of the table locks backend `pid` holds (and, with `waiting`, waits for)."""
    rows = conn.execute(trace_query("locks"), {"pid": pid}).fetchall()
    return frozenset(
        (int(oid), str(mode)) for oid, mode, granted in rows if (granted or waiting) and mode in LOCK_MODES
    )


def diff_files(before: Snapshot, after: Snapshot) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(rewritten tables, rebuilt indexes): same oid with a new relfilenode; for indexes also an index
    replaced by a new one of the same name (REINDEX CONCURRENTLY swaps in a new index)."""
    tables: list[str] = []
    indexes: list[str] = []
    after_by_name = {rel.qualified: rel for rel in after.values()}
    for oid, old in before.items():
        if old.filenode == 0 or old.kind not in "rmi":
            continue
        new = after.get(oid)
        if new is None and old.kind == "i":
            swapped = after_by_name.get(old.qualified)
            if swapped is not None and swapped.oid not in before and swapped.kind == "i":
                indexes.append(old.qualified)
            continue
        if new is not None and new.filenode != old.filenode:
            (indexes if old.kind == "i" else tables).append(new.qualified)
    return tuple(sorted(tables)), tuple(sorted(indexes))


class Namer:
    """Turns (oid, mode) pairs into TracedLocks, naming relations as they are once the statement has run
    (after `RENAME TO people` the lock is on `public.people`); a dropped relation keeps its last name."""

    def __init__(self, initial: Snapshot) -> None:
        self.initial = initial
        self.known: Snapshot = dict(initial)

    def learn(self, snapshot: Snapshot) -> None:
        """Remember the relations of a newer snapshot."""
        self.known.update(snapshot)

    def locks(self, held: Iterable[tuple[int, str]], *snapshots: Snapshot) -> tuple[TracedLock, ...]:
        """`held` as named locks, sorted by relation and strength."""
        out = set()
        for oid, mode in held:
            rel = next((s[oid] for s in (*snapshots, self.known) if oid in s), None)
            if rel is not None:
                out.add(
                    TracedLock(rel.qualified, mode, oid not in self.initial, KINDS.get(rel.kind, rel.kind))
                )
        return tuple(sorted(out, key=lambda lock: (lock.relation, LOCK_MODES.index(lock.mode))))
