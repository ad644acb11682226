"""`backup-check`: point-in-time-recovery readiness, and a verified pg_dump of what migrations touch."""

from __future__ import annotations

from migwiz.engine.backup.check import (
    ArchiverFacts,
    BackupReport,
    DiskFacts,
    Reason,
    SlotFacts,
    Verdict,
    backup_check,
)
from migwiz.engine.backup.dump import (
    DumpPlan,
    DumpProgress,
    DumpResult,
    TableMode,
    TableRef,
    backup_dump,
    plan_dump,
    take_dump,
    verify_dump,
)
from migwiz.engine.backup.replicas import ReplicaFacts

__all__ = [
    "ArchiverFacts",
    "BackupReport",
    "DiskFacts",
    "DumpPlan",
    "DumpProgress",
    "DumpResult",
    "Reason",
    "ReplicaFacts",
    "SlotFacts",
    "TableMode",
    "TableRef",
    "Verdict",
    "backup_check",
    "backup_dump",
    "plan_dump",
    "take_dump",
    "verify_dump",
]
