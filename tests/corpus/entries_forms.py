"""Corpus entries from a second sweep of statement forms measured on 15, 17 and 18 (locks per relation from
`pg_locks`, rewrites from `relfilenode`, scans from `pg_stat_xact_user_tables`, failures): extended
statistics, index expressions and functions as PostgreSQL inlines them, composite types, IF EXISTS of what
is missing, type changes that rebuild an index or re-check a CHECK without a rewrite, statements that fail
(TRUNCATE of a referenced table, REFRESH CONCURRENTLY without an index, DROP SEQUENCE of a serial column's
sequence), foreign keys to partitioned tables and REINDEX SCHEMA. Each risky statement has its safe twin."""

from __future__ import annotations

from tests.corpus import CorpusEntry as E
from tests.corpus.entries import AEL, EVENTS, MATVIEW, ORDERS_FK, SEQ, SRE, SUE, TRIGGER_FN, USERS

NO = frozenset[str]()
STATS = USERS + " CREATE STATISTICS users_st ON age, score FROM users;"
COMPOSITE = (
    "CREATE TYPE pair AS (x int, y int); CREATE TABLE pairs (id int, p pair);"
    " INSERT INTO pairs VALUES (1, (1, 2));"
)
LOGS = (
    "CREATE TABLE logs (id int, at timestamp, v varchar(10)); CREATE INDEX logs_at ON logs (at);"
    " INSERT INTO logs VALUES (1, now(), 'a');"
)
CHECKED = "CREATE TABLE l (id int, v varchar(10) CHECK (v <> '')); INSERT INTO l VALUES (1, 'a');"
TRG = (
    USERS
    + TRIGGER_FN
    + " CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();"
)
PK_PARTED = (
    "CREATE TABLE pk (id int PRIMARY KEY) PARTITION BY RANGE (id);"
    " CREATE TABLE pk1 PARTITION OF pk FOR VALUES FROM (0) TO (100); INSERT INTO pk VALUES (1);"
    " CREATE TABLE refs (id int, pid int); INSERT INTO refs VALUES (1, 1);"
)
SERIAL = "CREATE TABLE t (id serial, v int); INSERT INTO t (v) VALUES (1);"
EMPTY_TAGS = "CREATE TABLE tags (id int PRIMARY KEY, label text); " + SEQ


def _f(*rules: str) -> frozenset[str]:
    return frozenset(rules)


STATISTICS_AND_FUNCTIONS = [
    E("drop_statistics", STATS, ("DROP STATISTICS users_st",), locks={"public.users": SUE}, findings=NO),
    E(
        "drop_statistics_if_exists_missing",
        USERS,
        ("DROP STATISTICS IF EXISTS users_st",),
        locks={"public.users": None},
        findings=NO,
    ),
    E(
        "index_on_volatile_expression",
        USERS,
        ("CREATE INDEX users_rand ON users ((age + random()))",),
        error="42P17",
        findings=_f("index-expression-mutable"),
    ),
    E(
        "index_predicate_stable",
        USERS,
        ("CREATE INDEX users_recent ON users (age) WHERE created_at > now()",),
        error="42P17",
        findings=_f("index-expression-mutable"),
    ),
    E(
        "index_on_inlined_volatile_sql_function",
        USERS + " CREATE FUNCTION f(int) RETURNS int LANGUAGE sql VOLATILE AS 'SELECT $1';",
        ("CREATE INDEX users_f ON users ((f(age)))",),
        locks={"public.users": "ShareLock"},
        findings=_f("index-not-concurrent"),
        note="inlined into `age`: immutable once planned, the index builds",
    ),
    E(
        "index_on_plpgsql_volatile_function",
        USERS + " CREATE FUNCTION k(int) RETURNS int LANGUAGE plpgsql VOLATILE AS 'BEGIN RETURN $1; END';",
        ("CREATE INDEX users_k ON users ((k(age)))",),
        error="42P17",
        findings=_f("index-expression-mutable"),
    ),
    E(
        "add_column_inlined_volatile_sql_function",
        USERS + " CREATE FUNCTION one() RETURNS int LANGUAGE sql VOLATILE AS 'SELECT 1';",
        ("ALTER TABLE users ADD COLUMN o int DEFAULT one()",),
        locks={"public.users": AEL},
        rewrites=(),
        findings=NO,
        note="VOLATILE, but inlined into the constant 1: no rewrite",
    ),
    E(
        "add_column_inlined_sql_function_calling_random",
        USERS + " CREATE FUNCTION r() RETURNS float8 LANGUAGE sql VOLATILE AS 'SELECT random()';",
        ("ALTER TABLE users ADD COLUMN o float8 DEFAULT r()",),
        rewrites=("public.users",),
        findings=_f("add-column-volatile-default"),
    ),
    E(
        "add_column_security_definer_sql_function",
        USERS + " CREATE FUNCTION one() RETURNS int LANGUAGE sql VOLATILE SECURITY DEFINER AS 'SELECT 1';",
        ("ALTER TABLE users ADD COLUMN o int DEFAULT one()",),
        rewrites=("public.users",),
        findings=_f("add-column-volatile-default"),
        note="SECURITY DEFINER functions are never inlined",
    ),
    E(
        "add_column_sql_standard_body",
        USERS + " CREATE FUNCTION one() RETURNS int LANGUAGE sql VOLATILE RETURN 1;",
        ("ALTER TABLE users ADD COLUMN o int DEFAULT one()",),
        min_version=14,
        rewrites=(),
        findings=NO,
    ),
    E(
        "create_index_on_materialized_view",
        MATVIEW,
        ("CREATE INDEX user_stats_age ON user_stats (age)",),
        locks={"public.user_stats": "ShareLock"},
        findings=_f("index-not-concurrent"),
        note="a warning: only REFRESH waits for the build",
    ),
    E(
        "alter_composite_attribute_type_in_use",
        COMPOSITE,
        ("ALTER TYPE pair ALTER ATTRIBUTE x TYPE bigint",),
        error="0A000",
        findings=_f("composite-type-in-use"),
    ),
    E(
        "alter_composite_attribute_type_unused",
        "CREATE TYPE pair AS (x int, y int);",
        ("ALTER TYPE pair ALTER ATTRIBUTE x TYPE bigint",),
        findings=NO,
    ),
    E(
        "alter_composite_drop_attribute_in_use",
        COMPOSITE,
        ("ALTER TYPE pair DROP ATTRIBUTE y",),
        locks={"public.pairs": None},
        findings=NO,
    ),
]

IF_EXISTS = [
    E(
        "alter_table_if_exists_missing",
        USERS,
        ("ALTER TABLE IF EXISTS nope ADD COLUMN x int", "ALTER TABLE IF EXISTS nope RENAME TO nope2"),
        findings=NO,
    ),
    E(
        "alter_index_and_sequence_if_exists_missing",
        USERS,
        ("ALTER INDEX IF EXISTS nope RENAME TO nope2", "ALTER SEQUENCE IF EXISTS nope RESTART"),
        findings=NO,
    ),
    E("drop_sequence_if_exists_missing", USERS, ("DROP SEQUENCE IF EXISTS nope",), findings=NO),
    E(
        "drop_trigger_policy_rule_if_exists_missing",
        USERS,
        (
            "DROP TRIGGER IF EXISTS nope ON users",
            "DROP POLICY IF EXISTS nope ON users",
            "DROP RULE IF EXISTS nope ON users",
        ),
        locks={"public.users": None},
        findings=NO,
    ),
    E(
        "drop_trigger_if_exists_present",
        TRG,
        ("DROP TRIGGER IF EXISTS users_touch ON users",),
        locks={"public.users": AEL},
        findings=NO,
    ),
    E(
        "drop_policy_if_exists_present",
        USERS + " CREATE POLICY p ON users USING (true);",
        ("DROP POLICY IF EXISTS p ON users",),
        locks={"public.users": AEL},
        findings=NO,
    ),
    E(
        "drop_rule_if_exists_present_without_columns",
        USERS + " CREATE RULE r AS ON INSERT TO users DO INSTEAD NOTHING;",
        ("DROP RULE IF EXISTS r ON users",),
        locks={"public.users": AEL},
        findings=NO,
    ),
    E(
        "add_column_if_not_exists_present",
        USERS,
        ("ALTER TABLE users ADD COLUMN IF NOT EXISTS age bigint DEFAULT random()",),
        locks={"public.users": AEL},
        rewrites=(),
        findings=NO,
        note="the column is there: nothing is added, nothing rewritten",
    ),
    E(
        "drop_column_if_exists_missing",
        USERS,
        ("ALTER TABLE users DROP COLUMN IF EXISTS nope",),
        locks={"public.users": AEL},
        findings=NO,
    ),
]

TYPES_AND_DEFAULTS = [
    E(
        "timestamp_to_timestamptz_server_zone",
        LOGS,
        ("ALTER TABLE logs ALTER COLUMN at TYPE timestamptz",),
        locks={"public.logs": AEL},
        rewrites=(),
        note="the test servers run in UTC; without --dsn the zone is taken as UTC with a warning",
    ),
    E(
        "timestamp_to_timestamptz_utc_without_index",
        "CREATE TABLE l (id int, at timestamp); INSERT INTO l VALUES (1, now());",
        ("SET TimeZone = 'UTC'", "ALTER TABLE l ALTER COLUMN at TYPE timestamptz"),
        rewrites=(),
        findings=NO,
    ),
    E(
        "varchar_widening_with_check",
        CHECKED,
        ("ALTER TABLE l ALTER COLUMN v TYPE varchar(20)",),
        locks={"public.l": AEL},
        rewrites=(),
        findings=_f("column-type-rewrite"),
        note="the CHECK on the column is added back and validated: a full scan",
    ),
    E(
        "varchar_widening_with_not_valid_check",
        "CREATE TABLE l (id int, v varchar(10)); INSERT INTO l VALUES (1, 'a');"
        " ALTER TABLE l ADD CONSTRAINT c CHECK (v <> '') NOT VALID;",
        ("ALTER TABLE l ALTER COLUMN v TYPE varchar(20)",),
        rewrites=(),
        findings=NO,
    ),
    E(
        "varchar_to_text_indexed",
        "CREATE TABLE l (id int, v varchar(10)); CREATE INDEX l_v ON l (v); INSERT INTO l VALUES (1, 'a');",
        ("ALTER TABLE l ALTER COLUMN v TYPE text",),
        rewrites=(),
        findings=NO,
        note="same operator class: the index file is kept",
    ),
    E(
        "cidr_to_inet_indexed",
        "CREATE TABLE l (id int, c cidr); CREATE INDEX l_c ON l (c); INSERT INTO l VALUES (1, '10.0.0.0/8');",
        ("ALTER TABLE l ALTER COLUMN c TYPE inet",),
        rewrites=(),
        findings=NO,
    ),
    E(
        "nextval_default_on_empty_table",
        EMPTY_TAGS,
        ("ALTER TABLE tags ADD COLUMN n bigint DEFAULT nextval('invoice_no')",),
        locks={"public.tags": AEL},
        rewrites=("public.tags",),
        findings=_f("add-column-volatile-default"),
        note="no row: nextval() never runs (the sequence is locked only from 18, as a stored default)",
    ),
    E(
        "nextval_default_after_insert",
        EMPTY_TAGS + " INSERT INTO tags VALUES (1, 'a');",
        ("ALTER TABLE tags ADD COLUMN n bigint DEFAULT nextval('invoice_no')",),
        locks={"public.tags": AEL, "public.invoice_no": "RowExclusiveLock"},
        rewrites=("public.tags",),
        findings=_f("add-column-volatile-default"),
    ),
]

FAILURES_AND_PARTITIONS = [
    E(
        "truncate_referenced_table",
        ORDERS_FK,
        ("TRUNCATE users",),
        error="0A000",
        findings=_f("drop-has-dependents", "truncate"),
    ),
    E(
        "truncate_referenced_with_referencing",
        ORDERS_FK,
        ("TRUNCATE users, orders",),
        locks={"public.users": AEL, "public.orders": AEL},
        rewrites=("public.orders", "public.users"),
        findings=_f("truncate"),
    ),
    E(
        "refresh_concurrently_without_index",
        USERS + " CREATE MATERIALIZED VIEW ms AS SELECT age FROM users;",
        ("REFRESH MATERIALIZED VIEW CONCURRENTLY ms",),
        error="55000",
        findings=_f("refresh-concurrently-no-unique-index"),
    ),
    E(
        "refresh_concurrently_with_unique_index",
        MATVIEW,
        ("REFRESH MATERIALIZED VIEW CONCURRENTLY user_stats",),
        locks={"public.user_stats": "ExclusiveLock", "public.users": "AccessShareLock"},
        findings=NO,
    ),
    E(
        "drop_serial_sequence",
        SERIAL,
        ("DROP SEQUENCE t_id_seq",),
        error="2BP01",
        findings=_f("drop-has-dependents"),
    ),
    E(
        "drop_serial_sequence_cascade",
        SERIAL,
        ("DROP SEQUENCE t_id_seq CASCADE",),
        locks={"public.t": AEL},
        findings=NO,
        note="the column's default goes with it",
    ),
    E(
        "create_table_referencing_partitioned_table",
        PK_PARTED,
        ("CREATE TABLE r2 (id int, pid int REFERENCES pk)",),
        locks={"public.pk": SRE, "public.pk1": SRE},
        findings=NO,
    ),
    E(
        "validate_fk_to_partitioned_table",
        PK_PARTED + " ALTER TABLE refs ADD CONSTRAINT rf FOREIGN KEY (pid) REFERENCES pk NOT VALID;",
        ("ALTER TABLE refs VALIDATE CONSTRAINT rf",),
        locks={"public.refs": SUE, "public.pk": "RowShareLock", "public.pk1": "AccessShareLock"},
        findings=NO,
    ),
    E(
        "alter_index_set_tablespace_where_it_is",
        USERS,
        ("ALTER INDEX users_email_idx SET TABLESPACE pg_default",),
        locks={"public.users_email_idx": AEL},
        rewrites=(),
        findings=NO,
    ),
    E(
        "reindex_schema",
        USERS,
        ("REINDEX SCHEMA public",),
        transaction=False,
        findings=_f("reindex-not-concurrent"),
        momentary=frozenset({"public.users"}),
        note="table by table, each in a transaction of its own: the tracer may miss the ShareLock",
    ),
    E(
        "reindex_schema_concurrently",
        USERS,
        ("REINDEX SCHEMA CONCURRENTLY public",),
        transaction=False,
        findings=NO,
        momentary=frozenset({"public.users"}),
    ),
]

VIEWS_AND_BODIES = [
    E(
        "drop_column_cascade_drops_its_view",
        USERS + " CREATE VIEW uv AS SELECT id, email, name FROM users;",
        ("ALTER TABLE users DROP COLUMN name CASCADE",),
        locks={"public.users": AEL, "public.uv": AEL},
        findings=_f("drop-outside-contract"),
    ),
    E(
        "drop_column_a_view_does_not_use",
        USERS + " CREATE VIEW uv AS SELECT id, email FROM users;",
        ("ALTER TABLE users DROP COLUMN name CASCADE",),
        locks={"public.users": AEL, "public.uv": None},
        findings=_f("drop-outside-contract"),
    ),
    E(
        "create_sql_function_reading_a_table",
        USERS,
        ("CREATE FUNCTION n_users() RETURNS int LANGUAGE sql AS 'SELECT count(*)::int FROM users'",),
        locks={"public.users": "AccessShareLock"},
        findings=NO,
        note="the body is parsed and analysed when the function is created",
    ),
    E(
        "create_plpgsql_function_reading_a_table",
        USERS,
        (
            "CREATE FUNCTION n_users() RETURNS int LANGUAGE plpgsql"
            " AS 'BEGIN RETURN (SELECT count(*) FROM users); END'",
        ),
        locks={"public.users": None},
        findings=NO,
    ),
]

KINDS = (
    EVENTS + " CREATE INDEX events_at ON events (at); CREATE TABLE kinds (id bigint PRIMARY KEY);"
    " INSERT INTO kinds VALUES (1);"
)
PARTITIONED_KEYS = [
    E(
        "partitioned_fk_not_valid",
        KINDS,
        ("ALTER TABLE events ADD CONSTRAINT ev_k FOREIGN KEY (id) REFERENCES kinds NOT VALID",),
        min_version=18,
        findings=NO,
        note="before 18 PostgreSQL refuses NOT VALID on a partitioned table (42809, version-syntax)",
    ),
    E(
        "partitioned_fk_validated",
        KINDS,
        ("ALTER TABLE events ADD CONSTRAINT ev_k FOREIGN KEY (id) REFERENCES kinds",),
        findings=_f("constraint-not-valid-missing"),
    ),
    E(
        "partitioned_fk_adopts_validated_partition_keys",
        KINDS + " ALTER TABLE events_2024 ADD CONSTRAINT ev_k FOREIGN KEY (id) REFERENCES kinds NOT VALID;"
        " ALTER TABLE events_2024 VALIDATE CONSTRAINT ev_k;",
        ("ALTER TABLE events ADD CONSTRAINT ev_k FOREIGN KEY (id) REFERENCES kinds",),
        locks={"public.kinds": AEL},
        findings=NO,
        note="the partitions' validated keys are attached: no scan (the fix before 18)",
    ),
]

BOUND_CHECKED = (
    EVENTS + " CREATE INDEX events_at ON events (at);"
    " ALTER TABLE events_2025 ADD CONSTRAINT b CHECK (at >= '2025-01-01' AND at < '2026-01-01');"
)
ATTACH_2025 = (
    "ALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')"
)
ATTACH_INDEXES = [
    E(
        "attach_partition_builds_the_parent_index",
        BOUND_CHECKED,
        (ATTACH_2025,),
        locks={"public.events": SUE, "public.events_2025": AEL},
        findings=_f("index-not-concurrent"),
        note="the bound is proven, but the parent's index is built on the table under AccessExclusiveLock",
    ),
    E(
        "attach_partition_adopts_a_matching_index",
        BOUND_CHECKED + " CREATE INDEX e25_at ON events_2025 (at);",
        (ATTACH_2025,),
        locks={"public.events": SUE, "public.events_2025": AEL},
        findings=NO,
    ),
]

ENTRIES = [
    *ATTACH_INDEXES,
    *PARTITIONED_KEYS,
    *VIEWS_AND_BODIES,
    *STATISTICS_AND_FUNCTIONS,
    *IF_EXISTS,
    *TYPES_AND_DEFAULTS,
    *FAILURES_AND_PARTITIONS,
]
