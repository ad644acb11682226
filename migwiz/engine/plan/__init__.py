"""`migwiz plan`: pending migrations joined with the live database — sizes, durations, blockers, verdicts."""

from __future__ import annotations

from migwiz.engine.plan.build import plan
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
]
