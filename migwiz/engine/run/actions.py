"""What a run does with its runner: `up` to a version, `down` to a version or by steps."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from migwiz.engine.analysis.risk import RiskyFinding
from migwiz.engine.run.notes import RisksAccepted
from migwiz.engine.run.policy import RunReport
from migwiz.engine.run.runner import Runner
from migwiz.engine.sets.model import Version


def up_action(
    to: Version | None = None, *, accepted_risks: Sequence[RiskyFinding] = (), forced: str | None = None
) -> Callable[[Runner], RunReport]:
    """What `migrate` runs for `up` (to and including `to`); `accepted_risks`, the `error` findings the
    operator accepted (`forced` says how), are logged as a warning first."""

    def action(runner: Runner) -> RunReport:
        if accepted_risks:
            findings = tuple(f.describe() for f in accepted_risks)
            runner.emit(RisksAccepted(len({f.version for f in accepted_risks}), findings, forced))
        return runner.up(to, target=True)

    return action


def down_action(to: str | None = None, steps: int | None = None) -> Callable[[Runner], RunReport]:
    """What `migrate` runs for `down`: revert every migration newer than version `to`, or `steps` of them
    (default one), newest first."""
    return lambda runner: runner.down(runner.mset.version(to) if to else None, steps)
