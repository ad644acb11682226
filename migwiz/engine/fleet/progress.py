"""A fleet run's progress read from its state file: what `fleet watch` and the wizard's fleet screen show."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from migwiz.engine.fleet.state import read_records

PARTIAL = "finished_with_failures"
"""The outcome of a rollout that ran to its end with failed targets within its error budget."""


def outcome_text(outcome: str | None, failed: int) -> str:
    """A rollout's outcome in words.

    >>> outcome_text("finished_with_failures", 2)
    'finished with 2 failed target(s)'
    >>> outcome_text("success", 0)
    'success'
    """
    if outcome == PARTIAL:
        return f"finished with {failed} failed target(s)"
    return outcome or "running"


def wave_text(label: str, number: int, total: int) -> str:
    """Where a rollout is in its wave plan: `wave 2 of 5`, `canary, then 5 waves` (`total`: the waves
    after the canary one; 0 when the plan is not recorded, as in a state file of an older migwiz).

    >>> wave_text("wave 2", 2, 5), wave_text("canary", 0, 5), wave_text("wave 2", 2, 0)
    ('wave 2 of 5', 'canary, then 5 waves', 'wave 2')
    """
    if not total:
        return label
    return f"canary, then {total} waves" if number == 0 else f"wave {number} of {total}"


@dataclass
class FleetProgress:
    """Counts and the targets worth naming (running, failed) of one fleet run, updated record by record."""

    fleet_run: str | None = None
    command: str = "up"
    wave: str = ""
    waves_started: int = 0
    waves_total: int = 0
    """Waves after the canary one in the wave plan (0 until the plan is recorded)."""
    states: dict[str, str] = field(default_factory=dict)
    """Target -> last state; a few bytes per target."""
    errors: dict[str, str] = field(default_factory=dict)
    outcome: str | None = None
    reason: str | None = None

    def add(self, record: dict[str, Any]) -> None:
        """Fold one state-file record in (records of an older fleet run reset the view)."""
        kind = record.get("kind")
        if kind in ("run", "resume"):
            if record.get("fleet_run") != self.fleet_run:
                self.states.clear()
                self.errors.clear()
            self.fleet_run = str(record.get("fleet_run"))
            self.command = str(record.get("command", "up"))
            self.outcome = self.reason = None
        elif record.get("fleet_run") != self.fleet_run:
            return
        elif kind == "plan":
            self.waves_total = int(record.get("waves", 0))
        elif kind == "wave":
            self.waves_total = int(record.get("of", self.waves_total))
            number = int(record.get("wave", 0))
            self.wave = wave_text(str(record.get("label", "")), number, self.waves_total)
            self.waves_started += 1
        elif kind == "target":
            name = str(record.get("target"))
            self.states[name] = str(record.get("state"))
            if record.get("error"):
                self.errors[name] = str(record["error"])
            else:
                self.errors.pop(name, None)
        elif kind == "finish":
            self.outcome = str(record.get("outcome"))
            self.reason = record.get("reason")

    def counts(self) -> dict[str, int]:
        """Targets per state."""
        result: dict[str, int] = {}
        for state in self.states.values():
            result[state] = result.get(state, 0) + 1
        return result

    def named(self, state: str, limit: int = 10) -> list[str]:
        """Up to `limit` targets in `state`."""
        return [t for t, s in self.states.items() if s == state][:limit]

    @property
    def outcome_text(self) -> str:
        """`running` until the finish record, then e.g. `finished with 2 failed target(s)`."""
        return outcome_text(self.outcome, self.counts().get("failed", 0))

    def line(self) -> str:
        """One line: `fleet run 1a2b3c4d up · wave 2 of 5 · 120 done, 8 running, 1 failed`; once it ended,
        how comes first: `fleet run 1a2b3c4d up · finished with 1 failed target(s) · wave 5 of 5 · ...`."""
        counts = ", ".join(f"{n} {s}" for s, n in sorted(self.counts().items())) or "nothing yet"
        end = f" · {self.outcome_text}" if self.outcome else ""
        run = (self.fleet_run or "?")[:8]
        return f"fleet run {run} {self.command}{end} · {self.wave or 'planning'} · {counts}"

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict (the failed targets with their errors, counts for the rest)."""
        return {
            "fleet_run": self.fleet_run, "command": self.command, "wave": self.wave,
            "waves_started": self.waves_started, "waves_total": self.waves_total,
            "outcome": self.outcome, "outcome_text": self.outcome_text if self.outcome else None,
            "reason": self.reason, "counts": self.counts(),
            "failed": [{"target": t, "error": self.errors.get(t)}
                       for t in self.named("failed", len(self.states))],
        }  # fmt: skip


def read_fleet_progress(path: Path) -> FleetProgress | None:
    """The newest fleet run of a state file, folded record by record (None without one)."""
    progress = FleetProgress()
    for record in read_records(path):
        progress.add(record)
    return progress if progress.fleet_run else None


class FleetStateTail:
    """Reads the records appended to a state file since the last read (a partial last line waits)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._offset = 0
        self._partial = b""

    def read(self) -> list[dict[str, Any]]:
        """New complete records."""
        if not self.path.exists():
            return []
        with self.path.open("rb") as f:
            f.seek(self._offset)
            chunk = f.read()
        self._offset += len(chunk)
        data = self._partial + chunk
        lines = data.split(b"\n")
        self._partial = lines.pop()
        records = []
        for line in lines:
            try:
                record = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError):
                continue
            if isinstance(record, dict):
                records.append(record)
        return records
