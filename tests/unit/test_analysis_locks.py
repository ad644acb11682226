"""Static lock analysis per statement kind and server version, with no database."""

from __future__ import annotations

import pytest

from migwiz.engine.analysis import CatalogFacts, analyze_statements
from migwiz.engine.analysis.model import ColumnFacts, ForeignKeyFacts, TableFacts
from migwiz.engine.sets.model import Statement

AEL = "AccessExclusiveLock"
SUE = "ShareUpdateExclusiveLock"
SRE = "ShareRowExclusiveLock"

USERS = TableFacts(
    "public.users",
    columns={
        "id": ColumnFacts("int4", (), True),
        "email": ColumnFacts("varchar", (50,)),
        "n": ColumnFacts("numeric", (10, 2)),
        "t": ColumnFacts("text"),
        "created": ColumnFacts("timestamp"),
    },
    indexes={"public.users_pkey": ("id",), "public.users_email": ("email",)},
)
ORDERS = TableFacts(
    "public.orders",
    columns={"id": ColumnFacts("int4", (), True), "user_id": ColumnFacts("int4")},
    foreign_keys=(
        ForeignKeyFacts(
            "orders_user_id_fkey", "public.orders", ("user_id",), "public.users", validated=False
        ),
    ),
)
EV = TableFacts("public.ev", kind="p", columns={"id": ColumnFacts("int4")}, children=("public.ev_2024",))
EV_2024 = TableFacts("public.ev_2024", columns={"id": ColumnFacts("int4")}, parent="public.ev")
MV = TableFacts("public.mv", kind="m", sources=("public.users",))
CATALOG = CatalogFacts(
    tables={t.name: t for t in (USERS, ORDERS, EV, EV_2024, MV)},
    index_tables={"public.users_pkey": "public.users", "public.users_email": "public.users"},
    timezone_utc=True,
)


def one(sql: str, pg: int = 16, catalog: CatalogFacts | None = CATALOG):
    return analyze_statements([Statement(sql, 1)], pg_version=pg, catalog=catalog, in_transaction=False)[0]


def locks(sql: str, pg: int = 16, catalog: CatalogFacts | None = CATALOG) -> dict[str, str]:
    return {lock.relation: lock.mode for lock in one(sql, pg, catalog).own_locks}


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("ALTER TABLE users ADD COLUMN a int", {"public.users": AEL}),
        ("CREATE INDEX i ON users (email)", {"public.users": "ShareLock"}),
        ("CREATE INDEX CONCURRENTLY i ON users (email)", {"public.users": SUE}),
        ("DROP INDEX users_email", {"public.users": AEL, "public.users_email": AEL}),
        ("DROP INDEX CONCURRENTLY users_email", {"public.users": SUE, "public.users_email": AEL}),
        ("REINDEX INDEX users_email", {"public.users": "ShareLock", "public.users_email": AEL}),
        ("REINDEX TABLE CONCURRENTLY users", {"public.users": SUE}),
        ("ALTER INDEX users_email RENAME TO users_email2", {"public.users_email2": SUE}),
        (
            "ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users (id)",
            {"public.orders": SRE, "public.users": SRE},
        ),
        (
            "ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID",
            {"public.orders": SRE, "public.users": SRE},
        ),
        (
            "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey",
            {"public.orders": SUE, "public.users": "RowShareLock"},
        ),
        (
            "ALTER TABLE orders DROP CONSTRAINT orders_user_id_fkey",
            {"public.orders": AEL, "public.users": AEL},
        ),
        ("ALTER TABLE users ADD CONSTRAINT c CHECK (n > 0) NOT VALID", {"public.users": AEL}),
        ("ALTER TABLE users VALIDATE CONSTRAINT c", {"public.users": SUE}),
        ("ALTER TABLE users ALTER COLUMN email SET STATISTICS 500", {"public.users": SUE}),
        ("ALTER TABLE users SET (fillfactor = 70)", {"public.users": SUE}),
        ("ALTER TABLE users SET (autovacuum_enabled = false)", {"public.users": SUE}),
        ("ALTER TABLE users DISABLE TRIGGER ALL", {"public.users": SRE}),
        ("CREATE TRIGGER t BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION f()", {"public.users": SRE}),
        ("DROP TRIGGER t ON users", {"public.users": AEL}),
        ("CREATE POLICY p ON users USING (true)", {"public.users": AEL}),
        ("DROP POLICY p ON users", {"public.users": AEL}),
        ("COMMENT ON TABLE users IS 'x'", {"public.users": SUE}),
        ("COMMENT ON COLUMN users.email IS 'x'", {"public.users": SUE}),
        ("TRUNCATE orders", {"public.orders": AEL}),
        ("VACUUM FULL users", {"public.users": AEL}),
        ("VACUUM users", {"public.users": SUE}),
        ("ANALYZE users", {"public.users": SUE}),
        ("CLUSTER users USING users_pkey", {"public.users": AEL}),
        ("REFRESH MATERIALIZED VIEW mv", {"public.mv": AEL, "public.users": "AccessShareLock"}),
        (
            "REFRESH MATERIALIZED VIEW CONCURRENTLY mv",
            {"public.mv": "ExclusiveLock", "public.users": "AccessShareLock"},
        ),
        ("ALTER SEQUENCE s RESTART WITH 10", {"public.s": SRE}),
        ("SELECT nextval('s')", {"public.s": "RowExclusiveLock"}),
        ("ALTER TYPE mood ADD VALUE 'b'", {}),
        (
            "INSERT INTO orders VALUES (1, 1)",
            {"public.orders": "RowExclusiveLock", "public.users": "RowShareLock"},
        ),
        (
            "UPDATE users SET t = 'b' WHERE id IN (SELECT user_id FROM orders)",
            {"public.users": "RowExclusiveLock", "public.orders": "AccessShareLock"},
        ),
        ("SELECT * FROM users FOR UPDATE", {"public.users": "RowShareLock"}),
        ("CREATE TABLE t2 (id int, uid int REFERENCES users (id))", {"public.users": SRE}),
        ("CREATE TABLE t3 (LIKE users INCLUDING ALL)", {"public.users": "AccessShareLock"}),
        ("CREATE TABLE t4 () INHERITS (users)", {"public.users": SUE}),
        ("CREATE TABLE ev_2026 PARTITION OF ev FOR VALUES FROM (1) TO (2)", {"public.ev": AEL}),
        ("ALTER TABLE ev ADD COLUMN x int", {"public.ev": AEL, "public.ev_2024": AEL}),
        ("ALTER TABLE ONLY ev SET (parallel_workers = 2)", {"public.ev": SUE}),
        ("CREATE INDEX ev_i ON ev (id)", {"public.ev": "ShareLock", "public.ev_2024": "ShareLock"}),
        (
            "ALTER TABLE ev ATTACH PARTITION ev_2025 FOR VALUES FROM (1) TO (2)",
            {"public.ev": SUE, "public.ev_2025": AEL},
        ),
        ("ALTER TABLE ev DETACH PARTITION ev_2024", {"public.ev": AEL, "public.ev_2024": AEL}),
        ("ALTER TABLE ev DETACH PARTITION ev_2024 CONCURRENTLY", {"public.ev": SUE, "public.ev_2024": AEL}),
        ("ALTER TABLE orders ALTER COLUMN user_id TYPE bigint", {"public.orders": AEL, "public.users": AEL}),
        ("DROP TABLE orders", {"public.orders": AEL, "public.users": AEL}),
        ("ALTER TABLE users RENAME TO people", {"public.people": AEL}),
        ("ALTER TABLE users RENAME COLUMN email TO mail", {"public.users": AEL}),
        ("ALTER TABLE users SET SCHEMA other", {"other.users": AEL}),
        ("LOCK TABLE users IN SHARE MODE", {"public.users": "ShareLock"}),
        (
            "CREATE VIEW v AS SELECT u.id FROM users u JOIN orders o ON o.user_id = u.id",
            {"public.users": "AccessShareLock", "public.orders": "AccessShareLock"},
        ),
        ("WITH x AS (SELECT 1) SELECT * FROM x", {}),
    ],
)
def test_lock_modes(sql: str, expected: dict[str, str]) -> None:
    assert locks(sql) == expected


def test_grant_locks_the_table_from_18_only() -> None:
    assert locks("GRANT SELECT ON users TO PUBLIC", pg=16) == {}
    assert locks("GRANT SELECT ON users TO PUBLIC", pg=18) == {"public.users": "AccessShareLock"}


def test_attach_partition_locks_the_parent_exclusively_before_12() -> None:
    sql = "ALTER TABLE ev ATTACH PARTITION ev_2025 FOR VALUES FROM (1) TO (2)"
    assert locks(sql, pg=11)["public.ev"] == AEL
    assert locks(sql, pg=12)["public.ev"] == SUE


def test_index_rename_takes_access_exclusive_before_12() -> None:
    assert locks("ALTER INDEX users_email RENAME TO e2", pg=11) == {"public.e2": AEL}


@pytest.mark.parametrize(
    ("sql", "rewrites"),
    [
        ("ALTER TABLE users ADD COLUMN a int DEFAULT 5", False),
        ("ALTER TABLE users ADD COLUMN a timestamptz DEFAULT now()", False),
        ("ALTER TABLE users ADD COLUMN a timestamptz DEFAULT current_timestamp", False),
        ("ALTER TABLE users ADD COLUMN a jsonb DEFAULT '{}'::jsonb", False),
        ("ALTER TABLE users ADD COLUMN a float DEFAULT random()", True),
        ("ALTER TABLE users ADD COLUMN a text DEFAULT clock_timestamp()::text", True),
        ("ALTER TABLE users ADD COLUMN a uuid DEFAULT gen_random_uuid()", True),
        ("ALTER TABLE users ADD COLUMN a bigserial", True),
        ("ALTER TABLE users ADD COLUMN a int GENERATED ALWAYS AS IDENTITY", True),
        ("ALTER TABLE users ADD COLUMN a int GENERATED ALWAYS AS (id * 2) STORED", True),
        ("ALTER TABLE users ALTER COLUMN email TYPE varchar(100)", False),
        ("ALTER TABLE users ALTER COLUMN email TYPE varchar(10)", True),
        ("ALTER TABLE users ALTER COLUMN email TYPE text", False),
        ("ALTER TABLE users ALTER COLUMN t TYPE varchar", False),
        ("ALTER TABLE users ALTER COLUMN t TYPE varchar(20)", True),
        ("ALTER TABLE users ALTER COLUMN n TYPE numeric(12,2)", False),
        ("ALTER TABLE users ALTER COLUMN n TYPE numeric", False),
        ("ALTER TABLE users ALTER COLUMN n TYPE numeric(12,4)", True),
        ("ALTER TABLE users ALTER COLUMN id TYPE bigint", True),
        ("ALTER TABLE users ALTER COLUMN created TYPE timestamptz", False),
        ("ALTER TABLE users ALTER COLUMN email TYPE varchar(100) USING lower(email)", True),
        ("ALTER TABLE users SET LOGGED", False),  # logged already: nothing happens
        ("ALTER TABLE users SET UNLOGGED", False),  # refused: the logged orders references it
        ("VACUUM FULL users", True),
        ("CLUSTER users USING users_pkey", True),
        ("TRUNCATE users", True),
        ("REFRESH MATERIALIZED VIEW mv", True),
        ("REFRESH MATERIALIZED VIEW CONCURRENTLY mv", False),
    ],
)
def test_rewrites(sql: str, rewrites: bool) -> None:
    relation = "public.mv" if "mv" in sql else "public.users"
    tables = tuple(r for r in one(sql).rewrites if r not in CATALOG.index_tables)
    assert tables == ((relation,) if rewrites else ())


@pytest.mark.parametrize(
    ("sql", "rewrites"),
    [
        (
            "ALTER TABLE users ALTER COLUMN id TYPE bigint",
            {"public.users", "public.users_pkey", "public.users_email"},
        ),
        ("VACUUM FULL users", {"public.users", "public.users_pkey", "public.users_email"}),
        ("TRUNCATE users", {"public.users", "public.users_pkey", "public.users_email"}),
        ("ALTER TABLE users ALTER COLUMN email TYPE varchar(100)", {"public.users_email"}),
        ("ALTER TABLE users ALTER COLUMN email TYPE text USING email", {"public.users_email"}),
        ("ALTER TABLE users ALTER COLUMN t TYPE varchar", set()),
        ("ALTER TABLE users SET TABLESPACE fast", {"public.users"}),
        ("ALTER TABLE users SET TABLESPACE pg_default", set()),
        ("REINDEX TABLE users", {"public.users_pkey", "public.users_email"}),
    ],
)
def test_rewrites_name_every_index_given_a_new_file(sql: str, rewrites: set[str]) -> None:
    result = one(sql)
    assert set(result.rewrites) | set(result.index_rebuilds) == rewrites


def test_timestamp_to_timestamptz_follows_set_timezone_in_the_script() -> None:
    alter = Statement("ALTER TABLE users ALTER COLUMN created TYPE timestamptz", 2)
    cases = {
        "SET TimeZone = 'UTC'": False,
        "SET TIME ZONE 'Europe/Paris'": True,
        "SET timezone TO 'Etc/UTC'": False,
        "SET TIME ZONE 0": False,
        "SET TIME ZONE 2": True,
        "RESET timezone": False,  # the server's setting (UTC in CATALOG)
    }
    for setting, rewrites in cases.items():
        result = analyze_statements([Statement(setting, 1), alter], pg_version=16, catalog=CATALOG)[1]
        assert ("public.users" in result.rewrites) is rewrites, setting
    paris = CatalogFacts(tables=CATALOG.tables, timezone_utc=False)
    assert "public.users" in analyze_statements([alter], pg_version=16, catalog=paris)[0].rewrites


def test_type_change_needs_the_current_type_else_assumes_a_rewrite() -> None:
    result = one("ALTER TABLE users ALTER COLUMN email TYPE varchar(100)", catalog=None)
    assert result.rewrites == ("public.users",)
    assert "unknown" in result.findings[0].message


def test_timestamp_to_timestamptz_rewrites_unless_utc() -> None:
    catalog = CatalogFacts(tables=CATALOG.tables, timezone_utc=False)
    assert (
        "public.users"
        in one("ALTER TABLE users ALTER COLUMN created TYPE timestamptz", catalog=catalog).rewrites
    )


def test_volatility_of_a_function_created_earlier_in_the_script() -> None:
    stmts = [
        Statement(
            "CREATE FUNCTION stable_now() RETURNS timestamptz STABLE LANGUAGE sql AS 'SELECT now()'", 1
        ),
        Statement("CREATE FUNCTION fresh() RETURNS int LANGUAGE plpgsql AS 'BEGIN RETURN 1; END'", 2),
        Statement("ALTER TABLE users ADD COLUMN a timestamptz DEFAULT stable_now()", 3),
        Statement("ALTER TABLE users ADD COLUMN b int DEFAULT fresh()", 4),
    ]
    result = analyze_statements(stmts, pg_version=16, catalog=CATALOG)
    assert result[2].rewrites == ()
    assert result[3].rewrites[0] == "public.users"


def test_table_rewrite_names_the_partitions_not_the_parent() -> None:
    assert one("ALTER TABLE ev ALTER COLUMN id TYPE bigint").rewrites == ("public.ev_2024",)


def test_reindex_table_rewrites_its_known_indexes() -> None:
    assert set(one("REINDEX TABLE users").rewrites) == {"public.users_pkey", "public.users_email"}


@pytest.mark.parametrize(
    ("sql", "pg", "no_tx"),
    [
        ("CREATE INDEX CONCURRENTLY i ON users (email)", 16, True),
        ("CREATE INDEX i ON users (email)", 16, False),
        ("DROP INDEX CONCURRENTLY users_email", 16, True),
        ("REINDEX INDEX CONCURRENTLY users_email", 16, True),
        ("VACUUM users", 16, True),
        ("ANALYZE users", 16, False),
        ("ALTER TYPE mood ADD VALUE 'b'", 11, True),
        ("ALTER TYPE mood ADD VALUE 'b'", 12, False),
        ("ALTER TABLE ev DETACH PARTITION ev_2024 CONCURRENTLY", 14, True),
        ("REFRESH MATERIALIZED VIEW CONCURRENTLY mv", 16, False),
        ("CREATE DATABASE x", 16, True),
    ],
)
def test_needs_no_transaction(sql: str, pg: int, no_tx: bool) -> None:
    assert one(sql, pg).needs_no_transaction is no_tx


@pytest.mark.parametrize(
    ("sql", "scans"),
    [
        ("ALTER TABLE users ALTER COLUMN email SET NOT NULL", ("public.users",)),
        ("ALTER TABLE users ADD CONSTRAINT c CHECK (n > 0)", ("public.users",)),
        ("ALTER TABLE users ADD CONSTRAINT c CHECK (n > 0) NOT VALID", ()),
        ("ALTER TABLE users VALIDATE CONSTRAINT c", ("public.users",)),
        ("ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID", ()),
        ("ALTER TABLE users ADD COLUMN a int NOT NULL", ("public.users",)),
        ("ALTER TABLE users ADD COLUMN a int NOT NULL DEFAULT 0", ()),
        ("CREATE INDEX i ON users (email)", ("public.users",)),
        ("ALTER TABLE ev ATTACH PARTITION ev_2025 FOR VALUES FROM (1) TO (2)", ("public.ev_2025",)),
    ],
)
def test_scans(sql: str, scans: tuple[str, ...]) -> None:
    assert one(sql).scans == scans


def test_set_not_null_skips_the_scan_with_a_validated_check_from_12() -> None:
    users = TableFacts(USERS.name, columns=USERS.columns, not_null_checks=frozenset({"email"}))
    catalog = CatalogFacts(tables={users.name: users})
    assert one("ALTER TABLE users ALTER COLUMN email SET NOT NULL", 12, catalog).scans == ()
    assert one("ALTER TABLE users ALTER COLUMN email SET NOT NULL", 11, catalog).scans == ("public.users",)


def test_set_not_null_after_check_validated_in_the_same_script() -> None:
    stmts = [
        Statement("ALTER TABLE users ADD CONSTRAINT nn CHECK (email IS NOT NULL) NOT VALID", 1),
        Statement("ALTER TABLE users VALIDATE CONSTRAINT nn", 2),
        Statement("ALTER TABLE users ALTER COLUMN email SET NOT NULL", 3),
    ]
    result = analyze_statements(stmts, pg_version=16, catalog=CATALOG, in_transaction=False)
    assert result[2].scans == ()
    assert "set-not-null-scan" not in {f.rule for f in result[2].findings}


@pytest.mark.parametrize(
    ("sql", "blocks"),
    [
        ("ALTER TABLE users ADD COLUMN a int", "reads_and_writes"),
        ("CREATE INDEX i ON users (email)", "writes"),
        ("CREATE INDEX CONCURRENTLY i ON users (email)", "ddl"),
        ("SELECT 1", "nothing"),
    ],
)
def test_blocks(sql: str, blocks: str) -> None:
    assert one(sql).blocks == blocks


def test_locks_accumulate_within_a_transaction_strongest_per_relation() -> None:
    stmts = [
        Statement("CREATE INDEX i ON users (email)", 1),
        Statement("ALTER TABLE orders ADD COLUMN a int", 2),
        Statement("ALTER TABLE users ADD COLUMN b int", 3),
        Statement("ALTER TABLE users RENAME TO people", 4),
    ]
    result = analyze_statements(stmts, pg_version=16, catalog=CATALOG)
    assert {(lock.relation, lock.mode) for lock in result[1].locks} == {
        ("public.users", "ShareLock"),
        ("public.orders", AEL),
    }
    assert {lock.relation: lock.mode for lock in result[2].locks}["public.users"] == AEL
    assert {lock.relation for lock in result[3].locks} == {"public.people", "public.orders"}
    assert [(lock.relation, lock.mode) for lock in result[3].own_locks] == [("public.people", AEL)]


def test_outside_a_transaction_each_statement_holds_only_its_own_locks() -> None:
    stmts = [
        Statement("CREATE INDEX i ON users (email)", 1),
        Statement("ALTER TABLE orders ADD COLUMN a int", 2),
    ]
    result = analyze_statements(stmts, pg_version=16, catalog=CATALOG, in_transaction=False)
    assert result[1].locks == result[1].own_locks


def test_commit_releases_accumulated_locks() -> None:
    stmts = [
        Statement("ALTER TABLE users ADD COLUMN a int", 1),
        Statement("COMMIT", 2),
        Statement("SELECT 1", 3),
    ]
    assert analyze_statements(stmts, pg_version=16, catalog=CATALOG)[2].locks == ()


def test_tables_created_earlier_in_the_script_are_known() -> None:
    stmts = [
        Statement("CREATE TABLE a (id int PRIMARY KEY, v varchar(10))", 1),
        Statement("CREATE TABLE b (id int, a_id int REFERENCES a (id))", 2),
        Statement("ALTER TABLE a ALTER COLUMN v TYPE varchar(20)", 3),
        Statement("DROP TABLE b", 4),
    ]
    result = analyze_statements(stmts, pg_version=16, in_transaction=False)
    assert {lock.relation: lock.mode for lock in result[1].own_locks} == {"public.a": SRE}
    assert result[2].rewrites == ()
    assert {lock.relation for lock in result[3].own_locks} == {"public.a", "public.b"}
    assert all(not a.findings or {f.rule for f in a.findings} <= {"missing-lock-timeout"} for a in result)


def test_schema_qualified_and_default_schema() -> None:
    result = analyze_statements(
        [Statement("ALTER TABLE app.users ADD COLUMN a int", 1), Statement("TRUNCATE logs", 2)],
        pg_version=16,
        default_schema="app",
    )
    assert result[0].own_locks[0].relation == "app.users"
    assert result[1].own_locks[0].relation == "app.logs"


def test_kinds() -> None:
    assert one("ALTER TABLE users ADD COLUMN a int, ALTER COLUMN t SET NOT NULL").kind == (
        "ALTER TABLE ADD COLUMN, SET NOT NULL"
    )
    assert (
        one("CREATE UNIQUE INDEX CONCURRENTLY i ON users (email)").kind == "CREATE UNIQUE INDEX CONCURRENTLY"
    )
    assert one("ALTER TABLE users ALTER COLUMN t DROP DEFAULT").kind == "ALTER TABLE DROP DEFAULT"
    assert one("ALTER TABLE users ALTER COLUMN t SET DEFAULT 1").kind == "ALTER TABLE SET DEFAULT"


def test_unknown_statement_is_honest() -> None:
    result = one("DO $$ BEGIN PERFORM 1; END $$")
    assert result.own_locks == ()
    assert [f.rule for f in result.findings] == ["unknown-statement"]
    other = one("ALTER STATISTICS s SET STATISTICS 10")
    assert other.kind == "unknown"
    assert other.own_locks == ()


def test_create_statistics_locks_its_table_share_update_exclusive() -> None:
    result = one("CREATE STATISTICS s ON id, email FROM users")
    assert result.kind == "CREATE STATISTICS"
    assert [(lock.relation, lock.mode) for lock in result.own_locks] == [
        ("public.users", "ShareUpdateExclusiveLock")
    ]


def test_parse_error_names_the_line() -> None:
    result = analyze_statements([Statement("ALTER TABLE users\n  ADD COLUMN", 7)], pg_version=16)[0]
    assert result.parse_error is not None
    assert result.parse_error.startswith("line 8, column 13:")
    assert result.kind == "unparsable"
    assert [f.rule for f in result.findings] == ["parse-error"]
    mid = analyze_statements([Statement("ALTER TABLE users\n  ADD COLUMNN x int\n", 3)], pg_version=16)[0]
    assert mid.parse_error == 'line 4, column 17: syntax error at or near "int"'


@pytest.mark.parametrize(
    ("values", "read"),
    [
        ("(1, 'a', NULL, DEFAULT, -3, 'x'::text, true)", {}),
        ("(1, 'a'), (2, nextval('public.order_seq'))", {"public.order_seq": "RowExclusiveLock"}),
        ("(1, (SELECT max(id) FROM orders))", {"public.orders": "AccessShareLock"}),
    ],
)
def test_an_insert_of_constant_rows_reads_nothing_else_and_any_other_row_is_looked_into(
    values: str, read: dict[str, str]
) -> None:
    """A seed file's VALUES rows of constants are not walked node by node; a row with a call or a subquery
    still is."""
    got = locks(f"INSERT INTO users VALUES {values}")
    assert got.pop("public.users") == "RowExclusiveLock"
    assert got == read


def test_the_rows_of_a_huge_insert_are_not_walked_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    from migwiz.engine.analysis import dml, sqlnodes

    walked: list[int] = []
    original = sqlnodes.walk

    def counting(node: object) -> object:
        for n in original(node):
            walked.append(1)
            yield n

    monkeypatch.setattr(dml, "walk", counting)
    monkeypatch.setattr(sqlnodes, "walk", counting)
    rows = ", ".join(f"({i}, 'customer {i}')" for i in range(5000))
    assert locks(f"INSERT INTO users VALUES {rows}") == {"public.users": "RowExclusiveLock"}
    assert len(walked) < 100
