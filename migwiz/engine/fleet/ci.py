"""`migwiz fleet ci`: the set checked against every target's history, schema and plan, one summary.

Gates: `drift` (targets whose history disagrees with the files, or whose schema differs from the others)
and `plan` (the worst verdict of the pending migrations across the fleet, against `fail_on`). Exit code:
0 every gate passed, 1 a gate failed, 2 a target could not be read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from migwiz.engine.fleet.checks import FleetPlan, fleet_plan
from migwiz.engine.fleet.drift import FleetDrift, fleet_drift
from migwiz.engine.fleet.targets import Target
from migwiz.engine.plan.model import VERDICTS
from migwiz.engine.run.runner import ExecutionPolicy
from migwiz.engine.sets.model import MigrationSet


@dataclass(frozen=True)
class FleetCi:
    """Both gates' results and the exit code they call for."""

    drift: FleetDrift
    plan: FleetPlan
    fail_on: str

    @property
    def plan_failed(self) -> bool:
        """The worst verdict reaches `fail_on` (`none`: never)."""
        return self.fail_on != "none" and VERDICTS.index(self.plan.worst) >= VERDICTS.index(self.fail_on)

    @property
    def exit_code(self) -> int:
        """0 passed, 1 a gate failed, 2 a target unreadable."""
        if self.drift.unreadable or self.plan.unreadable:
            return 2
        return 1 if self.drift.drifted or self.plan_failed else 0

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {"exit_code": self.exit_code, "drift": self.drift.to_json(), "plan": self.plan.to_json(),
                "plan_failed": self.plan_failed, "fail_on": self.fail_on}  # fmt: skip

    def markdown(self) -> str:
        """The summary a pipeline shows (e.g. `$GITHUB_STEP_SUMMARY`)."""
        d, p = self.drift, self.plan
        lines = ["## migwiz fleet ci", "", "| gate | result | detail |", "|---|---|---|"]
        schemas = f"{len(d.groups)} distinct schema(s) over {d.targets} targets"
        history = f"{len(d.off_set)} target(s) whose history differs from the files"
        lines.append(f"| drift | {'failed' if d.drifted else 'passed'} | {schemas}; {history} |")
        counts = ", ".join(f"{n} {v}" for v, n in sorted(p.verdicts.items())) or "nothing pending"
        lines.append(f"| plan | {'failed' if self.plan_failed else 'passed'} | worst {p.worst} ({counts}) |")
        for group in d.groups[1:]:
            lines += ["", f"**Schema differs** in {group.count} target(s): {', '.join(group.targets[:10])}"]
            lines += [f"- {s}" for s in group.differences]
        for name, states in d.off_set:
            lines.append(f"- history of {name}: " + ", ".join(f"{v} {s}" for v, s in states.items()))
        if p.where:
            lines += ["", f"**Worst plan verdict `{p.worst}`:**"]
            lines += [
                f"- {w['target']} {w['version']} {w['name']}: {'; '.join(w['reasons'])}" for w in p.where
            ]
        for name, error in [*d.unreadable, *p.unreadable]:
            lines.append(f"- unreadable: {name}: {error}")
        return "\n".join(lines) + "\n"


def fleet_ci(
    targets_of: Callable[[], Iterable[Target]],
    mset: MigrationSet,
    policy: ExecutionPolicy,
    *,
    fail_on: str = "dangerous",
    concurrency: int = 4,
) -> FleetCi:
    """Run the drift and plan gates over the fleet (read-only)."""
    drift = fleet_drift(targets_of, mset, concurrency=concurrency)
    plan = fleet_plan(targets_of(), mset, policy, concurrency=concurrency)
    return FleetCi(drift, plan, fail_on)
