"""The record of fleet runs: one JSON object per line, appended and flushed, beside the fleet file.

It says which fleet run is open, the wave each target belongs to and where each target got to, so a
rollout killed at any moment resumes with the same fleet run id and wave plan. Each target's own history
stays the truth: a target recorded `running` is looked at again (its own guarantees apply), and a target
recorded `done` is skipped only while its history still says it is in step with the set.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from migwiz.engine.sets.model import MigrationSet

FINISHED = ("success",)
"""Outcomes after which the next `fleet up` starts a new fleet run rather than resuming."""


def set_digest(mset: MigrationSet) -> str:
    """A short digest of the set's versions and up scripts: a resumed run must roll out the same set."""
    h = hashlib.sha256()
    for m in mset.migrations:
        h.update(str(m.version).encode() + b"\0" + m.checksum.encode() + b"\0")
    return h.hexdigest()[:16]


@dataclass
class RunRecord:
    """What the state file says about one fleet run."""

    fleet_run: str
    command: str
    digest: str
    started_at: str
    outcome: str | None = None
    targets: dict[str, str] = field(default_factory=dict)
    """Target name -> its last recorded state (running, done, failed, skipped)."""


def read_records(path: Path) -> Iterator[dict[str, Any]]:
    """Every complete line of the state file (a line cut short by a kill is ignored)."""
    if not path.exists():
        return
    with path.open(encoding="utf-8") as f:
        for line in f:
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict):
                yield record


def last_run(path: Path, fleet_run: str | None = None) -> RunRecord | None:
    """The newest fleet run in the state file (or the one whose id starts with `fleet_run`), streamed."""
    run: RunRecord | None = None
    for record in read_records(path):
        kind = record.get("kind")
        if kind == "run" and (fleet_run is None or str(record.get("fleet_run", "")).startswith(fleet_run)):
            run = RunRecord(record["fleet_run"], record.get("command", "up"), record.get("digest", ""),
                            record.get("at", ""))  # fmt: skip
        elif run is not None and record.get("fleet_run") == run.fleet_run:
            if kind == "target":
                run.targets[str(record["target"])] = str(record["state"])
            elif kind == "finish":
                run.outcome = str(record.get("outcome"))
            elif kind == "resume":
                run.outcome = None
    return run


class StateFile:
    """Appends records of one fleet run; safe to call from the rollout's threads."""

    def __init__(self, path: Path, fleet_run: str) -> None:
        self.path = path
        self.fleet_run = fleet_run
        self._lock = threading.Lock()
        self._file = path.open("a", encoding="utf-8")

    def write(self, kind: str, **data: Any) -> None:
        """Append one record and push it to disk (it must survive a SIGKILL right after)."""
        record = {"kind": kind, "fleet_run": self.fleet_run, "at": datetime.now(UTC).isoformat(), **data}
        line = json.dumps(record, default=str) + "\n"
        with self._lock:
            self._file.write(line)
            self._file.flush()
            os.fsync(self._file.fileno())

    def close(self) -> None:
        """Close the file."""
        self._file.close()


def summarise(states: Mapping[str, str]) -> dict[str, int]:
    """Counts per state, e.g. {"done": 180, "failed": 1, "running": 8}."""
    counts: dict[str, int] = {}
    for state in states.values():
        counts[state] = counts.get(state, 0) + 1
    return counts
