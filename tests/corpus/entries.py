"""The corpus entries, grouped by theme. Expected facts come from the PostgreSQL documentation
("Explicit Locking", ALTER TABLE notes) and are checked against the trace on every server version."""

from __future__ import annotations

from tests.corpus import CorpusEntry as E

USERS = (
    "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, name varchar(50), age int,"
    " score numeric(10,2), bio text, created_at timestamptz DEFAULT now());"
    " CREATE INDEX users_email_idx ON users (email);"
    " INSERT INTO users SELECT g, 'u' || g || '@x.org', 'n' || g, g, g, 'b', now()"
    " FROM generate_series(1, 3) g;"
)
ORDERS = USERS + (
    " CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, total numeric(12,2), note text);"
    " INSERT INTO orders SELECT g, g, g FROM generate_series(1, 3) g;"
)
ORDERS_FK = (
    ORDERS + " ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users;"
)
EMPTY = "CREATE TABLE tags (id int PRIMARY KEY, label text);"
EVENTS = (
    "CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, payload text) PARTITION BY RANGE (at);"
    " CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');"
    " CREATE TABLE events_2025 (id bigint NOT NULL, at date NOT NULL, payload text);"
    " INSERT INTO events VALUES (1, '2024-05-01', 'x');"
)
EVENTS_DEFAULT = EVENTS + " CREATE TABLE events_other PARTITION OF events DEFAULT;"
MOOD = "CREATE TYPE mood AS ENUM ('sad', 'ok'); CREATE TABLE people (id int PRIMARY KEY, m mood);"
DOMAIN = (
    "CREATE DOMAIN posint AS int; CREATE TABLE stock (id int PRIMARY KEY, qty posint);"
    " INSERT INTO stock VALUES (1, 5);"
)
DOMAIN_USERS = DOMAIN + (
    " CREATE DOMAIN smallposint AS posint; CREATE TABLE parcels (id int, weight smallposint);"
    " CREATE MATERIALIZED VIEW stock_qty AS SELECT qty FROM stock;"
    " CREATE VIEW stock_v AS SELECT qty FROM stock;"
    " CREATE TABLE bins (qty posint) PARTITION BY LIST (qty);"
    " CREATE TABLE bins_1 PARTITION OF bins FOR VALUES IN (1); CREATE TABLE unrelated (qty int);"
)
MATVIEW = USERS + (
    " CREATE MATERIALIZED VIEW user_stats AS SELECT id, age FROM users;"
    " CREATE UNIQUE INDEX user_stats_id ON user_stats (id);"
)
TRIGGER_FN = " CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;"
SEQ = "CREATE SEQUENCE invoice_no;"

AEL = "AccessExclusiveLock"
SUE = "ShareUpdateExclusiveLock"
SRE = "ShareRowExclusiveLock"

INDEXES = [
    E(
        "create_index",
        USERS,
        ("CREATE INDEX users_name_idx ON users (name)",),
        locks={"public.users": "ShareLock"},
    ),
    E(
        "create_index_concurrently",
        USERS,
        ("CREATE INDEX CONCURRENTLY users_name_idx ON users (name)",),
        transaction=False,
        locks={"public.users": SUE},
    ),
    E(
        "create_index_concurrently_in_transaction",
        USERS,
        ("CREATE INDEX CONCURRENTLY users_name_idx ON users (name)",),
        error="25001",
        note="CONCURRENTLY inside a transaction block fails",
    ),
    E(
        "create_unique_index",
        USERS,
        ("CREATE UNIQUE INDEX users_email_key ON users (email)",),
        locks={"public.users": "ShareLock"},
    ),
    E(
        "create_unique_index_concurrently",
        USERS,
        ("CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email)",),
        transaction=False,
        locks={"public.users": SUE},
    ),
    E(
        "create_partial_index",
        USERS,
        ("CREATE INDEX users_old_idx ON users (age) WHERE age > 60",),
        locks={"public.users": "ShareLock"},
    ),
    E(
        "create_expression_index",
        USERS,
        ("CREATE INDEX users_lower_email ON users (lower(email))",),
        locks={"public.users": "ShareLock"},
    ),
    E(
        "drop_index",
        USERS,
        ("DROP INDEX users_email_idx",),
        locks={"public.users": AEL, "public.users_email_idx": AEL},
    ),
    E(
        "drop_index_concurrently",
        USERS,
        ("DROP INDEX CONCURRENTLY users_email_idx",),
        transaction=False,
        locks={"public.users": SUE, "public.users_email_idx": AEL},
        note="the index is locked ACCESS EXCLUSIVE in the last transaction, just before it is deleted",
    ),
    E(
        "reindex_index",
        USERS,
        ("REINDEX INDEX users_email_idx",),
        locks={"public.users": "ShareLock", "public.users_email_idx": AEL},
    ),
    E(
        "reindex_index_concurrently",
        USERS,
        ("REINDEX INDEX CONCURRENTLY users_email_idx",),
        transaction=False,
        locks={"public.users": SUE, "public.users_email_idx": AEL},
        note="the old index is dropped under ACCESS EXCLUSIVE in the last internal transaction",
    ),
    E("reindex_table", USERS, ("REINDEX TABLE users",), locks={"public.users": "ShareLock"}),
    E(
        "reindex_table_concurrently",
        USERS,
        ("REINDEX TABLE CONCURRENTLY users",),
        transaction=False,
        locks={"public.users": SUE},
    ),
    E(
        "alter_index_rename",
        USERS,
        ("ALTER INDEX users_email_idx RENAME TO users_email_ix",),
        locks={"public.users_email_ix": SUE},
    ),
    E(
        "alter_index_set_fillfactor",
        USERS,
        ("ALTER INDEX users_email_idx SET (fillfactor = 80)",),
        locks={"public.users_email_idx": SUE},
    ),
]

COLUMNS = [
    E(
        "add_column_nullable",
        USERS,
        ("ALTER TABLE users ADD COLUMN nickname text",),
        locks={"public.users": AEL},
        rewrites=(),
    ),
    E(
        "add_column_constant_default",
        USERS,
        ("ALTER TABLE users ADD COLUMN active boolean DEFAULT true",),
        locks={"public.users": AEL},
        rewrites=(),
    ),
    E(
        "add_column_constant_default_not_null",
        USERS,
        ("ALTER TABLE users ADD COLUMN level int NOT NULL DEFAULT 0",),
        locks={"public.users": AEL},
        rewrites=(),
    ),
    E(
        "add_column_volatile_default",
        USERS,
        ("ALTER TABLE users ADD COLUMN token float8 DEFAULT random()",),
        locks={"public.users": AEL},
        rewrites=("public.users",),
    ),
    E(
        "add_column_uuid_default",
        USERS,
        ("ALTER TABLE users ADD COLUMN uid uuid DEFAULT gen_random_uuid()",),
        min_version=13,
        rewrites=("public.users",),
    ),
    E(
        "add_column_stable_default_now",
        USERS,
        ("ALTER TABLE users ADD COLUMN seen_at timestamptz DEFAULT now()",),
        rewrites=(),
        note="now() is STABLE: evaluated once, no rewrite",
    ),
    E(
        "add_column_not_null_no_default_empty_table",
        EMPTY,
        ("ALTER TABLE tags ADD COLUMN slug text NOT NULL",),
        locks={"public.tags": AEL},
        rewrites=(),
    ),
    E(
        "add_column_not_null_no_default_fails",
        USERS,
        ("ALTER TABLE users ADD COLUMN slug text NOT NULL",),
        error="23502",
    ),
    E("add_column_serial", USERS, ("ALTER TABLE users ADD COLUMN seq serial",), rewrites=("public.users",)),
    E(
        "add_column_identity",
        USERS,
        ("ALTER TABLE users ADD COLUMN ident int GENERATED ALWAYS AS IDENTITY",),
        rewrites=("public.users",),
    ),
    E(
        "add_column_generated_stored",
        USERS,
        ("ALTER TABLE users ADD COLUMN age2 int GENERATED ALWAYS AS (age * 2) STORED",),
        locks={"public.users": AEL},
        rewrites=("public.users",),
    ),
    E(
        "add_column_with_check",
        USERS,
        ("ALTER TABLE users ADD COLUMN rank int CHECK (rank > 0)",),
        locks={"public.users": AEL},
        rewrites=(),
    ),
    E(
        "add_column_references",
        ORDERS,
        ("ALTER TABLE orders ADD COLUMN owner_id bigint REFERENCES users",),
        locks={"public.orders": AEL, "public.users": SRE},
    ),
    E("drop_column", USERS, ("ALTER TABLE users DROP COLUMN bio",), locks={"public.users": AEL}, rewrites=()),
    E("drop_column_indexed", USERS, ("ALTER TABLE users DROP COLUMN email",), locks={"public.users": AEL}),
    E("rename_column", USERS, ("ALTER TABLE users RENAME COLUMN bio TO about",), locks={"public.users": AEL}),
    E("rename_table", USERS, ("ALTER TABLE users RENAME TO people",), locks={"public.people": AEL}),
    E(
        "set_default",
        USERS,
        ("ALTER TABLE users ALTER COLUMN age SET DEFAULT 18",),
        locks={"public.users": AEL},
        rewrites=(),
    ),
    E(
        "drop_default",
        USERS,
        ("ALTER TABLE users ALTER COLUMN created_at DROP DEFAULT",),
        locks={"public.users": AEL},
    ),
    E(
        "set_not_null",
        USERS,
        ("ALTER TABLE users ALTER COLUMN name SET NOT NULL",),
        locks={"public.users": AEL},
        rewrites=(),
    ),
    E(
        "set_not_null_with_valid_check",
        USERS + " ALTER TABLE users ADD CONSTRAINT users_name_nn CHECK (name IS NOT NULL);",
        ("ALTER TABLE users ALTER COLUMN name SET NOT NULL",),
        locks={"public.users": AEL},
        rewrites=(),
    ),
    E(
        "set_not_null_with_not_valid_check",
        USERS + " ALTER TABLE users ADD CONSTRAINT users_name_nn CHECK (name IS NOT NULL) NOT VALID;",
        ("ALTER TABLE users ALTER COLUMN name SET NOT NULL",),
        locks={"public.users": AEL},
    ),
    E(
        "drop_not_null",
        USERS,
        ("ALTER TABLE users ALTER COLUMN email DROP NOT NULL",),
        locks={"public.users": AEL},
    ),
    E(
        "set_statistics",
        USERS,
        ("ALTER TABLE users ALTER COLUMN age SET STATISTICS 500",),
        locks={"public.users": SUE},
    ),
    E("set_storage", USERS, ("ALTER TABLE users ALTER COLUMN bio SET STORAGE EXTERNAL",)),
    E("set_compression", USERS, ("ALTER TABLE users ALTER COLUMN bio SET COMPRESSION pglz",), min_version=14),
    E(
        "add_identity_to_existing",
        EMPTY,
        ("ALTER TABLE tags ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY",),
        locks={"public.tags": AEL},
    ),
]

TYPES = [
    E(
        "varchar_widen",
        USERS,
        ("ALTER TABLE users ALTER COLUMN name TYPE varchar(100)",),
        locks={"public.users": AEL},
        rewrites=(),
    ),
    E(
        "varchar_narrow",
        USERS,
        ("ALTER TABLE users ALTER COLUMN name TYPE varchar(20)",),
        locks={"public.users": AEL},
        rewrites=("public.users",),
    ),
    E("varchar_to_text", USERS, ("ALTER TABLE users ALTER COLUMN name TYPE text",), rewrites=()),
    E(
        "varchar_to_unbounded_varchar",
        USERS,
        ("ALTER TABLE users ALTER COLUMN name TYPE varchar",),
        rewrites=(),
    ),
    E(
        "text_to_varchar_n",
        USERS,
        ("ALTER TABLE users ALTER COLUMN bio TYPE varchar(200)",),
        rewrites=("public.users",),
    ),
    E(
        "text_to_varchar_indexed",
        USERS,
        ("ALTER TABLE users ALTER COLUMN email TYPE varchar(200)",),
        rewrites=("public.users",),
    ),
    E("text_to_varchar_unbounded", USERS, ("ALTER TABLE users ALTER COLUMN bio TYPE varchar",), rewrites=()),
    E(
        "numeric_precision_increase",
        USERS,
        ("ALTER TABLE users ALTER COLUMN score TYPE numeric(14,2)",),
        rewrites=(),
    ),
    E(
        "numeric_scale_change",
        USERS,
        ("ALTER TABLE users ALTER COLUMN score TYPE numeric(12,4)",),
        rewrites=("public.users",),
    ),
    E("numeric_to_unconstrained", USERS, ("ALTER TABLE users ALTER COLUMN score TYPE numeric",), rewrites=()),
    E(
        "int_to_bigint",
        USERS,
        ("ALTER TABLE users ALTER COLUMN age TYPE bigint",),
        locks={"public.users": AEL},
        rewrites=("public.users",),
    ),
    E(
        "type_change_using",
        USERS,
        ("ALTER TABLE users ALTER COLUMN age TYPE text USING age::text",),
        rewrites=("public.users",),
    ),
]

CONSTRAINTS = [
    E(
        "add_foreign_key",
        ORDERS,
        ("ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users",),
        locks={"public.orders": SRE, "public.users": SRE},
        rewrites=(),
    ),
    E(
        "add_foreign_key_not_valid",
        ORDERS,
        (
            "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id)"
            " REFERENCES users NOT VALID",
        ),
        locks={"public.orders": SRE, "public.users": SRE},
    ),
    E(
        "validate_foreign_key",
        ORDERS + " ALTER TABLE orders ADD CONSTRAINT orders_user_fk"
        " FOREIGN KEY (user_id) REFERENCES users NOT VALID;",
        ("ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk",),
        locks={"public.orders": SUE, "public.users": "RowShareLock"},
    ),
    E(
        "add_check",
        USERS,
        ("ALTER TABLE users ADD CONSTRAINT users_age_ck CHECK (age >= 0)",),
        locks={"public.users": AEL},
    ),
    E(
        "add_check_not_valid",
        USERS,
        ("ALTER TABLE users ADD CONSTRAINT users_age_ck CHECK (age >= 0) NOT VALID",),
        locks={"public.users": AEL},
    ),
    E(
        "validate_check",
        USERS + " ALTER TABLE users ADD CONSTRAINT users_age_ck CHECK (age >= 0) NOT VALID;",
        ("ALTER TABLE users VALIDATE CONSTRAINT users_age_ck",),
        locks={"public.users": SUE},
    ),
    E(
        "add_unique",
        USERS,
        ("ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email)",),
        locks={"public.users": AEL},
    ),
    E(
        "add_unique_using_index",
        USERS + " CREATE UNIQUE INDEX users_email_key ON users (email);",
        ("ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key",),
        locks={"public.users": AEL},
    ),
    E(
        "add_primary_key",
        EMPTY.replace(" PRIMARY KEY", ""),
        ("ALTER TABLE tags ADD PRIMARY KEY (id)",),
        locks={"public.tags": AEL},
    ),
    E(
        "add_primary_key_using_index",
        "CREATE TABLE tags (id int NOT NULL, label text); CREATE UNIQUE INDEX tags_pkey ON tags (id);",
        ("ALTER TABLE tags ADD CONSTRAINT tags_pkey PRIMARY KEY USING INDEX tags_pkey",),
        locks={"public.tags": AEL},
    ),
    E(
        "drop_constraint_check",
        USERS + " ALTER TABLE users ADD CONSTRAINT users_age_ck CHECK (age >= 0);",
        ("ALTER TABLE users DROP CONSTRAINT users_age_ck",),
        locks={"public.users": AEL},
    ),
    E(
        "drop_foreign_key",
        ORDERS_FK,
        ("ALTER TABLE orders DROP CONSTRAINT orders_user_fk",),
        locks={"public.orders": AEL, "public.users": AEL},
    ),
    E(
        "rename_constraint",
        USERS + " ALTER TABLE users ADD CONSTRAINT users_age_ck CHECK (age >= 0);",
        ("ALTER TABLE users RENAME CONSTRAINT users_age_ck TO users_age_check",),
    ),
    E(
        "create_table_with_foreign_key",
        USERS,
        ("CREATE TABLE payments (id bigint PRIMARY KEY, user_id bigint REFERENCES users)",),
        locks={"public.users": SRE},
    ),
]

PARTITIONS = [
    E(
        "attach_partition",
        EVENTS,
        ("ALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",),
        locks={"public.events": SUE, "public.events_2025": AEL},
    ),
    E(
        "attach_partition_with_default",
        EVENTS_DEFAULT,
        ("ALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",),
        locks={"public.events": SUE, "public.events_2025": AEL, "public.events_other": AEL},
    ),
    E(
        "detach_partition",
        EVENTS,
        ("ALTER TABLE events DETACH PARTITION events_2024",),
        locks={"public.events": AEL, "public.events_2024": AEL},
    ),
    E(
        "detach_partition_concurrently",
        EVENTS,
        ("ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY",),
        transaction=False,
        min_version=14,
        locks={"public.events": SUE, "public.events_2024": AEL},
    ),
    E(
        "create_partition_of",
        EVENTS,
        ("CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",),
    ),
    E(
        "drop_partition",
        EVENTS,
        ("DROP TABLE events_2024",),
        locks={"public.events": AEL, "public.events_2024": AEL},
        note="dropping a partition locks its parent too",
    ),
    E(
        "drop_partition_with_default",
        EVENTS_DEFAULT,
        ("DROP TABLE events_2024",),
        locks={"public.events": AEL, "public.events_2024": AEL, "public.events_other": AEL},
        note="the default partition's constraint changes: it is locked too",
    ),
    E(
        "drop_default_partition",
        EVENTS_DEFAULT,
        ("DROP TABLE events_other",),
        locks={"public.events": AEL, "public.events_other": AEL},
    ),
    E(
        "drop_inheritance_child",
        "CREATE TABLE base (x int); CREATE TABLE child () INHERITS (base);",
        ("DROP TABLE child",),
        locks={"public.child": AEL},
        note="unlike a partition, an inheritance child is dropped without locking its parent",
    ),
    E(
        "create_partition_of_with_default",
        EVENTS_DEFAULT,
        ("CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",),
        locks={"public.events": AEL, "public.events_other": AEL},
        note="the default partition is scanned for rows of the new range",
    ),
    E(
        "detach_partition_with_default",
        EVENTS_DEFAULT,
        ("ALTER TABLE events DETACH PARTITION events_2024",),
        locks={"public.events": AEL, "public.events_2024": AEL, "public.events_other": AEL},
    ),
    E(
        "add_column_partitioned",
        EVENTS,
        ("ALTER TABLE events ADD COLUMN source text",),
        locks={"public.events": AEL, "public.events_2024": AEL},
        rewrites=(),
    ),
    E(
        "create_index_partitioned",
        EVENTS,
        ("CREATE INDEX events_at_idx ON events (at)",),
        locks={"public.events": "ShareLock", "public.events_2024": "ShareLock"},
    ),
]

TYPES_AND_DOMAINS = [
    E("enum_add_value", MOOD, ("ALTER TYPE mood ADD VALUE 'happy'",)),
    E(
        "enum_add_value_then_use",
        MOOD,
        ("ALTER TYPE mood ADD VALUE 'happy'", "INSERT INTO people VALUES (1, 'happy')"),
        error="55P04",
        note="a new enum value cannot be used in the transaction that added it",
    ),
    E("enum_rename_value", MOOD, ("ALTER TYPE mood RENAME VALUE 'ok' TO 'fine'",)),
    E(
        "alter_domain_add_constraint",
        DOMAIN,
        ("ALTER DOMAIN posint ADD CONSTRAINT posint_ck CHECK (VALUE > 0)",),
        locks={"public.stock": "ShareLock"},
    ),
    E(
        "alter_domain_add_constraint_not_valid",
        DOMAIN,
        ("ALTER DOMAIN posint ADD CONSTRAINT posint_ck CHECK (VALUE > 0) NOT VALID",),
    ),
    E(
        "alter_domain_validate_constraint",
        DOMAIN + " ALTER DOMAIN posint ADD CONSTRAINT posint_ck CHECK (VALUE > 0) NOT VALID;",
        ("ALTER DOMAIN posint VALIDATE CONSTRAINT posint_ck",),
        locks={"public.stock": "ShareLock"},
    ),
    E(
        "alter_domain_set_not_null",
        DOMAIN,
        ("ALTER DOMAIN posint SET NOT NULL",),
        locks={"public.stock": "ShareLock"},
        note="every column of the domain is checked under SHARE",
    ),
    E(
        "alter_domain_set_not_null_already",
        DOMAIN + " ALTER DOMAIN posint SET NOT NULL;",
        ("ALTER DOMAIN posint SET NOT NULL",),
        note="a no-op: nothing is checked or locked",
    ),
    E(
        "alter_domain_validate_valid_constraint",
        DOMAIN + " ALTER DOMAIN posint ADD CONSTRAINT posint_ck CHECK (VALUE > 0);",
        ("ALTER DOMAIN posint VALIDATE CONSTRAINT posint_ck",),
        locks={"public.stock": "ShareLock"},
        note="unlike ALTER TABLE, validating a valid domain constraint checks the rows again",
    ),
    E(
        "alter_domain_add_constraint_all_users",
        DOMAIN_USERS,
        ("ALTER DOMAIN posint ADD CONSTRAINT posint_ck CHECK (VALUE > 0)",),
        locks={
            "public.stock": "ShareLock",
            "public.parcels": "ShareLock",
            "public.stock_qty": "ShareLock",
            "public.bins_1": "ShareLock",
        },
        note="tables and materialized views with a column of the domain or of a domain over it; the lock on"
        " views and partitioned tables is released at once",
    ),
    E(
        "alter_domain_drop_constraint",
        DOMAIN + " ALTER DOMAIN posint ADD CONSTRAINT posint_ck CHECK (VALUE > 0);",
        ("ALTER DOMAIN posint DROP CONSTRAINT posint_ck",),
    ),
    E(
        "alter_domain_add_not_null_constraint",
        DOMAIN,
        ("ALTER DOMAIN posint ADD CONSTRAINT posint_nn NOT NULL",),
        min_version=17,
        locks={"public.stock": "ShareLock"},
    ),
    E(
        "add_column_constrained_domain",
        DOMAIN + " ALTER DOMAIN posint ADD CONSTRAINT posint_ck CHECK (VALUE > 0);",
        ("ALTER TABLE stock ADD COLUMN reserved posint",),
        locks={"public.stock": AEL},
    ),
]

VIEWS = [
    E("create_materialized_view", USERS, ("CREATE MATERIALIZED VIEW ages AS SELECT age FROM users",)),
    E(
        "refresh_materialized_view",
        MATVIEW,
        ("REFRESH MATERIALIZED VIEW user_stats",),
        locks={"public.user_stats": AEL},
        rewrites=("public.user_stats",),
    ),
    E(
        "refresh_materialized_view_concurrently",
        MATVIEW,
        ("REFRESH MATERIALIZED VIEW CONCURRENTLY user_stats",),
        locks={"public.user_stats": "ExclusiveLock"},
        rewrites=(),
    ),
    E(
        "drop_materialized_view",
        MATVIEW,
        ("DROP MATERIALIZED VIEW user_stats",),
        locks={"public.user_stats": AEL},
    ),
    E("create_view", USERS, ("CREATE VIEW adults AS SELECT * FROM users WHERE age >= 18",)),
    E(
        "create_or_replace_view",
        USERS + " CREATE VIEW adults AS SELECT id FROM users;",
        ("CREATE OR REPLACE VIEW adults AS SELECT id, age FROM users",),
        locks={"public.adults": AEL},
    ),
    E(
        "drop_view",
        USERS + " CREATE VIEW adults AS SELECT id FROM users;",
        ("DROP VIEW adults",),
        locks={"public.adults": AEL},
    ),
]

TRIGGERS_POLICIES_GRANTS = [
    E(
        "create_trigger",
        USERS + TRIGGER_FN,
        ("CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch()",),
        locks={"public.users": SRE},
    ),
    E(
        "drop_trigger",
        USERS + TRIGGER_FN + " CREATE TRIGGER users_touch BEFORE UPDATE ON users"
        " FOR EACH ROW EXECUTE FUNCTION touch();",
        ("DROP TRIGGER users_touch ON users",),
    ),
    E(
        "disable_trigger",
        USERS + TRIGGER_FN + " CREATE TRIGGER users_touch BEFORE UPDATE ON users"
        " FOR EACH ROW EXECUTE FUNCTION touch();",
        ("ALTER TABLE users DISABLE TRIGGER users_touch",),
        locks={"public.users": SRE},
    ),
    E("enable_rls", USERS, ("ALTER TABLE users ENABLE ROW LEVEL SECURITY",), locks={"public.users": AEL}),
    E("force_rls", USERS, ("ALTER TABLE users FORCE ROW LEVEL SECURITY",), locks={"public.users": AEL}),
    E("create_policy", USERS, ("CREATE POLICY users_self ON users FOR SELECT USING (true)",)),
    E(
        "drop_policy",
        USERS + " CREATE POLICY users_self ON users USING (true);",
        ("DROP POLICY users_self ON users",),
    ),
    E("grant_select", USERS, ("GRANT SELECT ON users TO PUBLIC",)),
    E("revoke_select", USERS + " GRANT SELECT ON users TO PUBLIC;", ("REVOKE SELECT ON users FROM PUBLIC",)),
    E("alter_table_owner", USERS, ("ALTER TABLE users OWNER TO CURRENT_USER",), locks={"public.users": AEL}),
    E("replica_identity_full", USERS, ("ALTER TABLE users REPLICA IDENTITY FULL",)),
]

SEQUENCES_COMMENTS = [
    E("create_sequence", USERS, ("CREATE SEQUENCE user_no",)),
    E("alter_sequence_restart", SEQ, ("ALTER SEQUENCE invoice_no RESTART WITH 100",)),
    E("alter_sequence_increment", SEQ, ("ALTER SEQUENCE invoice_no INCREMENT BY 10",)),
    E(
        "alter_sequence_owned_by",
        SEQ + " CREATE TABLE invoices (no bigint);",
        ("ALTER SEQUENCE invoice_no OWNED BY invoices.no",),
        locks={"public.invoice_no": SRE, "public.invoices": "AccessShareLock"},
    ),
    E(
        "create_sequence_owned_by",
        "CREATE TABLE invoices (no bigint);",
        ("CREATE SEQUENCE invoice_no OWNED BY invoices.no",),
        locks={"public.invoices": "AccessShareLock"},
    ),
    E("setval", SEQ, ("SELECT setval('invoice_no', 500)",)),
    E("drop_sequence", SEQ, ("DROP SEQUENCE invoice_no",), locks={"public.invoice_no": AEL}),
    E("comment_on_table", USERS, ("COMMENT ON TABLE users IS 'people who log in'",)),
    E("comment_on_column", USERS, ("COMMENT ON COLUMN users.email IS 'login'",)),
    E("comment_on_index", USERS, ("COMMENT ON INDEX users_email_idx IS 'login lookups'",)),
]

DROPS_AND_MAINTENANCE = [
    E("drop_table", USERS, ("DROP TABLE users",), locks={"public.users": AEL}),
    E(
        "drop_table_referenced_by_fk",
        ORDERS_FK,
        ("DROP TABLE orders",),
        locks={"public.orders": AEL, "public.users": AEL},
    ),
    E(
        "drop_table_cascade",
        ORDERS_FK,
        ("DROP TABLE users CASCADE",),
        locks={"public.users": AEL, "public.orders": AEL},
    ),
    E("truncate", USERS, ("TRUNCATE users",), locks={"public.users": AEL}, rewrites=("public.users",)),
    E(
        "truncate_cascade",
        ORDERS_FK,
        ("TRUNCATE users CASCADE",),
        locks={"public.users": AEL, "public.orders": AEL},
        rewrites=("public.orders", "public.users"),
    ),
    E("vacuum", USERS, ("VACUUM users",), transaction=False, locks={"public.users": SUE}, rewrites=()),
    E(
        "vacuum_full",
        USERS,
        ("VACUUM FULL users",),
        transaction=False,
        locks={"public.users": AEL},
        rewrites=("public.users",),
    ),
    E("vacuum_analyze", USERS, ("VACUUM (ANALYZE) users",), transaction=False, locks={"public.users": SUE}),
    E("analyze", USERS, ("ANALYZE users",), locks={"public.users": SUE}),
    E(
        "cluster",
        USERS,
        ("CLUSTER users USING users_pkey",),
        locks={"public.users": AEL},
        rewrites=("public.users",),
    ),
    E(
        "set_fillfactor",
        USERS,
        ("ALTER TABLE users SET (fillfactor = 70)",),
        locks={"public.users": SUE},
        rewrites=(),
    ),
    E(
        "set_autovacuum_params",
        USERS,
        ("ALTER TABLE users SET (autovacuum_vacuum_scale_factor = 0.01)",),
        locks={"public.users": SUE},
    ),
    E(
        "set_unlogged",
        USERS,
        ("ALTER TABLE users SET UNLOGGED",),
        locks={"public.users": AEL},
        rewrites=("public.users",),
    ),
    E(
        "alter_system",
        "",
        ("ALTER SYSTEM SET work_mem = '5MB'", "ALTER SYSTEM RESET work_mem"),
        transaction=False,
        locks={},
    ),
    E("lock_table_share", USERS, ("LOCK TABLE users IN SHARE MODE",), locks={"public.users": "ShareLock"}),
]

DML = [
    E(
        "update_whole_table",
        USERS,
        ("UPDATE users SET age = age + 1",),
        locks={"public.users": "RowExclusiveLock"},
    ),
    E("delete_whole_table", USERS, ("DELETE FROM users",), locks={"public.users": "RowExclusiveLock"}),
    E(
        "update_batch",
        USERS,
        ("UPDATE users SET age = 0 WHERE id BETWEEN 1 AND 2",),
        locks={"public.users": "RowExclusiveLock"},
    ),
    E(
        "insert_select",
        ORDERS,
        ("INSERT INTO orders (id, user_id) SELECT id + 10, id FROM users",),
        locks={"public.orders": "RowExclusiveLock", "public.users": "AccessShareLock"},
    ),
]

TRANSACTIONS = [
    E(
        "multi_two_tables",
        ORDERS,
        ("ALTER TABLE users ADD COLUMN nickname text", "ALTER TABLE orders ADD COLUMN paid boolean"),
        locks={"public.users": AEL, "public.orders": AEL},
    ),
    E(
        "multi_index_then_fk",
        ORDERS,
        (
            "CREATE INDEX orders_user_idx ON orders (user_id)",
            "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id)"
            " REFERENCES users NOT VALID",
        ),
        locks={"public.orders": SRE, "public.users": SRE},
    ),
    E(
        "multi_lock_timeout_then_alter",
        USERS,
        ("SET lock_timeout = '2s'", "ALTER TABLE users ADD COLUMN nickname text"),
        locks={"public.users": AEL},
    ),
    E(
        "multi_create_table_then_index",
        USERS,
        (
            "CREATE TABLE audit (id bigint, at timestamptz)",
            "CREATE INDEX audit_at_idx ON audit (at)",
            "UPDATE users SET age = age",
        ),
        locks={"public.users": "RowExclusiveLock"},
    ),
    E(
        "multi_backfill_then_not_null",
        USERS,
        (
            "ALTER TABLE users ADD COLUMN tier int",
            "UPDATE users SET tier = 1",
            "ALTER TABLE users ALTER COLUMN tier SET NOT NULL",
        ),
        locks={"public.users": AEL},
    ),
    E(
        "multi_rename_then_alter",
        USERS,
        ("ALTER TABLE users RENAME TO people", "ALTER TABLE people ADD COLUMN nickname text"),
        locks={"public.people": AEL},
    ),
    E("error_rolls_back", USERS, ("ALTER TABLE users ADD COLUMN nickname text", "SELECT 1/0"), error="22012"),
]

ENTRIES: tuple[E, ...] = tuple(
    INDEXES
    + COLUMNS
    + TYPES
    + CONSTRAINTS
    + PARTITIONS
    + TYPES_AND_DOMAINS
    + VIEWS
    + TRIGGERS_POLICIES_GRANTS
    + SEQUENCES_COMMENTS
    + DROPS_AND_MAINTENANCE
    + DML
    + TRANSACTIONS
)
