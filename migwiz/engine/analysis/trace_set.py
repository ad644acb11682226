"""`trace` of one migration of a set, run against the schema it would meet: its predecessors first.

Which schema that is depends on the target:

- the migration (for a down script: every migration after it) is not applied on the target: a scratch
  copy of the target's schema, with the predecessors the target has not applied yet replayed on it first
  (what `up` would do before reaching this migration);
- the target is already past it: a shadow database built like `test-rollback`'s and `drift`'s, the
  baseline then every predecessor in the set's order, taken from the snapshot cache when a previous run
  left that state (`migwiz.engine.shadow.chain`).

Predecessors run through the same Runner as `up` (directives, transactions, no-transaction mode); only the
traced script is measured (`migwiz.engine.analysis.trace`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import psycopg

from migwiz.engine.analysis.trace import TraceResult, trace_statements
from migwiz.engine.errors import MigwizError, UsageError
from migwiz.engine.history.state import DEFAULT_SCHEMA, read_history
from migwiz.engine.history.status import compute_status
from migwiz.engine.log.eventlog import EventLog
from migwiz.engine.servers.connect import connect, describe
from migwiz.engine.sets.model import Migration, MigrationSet, Script
from migwiz.engine.shadow.chain import ShadowChain
from migwiz.engine.shadow.databases import Shadow, apply_baseline, replay, replay_hint
from migwiz.engine.shadow.scratch import copy_schema, scratch_database
from migwiz.engine.shadow.snapshots import SnapshotCache, root_key

_PAST = frozenset({"applied", "checksum_mismatch", "failed"})
"""States of a later migration that put the target past the traced point (a failed one ran part-way)."""


@dataclass(frozen=True)
class TraceContext:
    """Where the traced script ran: `target` (a scratch copy of it) or `baseline` (a shadow built from the
    baseline), and the predecessors replayed there first, in order."""

    source: str
    replayed: tuple[Migration, ...]

    def describe(self) -> str:
        """`a scratch copy`, `a scratch copy + 3 predecessors`, `a shadow (baseline + 12 predecessors)`."""
        n = len(self.replayed)
        count = f"{n} predecessor{'' if n == 1 else 's'}"
        if self.source == "target":
            return f"a scratch copy + {count}" if n else "a scratch copy"
        return f"a shadow (baseline + {count})"


def needed(mset: MigrationSet, index: int, *, down: bool) -> tuple[Sequence[Migration], Sequence[Migration]]:
    """(what must be applied before the script runs, what must not be): the up of migration `index` meets
    its predecessors; its down meets them and its own up."""
    cut = index + 1 if down else index
    return mset.migrations[:cut], mset.migrations[cut:]


def pending_predecessors(
    dsn: str, mset: MigrationSet, index: int, *, down: bool, schema: str = DEFAULT_SCHEMA
) -> tuple[Migration, ...] | None:
    """The predecessors the target at `dsn` has not applied, in order; None when the target is past the
    traced point (a later migration is applied there)."""
    with connect(dsn, autocommit=True, purpose="trace reader") as conn:
        history = read_history(conn, schema)
    states = {s.version: s.state for s in compute_status(mset, history)}
    before, after = needed(mset, index, down=down)
    if any(states.get(m.version) in _PAST for m in after):
        return None
    return tuple(m for m in before if states.get(m.version) not in ("applied", "checksum_mismatch"))


def trace_in_set(
    dsn: str,
    mset: MigrationSet,
    index: int,
    script: Script,
    *,
    down: bool = False,
    in_transaction: bool = True,
    schema: str = DEFAULT_SCHEMA,
    baseline: Sequence[Path] = (),
    snapshots: bool = True,
    timeout_s: float = 60.0,
) -> tuple[TraceResult, TraceContext]:
    """Trace `script` (the up, or with `down` the down, of `mset.migrations[index]`) on a database of
    `dsn`'s server at the state it would meet: see the module docstring. Nothing runs on the target."""
    log = EventLog()
    missing = pending_predecessors(dsn, mset, index, down=down, schema=schema)
    if missing is not None:
        with scratch_database(dsn, prefix="migwiz_trace") as scratch:
            copy_schema(dsn, scratch)
            with connect(scratch, autocommit=True, purpose="trace") as conn:  # the Runner makes its own
                conn.execute(
                    psycopg.sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(psycopg.sql.Identifier(schema))
                )
            if missing:
                replay(
                    Shadow(scratch, describe(scratch), created=True), mset, list(missing), log, schema=schema
                )
            result = trace_statements(
                scratch, script.statements, in_transaction=in_transaction, timeout_s=timeout_s
            )
        return result, TraceContext("target", missing)
    before, _ = needed(mset, index, down=down)
    subset = MigrationSet(mset.root, mset.layout, tuple(before))
    chain = ShadowChain(
        mset=subset, chain=tuple(before), setup=lambda target: apply_baseline(target, baseline),
        root=root_key(schema, baseline, layout=mset.layout), log=log, schema=schema, server_dsn=dsn,
        cache=SnapshotCache(dsn) if snapshots else None, purpose="trace",
    )  # fmt: skip
    try:
        failure = chain.to(len(before))
        if failure is not None:
            raise MigwizError(
                f"replaying {failure.migration.label} before the traced migration failed: {failure.error}",
                replay_hint(bool(baseline), failure.sqlstate),
            )
        chain.release()
        result = trace_statements(
            chain.dsn, script.statements, in_transaction=in_transaction, timeout_s=timeout_s
        )
    finally:
        chain.close()
    return result, TraceContext("baseline", tuple(before))


@dataclass(frozen=True)
class TraceTarget:
    """What `migwiz trace TARGET` means: the script, and its migration's place in a set (if it has one)."""

    script: Script
    mset: MigrationSet | None = None
    index: int = -1
    down: bool = False


def resolve_target(
    target: str,
    down: bool,
    migration_set: Callable[[], MigrationSet],
    *,
    configured: Path | None = None,
    layout: str | None = None,
    stdin: Callable[[], str] | None = None,
) -> TraceTarget:
    """The script `trace TARGET` means: `-` (stdin), a file of a set whatever its name (up or down, found
    as `lint` finds it), a file outside any set, or a version of the configured set."""
    from migwiz.engine.analysis.lintpaths import STDIN, locate, loose_script

    if target == "-":
        return TraceTarget(loose_script(STDIN, stdin() if stdin is not None else None))
    path = Path(target)
    if path.is_file():
        located = locate(path, configured=configured, layout=layout)
        migration = located.migration
        if migration is None or located.mset is None:
            return TraceTarget(loose_script(path))
        if not (down or located.is_down):
            return TraceTarget(migration.up, located.mset, located.index)
        if migration.down is None:
            raise UsageError(f"{target}: migration {migration.label} has no down script", "drop --down")
        return TraceTarget(migration.down, located.mset, located.index, down=True)
    chosen = migration_set()
    found = chosen.by_version().get(chosen.version(target))
    if found is None:
        raise UsageError(
            f"{target}: no such file, and no migration has that version", "check the path or version"
        )
    index = chosen.migrations.index(found)
    if down:
        if found.down is None:
            raise UsageError(f"migration {target} has no down script", "trace its up script (drop --down)")
        return TraceTarget(found.down, chosen, index, down=True)
    return TraceTarget(found.up, chosen, index)


def on_target_notice(dsn: str, chosen: TraceTarget, schema: str = DEFAULT_SCHEMA) -> str | None:
    """Why a trace on the target itself may not meet the schema the script meets in `up` (None: it does)."""
    if chosen.mset is None:
        return None
    missing = pending_predecessors(dsn, chosen.mset, chosen.index, down=chosen.down, schema=schema)
    if missing is not None and not missing:
        return None
    state = "is past it" if missing is None else f"lacks {len(missing)} of its predecessors"
    return (
        f"the target {state}: {chosen.script.path} may not meet the schema it meets in `up`"
        " (without --on-target its predecessors are replayed on a scratch copy)"
    )
