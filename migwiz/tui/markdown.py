"""The run summary as Markdown: what ran, durations, the longest wait we caused, verification, the log."""

from __future__ import annotations

from pathlib import PurePath

from migwiz.engine import humanize
from migwiz.tui.backend import VerifyReport
from migwiz.tui.execution import RunSummary


def outcome_line(run: RunSummary) -> str:
    """One sentence: done, stopped at a safe point, or failed."""
    verb = "applied" if run.direction == "up" else "reverted"
    done = sum(1 for o in run.report.outcomes if o.result != "failed")
    if run.error:
        return f"failed: {run.error}" + (f" ({run.hint})" if run.hint else "")
    failed = [o for o in run.report.outcomes if o.result == "failed"]
    if failed:
        return "\n".join([f"{done} {verb}, then {failed_line(run)}", *failure_lines(run)])
    if run.stopped:
        return stopped_line(run)
    versions = [str(o.version) for o in run.report.outcomes if o.result != "failed"]
    named = f": {', '.join(versions)}" if 0 < len(versions) <= 3 else ""
    return f"{done} migration(s) {verb}{named}"


def failed_line(run: RunSummary) -> str:
    """`0008 failed at 0008_x.down.sql:3; its transaction was rolled back: 0008 is still applied`, or, for a
    no-transaction migration left part-way, how far it got."""
    failed = next((o for o in run.report.outcomes if o.result == "failed"), None)
    if failed is None:
        return ""
    where = f" at {PurePath(failed.failure.path).name}:{failed.failure.line}" if failed.failure else ""
    verb = "applied" if run.direction == "up" else "reverted"
    if run.failed_state == "failed":
        how_far = f" ({run.failed_detail})" if run.failed_detail else ""
        left = f"; left partly {verb}{how_far}: fix it, then run again to resume"
    elif run.failed_state is not None:
        left = f"; its transaction was rolled back: {failed.version} is still {run.failed_state}"
    else:
        left = ""
    return f"{failed.version} failed{where}{left}"


def failure_lines(run: RunSummary) -> list[str]:
    """PostgreSQL's words for the failure: `SQLSTATE message`, then `DETAIL:`, `HINT:`, `CONTEXT:`."""
    failed = next((o for o in run.report.outcomes if o.result == "failed"), None)
    if failed is None or failed.failure is None:
        return [f"{run.error}" + (f" ({run.hint})" if run.hint else "")] if run.error else []
    f = failed.failure
    lines = [f"{f.sqlstate} {f.message}" if f.sqlstate else f.message]
    lines += [f"{label}:  {text}" for label, text in (("DETAIL", f.detail), ("HINT", f.hint),
                                                       ("CONTEXT", f.context)) if text]  # fmt: skip
    return lines


def _versions(versions: list[str]) -> str:
    return ", ".join(versions[:3]) + (f" and {len(versions) - 3} more" if len(versions) > 3 else "")


def stopped_line(run: RunSummary) -> str:
    """`stopped at a safe point: 0001 applied, 0002 not applied (the operator asked to stop)`; a
    migration left part-way says how far: `0006 backfill stopped at 34 %, resumable`."""
    verb = "applied" if run.direction == "up" else "reverted"
    done = [str(o.version) for o in run.report.outcomes if o.result != "failed"]
    parts = [f"{_versions(done)} {verb}"] if done else []
    partway = dict(run.left_stopped)  # a backfill stopped at 34 % is not `not applied`: it resumes
    parts.extend(f"{v} {partway[v]}" for v in run.skipped if v in partway)
    untouched = [v for v in run.skipped if v not in partway]
    if untouched:
        parts.append(f"{_versions(untouched)} not {verb}")
    what = ", ".join(parts) or f"nothing {verb}"
    return f"stopped at a safe point: {what} ({run.stopped})"


def log_hint(run: RunSummary) -> str:
    """Where the run's log is."""
    where = f"`migwiz log --run {run.run_id[:8]}`" if run.run_id else "the central log (`migwiz log`)"
    if run.log_file:
        where += f" and {run.log_file}"
    return where


def summary_markdown(run: RunSummary, verify: VerifyReport | None = None) -> str:
    """The summary document."""
    lines = [
        f"# migwiz run {run.run_id or ''}".rstrip(),
        "",
        f"- target: {run.target}",
        f"- direction: {run.direction}",
        f"- started: {run.started_at:%Y-%m-%d %H:%M:%S %Z}",
        f"- took: {humanize.duration((run.finished_at - run.started_at).total_seconds())}",
        "- outcome: " + outcome_line(run).replace("\n", "\n  "),
        f"- longest lock wait we caused others: {humanize.wait(run.longest_wait_caused_s)}",
        f"- lock_timeout at the end: {humanize.duration(run.lock_timeout_ms / 1000)}",
        f"- log: {log_hint(run)}",
        "",
        "## Migrations",
        "",
        "| version | name | result | duration | statements |",
        "|---|---|---|---:|---:|",
    ]
    for o in run.report.outcomes:
        lines.append(
            f"| {o.version} | {o.name} | {o.result} | {humanize.duration(o.duration_ms / 1000)} |"
            f" {o.statements_run} |"
        )
    for version in run.skipped:
        lines.append(f"| {version} | | not run (stopped) | | |")
    if verify is not None:
        lines += ["", "## Verification", ""]
        for check in verify.checks:
            word = "skipped" if check.status == "skip" else "warning" if check.status == "warn" else "ok"
            lines.append(f"- {word if check.ok else 'FAILED'}: {check.name}")
            if check.detail and not check.ok:
                lines += ["", "```", check.detail, "```", ""]
    return "\n".join(lines) + "\n"
