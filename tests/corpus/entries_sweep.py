"""Corpus entries from a third sweep of statement forms measured on 15, 17 and 18: trigger and row-security
switches, replica identity, storage parameters, per-column settings, identity changes, typed tables,
rules, enum and domain forms, sequence options, every LOCK TABLE mode, CREATE TABLE AS, publications,
privileges, deferrable constraints, partitioned foreign keys, statements whose locks reach the tables
that reference or depend on their target, DETACH CONCURRENTLY beside a DEFAULT partition, relations read
through the search_path, identity sequences of LIKE copies and taken names, and index expressions and
predicates a timestamp -> timestamptz change makes STABLE. Each risky statement has its safe twin."""

from __future__ import annotations

from tests.corpus import CorpusEntry as E
from tests.corpus.entries import (
    AEL,
    EVENTS,
    EVENTS_DEFAULT,
    MATVIEW,
    MOOD,
    ORDERS_FK,
    SRE,
    SUE,
    TRIGGER_FN,
    USERS,
)
from tests.corpus.entries_resolution import SEARCH_PATH

NO = frozenset[str]()
TRG = (
    USERS
    + TRIGGER_FN
    + " CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();"
)
POLICY = (
    USERS + " ALTER TABLE users ENABLE ROW LEVEL SECURITY; CREATE POLICY users_self ON users USING (true);"
)
PAIR = "CREATE TYPE pair AS (x int, y int); CREATE TABLE pairs (x int, y int); CREATE TABLE typed OF pair;"
INHERITS = (
    "CREATE TABLE par (id int, v text); CREATE TABLE ch (id int, v text, extra int);"
    " INSERT INTO ch VALUES (1, 'a', 1);"
)
CHILD = "CREATE TABLE par (id int, v text); CREATE TABLE ch (extra int) INHERITS (par);"
USER_VIEW = USERS + " CREATE VIEW user_names AS SELECT id, name FROM users;"
DOMAIN_TWO = (
    "CREATE DOMAIN posint AS int; CREATE TABLE stock (id int, qty posint); CREATE TABLE lots (n posint);"
    " CREATE TABLE plain (n int); INSERT INTO stock VALUES (1, 5); INSERT INTO lots VALUES (1);"
)
SEQUENCE = "CREATE SEQUENCE invoice_no; CREATE TABLE bills (id int);"
IDENTITY = "CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY, v int); INSERT INTO t (v) VALUES (1);"
RANGES = "CREATE TABLE booking (id int, during int4range); INSERT INTO booking VALUES (1, '[1,3)');"
PARTED_REFS = (
    USERS + " CREATE TABLE visits (id int, user_id bigint, at date) PARTITION BY RANGE (at);"
    " CREATE TABLE visits_2024 PARTITION OF visits FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');"
    " INSERT INTO visits VALUES (1, 1, '2024-02-01');"
)
APP = "DROP SCHEMA IF EXISTS app CASCADE; "
ARRAY_OF_DOMAIN = (
    "CREATE DOMAIN posint AS int; CREATE TABLE arr (v posint[]); INSERT INTO arr VALUES ('{1}');"
)
NO_PUB = "DROP PUBLICATION IF EXISTS pub; "
"""Publications are not in a schema: an earlier entry's is dropped first."""
DEFERRABLE_FK = ORDERS_FK + " ALTER TABLE orders ALTER CONSTRAINT orders_user_fk NOT DEFERRABLE;"


def _f(*rules: str) -> frozenset[str]:
    return frozenset(rules)


TRIGGERS_AND_SECURITY = [
    E(
        "enable_trigger",
        TRG + " ALTER TABLE users DISABLE TRIGGER users_touch;",
        ("ALTER TABLE users ENABLE TRIGGER users_touch",),
        locks={"public.users": SRE},
        findings=NO,
    ),
    E(
        "enable_replica_trigger",
        TRG,
        ("ALTER TABLE users ENABLE REPLICA TRIGGER users_touch",),
        locks={"public.users": SRE},
        findings=NO,
    ),
    E(
        "enable_always_trigger",
        TRG,
        ("ALTER TABLE users ENABLE ALWAYS TRIGGER users_touch",),
        locks={"public.users": SRE},
        findings=NO,
    ),
    E(
        "disable_trigger_all",
        ORDERS_FK,
        ("ALTER TABLE orders DISABLE TRIGGER ALL",),
        locks={"public.orders": SRE},
        findings=NO,
    ),
    E(
        "disable_trigger_user",
        TRG,
        ("ALTER TABLE users DISABLE TRIGGER USER",),
        locks={"public.users": SRE},
        findings=NO,
    ),
    E(
        "create_or_replace_trigger",
        TRG,
        (
            "CREATE OR REPLACE TRIGGER users_touch BEFORE INSERT ON users"
            " FOR EACH ROW EXECUTE FUNCTION touch()",
        ),
        locks={"public.users": SRE},
        findings=NO,
    ),
    E(
        "create_constraint_trigger",
        TRG,
        (
            "CREATE CONSTRAINT TRIGGER users_ct AFTER UPDATE ON users DEFERRABLE INITIALLY DEFERRED"
            " FOR EACH ROW EXECUTE FUNCTION touch()",
        ),
        locks={"public.users": SRE},
        findings=NO,
    ),
    E(
        "create_trigger_instead_of_on_view",
        USER_VIEW + TRIGGER_FN,
        ("CREATE TRIGGER v_ins INSTEAD OF INSERT ON user_names FOR EACH ROW EXECUTE FUNCTION touch()",),
        locks={"public.user_names": SRE, "public.users": None},
        findings=NO,
    ),
    E(
        "drop_trigger_on_partitioned",
        EVENTS
        + TRIGGER_FN
        + " CREATE TRIGGER ev_touch BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION touch();",
        ("DROP TRIGGER ev_touch ON events",),
        locks={"public.events": AEL, "public.events_2024": AEL},
        findings=NO,
    ),
    E(
        "drop_statement_trigger_on_partitioned",
        EVENTS
        + TRIGGER_FN
        + " CREATE TRIGGER ev_touch AFTER INSERT ON events FOR EACH STATEMENT EXECUTE FUNCTION touch();",
        ("DROP TRIGGER ev_touch ON events",),
        findings=NO,
    ),
    E(
        "disable_row_level_security",
        POLICY,
        ("ALTER TABLE users DISABLE ROW LEVEL SECURITY",),
        locks={"public.users": AEL},
        findings=NO,
    ),
    E(
        "no_force_row_level_security",
        POLICY,
        ("ALTER TABLE users NO FORCE ROW LEVEL SECURITY",),
        locks={"public.users": AEL},
        findings=NO,
    ),
    E(
        "alter_policy",
        POLICY,
        ("ALTER POLICY users_self ON users USING (id > 0)",),
        locks={"public.users": AEL},
        findings=NO,
    ),
    E(
        "alter_policy_rename",
        POLICY,
        ("ALTER POLICY users_self ON users RENAME TO users_own",),
        locks={"public.users": AEL},
        findings=NO,
    ),
    E(
        "create_policy_on_partitioned",
        EVENTS,
        ("CREATE POLICY ev_p ON events USING (true)",),
        locks={"public.events": AEL, "public.events_2024": None},
        findings=NO,
    ),
    E(
        "enable_rls_on_partitioned",
        EVENTS,
        ("ALTER TABLE events ENABLE ROW LEVEL SECURITY",),
        locks={"public.events": AEL},
        findings=NO,
    ),
]

TABLE_SETTINGS = [
    E(
        "replica_identity_default",
        USERS,
        ("ALTER TABLE users REPLICA IDENTITY DEFAULT",),
        locks={"public.users": AEL},
        findings=NO,
    ),
    E(
        "replica_identity_nothing",
        USERS,
        ("ALTER TABLE users REPLICA IDENTITY NOTHING",),
        locks={"public.users": AEL},
        findings=NO,
    ),
    E(
        "replica_identity_using_index",
        USERS + " CREATE UNIQUE INDEX users_email_key ON users (email);",
        ("ALTER TABLE users REPLICA IDENTITY USING INDEX users_email_key",),
        locks={"public.users": AEL},
        findings=NO,
    ),
    E(
        "set_autovacuum_enabled",
        USERS,
        ("ALTER TABLE users SET (autovacuum_enabled = false)",),
        locks={"public.users": SUE},
        findings=NO,
    ),
    E(
        "set_toast_autovacuum",
        USERS,
        ("ALTER TABLE users SET (toast.autovacuum_enabled = false)",),
        locks={"public.users": SUE},
        findings=NO,
    ),
    E(
        "set_parallel_workers",
        USERS,
        ("ALTER TABLE users SET (parallel_workers = 2)",),
        locks={"public.users": SUE},
        findings=NO,
    ),
    E(
        "reset_fillfactor",
        USERS,
        ("ALTER TABLE users RESET (fillfactor)",),
        locks={"public.users": SUE},
        findings=NO,
    ),
    E(
        "set_user_catalog_table",
        USERS,
        ("ALTER TABLE users SET (user_catalog_table = true)",),
        locks={"public.users": AEL},
        findings=NO,
    ),
    E(
        "set_without_cluster",
        USERS,
        ("ALTER TABLE users SET WITHOUT CLUSTER",),
        locks={"public.users": SUE},
        findings=NO,
    ),
    E(
        "cluster_on",
        USERS,
        ("ALTER TABLE users CLUSTER ON users_pkey",),
        locks={"public.users": SUE},
        findings=NO,
    ),
    E(
        "set_fillfactor_partitioned_child",
        EVENTS,
        ("ALTER TABLE events_2024 SET (fillfactor = 70)",),
        locks={"public.events_2024": SUE, "public.events": None},
        findings=NO,
    ),
    E(
        "column_set_n_distinct",
        USERS,
        ("ALTER TABLE users ALTER COLUMN age SET (n_distinct = -1)",),
        locks={"public.users": SUE},
        findings=NO,
    ),
    E(
        "column_reset_n_distinct",
        USERS,
        ("ALTER TABLE users ALTER COLUMN age RESET (n_distinct)",),
        locks={"public.users": SUE},
        findings=NO,
    ),
    E(
        "column_set_statistics_partitioned",
        EVENTS,
        ("ALTER TABLE events ALTER COLUMN payload SET STATISTICS 200",),
        locks={"public.events": SUE, "public.events_2024": SUE},
        findings=NO,
    ),
    E(
        "column_set_storage_main",
        USERS,
        ("ALTER TABLE users ALTER COLUMN bio SET STORAGE MAIN",),
        locks={"public.users": AEL},
        rewrites=(),
        findings=NO,
    ),
    E(
        "column_set_storage_partitioned",
        EVENTS,
        ("ALTER TABLE events ALTER COLUMN payload SET STORAGE EXTERNAL",),
        locks={"public.events": AEL, "public.events_2024": AEL},
        rewrites=(),
        findings=NO,
    ),
    E(
        "column_set_compression_default",
        USERS,
        ("ALTER TABLE users ALTER COLUMN bio SET COMPRESSION default",),
        locks={"public.users": AEL},
        rewrites=(),
        findings=NO,
    ),
    E(
        "set_access_method_partitioned_child",
        EVENTS,
        ("ALTER TABLE events_2024 SET ACCESS METHOD heap",),
        rewrites=(),
        findings=NO,
    ),
    E(
        "alter_index_reset",
        USERS + " ALTER INDEX users_email_idx SET (fillfactor = 80);",
        ("ALTER INDEX users_email_idx RESET (fillfactor)",),
        locks={"public.users": None},
        findings=NO,
    ),
]

IDENTITY_AND_TYPED = [
    E(
        "identity_set_generated_by_default",
        IDENTITY,
        ("ALTER TABLE t ALTER COLUMN id SET GENERATED BY DEFAULT",),
        locks={"public.t": AEL},
        rewrites=(),
        findings=NO,
    ),
    E(
        "identity_restart",
        IDENTITY,
        ("ALTER TABLE t ALTER COLUMN id RESTART WITH 100",),
        locks={"public.t": AEL},
        rewrites=(),
        findings=NO,
    ),
    E(
        "identity_set_increment",
        IDENTITY,
        ("ALTER TABLE t ALTER COLUMN id SET INCREMENT BY 5",),
        locks={"public.t": AEL},
        rewrites=(),
        findings=NO,
    ),
    E(
        "add_identity_on_nullable_column_fails",
        "CREATE TABLE pi (id int, v int); INSERT INTO pi VALUES (1, 1);",
        ("ALTER TABLE pi ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY",),
        error="55000",
        findings=_f("statement-fails"),
    ),
    E(
        "add_identity_after_set_not_null",
        "CREATE TABLE pi (id int, v int); INSERT INTO pi VALUES (1, 1);",
        (
            "ALTER TABLE pi ALTER COLUMN id SET NOT NULL",
            "ALTER TABLE pi ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY",
        ),
        locks={"public.pi": AEL},
        rewrites=(),
        findings=_f("set-not-null-scan"),
    ),
    E(
        "drop_expression_if_exists_plain",
        USERS,
        ("ALTER TABLE users ALTER COLUMN age DROP EXPRESSION IF EXISTS",),
        locks={"public.users": AEL},
        rewrites=(),
        findings=NO,
    ),
    E("of_type", PAIR, ("ALTER TABLE pairs OF pair",), locks={"public.pairs": AEL}, rewrites=(), findings=NO),
    E(
        "not_of_type",
        PAIR,
        ("ALTER TABLE typed NOT OF",),
        locks={"public.typed": AEL},
        rewrites=(),
        findings=NO,
    ),
    E(
        "inherit",
        INHERITS,
        ("ALTER TABLE ch INHERIT par",),
        locks={"public.ch": AEL, "public.par": SUE},
        rewrites=(),
        findings=NO,
    ),
    E(
        "no_inherit",
        CHILD,
        ("ALTER TABLE ch NO INHERIT par",),
        locks={"public.ch": AEL, "public.par": "AccessShareLock"},
        rewrites=(),
        findings=NO,
    ),
    E(
        "rename_inheritance_parent_column",
        CHILD,
        ("ALTER TABLE par RENAME COLUMN v TO w",),
        locks={"public.par": AEL, "public.ch": AEL},
        findings=_f("rename-column"),
    ),
    E(
        "add_column_to_inheritance_parent",
        CHILD,
        ("ALTER TABLE par ADD COLUMN n int",),
        locks={"public.par": AEL, "public.ch": AEL},
        rewrites=(),
        findings=NO,
    ),
]

RULES_TYPES_DOMAINS = [
    E(
        "create_rule_instead_nothing",
        USERS,
        ("CREATE RULE users_no_del AS ON DELETE TO users DO INSTEAD NOTHING",),
        locks={"public.users": AEL},
        findings=NO,
    ),
    E(
        "create_or_replace_rule",
        USERS + " CREATE RULE users_no_del AS ON DELETE TO users DO INSTEAD NOTHING;",
        ("CREATE OR REPLACE RULE users_no_del AS ON DELETE TO users DO ALSO NOTHING",),
        locks={"public.users": AEL},
        findings=NO,
    ),
    E(
        "create_rule_on_view",
        USER_VIEW,
        ("CREATE RULE v_ins AS ON INSERT TO user_names DO INSTEAD NOTHING",),
        locks={"public.user_names": AEL, "public.users": None},
        findings=NO,
    ),
    E(
        "enum_add_value_before",
        MOOD,
        ("ALTER TYPE mood ADD VALUE 'meh' BEFORE 'ok'",),
        locks={"public.people": None},
        findings=NO,
    ),
    E(
        "enum_add_value_if_not_exists",
        MOOD,
        ("ALTER TYPE mood ADD VALUE IF NOT EXISTS 'ok'",),
        locks={"public.people": None},
        findings=NO,
    ),
    E(
        "rename_type",
        MOOD,
        ("ALTER TYPE mood RENAME TO feeling",),
        locks={"public.people": None},
        findings=NO,
    ),
    E(
        "composite_add_attribute",
        "CREATE TYPE pair AS (x int, y int);",
        ("ALTER TYPE pair ADD ATTRIBUTE z int",),
        findings=NO,
    ),
    E(
        "domain_set_default",
        DOMAIN_TWO,
        ("ALTER DOMAIN posint SET DEFAULT 1",),
        locks={"public.stock": None, "public.lots": None},
        findings=NO,
    ),
    E(
        "domain_drop_not_null",
        DOMAIN_TWO + " ALTER DOMAIN posint SET NOT NULL;",
        ("ALTER DOMAIN posint DROP NOT NULL",),
        locks={"public.stock": None},
        findings=NO,
    ),
    E(
        "domain_rename_constraint",
        DOMAIN_TWO + " ALTER DOMAIN posint ADD CONSTRAINT pos CHECK (VALUE > 0);",
        ("ALTER DOMAIN posint RENAME CONSTRAINT pos TO positive",),
        locks={"public.stock": None},
        findings=NO,
    ),
    E(
        "domain_add_constraint_two_tables",
        DOMAIN_TWO,
        ("ALTER DOMAIN posint ADD CONSTRAINT pos CHECK (VALUE > 0)",),
        locks={"public.stock": "ShareLock", "public.lots": "ShareLock", "public.plain": None},
        findings=_f("domain-constraint-scan"),
    ),
    E(
        "domain_set_not_null_array_column",
        ARRAY_OF_DOMAIN,
        ("ALTER DOMAIN posint SET NOT NULL",),
        error="0A000",
        findings=_f("statement-fails"),
        note="the values stored in an array of the domain cannot be checked",
    ),
    E(
        "domain_add_check_array_column",
        ARRAY_OF_DOMAIN,
        ("ALTER DOMAIN posint ADD CONSTRAINT pos CHECK (VALUE > 0)",),
        error="0A000",
        findings=_f("statement-fails"),
    ),
    E(
        "domain_add_check_not_valid_array_column",
        ARRAY_OF_DOMAIN,
        ("ALTER DOMAIN posint ADD CONSTRAINT pos CHECK (VALUE > 0) NOT VALID",),
        locks={"public.arr": None},
        findings=NO,
        note="the safe twin: new values are checked, stored ones are not",
    ),
    E(
        "domain_validate_two_tables",
        DOMAIN_TWO + " ALTER DOMAIN posint ADD CONSTRAINT pos CHECK (VALUE > 0) NOT VALID;",
        ("ALTER DOMAIN posint VALIDATE CONSTRAINT pos",),
        locks={"public.stock": "ShareLock", "public.lots": "ShareLock", "public.plain": None},
        findings=_f("domain-constraint-scan"),
    ),
]

SEQUENCES_AND_LOCKS = [
    E(
        "alter_sequence_as_bigint",
        SEQUENCE,
        ("ALTER SEQUENCE invoice_no AS bigint",),
        locks={"public.invoice_no": SRE},
        findings=NO,
    ),
    E(
        "alter_sequence_maxvalue",
        SEQUENCE,
        ("ALTER SEQUENCE invoice_no MAXVALUE 1000000",),
        locks={"public.invoice_no": SRE},
        findings=NO,
    ),
    E("alter_sequence_cache", SEQUENCE, ("ALTER SEQUENCE invoice_no CACHE 10",), findings=NO),
    E(
        "alter_sequence_owned_by_none",
        SEQUENCE + " ALTER SEQUENCE invoice_no OWNED BY bills.id;",
        ("ALTER SEQUENCE invoice_no OWNED BY NONE",),
        findings=NO,
    ),
    E("alter_sequence_rename", SEQUENCE, ("ALTER SEQUENCE invoice_no RENAME TO invoice_seq",), findings=NO),
    E(
        "alter_sequence_set_schema",
        SEQUENCE + " CREATE SCHEMA billing;",
        ("ALTER SEQUENCE invoice_no SET SCHEMA billing",),
        findings=NO,
    ),
    E(
        "alter_identity_sequence",
        IDENTITY,
        ("ALTER SEQUENCE t_id_seq RESTART WITH 50",),
        locks={"public.t": None},
        findings=NO,
    ),
    E(
        "lock_access_share",
        USERS,
        ("LOCK TABLE users IN ACCESS SHARE MODE",),
        locks={"public.users": "AccessShareLock"},
        findings=NO,
    ),
    E(
        "lock_row_share",
        USERS,
        ("LOCK TABLE users IN ROW SHARE MODE",),
        locks={"public.users": "RowShareLock"},
        findings=NO,
    ),
    E(
        "lock_row_exclusive",
        USERS,
        ("LOCK TABLE users IN ROW EXCLUSIVE MODE",),
        locks={"public.users": "RowExclusiveLock"},
        findings=NO,
    ),
    E(
        "lock_share_update_exclusive",
        USERS,
        ("LOCK TABLE users IN SHARE UPDATE EXCLUSIVE MODE",),
        locks={"public.users": SUE},
        findings=NO,
    ),
    E(
        "lock_share_row_exclusive",
        USERS,
        ("LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE",),
        locks={"public.users": SRE},
        findings=NO,
    ),
    E(
        "lock_exclusive",
        USERS,
        ("LOCK TABLE users IN EXCLUSIVE MODE",),
        locks={"public.users": "ExclusiveLock"},
        findings=NO,
    ),
    E(
        "lock_access_exclusive_default",
        USERS,
        ("LOCK TABLE users",),
        locks={"public.users": AEL},
        findings=NO,
    ),
    E(
        "lock_nowait",
        USERS,
        ("LOCK TABLE users IN ACCESS EXCLUSIVE MODE NOWAIT",),
        locks={"public.users": AEL},
        findings=NO,
    ),
    E(
        "lock_partitioned",
        EVENTS,
        ("LOCK TABLE events IN SHARE MODE",),
        locks={"public.events": "ShareLock", "public.events_2024": "ShareLock"},
        findings=NO,
    ),
    E(
        "lock_only_partitioned",
        EVENTS,
        ("LOCK TABLE ONLY events IN SHARE MODE",),
        locks={"public.events": "ShareLock", "public.events_2024": None},
        findings=NO,
    ),
    E(
        "lock_view",
        USER_VIEW,
        ("LOCK TABLE user_names IN EXCLUSIVE MODE",),
        locks={"public.user_names": "ExclusiveLock", "public.users": "ExclusiveLock"},
        findings=NO,
    ),
    E(
        "lock_view_of_partitioned",
        EVENTS + " CREATE VIEW ev AS SELECT id FROM events;",
        ("LOCK TABLE ev IN SHARE MODE",),
        findings=NO,
    ),
    E(
        "lock_two_tables",
        ORDERS_FK,
        ("LOCK TABLE users, orders IN SHARE MODE",),
        locks={"public.users": "ShareLock", "public.orders": "ShareLock"},
        findings=NO,
    ),
]

CREATE_AS_AND_PRIVILEGES = [
    E(
        "create_table_as",
        USERS,
        ("CREATE TABLE adults AS SELECT * FROM users WHERE age > 18",),
        locks={"public.users": "AccessShareLock"},
        findings=NO,
    ),
    E(
        "create_table_as_no_data",
        USERS,
        ("CREATE TABLE adults AS SELECT * FROM users WITH NO DATA",),
        locks={"public.users": "AccessShareLock"},
        findings=NO,
    ),
    E(
        "select_into",
        USERS,
        ("SELECT id, name INTO adults FROM users",),
        locks={"public.users": "AccessShareLock"},
        findings=NO,
    ),
    E(
        "create_matview_join",
        ORDERS_FK,
        (
            "CREATE MATERIALIZED VIEW totals AS SELECT u.id, sum(o.total)"
            " FROM users u JOIN orders o ON o.user_id = u.id GROUP BY u.id",
        ),
        locks={"public.users": "AccessShareLock", "public.orders": "AccessShareLock"},
        findings=NO,
    ),
    E(
        "create_view_join",
        ORDERS_FK,
        ("CREATE VIEW totals AS SELECT u.id, o.total FROM users u JOIN orders o ON o.user_id = u.id",),
        locks={"public.users": "AccessShareLock", "public.orders": "AccessShareLock"},
        findings=NO,
    ),
    E(
        "create_publication_for_table",
        NO_PUB + USERS,
        ("CREATE PUBLICATION pub FOR TABLE users",),
        locks={"public.users": SUE},
        findings=NO,
    ),
    E(
        "alter_publication_add_table",
        NO_PUB + USERS + " CREATE PUBLICATION pub;",
        ("ALTER PUBLICATION pub ADD TABLE users",),
        locks={"public.users": SUE},
        findings=NO,
    ),
    E(
        "alter_publication_drop_table",
        NO_PUB + USERS + " CREATE PUBLICATION pub FOR TABLE users;",
        ("ALTER PUBLICATION pub DROP TABLE users",),
        locks={"public.users": SUE},
        findings=NO,
    ),
    E(
        "create_publication_partitioned",
        NO_PUB + EVENTS,
        ("CREATE PUBLICATION pub FOR TABLE events",),
        findings=NO,
    ),
    E(
        "create_publication_tables_in_schema",
        NO_PUB + USERS,
        ("CREATE PUBLICATION pub FOR TABLES IN SCHEMA public",),
        findings=NO,
    ),
    E(
        "create_publication_all_tables",
        NO_PUB + USERS,
        ("CREATE PUBLICATION pub FOR ALL TABLES",),
        locks={"public.users": None},
        findings=NO,
    ),
    E("grant_column", USERS, ("GRANT SELECT (id, name) ON users TO PUBLIC",), findings=NO),
    E(
        "grant_all_tables_in_schema",
        ORDERS_FK,
        ("GRANT SELECT ON ALL TABLES IN SCHEMA public TO PUBLIC",),
        locks={"public.users": None},
        findings=NO,
    ),
    E(
        "alter_default_privileges",
        USERS,
        ("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO PUBLIC",),
        findings=NO,
    ),
    E(
        "comment_on_view_and_sequence",
        USER_VIEW + " CREATE SEQUENCE s;",
        ("COMMENT ON VIEW user_names IS 'v'", "COMMENT ON SEQUENCE s IS 's'"),
        findings=NO,
    ),
    E("comment_on_policy", POLICY, ("COMMENT ON POLICY users_self ON users IS 'p'",), findings=NO),
    E(
        "create_statistics_expression",
        USERS,
        ("CREATE STATISTICS users_x ON (age + 1) FROM users",),
        locks={"public.users": SUE},
        findings=NO,
    ),
    E(
        "alter_statistics_set",
        USERS + " CREATE STATISTICS users_st ON age, score FROM users;",
        ("ALTER STATISTICS users_st SET STATISTICS 500",),
        locks={"public.users": None},
        findings=NO,
    ),
]

CONSTRAINT_FORMS = [
    E(
        "alter_constraint_deferrable",
        DEFERRABLE_FK,
        ("ALTER TABLE orders ALTER CONSTRAINT orders_user_fk DEFERRABLE INITIALLY DEFERRED",),
        locks={"public.orders": AEL, "public.users": None},
        findings=NO,
    ),
    E(
        "add_exclude_gist",
        RANGES,
        ("ALTER TABLE booking ADD CONSTRAINT booking_no_overlap EXCLUDE USING gist (during WITH &&)",),
        locks={"public.booking": AEL},
        rewrites=(),
        findings=_f("unique-without-index"),
    ),
    E(
        "add_foreign_key_partitioned_referencing",
        PARTED_REFS,
        ("ALTER TABLE visits ADD CONSTRAINT visits_user_fk FOREIGN KEY (user_id) REFERENCES users",),
        locks={"public.visits": SRE, "public.visits_2024": SRE, "public.users": SRE},
        findings=_f("constraint-not-valid-missing"),
    ),
    E(
        "add_foreign_key_partitioned_not_valid",
        PARTED_REFS,
        (
            "ALTER TABLE visits ADD CONSTRAINT visits_user_fk FOREIGN KEY (user_id) REFERENCES users"
            " NOT VALID",
        ),
        min_version=18,
        note="before 18 a NOT VALID foreign key on a partitioned table is refused",
        findings=NO,
    ),
    E(
        "default_partition_add_check",
        EVENTS_DEFAULT,
        ("ALTER TABLE events ADD CONSTRAINT ev_id CHECK (id > 0)",),
        findings=_f("constraint-not-valid-missing"),
    ),
    E(
        "default_partition_set_not_null",
        EVENTS_DEFAULT,
        ("ALTER TABLE events ALTER COLUMN payload SET NOT NULL",),
        findings=_f("set-not-null-scan"),
    ),
    E(
        "attach_partition_with_default_and_check",
        EVENTS_DEFAULT
        + " ALTER TABLE events_2025 ADD CONSTRAINT b CHECK (at >= '2025-01-01' AND at < '2026-01-01');",
        ("ALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",),
        findings=_f("default-partition-scan"),
    ),
    E(
        "detach_default_partition",
        EVENTS_DEFAULT,
        ("ALTER TABLE events DETACH PARTITION events_other",),
        findings=_f("detach-partition-not-concurrent"),
    ),
]

DETACH_WITH_DEFAULT = [
    E(
        "detach_default_partition_concurrently",
        EVENTS_DEFAULT,
        ("ALTER TABLE events DETACH PARTITION events_other CONCURRENTLY",),
        transaction=False,
        error="55000",
        findings=_f("statement-fails"),
    ),
    E(
        "detach_concurrently_with_default",
        EVENTS_DEFAULT,
        ("ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY",),
        transaction=False,
        error="55000",
        findings=_f("statement-fails"),
    ),
]

REFERENCED = [
    E(
        "type_change_of_referenced_key",
        ORDERS_FK,
        ("ALTER TABLE users ALTER COLUMN id TYPE numeric",),
        findings=_f("column-type-rewrite"),
    ),
    E(
        "type_change_of_referencing_column",
        ORDERS_FK,
        ("ALTER TABLE orders ALTER COLUMN user_id TYPE int",),
        findings=_f("column-type-rewrite"),
    ),
    E(
        "rename_referenced_table",
        ORDERS_FK,
        ("ALTER TABLE users RENAME TO people",),
        findings=_f("rename-table"),
    ),
    E(
        "add_column_to_referenced_table",
        ORDERS_FK,
        ("ALTER TABLE users ADD COLUMN nick text",),
        locks={"public.users": AEL, "public.orders": None},
        findings=NO,
    ),
    E(
        "disable_triggers_of_referenced_table",
        ORDERS_FK,
        ("ALTER TABLE users DISABLE TRIGGER ALL",),
        findings=NO,
    ),
    E(
        "drop_table_cascade_with_fk_and_view",
        ORDERS_FK
        + " CREATE VIEW order_users AS SELECT o.id, u.name FROM orders o JOIN users u ON u.id = o.user_id;",
        ("DROP TABLE users CASCADE",),
        findings=_f("drop-outside-contract"),
    ),
    E(
        "drop_table_cascade_matview",
        USERS + " CREATE MATERIALIZED VIEW mv AS SELECT id FROM users;",
        ("DROP TABLE users CASCADE",),
        findings=_f("drop-outside-contract"),
    ),
    E(
        "drop_schema_cascade",
        APP + "CREATE SCHEMA app; CREATE TABLE app.t (id int);" + USERS,
        ("DROP SCHEMA app CASCADE",),
        findings=_f("drop-outside-contract"),
    ),
    E(
        "drop_schema_not_empty_fails",
        APP + "CREATE SCHEMA app; CREATE TABLE app.t (id int);",
        ("DROP SCHEMA app",),
        error="2BP01",
        findings=_f("drop-has-dependents"),
    ),
    E(
        "drop_schema_cascade_fk_out",
        APP + "CREATE SCHEMA app;" + USERS + " CREATE TABLE app.o (uid bigint REFERENCES users);",
        ("DROP SCHEMA app CASCADE",),
        findings=_f("drop-outside-contract"),
    ),
    E("drop_type_cascade_column", MOOD, ("DROP TYPE mood CASCADE",), findings=_f("drop-outside-contract")),
]

SOURCES_ON_THE_PATH = [
    E(
        "view_source_falls_through_the_path",
        SEARCH_PATH,
        ("SET search_path TO app, public", "CREATE VIEW tag_ids AS SELECT id FROM tags"),
        locks={"public.tags": "AccessShareLock"},
        findings=NO,
        note="app has no `tags`: the view reads public.tags",
    ),
    E(
        "select_source_falls_through_the_path",
        SEARCH_PATH,
        ("SET search_path TO app, public", "SELECT count(*) FROM tags"),
        locks={"public.tags": "AccessShareLock"},
        findings=NO,
    ),
    E(
        "insert_select_sources_on_the_path",
        SEARCH_PATH,
        ("SET search_path TO app, public", "INSERT INTO items (id) SELECT id FROM tags"),
        locks={"app.items": "RowExclusiveLock", "public.tags": "AccessShareLock", "public.items": None},
        findings=NO,
    ),
    E(
        "create_table_as_source_on_the_path",
        SEARCH_PATH,
        ("SET search_path TO app, public", "CREATE TABLE tag_copy AS SELECT * FROM tags"),
        locks={"public.tags": "AccessShareLock"},
        findings=NO,
    ),
]

IDENTITY_SEQUENCES = [
    E(
        "like_including_identity_drop_its_sequence",
        IDENTITY + " CREATE TABLE t2 (LIKE t INCLUDING IDENTITY);",
        ("DROP SEQUENCE t2_id_seq",),
        error="2BP01",
        findings=_f("drop-has-dependents"),
        note="LIKE ... INCLUDING IDENTITY gives the copy an identity sequence of its own",
    ),
    E(
        "like_including_identity_drop_identity",
        IDENTITY + " CREATE TABLE t2 (LIKE t INCLUDING IDENTITY);",
        ("ALTER TABLE t2 ALTER COLUMN id DROP IDENTITY", "DROP SEQUENCE IF EXISTS t2_id_seq"),
        locks={"public.t2": AEL},
        findings=NO,
        note="the safe order: DROP IDENTITY drops the sequence with it",
    ),
    E(
        "like_without_identity_sequence_absent",
        IDENTITY + " CREATE TABLE t2 (LIKE t);",
        ("DROP SEQUENCE IF EXISTS t2_id_seq",),
        findings=NO,
    ),
    E(
        "identity_sequence_seq1_drop_standalone",
        "CREATE SEQUENCE t_id_seq; CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY, v int);",
        ("DROP SEQUENCE t_id_seq",),
        locks={"public.t_id_seq": AEL, "public.t": None},
        findings=NO,
        note="the name t_id_seq was taken: the identity sequence is t_id_seq1",
    ),
    E(
        "identity_sequence_seq1_drop_it",
        "CREATE SEQUENCE t_id_seq; CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY, v int);",
        ("DROP SEQUENCE t_id_seq1",),
        error="2BP01",
        findings=_f("drop-has-dependents"),
    ),
    E(
        "serial_sequence_seq1_drop_it",
        "CREATE SEQUENCE t_id_seq; CREATE TABLE t (id serial, v int);",
        ("DROP SEQUENCE t_id_seq1",),
        error="2BP01",
        findings=_f("drop-has-dependents"),
    ),
]

ZONED_INDEXES = [
    E(
        "timestamptz_under_zoned_plus_interval",
        "CREATE TABLE logs (id int, at timestamp); CREATE INDEX logs_x ON logs ((at + interval '1 day'));",
        ("SET TimeZone = 'UTC'", "ALTER TABLE logs ALTER COLUMN at TYPE timestamptz"),
        error="42P17",
        findings=_f("column-type-rewrite", "index-expression-mutable"),
    ),
    E(
        "timestamptz_under_zoned_date_function",
        "CREATE TABLE logs (id int, at timestamp); CREATE INDEX logs_x ON logs (date(at));",
        ("SET TimeZone = 'UTC'", "ALTER TABLE logs ALTER COLUMN at TYPE timestamptz"),
        error="42P17",
        findings=_f("column-type-rewrite", "index-expression-mutable"),
    ),
    E(
        "timestamptz_under_zoned_extract_epoch",
        "CREATE TABLE logs (id int, at timestamp); CREATE INDEX logs_x ON logs ((extract(epoch FROM at)));",
        ("SET TimeZone = 'UTC'", "ALTER TABLE logs ALTER COLUMN at TYPE timestamptz"),
        error="42P17",
        findings=_f("column-type-rewrite", "index-expression-mutable"),
    ),
    E(
        "timestamptz_under_zoned_cast_to_date",
        "CREATE TABLE logs (id int, at timestamp); CREATE INDEX logs_x ON logs ((at::date));",
        ("SET TimeZone = 'UTC'", "ALTER TABLE logs ALTER COLUMN at TYPE timestamptz"),
        error="42P17",
        findings=_f("column-type-rewrite", "index-expression-mutable"),
    ),
    E(
        "timestamptz_under_zoned_age",
        "CREATE TABLE logs (id int, at timestamp); CREATE INDEX logs_x ON logs ((age(at, '2020-01-01')));",
        ("SET TimeZone = 'UTC'", "ALTER TABLE logs ALTER COLUMN at TYPE timestamptz"),
        error="42P17",
        findings=_f("column-type-rewrite", "index-expression-mutable"),
    ),
    E(
        "timestamptz_under_zoned_predicate_constant",
        "CREATE TABLE logs (id int, at timestamp); CREATE INDEX logs_x ON logs (id) WHERE at > '2020-01-01';",
        ("SET TimeZone = 'UTC'", "ALTER TABLE logs ALTER COLUMN at TYPE timestamptz"),
        error="42P17",
        findings=_f("column-type-rewrite", "index-expression-mutable"),
    ),
    E(
        "timestamptz_under_unzoned_at_time_zone",
        "CREATE TABLE logs (id int, at timestamp); CREATE INDEX logs_x ON logs ((at AT TIME ZONE 'UTC'));",
        ("SET TimeZone = 'UTC'", "ALTER TABLE logs ALTER COLUMN at TYPE timestamptz"),
        findings=_f("column-type-rewrite"),
    ),
    E(
        "timestamptz_under_unzoned_predicate_is_null",
        "CREATE TABLE logs (id int, at timestamp); CREATE INDEX logs_x ON logs (id) WHERE at IS NULL;",
        ("SET TimeZone = 'UTC'", "ALTER TABLE logs ALTER COLUMN at TYPE timestamptz"),
        findings=_f("column-type-rewrite"),
    ),
    E(
        "timestamptz_under_unzoned_minus_column",
        "CREATE TABLE logs (id int, at timestamp); CREATE INDEX logs_x ON logs ((at - at));",
        ("SET TimeZone = 'UTC'", "ALTER TABLE logs ALTER COLUMN at TYPE timestamptz"),
        findings=_f("column-type-rewrite"),
    ),
]

TRIGGER_FUNCTIONS = [
    E(
        "drop_function_cascade_trigger",
        TRG,
        ("DROP FUNCTION touch() CASCADE",),
        locks={"public.users": AEL},
        note="the trigger goes with its function",
        findings=NO,
    ),
    E(
        "drop_function_of_a_trigger_fails",
        TRG,
        ("DROP FUNCTION touch()",),
        error="2BP01",
        findings=_f("drop-has-dependents"),
    ),
    E(
        "drop_function_after_its_trigger",
        TRG,
        ("DROP TRIGGER users_touch ON users", "DROP FUNCTION touch()"),
        locks={"public.users": AEL},
        findings=NO,
        note="the safe order: the trigger first, then its function",
    ),
    E(
        "drop_function_cascade_partitioned_row_trigger",
        EVENTS
        + TRIGGER_FN
        + " CREATE TRIGGER ev_touch BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION touch();",
        ("DROP FUNCTION touch() CASCADE",),
        locks={"public.events": AEL, "public.events_2024": AEL},
        findings=NO,
    ),
    E(
        "drop_function_unused",
        USERS + TRIGGER_FN,
        ("DROP FUNCTION touch()",),
        locks={"public.users": None},
        findings=NO,
    ),
]

PUBLICATIONS = [
    E(
        "alter_publication_set_table",
        NO_PUB + ORDERS_FK + " CREATE PUBLICATION pub FOR TABLE users;",
        ("ALTER PUBLICATION pub SET TABLE orders",),
        locks={"public.users": SUE, "public.orders": SUE},
        note="the tables it leaves are locked as well as those it takes",
        findings=NO,
    ),
    E(
        "drop_publication_of_a_table",
        NO_PUB + USERS + " CREATE PUBLICATION pub FOR TABLE users;",
        ("DROP PUBLICATION pub",),
        findings=NO,
    ),
    E(
        "alter_publication_set_table_after_create",
        NO_PUB + ORDERS_FK,
        ("CREATE PUBLICATION pub FOR TABLE users", "ALTER PUBLICATION pub SET TABLE orders"),
        findings=NO,
    ),
]

MORE_FORMS = [
    E(
        "drop_referenced_key_cascade",
        ORDERS_FK,
        ("ALTER TABLE users DROP CONSTRAINT users_pkey CASCADE",),
        findings=NO,
    ),
    E(
        "rename_referenced_column",
        ORDERS_FK,
        ("ALTER TABLE users RENAME COLUMN id TO uid",),
        findings=_f("rename-column"),
    ),
    E(
        "set_unlogged_referenced_table",
        ORDERS_FK,
        ("ALTER TABLE users SET UNLOGGED",),
        error="42P16",
        findings=_f("statement-fails"),
    ),
    E(
        "set_unlogged_referencing_table",
        ORDERS_FK,
        ("ALTER TABLE orders SET UNLOGGED",),
        findings=_f("table-rewrite"),
    ),
    E(
        "set_logged_referencing_unlogged",
        "CREATE UNLOGGED TABLE u (id int PRIMARY KEY); CREATE UNLOGGED TABLE r (uid int REFERENCES u);",
        ("ALTER TABLE r SET LOGGED",),
        error="42P16",
        findings=_f("statement-fails"),
    ),
    E(
        "set_logged_in_order",
        "CREATE UNLOGGED TABLE u (id int PRIMARY KEY); CREATE UNLOGGED TABLE r (uid int REFERENCES u);",
        ("ALTER TABLE u SET LOGGED", "ALTER TABLE r SET LOGGED"),
        findings=_f("multiple-strong-locks", "table-rewrite"),
    ),
    E(
        "set_unlogged_published",
        NO_PUB + USERS + " CREATE PUBLICATION pub FOR TABLE users;",
        ("ALTER TABLE users SET UNLOGGED",),
        error="55000",
        findings=_f("statement-fails"),
    ),
    E(
        "set_schema_identity_table",
        APP + "CREATE SCHEMA app; CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY, v int);",
        ("ALTER TABLE t SET SCHEMA app",),
        findings=NO,
    ),
    E(
        "create_index_on_partitioned",
        EVENTS,
        ("CREATE INDEX events_id ON events (id)",),
        findings=_f("index-not-concurrent"),
    ),
    E(
        "create_index_on_only_partitioned",
        EVENTS,
        ("CREATE INDEX events_id ON ONLY events (id)",),
        findings=NO,
    ),
    E(
        "add_column_default_partitioned",
        EVENTS,
        ("ALTER TABLE events ADD COLUMN n int DEFAULT 0",),
        findings=NO,
    ),
    E(
        "type_change_partitioned",
        EVENTS,
        ("ALTER TABLE events ALTER COLUMN payload TYPE varchar(10)",),
        findings=_f("column-type-rewrite"),
    ),
    E("analyze_table", USERS, ("ANALYZE users",), findings=NO),
    E(
        "set_schema_serial_table",
        APP + "CREATE SCHEMA app; CREATE TABLE t (id serial, v int);",
        ("ALTER TABLE t SET SCHEMA app",),
        findings=NO,
    ),
    E(
        "set_schema_referenced_table",
        APP + "CREATE SCHEMA app;" + ORDERS_FK,
        ("ALTER TABLE users SET SCHEMA app",),
        findings=NO,
    ),
    E(
        "matview_set_tablespace_default",
        MATVIEW,
        ("ALTER MATERIALIZED VIEW user_stats SET TABLESPACE pg_default",),
        findings=NO,
    ),
    E("cluster_matview", MATVIEW, ("CLUSTER user_stats USING user_stats_id",), findings=_f("cluster")),
    E(
        "alter_view_security_barrier",
        USER_VIEW,
        ("ALTER VIEW user_names SET (security_barrier = true)",),
        findings=NO,
    ),
    E(
        "alter_view_column_default",
        USER_VIEW,
        ("ALTER VIEW user_names ALTER COLUMN name SET DEFAULT 'x'",),
        findings=NO,
    ),
    E("alter_view_rename", USER_VIEW, ("ALTER VIEW user_names RENAME TO people_names",), findings=NO),
    E(
        "unique_nulls_not_distinct",
        USERS,
        ("ALTER TABLE users ADD CONSTRAINT users_name_u UNIQUE NULLS NOT DISTINCT (name)",),
        findings=_f("unique-without-index"),
    ),
    E(
        "check_no_inherit",
        CHILD,
        ("ALTER TABLE par ADD CONSTRAINT par_id CHECK (id > 0) NO INHERIT",),
        findings=_f("constraint-not-valid-missing"),
    ),
    E(
        "create_index_include",
        USERS,
        ("CREATE INDEX users_email_inc ON users (email) INCLUDE (name)",),
        findings=_f("index-not-concurrent"),
    ),
    E(
        "create_index_if_not_exists_present",
        USERS,
        ("CREATE INDEX IF NOT EXISTS users_email_idx ON users (email)",),
        findings=NO,
    ),
    E(
        "create_table_if_not_exists_present",
        USERS,
        ("CREATE TABLE IF NOT EXISTS users (id int)",),
        findings=NO,
    ),
    E(
        "type_change_using_expression",
        USERS,
        ("ALTER TABLE users ALTER COLUMN age TYPE text USING age::text",),
        findings=_f("column-type-rewrite"),
    ),
    E("set_data_type_same", USERS, ("ALTER TABLE users ALTER COLUMN age SET DATA TYPE int",), findings=NO),
    E(
        "create_unique_index_concurrently_partition",
        EVENTS,
        ("CREATE UNIQUE INDEX CONCURRENTLY e24_id ON events_2024 (id)",),
        transaction=False,
        findings=NO,
    ),
    E(
        "attach_partition_of_index_built_concurrently",
        EVENTS + " CREATE INDEX ev_at ON ONLY events (at); CREATE INDEX e24_at ON events_2024 (at);",
        ("ALTER INDEX ev_at ATTACH PARTITION e24_at",),
        findings=NO,
    ),
    E(
        "refresh_matview",
        MATVIEW,
        ("REFRESH MATERIALIZED VIEW user_stats",),
        findings=_f("refresh-materialized-view-blocking"),
    ),
    E(
        "alter_table_rename_constraint",
        ORDERS_FK,
        ("ALTER TABLE orders RENAME CONSTRAINT orders_user_fk TO orders_users_fk",),
        findings=NO,
    ),
    E(
        "alter_trigger_rename",
        TRG,
        ("ALTER TRIGGER users_touch ON users RENAME TO users_touched",),
        findings=NO,
    ),
    E("alter_table_set_without_oids", USERS, ("ALTER TABLE users SET WITHOUT OIDS",), findings=NO),
]

ENTRIES = (
    TRIGGERS_AND_SECURITY
    + TABLE_SETTINGS
    + IDENTITY_AND_TYPED
    + RULES_TYPES_DOMAINS
    + SEQUENCES_AND_LOCKS
    + CREATE_AS_AND_PRIVILEGES
    + CONSTRAINT_FORMS
    + DETACH_WITH_DEFAULT
    + REFERENCED
    + SOURCES_ON_THE_PATH
    + IDENTITY_SEQUENCES
    + ZONED_INDEXES
    + TRIGGER_FUNCTIONS
    + PUBLICATIONS
    + MORE_FORMS
)
