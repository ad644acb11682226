"""What lint rates `error` among the migrations about to be applied: `up` shows it and asks (on a terminal)
or refuses without `--force-risky` (no terminal, --json); the wizard names it in its typed confirmation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from migwiz.engine.analysis import LintReport
from migwiz.engine.analysis.as_run import REFUSED
from migwiz.engine.sets.model import Migration


@dataclass(frozen=True)
class RiskyFinding:
    """One `error` finding of a pending migration's up script."""

    version: str
    path: Path
    line: int
    rule: str
    message: str

    def describe(self) -> str:
        """`file:line rule: message` on one line; a script named as in every folder of its layout (Diesel's
        `up.sql`, Prisma's `migration.sql`) with its folder, which names the migration."""
        name = self.path.name
        if name in _FOLDER_SCRIPTS:
            name = f"{self.path.parent.name}/{name}"
        return f"{name}:{self.line} {self.rule}: {self.message}"


_FOLDER_SCRIPTS = frozenset({"up.sql", "down.sql", "migration.sql"})


def error_findings(report: LintReport, migrations: Sequence[Migration]) -> list[RiskyFinding]:
    """The `error` findings of the up scripts of `migrations`, in their order. Scripts migwiz refuses to
    run at all (transaction control, CONCURRENTLY mixed with other statements) are left to the run's own
    refusal, one line naming the file and line, before anything runs."""
    by_path = {m.up.path.resolve(): m for m in migrations}
    found: list[RiskyFinding] = []
    for script in report.files:
        migration = by_path.get(script.path.resolve())
        if migration is None:
            continue
        findings = [*script.findings, *(f for st in script.statements for f in st.findings)]
        found.extend(
            RiskyFinding(str(migration.version), migration.up.path, f.line, f.rule, f.message)
            for f in sorted(findings, key=lambda f: f.line)
            if f.severity == "error" and not f.message.endswith(REFUSED)
        )
    order = {str(m.version): i for i, m in enumerate(migrations)}
    return sorted(found, key=lambda f: (order[f.version], f.line))
