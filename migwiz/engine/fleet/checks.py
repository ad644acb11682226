"""`fleet plan` and `fleet verify`: the single-target checks run at every target, summed up.

`plan` gives the worst verdict of the fleet and where it is (target, migration, relation, lock, reason);
`verify` runs the catalog checks once per database (tenants of one database share its indexes and
constraints).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from migwiz.engine.analysis.lockmodes import lock_rank
from migwiz.engine.fleet.door import door
from migwiz.engine.fleet.survey import survey
from migwiz.engine.fleet.targets import Target
from migwiz.engine.plan import PlanReport
from migwiz.engine.plan.model import VERDICTS, MigrationPlan, StatementPlan, Verdict
from migwiz.engine.run.runner import ExecutionPolicy
from migwiz.engine.servers.connect import dsn_params
from migwiz.engine.sets.model import MigrationSet

_KEEP = 20


@dataclass
class FleetPlan:
    """Verdict counts over the fleet and where the worst verdict is: target, migration, statement,
    relation and the lock it takes."""

    targets: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)
    """Verdict -> number of targets whose worst pending migration has it."""
    worst: Verdict = "safe"
    where: list[dict[str, Any]] = field(default_factory=list)
    """The worst verdict's places, longest lock hold first (the first `_KEEP`): target, version, name,
    line, relation, lock, rewrites, hold_s, estimate_s, reasons."""
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    pending: int = 0

    def add(self, target: str, report: PlanReport) -> None:
        """Count one target's plan."""
        self.targets += 1
        verdict = report.verdict
        self.verdicts[verdict] = self.verdicts.get(verdict, 0) + 1
        self.pending += len(report.migrations)
        if VERDICTS.index(verdict) > VERDICTS.index(self.worst):
            self.worst, self.where = verdict, []
        if verdict != self.worst or verdict == "safe":
            return
        for m in report.migrations:
            if m.verdict == verdict:
                self.where.append(place(target, m))
        if len(self.where) > 2 * _KEEP:
            self.where = sorted(self.where, key=lambda w: -w["hold_s"])[:_KEEP]

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        where = sorted(self.where, key=lambda w: -w["hold_s"])[:_KEEP]
        return {"targets": self.targets, "worst": self.worst, "verdicts": self.verdicts, "where": where,
                "pending": self.pending,
                "unreadable": [{"target": t, "error": e} for t, e in self.unreadable]}  # fmt: skip


def place(target: str, m: MigrationPlan) -> dict[str, Any]:
    """Where a migration gets its verdict: the statement its worst reason names (else the one holding the
    strongest lock longest), the relation it locks or rewrites, and the lock mode."""
    reasons = [r for r in m.reasons if r.verdict == m.verdict]
    lines = {r.line for r in reasons if r.line is not None}
    named = [st for st in m.statements if st.line in lines] or list(m.statements)
    statement = max(named, key=_weight, default=None)
    relation, lock = None, None
    if statement is not None:
        taken = statement.acquires or statement.locks
        strongest = max(taken, key=lambda x: lock_rank(x.mode), default=None)
        rewritten = statement.rewrites[0] if statement.rewrites else None
        relation = rewritten or (strongest.relation if strongest else None)
        on = [x for x in taken if x.relation == relation] if relation else []
        lock = max((x.mode for x in on or taken), key=lock_rank, default=None)
    return {
        "target": target, "version": m.version, "name": m.name,
        "line": statement.line if statement else None, "relation": relation, "lock": lock,
        "rewrites": list(statement.rewrites) if statement else [],
        "hold_s": round(statement.hold_s, 3) if statement else 0.0,
        "estimate_s": round(m.estimate_s, 3),
        "reasons": [r.message for r in reasons],
    }  # fmt: skip


def _weight(st: StatementPlan) -> tuple[int, float]:
    return (max((lock_rank(x.mode) for x in (st.acquires or st.locks)), default=0), st.hold_s)


def fleet_plan(
    targets: Iterable[Target], mset: MigrationSet, policy: ExecutionPolicy, *, concurrency: int = 4
) -> FleetPlan:
    """The impact plan of every target's pending migrations (read-only), summed up."""
    result = FleetPlan()
    look = lambda t: door().plan(door().project(t.dsn, mset, schema=t.schema), policy=policy)  # noqa: E731
    for looked in survey(targets, look, concurrency=concurrency):
        if looked.value is None:
            result.targets += 1
            result.unreadable.append((looked.target.name, looked.error or "unreadable"))
        else:
            result.add(looked.target.name, looked.value)
    return result


@dataclass
class FleetVerify:
    """Per database checked: the checks that did not pass."""

    databases: int = 0
    passed: int = 0
    problems: list[dict[str, Any]] = field(default_factory=list)
    """{target, check, status, sentence} of failing or warning checks (the first `_KEEP` databases)."""

    @property
    def ok(self) -> bool:
        """No check failed anywhere."""
        return not any(p["status"] == "fail" for p in self.problems)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {"ok": self.ok, "databases": self.databases, "passed": self.passed, "problems": self.problems}


def one_per_database(targets: Iterable[Target]) -> Iterator[Target]:
    """The first target of each database (tenants of one database are checked once)."""
    seen: set[str] = set()
    for target in targets:
        params = dsn_params(target.dsn)
        params.pop("options", None)
        key = json.dumps(params, sort_keys=True)
        if key not in seen:
            seen.add(key)
            yield target


def fleet_verify(targets: Iterable[Target], mset: MigrationSet, *, concurrency: int = 4) -> FleetVerify:
    """`migwiz verify`'s catalog checks (no shadow replay) once per database of the fleet."""
    result = FleetVerify()
    look = lambda t: door().verify(door().project(t.dsn, mset, schema=t.schema), skip_drift=True)  # noqa: E731
    for looked in survey(one_per_database(targets), look, concurrency=concurrency):
        result.databases += 1
        if looked.value is None:
            result.problems.append({"target": looked.target.name, "check": "connect", "status": "fail",
                                    "sentence": looked.error or "unreadable"})  # fmt: skip
            continue
        bad = [c for c in looked.value.checks if c.status in ("fail", "warn")]
        if not bad:
            result.passed += 1
        for check in bad[: _KEEP if len(result.problems) < _KEEP * 4 else 0]:
            result.problems.append({"target": looked.target.name, "check": check.name, "status": check.status,
                                    "sentence": check.sentence})  # fmt: skip
    return result
