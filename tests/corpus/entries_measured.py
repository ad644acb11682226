"""Corpus entries from a sweep of migration statement forms measured on 15, 17 and 18: domain and
precision type changes, collations, nextval defaults, CASCADE drops of referenced keys, inheritance
children, partition-wide constraints and triggers, ATTACH PARTITION's scan, EXCLUDE, and the lock levels of
COMMENT, CREATE STATISTICS and ALTER INDEX forms. Each risky statement has its safe twin."""

from __future__ import annotations

from tests.corpus import CorpusEntry as E
from tests.corpus.entries import AEL, EVENTS, MATVIEW, MOOD, ORDERS_FK, SEQ, SRE, SUE, TRIGGER_FN, USERS

NO = frozenset[str]()
DOMAINS = (
    "CREATE DOMAIN posint AS int; CREATE DOMAIN checked_int AS int CHECK (VALUE > 0);"
    " CREATE TABLE stock (id int, qty posint, n int); INSERT INTO stock VALUES (1, 2, 3);"
)
SHOTS = "CREATE TABLE shots (at timestamp(3), t time(2)); INSERT INTO shots VALUES (now(), now());"
INHERITS = (
    "CREATE TABLE par (id int, v text); CREATE TABLE ch (extra int) INHERITS (par);"
    " INSERT INTO ch VALUES (1, 'a', 1);"
)
EVENTS_CHECKED = EVENTS + (
    " ALTER TABLE events_2025 ADD CONSTRAINT events_2025_bound"
    " CHECK (at >= '2025-01-01' AND at < '2026-01-01');"
)
NULLABLE_KEY = (
    "CREATE TABLE pp (id int, k int NOT NULL) PARTITION BY RANGE (k);"
    " CREATE TABLE pp1 PARTITION OF pp FOR VALUES FROM (0) TO (10); INSERT INTO pp VALUES (1, 1);"
)
INDEXED_EVENTS = (
    EVENTS + " CREATE INDEX events_at ON ONLY events (at); CREATE INDEX events_2024_at ON events_2024 (at);"
)
EXPRESSION = USERS + " CREATE INDEX users_age_plus ON users ((age + 1));"
COMPOSITE = "CREATE TYPE pair AS (x int, y int); CREATE TABLE pairs (id int, p pair);"

TYPES = [
    E(
        "type_domain_to_its_base",
        DOMAINS,
        ("ALTER TABLE stock ALTER COLUMN qty TYPE int",),
        locks={"public.stock": AEL},
        rewrites=(),
        findings=NO,
        note="a domain without constraints to its base type is binary-coercible",
    ),
    E(
        "type_base_to_unchecked_domain",
        DOMAINS,
        ("ALTER TABLE stock ALTER COLUMN n TYPE posint",),
        rewrites=(),
        findings=NO,
    ),
    E(
        "type_base_to_checked_domain",
        DOMAINS,
        ("ALTER TABLE stock ALTER COLUMN n TYPE checked_int",),
        locks={"public.stock": AEL},
        rewrites=("public.stock",),
        findings=frozenset({"column-type-rewrite"}),
        note="a domain with a CHECK as the new type rewrites",
    ),
    E(
        "type_timestamp_precision_widen",
        SHOTS,
        ("ALTER TABLE shots ALTER COLUMN at TYPE timestamp(6)", "ALTER TABLE shots ALTER COLUMN t TYPE time"),
        rewrites=(),
        findings=NO,
    ),
    E(
        "type_timestamp_precision_narrow",
        SHOTS,
        ("ALTER TABLE shots ALTER COLUMN at TYPE timestamp(1)",),
        rewrites=("public.shots",),
        findings=frozenset({"column-type-rewrite"}),
    ),
    E(
        "type_collation_of_indexed_column",
        USERS,
        ('ALTER TABLE users ALTER COLUMN email TYPE text COLLATE "C"',),
        locks={"public.users": AEL},
        rewrites=(),
        findings=frozenset({"column-type-rewrite"}),
        note="no rewrite, but users_email_idx is built again (a full scan under AccessExclusiveLock)",
    ),
    E(
        "type_collation_of_unindexed_column",
        USERS,
        ('ALTER TABLE users ALTER COLUMN bio TYPE text COLLATE "C"',),
        rewrites=(),
        findings=NO,
    ),
    E(
        "composite_type_add_attribute",
        COMPOSITE,
        ("ALTER TYPE pair ADD ATTRIBUTE z int",),
        findings=NO,
        note="the composite type changes; no table is locked",
    ),
]

KEYS = [
    E(
        "add_column_nextval_default",
        USERS + " " + SEQ,
        ("ALTER TABLE users ADD COLUMN invoice bigint DEFAULT nextval('invoice_no')",),
        locks={"public.users": AEL, "public.invoice_no": "RowExclusiveLock"},
        rewrites=("public.users",),
        findings=frozenset({"add-column-volatile-default"}),
    ),
    E(
        "set_default_nextval",
        USERS + " " + SEQ,
        ("ALTER TABLE users ALTER COLUMN age SET DEFAULT nextval('invoice_no')",),
        locks={"public.users": AEL},
        findings=NO,
        note="from 18 the sequence named by a stored default is locked AccessShareLock (15 and 17: not)",
    ),
    E(
        "drop_referenced_column_cascade",
        ORDERS_FK,
        ("ALTER TABLE users DROP COLUMN id CASCADE",),
        locks={"public.users": AEL, "public.orders": AEL},
        findings=frozenset({"drop-outside-contract"}),
        note="the foreign key of orders goes with the column",
    ),
    E(
        "drop_referenced_primary_key_cascade",
        ORDERS_FK,
        ("ALTER TABLE users DROP CONSTRAINT users_pkey CASCADE",),
        locks={"public.users": AEL, "public.orders": AEL},
    ),
    E(
        "add_exclusion_constraint",
        USERS,
        ("ALTER TABLE users ADD CONSTRAINT users_age_excl EXCLUDE USING btree (age WITH =)",),
        locks={"public.users": AEL},
        findings=frozenset({"unique-without-index"}),
        note="the index is built and every row checked under AccessExclusiveLock",
    ),
    E(
        "partitioned_primary_key_nullable_column",
        NULLABLE_KEY,
        ("ALTER TABLE pp ADD PRIMARY KEY (id, k)",),
        locks={"public.pp": AEL, "public.pp1": AEL},
        findings=frozenset({"unique-without-index"}),
    ),
    E(
        "partitioned_unique_constraint",
        EVENTS,
        ("ALTER TABLE events ADD CONSTRAINT events_uq UNIQUE (id, at)",),
        locks={"public.events": AEL},
        findings=frozenset({"unique-without-index"}),
        note="partitions: ShareLock (an index build each) before 18, AccessExclusiveLock from 18",
    ),
]

PARTITIONS = [
    E(
        "attach_partition_scans_it",
        EVENTS,
        ("ALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",),
        locks={"public.events": SUE, "public.events_2025": AEL},
        findings=frozenset({"attach-partition-scan"}),
    ),
    E(
        "attach_partition_with_bound_check",
        EVENTS_CHECKED,
        ("ALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",),
        locks={"public.events": SUE, "public.events_2025": AEL},
        findings=NO,
        note="a validated CHECK implies the bound: no scan, the lock lasts a moment",
    ),
    E(
        "row_trigger_on_partitioned_table",
        EVENTS + TRIGGER_FN,
        ("CREATE TRIGGER ev_touch BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION touch()",),
        locks={"public.events": SRE, "public.events_2024": SRE},
        findings=NO,
    ),
    E(
        "statement_trigger_on_partitioned_table",
        EVENTS + TRIGGER_FN,
        ("CREATE TRIGGER ev_touch AFTER INSERT ON events FOR EACH STATEMENT EXECUTE FUNCTION touch()",),
        locks={"public.events": SRE},
        findings=NO,
        note="a statement trigger is not cloned on the partitions",
    ),
    E(
        "attach_partition_index",
        INDEXED_EVENTS,
        ("ALTER INDEX events_at ATTACH PARTITION events_2024_at",),
        locks={"public.events_at": SUE, "public.events_2024_at": AEL},
        findings=NO,
    ),
    E(
        "inheritance_parent_set_not_null",
        INHERITS,
        ("ALTER TABLE par ALTER COLUMN v SET NOT NULL",),
        locks={"public.par": AEL, "public.ch": AEL},
        findings=frozenset({"set-not-null-scan"}),
    ),
    E(
        "inheritance_parent_index",
        INHERITS,
        ("CREATE INDEX par_id ON par (id)", "LOCK TABLE par IN SHARE MODE"),
        locks={"public.par": "ShareLock", "public.ch": "ShareLock"},
        findings=frozenset({"index-not-concurrent", "multiple-strong-locks"}),
        note="the index is on the parent alone; LOCK TABLE reaches the children (a second strong lock)",
    ),
]

METADATA = [
    E(
        "comment_on_constraint_and_trigger",
        USERS
        + TRIGGER_FN
        + " CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();",
        (
            "COMMENT ON CONSTRAINT users_pkey ON users IS 'key'",
            "COMMENT ON TRIGGER users_touch ON users IS 't'",
        ),
        locks={"public.users": "AccessShareLock"},
        findings=NO,
    ),
    E(
        "create_statistics",
        USERS,
        ("CREATE STATISTICS users_age_score ON age, score FROM users",),
        locks={"public.users": SUE},
        findings=NO,
    ),
    E(
        "alter_index_set_statistics",
        EXPRESSION,
        ("ALTER INDEX users_age_plus ALTER COLUMN 1 SET STATISTICS 500",),
        locks={"public.users_age_plus": SUE},
        findings=NO,
    ),
    E(
        "create_index_if_not_exists_existing",
        USERS,
        ("CREATE INDEX IF NOT EXISTS users_email_idx ON users (email)",),
        locks={"public.users": "ShareLock"},
        findings=NO,
        note="the index exists: nothing is built",
    ),
    E(
        "sequence_set_unlogged",
        SEQ,
        ("ALTER SEQUENCE invoice_no SET UNLOGGED",),
        min_version=15,
        locks={"public.invoice_no": AEL},
        findings=NO,
        note="a sequence gets a new file: no table is rewritten",
    ),
    E(
        "refresh_materialized_view_with_no_data",
        MATVIEW,
        ("REFRESH MATERIALIZED VIEW user_stats WITH NO DATA",),
        locks={"public.user_stats": AEL},
        note="the query is not run: the source tables are not locked",
    ),
]

EVENTS_KEYED = (
    EVENTS + " ALTER TABLE events ADD PRIMARY KEY (id, at); CREATE TABLE ev_refs (id bigint, at date);"
)
EVENTS_INDEXED = EVENTS + " CREATE INDEX events_payload ON events (payload);"
EVENTS_USERS_FK = (
    USERS
    + " "
    + EVENTS
    + " ALTER TABLE events ADD CONSTRAINT events_user_fk FOREIGN KEY (id) REFERENCES users;"
)
VIEWS = (
    USERS
    + " CREATE VIEW user_ids AS SELECT id FROM users; CREATE VIEW user_ids_too AS SELECT * FROM user_ids;"
)
IDENTITY = (
    "CREATE TABLE pi (id int NOT NULL, k int) PARTITION BY RANGE (k);"
    " CREATE TABLE pi1 PARTITION OF pi FOR VALUES FROM (0) TO (10);"
)

PARTITIONED = [
    E(
        "foreign_key_to_partitioned_table",
        EVENTS_KEYED,
        ("ALTER TABLE ev_refs ADD CONSTRAINT ev_refs_fk FOREIGN KEY (id, at) REFERENCES events (id, at)",),
        locks={"public.ev_refs": SRE, "public.events": SRE, "public.events_2024": SRE},
        findings=frozenset({"constraint-not-valid-missing"}),
        note="each partition of the referenced table gets the key's triggers",
    ),
    E(
        "identity_on_partitioned_table",
        IDENTITY,
        ("ALTER TABLE pi ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY",),
        min_version=17,
        locks={"public.pi": AEL, "public.pi1": AEL},
        findings=NO,
        note="identity subcommands reach the partitions from 17",
    ),
    E(
        "drop_partitioned_index",
        EVENTS_INDEXED,
        ("DROP INDEX events_payload",),
        locks={"public.events": AEL, "public.events_2024": AEL},
        findings=frozenset({"drop-index-not-concurrent"}),
    ),
    E(
        "reindex_partitioned_table_in_transaction",
        EVENTS_INDEXED,
        ("REINDEX TABLE events",),
        error="25001",
        findings=frozenset({"concurrently-in-transaction", "reindex-not-concurrent"}),
        note="REINDEX of a partitioned table cannot run inside a transaction block",
    ),
    E(
        "reindex_partitioned_table",
        EVENTS_INDEXED,
        ("REINDEX TABLE events",),
        transaction=False,
        locks={"public.events_2024": "ShareLock"},
        findings=frozenset({"reindex-not-concurrent"}),
    ),
    E(
        "vacuum_full_partitioned_table",
        EVENTS,
        ("VACUUM FULL events",),
        transaction=False,
        locks={"public.events": AEL, "public.events_2024": AEL},
        rewrites=("public.events_2024",),
        findings=frozenset({"vacuum-full"}),
        momentary=frozenset({"public.events"}),
        note="the partitions are rewritten one by one; the parent is read, then opened under "
        "AccessExclusiveLock for an instant (vacuum_rel skips it)",
    ),
    E(
        "set_tablespace_partitioned_table",
        EVENTS,
        ("ALTER TABLE events SET TABLESPACE migwiz_corpus_space",),
        locks={"public.events": AEL},
        rewrites=(),
        findings=NO,
        tags=frozenset({"tablespace"}),
        note="only the default for new partitions changes",
    ),
    E(
        "partition_of_parent_with_foreign_key",
        EVENTS_USERS_FK,
        ("CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",),
        locks={"public.events": AEL, "public.users": SRE},
        findings=NO,
        note="the parent's foreign key is cloned on the new partition",
    ),
    E(
        "drop_view_cascade",
        VIEWS,
        ("DROP VIEW user_ids CASCADE",),
        locks={"public.user_ids": AEL, "public.user_ids_too": AEL},
        findings=NO,
    ),
]

DEPENDENTS = [
    E(
        "drop_referenced_table",
        ORDERS_FK,
        ("DROP TABLE users",),
        error="2BP01",
        findings=frozenset({"drop-has-dependents", "drop-outside-contract"}),
        note="the foreign key of orders depends on users: refused without CASCADE",
    ),
    E(
        "drop_referenced_table_cascade",
        ORDERS_FK,
        ("DROP TABLE users CASCADE",),
        locks={"public.users": AEL, "public.orders": AEL},
        findings=frozenset({"drop-outside-contract"}),
    ),
    E(
        "drop_view_with_dependent_view",
        VIEWS,
        ("DROP VIEW user_ids",),
        error="2BP01",
        findings=frozenset({"drop-has-dependents"}),
    ),
    E(
        "drop_referenced_primary_key",
        ORDERS_FK,
        ("ALTER TABLE users DROP CONSTRAINT users_pkey",),
        error="2BP01",
        findings=frozenset({"drop-has-dependents"}),
    ),
    E(
        "drop_type_in_use",
        MOOD,
        ("DROP TYPE mood",),
        error="2BP01",
        findings=frozenset({"drop-has-dependents"}),
    ),
    E(
        "drop_type_in_use_cascade",
        MOOD,
        ("DROP TYPE mood CASCADE",),
        locks={"public.people": AEL},
        note="CASCADE drops the column people.m",
    ),
    E(
        "drop_table_after_its_dependents",
        ORDERS_FK,
        ("ALTER TABLE orders DROP CONSTRAINT orders_user_fk", "DROP TABLE users"),
        locks={"public.users": AEL, "public.orders": AEL},
        findings=frozenset({"drop-outside-contract"}),
        note="the safe order: what depends on the table goes first (dropping the key already locked users)",
    ),
]

ONLY = [
    E(
        "alter_only_partitioned_add_column",
        EVENTS,
        ("ALTER TABLE ONLY events ADD COLUMN source text",),
        error="42P16",
        findings=frozenset({"alter-only-fails"}),
    ),
    E(
        "alter_only_partitioned_primary_key",
        EVENTS,
        ("ALTER TABLE ONLY events ADD CONSTRAINT events_pkey PRIMARY KEY (id, at)",),
        locks={"public.events": AEL},
        findings=NO,
        note="pg_dump's form: an index on the parent alone, nothing built on the partitions",
    ),
    E(
        "alter_only_inheritance_check",
        INHERITS,
        ("ALTER TABLE ONLY par ADD CONSTRAINT par_id CHECK (id > 0)",),
        error="42P16",
        findings=frozenset({"alter-only-fails", "constraint-not-valid-missing"}),
    ),
    E(
        "alter_only_inheritance_drop_column",
        INHERITS,
        ("ALTER TABLE ONLY par DROP COLUMN v",),
        locks={"public.par": AEL, "public.ch": AEL},
        findings=frozenset({"drop-outside-contract"}),
        note="the child keeps the column as its own",
    ),
]

ENTRIES = [*TYPES, *KEYS, *PARTITIONS, *METADATA, *PARTITIONED, *DEPENDENTS, *ONLY]
