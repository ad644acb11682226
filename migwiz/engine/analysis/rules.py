"""The lint rules: stable ids, severities and one-line summaries. Each has docs/rules/<id>.md.

Severity means the same for every rule (docs/rules/README.md): `error` blocks reads or writes on an
existing table for longer than a lock_timeout can protect (a rewrite, a full scan or an index build under a
strong lock) or makes the migration fail; `warning` destroys data or breaks running code (drop, rename) or
is risky only on big or busy tables; `info` is advice.
"""

from __future__ import annotations

from dataclasses import dataclass

from migwiz.engine.analysis.model import Finding, Severity


@dataclass(frozen=True)
class Rule:
    """A lint rule: its stable id, default severity and a one-line summary."""

    id: str
    severity: Severity
    summary: str


_RULES = (
    Rule(
        "index-not-concurrent", "error", "CREATE INDEX without CONCURRENTLY blocks writes for the whole build"
    ),
    Rule("drop-index-not-concurrent", "warning", "DROP INDEX without CONCURRENTLY takes AccessExclusiveLock"),
    Rule("reindex-not-concurrent", "error", "REINDEX without CONCURRENTLY blocks writes and index reads"),
    Rule("add-column-volatile-default", "error", "ADD COLUMN with a volatile default rewrites the table"),
    Rule(
        "add-column-not-null-no-default",
        "error",
        "ADD COLUMN NOT NULL without a default fails on existing rows",
    ),
    Rule(
        "column-type-rewrite",
        "error",
        "ALTER COLUMN TYPE that rewrites the table and its indexes (or rebuilds them for a new collation)",
    ),
    Rule(
        "set-not-null-scan",
        "error",
        "SET NOT NULL (or a primary key on nullable columns) scans the table under AccessExclusiveLock",
    ),
    Rule(
        "constraint-not-valid-missing",
        "error",
        "FOREIGN KEY / CHECK (also inline in ADD COLUMN) validated while the table is locked",
    ),
    Rule(
        "unique-without-index",
        "error",
        "UNIQUE / PRIMARY KEY / EXCLUDE (also inline in ADD COLUMN) that builds its index under "
        "AccessExclusiveLock",
    ),
    Rule(
        "alter-only-fails",
        "error",
        "ALTER TABLE ONLY of a change PostgreSQL must make on the partitions or children too fails",
    ),
    Rule(
        "drop-has-dependents",
        "error",
        "DROP (or TRUNCATE) without CASCADE of a table, view, column, key or type that other objects use "
        "fails",
    ),
    Rule("rename-column", "warning", "Renaming a column breaks deployed code"),
    Rule("rename-table", "warning", "Renaming a table breaks deployed code"),
    Rule("drop-outside-contract", "warning", "DROP TABLE / DROP COLUMN outside a contract-phase migration"),
    Rule(
        "table-rewrite",
        "error",
        "SET TABLESPACE, SET LOGGED / UNLOGGED, SET ACCESS METHOD or SET EXPRESSION rewrites the table",
    ),
    Rule(
        "type-change-under-view",
        "error",
        "ALTER COLUMN TYPE of a column that a view or rule uses fails",
    ),
    Rule(
        "validate-in-same-transaction",
        "error",
        "VALIDATE CONSTRAINT in the transaction that holds a strong lock on the table (NOT VALID lost)",
    ),
    Rule(
        "index-expression-mutable",
        "error",
        "CREATE INDEX on an expression or predicate that is not IMMUTABLE fails",
    ),
    Rule(
        "refresh-concurrently-no-unique-index",
        "error",
        "REFRESH MATERIALIZED VIEW CONCURRENTLY of a materialized view without a unique index fails",
    ),
    Rule(
        "composite-type-in-use",
        "error",
        "ALTER TYPE ... ALTER ATTRIBUTE ... TYPE of a composite type that a table column uses fails",
    ),
    Rule(
        "index-concurrently-partitioned",
        "error",
        "CREATE INDEX CONCURRENTLY on a partitioned table fails",
    ),
    Rule("vacuum-full", "error", "VACUUM FULL rewrites the table under AccessExclusiveLock"),
    Rule("cluster", "error", "CLUSTER rewrites the table under AccessExclusiveLock"),
    Rule("truncate", "warning", "TRUNCATE takes AccessExclusiveLock and deletes every row"),
    Rule(
        "refresh-materialized-view-blocking",
        "error",
        "REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks its reads while it runs",
    ),
    Rule(
        "detach-partition-not-concurrent", "warning", "DETACH PARTITION without CONCURRENTLY (PostgreSQL 14+)"
    ),
    Rule(
        "default-partition-scan",
        "error",
        "A new partition makes PostgreSQL scan the DEFAULT partition under AccessExclusiveLock",
    ),
    Rule(
        "attach-partition-scan",
        "error",
        "ATTACH PARTITION scans the attached table under AccessExclusiveLock (no CHECK proves the bound)",
    ),
    Rule(
        "domain-constraint-scan",
        "error",
        "ALTER DOMAIN checks every table using the domain under ShareLock",
    ),
    Rule("unbatched-update", "warning", "Whole-table UPDATE / DELETE not marked as a backfill"),
    Rule("missing-lock-timeout", "info", "AccessExclusiveLock taken while the script sets no lock_timeout"),
    Rule("multiple-strong-locks", "warning", "A transaction takes strong locks on several relations"),
    Rule(
        "concurrently-in-transaction", "error", "A statement that cannot run in a transaction block is in one"
    ),
    Rule("mixed-non-transactional", "warning", "A non-transactional statement shares its script with others"),
    Rule(
        "no-transaction-auto",
        "info",
        "The migration runs without a transaction: its statements cannot run in one",
    ),
    Rule("transaction-control", "error", "BEGIN / COMMIT / ROLLBACK written inside a migration"),
    Rule("empty-migration", "info", "The migration has no statements"),
    Rule("enum-value-in-transaction", "info", "An enum value added in a transaction cannot be used in it"),
    Rule(
        "enum-value-used-in-transaction",
        "error",
        "A new enum value is used in the transaction that added it: the migration fails",
    ),
    Rule("missing-down", "info", "The migration has no down script"),
    Rule("destructive-down", "warning", "The down script destroys data"),
    Rule("unknown-statement", "info", "A statement migwiz cannot analyse; its locks are not reported"),
    Rule("parse-error", "error", "The statement does not parse"),
    Rule("version-syntax", "error", "Syntax the target PostgreSQL major rejects"),
    Rule("own-schema", "error", "A statement on migwiz's own schema (history, log): `up` refuses it"),
)

RULES: dict[str, Rule] = {r.id: r for r in _RULES}
"""Every rule, by id."""


def finding(
    rule_id: str, message: str, fix: str | None, line: int, severity: Severity | None = None
) -> Finding:
    """A Finding of a registered rule at its default severity (or the one given)."""
    rule = RULES[rule_id]
    return Finding(rule.id, severity or rule.severity, message, fix, line)
