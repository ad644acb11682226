"""A script with syntax highlighting and its findings shown under the statement they are about."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.syntax import Syntax
from rich.text import Text

from migwiz.engine.types import Finding, Script, ScriptLint
from migwiz.present import SEVERITY_MARKS, SEVERITY_STYLES
from migwiz.tui.widgets.indent import indented


def finding_lines(finding: Finding) -> list[RenderableType]:
    """`! warning rule-id: message` and, when there is one, `  fix: ...`; wrapped lines stay indented."""
    style = SEVERITY_STYLES.get(finding.severity, "")
    head = Text(f"{SEVERITY_MARKS.get(finding.severity, '-')} {finding.severity} ", style=style)
    head.append(finding.rule, style="bold")
    head.append(f": {finding.message}")
    lines: list[RenderableType] = [indented(head, 2)]
    if finding.fix:
        lines.append(indented(f"fix: {finding.fix}", 4, style="green"))
    return lines


def render_script(script: Script, lint: ScriptLint | None, *, title: str | None = None) -> RenderableType:
    """Every statement highlighted with its file line numbers, followed by its findings."""
    parts: list[RenderableType] = []
    if title:
        parts.append(Text(title, style="bold"))
    analyses = lint.statements if lint is not None else ()
    for index, stmt in enumerate(script.statements):
        parts.append(
            Syntax(
                stmt.sql.strip("\n"), "sql", theme="ansi_dark", line_numbers=True, start_line=stmt.line,
                word_wrap=True, background_color="default",
            )
        )  # fmt: skip
        if index < len(analyses):
            st = analyses[index]
            locks = ", ".join(f"{lock.mode.removesuffix('Lock')} on {lock.relation}" for lock in st.own_locks)
            info = Text(st.kind, style="dim")
            if locks:
                info.append(f" · {locks}", style="dim")
            if st.rewrites:
                info.append(f" · rewrites {', '.join(st.rewrites)}", style="dim")
            parts.append(indented(info))
            for finding in st.findings:
                parts.extend(finding_lines(finding))
    if lint is not None:
        for finding in lint.findings:
            parts.extend(finding_lines(finding))
    if not script.statements:
        parts.append(Text("(empty script)", style="dim"))
    return Group(*parts)
