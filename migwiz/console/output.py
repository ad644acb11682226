"""Human output of the CLI: one rich console for stdout, one for stderr."""

from __future__ import annotations

import json
import os
import sys
from typing import Any, TextIO, cast

from rich.console import Console
from rich.table import Table
from rich.text import Text

from migwiz.console import tables
from migwiz.console.escape import EscapeHook
from migwiz.engine.commands import ScrubbedStream, scrub, scrub_value
from migwiz.engine.types import Event, LintReport
from migwiz.present import LEVEL_STYLES as LEVEL_STYLES
from migwiz.present import SEVERITY_STYLES
from migwiz.present import STATE_STYLES as STATE_STYLES

stdout = Console(file=cast(TextIO, ScrubbedStream("stdout")), highlight=False, soft_wrap=True)
stderr = Console(file=cast(TextIO, ScrubbedStream("stderr")), highlight=False, soft_wrap=True)
for _console in (stdout, stderr):
    _console.push_render_hook(EscapeHook())  # file names and messages never drive the terminal


def emit_json(payload: Any) -> None:
    """Write one JSON document to stdout, every string in it scrubbed of secrets."""
    text = json.dumps(scrub_value(json.loads(json.dumps(payload, default=str))), indent=2)
    sys.stdout.write(scrub(text) + "\n")
    sys.stdout.flush()


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


def print_lint(report: LintReport) -> None:
    """Findings grouped by file: `path:line severity rule: message`, then the fix, then a summary."""
    counts = {"error": 0, "warning": 0, "info": 0}
    for script in report.files:
        findings = [(f.line, f) for f in script.findings]
        for st in script.statements:
            findings.extend((f.line, f) for f in st.findings)
        for line, f in sorted(findings, key=lambda item: item[0]):
            counts[f.severity] += 1
            head = Text(f"{script.path}:{line} ")
            head.append(f"{f.severity} ", style=SEVERITY_STYLES[f.severity])
            head.append(f"{f.rule}: ", style="bold")
            head.append(f.message)
            stdout.print(head, soft_wrap=not stdout.is_terminal)  # a terminal: wrapped at words
            if f.fix:
                fix = Text("  fix: " + f.fix.replace("\n", "\n       "), style="dim")
                stdout.print(fix, soft_wrap=not stdout.is_terminal)
    total = sum(len(s.statements) for s in report.files)
    summary = ", ".join(f"{n} {sev}" for sev, n in counts.items())
    stdout.print(f"{len(report.files)} files, {total} statements (PostgreSQL {report.pg_version}): {summary}")
