"""The schema model: one frozen dataclass per kind of database object, and the model that holds them.

Every object has a qualified `name` that is unique within its kind:

- database-wide objects (schemas, extensions): the bare name, e.g. `public`, `citext`;
- schema-level objects (tables, views, materialized views, indexes, sequences, types, domains):
  `schema.object`, e.g. `public.users`, `public.users_email_idx`;
- functions and procedures: `schema.name(argument types)` as regprocedure prints it, e.g.
  `public.add(integer,integer)`;
- objects that live on a table (columns, constraints, triggers, policies): `schema.table.object`,
  e.g. `public.users.email`, `public.users.users_pkey`.

Attributes are plain strings, booleans, integers or tuples of strings, so a model is hashable, compares
by value and serialises to JSON without loss. Fields marked `derived` are kept for humans and later SQL
generation but are not compared field by field by the diff (another attribute carries the same fact).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

Value = str | bool | int | tuple[str, ...] | None

JSON_FORMAT = "migwiz.schema/1"


def derived(default: Value = None) -> Any:
    """A field the diff skips: its content is also expressed by other attributes."""
    return field(default=default, metadata={"diff": False})


@dataclass(frozen=True, kw_only=True)
class SchemaObject:
    """Base of every object in the model."""

    object_type: ClassVar[str] = "object"

    name: str
    comment: str | None = None

    @property
    def parent(self) -> str | None:
        """The qualified name of the table this object belongs to, if any (used to group differences)."""
        return None

    def compared(self) -> dict[str, Value]:
        """The compared attributes (every field except `name` and derived ones), in field order."""
        return {
            f.name: getattr(self, f.name)
            for f in dataclasses.fields(self)
            if f.name != "name" and f.metadata.get("diff", True)
        }


@dataclass(frozen=True, kw_only=True)
class Schema(SchemaObject):
    """A namespace."""

    object_type: ClassVar[str] = "schema"

    grants: tuple[str, ...] | None = None


@dataclass(frozen=True, kw_only=True)
class Extension(SchemaObject):
    """An installed extension; the objects it owns are represented by it alone."""

    object_type: ClassVar[str] = "extension"

    schema: str
    version: str | None = None


@dataclass(frozen=True, kw_only=True)
class Table(SchemaObject):
    """An ordinary or partitioned table."""

    object_type: ClassVar[str] = "table"

    persistence: str = "logged"  # or "unlogged"
    partition_by: str | None = None  # pg_get_partkeydef, e.g. "RANGE (created_at)"
    partition_of: str | None = None
    partition_bound: str | None = None  # e.g. "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"
    inherits: tuple[str, ...] = ()
    rls_enabled: bool = False
    rls_forced: bool = False
    options: tuple[str, ...] = ()
    grants: tuple[str, ...] | None = None


@dataclass(frozen=True, kw_only=True)
class Column(SchemaObject):
    """A column; `position` counts live columns only (dropped columns leave no gap)."""

    object_type: ClassVar[str] = "column"

    table: str = derived("")
    position: int = derived(0)  # compared as the table's "column order"
    type: str
    default: str | None = None
    not_null: bool = False
    not_null_name: str | None = None  # PG18 catalogued NOT NULL constraint, only when not the default name
    not_null_validated: bool = True  # PG18 NOT NULL ... NOT VALID
    identity: str | None = None  # "always" or "by default"
    generated: str | None = None  # e.g. "(a * 2) STORED"
    collation: str | None = None  # only when not the type's default
    grants: tuple[str, ...] | None = None

    @property
    def parent(self) -> str | None:
        return self.table


@dataclass(frozen=True, kw_only=True)
class Constraint(SchemaObject):
    """A table constraint: primary key, unique, foreign key, check or exclude.

    `definition` is pg_get_constraintdef without the parts held by other attributes (deferrability,
    validation, enforcement and, for foreign keys, MATCH and the ON UPDATE / ON DELETE actions).
    """

    object_type: ClassVar[str] = "constraint"

    table: str = derived("")
    constraint_type: str
    definition: str
    validated: bool = True
    deferrable: bool = False
    deferred: bool = False
    enforced: bool = True
    match: str | None = None  # foreign keys: SIMPLE, FULL, PARTIAL
    on_update: str | None = None  # foreign keys: NO ACTION, RESTRICT, CASCADE, SET NULL, SET DEFAULT
    on_delete: str | None = None

    @property
    def parent(self) -> str | None:
        return self.table


@dataclass(frozen=True, kw_only=True)
class Index(SchemaObject):
    """An index not owned by a constraint (those are represented by the constraint)."""

    object_type: ClassVar[str] = "index"

    table: str
    method: str = "btree"
    unique: bool = False
    keys: str  # the key list as pg_get_indexdef prints it, e.g. "(lower(email) text_pattern_ops)"
    include: str | None = None
    nulls_not_distinct: bool = False
    predicate: str | None = None
    options: tuple[str, ...] = ()
    valid: bool = True
    partition_of: str | None = None  # the parent index when this one is a partition of it
    expression: bool = derived(False)
    definition: str = derived("")  # pg_get_indexdef, for humans

    @property
    def parent(self) -> str | None:
        return self.table


@dataclass(frozen=True, kw_only=True)
class View(SchemaObject):
    """A view; `definition` is pg_get_viewdef."""

    object_type: ClassVar[str] = "view"

    definition: str
    options: tuple[str, ...] = ()
    grants: tuple[str, ...] | None = None


@dataclass(frozen=True, kw_only=True)
class MaterializedView(View):
    """A materialized view (its indexes are Index objects)."""

    object_type: ClassVar[str] = "materialized view"


@dataclass(frozen=True, kw_only=True)
class Function(SchemaObject):
    """A function, procedure, aggregate or window function; named with its identity arguments."""

    object_type: ClassVar[str] = "function"

    kind: str = "function"  # function, procedure, aggregate, window
    arguments: str = ""  # pg_get_function_arguments: names, modes and defaults
    result: str | None = None
    language: str
    volatility: str = "volatile"
    strict: bool = False
    security_definer: bool = False
    leakproof: bool = False
    parallel: str = "unsafe"
    cost: str | None = None
    rows: str | None = None
    config: tuple[str, ...] = ()
    body: str | None = None
    definition: str | None = derived(None)  # pg_get_functiondef, for humans
    grants: tuple[str, ...] | None = None


@dataclass(frozen=True, kw_only=True)
class Trigger(SchemaObject):
    """A user trigger; `definition` is pg_get_triggerdef."""

    object_type: ClassVar[str] = "trigger"

    table: str = derived("")
    definition: str
    enabled: str = "origin"  # origin, disabled, replica, always

    @property
    def parent(self) -> str | None:
        return self.table


@dataclass(frozen=True, kw_only=True)
class Sequence(SchemaObject):
    """A sequence, including those behind serial and identity columns (see `owned_by`)."""

    object_type: ClassVar[str] = "sequence"

    data_type: str = "bigint"
    start: int = 1
    increment: int = 1
    min_value: int
    max_value: int
    cycle: bool = False
    cache: int = 1
    owned_by: str | None = None  # "schema.table.column"
    grants: tuple[str, ...] | None = None

    @property
    def parent(self) -> str | None:
        return self.owned_by.rsplit(".", 1)[0] if self.owned_by else None


@dataclass(frozen=True, kw_only=True)
class Enum(SchemaObject):
    """An enum type; label order matters."""

    object_type: ClassVar[str] = "enum"

    labels: tuple[str, ...]
    grants: tuple[str, ...] | None = None


@dataclass(frozen=True, kw_only=True)
class Domain(SchemaObject):
    """A domain; `constraints` are "name: CHECK (...)" entries sorted by name."""

    object_type: ClassVar[str] = "domain"

    base_type: str
    default: str | None = None
    not_null: bool = False
    collation: str | None = None
    constraints: tuple[str, ...] = ()
    grants: tuple[str, ...] | None = None


@dataclass(frozen=True, kw_only=True)
class CompositeType(SchemaObject):
    """A composite type; `attributes` are "name type" entries in attribute order."""

    object_type: ClassVar[str] = "composite type"

    attributes: tuple[str, ...]
    grants: tuple[str, ...] | None = None


@dataclass(frozen=True, kw_only=True)
class Policy(SchemaObject):
    """A row-level security policy."""

    object_type: ClassVar[str] = "policy"

    table: str = derived("")
    command: str = "ALL"
    permissive: bool = True
    roles: tuple[str, ...] = ("public",)
    using: str | None = None
    with_check: str | None = None

    @property
    def parent(self) -> str | None:
        return self.table


OBJECT_CLASSES: tuple[type[SchemaObject], ...] = (
    Schema,
    Extension,
    Enum,
    Domain,
    CompositeType,
    Sequence,
    Function,
    Table,
    Column,
    Constraint,
    Index,
    View,
    MaterializedView,
    Trigger,
    Policy,
)
"""Every kind, in the order the model and its diff list them."""

_BY_TYPE = {cls.object_type: cls for cls in OBJECT_CLASSES}
_RANK = {cls.object_type: i for i, cls in enumerate(OBJECT_CLASSES)}

T = TypeVar("T", bound=SchemaObject)


def sort_key(obj: SchemaObject) -> tuple[int, str]:
    """The model's order: by kind, then by qualified name."""
    return (_RANK[obj.object_type], obj.name)


@dataclass(frozen=True)
class SchemaModel:
    """A database schema as a sorted tuple of objects; compare two with `diff_schemas`."""

    objects: tuple[SchemaObject, ...] = ()

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.objects, key=sort_key))
        if ordered != self.objects:
            object.__setattr__(self, "objects", ordered)

    def of_type(self, cls: type[T]) -> tuple[T, ...]:
        """The objects of exactly this class."""
        return tuple(o for o in self.objects if type(o) is cls)

    def get(self, object_type: str, name: str) -> SchemaObject | None:
        """One object by kind and qualified name."""
        for o in self.objects:
            if o.object_type == object_type and o.name == name:
                return o
        return None

    def keyed(self) -> dict[tuple[str, str], SchemaObject]:
        """Objects keyed by (object type, qualified name)."""
        return {(o.object_type, o.name): o for o in self.objects}

    def to_json(self) -> dict[str, Any]:
        """A JSON-serialisable dict; `SchemaModel.from_json` reads it back to an equal model."""
        out = []
        for o in self.objects:
            item: dict[str, Any] = {"object_type": o.object_type}
            for f in dataclasses.fields(o):
                value = getattr(o, f.name)
                item[f.name] = list(value) if isinstance(value, tuple) else value
            out.append(item)
        return {"format": JSON_FORMAT, "objects": out}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SchemaModel:
        """Rebuild a model written by `to_json`."""
        if data.get("format") != JSON_FORMAT:
            raise ValueError(f"not a migwiz schema model (format {data.get('format')!r})")
        objects = []
        for item in data["objects"]:
            kind = _BY_TYPE[item["object_type"]]
            kwargs: dict[str, Any] = {
                k: tuple(v) if isinstance(v, list) else v for k, v in item.items() if k != "object_type"
            }
            objects.append(kind(**kwargs))
        return cls(tuple(objects))
