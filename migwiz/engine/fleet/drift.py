"""`fleet drift`: which targets diverge from the set and from each other.

**From the set.** The migrations a target's history says are applied are replayed from the files on a
shadow database — once for all the targets that share that history (one replay for a fleet in step) — and
the target's schema is compared with the replay, as `migwiz drift` does for one database. A tenant is
compared in its own schema: its name and the shadow's `public` both read as `@`, so `tenant_a.orders`, a
database's `public.orders` and the replay's `orders` are the same table. A history that disagrees with the
files (edited, missing, failed migrations) is listed too.

**From each other.** Targets with identical schemas and histories form a group; groups are listed largest
first, each with its members and its differences from the replay. A database of tenants is read once for
all of its tenants, and only one schema model per group stays in memory.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from psycopg import conninfo

from migwiz.engine.errors import MigwizError
from migwiz.engine.fleet.door import door
from migwiz.engine.fleet.survey import survey
from migwiz.engine.fleet.targets import Target
from migwiz.engine.history.state import DEFAULT_SCHEMA, HistoryRow, read_history
from migwiz.engine.schema.diff import diff_schemas
from migwiz.engine.schema.drift import expected_model
from migwiz.engine.schema.model import SchemaModel
from migwiz.engine.schema.read import read_schema
from migwiz.engine.servers.connect import connect, dsn_params
from migwiz.engine.sets.model import MigrationSet

_KEEP = 50
LABELS = ("in the files", "in these targets")


@dataclass
class SchemaGroup:
    """Targets whose schemas (and histories) are identical."""

    fingerprint: str
    applied: tuple[str, ...] = ()
    """The versions their history says are applied (what the replay applies)."""
    count: int = 0
    targets: list[str] = field(default_factory=list)
    """The first `_KEEP` of them."""
    matches_set: bool | None = None
    """Whether the schema is what the files make of this history (None: the replay failed)."""
    differences: list[str] = field(default_factory=list)
    """How the schema differs from the files' replay (the first 10; empty when it matches)."""
    model: SchemaModel | None = None
    history: list[HistoryRow] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {"fingerprint": self.fingerprint, "count": self.count, "targets": self.targets,
                "applied": list(self.applied), "matches_set": self.matches_set,
                "differences": self.differences}  # fmt: skip


@dataclass
class FleetDrift:
    """What `fleet drift` found."""

    targets: int = 0
    off_set: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    """(target, {version: state}) whose history disagrees with the files (edited, missing, failed)."""
    groups: list[SchemaGroup] = field(default_factory=list)
    """Groups of identical targets, largest first."""
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    replays: int = 0
    """Shadow replays made (one per distinct history)."""
    replay_errors: list[str] = field(default_factory=list)

    @property
    def diverged(self) -> list[SchemaGroup]:
        """Groups whose schema is not what the files make of their history."""
        return [g for g in self.groups if g.matches_set is False]

    @property
    def diverged_targets(self) -> int:
        """Targets whose schema differs from the set's replay."""
        return sum(g.count for g in self.diverged)

    @property
    def drifted(self) -> bool:
        """Whether any target diverges from the set, or could not be checked."""
        return bool(self.off_set or self.diverged or self.unreadable or self.replay_errors)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "drift": self.drifted, "targets": self.targets, "replays": self.replays,
            "diverged_targets": self.diverged_targets,
            "off_set": [{"target": t, "states": s} for t, s in self.off_set],
            "groups": [g.to_json() for g in self.groups],
            "unreadable": [{"target": t, "error": e} for t, e in self.unreadable],
            "replay_errors": self.replay_errors,
        }  # fmt: skip


def tenant_slice(model: SchemaModel, tenant: str, *, whole: bool = False) -> SchemaModel:
    """The objects in one tenant's schema (in every schema with `whole`), its name replaced by `@` so that
    tenants compare equal; the schema itself and extensions (the database's, not the tenant's) left out."""
    quoted = '"' + tenant.replace('"', '""') + '"'
    objects = [
        o
        for o in model.to_json()["objects"]
        if o["object_type"] not in ("schema", "extension")
        and (whole or _schema_of(str(o["name"])) in (tenant, quoted))
    ]
    text = json.dumps(objects)
    for name in (json.dumps(quoted)[1:-1], tenant):
        text = re.sub(rf"(?<![\w$]){re.escape(name)}(?=\.|\"|$)", "@", text)
    return SchemaModel.from_json({**model.to_json(), "objects": json.loads(text)})


def _schema_of(name: str) -> str:
    return name.split(".", 1)[0] if not name.startswith('"') else name[: name.index('"', 1) + 1]


def fingerprint(model: SchemaModel) -> str:
    """A short digest of a schema model."""
    return hashlib.sha256(json.dumps(model.to_json(), sort_keys=True, default=str).encode()).hexdigest()[:12]


def server_dsn(target: Target) -> str:
    """The target's database without the tenant's `search_path` (where a shadow database may be made)."""
    params = dsn_params(target.dsn)
    params.pop("options", None)
    return conninfo.make_conninfo("", **params)


def _batches(targets: Iterable[Target]) -> Iterator[list[Target]]:
    """Targets in runs that share one read: consecutive tenants of one database, else one each."""
    batch: list[Target] = []
    for target in targets:
        if batch and (target.tenant is None or _base(batch[0]) != _base(target) or batch[0].tenant is None):
            yield batch
            batch = []
        batch.append(target)
    if batch:
        yield batch


def _base(target: Target) -> str:
    params = dsn_params(target.dsn)
    params.pop("options", None)
    return json.dumps(params, sort_keys=True)


Read = tuple[SchemaModel, list[HistoryRow]]


def _read(batch: list[Target]) -> list[Read]:
    """Each target's schema (as `@`) and history, from one connection per database."""
    first = batch[0]
    with connect(first.dsn, autocommit=True, purpose="fleet drift") as conn:
        histories = [read_history(conn, t.schema) for t in batch]
        if first.tenant is None:  # `public` plays the part a tenant's schema plays: both compare as `@`
            whole = read_schema(conn, exclude_schemas=(first.schema,))
            return [(tenant_slice(whole, "public", whole=True), histories[0])]
        whole = read_schema(conn, exclude_schemas=tuple(t.schema for t in batch))
    return [(tenant_slice(whole, t.tenant or ""), h) for t, h in zip(batch, histories, strict=True)]


def applied_key(history: Sequence[HistoryRow]) -> tuple[str, ...]:
    """The versions a history says are applied whole (what a replay of it applies), sorted."""
    return tuple(sorted((r.version for r in history if r.success), key=lambda v: (len(v), v)))


def fleet_drift(
    targets_of: Callable[[], Iterable[Target]],
    mset: MigrationSet,
    *,
    concurrency: int = 4,
    shadow_dsn: str | None = None,
    replay_server: str | None = None,
    baseline: Sequence[Path] = (),
    snapshots: bool = True,
) -> FleetDrift:
    """Every target's schema against the files' replay of its history, its history against the files, and
    the targets grouped by identical schema (read-only on the targets).

    The replay runs once per distinct history, after the `baseline` files, in a scratch database made on
    `replay_server` (default: the first target's server), or in `shadow_dsn` (an empty database).
    `targets_of` lists the targets (called twice: once for the schemas, once for the histories' states).
    """
    report = FleetDrift()
    groups: dict[tuple[str, tuple[str, ...]], SchemaGroup] = {}
    first: Target | None = None
    for looked in survey(_batches(targets_of()), _read, concurrency=concurrency):
        for i, target in enumerate(looked.target):
            report.targets += 1
            if looked.value is None:
                report.unreadable.append((target.name, looked.error or "unreadable"))
                continue
            first = first or target
            model, history = looked.value[i]
            key = (fingerprint(model), applied_key(history))
            group = groups.get(key)
            if group is None:
                group = groups[key] = SchemaGroup(key[0], key[1], model=model, history=history)
            group.count += 1
            if len(group.targets) < _KEEP:
                group.targets.append(target.name)
    history_off_set(targets_of(), mset, report, concurrency)
    report.groups = sorted(groups.values(), key=lambda g: -g.count)
    if first is not None:
        server = replay_server or server_dsn(first)
        _compare_with_replays(report, mset, shadow_dsn or None, server, baseline, snapshots)
    for group in report.groups:
        group.model, group.history = None, []
    return report


def _compare_with_replays(
    report: FleetDrift,
    mset: MigrationSet,
    shadow_dsn: str | None,
    server: str,
    baseline: Sequence[Path],
    snapshots: bool,
) -> None:
    """Replay each distinct history once; each group's schema against its history's replay."""
    replays: dict[tuple[str, ...], SchemaModel | None] = {}
    for group in report.groups:
        if group.applied not in replays:
            try:
                model, _, _ = expected_model(server, mset, group.history, shadow_dsn=shadow_dsn,
                                             schema=DEFAULT_SCHEMA, baseline=baseline,
                                             snapshots=snapshots)  # fmt: skip
                replays[group.applied] = tenant_slice(model, "public", whole=True)
                report.replays += 1
            except MigwizError as exc:
                replays[group.applied] = None
                report.replay_errors.append(f"{exc.message} ({exc.hint})" if exc.hint else exc.message)
        expected = replays[group.applied]
        if expected is None or group.model is None:
            continue
        diffs = diff_schemas(expected, group.model, labels=LABELS)
        group.matches_set = not diffs
        group.differences = [d.sentence for d in diffs[:10]]


def history_off_set(
    targets: Iterable[Target], mset: MigrationSet, report: FleetDrift, concurrency: int
) -> None:
    """Add the targets whose history disagrees with the set's files (edited, missing, failed)."""

    def look(t: Target) -> Any:
        return door().status(door().project(t.dsn, mset, schema=t.schema), foreign=False)

    for looked in survey(targets, look, concurrency=concurrency):
        if looked.value is None:
            continue
        off = {str(s.version): str(s.state) for s in looked.value.statuses
               if s.state in ("checksum_mismatch", "missing_file", "failed")}  # fmt: skip
        if off and len(report.off_set) < _KEEP:
            report.off_set.append((looked.target.name, off))
