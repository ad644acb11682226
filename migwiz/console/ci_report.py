"""The Markdown summary of `migwiz ci`: fit for `$GITHUB_STEP_SUMMARY` and a pull-request comment."""

from __future__ import annotations

from pathlib import Path

from migwiz.engine.analysis import Finding
from migwiz.engine.analysis.model import SEVERITIES
from migwiz.engine.ci import CiReport
from migwiz.engine.model import Migration

ICONS = {
    "passed": "✅",
    "failed": "❌",
    "error": "⛔",
    "skipped": "⏭️",
    "report-only": "📝",
}
SEVERITY_ICONS = {"error": "🔴", "warning": "🟠", "info": "🔵"}
VERDICT_ICONS = {"safe": "✅ safe", "quiet_window": "🌙 quiet window", "dangerous": "⚠️ dangerous"}


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell: one line, pipes escaped.

    >>> cell("a | b\\nc")
    'a \\\\| b c'
    """
    return " ".join(text.replace("|", "\\|").split())


def render_markdown(report: CiReport, *, top: int = 10) -> str:
    """The whole summary: verdict, gates, one row per migration, top findings, failures, drift, plan."""
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
    lines += _migrations(report)
    lines += _findings(report, top)
    lines += _rollback_failures(report)
    lines += _drift(report)
    lines += _plan(report)
    shadow = f" · shadow: {report.shadow}" if report.shadow else ""
    total = report.timings_ms.get("total", 0.0) / 1000
    lines.append(
        f"<sub>{len(report.mset.migrations)} migrations in `{report.mset.root}`{shadow} · {total:.1f} s</sub>"
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


def _migrations(report: CiReport) -> list[str]:
    found = _by_file(report)
    rollback = {r.version: r for r in report.rollback.results} if report.rollback else {}
    plans = {p.version: p for p in report.plan.migrations} if report.plan else {}
    header = "| version | name | lint | rollback |" + (" plan |" if report.plan else "")
    lines = ["### Migrations", "", header, "| --- | --- | --- | --- |" + (" --- |" if report.plan else "")]
    for m in report.mset.migrations:
        r = rollback.get(m.version)
        rb = (
            "—" if r is None else f"{ICONS.get(r.result, '')} {r.result}" + (f" ({r.step})" if r.step else "")
        )
        row = f"| {m.version} | {cell(m.name)} | {_lint_cell(m, found)} | {cell(rb)} |"
        if report.plan:
            p = plans.get(str(m.version))
            row += f" {VERDICT_ICONS.get(p.verdict, p.verdict) if p else '— (applied)'} |"
        lines.append(row)
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
    for r in failed:
        lines += [
            f"<details><summary>{r.label}: {r.step or 'failed'}</summary>",
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
    lines += [
        f"- **{d.kind}** {d.object_type} `{d.name}`: {d.sentence}" for d in report.drift.differences[:20]
    ]
    return [*lines, ""]


def _plan(report: CiReport) -> list[str]:
    if report.plan is None:
        return []
    lines = ["### Plan", "", f"Against {report.plan.database}:", ""]
    if not report.plan.migrations:
        return [*lines, "Nothing pending.", ""]
    for m in report.plan.migrations:
        lines.append(
            f"- `{m.version}_{m.name}`: {VERDICT_ICONS.get(m.verdict, m.verdict)}, about {m.estimate_s:.1f} s"
        )
        lines += [f"  - {r.message}" + (f" (fix: {cell(r.fix)})" if r.fix else "") for r in m.reasons[:3]]
    return [*lines, ""]


def _rel(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()
