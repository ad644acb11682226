"""What one statement does (`Effect`), the context its handler gets, and helpers every handler shares."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pglast import ast
from pglast.enums import ObjectType

from migwiz.engine.analysis.model import Severity, lock_rank, stronger
from migwiz.engine.analysis.schema import Schema
from migwiz.engine.analysis.sqlnodes import qualify, qualify_names, read_relations
from migwiz.engine.sets.parsing import parse_sql

ACCESS_SHARE = "AccessShareLock"
ROW_SHARE = "RowShareLock"
ROW_EXCLUSIVE = "RowExclusiveLock"
SHARE_UPDATE_EXCLUSIVE = "ShareUpdateExclusiveLock"
SHARE = "ShareLock"
SHARE_ROW_EXCLUSIVE = "ShareRowExclusiveLock"
EXCLUSIVE = "ExclusiveLock"
ACCESS_EXCLUSIVE = "AccessExclusiveLock"
NO_TX_DIRECTIVE = "-- migwiz:no-transaction"


@dataclass(frozen=True)
class Hit:
    """A rule-worthy fact about a statement: which rule, on which relation, and the fix."""

    rule: str
    relation: str
    message: str
    fix: str | None = None
    severity: Severity | None = None
    """Lower than the rule's own when the facts make it so (an index build on a materialized view blocks
    only its REFRESH: a warning)."""


@dataclass
class Effect:
    """What one statement does, as far as static analysis can tell."""

    kind: str
    locks: dict[str, str] = field(default_factory=dict)
    rewrites: list[str] = field(default_factory=list)
    rebuilds: list[str] = field(default_factory=list)
    """Indexes given a new file: rebuilt with their table, reindexed, or re-created by a type change."""
    scans: list[str] = field(default_factory=list)
    no_transaction: bool = False
    hits: list[Hit] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)
    """Relations renamed by this statement, old -> new (locks held on them follow the new name)."""
    unknown: bool = False
    sets_lock_timeout: bool = False
    ends_transaction: bool = False
    destroys: list[str] = field(default_factory=list)
    """Relations (or `table.column`) whose data this statement deletes."""
    dead: set[str] = field(default_factory=set)
    """Relations locked only once no other session can use them (an index already marked dead at the end
    of DROP INDEX / REINDEX CONCURRENTLY): listed in the locks, but they block nothing."""
    moved: set[str] = field(default_factory=set)
    """Rewritten relations whose indexes keep their files (SET TABLESPACE copies the table alone)."""
    covered: set[str] = field(default_factory=set)
    """Indexes locked by a statement that locks their table as strongly (DROP INDEX, DROP CONSTRAINT of
    a key): a session reaches an index through its table, so they block nothing more."""

    def lock(self, relation: str, mode: str) -> None:
        """Record a lock, keeping the strongest mode per relation."""
        self.locks[relation] = stronger(self.locks.get(relation, mode), mode)

    def rewrite(self, relation: str) -> None:
        if relation not in self.rewrites:
            self.rewrites.append(relation)

    def rebuild(self, index: str) -> None:
        if index not in self.rebuilds:
            self.rebuilds.append(index)

    def scan(self, relation: str) -> None:
        if relation not in self.scans:
            self.scans.append(relation)


@dataclass
class Context:
    """Inputs every handler needs."""

    pg_version: int
    default_schema: str
    schema: Schema
    sql: str

    def name(self, rangevar: Any) -> str:
        if rangevar.schemaname:
            return qualify(rangevar, self.default_schema)
        return self.schema.resolve(rangevar.relname, self.default_schema)

    def created(self, rangevar: Any) -> str:
        """Where a CREATE puts a relation: an unqualified name goes to the search_path's first schema, even
        when a later schema of the path has a relation of that name."""
        if rangevar.schemaname:
            return qualify(rangevar, self.default_schema)
        return self.schema.creation_target(rangevar.relname, self.default_schema)

    def reads(self, node: Any) -> list[str]:
        """The relations a query reads, unqualified names looked up on the search_path."""
        return read_relations(
            node, self.default_schema, lambda name: self.schema.resolve(name, self.default_schema)
        )

    def qualified(self, names: Any) -> str:
        """`schema.name` of a list of String nodes, an unqualified name looked up on the search_path."""
        if len(names) == 1:
            return self.schema.resolve(str(names[0].sval), self.default_schema)
        return qualify_names(names, self.default_schema)

    def is_new(self, relation: str) -> bool:
        return self.schema.is_new(relation)


Handler = Callable[[Any, Context], Effect]


def fresh_statement(ctx: Context) -> Any:
    """A new parse tree of the statement, safe to modify for a rewritten fix."""
    return parse_sql(ctx.sql)[0].stmt


def with_descendants(ctx: Context, relation: str, recurse: bool) -> list[str]:
    """The relation, and its partitions / inheritance children when the statement recurses to them."""
    return [relation, *(ctx.schema.descendants(relation) if recurse else [])]


def has_storage(ctx: Context, relation: str) -> bool:
    """Whether the relation has a data file of its own (not a partitioned table or a view), if known."""
    state = ctx.schema.table(relation)
    return state is None or state.kind not in ("p", "v")


def surely_absent(ctx: Context, relation: str, sequence: bool = False) -> bool:
    """Whether IF EXISTS of this relation does nothing: the schema is the whole database and lacks it. A
    serial or identity column's sequence (`<table>_<column>_seq`) is not recorded as a relation when walking
    a set: such a name counts as absent there only when no known column needs it."""
    if not ctx.schema.absent(relation):
        return False
    if not sequence or ctx.schema.from_catalog or not relation.endswith("_seq"):
        return True
    tables = ctx.schema.tables.values()
    return not any(relation in c.sequences for t in tables for c in t.columns.values())


def known_column(ctx: Context, relation: str, column: str) -> bool | None:
    """Whether the table has this column (None: its columns are not known for sure)."""
    state = ctx.schema.table(relation)
    if state is None or state.kind not in ("r", "p") or not state.columns:
        return None
    if not (ctx.schema.from_catalog or ctx.schema.from_empty):
        return None
    return column in state.columns


def column_constraints(coldef: Any) -> list[Any]:
    """The constraints written on a column definition."""
    return [c for c in coldef.constraints or () if isinstance(c, ast.Constraint)]


RELATION_KINDS: dict[ObjectType, str] = {
    ObjectType.OBJECT_TABLE: "TABLE",
    ObjectType.OBJECT_VIEW: "VIEW",
    ObjectType.OBJECT_MATVIEW: "MATERIALIZED VIEW",
    ObjectType.OBJECT_SEQUENCE: "SEQUENCE",
    ObjectType.OBJECT_FOREIGN_TABLE: "FOREIGN TABLE",
    ObjectType.OBJECT_INDEX: "INDEX",
}
"""Object types that are relations, with the word their ALTER / COMMENT statements use."""


def blocking_locks(effect: Effect) -> dict[str, str]:
    """The locks of a statement that other sessions can queue behind (all but those on dead relations and
    on indexes whose table it locks as strongly)."""
    return {
        relation: mode
        for relation, mode in effect.locks.items()
        if relation not in effect.dead and relation not in effect.covered
    }


def strongest(locks: dict[str, str]) -> str | None:
    """The strongest mode in a lock map, or None when empty."""
    return max(locks.values(), key=lock_rank) if locks else None


class Registry:
    """The statement handlers of one module, by pglast node type."""

    def __init__(self) -> None:
        self.handlers: dict[type, Handler] = {}

    def handles(self, *node_types: type) -> Callable[[Handler], Handler]:
        """Decorator: register `fn` as the handler of these node types."""

        def register(fn: Handler) -> Handler:
            for t in node_types:
                self.handlers[t] = fn
            return fn

        return register
