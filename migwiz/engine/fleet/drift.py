"""`fleet drift`: which targets diverge from the set (their history) and from each other (their schema).

Each target's schema is read from its catalog (the same model `migwiz drift` compares) and reduced to a
fingerprint; tenants are compared with their schema name taken out, so `tenant_a.orders` and
`tenant_b.orders` are the same table. The largest group of identical schemas is the reference; every other
group is named with its differences from it. A database of tenants is read once for all its tenants.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from migwiz.engine.fleet.door import door
from migwiz.engine.fleet.survey import survey
from migwiz.engine.fleet.targets import Target
from migwiz.engine.schema.diff import diff_schemas
from migwiz.engine.schema.model import SchemaModel
from migwiz.engine.schema.read import read_schema
from migwiz.engine.servers.connect import connect, dsn_params
from migwiz.engine.sets.model import MigrationSet

_KEEP = 50


@dataclass
class SchemaGroup:
    """Targets whose schemas are identical."""

    fingerprint: str
    count: int = 0
    targets: list[str] = field(default_factory=list)
    """The first `_KEEP` of them."""
    model: SchemaModel | None = None
    differences: list[str] = field(default_factory=list)
    """How this group's schema differs from the reference group's (empty for the reference)."""

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {"fingerprint": self.fingerprint, "count": self.count, "targets": self.targets,
                "differences": self.differences}  # fmt: skip


@dataclass
class FleetDrift:
    """What `fleet drift` found."""

    targets: int = 0
    off_set: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    """(target, {version: state}) whose history disagrees with the files (edited, missing, failed)."""
    groups: list[SchemaGroup] = field(default_factory=list)
    """Largest first; the first is the reference."""
    unreadable: list[tuple[str, str]] = field(default_factory=list)

    @property
    def drifted(self) -> bool:
        """Whether any target diverges from the set or from the others."""
        return bool(self.off_set or len(self.groups) > 1 or self.unreadable)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "drift": self.drifted, "targets": self.targets,
            "off_set": [{"target": t, "states": s} for t, s in self.off_set],
            "groups": [g.to_json() for g in self.groups],
            "unreadable": [{"target": t, "error": e} for t, e in self.unreadable],
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


def _read(batch: list[Target]) -> list[SchemaModel]:
    first = batch[0]
    with connect(first.dsn, autocommit=True, purpose="fleet drift") as conn:
        if first.tenant is None:  # `public` plays the part a tenant's schema plays: both compare as `@`
            return [tenant_slice(read_schema(conn, exclude_schemas=(first.schema,)), "public", whole=True)]
        whole = read_schema(conn, exclude_schemas=tuple(t.schema for t in batch))
    return [tenant_slice(whole, t.tenant or "") for t in batch]


def fleet_drift(
    targets_of: Callable[[], Iterable[Target]], mset: MigrationSet, *, concurrency: int = 4
) -> FleetDrift:
    """Every target's history against the set and its schema against the others' (read-only).

    `targets_of` lists the targets (called twice: once for the schemas, once for the histories).
    """
    report = FleetDrift()
    groups: dict[str, SchemaGroup] = {}
    for looked in survey(_batches(targets_of()), _read, concurrency=concurrency):
        batch = looked.value
        for i, target in enumerate(looked.target):
            report.targets += 1
            if batch is None:
                report.unreadable.append((target.name, looked.error or "unreadable"))
                continue
            model = batch[i]
            group = groups.setdefault(fingerprint(model), SchemaGroup(fingerprint(model), model=model))
            group.count += 1
            if len(group.targets) < _KEEP:
                group.targets.append(target.name)
    history_off_set(targets_of(), mset, report, concurrency)
    report.groups = sorted(groups.values(), key=lambda g: -g.count)
    reference = report.groups[0].model if report.groups else None
    for group in report.groups[1:]:
        if reference is not None and group.model is not None:
            diffs = diff_schemas(reference, group.model, labels=("in most targets", "in these"))
            group.differences = [d.sentence for d in diffs[:10]]
    for group in report.groups:
        group.model = None
    return report


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
