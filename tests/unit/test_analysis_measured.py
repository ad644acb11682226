"""Lock facts the trace measured that static analysis first got wrong: dead indexes at the end of
CONCURRENTLY, DETACH CONCURRENTLY's second transaction, DEFAULT partitions, partition drops, ALTER DOMAIN
and sequences. No database: the catalog is given as facts, or learnt from earlier statements."""

from __future__ import annotations

import pglast
import pytest

from migwiz.engine.analysis import CatalogFacts, StatementAnalysis, analyze_statements
from migwiz.engine.analysis.model import ColumnFacts, DomainFacts, TableFacts
from migwiz.engine.sets.model import Statement

AEL = "AccessExclusiveLock"
SUE = "ShareUpdateExclusiveLock"
SHARE = "ShareLock"

USERS = TableFacts(
    "public.users", columns={"id": ColumnFacts("int4", (), True)}, indexes={"public.ui": ("id",)}
)
EV = TableFacts("public.ev", kind="p", children=("public.ev_1", "public.ev_other"))
EV_1 = TableFacts("public.ev_1", parent="public.ev")
EV_OTHER = TableFacts("public.ev_other", parent="public.ev", default_partition=True)
EV_NEW = TableFacts("public.ev_new")
PLAIN = TableFacts("public.plain", kind="p", children=("public.plain_1",))
PLAIN_1 = TableFacts("public.plain_1", parent="public.plain")
BASE = TableFacts("public.base", children=("public.child",))
CHILD = TableFacts("public.child", parent="public.base")
STOCK = TableFacts("public.stock", columns={"qty": ColumnFacts("posint")})
PARCELS = TableFacts("public.parcels", columns={"w": ColumnFacts("smallposint")})
STOCK_MV = TableFacts("public.stock_mv", kind="m", columns={"qty": ColumnFacts("posint")})
STOCK_V = TableFacts("public.stock_v", kind="v", columns={"qty": ColumnFacts("posint")})
BINS = TableFacts(
    "public.bins", kind="p", columns={"qty": ColumnFacts("posint")}, children=("public.bins_1",)
)
BINS_1 = TableFacts("public.bins_1", columns={"qty": ColumnFacts("posint")}, parent="public.bins")
UNRELATED = TableFacts("public.unrelated", columns={"qty": ColumnFacts("int4")})
TABLES = (USERS, EV, EV_1, EV_OTHER, EV_NEW, PLAIN, PLAIN_1, BASE, CHILD, STOCK, PARCELS, STOCK_MV, STOCK_V)
CATALOG = CatalogFacts(
    tables={t.name: t for t in (*TABLES, BINS, BINS_1, UNRELATED, TableFacts("public.s", kind="S"))},
    index_tables={"public.ui": "public.users"},
    domains={
        "public.posint": DomainFacts("public.posint", constraints={"posint_ck": False}),
        "public.smallposint": DomainFacts("public.smallposint", base="public.posint"),
        "public.nn": DomainFacts("public.nn", not_null=True),
    },
    constrained_domains=frozenset({"posint", "nn"}),
)


def one(sql: str, pg: int = 16, catalog: CatalogFacts | None = CATALOG) -> StatementAnalysis:
    return analyze_statements([Statement(sql, 1)], pg_version=pg, catalog=catalog, in_transaction=False)[0]


def script(*sqls: str, pg: int = 16) -> tuple[StatementAnalysis, ...]:
    """Statements analysed with no database: what they know comes from the earlier ones."""
    statements = [Statement(sql, i + 1) for i, sql in enumerate(sqls)]
    return analyze_statements(statements, pg_version=pg, in_transaction=False)


def locks(analysis: StatementAnalysis) -> dict[str, str]:
    return {lock.relation: lock.mode for lock in analysis.own_locks}


def rules(analysis: StatementAnalysis) -> set[str]:
    return {f.rule for f in analysis.findings}


# --- dead indexes at the end of DROP INDEX / REINDEX CONCURRENTLY ----------------------------------


@pytest.mark.parametrize("pg", [11, 12, 14, 16, 18])
def test_drop_index_concurrently_ends_with_access_exclusive_on_the_dead_index(pg: int) -> None:
    result = one("DROP INDEX CONCURRENTLY ui", pg)
    assert locks(result) == {"public.users": SUE, "public.ui": AEL}
    assert result.blocks == "ddl"  # the index is dead by then: nobody queues behind that lock
    assert "missing-lock-timeout" not in rules(result)


@pytest.mark.parametrize("pg", [12, 16, 18])
def test_reindex_index_concurrently_drops_the_old_index_under_access_exclusive(pg: int) -> None:
    result = one("REINDEX INDEX CONCURRENTLY ui", pg)
    assert locks(result) == {"public.users": SUE, "public.ui": AEL}
    assert result.rewrites == ("public.ui",)
    assert result.blocks == "ddl"
    assert rules(result) == set()


def test_plain_drop_index_still_blocks_reads_and_writes() -> None:
    result = one("DROP INDEX ui")
    assert result.blocks == "reads_and_writes"
    assert "missing-lock-timeout" in rules(result)


# --- partitions ----------------------------------------------------------------------------------


@pytest.mark.parametrize("pg", [14, 16, 18])
def test_detach_concurrently_takes_access_exclusive_on_the_partition(pg: int) -> None:
    result = one("ALTER TABLE plain DETACH PARTITION plain_1 CONCURRENTLY", pg)
    assert locks(result) == {"public.plain": SUE, "public.plain_1": AEL}
    assert result.needs_no_transaction
    assert result.blocks == "reads_and_writes"  # of the partition itself


def test_detach_locks_the_default_partition_and_offers_no_concurrently_fix() -> None:
    result = one("ALTER TABLE ev DETACH PARTITION ev_1")
    assert locks(result) == {"public.ev": AEL, "public.ev_1": AEL, "public.ev_other": AEL}
    (finding,) = [f for f in result.findings if f.rule == "detach-partition-not-concurrent"]
    assert finding.fix is not None and "CONCURRENTLY;" not in finding.fix  # a quiet window, no statement
    assert "public.ev_other" in finding.message
    plain = one("ALTER TABLE plain DETACH PARTITION plain_1")
    (finding,) = [f for f in plain.findings if f.rule == "detach-partition-not-concurrent"]
    assert finding.fix is not None and "CONCURRENTLY" in finding.fix


@pytest.mark.parametrize("pg", [11, 12, 16, 18])
def test_attach_locks_and_scans_the_default_partition(pg: int) -> None:
    result = one("ALTER TABLE ev ATTACH PARTITION ev_new FOR VALUES FROM (1) TO (2)", pg)
    parent = SUE if pg >= 12 else AEL
    assert locks(result) == {"public.ev": parent, "public.ev_new": AEL, "public.ev_other": AEL}
    assert set(result.scans) == {"public.ev_new", "public.ev_other"}
    (finding,) = [f for f in result.findings if f.rule == "default-partition-scan"]
    assert finding.severity == "error"
    assert "public.ev_other" in finding.message and "public.ev_other" in (finding.fix or "")


def test_attach_without_default_or_as_the_default_scans_only_the_new_partition() -> None:
    plain = one("ALTER TABLE plain ATTACH PARTITION ev_new FOR VALUES FROM (1) TO (2)")
    assert locks(plain) == {"public.plain": SUE, "public.ev_new": AEL}
    assert "default-partition-scan" not in rules(plain)
    as_default = one("ALTER TABLE plain ATTACH PARTITION ev_new DEFAULT")
    assert as_default.scans == ("public.ev_new",)
    assert "default-partition-scan" not in rules(as_default)


def test_create_partition_of_locks_and_scans_the_default_partition() -> None:
    result = one("CREATE TABLE ev_2 PARTITION OF ev FOR VALUES FROM (2) TO (3)")
    assert locks(result) == {"public.ev": AEL, "public.ev_other": AEL}
    assert result.scans == ("public.ev_other",)
    assert "default-partition-scan" in rules(result)


def test_default_partition_learnt_from_earlier_statements() -> None:
    result = script(
        "CREATE TABLE m (id int, at date) PARTITION BY RANGE (at)",
        "CREATE TABLE m_other PARTITION OF m DEFAULT",
        "CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
        "CREATE TABLE m_2025 (id int, at date)",
        "ALTER TABLE m ATTACH PARTITION m_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
        "DROP TABLE m_2024",
        "ALTER TABLE m DETACH PARTITION m_other",
        "ALTER TABLE m DETACH PARTITION m_2025",
    )
    assert locks(result[2]) == {"public.m": AEL, "public.m_other": AEL}
    assert locks(result[4]) == {"public.m": SUE, "public.m_2025": AEL, "public.m_other": AEL}
    assert locks(result[5]) == {"public.m": AEL, "public.m_2024": AEL, "public.m_other": AEL}
    assert locks(result[6]) == {"public.m": AEL, "public.m_other": AEL}
    assert locks(result[7]) == {"public.m": AEL, "public.m_2025": AEL}  # no default any more


def test_dropping_a_partition_locks_its_parent_and_the_default_partition() -> None:
    result = one("DROP TABLE ev_1")
    assert locks(result) == {"public.ev": AEL, "public.ev_1": AEL, "public.ev_other": AEL}
    assert locks(one("DROP TABLE ev_other")) == {"public.ev": AEL, "public.ev_other": AEL}
    assert locks(one("DROP TABLE child")) == {"public.child": AEL}  # inheritance: parent untouched


def test_dropping_a_partition_suggests_detaching_it_concurrently_first() -> None:
    (finding,) = [f for f in one("DROP TABLE plain_1").findings if f.rule == "drop-outside-contract"]
    assert "public.plain" in finding.message
    assert finding.fix is not None
    assert "ALTER TABLE public.plain DETACH PARTITION public.plain_1 CONCURRENTLY;" in finding.fix
    body = "\n".join(line for line in finding.fix.splitlines() if not line.startswith("--"))
    pglast.parse_sql(body)
    (old,) = [f for f in one("DROP TABLE plain_1", pg=13).findings if f.rule == "drop-outside-contract"]
    assert old.fix is not None and "CONCURRENTLY" not in old.fix
    (dflt,) = [f for f in one("DROP TABLE ev_1").findings if f.rule == "drop-outside-contract"]
    assert dflt.fix is not None and "CONCURRENTLY" not in dflt.fix


# --- ALTER DOMAIN --------------------------------------------------------------------------------

DOMAIN_USERS = {
    "public.stock": SHARE,
    "public.parcels": SHARE,
    "public.stock_mv": SHARE,
    "public.bins_1": SHARE,
}


@pytest.mark.parametrize(
    "sql",
    [
        "ALTER DOMAIN posint ADD CONSTRAINT positive CHECK (VALUE > 0)",
        "ALTER DOMAIN posint VALIDATE CONSTRAINT posint_ck",
        "ALTER DOMAIN posint SET NOT NULL",
    ],
)
@pytest.mark.parametrize("pg", [11, 15, 18])
def test_alter_domain_share_locks_and_scans_every_table_using_it(sql: str, pg: int) -> None:
    result = one(sql, pg)
    assert locks(result) == DOMAIN_USERS  # views and partitioned tables are released at once: not held
    assert set(result.scans) == set(DOMAIN_USERS)
    assert result.rewrites == ()
    assert result.blocks == "writes"
    (finding,) = [f for f in result.findings if f.rule == "domain-constraint-scan"]
    assert finding.severity == "error"
    assert "public.stock" in finding.message and "public.posint" in finding.message


@pytest.mark.parametrize(
    "sql",
    [
        "ALTER DOMAIN posint ADD CONSTRAINT positive CHECK (VALUE > 0) NOT VALID",
        "ALTER DOMAIN nn SET NOT NULL",  # already NOT NULL: a no-op
        "ALTER DOMAIN posint DROP CONSTRAINT posint_ck",
        "ALTER DOMAIN posint DROP NOT NULL",
        "ALTER DOMAIN posint SET DEFAULT 1",
    ],
)
def test_alter_domain_that_checks_nothing_locks_nothing(sql: str) -> None:
    result = one(sql)
    assert (locks(result), result.scans, rules(result)) == ({}, (), set())


def test_domain_not_null_constraint_is_checked_from_17() -> None:
    sql = "ALTER DOMAIN posint ADD CONSTRAINT posint_nn NOT NULL"
    assert locks(one(sql, 17)) == DOMAIN_USERS
    assert locks(one(sql, 16)) == {}  # a syntax error before 17


def test_add_constraint_fix_is_not_valid_then_validate() -> None:
    result = one("ALTER DOMAIN posint ADD CONSTRAINT positive CHECK (VALUE > 0)")
    (finding,) = [f for f in result.findings if f.rule == "domain-constraint-scan"]
    assert finding.fix is not None
    assert "ALTER DOMAIN posint ADD CONSTRAINT positive CHECK (value > 0) NOT VALID;" in finding.fix
    assert "ALTER DOMAIN public.posint VALIDATE CONSTRAINT positive;" in finding.fix
    body = "\n".join(line for line in finding.fix.splitlines() if not line.startswith("--"))
    pglast.parse_sql(body)


def test_domain_users_learnt_from_earlier_statements() -> None:
    result = script(
        "CREATE DOMAIN posint AS int",
        "CREATE DOMAIN smallposint AS posint",
        "CREATE TABLE stock (id int, qty posint)",
        "CREATE TABLE parcels (w smallposint)",
        "CREATE MATERIALIZED VIEW stock_mv AS SELECT qty FROM stock",
        "CREATE VIEW stock_v AS SELECT qty FROM stock",
        "CREATE TABLE bins (qty posint) PARTITION BY LIST (qty)",
        "CREATE TABLE bins_1 PARTITION OF bins FOR VALUES IN (1)",
        "ALTER DOMAIN posint ADD CONSTRAINT positive CHECK (VALUE > 0)",
        "ALTER TABLE stock ADD COLUMN reserved posint",
    )
    assert locks(result[8]) == DOMAIN_USERS
    assert "domain-constraint-scan" not in rules(result[8])  # every table is new in this script
    assert result[9].rewrites == ("public.stock",)  # the domain has a constraint now


def test_unknown_domain_without_a_database_is_reported_honestly() -> None:
    result = one("ALTER DOMAIN posint SET NOT NULL", catalog=None)
    assert locks(result) == {}
    (finding,) = [f for f in result.findings if f.rule == "domain-constraint-scan"]
    assert "unknown without --dsn" in finding.message


def test_catalog_domains_without_users_report_nothing() -> None:
    result = one("ALTER DOMAIN nn DROP NOT NULL")
    assert rules(result) == set()
    after = analyze_statements(
        [Statement("ALTER DOMAIN nn DROP NOT NULL", 1), Statement("ALTER TABLE users ADD COLUMN x nn", 2)],
        pg_version=16,
        catalog=CATALOG,
        in_transaction=False,
    )
    assert after[1].rewrites == ()  # no constraint left on nn


# --- sequences -----------------------------------------------------------------------------------


def test_alter_sequence_is_no_table_rewrite_and_owned_by_reads_the_table() -> None:
    restart = one("ALTER SEQUENCE s RESTART WITH 100")
    assert (locks(restart), restart.rewrites) == ({"public.s": "ShareRowExclusiveLock"}, ())
    owned = one("ALTER SEQUENCE s OWNED BY users.id")
    assert locks(owned) == {"public.s": "ShareRowExclusiveLock", "public.users": "AccessShareLock"}
    assert locks(one("ALTER SEQUENCE s OWNED BY NONE")) == {"public.s": "ShareRowExclusiveLock"}
    assert locks(one("CREATE SEQUENCE s2 OWNED BY users.id")) == {"public.users": "AccessShareLock"}
