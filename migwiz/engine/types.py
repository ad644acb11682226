"""The engine's data types the faces (CLI, wizard, console) hold and render, in one place: dataclasses, type
aliases and the constants they are read with, no behaviour. Faces import `migwiz.engine.commands` for what
to do and this module for what they get back (tests/unit/test_import_contract.py).

The run's typed events are reached through their modules, so a face can match on any of them:
`run_events` (statements, lock waits, gates, outcomes), `run_notes` (what the run plans, starts, notices
and is told) `backfill_events` (batches, crews, brakes), `rollback_events` (the rollback test's verdicts) and
`dryrun_events` (the dry run's shadow, samples and verdict), `record_events` (a recorded run started,
pruned, ended), `adopt_events`, `backup_events`, `drift_events`, `ci_events` and `plan_events` (what
`adopt`, `backup-check`, `drift`, `ci` and `plan` log), `abort_events` (the wizard's abort request);
`RunEvent` is the union of them all."""

from __future__ import annotations

from migwiz.engine.adopt import AdoptReport
from migwiz.engine.analysis import Finding, LintReport, ScriptLint
from migwiz.engine.analysis.lintpaths import STDIN
from migwiz.engine.analysis.model import SEVERITIES
from migwiz.engine.analysis.risk import RiskyFinding
from migwiz.engine.analysis.trace import TracedLock, TraceResult
from migwiz.engine.backfill import BackfillStatus, Control
from migwiz.engine.backfill import events as backfill_events
from migwiz.engine.backfill.events import BackfillEvent
from migwiz.engine.backfill.progress import BackfillProgress
from migwiz.engine.backup import BackupReport, DumpPlan, DumpProgress, DumpResult, TableMode
from migwiz.engine.ci import CiReport
from migwiz.engine.config import Settings
from migwiz.engine.fleet.rollout import FleetEvent, FleetReport
from migwiz.engine.fleet.targets import Fleet, Target
from migwiz.engine.history.state import HistoryRow
from migwiz.engine.history.status import MigrationStatus
from migwiz.engine.log import (
    abort_events,
    adopt_events,
    backup_events,
    ci_events,
    drift_events,
    plan_events,
    record_events,
)
from migwiz.engine.log.adopt_events import AdoptEvent
from migwiz.engine.log.backup_events import BackupEvent
from migwiz.engine.log.ci_events import CiEvent
from migwiz.engine.log.drift_events import DriftEvent
from migwiz.engine.log.eventlog import Event, EventSink, Level
from migwiz.engine.log.plan_events import PlanEvent
from migwiz.engine.log.record_events import RecordEvent
from migwiz.engine.observe import LockWait, Progress, ReplicaLag, SessionInfo, Snapshot
from migwiz.engine.plan import VERDICT_TEXT, MigrationPlan, PlanReport, StatementPlan, Verdict
from migwiz.engine.project import Project
from migwiz.engine.rollback import events as rollback_events
from migwiz.engine.rollback.events import RollbackEvent
from migwiz.engine.rollback.prove import RollbackReport
from migwiz.engine.run import events as run_events
from migwiz.engine.run import notes as run_notes
from migwiz.engine.run.control import RunControl
from migwiz.engine.run.current import CurrentStatement
from migwiz.engine.run.events import Logged, RunEvent, RunFinished, StatementStarted
from migwiz.engine.run.notes import RunNote
from migwiz.engine.run.phases import PhaseRow
from migwiz.engine.run.repair import RepairPlan
from migwiz.engine.run.runner import ExecutionPolicy, Runner, RunReport
from migwiz.engine.run.session import MigrateResult, RunSession
from migwiz.engine.schema.drift import DriftReport
from migwiz.engine.schema.verify import VerifyReport
from migwiz.engine.servers.target import TargetInfo
from migwiz.engine.sets.model import Migration, MigrationSet, Script, Statement, Version
from migwiz.engine.shadow import events as dryrun_events
from migwiz.engine.shadow.dryrun import DryRunReport, DryRunStatement
from migwiz.engine.shadow.events import DryRunEvent

__all__ = [
    "SEVERITIES",
    "STDIN",
    "VERDICT_TEXT",
    "AdoptEvent",
    "AdoptReport",
    "BackfillEvent",
    "BackfillProgress",
    "BackfillStatus",
    "BackupEvent",
    "BackupReport",
    "CiEvent",
    "CiReport",
    "Control",
    "CurrentStatement",
    "DriftEvent",
    "DriftReport",
    "DryRunEvent",
    "DryRunReport",
    "DryRunStatement",
    "DumpPlan",
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
    "MigrationPlan",
    "MigrationSet",
    "MigrationStatus",
    "PhaseRow",
    "PlanEvent",
    "PlanReport",
    "Progress",
    "Project",
    "RecordEvent",
    "RepairPlan",
    "ReplicaLag",
    "RiskyFinding",
    "RollbackEvent",
    "RollbackReport",
    "RunControl",
    "RunEvent",
    "RunFinished",
    "RunNote",
    "RunReport",
    "RunSession",
    "Runner",
    "Script",
    "ScriptLint",
    "SessionInfo",
    "Settings",
    "Snapshot",
    "Statement",
    "StatementPlan",
    "StatementStarted",
    "TableMode",
    "Target",
    "TargetInfo",
    "TraceResult",
    "TracedLock",
    "Verdict",
    "VerifyReport",
    "Version",
    "abort_events",
    "adopt_events",
    "backfill_events",
    "backup_events",
    "ci_events",
    "drift_events",
    "dryrun_events",
    "plan_events",
    "record_events",
    "rollback_events",
    "run_events",
    "run_notes",
]
