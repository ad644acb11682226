"""Human output of the CLI: one rich console for stdout, one for stderr."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast

from rich.console import Console
from rich.table import Table
from rich.text import Text

from migwiz.console import tables
from migwiz.console.escape import EscapeHook, escape_controls
from migwiz.engine.commands import ScrubbedStream, scrubbed_json
from migwiz.present import LEVEL_STYLES as LEVEL_STYLES
from migwiz.present import SEVERITY_STYLES
from migwiz.present import STATE_STYLES as STATE_STYLES

if TYPE_CHECKING:
    from migwiz.engine.types import Event, Finding, LintReport

stdout = Console(file=cast(TextIO, ScrubbedStream("stdout")), highlight=False, soft_wrap=True)
stderr = Console(file=cast(TextIO, ScrubbedStream("stderr")), highlight=False, soft_wrap=True)
_PLAIN_CHUNK = 2000
"""Lines of plain lint output written at once."""
for _console in (stdout, stderr):
    _console.push_render_hook(EscapeHook())  # file names and messages never drive the terminal


def emit_json(payload: Any) -> None:
    """Write one JSON document to stdout, every string in it scrubbed of secrets."""
    sys.stdout.write(scrubbed_json(payload) + "\n")
    sys.stdout.flush()


def emit_json_listing(document: dict[str, Any], listed: str) -> None:
    """Write `document` to stdout as it is encoded: its list `listed` one compact item per line.

    For large reports (`lint --json` of a long set): each item is encoded by the C encoder and scrubbed on
    its own, and written before the next is encoded. The other keys are written as `emit_json` does.
    """
    out = sys.stdout
    out.write("{")
    for n, (key, value) in enumerate(document.items()):
        out.write(("\n" if n == 0 else ",\n") + f"  {scrubbed_json(key)}: ")
        if key != listed:
            out.write(scrubbed_json(value).replace("\n", "\n  "))
            continue
        out.write("[")
        for i, item in enumerate(value):
            out.write(("\n    " if i == 0 else ",\n    ") + scrubbed_json(item, indent=None))
        out.write("\n  ]" if value else "]")
    out.write("\n}\n")
    out.flush()


def table(*columns: str) -> Table:
    """A plain table that stays readable at 80 columns and without colour (console/tables.py)."""
    return tables.table(*columns)


class ConsoleSink:
    """Prints events as they happen (human mode)."""

    def __init__(self, console: Console | None = None, *, verbose: bool = False) -> None:
        self.console = console or stderr
        self.verbose = verbose

    def write(self, event: Event) -> None:
        """Print one event line."""
        if event.step == "run" or (event.step in ("statement", "statements") and not self.verbose):
            return  # run start/end and raised errors are said once, by the CLI itself
        if event.step == "plan" and event.level == "error":
            return
        self.console.print(Text(event.message, style=LEVEL_STYLES.get(event.level, "")))

    def close(self) -> None:
        """Nothing to release."""


def no_color() -> bool:
    """NO_COLOR is set (https://no-color.org)."""
    return bool(os.environ.get("NO_COLOR"))


def _sorted_findings(report: LintReport) -> Iterator[tuple[Path, int, Finding]]:
    """Every finding as (script path, line, finding), by file, each file's by line."""
    for script in report.files:
        findings = [(f.line, f) for f in script.findings]
        for st in script.statements:
            findings.extend((f.line, f) for f in st.findings)
        for line, f in sorted(findings, key=lambda item: item[0]):
            yield script.path, line, f


def _lint_summary(report: LintReport, counts: dict[str, int]) -> str:
    total = sum(s.statement_count for s in report.files)
    summary = ", ".join(f"{n} {sev}" for sev, n in counts.items())
    sampled = [s for s in report.files if s.in_file is not None]
    if sampled:  # big files: their repeated data statements were analysed once per shape
        analysed = sum(len(s.statements) for s in sampled)
        held = sum(s.statement_count for s in sampled)
        files = "1 big file" if len(sampled) == 1 else f"{len(sampled)} big files"
        summary += f" ({files}: {analysed} of {held} statements analysed, one per statement shape)"
    return f"{len(report.files)} files, {total} statements (PostgreSQL {report.pg_version}): {summary}"


def print_lint(report: LintReport) -> None:
    """Findings grouped by file: `path:line severity rule: message`, then the fix, then a summary.

    On a terminal through rich (colour, wrapped at words); else written as plain lines, in chunks as they
    are made (escaped and scrubbed as rich's output is): a long set's thousands of findings in a blink.
    """
    counts = {"error": 0, "warning": 0, "info": 0}
    if not stdout.is_terminal:
        out = cast(TextIO, stdout.file)
        lines: list[str] = []
        for path, line, f in _sorted_findings(report):
            counts[f.severity] += 1
            lines.append(f"{path}:{line} {f.severity} {f.rule}: {f.message}\n")
            if f.fix:
                lines.append("  fix: " + f.fix.replace("\n", "\n       ") + "\n")
            if len(lines) >= _PLAIN_CHUNK:
                out.write(escape_controls("".join(lines)))
                lines.clear()
        lines.append(_lint_summary(report, counts) + "\n")
        out.write(escape_controls("".join(lines)))
        out.flush()
        return
    for path, line, f in _sorted_findings(report):
        counts[f.severity] += 1
        head = Text(f"{path}:{line} ")
        head.append(f"{f.severity} ", style=SEVERITY_STYLES[f.severity])
        head.append(f"{f.rule}: ", style="bold")
        head.append(f.message)
        stdout.print(head, soft_wrap=False)  # a terminal: wrapped at words
        if f.fix:
            stdout.print(Text("  fix: " + f.fix.replace("\n", "\n       "), style="dim"), soft_wrap=False)
    stdout.print(_lint_summary(report, counts), markup=False)
