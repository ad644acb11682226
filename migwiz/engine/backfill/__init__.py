"""Backfills: one plain UPDATE run in key (or block) ranges by parallel workers, throttled, resumable and
controllable."""

from __future__ import annotations

from migwiz.engine.backfill.control import BackfillStatus, backfill_status, control_backfill
from migwiz.engine.backfill.execute import Backfill, BackfillResult
from migwiz.engine.backfill.progress import BackfillProgress, WorkerProgress, progress_from_json
from migwiz.engine.backfill.spec import BackfillSpec, parse_backfill
from migwiz.engine.backfill.store import Checkpoint, Control, ensure_backfill_state
from migwiz.engine.backfill.throttle import BackfillSettings

__all__ = [
    "Backfill",
    "BackfillProgress",
    "BackfillResult",
    "BackfillSettings",
    "BackfillSpec",
    "BackfillStatus",
    "Checkpoint",
    "Control",
    "WorkerProgress",
    "backfill_status",
    "control_backfill",
    "ensure_backfill_state",
    "parse_backfill",
    "progress_from_json",
]
