"""What the Execute step says when a run has ended: one line for the status, PostgreSQL's words below."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from rich.text import Text

from migwiz.tui.execution import RunSummary
from migwiz.tui.markdown import failed_line, failure_lines, stopped_line


@dataclass(frozen=True)
class Outcome:
    """The ended run as the progress pane and the status line show it."""

    text: Text
    done: int
    total: int
    details: list[str] = field(default_factory=list)
    """A failure in full: where it left the migration, then the message, DETAIL and HINT."""


def run_outcome(summary: RunSummary, abort: tuple[str, datetime] | None = None) -> Outcome:
    """What really happened, the operator's abort choice (`stop` / `cancel`, and when) included."""
    done = sum(1 for o in summary.report.outcomes if o.result != "failed")
    total = done + len(summary.skipped) + sum(1 for o in summary.report.outcomes if o.result == "failed")
    verb = "applied" if summary.direction == "up" else "reverted"
    details: list[str] = []
    if summary.error:
        text = Text(f"the run failed after {done} {verb}", "bold red")
        details = failure_lines(summary)
    elif not summary.report.ok:
        failed = next(o for o in summary.report.outcomes if o.result == "failed")
        how = "was cancelled by the operator" if abort is not None and abort[0] == "cancel" else "failed"
        text = Text(f"{failed.version} {how} ({done} {verb} before it)", "bold red")
        details = [failed_line(summary), *failure_lines(summary)]
    elif summary.stopped:
        text = Text(stopped_line(summary), "bold yellow")
    elif abort is not None:
        at = f"{abort[1]:%H:%M:%S}"
        what = (
            f"the cancel asked at {at} came after the last statement had finished: nothing was cancelled"
            if abort[0] == "cancel"
            else f"the stop asked at {at}: the running migration finished and none was left to skip"
        )
        text = Text(f"done: {done} migration(s) {verb} — {what}", "bold yellow")
    else:
        text = Text(f"done: {done} migration(s) {verb}", "bold green")
    return Outcome(text, done, max(total, done), details)
