"""The migrations a baseline already stands for: a baseline may be the schema AFTER some migrations.

A tool's schema dump carries the rows of its history table: dbmate's `INSERT INTO public.schema_migrations
(version) VALUES ('2021…'), …` lists every version the dump contains, golang-migrate's one row
(`INSERT … VALUES (20, false)` or `COPY … FROM stdin`) is the version everything up to has run, Flyway's
`flyway_schema_history` rows name theirs. A dump without rows says it with a comment,
`-- migwiz:baseline-through VERSION` (what `--baseline-through` / `baseline_through` in migwiz.toml add):
the baseline is the schema after VERSION and every migration up to it.

A shadow database started from such a baseline replays only the migrations it does not stand for
(`after_baseline`, `set_after_baseline`): drift, verify, test-rollback, ci and `plan --pg-version` all
build their chain through it, and `status` names the migrations in one line (`covered_line`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from migwiz.engine.history.baseline import read_baseline_file
from migwiz.engine.sets.model import Migration, MigrationSet, Version

THROUGH_MARK = "-- migwiz:baseline-through"
"""The comment of a baseline file that says which version the baseline is the schema after."""

_THROUGH = re.compile(r"^--\s*migwiz:baseline-through\s+(\S+)\s*$", re.MULTILINE)
_INSERT = re.compile(
    r"INSERT\s+INTO\s+(?:\"?(\w+)\"?\.)?\"?(schema_migrations|flyway_schema_history)\"?\s*"
    r"(\([^)]*\))?\s*VALUES\s*(.*?);\s*$",
    re.IGNORECASE | re.DOTALL | re.MULTILINE,
)
_COPY = re.compile(
    r"^COPY\s+(?:\"?\w+\"?\.)?\"?(schema_migrations|flyway_schema_history)\"?\s*\(([^)]*)\)\s+FROM\s+stdin;\n"
    r"(.*?)^\\\.$",
    re.IGNORECASE | re.DOTALL | re.MULTILINE,
)
_FLYWAY_COLUMNS = [
    "installed_rank", "version", "description", "type", "script", "checksum", "installed_by",
    "installed_on", "execution_time", "success",
]  # fmt: skip
"""flyway_schema_history's columns in table order (an `INSERT` without a column list)."""
_ROW = re.compile(r"\(((?:[^()']|'(?:[^']|'')*')*)\)")
_VALUE = re.compile(r"'((?:[^']|'')*)'|([^,\s][^,]*)")


@dataclass(frozen=True)
class Covered:
    """What the baseline stands for: listed versions, and/or every version up to `through`."""

    listed: frozenset[str] = frozenset()
    through: str | None = None

    def __bool__(self) -> bool:
        return bool(self.listed) or self.through is not None


def _values(row: str) -> list[str]:
    found = [q.replace("''", "'") if q else b.strip() for q, b in _VALUE.findall(row)]
    return ["" if v.upper() == "NULL" else v for v in found]  # a NULL version names nothing


def _columns(spec: str | None) -> list[str]:
    return [c.strip().strip('"').lower() for c in spec.strip("()").split(",")] if spec else []


def read_covered(text: str) -> Covered:
    """The versions the rows (or the `-- migwiz:baseline-through` comment) of one baseline text name."""
    listed: set[str] = set()
    through = [m.group(1) for m in _THROUGH.finditer(text)]
    for match in _INSERT.finditer(text):
        table, columns = match.group(2).lower(), _columns(match.group(3))
        for row in _ROW.findall(match.group(4)):
            _one_row(table, columns, _values(row), listed, through)
    for match in _COPY.finditer(text):
        table, columns = match.group(1).lower(), _columns(match.group(2))
        for line in match.group(3).splitlines():
            values = ["" if v == "\\N" else v for v in line.split("\t")]
            _one_row(table, columns, values, listed, through)
    newest = max(through, key=lambda v: (len(v), v)) if through else None
    return Covered(frozenset(listed), newest)


def _one_row(table: str, columns: list[str], values: list[str], listed: set[str], through: list[str]) -> None:
    """One history row: dbmate's names its version; golang-migrate's (with `dirty`) every version up to
    its own when it is clean; Flyway's its version when it succeeded."""
    if not columns:  # the table's own column order
        flyway = table == "flyway_schema_history"
        columns = _FLYWAY_COLUMNS if flyway else ["version", "dirty"][: max(1, min(len(values), 2))]
    row = dict(zip(columns, values, strict=False))
    version = row.get("version", "")
    if not version:
        return
    if table == "flyway_schema_history":
        if row.get("success", "true").lower() in ("true", "t", "1"):
            listed.add(version)
    elif "dirty" not in columns:
        listed.add(version)
    elif row.get("dirty", "false").lower() in ("false", "f"):
        through.append(version)


def baseline_covered(baseline: Sequence[Path]) -> Covered:
    """What the baseline files, together, stand for (nothing: the schema before the first migration)."""
    return texts_covered([read_baseline_file(path) for path in baseline])


def texts_covered(texts: Sequence[str]) -> Covered:
    """What the baseline texts, together, stand for."""
    listed: set[str] = set()
    through: list[str] = []
    for text in texts:
        one = read_covered(text)
        listed |= one.listed
        through += [one.through] if one.through else []
    return Covered(frozenset(listed), max(through, key=lambda v: (len(v), v)) if through else None)


def stands_for(mset: MigrationSet, covered: Covered) -> frozenset[Version]:
    """The versions of `mset` the baseline stands for."""
    if not covered:
        return frozenset()
    listed = {mset.version(v) for v in covered.listed}
    through = mset.version(covered.through) if covered.through is not None else None
    return frozenset(
        m.version
        for m in (*mset.migrations, *mset.superseded)
        if not m.version.repeatable
        and (m.version in listed or (through is not None and m.version <= through))
    )


def after_baseline(
    mset: MigrationSet, migrations: Sequence[Migration], baseline: Sequence[Path]
) -> tuple[list[Migration], str | None]:
    """`migrations` without those the baseline stands for, and one line saying which (None: none)."""
    skip = stands_for(mset, baseline_covered(baseline))
    kept = [m for m in migrations if m.version not in skip]
    return kept, covered_line(sorted(m.version for m in migrations if m.version in skip))


def covered_line(left: Sequence[Version]) -> str | None:
    """One line naming the migrations (in order) a baseline stands for; None when there are none."""
    if not left:
        return None
    span = str(left[0]) if len(left) == 1 else f"{left[0]} … {left[-1]}"
    many = "migration" if len(left) == 1 else "migrations"
    return f"the baseline stands for {len(left)} {many} ({span}): shadow databases do not replay them"


def set_after_baseline(mset: MigrationSet, baseline: Sequence[Path]) -> MigrationSet:
    """`mset` without the migrations the baseline stands for: what a runner on a shadow started from it
    may apply (an `up` to a later version must not run them first)."""
    skip = stands_for(mset, baseline_covered(baseline))
    if not skip:
        return mset
    return replace(mset, migrations=tuple(m for m in mset.migrations if m.version not in skip))
