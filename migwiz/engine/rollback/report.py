"""The verdicts of `test-rollback`: one per migration, about that migration alone, and the JUnit view."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any, Literal

from migwiz.engine.schema import Difference, format_diff
from migwiz.engine.sets.model import Version

Result = Literal["passed", "failed", "skipped"]

# step where a migration failed -> its verdict
VERDICTS = {
    None: "passed",
    "up": "up fails",
    "down": "down fails",
    "down restores": "down does not restore",
    "up again": "up fails on re-apply",
    "up again restores": "up again gives another schema",
}


@dataclass
class RollbackResult:
    """The rollback test of one migration."""

    version: Version
    name: str
    label: str
    result: Result
    step: str | None = None
    """Where it failed: up, down, down restores, up again, up again restores (None: passed or not tested)."""
    message: str | None = None
    differences: tuple[Difference, ...] = ()
    data_loss: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    duration_ms: float = 0.0
    ignored: tuple[Difference, ...] = ()
    """Differences accepted by an option (column order, volatile expressions): shown, not failed."""

    @property
    def verdict(self) -> str:
        """passed, down does not restore, down fails, up fails on re-apply, … or `not tested because …`."""
        if self.result == "skipped":
            return f"not tested because {self.message}" if self.message else "not tested"
        return VERDICTS.get(self.step, self.step or self.result)

    def details(self) -> str:
        """The verdict with the message, then the diff, as printed under a failure."""
        parts = [f"{self.verdict}: {self.message}" if self.message else self.verdict]
        if self.differences:
            parts.append(format_diff(self.differences))
        return "\n".join(parts)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "version": str(self.version),
            "name": self.name,
            "result": self.result,
            "verdict": self.verdict,
            "step": self.step,
            "message": self.message,
            "differences": [d.to_json() for d in self.differences],
            "ignored": [d.to_json() for d in self.ignored],
            "data_loss": list(self.data_loss),
            "notes": list(self.notes),
            "duration_ms": round(self.duration_ms, 1),
        }


@dataclass
class RollbackReport:
    """Every migration's rollback test, in order."""

    shadow: str
    results: list[RollbackResult] = field(default_factory=list)
    run_id: str | None = None
    with_data: bool = False
    options: tuple[str, ...] = ()
    """Tolerances in effect, e.g. "column order ignored"."""
    snapshots: dict[str, int] = field(default_factory=dict)
    """Snapshot cache use: states restored, saved, and migrations replayed to reach a state."""

    @property
    def ok(self) -> bool:
        """No migration failed."""
        return all(r.result != "failed" for r in self.results)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "ok": self.ok,
            "shadow": self.shadow,
            "run_id": self.run_id,
            "with_data": self.with_data,
            "options": list(self.options),
            "snapshots": self.snapshots,
            "migrations": [r.to_json() for r in self.results],
        }

    def to_junit(self) -> str:
        """JUnit XML: one testcase per migration; a failure's message is its first line, its text the diff."""
        suite = ET.Element(
            "testsuite",
            name="migwiz test-rollback",
            tests=str(len(self.results)),
            failures=str(sum(r.result == "failed" for r in self.results)),
            skipped=str(sum(r.result == "skipped" for r in self.results)),
            errors="0",
            time=f"{sum(r.duration_ms for r in self.results) / 1000:.3f}",
        )
        for r in self.results:
            case = ET.SubElement(
                suite,
                "testcase",
                classname="migwiz.rollback",
                name=r.label,
                time=f"{r.duration_ms / 1000:.3f}",
            )
            text = r.details()
            if r.result == "failed":
                first = text.splitlines()[0] if text else "failed"
                failure = ET.SubElement(case, "failure", message=first, type=r.step or "failed")
                failure.text = text
            elif r.result == "skipped":
                ET.SubElement(case, "skipped", message=r.verdict)
            ignored = [f"ignored ({', '.join(self.options)}): {d.sentence}" for d in r.ignored]
            if r.data_loss or r.notes or ignored:
                out = ET.SubElement(case, "system-out")
                out.text = "\n".join([*r.data_loss, *r.notes, *ignored])
        ET.indent(suite)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suite, encoding="unicode") + "\n"
