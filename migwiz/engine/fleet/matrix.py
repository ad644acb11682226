"""`fleet status`: the matrix of targets × versions, kept small enough for thousands of targets.

Each target's row is one character per version (its standing: applied, pending, running, stopped, failed,
edited, missing), so the full grid of 1,000 targets × 100 versions is about 100 kB. Identical rows form
groups: what a terminal shows at 80 columns (one line per group, the failed and running ones first),
while `--json` gives every row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

CODES = {
    "applied": "A",
    "pending": "P",
    "running": "R",
    "stopped": "S",
    "failed": "F",
    "checksum_mismatch": "C",
    "missing_file": "M",
}
STATES = {code: state for state, code in CODES.items()}
ABSENT = "-"
"""A version another target's history knows (its file is missing) that this target never had."""
RANKS = ("failed", "running", "stopped", "edited", "missing", "behind", "in step")
"""Group labels, most urgent first: the order `fleet status` lists groups in."""
_LABEL = {"F": "failed", "R": "running", "S": "stopped", "C": "edited", "M": "missing", "P": "behind"}


@dataclass
class StatusGroup:
    """Targets whose rows are identical."""

    row: str
    """One code per version of `StatusMatrix.versions` (see `CODES`)."""
    count: int = 0
    targets: list[str] = field(default_factory=list)
    """The first `keep` of them, in fleet order."""

    @property
    def label(self) -> str:
        """The most urgent state of the row: failed, running, stopped, edited, missing, behind or in step."""
        return next((_LABEL[c] for c in "FRSCMP" if c in self.row), "in step")

    def states(self, versions: list[str]) -> dict[str, str]:
        """version -> state."""
        return {v: STATES[c] for v, c in zip(versions, self.row, strict=False) if c != ABSENT}

    def to_json(self, versions: list[str]) -> dict[str, Any]:
        """JSON-ready dict."""
        return {"label": self.label, "count": self.count, "states": self.states(versions),
                "targets": self.targets}  # fmt: skip


@dataclass
class StatusMatrix:
    """Where every target stands: per version the targets in each state, and every target's row."""

    versions: list[str]
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    """version -> state -> number of targets."""
    rows: list[tuple[str, str]] = field(default_factory=list)
    """(target, row) in fleet order: the full grid."""
    unreachable: list[tuple[str, str]] = field(default_factory=list)
    keep: int = 50

    @property
    def targets(self) -> int:
        """Targets looked at (unreachable ones included)."""
        return len(self.rows) + len(self.unreachable)

    @property
    def in_step(self) -> int:
        """Targets with every migration of the set applied."""
        return sum(1 for _, row in self.rows if set(row) <= {"A", ABSENT})

    @property
    def behind(self) -> list[tuple[str, dict[str, str]]]:
        """(target, {version: state}) of the first `keep` targets not in step."""
        out = []
        for name, row in self.rows:
            off = {v: STATES[c] for v, c in zip(self.versions, row, strict=False) if c not in ("A", ABSENT)}
            if off:
                out.append((name, off))
                if len(out) >= self.keep:
                    break
        return out

    def add(self, target: str, statuses: Iterable[Any] | None, error: str | None = None) -> None:
        """Count one target's statuses (`MigrationStatus`; None: unreachable, with `error`)."""
        if statuses is None:
            self.unreachable.append((target, error or "unreadable"))
            return
        codes = dict.fromkeys(self.versions, ABSENT)
        for s in statuses:
            version, state = str(s.version), str(s.standing.state)
            if version not in codes:  # a version only a history knows (its file is missing)
                self.versions.append(version)
            codes[version] = CODES.get(state, "P")
            per = self.counts.setdefault(version, {})
            per[state] = per.get(state, 0) + 1
        self.rows.append((target, "".join(codes.get(v, ABSENT) for v in self.versions)))

    def groups(self) -> list[StatusGroup]:
        """Identical rows grouped: the most urgent label first, then the largest."""
        width = len(self.versions)
        found: dict[str, StatusGroup] = {}
        for name, row in self.rows:
            row = row.ljust(width, ABSENT)
            group = found.setdefault(row, StatusGroup(row))
            group.count += 1
            if len(group.targets) < self.keep:
                group.targets.append(name)
        return sorted(found.values(), key=lambda g: (RANKS.index(g.label), -g.count))

    def uniform(self) -> list[str]:
        """Versions applied at every reachable target (what an 80-column view may leave out)."""
        return [v for v in self.versions if self.counts.get(v, {}).get("applied", 0) == len(self.rows)]

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict: counts per version, the groups, and the full grid (one row per target)."""
        width = len(self.versions)
        grid = [{"target": name, "states": StatusGroup(row.ljust(width, ABSENT)).states(self.versions)}
                for name, row in self.rows]  # fmt: skip
        return {
            "targets": self.targets, "in_step": self.in_step, "versions": self.versions,
            "counts": self.counts,
            "groups": [g.to_json(self.versions) for g in self.groups()],
            "grid": grid,
            "not_in_step": [{"target": t, "states": s} for t, s in self.behind],
            "unreachable": [{"target": t, "error": e} for t, e in self.unreachable],
        }  # fmt: skip
