"""One vocabulary for verdicts on every screen: the planner's, or (without a plan) the lint's own words."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text

from migwiz.engine import commands
from migwiz.engine.types import VERDICT_TEXT, LintReport, RiskyFinding
from migwiz.present import VERDICT_STYLES
from migwiz.tui.backend import ImpactReport, PendingInfo, RecentChanges, verdict_label

if TYPE_CHECKING:
    from migwiz.tui.context import WizardData

PLANNER = ("safe", "quiet_window", "dangerous")
LINT = ("clean", "warnings", "errors")
SENTENCE: dict[str, str] = {str(k): v for k, v in VERDICT_TEXT.items()}
"""The planner's verdicts as `plan` writes them (safe, not shown to run, needs a quiet window, dangerous),
mildest first."""


def verdict_text(verdict: str, *, bold: bool = False, sentence: bool = False) -> Text:
    """A verdict word, coloured (the word itself carries the meaning without colour); `sentence`: as
    `plan` writes it (`needs a quiet window`), else the short form of tables (`quiet window`)."""
    style = VERDICT_STYLES.get(verdict, "")
    if bold and style and not style.startswith("bold"):
        style = f"bold {style}"
    return Text(
        SENTENCE.get(verdict, verdict_label(verdict)) if sentence else verdict_label(verdict), style=style
    )


def plan_verdicts(*sources: object) -> dict[str, str]:
    """The planner's verdict by version, from the Pending step's info or the Impact report (the first
    that has them)."""
    for source in sources:
        if isinstance(source, PendingInfo) and source.verdicts:
            return dict(source.verdicts)
        if isinstance(source, ImpactReport) and source.direction == "up" and source.verdicts:
            return dict(source.verdicts)
    return {}


def lint_errors_sentence(found: Sequence[RiskyFinding], verdicts: dict[str, str], shown: int = 3) -> str:
    """What lint rates `error`, with the planner's verdict of the same migrations in the same sentence:
    the two scales side by side (docs/rules/README.md), never two stories. Empty when nothing is.

    >>> from pathlib import Path
    >>> f = RiskyFinding("0003", Path("0003_ix.up.sql"), 3, "index-not-concurrent", "writes wait")
    >>> lint_errors_sentence([f], {"0003": "quiet_window"})[:62]
    'Lint rates 1 of them error (plan: 0003 needs a quiet window): '
    """
    lines = lint_errors_lines(found, verdicts, shown)
    return f"{lines[0]} {'; '.join(lines[1:])}. " if lines else ""


def lint_errors_lines(found: Sequence[RiskyFinding], verdicts: dict[str, str], shown: int = 3) -> list[str]:
    """The same as a head line and one line per finding (`N more` last): what a dialog lists.

    >>> from pathlib import Path
    >>> f = RiskyFinding("0003", Path("0003_ix.up.sql"), 3, "index-not-concurrent", "writes wait")
    >>> lint_errors_lines([f, f], {"0003": "quiet_window"}, shown=1)[0]
    'Lint rates 1 of them error (plan: 0003 needs a quiet window):'
    >>> lint_errors_lines([f, f], {"0003": "quiet_window"}, shown=1)[2]
    '1 more'
    """
    if not found:
        return []
    versions = list(dict.fromkeys(f.version for f in found))
    by_verdict: dict[str, list[str]] = {}
    for version in versions:
        by_verdict.setdefault(verdicts.get(version, ""), []).append(version)
    plan = "; ".join(
        f"{', '.join(vs)} {_plural(SENTENCE.get(v, v)) if len(vs) > 1 else SENTENCE.get(v, v)}"
        for v, vs in sorted(by_verdict.items(), key=lambda kv: -_order(kv[0]))
        if v
    )
    more = [f"{len(found) - shown} more"] if len(found) > shown else []
    head = f"Lint rates {len(versions)} of them error{f' (plan: {plan})' if plan else ''}:"
    return [head, *(f.describe() for f in found[:shown]), *more]


def _plural(words: str) -> str:
    """`needs a quiet window` said of several migrations: `need a quiet window`."""
    return words.replace("needs", "need", 1) if words.startswith("needs") else words


def _order(verdict: str) -> int:
    return list(SENTENCE).index(verdict) if verdict in SENTENCE else -1


def pending_lint_errors(data: WizardData) -> list[RiskyFinding]:
    """What lint rates `error` among the migrations the migrate flow is about to apply (its `--to` kept)."""
    report = data.lint.lint if isinstance(data.lint, PendingInfo) else data.lint
    if not isinstance(report, LintReport):
        return []
    pending = [
        s.migration
        for s in (data.statuses or [])
        if s.state in ("pending", "failed") and s.version.within(data.apply_to) and s.migration is not None
    ]
    return commands.error_findings(report, pending) if pending else []


def reverting_sentence(recent: object, back_to: object, database: str) -> str:
    """The rollback's question, naming what is reverted (`0008 orders_status_enum`), not only the
    version kept, which an operator at 3 a.m. must otherwise work out."""
    gone: list[str] = []
    if isinstance(recent, RecentChanges):
        gone = [
            f"{h.version} {h.name}"
            for h in recent.applied
            if back_to is None or recent.mset.version(h.version) > back_to
        ]
    what = ", ".join(gone[:3]) + (f" and {len(gone) - 3} more" if len(gone) > 3 else "")
    named = f"Revert {what} (back to {back_to})" if gone else f"Revert every migration newer than {back_to}"
    return f"{named} on {database}, down scripts newest first?"
