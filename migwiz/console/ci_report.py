"""The Markdown summary of `migwiz ci`: fit for `$GITHUB_STEP_SUMMARY` and a pull-request comment."""

from __future__ import annotations

from pathlib import Path

from migwiz.engine import humanize
from migwiz.engine.types import SEVERITIES, CiReport, Finding, Migration

ICONS = {
    "passed": "✅",
    "failed": "❌",
    "error": "⛔",
    "skipped": "⏭️",
    "report-only": "📝",
}
SEVERITY_ICONS = {"error": "🔴", "warning": "🟠", "info": "🔵"}
VERDICT_ICONS = {
    "safe": "✅ safe",
    "unverified": "❔ not shown to run",
    "quiet_window": "🌙 quiet window",
    "dangerous": "⚠️ dangerous",
}


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell: one line, pipes escaped.

    >>> cell("a | b\\nc")
    'a \\\\| b c'
    """
    return " ".join(text.replace("|", "\\|").split())


SUMMARY_LIMIT = 60_000
"""A pull-request comment holds 65,536 characters: the summary stays under this, details go to a file."""


def render_markdown(
    report: CiReport, *, top: int = 10, details: str | None = None, limit: int = SUMMARY_LIMIT
) -> str:
    """The summary: verdict, gates, one row per migration, top findings, failures, drift, plan.

    Longer than `limit`, it keeps the verdict and the gates, lists only the migrations with something to
    say, and cuts the rest at a section boundary with a link to `details` (the full report's file or URL).
    """
    full = render_details(report, top=top)
    link = f"Full report: [{details}]({details})" if details else "Full report: pass `--details-file`"
    if len(full) <= limit:
        return full
    head, body = _compact(report, top)
    budget = limit - len(link) - 400
    lines = list(head)
    used = sum(len(line) + 1 for line in lines)
    for line in body:
        if used + len(line) + 1 > budget:
            lines += ["", f"**The summary is cut short here ({len(full):,} characters in full).** {link}", ""]
            break
        lines.append(line)
        used += len(line) + 1
    else:
        lines += ["", link, ""]
    return "\n".join(lines) + "\n"


def _compact(report: CiReport, top: int) -> tuple[list[str], list[str]]:
    """(verdict and gates, everything else with clean migrations left out of the table)."""
    table = _migrations(report, notable_only=True)
    body = [*table, *_findings(report, top), *_rollback_failures(report), *_drift(report), *_plan(report)]
    return _head(report), body


def _head(report: CiReport) -> list[str]:
    lines: list[str] = []
    failed = [g for g in report.gates if g.exit_code]
    title = (
        "all gates passed"
        if not failed
        else f"{len(failed)} gate(s) failed: " + ", ".join(g.name for g in failed)
    )
    lines += [f"## {'✅' if not failed else '❌'} migwiz ci: {title}", ""]
    lines += ["| gate | result | detail |", "| --- | --- | --- |"]
    for g in report.gates:
        lines.append(f"| {g.name} | {ICONS[g.status]} {g.status} | {cell(g.detail)} |")
    lines.append("")
    return lines


def render_details(report: CiReport, *, top: int = 10) -> str:
    """The whole report as Markdown, whatever its length (the `--details-file`)."""
    lines = _head(report)
    lines += _migrations(report)
    lines += _findings(report, top)
    lines += _rollback_failures(report)
    lines += _drift(report)
    lines += _plan(report)
    shadow = f" · shadow: {report.shadow}" if report.shadow else ""
    total = humanize.duration(report.timings_ms.get("total", 0.0) / 1000)
    lines.append(
        f"<sub>{len(report.mset.migrations)} migrations in `{report.mset.root}`{shadow} · {total}</sub>"
    )
    return "\n".join(lines) + "\n"


def _by_file(report: CiReport) -> dict[Path, list[Finding]]:
    out: dict[Path, list[Finding]] = {}
    for path, f in report.lint.all_findings():
        out.setdefault(path.resolve(), []).append(f)
    return out


def _lint_cell(m: Migration, found: dict[Path, list[Finding]]) -> str:
    paths = {m.up.path.resolve()} | ({m.down.path.resolve()} if m.down else set())
    findings = [f for p in paths for f in found.get(p, [])]
    if not findings:
        return "✅ clean"
    worst = max(findings, key=lambda f: SEVERITIES.index(f.severity)).severity
    counts = ", ".join(
        f"{n} {sev}" for sev in reversed(SEVERITIES) if (n := sum(f.severity == sev for f in findings))
    )
    return f"{SEVERITY_ICONS[worst]} {counts}"


def _migrations(report: CiReport, *, notable_only: bool = False) -> list[str]:
    """The table of migrations; `notable_only` leaves out those with clean lint and a passed test."""
    found = _by_file(report)
    omitted = 0
    rollback = {r.version: r for r in report.rollback.results} if report.rollback else {}
    plans = {p.version: p for p in report.plan.migrations} if report.plan else {}
    header = "| version | name | lint | rollback |" + (" plan |" if report.plan else "")
    lines = ["### Migrations", "", header, "| --- | --- | --- | --- |" + (" --- |" if report.plan else "")]
    for m in report.mset.migrations:
        r = rollback.get(m.version)
        rb = "—" if r is None else f"{ICONS.get(r.result, '')} {r.verdict}"
        lint = _lint_cell(m, found)
        if notable_only and lint == "✅ clean" and (r is None or r.result == "passed"):
            omitted += 1
            continue
        row = f"| {m.version} | {cell(m.name)} | {lint} | {cell(rb)} |"
        if report.plan:
            p = plans.get(str(m.version))
            row += f" {VERDICT_ICONS.get(p.verdict, p.verdict) if p else '— (applied)'} |"
        lines.append(row)
    if omitted:
        lines += ["", f"{omitted} migration(s) with clean lint and a passed rollback test are not listed."]
    return [*lines, ""]


def _findings(report: CiReport, top: int) -> list[str]:
    findings = sorted(report.lint.all_findings(), key=lambda pf: -SEVERITIES.index(pf[1].severity))
    shown = [pf for pf in findings if pf[1].severity != "info"][:top]
    if not shown:
        return []
    lines = [f"### Top findings ({len(shown)} of {len(findings)})", ""]
    for path, f in shown:
        lines.append(
            f"- {SEVERITY_ICONS[f.severity]} **{f.severity}** `{f.rule}` `{_rel(path)}:{f.line}`: {f.message}"
        )
        if f.fix:
            lines += ["  <details><summary>fix</summary>", "", "  ```sql"]
            lines += [f"  {line}" for line in f.fix.splitlines()]
            lines += ["  ```", "  </details>"]
    return [*lines, ""]


def _rollback_failures(report: CiReport) -> list[str]:
    if report.rollback is None:
        return []
    failed = [r for r in report.rollback.results if r.result == "failed"]
    if not failed:
        return []
    lines = ["### Rollback failures", ""]
    if report.rollback.options:
        lines += [f"Options: {', '.join(report.rollback.options)}.", ""]
    for r in failed:
        lines += [
            f"<details><summary>{r.label}: {r.verdict}</summary>",
            "",
            "```",
            r.details(),
            "```",
        ]
        lines += ["</details>", ""]
    return lines


def _drift(report: CiReport) -> list[str]:
    if report.drift is None:
        return []
    if not report.drift.drifted:
        return ["### Drift", "", f"No drift on {report.drift_target}.", ""]
    lines = ["### Drift", "", f"{report.drift_target}:", ""]
    lines += [f"- **{d.kind}** {d.object_type} `{d.name}`: {d.sentence}" for d in report.drift.differences]
    return [*lines, ""]


def _plan(report: CiReport) -> list[str]:
    if report.plan is None:
        return []
    lines = ["### Plan", "", f"Against {report.plan.database}:", ""]
    if not report.plan.migrations:
        return [*lines, "Nothing pending.", ""]
    for m in report.plan.migrations:
        about = humanize.duration(m.estimate_s)
        lines.append(f"- `{m.version}_{m.name}`: {VERDICT_ICONS.get(m.verdict, m.verdict)}, about {about}")
        lines += [f"  - {r.message}" + (f" (fix: {cell(r.fix)})" if r.fix else "") for r in m.reasons[:3]]
    return [*lines, ""]


def _rel(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()
