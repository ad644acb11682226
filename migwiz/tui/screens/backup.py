"""Step 3: backup check — point-in-time-recovery readiness with its reasons; a dump with a progress bar."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import ProgressBar, Static

from migwiz.engine import humanize
from migwiz.engine.commands import backup_check, backup_dump, plan_dump
from migwiz.engine.types import BackupReport, DumpProgress, DumpResult
from migwiz.present import BACKUP_LEVEL_STYLES, BACKUP_VERDICT_STYLES
from migwiz.tui import backend
from migwiz.tui.messages import BackupChecked, BackupProgress, DumpTaken, StepFailed
from migwiz.tui.screens.base import WizardScreen
from migwiz.tui.widgets.indent import UnitText, indented


def render_backup(report: BackupReport) -> RenderableType:
    """Verdict, reasons, then the facts they rest on."""
    parts: list[RenderableType] = [
        Text.assemble(
            ("Point-in-time recovery: ", "bold"), (report.verdict, BACKUP_VERDICT_STYLES[report.verdict])
        )
    ]
    for reason in report.reasons:
        parts.append(
            indented(f"{reason.level}: {reason.text}", style=BACKUP_LEVEL_STYLES.get(reason.level, ""))
        )
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    facts.add_row("wal_level", report.wal_level)
    facts.add_row("archive_mode", report.archive_mode)
    facts.add_row("archive_command", report.archive_command or report.archive_library or "(none)")
    a = report.archiver
    last = humanize.ago(a.last_archived_age_s) if a.last_archived_age_s is not None else "never"
    facts.add_row("archived", f"{a.archived_count} segments, last {last}; {a.failed_count} failures")
    for replica in report.replicas:
        facts.add_row(f"standby {replica.name}", replica.summary())
    for disk in report.disks:
        facts.add_row(
            f"free ({disk.what})", f"{humanize.size(disk.free_bytes)} of {humanize.size(disk.total_bytes)}"
        )
    parts.append(facts)
    for note in report.notes:
        parts.append(indented(f"note: {note}", style="dim"))
    return Group(*parts)


def render_dump(result: DumpResult) -> UnitText:
    """The verified dump: file, size, checksum, tables (a size or a duration never parted from its unit)."""
    tables = ", ".join(t.qualified for t in result.tables) or "the whole database"
    return UnitText(
        Text.assemble(
            ("Dump verified: ", "bold green"),
            f"{result.path} · {humanize.size(result.size)} · {humanize.duration(result.elapsed_s)}\n",
            f"  tables: {tables}\n  sha256: {result.sha256[:16]}…",
        )
    )


class BackupScreen(WizardScreen):
    """Readiness verdict and reasons; `t` takes a verified dump of the tables the migrations touch."""

    STEP = "backup"
    TITLE = "Backup check"
    CSS_PATH = "backup.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        *WizardScreen.BINDINGS,
        Binding("t", "dump", "Take a dump"),
        Binding("n", "next", "Next"),
    ]

    dump_total: reactive[float | None] = reactive(None)
    dump_done: reactive[float] = reactive(0.0)
    dumping: reactive[bool] = reactive(False)

    def watch_dumping(self, dumping: bool) -> None:
        self.query_one("#dump-bar", ProgressBar).display = dumping

    def body(self) -> ComposeResult:
        with VerticalScroll(id="backup-scroll"):
            yield Static("", id="backup-report", classes="section")
            yield Static("", id="dump-label", classes="section")
            yield ProgressBar(id="dump-bar", show_eta=False).data_bind(
                total=BackupScreen.dump_total, progress=BackupScreen.dump_done
            )
            yield Static("", id="dump-result", classes="section")

    def has_data(self) -> bool:
        return self.wizard.data.backup is not None

    @work(thread=True, exclusive=True, exit_on_error=False, group="backup")
    def load(self) -> None:
        project = self.wizard.context.project
        self.deliver("backup", lambda: backup_check(project), BackupChecked)

    def on_backup_checked(self, message: BackupChecked) -> None:
        self.succeeded("backup")
        self.wizard.data.backup = message.report
        self.show_data()

    def on_dump_taken(self, message: DumpTaken) -> None:
        self.succeeded("dump")
        self.show_dump(message.dump)

    def step_failed(self, message: StepFailed) -> None:
        if message.step == "dump":
            self.dumping = False
            self.query_one("#dump-label", Static).update(Text("dump failed", style="bold red"))

    def show_data(self) -> None:
        report = self.wizard.data.backup
        if isinstance(report, BackupReport):
            self.query_one("#backup-report", Static).update(render_backup(report))
            self.set_status("t takes a verified pg_dump of the tables the pending migrations touch")
        dump = getattr(self.wizard.data, "dump", None)
        if isinstance(dump, DumpResult):
            self.show_dump(dump)

    def show_dump(self, result: DumpResult | None) -> None:
        """The verified dump."""
        if result is None:
            self.query_one("#dump-result", Static).update(Text("nothing to dump", style="dim"))
            return
        self.wizard.data.dump = result
        self.dumping = False
        self.query_one("#dump-label", Static).update("")
        self.query_one("#dump-result", Static).update(render_dump(result))

    def action_dump(self) -> None:
        """Take the dump (in a worker; the bar follows the file as it grows)."""
        if not self.wizard.context.live:
            return
        self.query_one("#dump-label", Static).update("dumping…")
        self.dump_total, self.dump_done = None, 0.0
        self.dumping = True
        self.take_dump()

    @work(thread=True, exclusive=True, exit_on_error=False, group="dump")
    def take_dump(self) -> None:
        ctx = self.wizard.context
        check = self.wizard.data.backup if isinstance(self.wizard.data.backup, BackupReport) else None
        export_dir = self.wizard.data.export_dir

        def progress(p: DumpProgress) -> None:
            self.post_message(
                BackupProgress(p.bytes_written, None, f"{humanize.size(p.bytes_written)} written")
            )

        def run() -> DumpResult | None:
            backend.migration_set(ctx.project)  # a missing folder: said as the wizard says it
            plan = plan_dump(ctx.project, "auto")
            if plan.empty:
                return None
            out = ctx.settings.config_path.parent if ctx.settings.config_path else export_dir
            return backup_dump(ctx.project, plan, out / "backups", progress=progress, check=check)

        self.deliver("dump", run, DumpTaken)

    def on_backup_progress(self, message: BackupProgress) -> None:
        self.query_one("#dump-label", Static).update(f"dumping: {message.label}")
