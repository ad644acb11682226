"""`test-rollback`: prove on a shadow database that every down undoes its up, and that up runs again.

For each migration m, from the state after its predecessors: read the schema (S0), up, S1, down, S2 (must
equal S0), up again, S3 (must equal S1). Each verdict is about m alone: after a failure the shadow is
rebuilt at the state after a clean up(m) — from a template snapshot (see
`migwiz.engine.shadow.snapshots`), not a replay of every file — and the next migration is tested from
there. Migrations run through the real `Runner`, so directives, transactions and history bookkeeping are
exactly what `migwiz up`/`down` do.
"""

# ruff: noqa: PT028  (`test_rollback` is the engine command the CLI calls, not a pytest test)
from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

from migwiz.engine.errors import MigwizError, UsageError
from migwiz.engine.history.state import DEFAULT_SCHEMA, HistoryRow, read_history
from migwiz.engine.log.eventlog import EventLog, EventSink, Run
from migwiz.engine.rollback.data import TableData, data_lost, seed_rows, snapshot
from migwiz.engine.rollback.events import RollbackBlocked, RollbackEvent, RollbackStarted, RollbackTested
from migwiz.engine.rollback.report import RollbackReport, RollbackResult
from migwiz.engine.run.events import RunEvents
from migwiz.engine.run.log_writer import write_log
from migwiz.engine.run.notes import RunErrored
from migwiz.engine.run.runner import RunReport
from migwiz.engine.schema import Difference, SchemaModel, diff_schemas, read_schema
from migwiz.engine.schema.tolerance import Tolerance
from migwiz.engine.servers.connect import connect
from migwiz.engine.sets.model import Migration, MigrationSet, Version
from migwiz.engine.shadow.chain import ShadowChain, failure_text
from migwiz.engine.shadow.covered import after_baseline, set_after_baseline
from migwiz.engine.shadow.databases import Shadow, apply_baseline, copy_history, operator_shadow
from migwiz.engine.shadow.scratch import dump_schema, restore_schema
from migwiz.engine.shadow.snapshots import INTERVAL, SnapshotCache, root_key

__all__ = ["RollbackReport", "RollbackResult", "Which", "test_rollback"]

Which = Literal["all", "pending"] | Sequence[Version]


class _Tester:
    """Runs the up → down → up cycle of one migration on the chain's working database."""

    def __init__(self, chain: ShadowChain, with_data: bool, tolerance: Tolerance, newest: Version | None):
        self.chain = chain
        self.with_data = with_data
        self.tolerance = tolerance
        self.newest = newest
        """The newest version applied at the start (`--pending`): older ones cannot be reverted alone."""
        self.round = 0

    def test(self, m: Migration, index: int) -> RollbackResult:
        started = time.perf_counter()
        result = self._test(m, index)
        result.duration_ms = (time.perf_counter() - started) * 1000
        return result

    def _compare(
        self, a: SchemaModel, b: SchemaModel, labels: tuple[str, str]
    ) -> tuple[tuple[Difference, ...], tuple[Difference, ...]]:
        return self.tolerance.split(diff_schemas(a, b, labels=labels))

    def _test(self, m: Migration, index: int) -> RollbackResult:
        chain = self.chain
        s0 = chain.model()
        error = _attempt(lambda: chain.runner.up(m.version))
        if error:
            chain.lost()
            return RollbackResult(m.version, m.name, m.label, "failed", "up", f"up failed: {error}")
        chain.reached(index + 1)
        s1 = chain.model()
        if not self.with_data and chain.transactional(m):
            # down and up again inside one transaction that is rolled back (`ShadowChain.trial`): the same
            # scripts through the same runner, each in its own (nested) transaction, compared the same way;
            # whatever the verdict, the working database stays exactly the state after up, and the next
            # migration is tested from there without rebuilding it
            with chain.trial() as read:
                return self._down_and_up(m, s0, s1, read)[0]
        seeded = self._seed(s1) if self.with_data else None
        chain.lost()  # the down takes the working database off the chain
        result, exact = self._down_and_up(m, s0, s1, chain.read, seeded)
        if exact is not None:  # exactly the state after a clean up: go on from here
            chain.position = index + 1
            chain.remember(exact)
        return result

    def _seed(self, s1: SchemaModel) -> tuple[tuple[str, ...], dict[str, TableData]]:
        """Rows in every table of `s1` (`--with-data`): notes on what was seeded, and the data as seeded."""
        self.round += 1
        self.chain.dirty_data = True
        with connect(self.chain.dsn, autocommit=True, purpose="seed") as conn:
            notes = seed_rows(conn, s1, self.round)
            return tuple(notes), snapshot(conn, s1)

    def _down_and_up(
        self,
        m: Migration,
        s0: SchemaModel,
        s1: SchemaModel,
        read: Callable[[], SchemaModel],
        seeded: tuple[tuple[str, ...], dict[str, TableData]] | None = None,
    ) -> tuple[RollbackResult, SchemaModel | None]:
        """Down (compared with `s0`, before up; with `seeded`, the rows it lost), then up again (compared with
        `s1`, after up), the schema read by `read`: the verdict, and the schema after up again when it is
        exactly `s1` with nothing ignored (None otherwise)."""
        ignored: list[Difference] = []
        extra: dict[str, Any] = {"notes": seeded[0]} if seeded is not None else {}

        def fail(
            step: str, message: str, diffs: tuple[Difference, ...] = ()
        ) -> tuple[RollbackResult, SchemaModel | None]:
            verdict = RollbackResult(
                m.version, m.name, m.label, "failed", step, message, diffs, ignored=tuple(ignored), **extra
            )
            return verdict, None

        error = _attempt(lambda: self.chain.runner.down(steps=1))
        if error:
            return fail("down", f"down failed: {error}")
        s2 = read()
        if seeded is not None:
            with connect(self.chain.dsn, autocommit=True, purpose="seed") as conn:
                extra["data_loss"] = tuple(data_lost(seeded[1], snapshot(conn, s2)))
        restored, accepted = self._compare(s0, s2, ("before up", "after down"))
        ignored.extend(accepted)
        if restored:
            n = len(restored)
            return fail(
                "down restores", f"the schema after down differs from before up ({n} difference(s))", restored
            )
        error = _attempt(lambda: self.chain.runner.up(m.version))
        if error:
            return fail("up again", f"up failed after down: {error}")
        s3 = read()
        again, accepted = self._compare(s1, s3, ("after up", "after up again"))
        ignored.extend(accepted)
        if again:
            n = len(again)
            message = f"the schema after up again differs from after up ({n} difference(s))"
            return fail("up again restores", message, again)
        passed = RollbackResult(m.version, m.name, m.label, "passed", ignored=tuple(ignored), **extra)
        return passed, None if ignored else s3


def _attempt(step: Callable[[], RunReport]) -> str | None:
    """Run one up or down on the shadow: its failure, or why migwiz refused to run the script
    (transaction control, a statement on migwiz's own schema...), as a verdict of this migration alone."""
    try:
        return failure_text(step())
    except UsageError as exc:
        return f"refused: {exc.message}"


def _selected(mset: MigrationSet, which: Which) -> set[Version] | None:
    """The versions asked for (None: all, or every pending one)."""
    if isinstance(which, str):
        return None
    known = mset.by_version()
    for v in which:
        if v not in known:
            raise UsageError(f"no migration has version {v}", "see `migwiz status` for the versions")
    return set(which)


def test_rollback(
    dsn: str | None,
    mset: MigrationSet,
    *,
    shadow_dsn: str | None = None,
    which: Which = "all",
    with_data: bool = False,
    log: EventLog | None = None,
    schema: str = DEFAULT_SCHEMA,
    sinks: Sequence[EventSink] = (),
    baseline: Sequence[Path] = (),
    tolerance: Tolerance | None = None,
    snapshots: bool = True,
    workers: int | None = None,
) -> RollbackReport:
    """Test up → down → up of migrations on a shadow database (made on `dsn`'s server, or `shadow_dsn`).

    `which`: "all", "pending" (the shadow first gets the target's schema and history) or versions (earlier
    migrations are applied untested). With a target `dsn` and no `log`, the run is recorded in the
    target's central log. `tolerance` accepts column order or volatile expressions (reported as ignored);
    `snapshots=False` rebuilds states by replaying the files instead of copying cached snapshots.
    `workers` shadow databases test consecutive parts of the set at once (default: 2 on a server where
    migwiz makes its own shadows and the set is long, else 1); verdicts do not depend on it.
    """
    if which == "pending" and not dsn:
        raise UsageError(
            "--pending needs the target database", "pass --dsn (the target whose pending migrations to test)"
        )
    chosen = _selected(mset, which)
    run = Run(dsn, schema, "test-rollback") if (log is None and dsn) else None
    if run is not None:
        log = run.log
    log = log or EventLog()
    log.sinks.extend(sinks)
    stream = RunEvents()
    write_log(stream, log)
    outcome = "failed"
    try:
        with _chains(dsn, mset, shadow_dsn, which, log, schema, baseline, snapshots) as (
            make,
            applied,
            alone,
        ):
            first = make()
            report = RollbackReport(first.label, with_data=with_data)
            report.options = (tolerance or Tolerance()).names()
            stream.emit(RollbackStarted(first.label))
            newest = max(applied, default=None)
            count = len(first.chain)
            if workers is None:
                workers = (
                    1 if alone or chosen is not None or count < 4 * INTERVAL else min(2, os.cpu_count() or 1)
                )
            testers = [_Tester(first if i == 0 else make(), with_data, tolerance or Tolerance(), newest)
                       for i in range(max(1, workers))]  # fmt: skip
            report.results = _run_segments(testers, chosen, stream)
            report.snapshots = {k: sum(t.chain.stats[k] for t in testers) for k in first.stats}
        report.run_id = log.run_id
        outcome = "success" if report.ok else "failed"
        return report
    except MigwizError as exc:
        stream.emit(RunErrored("rollback", exc.message, exc.hint))
        raise
    finally:
        if run is not None:
            run.finish(outcome)


@contextmanager
def _chains(
    dsn: str | None,
    mset: MigrationSet,
    shadow_dsn: str | None,
    which: Which,
    log: EventLog,
    schema: str,
    baseline: Sequence[Path],
    snapshots: bool,
) -> Iterator[tuple[Callable[[], ShadowChain], set[Version], bool]]:
    """A maker of working shadows for the migrations to test, the versions already applied at their
    start, and whether only one shadow can exist (an operator's database)."""
    applied: set[Version] = set()
    counted = mset.migrations  # Flyway baseline migrations: what the target's history counts (for_history)
    start = ""
    if which == "pending":
        # the target's own schema and history are copied in: the baseline is only for starting from scratch
        assert dsn is not None
        dump = dump_schema(dsn)
        with connect(dsn, autocommit=True, purpose="test-rollback") as conn:
            history = read_history(conn, schema)
        applied = {mset.version(h.version) for h in history if h.success}
        counted = mset.for_history({mset.version(h.version): h.checksum for h in history if h.success})
        start = dump + "".join(f"\0{h.version}:{h.checksum}" for h in history if h.success)

        def setup(target: str) -> None:
            restore_schema(target, dump)
            _copy_history(target, history, schema)

        baseline = ()
    else:

        def setup(target: str) -> None:
            apply_baseline(target, baseline)

    todo = [m for m in counted if m.version not in applied]
    todo, _ = after_baseline(mset, todo, baseline)  # a baseline that stands for the first migrations
    runs = set_after_baseline(mset, baseline)
    common: dict[str, Any] = {"mset": runs, "chain": todo, "setup": setup, "log": log, "schema": schema}
    if shadow_dsn:
        with operator_shadow(shadow_dsn) as shadow:
            with connect(shadow.dsn, autocommit=True, purpose="shadow") as conn:
                initial = read_schema(conn, exclude_schemas=())
            chain = ShadowChain(root="", operator=shadow, operator_initial=initial, **common)
            try:
                yield (lambda: chain), applied, True
            finally:
                chain.release()
        return
    if not dsn:
        raise UsageError(
            "test-rollback needs a database server for its shadow database",
            "pass --dsn (a shadow database is made on its server) or --shadow-dsn (an empty database)",
        )
    start_key = hashlib.sha256(start.encode()).hexdigest() if start else ""
    key = root_key(schema, baseline, start=start_key, layout=mset.layout)
    cache = SnapshotCache(dsn) if snapshots else None
    made: list[ShadowChain] = []

    def make() -> ShadowChain:
        made.append(ShadowChain(root=key, server_dsn=dsn, cache=cache, **common))
        return made[-1]

    try:
        yield make, applied, False
    finally:
        for chain in made:
            chain.close()


def _copy_history(target: str, history: list[HistoryRow], schema: str) -> None:
    copy_history(Shadow(target, "shadow", True), history, schema=schema)


class _Emitter:
    """Emits the segments' events in migration order: the first streams, later ones follow when it ends."""

    def __init__(self, stream: RunEvents, segments: int) -> None:
        self.stream = stream
        self.lock = threading.Lock()
        self.pending: list[list[RollbackEvent]] = [[] for _ in range(segments)]
        self.done = [False] * segments
        self.current = 0

    def emit(self, segment: int, event: RollbackEvent) -> None:
        with self.lock:
            self.pending[segment].append(event)
            self._flush()

    def finish(self, segment: int) -> None:
        with self.lock:
            self.done[segment] = True
            self._flush()

    def _flush(self) -> None:
        while self.current < len(self.pending):
            events, self.pending[self.current] = self.pending[self.current], []
            for event in events:
                self.stream.emit(event)
            if not self.done[self.current]:
                return
            self.current += 1


def _run_segments(
    testers: list[_Tester], chosen: set[Version] | None, stream: RunEvents
) -> list[RollbackResult]:
    """Each tester takes a consecutive part of the chain; the results, in order."""
    count = len(testers[0].chain.chain)
    size = max(1, -(-count // len(testers)))
    bounds = [(start, min(count, start + size)) for start in range(0, count, size)] or [(0, 0)]
    starts = frozenset(start for start, _ in bounds)
    for tester in testers:  # trials never leave the chain: snapshots serve only where a part starts
        tester.chain.saves_at = starts
    emitter = _Emitter(stream, len(bounds))
    parts: list[list[RollbackResult]] = [[] for _ in bounds]
    cancelled = threading.Event()

    def work(segment: int) -> None:
        start, stop = bounds[segment]
        try:
            for result in _cycle(testers[segment], chosen, start, stop, lambda e: emitter.emit(segment, e)):
                parts[segment].append(result)
                if cancelled.is_set():
                    return
        finally:
            emitter.finish(segment)

    if len(bounds) == 1:
        work(0)
        return parts[0]
    with ThreadPoolExecutor(max_workers=len(bounds), thread_name_prefix="rollback") as pool:
        futures = [pool.submit(work, i) for i in range(len(bounds))]
        try:
            for future in futures:
                future.result()
        except BaseException:  # Ctrl-C or a failure: the other shadow stops after its current migration
            cancelled.set()
            raise
    return [r for part in parts for r in part]


def _cycle(
    tester: _Tester,
    chosen: set[Version] | None,
    start: int,
    stop: int,
    emit: Callable[[RollbackEvent], None],
) -> Iterator[RollbackResult]:
    chain = tester.chain
    last = max(chosen) if chosen else None
    blocked: str | None = None
    for index in range(start, stop):
        m = chain.chain[index]
        if last is not None and m.version > last:
            break
        if chosen is not None and m.version not in chosen:
            continue
        result: RollbackResult | None = None
        if blocked is None:
            failure = chain.to(index)
            if failure is not None:
                blocked = _does_not_apply(failure.migration.label, str(failure.error))
                m_failed = failure.migration
                emit(RollbackBlocked(str(m_failed.version), m_failed.label, str(failure.error)))
        if blocked is not None:
            result = RollbackResult(m.version, m.name, m.label, "skipped", message=blocked)
        elif m.down is None:
            result = RollbackResult(m.version, m.name, m.label, "skipped", message="it has no down script")
        elif tester.newest is not None and tester.newest > m.version:
            reason = f"a newer migration ({tester.newest}) is applied: it cannot be reverted alone"
            result = RollbackResult(m.version, m.name, m.label, "skipped", message=reason)
        else:
            result = tester.test(m, index)
            if result.step == "up":
                blocked = _does_not_apply(m.label, (result.message or "").removeprefix("up failed: "))
        emit(_tested(result))
        yield result


def _does_not_apply(label: str, error: str) -> str:
    """Why the migrations after `label` are not tested: its error, in PostgreSQL's words (with migwiz's
    HINT when the missing relation is a tool's own history table)."""
    return f"{label} does not apply: {error}"


def _tested(r: RollbackResult) -> RollbackTested:
    """The typed event of one migration's verdict."""
    return RollbackTested(
        str(r.version), r.label, r.result, r.verdict, r.duration_ms, r.message, r.step,
        tuple(d.sentence for d in r.differences), tuple(r.data_loss),
    )  # fmt: skip


test_rollback.__test__ = False  # type: ignore[attr-defined]  # an engine command, not a pytest test
