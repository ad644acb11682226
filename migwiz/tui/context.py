"""What the wizard is pointed at and what it has learned so far: plain data, no Textual.

`WizardContext` is fixed for the app's life (target, settings, mode, and the one `Project` built from them).
`WizardData` collects the engine's answers step by step, so a revisited screen shows what was found without
asking the server again, and tests can hand screens fixed data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from migwiz.engine.types import MigrationSet, Project, Settings, Version

Mode = Literal["migrate", "rollback", "watch"]


@dataclass(frozen=True)
class WizardContext:
    """The target and how the wizard was opened.

    `live=False` turns every poller and every automatic engine call off: screens only show `WizardData`
    (snapshot tests). `demo` names the demo session when opened by `migwiz demo`.
    """

    dsn: str
    settings: Settings
    mode: Mode = "migrate"
    live: bool = True
    demo: bool = False
    poll_interval_s: float = 0.5
    cursor_blink: bool = True
    fleet_file: Path | None = None
    """The project's fleet file (`fleet_file_here()`): the Target step then offers the fleet screen."""

    @cached_property
    def project(self) -> Project:
        """The one project of the session: every engine call of the wizard works on it, so the migration
        set is loaded once and the run takes the log's file, syslog and retention from the settings."""
        return Project(self.dsn, self.settings)

    @property
    def database(self) -> str:
        """The target database's name (what the operator types to confirm)."""
        from migwiz.engine.commands import dsn_params
        from migwiz.engine.errors import ConnectionFailed

        try:
            params = dsn_params(self.dsn)
        except ConnectionFailed:
            return ""
        return str(params.get("dbname") or params.get("user") or "")


def fleet_file_here(settings: Settings) -> Path | None:
    """The fleet file found from the working directory (as `migwiz fleet` finds it), None without one; a
    fleet file with a mistake is still returned (the fleet screen says what is wrong)."""
    from migwiz.engine.commands import load_fleet
    from migwiz.engine.errors import ConfigError

    try:
        return load_fleet(schema=settings.schema).path
    except ConfigError as exc:
        path = exc.message.split(": ", 1)[0]
        return Path(path) if not exc.message.startswith("no fleet") and Path(path).is_file() else None


@dataclass
class WizardData:
    """What the engine answered, filled step by step (every field None until its step ran)."""

    target: Any = None  # backend.TargetView
    mset: MigrationSet | None = None
    statuses: list[Any] | None = None  # engine.status.MigrationStatus
    lint: Any = None  # engine.analysis.LintReport
    backup: Any = None  # engine.backup.BackupReport
    dump: Any = None  # engine.backup.DumpResult
    plan: Any = None  # backend.ImpactReport (from engine.plan for ups)
    dry_run: Any = None  # engine.dryrun.DryRunReport
    run: Any = None  # execution.RunSummary
    verify: Any = None  # backend.VerifyReport
    recent: Any = None  # backend.RecentChanges
    rollback_to: Version | None = None
    apply_to: Version | None = None  # `u` on the pending screen: apply up to and including this version
    allow_edited: tuple[str, ...] = ()  # edited applied files the operator confirmed rolling back over
    errors: dict[str, str] = field(default_factory=dict)
    export_dir: Path = field(default_factory=Path.cwd)
