"""A working shadow database that can be brought to the state after any prefix of a migration chain.

States come from the snapshot cache when there is one (`CREATE DATABASE … TEMPLATE`, see
`migwiz.engine.shadow.snapshots`): the nearest cached state, then the remaining files replayed, with a
snapshot saved every `INTERVAL` migrations and at the end of a replay. Without a cache (an operator's
`--shadow-dsn` database, or snapshots switched off) a state is rebuilt by emptying the database and
replaying every file from the start — the slow path the cache exists to avoid.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import psycopg

from migwiz.engine.errors import MigwizError, UsageError
from migwiz.engine.log.eventlog import EventLog
from migwiz.engine.run.runner import Runner, RunReport
from migwiz.engine.run.session_state import restore_state, save_state
from migwiz.engine.schema import SchemaModel, read_schema
from migwiz.engine.servers.connect import connect, describe, with_dbname
from migwiz.engine.sets.model import Migration, MigrationSet
from migwiz.engine.shadow.databases import Shadow, empty_database, shadow_prefix, shadow_runner
from migwiz.engine.shadow.scratch import create_database, drop_database
from migwiz.engine.shadow.snapshots import INTERVAL, SnapshotCache, chain_keys

Setup = Callable[[str], None]
"""Turns an empty database (its DSN) into the state before the first migration (baseline, copied schema)."""


def failure_text(report: RunReport) -> str | None:
    """The first failure of a run, described; None when it succeeded."""
    for outcome in report.outcomes:
        if outcome.failure is not None:
            return outcome.failure.describe()
    return None


@dataclass
class ChainFailure:
    """A migration of the chain that did not apply on a clean state."""

    migration: Migration
    error: str
    sqlstate: str | None = None


@dataclass
class ShadowChain:
    """The working database and its position in `chain` (None: unknown, rebuild before use)."""

    mset: MigrationSet
    chain: Sequence[Migration]
    setup: Setup
    root: str
    log: EventLog
    schema: str
    server_dsn: str | None = None
    """A server where working databases may be created (None: `operator` is the only database)."""
    operator: Shadow | None = None
    operator_initial: SchemaModel | None = None
    cache: SnapshotCache | None = None
    purpose: str = "test-rollback"
    position: int | None = None
    dirty_data: bool = False
    """Rows were seeded into the working database: its state is not saved as a snapshot."""
    saves_at: frozenset[int] | None = None
    """Where a state reached is saved as a snapshot (and at the chain's end); None: every `INTERVAL`."""
    stats: dict[str, int] = field(default_factory=lambda: {"restored": 0, "saved": 0, "replayed": 0})
    _work: str | None = None
    _runner: Runner | None = None
    _models: dict[int, SchemaModel] = field(default_factory=dict)
    _reader: psycopg.Connection[Any] | None = None

    def __post_init__(self) -> None:
        self.keys = [self.root, *chain_keys(self.root, self.chain)]
        self._cached: set[str] | None = None

    def _snapshot_names(self) -> set[str]:
        assert self.cache is not None
        if self._cached is None:
            self._cached = self.cache.names()
        return self._cached

    # -- the working database ------------------------------------------------------------------------

    @property
    def dsn(self) -> str:
        """DSN of the working database (made on first use)."""
        if self.operator is not None:
            return self.operator.dsn
        if self._work is None:
            raise RuntimeError("no working database yet")
        assert self.server_dsn is not None
        return with_dbname(self.server_dsn, self._work)

    @property
    def label(self) -> str:
        """A secret-free name of the working database."""
        if self.operator is not None:
            return self.operator.label
        assert self.server_dsn is not None
        return describe(with_dbname(self.server_dsn, f"{shadow_prefix(self.purpose)}_*"))

    @property
    def runner(self) -> Runner:
        """A Runner on the working database."""
        if self._runner is None:
            self._runner = shadow_runner(
                Shadow(self.dsn, self.label, True),
                self.mset,
                EventLog(run_id=self.log.run_id),
                schema=self.schema,
                private=self.operator is None,
            )
            if self.mset.layout != "flyway":  # one session for a whole `up`: go on in the one saved here
                restore_state(self._runner.connection(), self.schema)
        return self._runner

    def transactional(self, migration: Migration) -> bool:
        """Whether the up and the down of `migration` each run in one transaction (no backfill, nothing
        that must run outside a transaction block), or the down is refused before it runs: then both can
        be tried inside `trial`."""
        if migration.down is None or migration.up.directives.backfill or migration.down.directives.backfill:
            return False
        try:
            up = self.runner.effective(migration, "up")
        except MigwizError:  # refused (transaction control...): the runner says so when it is run
            return False
        try:
            down = self.runner.effective(migration, "down")
        except MigwizError:  # the down is refused before anything of it runs: tried, it changes nothing
            return up.directives.transaction
        return up.directives.transaction and down.directives.transaction

    @contextmanager
    def trial(self) -> Iterator[Callable[[], SchemaModel]]:
        """A transaction on the runner's connection that is always rolled back, and a reader of the schema
        as it sees it. The runner's own transactions nest in it as savepoints, so a down and an up tried
        inside leave the working database exactly where it was, whatever they did or failed to do."""
        conn = self.runner.connection()
        with conn.transaction(force_rollback=True):
            yield lambda: read_schema(conn, exclude_schemas=(self.schema,))

    def read(self) -> SchemaModel:
        """Read the working database's schema model now (one connection kept for every read)."""
        if self._reader is None or self._reader.closed:
            self._reader = connect(self.dsn, autocommit=True, purpose="schema reader")
        return read_schema(self._reader, exclude_schemas=(self.schema,))

    def release(self) -> None:
        """Close every connection to the working database (a template copy needs none)."""
        if self._reader is not None:
            self._reader.close()
            self._reader = None
        if self._runner is not None:
            self._runner.close()
            self._runner = None

    def close(self) -> None:
        """Close connections and drop the working database migwiz made."""
        self.release()
        if self._work is not None and self.server_dsn is not None:
            drop_database(self.server_dsn, self._work)
            self._work = None

    def _fresh(self, upto: int) -> int:
        """A new working database at the nearest state at or before `upto` that needs no replay; its index."""
        self.release()
        self._models.clear()
        self.dirty_data = False
        if self.operator is not None:
            assert self.operator_initial is not None
            empty_database(self.operator.dsn, self.operator_initial)
            self.setup(self.operator.dsn)
            return 0
        assert self.server_dsn is not None
        if self._work is not None:
            drop_database(self.server_dsn, self._work)
        self._work = f"{shadow_prefix(self.purpose)}_{uuid.uuid4().hex[:12]}"
        if self.cache is not None:
            have = self._snapshot_names()
            for i in range(upto, -1, -1):
                if self.cache.name(self.keys[i]) in have:
                    self.cache.restore(self.keys[i], self._work)
                    self.stats["restored"] += 1
                    return i
        create_database(self.server_dsn, self._work)
        self.setup(self.dsn)
        if self.cache is not None:
            self._save(0)
        return 0

    def _save(self, index: int) -> None:
        assert self.cache is not None and self._work is not None
        if self._runner is not None and self.position == index:  # the session the files left, kept with it
            save_state(self._runner.connection(), self.schema)
        self.release()
        self.cache.save(self._work, self.keys[index])
        self._snapshot_names().add(self.cache.name(self.keys[index]))
        self.stats["saved"] += 1

    # -- positions ---------------------------------------------------------------------------------

    def to(self, index: int) -> ChainFailure | None:
        """Bring the working database to the state after `chain[:index]`; what failed to apply, if any."""
        if self.position is None or self.position > index:
            self.position = self._fresh(index)
        while self.position < index:
            m = self.chain[self.position]
            try:
                report = self.runner.up(m.version)
            except UsageError as exc:  # refused before it ran (transaction control, migwiz's own schema...)
                self.position = None
                return ChainFailure(m, f"refused: {exc.message}")
            error = failure_text(report)
            self.stats["replayed"] += 1
            if error:
                self.position = None
                failed = next(o.failure for o in report.outcomes if o.failure is not None)
                return ChainFailure(m, error, failed.sqlstate)
            self.reached(self.position + 1)
        return None

    def reached(self, index: int, *, final: bool = False) -> None:
        """The working database is now exactly the state after `chain[:index]` (maybe save a snapshot)."""
        self.position = index
        if self.cache is None or self.dirty_data or self.operator is not None or self._work is None:
            return
        due = index in self.saves_at if self.saves_at is not None else index % INTERVAL == 0
        due = due or index == len(self.chain) or final
        if due and self.cache.name(self.keys[index]) not in self._snapshot_names():
            self._save(index)

    def lost(self) -> None:
        """The working database left the chain (a down, a failure): rebuild before next use."""
        self.position = None
        self._models.clear()

    def model(self) -> SchemaModel:
        """The schema model of the working database (cached per position while it stays there)."""
        if self.position is not None and self.position in self._models:
            return self._models[self.position]
        model = self.read()
        if self.position is not None:
            self._models = {self.position: model}
        return model

    def remember(self, model: SchemaModel) -> None:
        """`model` is what the working database holds at its current position."""
        if self.position is not None:
            self._models = {self.position: model}
