"""A fleet run's progress read from its state file: what `fleet watch` and the wizard's fleet screen show."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class FleetProgress:
    """Counts and the targets worth naming (running, failed) of one fleet run, updated record by record."""

    fleet_run: str | None = None
    command: str = "up"
    wave: str = ""
    waves_started: int = 0
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
        elif kind == "wave":
            self.wave = str(record.get("label", ""))
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

    def line(self) -> str:
        """One line: `fleet run 1a2b3c4d up · wave 2 · 120 done, 8 running, 1 failed`."""
        counts = ", ".join(f"{n} {s}" for s, n in sorted(self.counts().items())) or "nothing yet"
        end = f" · {self.outcome}" if self.outcome else ""
        run = (self.fleet_run or "?")[:8]
        return f"fleet run {run} {self.command} · {self.wave or 'planning'} · {counts}{end}"


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
