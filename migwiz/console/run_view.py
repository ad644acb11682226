"""What `up`, `down` and `repair` say when they are done, and the repair plan."""

from __future__ import annotations

from typing import TYPE_CHECKING

from migwiz.console import output
from migwiz.console.status_view import print_notices

if TYPE_CHECKING:
    from migwiz.engine.types import RepairPlan, RunReport


def print_run(report: RunReport, run_id: str, *, command: str, watched: bool) -> None:
    """Failures (when the live view hid the log lines), how many migrations ran, and a stop's safe point."""
    if watched:
        for outcome in report.outcomes:
            if outcome.failure is not None:
                output.stderr.print(f"failed: {outcome.failure.describe()}", markup=False, style="red")
    done = sum(1 for o in report.outcomes if o.result != "failed")
    verb = "applied" if command == "up" else "reverted"
    output.stdout.print(f"{done} migration(s) {verb}; run {run_id}", markup=False)
    if report.stopped:
        left = ", ".join(str(v) for v in report.not_run) or "none"
        output.stderr.print(
            f"stopped at a safe point: {report.stopped}; not run: {left}", markup=False, style="yellow"
        )


def print_repair(plan: RepairPlan) -> None:
    """One line per history row `repair` changes, then the plan's notices."""
    for c in plan.changes:
        output.stdout.print(f"{c.kind:8} {c.label}: {c.description}", markup=False)
    print_notices(plan.notices)
