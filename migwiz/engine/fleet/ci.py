"""`migwiz ci --fleet` (also `migwiz fleet ci`): the set checked against every target of a fleet.

Two gates join `ci`'s lint and rollback gates: **drift** (each target's history against the files, and its
schema against the files replayed on a shadow database, as `fleet drift`) and **plan** (the worst verdict
of the pending migrations across the fleet, with where, against `--plan-fail-on`). They replace the
single-database drift and plan gates of `ci`; the exit code is still the worst gate's: 0 passed, 1 a gate
failed, 2 a target or the replay could not be read.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from migwiz.engine.ci import CiReport, Gate
from migwiz.engine.fleet.checks import FleetPlan, fleet_plan
from migwiz.engine.fleet.drift import FleetDrift, fleet_drift
from migwiz.engine.fleet.targets import Target
from migwiz.engine.humanize import duration
from migwiz.engine.plan.model import VERDICTS
from migwiz.engine.run.runner import ExecutionPolicy
from migwiz.engine.sets.model import MigrationSet


@dataclass(frozen=True)
class FleetCi:
    """Both fleet gates' results."""

    drift: FleetDrift
    plan: FleetPlan
    fail_on: str

    @property
    def plan_failed(self) -> bool:
        """The worst verdict reaches `fail_on` (`none`: never)."""
        return self.fail_on != "none" and VERDICTS.index(self.plan.worst) >= VERDICTS.index(self.fail_on)

    def gates(self) -> list[Gate]:
        """The drift and plan gates, each with the exit code it asks for."""
        d, p = self.drift, self.plan
        text = (f"{d.targets} targets, {len(d.groups)} distinct schema(s): {d.diverged_targets} differ from"
                f" the set, {len(d.off_set)} with a history that differs from the files")  # fmt: skip
        if d.unreadable or d.replay_errors:
            drift = Gate(
                "drift", "error", f"{text}; {len(d.unreadable) + len(d.replay_errors)} unreadable", 2
            )
        else:
            drift = Gate("drift", "failed", text, 1) if d.drifted else Gate("drift", "passed", text)
        counts = ", ".join(f"{p.verdicts[v]} {v}" for v in VERDICTS if p.verdicts.get(v)) or "nothing pending"
        text = f"{p.pending} pending over {p.targets} targets, worst {p.worst} ({counts})"
        if p.unreadable:
            plan = Gate("plan", "error", f"{text}; {len(p.unreadable)} unreadable", 2)
        elif self.fail_on == "none":
            plan = Gate("plan", "report-only", text)
        else:
            failed = self.plan_failed
            plan = Gate(
                "plan", "failed" if failed else "passed", f"{text} (fails on {self.fail_on})", int(failed)
            )
        return [drift, plan]

    def attach(self, report: CiReport) -> None:
        """Put the fleet gates in place of `ci`'s single-database drift and plan gates."""
        fleet = {g.name: g for g in self.gates()}
        report.gates[:] = [g for g in report.gates if g.name not in fleet] + list(fleet.values())

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {"drift": self.drift.to_json(), "plan": self.plan.to_json(), "plan_failed": self.plan_failed,
                "fail_on": self.fail_on}  # fmt: skip

    def markdown(self) -> str:
        """The fleet's sections of the summary: groups that differ from the set, and the worst plan places."""
        d, p = self.drift, self.plan
        lines = ["### Fleet drift", ""]
        for group in sorted(d.groups, key=lambda g: g.matches_set is not False):
            names = ", ".join(f"`{t}`" for t in group.targets[:10]) + (" …" if group.count > 10 else "")
            state = {
                False: "❌ differ from the set",
                None: "⛔ not compared",
                True: "✅ as the set makes them",
            }
            lines.append(f"- {state[group.matches_set]}: {group.count} target(s): {names}")
            lines += [f"  - {s}" for s in group.differences]
        for name, states in d.off_set:
            lines.append(f"- ❌ history of `{name}`: " + ", ".join(f"{v} {s}" for v, s in states.items()))
        lines += [f"- ⛔ replay: {e}" for e in d.replay_errors]
        lines += ["", "### Fleet plan", "", f"Worst verdict: **{p.worst}**.", ""]
        if p.where:
            lines += ["| target | migration | line | lock | relation | held | reason |",
                      "| --- | --- | --- | --- | --- | --- | --- |"]  # fmt: skip
            for w in sorted(p.where, key=lambda w: -w["hold_s"])[:20]:
                reason = " ".join("; ".join(w["reasons"]).replace("|", "\\|").split())
                cells = [f"`{w['target']}`", f"{w['version']} {w['name']}", str(w["line"] or ""),
                         w["lock"] or "", w["relation"] or "", duration(w["hold_s"]), reason]  # fmt: skip
                lines.append("| " + " | ".join(cells) + " |")
        for name, error in [*d.unreadable, *p.unreadable]:
            lines.append(f"- ⛔ unreadable: `{name}`: {error}")
        return "\n".join(lines) + "\n"

    def summary(self, markdown: str) -> str:
        """`ci`'s summary with the fleet's sections before its closing line (the `<sub>` one)."""
        lines = markdown.rstrip("\n").split("\n")
        end = len(lines) - 1 if lines and lines[-1].startswith("<sub>") else len(lines)
        return "\n".join([*lines[:end], *self.markdown().rstrip("\n").split("\n"), "", *lines[end:]]) + "\n"

    def junit(self) -> ET.Element:
        """A JUnit testsuite: one testcase per group of identical targets and per history off the set, and one
        per place of the worst plan verdict (failed when it reaches `fail_on`)."""
        suite = ET.Element("testsuite", name="migwiz fleet")
        for group in self.drift.groups:
            case = ET.SubElement(suite, "testcase", classname="migwiz.fleet.drift",
                                 name=f"{group.count} target(s): {', '.join(group.targets[:5])}")  # fmt: skip
            if group.matches_set is False:
                failure = ET.SubElement(case, "failure", message="schema differs from the set", type="drift")
                failure.text = "\n".join([*group.targets, "", *group.differences])
            elif group.matches_set is None:
                ET.SubElement(case, "error", message="the files could not be replayed")
        for name, states in self.drift.off_set:
            case = ET.SubElement(suite, "testcase", classname="migwiz.fleet.history", name=name)
            text = ", ".join(f"{v} {s}" for v, s in states.items())
            ET.SubElement(case, "failure", message=f"history differs from the files: {text}", type="drift")
        for w in self.plan.where:
            case = ET.SubElement(suite, "testcase", classname="migwiz.fleet.plan",
                                 name=f"{w['target']} {w['version']} {w['name']}")  # fmt: skip
            if self.plan_failed:
                ET.SubElement(case, "failure", message="; ".join(w["reasons"]), type=self.plan.worst)
        for name, error in [*self.drift.unreadable, *self.plan.unreadable]:
            case = ET.SubElement(suite, "testcase", classname="migwiz.fleet", name=name)
            ET.SubElement(case, "error", message=error)
        cases = suite.findall("testcase")
        suite.set("tests", str(len(cases)))
        suite.set("failures", str(sum(c.find("failure") is not None for c in cases)))
        suite.set("errors", str(sum(c.find("error") is not None for c in cases)))
        return suite

    def to_junit(self, rollback: str | None = None) -> str:
        """The JUnit document: the rollback test's suite (when it ran) and the fleet's."""
        root = ET.Element("testsuites", name="migwiz ci")
        if rollback:
            root.append(ET.fromstring(rollback.split("?>", 1)[-1].strip()))
        root.append(self.junit())
        ET.indent(root)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def fleet_ci(
    targets_of: Callable[[], Iterable[Target]],
    mset: MigrationSet,
    policy: ExecutionPolicy,
    *,
    fail_on: str = "dangerous",
    concurrency: int = 4,
    replay_server: str | None = None,
    baseline: Sequence[Path] = (),
    snapshots: bool = True,
    report: CiReport | None = None,
) -> FleetCi:
    """Run the drift and plan gates over the fleet (read-only on the targets); with `report` (`ci`'s lint and
    rollback gates), put them in place of its drift and plan gates. The files are replayed in a scratch
    database on `replay_server` (default: the first target's server)."""
    drift = fleet_drift(targets_of, mset, concurrency=concurrency, replay_server=replay_server,
                        baseline=baseline, snapshots=snapshots)  # fmt: skip
    plan = fleet_plan(targets_of(), mset, policy, concurrency=concurrency)
    result = FleetCi(drift, plan, fail_on)
    if report is not None:
        result.attach(report)
    return result
