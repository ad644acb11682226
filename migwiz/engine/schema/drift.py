"""Drift: is the live schema what the applied migration files say it should be?

Expected: the migrations applied on the target (per its history) replayed from the files on a shadow
database. Actual: the target. Each difference is missing (in the files only), extra (in the database
only) or changed, and explained in one sentence. Objects matching an ignore pattern are left out.
"""

from __future__ import annotations

import fnmatch
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from migwiz.engine import queries
from migwiz.engine.adopt.model import ForeignSource
from migwiz.engine.adopt.tools import find_sources
from migwiz.engine.errors import MigwizError
from migwiz.engine.history import applied_scripts
from migwiz.engine.history.applied_scripts import AppliedScript, as_applied
from migwiz.engine.history.state import DEFAULT_SCHEMA, HistoryRow, read_history, state_exists
from migwiz.engine.log.drift_events import DriftCounted, DriftFound, DriftReplayed, DriftSnapshotRead
from migwiz.engine.log.eventlog import EventLog
from migwiz.engine.schema import Difference, SchemaModel, diff_schemas
from migwiz.engine.schema.drift_sql import repair_sql
from migwiz.engine.servers.readers import reading
from migwiz.engine.sets.model import Migration, MigrationSet
from migwiz.engine.shadow.chain import ShadowChain
from migwiz.engine.shadow.covered import after_baseline
from migwiz.engine.shadow.databases import apply_baseline, read_model, replay, replay_hint, shadow_database
from migwiz.engine.shadow.snapshots import SnapshotCache, chain_keys, root_key

LABELS = ("in the files", "in the database")


@dataclass(frozen=True)
class DriftReport:
    """What `drift` found: differences (ignored ones left out), notes, and the repair statements."""

    differences: tuple[Difference, ...]
    ignored: tuple[Difference, ...]
    notes: tuple[str, ...]
    applied: tuple[str, ...]
    repair: tuple[str, ...] = ()
    timings_ms: dict[str, float] = field(default_factory=dict)
    rerun: tuple[str, ...] = ()
    """Flyway repeatable migrations changed since they were applied and not re-run yet: the database holds
    their earlier text while the replay used the file, so the schema may differ because of them."""

    @property
    def drifted(self) -> bool:
        """Whether any (not ignored) difference was found."""
        return bool(self.differences)

    def counts(self) -> dict[str, int]:
        """Differences per kind."""
        out = {"missing": 0, "extra": 0, "changed": 0}
        for d in self.differences:
            out[d.kind] += 1
        return out

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "drift": self.drifted,
            "counts": self.counts(),
            "differences": [d.to_json() for d in self.differences],
            "ignored": len(self.ignored),
            "notes": list(self.notes),
            "applied": list(self.applied),
            "rerun_pending": list(self.rerun),
            "sql": list(self.repair),
        }


def is_ignored(d: Difference, patterns: Sequence[str], expected: SchemaModel, actual: SchemaModel) -> bool:
    """Whether the object (or the table it belongs to) matches an ignore pattern like `public.tmp_*`."""
    if not patterns:
        return False
    obj = expected.get(d.object_type, d.name) or actual.get(d.object_type, d.name)
    names = [d.name]
    if obj is not None:
        parent = obj.parent or getattr(obj, "table", None)
        if parent:
            names.append(str(parent))
    unquoted = [n.replace('"', "") for n in names]
    return any(fnmatch.fnmatchcase(n, p) for n in names + unquoted for p in patterns)


def compare(
    expected: SchemaModel, actual: SchemaModel, *, ignore: Sequence[str] = ()
) -> tuple[tuple[Difference, ...], tuple[Difference, ...]]:
    """(differences, ignored differences) between the files' model and the database's."""
    diffs = diff_schemas(expected, actual, labels=LABELS)
    kept = tuple(d for d in diffs if not is_ignored(d, ignore, expected, actual))
    dropped = tuple(d for d in diffs if d not in kept)
    return kept, dropped


def applied_migrations(
    mset: MigrationSet, history: list[HistoryRow], scripts: Mapping[str, AppliedScript] | None = None
) -> tuple[list[Migration], list[str]]:
    """The migrations to replay for the target's history, and notes about what cannot be replayed as-is.

    A Flyway repeatable migration changed since it was applied is replayed with the statements it was
    applied with, when `scripts` (history.applied_scripts) holds them for its history row's checksum."""
    by_version = {
        m.version: m for m in mset.for_history({mset.version(h.version): h.checksum for h in history})
    }
    chosen: list[Migration] = []
    notes: list[str] = []
    for row in sorted(history, key=lambda h: mset.version(h.version)):
        migration = by_version.get(mset.version(row.version))
        if migration is None:
            notes.append(
                f"migration {row.version} ({row.name}) is applied but its file is missing: "
                "what it created shows as extra"
            )
            continue
        if not row.success:
            notes.append(
                f"migration {row.version} is only partly applied ({row.statements_done} statements done): "
                "it is not replayed"
            )
            continue
        kept = (scripts or {}).get(row.version)
        changed = row.checksum != migration.checksum and migration.version.repeatable
        if changed and kept is not None and kept.checksum == row.checksum:
            notes.append(
                f"repeatable {migration.up.path.name} changed since it was applied and has not been"
                " re-run (`migwiz up` runs it again): replayed as it was applied"
            )
            chosen.append(as_applied(migration, kept))
            continue
        if row.checksum != migration.checksum and migration.version.repeatable:
            notes.append(
                f"repeatable {migration.up.path.name} changed since it was applied and has not been re-run"
                " (`migwiz up` runs it again): the edited file is replayed, so what it creates may differ"
                " from the database until then"
            )
        elif row.checksum != migration.checksum:
            notes.append(
                f"migration {row.version} was edited after it was applied: the edited file is replayed"
            )
        chosen.append(migration)
    return chosen, notes


def rerun_pending(
    mset: MigrationSet, history: list[HistoryRow], scripts: Mapping[str, AppliedScript] | None = None
) -> list[Migration]:
    """The Flyway repeatable migrations whose file changed since they were applied (not re-run yet) and
    whose applied statements are not kept (`scripts`): drift replays the edited file for them."""
    rows = {mset.version(h.version): h for h in history if h.success}
    return [
        m
        for m in mset.migrations
        if m.version.repeatable
        and m.version in rows
        and rows[m.version].checksum != m.checksum
        and getattr((scripts or {}).get(rows[m.version].version), "checksum", None)
        != rows[m.version].checksum
    ]


def expected_model(
    dsn: str | None,
    mset: MigrationSet,
    history: list[HistoryRow],
    *,
    shadow_dsn: str | None = None,
    schema: str = DEFAULT_SCHEMA,
    log: EventLog | None = None,
    baseline: Sequence[Path] = (),
    snapshots: bool = True,
    scripts: Mapping[str, AppliedScript] | None = None,
) -> tuple[SchemaModel, list[str], list[Migration]]:
    """Replay the migrations of `history` from the files (after the baseline) on a shadow database.

    On `dsn`'s server the replay goes through the snapshot cache: the state after these files is a
    template copy when an earlier run (drift, verify, ci, test-rollback) left it, else it is saved.
    """
    migrations, notes = applied_migrations(mset, history, scripts)
    migrations, covered = after_baseline(mset, migrations, baseline)
    notes += [covered] if covered else []
    if dsn and not shadow_dsn and snapshots:
        return _cached_model(dsn, mset, migrations, schema, log or EventLog(), baseline), notes, migrations
    with shadow_database(dsn, shadow_dsn=shadow_dsn, purpose="drift", baseline=baseline) as shadow:
        replay(shadow, mset, migrations, log or EventLog(), schema=schema)
        model = read_model(shadow.dsn, schema=schema)
    return model, notes, migrations


def _cached_model(
    dsn: str,
    mset: MigrationSet,
    migrations: list[Migration],
    schema: str,
    log: EventLog,
    baseline: Sequence[Path],
) -> SchemaModel:
    ordered = tuple(sorted(migrations, key=lambda m: m.version))
    subset = MigrationSet(mset.root, mset.layout, ordered)
    cache = SnapshotCache(dsn)
    key = root_key(schema, baseline, layout=mset.layout)
    final = chain_keys(key, ordered)[-1] if ordered else key
    if cache.has(final):  # the state after these files was saved before: read it where it is
        log.write(DriftSnapshotRead())
        return cache.read(final, lambda snap: read_model(snap, schema=schema))
    chain = ShadowChain(
        mset=subset,
        chain=ordered,
        setup=lambda target: apply_baseline(target, baseline),
        root=key,
        log=log,
        schema=schema,
        server_dsn=dsn,
        cache=cache,
        purpose="drift",
    )
    try:
        failure = chain.to(len(ordered))
        if failure is not None:
            raise MigwizError(
                f"replaying migration {failure.migration.version} on the shadow database failed: "
                f"{failure.error}",
                replay_hint(bool(baseline), failure.sqlstate),
            )
        chain.reached(len(ordered), final=True)
        stats = chain.stats
        log.write(DriftReplayed(stats["restored"], stats["replayed"], stats["saved"]))
        return chain.model()
    finally:
        chain.close()


def _adopted_sources(conn: psycopg.Connection[Any], schema: str) -> list[ForeignSource]:
    """The tables `migwiz adopt` imported from (under any name: `adopt --table`), from its central log."""
    if not state_exists(conn, schema):
        return []
    runs = sql.Identifier(schema, "runs")
    found = []
    for tool, qualified in conn.execute(queries.load_sql("drift_adopted_tables").format(runs=runs)):
        table_schema, _, table = str(qualified).partition(".")
        if table:
            found.append(ForeignSource(str(tool), table_schema, table))
    return found


def _foreign_history(
    kept: tuple[Difference, ...],
    dropped: tuple[Difference, ...],
    sources: Sequence[ForeignSource],
    expected: SchemaModel,
    actual: SchemaModel,
    notes: list[str],
) -> tuple[tuple[Difference, ...], tuple[Difference, ...]]:
    """Leave out another tool's history table (golang-migrate's `schema_migrations`, ...) that `migwiz
    adopt` left in place and no migration creates, with a note: it is the old tool's, not the schema's."""
    for source in dict.fromkeys(sources):  # found by name and recorded by adopt: once
        if expected.get("table", source.qualified) is not None:
            continue  # the files (or the baseline) create it: compared like any table
        theirs = tuple(d for d in kept if is_ignored(d, [source.qualified], expected, actual))
        if theirs:
            kept = tuple(d for d in kept if d not in theirs)
            dropped += theirs
            notes.append(
                f"{source.qualified} is {source.tool}'s history table (`migwiz adopt` leaves it in place):"
                " not compared"
            )
    return kept, dropped


def drift(
    dsn: str,
    mset: MigrationSet,
    *,
    shadow_dsn: str | None = None,
    schema: str = DEFAULT_SCHEMA,
    ignore: Sequence[str] = (),
    with_sql: bool = False,
    log: EventLog | None = None,
    baseline: Sequence[Path] = (),
    snapshots: bool = True,
) -> DriftReport:
    """Compare the target at `dsn` with its applied migrations replayed from the files on a shadow db."""
    started = time.perf_counter()
    with reading(dsn, purpose="drift") as conn:
        history = read_history(conn, schema)
        foreign = [*find_sources(conn), *_adopted_sources(conn, schema)]
        scripts = applied_scripts.load(conn, schema)
    expected, notes, migrations = expected_model(
        dsn, mset, history, shadow_dsn=shadow_dsn, schema=schema, log=log, baseline=baseline,
        snapshots=snapshots, scripts=scripts,
    )  # fmt: skip
    replayed = time.perf_counter()
    actual = read_model(dsn, schema=schema)
    read = time.perf_counter()
    kept, dropped = compare(expected, actual, ignore=ignore)
    kept, dropped = _foreign_history(kept, dropped, foreign, expected, actual, notes)
    done = time.perf_counter()
    repair = tuple(repair_sql(kept, expected, actual)) if with_sql else ()
    if log is not None:
        for d in kept:
            log.write(DriftFound(d.kind, d.object_type, d.name, d.sentence))
        log.write(DriftCounted(len(kept), len(dropped)))
    return DriftReport(
        differences=kept,
        ignored=dropped,
        notes=tuple(notes),
        applied=tuple(str(m.version) for m in migrations),
        repair=repair,
        rerun=tuple(str(m.version) for m in rerun_pending(mset, history, scripts)),
        timings_ms={
            "replay": round((replayed - started) * 1000, 1),
            "read_target": round((read - replayed) * 1000, 1),
            "diff": round((done - read) * 1000, 1),
        },
    )
