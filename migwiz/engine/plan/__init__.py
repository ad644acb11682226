"""`migwiz plan`: pending migrations (or the down scripts of a rollback) joined with the live database —
sizes, durations, blockers, verdicts."""

from __future__ import annotations

from migwiz.engine.plan.build import plan, plan_down
from migwiz.engine.plan.model import (
    VERDICT_TEXT,
    VERDICTS,
    Blocker,
    MigrationPlan,
    PlanReport,
    Reason,
    RelationSize,
    StatementPlan,
    Step,
    Verdict,
)

__all__ = [
    "VERDICTS",
    "VERDICT_TEXT",
    "Blocker",
    "MigrationPlan",
    "PlanReport",
    "Reason",
    "RelationSize",
    "StatementPlan",
    "Step",
    "Verdict",
    "plan",
    "plan_down",
]
