"""The duration verdict names where the time goes: a statement's own work, or the work after it that its
lock is held through (a DROP DEFAULT before a type change in one transaction)."""

from __future__ import annotations

from migwiz.engine.analysis import LockOn
from migwiz.engine.plan.model import StatementPlan, Step
from migwiz.engine.plan.verdict import _duration_reason


def plan(line: int, kind: str, steps: tuple[Step, ...], hold_s: float) -> StatementPlan:
    lock = LockOn("public.orders", "AccessExclusiveLock")
    return StatementPlan(
        line=line, sql="-", kind=kind, locks=(lock,), held=(lock,), acquires=(lock,),
        blocks="reads_and_writes", rewrites=(), scans=(), needs_no_transaction=False, findings=(),
        sizes=(), steps=steps, estimate_s=0.0, hold_s=hold_s, blockers=(), queue_risk="none",
        lock_timeout_ms=None,
    )  # fmt: skip


def test_a_lock_held_through_later_work_says_so_instead_of_its_work() -> None:
    reason = _duration_reason(plan(2, "ALTER TABLE SET DEFAULT", (), 18.0), calibrated=True)
    assert reason is not None and reason.verdict == "dangerous"
    assert "held until its transaction commits" in reason.message and "its work" not in reason.message
