"""`test-rollback`: prove on a shadow database that every down undoes its up, and that up runs again.

For each migration, in order: read the schema (S0), up, S1, down, S2 (must equal S0), up again, S3
(must equal S1). Migrations run through the real `Runner`, so directives, transactions and history
bookkeeping are exactly what `migwiz up`/`down` do.
"""

# ruff: noqa: PT028  (`test_rollback` is the engine command the CLI calls, not a pytest test)
from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from migwiz.engine.connect import connect
from migwiz.engine.errors import MigwizError, UsageError
from migwiz.engine.eventlog import EventLog, EventSink, Run
from migwiz.engine.model import Migration, MigrationSet, Version
from migwiz.engine.rollback_data import data_lost, seed_rows, snapshot
from migwiz.engine.runner import Runner, RunReport
from migwiz.engine.schema import Difference, SchemaModel, diff_schemas, format_diff
from migwiz.engine.scratch import copy_schema
from migwiz.engine.shadow import Shadow, copy_history, read_model, shadow_database, shadow_runner
from migwiz.engine.state import DEFAULT_SCHEMA, read_history

Which = Literal["all", "pending"] | Sequence[Version]
Result = Literal["passed", "failed", "skipped"]


@dataclass
class RollbackResult:
    """The rollback test of one migration."""

    version: Version
    name: str
    label: str
    result: Result
    step: str | None = None
    """Where it failed: up, down, down restores, up again, up again restores, no down."""
    message: str | None = None
    differences: tuple[Difference, ...] = ()
    data_loss: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    duration_ms: float = 0.0

    def details(self) -> str:
        """The message and the diff, as printed under a failure."""
        parts = [self.message] if self.message else []
        if self.differences:
            parts.append(format_diff(self.differences))
        return "\n".join(parts)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "version": str(self.version),
            "name": self.name,
            "result": self.result,
            "step": self.step,
            "message": self.message,
            "differences": [d.to_json() for d in self.differences],
            "data_loss": list(self.data_loss),
            "notes": list(self.notes),
            "duration_ms": round(self.duration_ms, 1),
        }


@dataclass
class RollbackReport:
    """Every migration's rollback test, in order."""

    shadow: str
    results: list[RollbackResult] = field(default_factory=list)
    run_id: str | None = None
    with_data: bool = False

    @property
    def ok(self) -> bool:
        """No migration failed."""
        return all(r.result != "failed" for r in self.results)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "ok": self.ok,
            "shadow": self.shadow,
            "run_id": self.run_id,
            "with_data": self.with_data,
            "migrations": [r.to_json() for r in self.results],
        }

    def to_junit(self) -> str:
        """JUnit XML: one testcase per migration; a failure's message is its first line, its text the diff."""
        suite = ET.Element(
            "testsuite",
            name="migwiz test-rollback",
            tests=str(len(self.results)),
            failures=str(sum(r.result == "failed" for r in self.results)),
            skipped=str(sum(r.result == "skipped" for r in self.results)),
            errors="0",
            time=f"{sum(r.duration_ms for r in self.results) / 1000:.3f}",
        )
        for r in self.results:
            case = ET.SubElement(
                suite,
                "testcase",
                classname="migwiz.rollback",
                name=r.label,
                time=f"{r.duration_ms / 1000:.3f}",
            )
            text = r.details()
            if r.result == "failed":
                first = text.splitlines()[0] if text else "failed"
                failure = ET.SubElement(case, "failure", message=first, type=r.step or "failed")
                failure.text = text
            elif r.result == "skipped":
                ET.SubElement(case, "skipped", message=r.message or "skipped")
            if r.data_loss or r.notes:
                out = ET.SubElement(case, "system-out")
                out.text = "\n".join([*r.data_loss, *r.notes])
        ET.indent(suite)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suite, encoding="unicode") + "\n"


def _failure(report: RunReport) -> str | None:
    for outcome in report.outcomes:
        if outcome.failure is not None:
            return outcome.failure.describe()
    return None


class _Tester:
    """Runs the cycle for each selected migration on one shadow database."""

    def __init__(
        self, shadow: Shadow, mset: MigrationSet, log: EventLog, schema: str, with_data: bool
    ) -> None:
        self.shadow = shadow
        self.mset = mset
        self.log = log
        self.schema = schema
        self.with_data = with_data
        self.runner: Runner = shadow_runner(shadow, mset, EventLog(run_id=log.run_id), schema=schema)
        self.round = 0

    def close(self) -> None:
        self.runner.close()

    def model(self) -> SchemaModel:
        return read_model(self.shadow.dsn, schema=self.schema)

    def apply(self, migration: Migration) -> str | None:
        """Apply one migration without testing it; the failure text, if any."""
        return _failure(self.runner.up(migration.version))

    def newest_applied(self) -> Version | None:
        applied = [s.version for s in self.runner.statuses() if s.state == "applied"]
        return max(applied, default=None)

    def test(self, m: Migration) -> RollbackResult:
        started = time.perf_counter()
        result = self._test(m)
        result.duration_ms = (time.perf_counter() - started) * 1000
        return result

    def _test(self, m: Migration) -> RollbackResult:
        def fail(
            step: str, message: str | None, diffs: tuple[Difference, ...] = (), **extra: Any
        ) -> RollbackResult:
            return RollbackResult(m.version, m.name, m.label, "failed", step, message, diffs, **extra)

        if m.down is None:
            error = self.apply(m)
            return fail(
                "no down", f"{m.up.path} has no down script" + (f"; up failed: {error}" if error else "")
            )
        s0 = self.model()
        error = self.apply(m)
        if error:
            return fail("up", f"up failed: {error}")
        s1 = self.model()
        notes: list[str] = []
        before_down = None
        if self.with_data:
            self.round += 1
            with connect(self.shadow.dsn, autocommit=True, purpose="seed") as conn:
                notes = seed_rows(conn, s1, self.round)
                before_down = snapshot(conn, s1)
        if self.newest_applied() != m.version:
            return fail(
                "down", f"a newer migration ({self.newest_applied()}) is applied: cannot revert only this one"
            )
        error = _failure(self.runner.down(steps=1))
        if error:
            return fail("down", f"down failed: {error}", notes=tuple(notes))
        s2 = self.model()
        loss: list[str] = []
        if before_down is not None:
            with connect(self.shadow.dsn, autocommit=True, purpose="seed") as conn:
                loss = data_lost(before_down, snapshot(conn, s2))
        extra: dict[str, Any] = {"data_loss": tuple(loss), "notes": tuple(notes)}
        restored = diff_schemas(s0, s2, labels=("before up", "after down"))
        if restored:
            self.apply(m)  # keep going from the state the next migration expects
            n = len(restored)
            return fail(
                "down restores", f"down does not restore the schema ({n} difference(s))", restored, **extra
            )
        error = self.apply(m)
        if error:
            return fail("up again", f"up failed after down: {error}", **extra)
        again = diff_schemas(s1, self.model(), labels=("after up", "after up again"))
        if again:
            n = len(again)
            return fail(
                "up again restores", f"up after down gives another schema ({n} difference(s))", again, **extra
            )
        return RollbackResult(m.version, m.name, m.label, "passed", **extra)


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
) -> RollbackReport:
    """Test up → down → up of migrations on a shadow database (made on `dsn`'s server, or `shadow_dsn`).

    `which`: "all", "pending" (the shadow first gets the target's schema and history) or versions (earlier
    migrations are applied untested). With a target `dsn` and no `log`, the run is recorded in the
    target's central log.
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
    outcome = "failed"
    try:
        report = _run(dsn, mset, shadow_dsn, which, chosen, with_data, log, schema, baseline)
        report.run_id = log.run_id
        outcome = "success" if report.ok else "failed"
        return report
    except MigwizError as exc:
        log.error("rollback", exc.message, hint=exc.hint)
        raise
    finally:
        if run is not None:
            run.finish(outcome)


def _run(
    dsn: str | None,
    mset: MigrationSet,
    shadow_dsn: str | None,
    which: Which,
    chosen: set[Version] | None,
    with_data: bool,
    log: EventLog,
    schema: str,
    baseline: Sequence[Path],
) -> RollbackReport:
    # with --pending the target's own schema is copied in: the baseline is only for starting from scratch
    start = () if which == "pending" else baseline
    with shadow_database(dsn, shadow_dsn=shadow_dsn, purpose="test-rollback", baseline=start) as shadow:
        log.info("rollback", f"testing rollbacks on shadow database {shadow.label}", shadow=shadow.label)
        applied: set[Version] = set()
        if which == "pending":
            assert dsn is not None
            copy_schema(dsn, shadow.dsn)
            with connect(dsn, autocommit=True, purpose="test-rollback") as conn:
                history = read_history(conn, schema)
            copy_history(shadow, history, schema=schema)
            applied = {mset.version(h.version) for h in history if h.success}
            log.info("rollback", f"shadow has the target's schema and {len(applied)} applied migration(s)")
        report = RollbackReport(shadow.label, with_data=with_data)
        tester = _Tester(shadow, mset, log, schema, with_data)
        try:
            _cycle(tester, mset, chosen, applied, report, log)
        finally:
            tester.close()
    return report


def _cycle(
    tester: _Tester,
    mset: MigrationSet,
    chosen: set[Version] | None,
    applied: set[Version],
    report: RollbackReport,
    log: EventLog,
) -> None:
    last = max(chosen) if chosen else None
    blocked: str | None = None
    for m in mset.migrations:
        if m.version in applied:
            continue
        if last is not None and m.version > last:
            break
        selected = chosen is None or m.version in chosen
        if blocked is not None:
            if selected:
                report.results.append(RollbackResult(m.version, m.name, m.label, "skipped", message=blocked))
            continue
        if not selected:
            error = tester.apply(m)
            if error:
                blocked = f"earlier migration {m.label} failed to apply: {error}"
                log.error("rollback", blocked, version=str(m.version))
            continue
        result = tester.test(m)
        report.results.append(result)
        _log_result(log, result)
        if result.step in ("up", "down", "up again"):
            blocked = f"not tested: {m.label} failed ({result.step})"


def _log_result(log: EventLog, r: RollbackResult) -> None:
    data: dict[str, Any] = {
        "version": str(r.version),
        "result": r.result,
        "duration_ms": round(r.duration_ms, 1),
    }
    if r.result == "passed":
        extra = f"; down loses data: {'; '.join(r.data_loss)}" if r.data_loss else ""
        log.info("rollback", f"{r.label}: up, down, up again restore the schema{extra}", **data)
        return
    log.error(
        "rollback",
        f"{r.label}: {r.message}",
        step=r.step,
        differences=[d.sentence for d in r.differences],
        data_loss=list(r.data_loss),
        **data,
    )


test_rollback.__test__ = False  # type: ignore[attr-defined]  # an engine command, not a pytest test
