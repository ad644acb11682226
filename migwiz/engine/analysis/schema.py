"""The schema as the analyser walks a migration set: seeded from catalog facts, updated by each statement."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from migwiz.engine.analysis.model import CatalogFacts, ColumnFacts, DomainFacts, ForeignKeyFacts, TableFacts
from migwiz.engine.analysis.schema_links import ANY, FK, INDEX, RULE, USES, IndexOwners, Links


@dataclass
class TableState:
    """Mutable copy of `TableFacts` that statements update as they are analysed."""

    name: str
    kind: str = "r"
    columns: dict[str, ColumnFacts] = field(default_factory=dict)
    not_null_checks: set[str] = field(default_factory=set)
    children: list[str] = field(default_factory=list)
    parent: str | None = None
    default_partition: bool = False
    indexes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    foreign_keys: list[ForeignKeyFacts] = field(default_factory=list)
    sources: tuple[str, ...] = ()
    tablespace: str | None = None
    used_columns: dict[str, set[str]] = field(default_factory=dict)
    """For views and materialized views: relation -> the columns of it they use."""
    definition: str | None = None
    """For views and materialized views: the query, when known."""
    unlogged: bool = False
    access_method: str | None = None
    rules: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    """Rules on this relation: name -> relation -> the columns of it they use."""
    triggers: set[str] = field(default_factory=set)
    trigger_functions: dict[str, str] = field(default_factory=dict)
    """Trigger name -> the function it runs (qualified), where known."""
    policies: set[str] = field(default_factory=set)
    empty: bool = False
    """Known to hold no row: created by the set with nothing inserted since, or an empty data file."""
    checked_columns: set[str] = field(default_factory=set)
    """Columns read by validated CHECK constraints."""
    partition_key: tuple[str, ...] = ()
    unvalidated_checks: dict[str, set[str]] = field(default_factory=dict)
    """NOT VALID CHECK constraints: name -> the columns they read (checked once validated)."""
    populated: bool = True
    """False for a materialized view created WITH NO DATA and not refreshed since."""
    detach_pending: bool = False
    """A partition whose DETACH PARTITION CONCURRENTLY was interrupted."""
    index_expressions: dict[str, str] = field(default_factory=dict)
    """Index name -> the expressions among its key parts, as SQL."""

    @classmethod
    def of(cls, facts: TableFacts) -> TableState:
        """A state seeded from catalog facts."""
        return cls(
            name=facts.name,
            kind=facts.kind,
            columns=dict(facts.columns),
            not_null_checks=set(facts.not_null_checks),
            children=list(facts.children),
            parent=facts.parent,
            default_partition=facts.default_partition,
            indexes=dict(facts.indexes),
            foreign_keys=list(facts.foreign_keys),
            sources=facts.sources,
            tablespace=facts.tablespace,
            used_columns={r: set(cols) for r, cols in facts.used_columns.items()},
            definition=facts.definition,
            unlogged=facts.unlogged,
            access_method=facts.access_method,
            rules={rule: {r: set(cols) for r, cols in used.items()} for rule, used in facts.rules.items()},
            checked_columns=set(facts.checked_columns),
            partition_key=facts.partition_key,
            triggers=set(facts.triggers),
            trigger_functions=dict(facts.trigger_functions),
            policies=set(facts.policies),
            empty=facts.empty,
            populated=facts.populated,
            detach_pending=facts.detach_pending,
            index_expressions=dict(facts.index_expressions),
        )

    def copy(self) -> TableState:
        """An independent copy (the facts inside are immutable and shared)."""
        return replace(
            self,
            columns=dict(self.columns),
            not_null_checks=set(self.not_null_checks),
            children=list(self.children),
            indexes=dict(self.indexes),
            index_expressions=dict(self.index_expressions),
            foreign_keys=list(self.foreign_keys),
            used_columns={r: set(cols) for r, cols in self.used_columns.items()},
            rules={rule: {r: set(cols) for r, cols in used.items()} for rule, used in self.rules.items()},
            checked_columns=set(self.checked_columns),
            triggers=set(self.triggers),
            trigger_functions=dict(self.trigger_functions),
            policies=set(self.policies),
            unvalidated_checks={name: set(cols) for name, cols in self.unvalidated_checks.items()},
        )


@dataclass
class DomainState:
    """Mutable copy of `DomainFacts` that ALTER DOMAIN statements update."""

    name: str
    base: str | None = None
    not_null: bool = False
    constraints: dict[str, bool] = field(default_factory=dict)
    base_type: str = ""

    @classmethod
    def of(cls, facts: DomainFacts) -> DomainState:
        """A state seeded from catalog facts."""
        return cls(facts.name, facts.base, facts.not_null, dict(facts.constraints), facts.base_type)

    def copy(self) -> DomainState:
        """An independent copy."""
        return DomainState(self.name, self.base, self.not_null, dict(self.constraints), self.base_type)

    @property
    def type_name(self) -> str:
        """The unqualified name, as columns of the domain spell their type."""
        return self.name.rsplit(".", 1)[-1]


@dataclass
class Schema:
    """What is known about relations, functions and types at the current point of a migration set."""

    tables: dict[str, TableState] = field(default_factory=dict)
    index_tables: IndexOwners = field(default_factory=IndexOwners)
    function_volatility: dict[str, str] = field(default_factory=dict)
    """Function name -> volatility as planned: an inlined SQL function's body's, else its declared one."""
    statistics: dict[str, str] = field(default_factory=dict)
    """Extended statistics object (qualified) -> its table."""
    constrained_domains: set[str] = field(default_factory=set)
    domains: dict[str, DomainState] = field(default_factory=dict)
    timezone_utc: bool | None = None
    """Whether the session's TimeZone is UTC at this point of the script (None: unknown)."""
    server_timezone_utc: bool | None = None
    """Whether the server's (the catalog connection's) TimeZone is UTC: where each script starts."""
    search_path: tuple[str, ...] = ()
    """Schemas where unqualified names are looked up, in order, at this point of the script (the first is
    where unqualified relations are created; empty: `public`)."""
    server_search_path: tuple[str, ...] = ()
    """The catalog connection's search_path (existing schemas): where a run's session starts."""
    session_search_path: tuple[str, ...] | None = None
    """The search_path a plain `SET search_path` of an earlier script left on the run's session (the
    migrations of one run share one session): where the next script starts (None: the server's)."""
    user_schema: str = ""
    """The schema named after the connection's role, if it exists (`$user`; empty: none or unknown)."""
    publications: dict[str, set[str]] = field(default_factory=dict)
    """Publication name -> the tables it lists, where known."""
    from_catalog: bool = False
    from_empty: bool = False
    """Walked from an empty database (a whole set from its first migration, no catalog): what the
    statements did not create does not exist."""
    pending_not_null_checks: dict[tuple[str, str], str] = field(default_factory=dict)
    """(table, NOT VALID constraint name) -> column, for CHECK (col IS NOT NULL) not yet validated."""
    created_in_script: set[str] = field(default_factory=set)
    """Relations created by the script being analysed: empty and unused while it runs."""
    created_in_set: set[str] = field(default_factory=set)
    """Relations created by pending migrations of the set (not in the catalog)."""
    new_indexes: set[str] = field(default_factory=set)
    """Indexes created by the statement being analysed (built, not rebuilt)."""
    shared: set[str] = field(default_factory=set, repr=False, compare=False)
    """Relations whose `TableState` another schema holds too (after `fork`): copied before a change."""
    links: Links = field(default_factory=Links, init=False, repr=False, compare=False)
    """Who names whom among `tables` (lookups by relation without a scan of every relation)."""

    def __post_init__(self) -> None:
        self.links.place_all(self.tables)

    @classmethod
    def of(cls, catalog: CatalogFacts | None) -> Schema:
        """Seed from catalog facts (or start empty)."""
        if catalog is None:
            return cls()
        return cls(
            tables={name: TableState.of(t) for name, t in catalog.tables.items()},
            index_tables=IndexOwners(catalog.index_tables),
            function_volatility={**catalog.function_volatility, **catalog.inlined_volatility},
            statistics=dict(catalog.statistics),
            constrained_domains=set(catalog.constrained_domains),
            domains={name: DomainState.of(d) for name, d in catalog.domains.items()},
            timezone_utc=catalog.timezone_utc,
            server_timezone_utc=catalog.timezone_utc,
            search_path=catalog.search_path,
            server_search_path=catalog.search_path,
            user_schema=catalog.user_schema,
            publications={name: set(tables) for name, tables in catalog.publications.items()},
            from_catalog=True,
        )

    def fork(self) -> Schema:
        """An independent copy, cheap on a large schema: each relation's state is copied when first taken."""
        names = set(self.tables)
        self.shared |= names
        fork = Schema(
            index_tables=self.index_tables.copy(),
            function_volatility=dict(self.function_volatility),
            statistics=dict(self.statistics),
            constrained_domains=set(self.constrained_domains),
            domains={name: d.copy() for name, d in self.domains.items()},
            timezone_utc=self.timezone_utc,
            server_timezone_utc=self.server_timezone_utc,
            search_path=self.search_path,
            server_search_path=self.server_search_path,
            session_search_path=self.session_search_path,
            user_schema=self.user_schema,
            publications={name: set(tables) for name, tables in self.publications.items()},
            from_catalog=self.from_catalog,
            from_empty=self.from_empty,
            pending_not_null_checks=dict(self.pending_not_null_checks),
            created_in_script=set(self.created_in_script),
            created_in_set=set(self.created_in_set),
            new_indexes=set(self.new_indexes),
            shared=names.copy(),
        )
        fork.tables = dict(self.tables)
        fork.links = self.links.copy()
        return fork

    def next_statement(self) -> None:
        """A statement begins: nothing it builds is known yet, and states handed out before are settled."""
        self.new_indexes = set()
        self.links.settle(self.tables)

    def table(self, name: str) -> TableState | None:
        """The state of a relation (this schema's own, free to change), or None when unknown."""
        state = self.tables.get(name)
        if state is not None:
            self.links.touch(name)
            if name in self.shared:
                self.shared.discard(name)
                state = self.tables[name] = state.copy()
        return state

    def resolve(self, name: str, default_schema: str) -> str:
        """`schema.name` of an unqualified relation name: the first schema of the search_path that has it
        (as PostgreSQL looks it up), else the first one (where it is created), else `default_schema`."""
        if not self.search_path:
            return f"{default_schema}.{name}"
        for schema in self.search_path:
            qualified = f"{schema}.{name}"
            if qualified in self.tables or qualified in self.index_tables:
                return qualified
        return f"{self.search_path[0]}.{name}"

    def creation_target(self, name: str, default_schema: str) -> str:
        """`schema.name` where an unqualified CREATE puts `name`: the first schema of the search_path."""
        return f"{self.search_path[0] if self.search_path else default_schema}.{name}"

    def absent(self, name: str) -> bool:
        """Whether a relation or index surely does not exist here (IF EXISTS of it does nothing): the
        schema is the whole database (read from the catalog, or walked from an empty one) and lacks it."""
        known = name in self.tables or name in self.index_tables
        return (self.from_catalog or self.from_empty) and not known

    def is_new(self, name: str) -> bool:
        """Created by this script, or by a pending migration the catalog does not know yet."""
        if name in self.created_in_script:
            return True
        return self.from_catalog and name in self.created_in_set and name not in self.tables

    def descendants(self, name: str) -> list[str]:
        """Partitions and inheritance children, recursively, in declaration order."""
        out: list[str] = []
        todo = list(self.tables[name].children) if name in self.tables else []
        while todo:
            child = todo.pop(0)
            if child in out:
                continue
            out.append(child)
            if child in self.tables:
                todo.extend(self.tables[child].children)
        return out

    def indexes_of(self, table: str) -> list[str]:
        """The indexes of a table known at this point (catalog, CREATE INDEX, key constraints), sorted."""
        state = self.tables.get(table)
        names = set(state.indexes) if state else set()
        names |= self.index_tables.of(table)
        return sorted(names)

    def add_index(self, index: str, table: str, columns: tuple[str, ...]) -> None:
        """Record an index (qualified name) of `table` on `columns`."""
        self.index_tables[index] = table
        self.new_indexes.add(index)
        state = self.table(table)
        if state is not None:
            state.indexes[index] = columns

    def drop_indexes_on(self, table: str, column: str) -> None:
        """Forget the indexes of `table` that use `column` (dropped with it)."""
        state = self.table(table)
        if state is None:
            return
        for index, columns in list(state.indexes.items()):
            if column in columns:
                del state.indexes[index]
                self.index_tables.pop(index, None)

    def default_partition(self, parent: str) -> str | None:
        """The DEFAULT partition of a partitioned table, when known."""
        state = self.tables.get(parent)
        for child in state.children if state else ():
            child_state = self.tables.get(child)
            if child_state is not None and child_state.default_partition:
                return child
        return None

    def find_domain(self, name: str) -> DomainState | None:
        """A domain by qualified name, else the only domain of that name in any schema."""
        if name in self.domains:
            return self.domains[name]
        type_name = name.rsplit(".", 1)[-1]
        matches = [d for d in self.domains.values() if d.type_name == type_name]
        return matches[0] if len(matches) == 1 else None

    def note_domain_constraints(self, domain: DomainState) -> None:
        """Keep `constrained_domains` (adding a column of such a domain rewrites) in step with a domain."""
        if domain.not_null or domain.constraints:
            self.constrained_domains.add(domain.type_name)
        else:
            self.constrained_domains.discard(domain.type_name)

    def domain_tables(self, domain: str) -> list[str]:
        """Tables and materialized views with a column of the domain (or of a domain defined over it)."""
        type_names = {domain.rsplit(".", 1)[-1]}
        todo = [domain]
        while todo:
            base = todo.pop()
            for sub in self.domains.values():
                if sub.base == base and sub.type_name not in type_names:
                    type_names.add(sub.type_name)
                    todo.append(sub.name)
        return [
            name
            for name, t in self.tables.items()
            if t.kind in ("r", "m") and any(c.type_name in type_names for c in t.columns.values())
        ]

    def views_using(self, relation: str, column: str) -> list[str]:
        """Views and materialized views that use `relation`.`column`, sorted."""
        users = self.links.owners(USES, relation, self.tables)
        return sorted(name for name in users if column in self.tables[name].used_columns.get(relation, ()))

    def rules_using(self, relation: str, column: str) -> list[tuple[str, str]]:
        """(rule, relation it is on) for each rule whose condition or actions use `relation`.`column`."""
        return sorted(
            (rule, name)
            for name in self.links.owners(RULE, relation, self.tables)
            for rule, used in self.tables[name].rules.items()
            if column in used.get(relation, ())
        )

    def referenced_by(self, name: str) -> list[ForeignKeyFacts]:
        """Foreign keys of any known table that point at `name`."""
        owners = self.links.owners(FK, name, self.tables)
        return [fk for owner in owners for fk in self.tables[owner].foreign_keys if fk.referenced == name]

    def add_table(self, state: TableState) -> None:
        """Record a relation created by the script."""
        if state.name not in self.tables:
            self.links.placed(state.name)
        self.tables[state.name] = state
        self.links.touch(state.name)
        self.shared.discard(state.name)
        self.created_in_script.add(state.name)
        self.created_in_set.add(state.name)
        parent = self.table(state.parent) if state.parent else None
        if parent is not None:
            parent.children.append(state.name)

    def drop(self, name: str) -> None:
        """Forget a dropped relation (and its indexes and foreign keys)."""
        state = self.tables.pop(name, None)
        self.links.touch(name)
        self.shared.discard(name)
        parent = self.table(state.parent) if state is not None and state.parent else None
        if parent is not None:
            parent.children = [c for c in parent.children if c != name]
        for index in [*self.index_tables.of(name), name]:
            self.index_tables.pop(index, None)
        holders = self.links.owners(INDEX, name, self.tables)
        for owner in [n for n in holders if name in self.tables[n].indexes]:
            self._own(owner).indexes.pop(name, None)

    def rename(self, old: str, new: str) -> None:
        """Follow a relation (table or index) to its new name."""
        if old in self.tables:
            state = self._own(old)
            del self.tables[old]
            state.name = new
            if new not in self.tables:
                self.links.placed(new)
            self.tables[new] = state
            self.links.touch(new)
            self.shared.discard(new)
            mentioning = self.links.owners(ANY, old, self.tables)
            for name in [n for n in mentioning if _mentions(self.tables[n], old)]:
                t = self._own(name)
                t.children = [new if c == old else c for c in t.children]
                if old in t.used_columns:
                    t.used_columns[new] = t.used_columns.pop(old)
                for used in t.rules.values():
                    if old in used:
                        used[new] = used.pop(old)
                if t.parent == old:
                    t.parent = new
                t.foreign_keys = [
                    replace(
                        fk,
                        table=new if fk.table == old else fk.table,
                        referenced=new if fk.referenced == old else fk.referenced,
                    )
                    for fk in t.foreign_keys
                ]
            self.index_tables.retable(old, new)
            for created in (self.created_in_script, self.created_in_set):
                if old in created:
                    created.discard(old)
                    created.add(new)
        if old in self.index_tables:
            table = self.index_tables.pop(old)
            self.index_tables[new] = table
            owner = self.tables.get(table)
            if owner is not None and old in owner.indexes:
                indexes = self._own(table).indexes
                indexes[new] = indexes.pop(old)

    def _own(self, name: str) -> TableState:
        """This schema's own state of a known relation (copied first when shared after `fork`)."""
        state = self.table(name)
        assert state is not None
        return state


def _mentions(state: TableState, name: str) -> bool:
    """Whether a relation's state names `name` (as child, used relation, parent or in a foreign key)."""
    if name in state.children or name in state.used_columns or state.parent == name:
        return True
    if any(name in used for used in state.rules.values()):
        return True
    return any(fk.table == name or fk.referenced == name for fk in state.foreign_keys)
