"""The engine's data types the faces (CLI, wizard) hold and render, in one place: frozen dataclasses and
type aliases only, no behaviour. Faces import `migwiz.engine.commands` for what to do and this module for
what they get back (tests/unit/test_import_contract.py)."""

from __future__ import annotations

from migwiz.engine.analysis import Finding, LintReport, ScriptLint
from migwiz.engine.analysis.risk import RiskyFinding
from migwiz.engine.backfill.progress import BackfillProgress
from migwiz.engine.backup import BackupReport, DumpProgress, DumpResult, TableMode
from migwiz.engine.config import Settings
from migwiz.engine.fleet.rollout import FleetEvent, FleetReport
from migwiz.engine.fleet.targets import Fleet, Target
from migwiz.engine.history.state import HistoryRow
from migwiz.engine.history.status import MigrationStatus
from migwiz.engine.log.eventlog import Event, EventSink, Level
from migwiz.engine.observe import LockWait, Progress, Snapshot
from migwiz.engine.plan import PlanReport
from migwiz.engine.project import Project
from migwiz.engine.run import events as run_events
from migwiz.engine.run.control import RunControl
from migwiz.engine.run.current import CurrentStatement
from migwiz.engine.run.events import Logged, RunEvent, RunFinished, StatementStarted
from migwiz.engine.run.repair import RepairPlan
from migwiz.engine.run.runner import ExecutionPolicy, Runner, RunReport
from migwiz.engine.run.session import MigrateResult, RunSession
from migwiz.engine.servers.target import TargetInfo
from migwiz.engine.sets.model import Migration, MigrationSet, Script, Statement, Version
from migwiz.engine.shadow.dryrun import DryRunReport, DryRunStatement

__all__ = [
    "BackfillProgress",
    "BackupReport",
    "CurrentStatement",
    "DryRunReport",
    "DryRunStatement",
    "DumpProgress",
    "DumpResult",
    "Event",
    "EventSink",
    "ExecutionPolicy",
    "Finding",
    "Fleet",
    "FleetEvent",
    "FleetReport",
    "HistoryRow",
    "Level",
    "LintReport",
    "LockWait",
    "Logged",
    "MigrateResult",
    "Migration",
    "MigrationSet",
    "MigrationStatus",
    "PlanReport",
    "Progress",
    "Project",
    "RepairPlan",
    "RiskyFinding",
    "RunControl",
    "RunEvent",
    "RunFinished",
    "RunReport",
    "RunSession",
    "Runner",
    "Script",
    "ScriptLint",
    "Settings",
    "Snapshot",
    "Statement",
    "StatementStarted",
    "TableMode",
    "Target",
    "TargetInfo",
    "Version",
    "run_events",
]
