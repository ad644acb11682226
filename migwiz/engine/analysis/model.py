"""What static analysis says about a statement: the locks it takes, what it rewrites, what it blocks.

Lock conventions (the `migwiz trace` corpus compares against these):

- `locks`/`own_locks` hold one entry per relation, with the strongest mode taken on it (modes ordered as
  PostgreSQL numbers them, AccessShareLock = 1 ... AccessExclusiveLock = 8).
- Listed: existing tables, partitions, views, materialized views and sequences that PostgreSQL locks, and
  indexes only when the statement names them (DROP INDEX, REINDEX INDEX, ALTER INDEX). Not listed: the
  relations a statement creates, and the locks taken implicitly on a table's indexes, TOAST table and
  owned sequences (they follow the table's lock).
- Names are schema-qualified as they are once the statement has run (after `RENAME TO people` the lock is
  on `public.people`); a dropped relation keeps the name it had.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from migwiz.engine.analysis.lockmodes import LOCK_MODES as LOCK_MODES
from migwiz.engine.analysis.lockmodes import lock_rank as lock_rank
from migwiz.engine.analysis.lockmodes import stronger as stronger
from migwiz.engine.sets.model import Statement

Severity = Literal["error", "warning", "info"]
Blocks = Literal["nothing", "writes", "reads_and_writes", "ddl"]

SEVERITIES: tuple[Severity, ...] = ("info", "warning", "error")

UTC_ZONES = frozenset(
    {"utc", "etc/utc", "gmt", "etc/gmt", "uct", "etc/uct", "zulu", "etc/zulu", "universal", "etc/universal",
     "greenwich", "etc/greenwich", "gmt0", "etc/gmt0", "gmt+0", "etc/gmt+0", "gmt-0", "etc/gmt-0"}
)  # fmt: skip
"""TimeZone settings (lower-cased) under which timestamp and timestamptz are stored alike."""


def blocks_of(mode: str | None) -> Blocks:
    """What other sessions cannot do while `mode` is held.

    >>> blocks_of("ShareLock"), blocks_of("AccessExclusiveLock"), blocks_of(None)
    ('writes', 'reads_and_writes', 'nothing')
    """
    if mode is None:
        return "nothing"
    rank = lock_rank(mode)
    if rank == 8:
        return "reads_and_writes"
    if rank >= 5:
        return "writes"
    return "ddl"


@dataclass(frozen=True)
class LockOn:
    """A table-level lock: schema-qualified relation and PostgreSQL's name of the mode."""

    relation: str
    mode: str


@dataclass(frozen=True)
class Finding:
    """A rule that fired on one statement (or one script), with the fix to apply."""

    rule: str
    severity: Severity
    message: str
    fix: str | None
    line: int


@dataclass(frozen=True)
class StatementAnalysis:
    """Everything static analysis knows about one statement."""

    statement: Statement
    locks: tuple[LockOn, ...]
    """Held once it has run, including locks kept from earlier statements of the same transaction."""
    own_locks: tuple[LockOn, ...]
    """Taken by this statement alone."""
    rewrites: tuple[str, ...]
    """Relations the statement gives a new data file by rewriting them: tables and materialized views
    (rewritten, truncated: TRUNCATE replaces the storage, as the trace sees it), and the indexes REINDEX
    rebuilds."""
    index_rebuilds: tuple[str, ...]
    """Every index given a new file (`migwiz trace`'s `index_rebuilds`): each index of a rewritten or
    truncated table, the indexes REINDEX rebuilds, the indexes on a column whose type changes (re-created
    under their names even when nothing is rewritten). Not the indexes of a table moved by SET TABLESPACE."""
    scans: tuple[str, ...]
    """Relations read or validated in full while holding the lock, without being rewritten."""
    needs_no_transaction: bool
    blocks: Blocks
    kind: str
    findings: tuple[Finding, ...]
    parse_error: str | None = None


@dataclass(frozen=True)
class ColumnFacts:
    """A column: its type as (type name, type modifiers), nullability and generation."""

    type_name: str
    type_mods: tuple[int, ...] = ()
    not_null: bool = False
    generated: str = ""
    """pg_attribute.attgenerated: "s" stored, "v" virtual (PostgreSQL 18), "" not generated."""
    identity: str = ""
    """pg_attribute.attidentity: "a" always, "d" by default, "" not an identity column."""
    sequences: tuple[str, ...] = ()
    """Sequences (qualified) the column needs: an identity column's own, those its default calls nextval on
    (a serial column's included). DROP SEQUENCE of one fails (CASCADE drops the default, not an identity)."""


@dataclass(frozen=True)
class ForeignKeyFacts:
    """A foreign key from `table`(`columns`) to `referenced`."""

    name: str
    table: str
    columns: tuple[str, ...]
    referenced: str
    validated: bool = True
    referenced_columns: tuple[str, ...] = ()
    """Empty when written without a column list (the referenced table's primary key)."""


@dataclass(frozen=True)
class TableFacts:
    """What the catalog says about one relation (kind as pg_class.relkind: r, p, v, m, S, f)."""

    name: str
    kind: str = "r"
    columns: Mapping[str, ColumnFacts] = field(default_factory=dict)
    not_null_checks: frozenset[str] = frozenset()
    """Columns with a validated CHECK (col IS NOT NULL) (or, on 18, a validated NOT NULL constraint)."""
    checked_columns: frozenset[str] = frozenset()
    """Columns read by a validated CHECK constraint (one that implies a partition bound spares the scan of
    ATTACH PARTITION)."""
    partition_key: tuple[str, ...] = ()
    """For a partitioned table: the columns of its partition key (empty for expressions, or unknown)."""
    children: tuple[str, ...] = ()
    """Partitions or inheritance children."""
    parent: str | None = None
    default_partition: bool = False
    """The DEFAULT partition of its parent (attaching, creating or dropping a sibling locks it)."""
    indexes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Index name (qualified) -> indexed columns."""
    unique_indexes: frozenset[str] = frozenset()
    index_expressions: Mapping[str, str] = field(default_factory=dict)
    """Index name (qualified) -> the expressions among its key parts, as SQL (indexes with any)."""
    foreign_keys: tuple[ForeignKeyFacts, ...] = ()
    """Foreign keys of this table."""
    referenced_by: tuple[ForeignKeyFacts, ...] = ()
    """Foreign keys of other tables that point at this one."""
    sources: tuple[str, ...] = ()
    """For views and materialized views: the relations they read."""
    estimated_rows: int | None = None
    tablespace: str | None = None
    """None: the database's default tablespace."""
    definition: str | None = None
    """For views and materialized views: the query (pg_get_viewdef)."""
    unlogged: bool = False
    access_method: str | None = None
    """The table access method (heap unless said otherwise; None for relations without one)."""
    used_columns: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """For views and materialized views: relation -> the columns of it they use (whose type cannot change
    while the view exists)."""
    triggers: frozenset[str] = frozenset()
    """Names of its triggers (not internal ones)."""
    trigger_functions: Mapping[str, str] = field(default_factory=dict)
    """Trigger name -> the function it runs (qualified)."""
    empty: bool = False
    """A table whose data file is empty (it has never held a row): a rewrite calls no default on it."""
    populated: bool = True
    """False for a materialized view created WITH NO DATA and not refreshed since."""
    detach_pending: bool = False
    """A partition whose DETACH PARTITION CONCURRENTLY was interrupted (FINALIZE completes it)."""
    policies: frozenset[str] = frozenset()
    """Names of its row-level security policies."""
    rules: Mapping[str, Mapping[str, frozenset[str]]] = field(default_factory=dict)
    """Rules on this relation (CREATE RULE; not a view's own): rule name -> relation -> the columns of it
    the rule's condition and actions use (whose type cannot change while the rule exists)."""


@dataclass(frozen=True)
class DomainFacts:
    """A domain: schema-qualified name, the domain it is based on (if any), NOT NULL and its constraints."""

    name: str
    base: str | None = None
    """The schema-qualified domain this one is defined over, None when over a base type."""
    not_null: bool = False
    constraints: Mapping[str, bool] = field(default_factory=dict)
    """CHECK (and, from 17, NOT NULL) constraint name -> validated."""
    base_type: str = ""
    """pg_type.typname of the type it is defined over (a domain's own name when over a domain; "" unknown)."""

    @property
    def type_name(self) -> str:
        """The unqualified name, as columns of the domain spell their type."""
        return self.name.rsplit(".", 1)[-1]

    @property
    def constrained(self) -> bool:
        """Whether values are checked (NOT NULL or any constraint): adding a column of it rewrites."""
        return self.not_null or bool(self.constraints)


@dataclass(frozen=True)
class CatalogFacts:
    """Facts read from a live database, settling what only the schema knows."""

    server_version: int | None = None
    tables: Mapping[str, TableFacts] = field(default_factory=dict)
    index_tables: Mapping[str, str] = field(default_factory=dict)
    """Index name (qualified) -> its table."""
    function_volatility: Mapping[str, str] = field(default_factory=dict)
    """Non-built-in function name -> provolatile ('i', 's' or 'v')."""
    constrained_domains: frozenset[str] = frozenset()
    """Unqualified names of domains with a CHECK or NOT NULL constraint."""
    domains: Mapping[str, DomainFacts] = field(default_factory=dict)
    """Schema-qualified domain name -> its facts (the tables using it are the columns of that type)."""
    timezone_utc: bool | None = None
    search_path: tuple[str, ...] = ()
    """The existing schemas of the connection's search_path, in order (`current_schemas(false)`: the
    database's and role's settings applied); empty: unknown (`public`)."""
    publications: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Publication name -> the tables it lists."""
    user_schema: str = ""
    """The schema named after the connection's role, if it exists: what `$user` in a search_path a script
    sets stands for (empty: none, or unknown)."""
    statistics: Mapping[str, str] = field(default_factory=dict)
    """Extended statistics object (qualified) -> the table it is on."""
    inlined_volatility: Mapping[str, str] = field(default_factory=dict)
    """Non-built-in SQL functions PostgreSQL inlines -> the volatility of their body, where it is less
    volatile than declared (what a default or index expression really is once planned)."""


@dataclass(frozen=True)
class ScriptLint:
    """The analysis of one script file (an up or a down)."""

    path: Path
    statements: tuple[StatementAnalysis, ...]
    findings: tuple[Finding, ...] = ()
    """Script-level findings (missing down, destructive down) that belong to no single statement."""
    in_file: int | None = None
    """How many statements the file holds when `statements` is a sample of them: a big (streamed) file's
    statements are analysed one per shape (`sets.streamed.one_per_shape`). None: all were analysed."""

    @property
    def statement_count(self) -> int:
        """The statements of the file, analysed or not."""
        return len(self.statements) if self.in_file is None else self.in_file


@dataclass(frozen=True)
class LintReport:
    """Every script of a migration set, analysed."""

    files: tuple[ScriptLint, ...]
    pg_version: int
    notices: tuple[str, ...] = ()
    """What reading the linted sets noted: files their tools ignore, layout and ordering guesses."""

    def all_findings(self) -> tuple[tuple[Path, Finding], ...]:
        """Every finding with the file it is in."""
        out: list[tuple[Path, Finding]] = []
        for script in self.files:
            out.extend((script.path, f) for f in script.findings)
            for st in script.statements:
                out.extend((script.path, f) for f in st.findings)
        return tuple(out)

    def worst(self) -> Severity | None:
        """The highest severity found, or None when clean."""
        levels = {f.severity for _, f in self.all_findings()}
        for sev in reversed(SEVERITIES):
            if sev in levels:
                return sev
        return None
