"""Verify and rollback test: history, schema drift and up → down → up on a shadow, with diffs shown."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from migwiz.present import CHECK_STYLES
from migwiz.tui import backend
from migwiz.tui.backend import Check, VerifyReport
from migwiz.tui.execution import RunSummary
from migwiz.tui.markdown import outcome_line
from migwiz.tui.messages import StepFailed, VerifyChecked
from migwiz.tui.screens.base import WizardScreen


def render_checks(checks: tuple[Check, ...], running: tuple[str, ...] = ()) -> RenderableType:
    """✓/✗ per check, its detail (diff lines coloured by their mark) under it."""
    parts: list[RenderableType] = []
    for check in checks:
        mark, style = ("✓ ok  ", CHECK_STYLES["pass"]) if check.ok else ("✗ FAIL", CHECK_STYLES["fail"])
        if check.status == "warn":
            mark, style = ("! warn", CHECK_STYLES["warn"])
        elif check.status == "skip":
            mark, style = ("- skip", CHECK_STYLES["skip"])
        parts.append(Text.assemble((mark, style), " ", (check.name, "bold")))
        for line in check.detail.splitlines():
            stripped = line.lstrip()
            colour = {"+": "green", "-": "red", "~": "yellow"}.get(stripped[:1], "")
            parts.append(Padding(Text(line, style=colour), (0, 0, 0, 4)))
    for name in running:
        parts.append(Text(f"… {name}", style="dim"))
    return Group(*parts)


class VerifyScreen(WizardScreen):
    """What the run left behind, checked."""

    STEP = "verify"
    TITLE = "Verify & rollback test"
    CSS_PATH = "verify.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [*WizardScreen.BINDINGS, Binding("n", "next", "Next")]

    CHECKS = ("history", "target", "rollback test")

    def body(self) -> ComposeResult:
        with VerticalScroll(id="verify-scroll"):
            yield Static("", id="checks", classes="section")

    def has_data(self) -> bool:
        return isinstance(self.wizard.data.verify, VerifyReport)

    @work(thread=True, exclusive=True, exit_on_error=False, group="verify")
    def load(self) -> None:
        ctx = self.wizard.context
        run = self.wizard.data.run
        touched: list[str] = []
        applied: list[str] = []
        reverted: list[str] = []
        if isinstance(run, RunSummary):
            for o in run.report.outcomes:
                touched.append(str(o.version))
                if o.result == "applied":
                    applied.append(str(o.version))
                elif o.result == "reverted":
                    reverted.append(str(o.version))
        self.deliver(
            "history",
            lambda: backend.verify_after_run(ctx.project, expect_applied=applied, expect_pending=reverted),
            lambda report: VerifyChecked("history", report.checks),
        )
        self.deliver(
            "target",
            lambda: backend.verify_target(ctx.project),
            lambda report: VerifyChecked("target", report.checks),
        )
        self.deliver(
            "rollback test",
            lambda: backend.verify_rollback(ctx.project, touched),
            lambda check: VerifyChecked("rollback test", (check,)),
        )

    def on_mount(self) -> None:
        self.partial: list[Check] = []
        super().on_mount()

    def load_started(self) -> None:
        self.partial = []

    def action_refresh(self) -> None:
        self.partial = []
        self.wizard.data.verify = None
        super().action_refresh()

    def on_verify_checked(self, message: VerifyChecked) -> None:
        self.succeeded(message.step)
        self.partial.extend(message.checks)
        self.show_progress(message.step)

    def step_failed(self, message: StepFailed) -> None:
        hint = f" — {message.hint}" if message.hint else ""
        self.partial.append(Check(message.step, False, f"could not run: {message.error}{hint}"))
        self.show_progress(message.step)

    def show_progress(self, step: str) -> None:
        """Checks so far, and those still running."""
        left = self.CHECKS[self.CHECKS.index(step) + 1 :] if step in self.CHECKS else ()
        self.query_one("#checks", Static).update(render_checks(tuple(self.partial), left))
        if not left:
            report = VerifyReport(tuple(self.partial))
            self.wizard.data.verify = report
            self.show_data()

    def show_data(self) -> None:
        report = self.wizard.data.verify
        if isinstance(report, VerifyReport):
            self.query_one("#checks", Static).update(render_checks(report.checks))
            style = "green" if report.passed else ("bold red" if not report.ok else "bold yellow")
            run = self.wizard.data.run
            done = f"{outcome_line(run)} · " if isinstance(run, RunSummary) and run.ok else ""
            self.set_status(Text(f"{done}{report.verdict()} · n summary", style=style))
        elif not self.wizard.context.live:
            self.query_one("#checks", Static).update(Text("no run to verify", style="dim"))
