"""Lint a script as migwiz will run it: the transaction plan of engine/transactions.py, as findings."""

from __future__ import annotations

from dataclasses import replace

from migwiz.engine.analysis.model import Finding, StatementAnalysis
from migwiz.engine.analysis.rules import finding
from migwiz.engine.sets.model import Script
from migwiz.engine.sets.transactions import TransactionRefused, plan_transaction

REFUSED = " (migwiz refuses to run it)"
"""Ends the message of a finding about a script migwiz refuses to run: the run itself says so first."""


def as_run(script: Script, pg_version: int) -> tuple[Script, tuple[Finding, ...], TransactionRefused | None]:
    """The script as migwiz will run it (engine/transactions.py), with what lint says about that."""
    if script.directives.backfill:
        return script, (), None
    try:
        plan = plan_transaction(script, pg_version)
    except TransactionRefused as refused:
        if not refused.control:
            return script, (), refused  # the mix: reported on the statement (concurrently-in-transaction)
        message = f"{refused.what}{REFUSED}"
        return script, (finding("transaction-control", message, refused.hint, refused.line),), None
    notes: list[Finding] = []
    if plan.unwrapped is not None:
        message = plan.unwrap_message()
        notes.append(
            replace(finding("transaction-control", message, None, plan.unwrapped[0]), severity="info")
        )
    if plan.ignored:
        message = plan.ignored_message()
        notes.append(replace(finding("transaction-control", message, None, plan.ignored[0]), severity="info"))
    if plan.automatic is not None:
        message = (
            f"{plan.automatic_kind} cannot run in a transaction: the migration runs without one, statement by"
            " statement, resumable (no directive needed)"
        )
        notes.append(finding("no-transaction-auto", message, None, plan.automatic.line))
    if not plan.script.statements:
        message = "no statements (empty or comments only): recorded as applied with nothing run"
        notes.append(finding("empty-migration", message, None, script.first_line))
    return plan.script, tuple(notes), None


def reword_refused(
    analysed: tuple[StatementAnalysis, ...], refused: TransactionRefused | None
) -> tuple[StatementAnalysis, ...]:
    """Word the findings of a statement that cannot share a transaction with the others as the refusal."""
    if refused is None:
        return analysed
    out = []
    for a in analysed:
        if not any(f.rule == "concurrently-in-transaction" and f.line == refused.line for f in a.findings):
            out.append(a)  # nothing to reword: the analysis as it is
            continue
        found = tuple(
            replace(f, message=f"{refused.what}{REFUSED}", fix=refused.hint)
            if f.rule == "concurrently-in-transaction" and f.line == refused.line
            else f
            for f in a.findings
        )
        out.append(replace(a, findings=found))
    return tuple(out)
