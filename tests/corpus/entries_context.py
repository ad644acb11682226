"""Corpus entries whose cost depends on the statement's context: constraints written on a new column,
rewriting ALTER TABLE forms, type changes whose rewrite depends on the session or the USING expression,
statements that fail, and safe recipes that lose their safety in one transaction. Each dangerous entry has
a safe twin (`*_safe` or named after the recipe) that does the same job without the long lock.

`findings` lists the warning and error rules lint must report on the entry (with a fix for each)."""

from __future__ import annotations

from tests.corpus import TABLESPACE
from tests.corpus import CorpusEntry as E
from tests.corpus.entries import AEL, EVENTS, MOOD, ORDERS, SRE, SUE, USERS

LOGS = (
    "CREATE TABLE logs (id int PRIMARY KEY, at timestamp, msg varchar(20));"
    " CREATE INDEX logs_at_idx ON logs (at);"
    " INSERT INTO logs SELECT g, now(), 'm' FROM generate_series(1, 3) g;"
)
GENERATED = USERS + " ALTER TABLE users ADD COLUMN age2 int GENERATED ALWAYS AS (age * 2) STORED;"
USER_NAMES = USERS + " CREATE VIEW user_names AS SELECT id, name FROM users;"
NULLABLE_KEY = (
    "CREATE TABLE tags (id int, label text); INSERT INTO tags VALUES (1, 'a');"
    " CREATE UNIQUE INDEX tags_pkey ON tags (id);"
)
NOT_NULL_RECIPE = (
    "ALTER TABLE users ADD CONSTRAINT users_name_nn CHECK (name IS NOT NULL) NOT VALID",
    "ALTER TABLE users VALIDATE CONSTRAINT users_name_nn",
    "ALTER TABLE users ALTER COLUMN name SET NOT NULL",
    "ALTER TABLE users DROP CONSTRAINT users_name_nn",
)
NO = frozenset[str]()


def _rules(*ids: str) -> frozenset[str]:
    return frozenset(ids)


INLINE_CONSTRAINTS = [
    E(
        "add_column_check_inline",
        USERS,
        ("ALTER TABLE users ADD COLUMN rank int CHECK (rank > 0)",),
        locks={"public.users": AEL},
        rewrites=(),
        findings=_rules("constraint-not-valid-missing"),
        note="the new CHECK is verified on every row (a scan under ACCESS EXCLUSIVE)",
    ),
    E(
        "add_column_check_safe",
        USERS,
        (
            "ALTER TABLE users ADD COLUMN rank int",
            "ALTER TABLE users ADD CONSTRAINT users_rank_check CHECK (rank > 0) NOT VALID",
        ),
        locks={"public.users": AEL},
        findings=NO,
    ),
    E(
        "add_column_unique_inline",
        USERS,
        ("ALTER TABLE users ADD COLUMN code text UNIQUE",),
        locks={"public.users": AEL},
        rewrites=(),
        findings=_rules("unique-without-index"),
        note="the unique index is built under ACCESS EXCLUSIVE",
    ),
    E(
        "add_column_unique_safe",
        USERS,
        (
            "ALTER TABLE users ADD COLUMN code text",
            "CREATE UNIQUE INDEX CONCURRENTLY users_code_key ON users (code)",
            "ALTER TABLE users ADD CONSTRAINT users_code_key UNIQUE USING INDEX users_code_key",
        ),
        transaction=False,
        locks={"public.users": AEL},
        findings=_rules("mixed-non-transactional"),
        note="as three migrations; here in one autocommit script",
    ),
    E(
        "add_column_primary_key_inline",
        "CREATE TABLE notes (body text); INSERT INTO notes VALUES ('a'), ('b');",
        ("ALTER TABLE notes ADD COLUMN id bigserial PRIMARY KEY",),
        locks={"public.notes": AEL},
        rewrites=("public.notes",),
        findings=_rules("add-column-volatile-default", "unique-without-index"),
    ),
    E(
        "add_column_references_default",
        ORDERS,
        ("ALTER TABLE orders ADD COLUMN owner_id bigint NOT NULL DEFAULT 1 REFERENCES users",),
        locks={"public.orders": AEL, "public.users": SRE},
        rewrites=(),
        findings=_rules("constraint-not-valid-missing"),
        note="with a default every existing row is checked against users (without one, nothing is)",
    ),
    E(
        "add_column_references_default_null",
        USERS + " CREATE TABLE payments (id int);",
        ("ALTER TABLE payments ADD COLUMN user_id bigint DEFAULT NULL REFERENCES users",),
        locks={"public.payments": AEL, "public.users": SRE},
        rewrites=(),
        findings=_rules("constraint-not-valid-missing"),
        note="any DEFAULT clause, even NULL, makes PostgreSQL check the existing rows",
    ),
    E(
        "add_column_check_with_default",
        USERS,
        ("ALTER TABLE users ADD COLUMN rank int DEFAULT 1 CHECK (rank > 0)",),
        rewrites=(),
        findings=_rules("constraint-not-valid-missing"),
    ),
    E(
        "add_column_unique_volatile_default",
        USERS,
        ("ALTER TABLE users ADD COLUMN token float8 DEFAULT random() UNIQUE",),
        rewrites=("public.users",),
        findings=_rules("add-column-volatile-default", "unique-without-index"),
        note="rewritten with its indexes, and the new unique index built, all under ACCESS EXCLUSIVE",
    ),
    E(
        "add_column_references_default_safe",
        ORDERS,
        (
            "ALTER TABLE orders ADD COLUMN owner_id bigint NOT NULL DEFAULT 1",
            "ALTER TABLE orders ADD CONSTRAINT orders_owner_fk FOREIGN KEY (owner_id) REFERENCES users"
            " NOT VALID",
        ),
        locks={"public.orders": AEL, "public.users": SRE},
        findings=_rules("multiple-strong-locks"),
    ),
]

REWRITING_FORMS = [
    E(
        "set_expression",
        GENERATED,
        ("ALTER TABLE users ALTER COLUMN age2 SET EXPRESSION AS (age * 3)",),
        min_version=17,
        locks={"public.users": AEL},
        rewrites=("public.users",),
        findings=_rules("table-rewrite"),
    ),
    E(
        "set_expression_virtual",
        USERS + " ALTER TABLE users ADD COLUMN age3 int GENERATED ALWAYS AS (age * 3) VIRTUAL;",
        ("ALTER TABLE users ALTER COLUMN age3 SET EXPRESSION AS (age * 4)",),
        min_version=18,
        locks={"public.users": AEL},
        rewrites=(),
        findings=NO,
        note="a virtual generated column stores nothing: no rewrite",
    ),
    E(
        "drop_expression",
        GENERATED,
        ("ALTER TABLE users ALTER COLUMN age2 DROP EXPRESSION",),
        locks={"public.users": AEL},
        rewrites=(),
        findings=NO,
        note="the safe first step instead of SET EXPRESSION",
    ),
    E(
        "set_tablespace",
        USERS,
        (f"ALTER TABLE users SET TABLESPACE {TABLESPACE}",),
        locks={"public.users": AEL},
        rewrites=("public.users",),
        findings=_rules("table-rewrite"),
        tags=frozenset({"tablespace"}),
        note="the table is copied; its indexes stay where they are",
    ),
    E(
        "set_tablespace_already_there",
        USERS,
        ("ALTER TABLE users SET TABLESPACE pg_default",),
        locks={"public.users": AEL},
        rewrites=(),
        findings=NO,
    ),
    E(
        "alter_index_set_tablespace",
        USERS,
        (f"ALTER INDEX users_email_idx SET TABLESPACE {TABLESPACE}",),
        locks={"public.users_email_idx": AEL},
        tags=frozenset({"tablespace"}),
    ),
    E(
        "set_logged_already",
        USERS,
        ("ALTER TABLE users SET LOGGED",),
        locks={"public.users": AEL},
        rewrites=(),
        findings=NO,
        note="already logged: nothing to do",
    ),
    E(
        "set_access_method_same",
        USERS,
        ("ALTER TABLE users SET ACCESS METHOD heap",),
        min_version=15,
        locks={"public.users": AEL},
        rewrites=(),
        findings=NO,
        note="already heap: nothing to do",
    ),
    E(
        "set_logged",
        "CREATE UNLOGGED TABLE scratch (id int PRIMARY KEY, v text); INSERT INTO scratch VALUES (1, 'a');",
        ("ALTER TABLE scratch SET LOGGED",),
        locks={"public.scratch": AEL},
        rewrites=("public.scratch",),
        findings=_rules("table-rewrite"),
    ),
]

CONTEXT_TYPES = [
    E(
        "timestamp_to_timestamptz_utc",
        LOGS,
        ("SET TimeZone = 'UTC'", "ALTER TABLE logs ALTER COLUMN at TYPE timestamptz"),
        locks={"public.logs": AEL},
        rewrites=(),
        findings=_rules("column-type-rewrite"),
        note="no row rewritten in UTC, but the index on the column gets another operator class: it is "
        "built again, a full scan under AccessExclusiveLock (entries_forms has the twin without an index)",
    ),
    E(
        "timestamp_to_timestamptz_other_zone",
        LOGS,
        ("SET timezone TO 'America/New_York'", "ALTER TABLE logs ALTER COLUMN at TYPE timestamptz"),
        locks={"public.logs": AEL},
        rewrites=("public.logs",),
        findings=_rules("column-type-rewrite"),
    ),
    E(
        "timestamp_to_timestamptz_set_time_zone",
        LOGS,
        ("SET TIME ZONE 'Europe/Paris'", "ALTER TABLE logs ALTER COLUMN at TYPE timestamptz"),
        rewrites=("public.logs",),
        findings=_rules("column-type-rewrite"),
    ),
    E(
        "timestamp_to_timestamptz_zone_reset",
        LOGS,
        (
            "SET TIME ZONE 'Europe/Paris'",
            "SET TIME ZONE 'Etc/UTC'",
            "ALTER TABLE logs ALTER COLUMN at TYPE timestamptz",
        ),
        rewrites=(),
        findings=_rules("column-type-rewrite"),
        note="the index on the column is built again",
    ),
    E(
        "varchar_to_text_using_column",
        LOGS,
        ("ALTER TABLE logs ALTER COLUMN msg TYPE text USING msg",),
        locks={"public.logs": AEL},
        rewrites=(),
        findings=NO,
        note="USING the column itself, binary-coercible: no rewrite",
    ),
    E(
        "varchar_widen_using_cast",
        LOGS,
        ("ALTER TABLE logs ALTER COLUMN msg TYPE varchar(40) USING msg::varchar(40)",),
        rewrites=(),
        findings=NO,
    ),
    E(
        "int_to_bigint_using_column",
        LOGS,
        ("ALTER TABLE logs ALTER COLUMN id TYPE bigint USING id",),
        rewrites=("public.logs",),
        findings=_rules("column-type-rewrite"),
    ),
    E(
        "varchar_widen_indexed",
        USERS + " CREATE INDEX users_name_idx ON users (name);",
        ("ALTER TABLE users ALTER COLUMN name TYPE varchar(100)",),
        rewrites=(),
        findings=NO,
        note="no rewrite, but the index on the column is re-created under its name",
    ),
    E(
        "type_change_under_view",
        USER_NAMES,
        ("ALTER TABLE users ALTER COLUMN name TYPE varchar(100)",),
        error="0A000",
        findings=_rules("type-change-under-view"),
        note="cannot alter type of a column used by a view or rule",
    ),
    E(
        "type_change_under_view_other_column",
        USER_NAMES,
        ("ALTER TABLE users ALTER COLUMN age TYPE bigint",),
        rewrites=("public.users",),
        findings=_rules("column-type-rewrite"),
    ),
    E(
        "type_change_under_view_safe",
        USER_NAMES,
        (
            "DROP VIEW user_names",
            "ALTER TABLE users ALTER COLUMN name TYPE varchar(100)",
            "CREATE VIEW user_names AS SELECT id, name FROM users",
        ),
        locks={"public.users": AEL, "public.user_names": AEL},
        findings=_rules("multiple-strong-locks"),
    ),
]

FAILING = [
    E(
        "enum_add_value_then_update",
        MOOD,
        ("ALTER TYPE mood ADD VALUE 'happy'", "UPDATE people SET m = 'happy'"),
        error="55P04",
        findings=_rules("enum-value-used-in-transaction", "unbatched-update"),
    ),
    E(
        "enum_add_value_then_other_value",
        MOOD,
        ("ALTER TYPE mood ADD VALUE 'happy'", "INSERT INTO people VALUES (1, 'ok')"),
        findings=NO,
    ),
    E(
        "create_index_concurrently_partitioned",
        EVENTS,
        ("CREATE INDEX CONCURRENTLY events_at_idx ON events (at)",),
        transaction=False,
        error="0A000",
        findings=_rules("index-concurrently-partitioned"),
    ),
    E(
        "create_index_partitioned_safe",
        EVENTS,
        (
            "CREATE INDEX CONCURRENTLY events_2024_at_idx ON events_2024 (at)",
            "CREATE INDEX events_at_idx ON ONLY events (at)",
            "ALTER INDEX events_at_idx ATTACH PARTITION events_2024_at_idx",
        ),
        transaction=False,
        locks={"public.events": "AccessShareLock", "public.events_2024": "AccessShareLock"},
        findings=_rules("mixed-non-transactional"),
        note="ON ONLY builds nothing; attaching needs no build either",
    ),
]

LOST_SAFETY = [
    E(
        "check_not_valid_then_validate_one_transaction",
        USERS,
        (
            "ALTER TABLE users ADD CONSTRAINT users_age_ck CHECK (age >= 0) NOT VALID",
            "ALTER TABLE users VALIDATE CONSTRAINT users_age_ck",
        ),
        locks={"public.users": AEL},
        findings=_rules("validate-in-same-transaction"),
        note="the ACCESS EXCLUSIVE of the ADD is held through the validation",
    ),
    E(
        "check_not_valid_then_validate_safe",
        USERS,
        (
            "ALTER TABLE users ADD CONSTRAINT users_age_ck CHECK (age >= 0) NOT VALID",
            "ALTER TABLE users VALIDATE CONSTRAINT users_age_ck",
        ),
        transaction=False,
        locks={"public.users": SUE},
        findings=NO,
    ),
    E(
        "foreign_key_not_valid_then_validate_one_transaction",
        ORDERS,
        (
            "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users"
            " NOT VALID",
            "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk",
        ),
        locks={"public.orders": SRE, "public.users": SRE},
        findings=_rules("validate-in-same-transaction"),
    ),
    E(
        "set_not_null_recipe_one_transaction",
        USERS,
        NOT_NULL_RECIPE,
        locks={"public.users": AEL},
        findings=_rules("validate-in-same-transaction"),
    ),
    E(
        "set_not_null_recipe_safe",
        USERS,
        NOT_NULL_RECIPE,
        transaction=False,
        locks={"public.users": AEL},
        findings=NO,
        note="each statement commits on its own: VALIDATE runs under SHARE UPDATE EXCLUSIVE",
    ),
    E(
        "add_primary_key_using_index_nullable",
        NULLABLE_KEY,
        ("ALTER TABLE tags ADD CONSTRAINT tags_pkey PRIMARY KEY USING INDEX tags_pkey",),
        locks={"public.tags": AEL},
        findings=_rules("set-not-null-scan"),
        note="the column is made NOT NULL with a full scan under ACCESS EXCLUSIVE",
    ),
    E(
        "add_primary_key_using_index_not_null",
        NULLABLE_KEY.replace("id int,", "id int NOT NULL,"),
        ("ALTER TABLE tags ADD CONSTRAINT tags_pkey PRIMARY KEY USING INDEX tags_pkey",),
        locks={"public.tags": AEL},
        findings=NO,
    ),
    E(
        "strong_locks_on_a_table_already_held",
        ORDERS,
        (
            "ALTER TABLE users ADD COLUMN a text",
            "ALTER TABLE orders ADD COLUMN b text",
            "ALTER TABLE users ADD COLUMN c text",
        ),
        locks={"public.users": AEL, "public.orders": AEL},
        findings=_rules("multiple-strong-locks"),
        note="only the second statement waits for a new strong lock",
    ),
]

STORAGE_REPLACED = [
    E(
        "truncate_replaces_storage",
        USERS,
        ("TRUNCATE users",),
        locks={"public.users": AEL},
        rewrites=("public.users",),
        findings=_rules("truncate"),
        note="a new, empty file for the table and each index (reported as rewrites by lint and trace)",
    ),
]

ENTRIES = INLINE_CONSTRAINTS + REWRITING_FORMS + CONTEXT_TYPES + FAILING + LOST_SAFETY + STORAGE_REPLACED
