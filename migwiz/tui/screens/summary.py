"""Summary: what ran, durations, the longest lock wait we caused, where the log is; export as Markdown."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from migwiz.engine import humanize
from migwiz.engine.commands import scrub
from migwiz.present import RESULT_STYLES
from migwiz.tui.backend import VerifyReport
from migwiz.tui.execution import RunSummary
from migwiz.tui.markdown import log_hint, outcome_line, summary_markdown
from migwiz.tui.screens.base import WizardScreen


def render_summary(run: RunSummary, verify: VerifyReport | None) -> RenderableType:
    """The outcome, the facts, then one row per migration."""
    style = "bold green" if run.ok and not run.stopped else ("bold yellow" if run.ok else "bold red")
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    facts.add_row("outcome", Text(outcome_line(run), style=style))
    facts.add_row("took", humanize.duration((run.finished_at - run.started_at).total_seconds()))
    facts.add_row("longest wait we caused", humanize.wait(run.longest_wait_caused_s))
    if verify is not None:
        style = "green" if verify.passed else ("bold red" if not verify.ok else "bold yellow")
        facts.add_row("verification", Text(verify.verdict(), style))
    facts.add_row("log", log_hint(run).replace("`", ""))
    table = Table(box=None, header_style="bold", pad_edge=False, expand=False)
    for name, justify in (("version", "left"), ("name", "left"), ("result", "left"), ("took", "right"),
                          ("stmts", "right")):  # fmt: skip
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for o in run.report.outcomes:
        table.add_row(
            str(o.version), o.name, Text(o.result, style=RESULT_STYLES.get(o.result, "")),
            humanize.duration(o.duration_ms / 1000), str(o.statements_run),
        )  # fmt: skip
    for version in run.skipped:
        table.add_row(version, "", Text("not run", style=RESULT_STYLES["not run"]), "", "")
    return Group(facts, Text(""), table)


class SummaryScreen(WizardScreen):
    """The end of the flow."""

    STEP = "summary"
    TITLE = "Summary"
    CSS_PATH = "summary.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("e", "export", "Export Markdown"),
        Binding("q", "quit", "Quit"),
    ]

    def body(self) -> ComposeResult:
        with VerticalScroll(id="summary-scroll"):
            yield Static("", id="summary", classes="section")

    def show_data(self) -> None:
        run = self.wizard.data.run
        if not isinstance(run, RunSummary):
            self.query_one("#summary", Static).update(Text("nothing has run", style="dim"))
            return
        verify = self.wizard.data.verify if isinstance(self.wizard.data.verify, VerifyReport) else None
        self.query_one("#summary", Static).update(render_summary(run, verify))
        self.set_status("e exports this summary as Markdown · q quits")

    def action_export(self) -> None:
        """Write the summary to migwiz-run-<id>.md in the export folder."""
        run = self.wizard.data.run
        if not isinstance(run, RunSummary):
            return
        verify = self.wizard.data.verify if isinstance(self.wizard.data.verify, VerifyReport) else None
        path = self.wizard.data.export_dir / f"migwiz-run-{(run.run_id or 'unknown')[:8]}.md"
        try:
            path.write_text(scrub(summary_markdown(run, verify)), encoding="utf-8")
        except OSError as exc:
            self.set_status(Text(f"could not write {path}: {exc.strerror}", style="bold red"), error=True)
            return
        self.set_status(Text(f"written: {path}", style="green"))

    def action_quit(self) -> None:
        """Leave the wizard."""
        self.app.exit(0 if isinstance(self.wizard.data.run, RunSummary) and self.wizard.data.run.ok else 1)
