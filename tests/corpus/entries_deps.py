"""Corpus entries about what depends on a column: indexes whose expression or predicate reads it (a type
change rebuilds them even when the table is not rewritten; DROP COLUMN drops them) and rules whose actions
use it (its type cannot change while they exist, as for views)."""

from __future__ import annotations

from tests.corpus import CorpusEntry as E
from tests.corpus.entries import AEL, USERS

EXPRESSION_INDEX = USERS + " CREATE INDEX users_lower_name_idx ON users (lower(name));"
PARTIAL_INDEX = USERS + " CREATE INDEX users_named_idx ON users (id) WHERE name IS NOT NULL;"
NO = frozenset[str]()

EXPRESSION_INDEXES = [
    E(
        "varchar_widen_expression_index",
        EXPRESSION_INDEX,
        ("ALTER TABLE users ALTER COLUMN name TYPE varchar(100)",),
        locks={"public.users": AEL},
        rewrites=(),
        findings=NO,
        note="no rewrite, but the index on lower(name) is re-created under its name",
    ),
    E(
        "varchar_widen_partial_index",
        PARTIAL_INDEX,
        ("ALTER TABLE users ALTER COLUMN name TYPE varchar(100)",),
        locks={"public.users": AEL},
        rewrites=(),
        findings=NO,
        note="the index whose predicate reads the column is re-created too",
    ),
    E(
        "varchar_widen_other_column_expression_index",
        EXPRESSION_INDEX,
        ("ALTER TABLE users ALTER COLUMN email TYPE varchar(200)",),
        rewrites=("public.users",),
        findings=frozenset({"column-type-rewrite"}),
        note="text to varchar(200) rewrites (a length check); every index is rebuilt",
    ),
    E(
        "drop_column_drops_its_expression_index",
        EXPRESSION_INDEX,
        (
            "ALTER TABLE users DROP COLUMN name",
            "ALTER TABLE users ADD COLUMN name varchar(50)",
            "ALTER TABLE users ALTER COLUMN name TYPE varchar(100)",
        ),
        rewrites=(),
        findings=frozenset({"drop-outside-contract"}),
        note="the expression index went with the column: the later type change rebuilds nothing",
    ),
]

USERS_RULE = (
    USERS
    + " CREATE TABLE name_log (id bigint, name varchar(50));"
    + " CREATE RULE users_log AS ON UPDATE TO users DO ALSO INSERT INTO name_log VALUES (NEW.id, NEW.name);"
)
RULE = "CREATE RULE users_log AS ON UPDATE TO users DO ALSO INSERT INTO name_log VALUES (NEW.id, NEW.name)"

RULES = [
    E(
        "type_change_under_rule",
        USERS_RULE,
        ("ALTER TABLE users ALTER COLUMN name TYPE varchar(100)",),
        error="0A000",
        findings=frozenset({"type-change-under-view"}),
        note="cannot alter type of a column used by a view or rule: the rule's action reads NEW.name",
    ),
    E(
        "type_change_under_rule_other_column",
        USERS_RULE,
        ("ALTER TABLE users ALTER COLUMN age TYPE bigint",),
        rewrites=("public.users",),
        findings=frozenset({"column-type-rewrite"}),
    ),
    E(
        "type_change_under_rule_target_column",
        USERS_RULE,
        ("ALTER TABLE name_log ALTER COLUMN name TYPE varchar(100)",),
        error="0A000",
        findings=frozenset({"type-change-under-view"}),
        note="the rule depends on the columns its INSERT writes too",
    ),
    E(
        "type_change_under_rule_unwritten_column",
        USERS_RULE + " ALTER TABLE name_log ADD COLUMN note varchar(10);",
        ("ALTER TABLE name_log ALTER COLUMN note TYPE varchar(100)",),
        rewrites=(),
        findings=NO,
        note="a column of the target the rule does not write",
    ),
    E(
        "type_change_under_rule_safe",
        USERS_RULE,
        (
            "DROP RULE users_log ON users",
            "ALTER TABLE users ALTER COLUMN name TYPE varchar(100)",
            RULE,
        ),
        locks={"public.users": AEL},
        rewrites=(),
        findings=NO,
    ),
    E(
        "type_change_after_rule_created_in_the_set",
        USERS + " CREATE TABLE name_log (id bigint, name varchar(50));",
        (RULE, "ALTER TABLE users ALTER COLUMN name TYPE varchar(100)"),
        error="0A000",
        findings=frozenset({"type-change-under-view"}),
    ),
]

# MarquezProject/marquez (Apache-2.0): runs_view (R__Runs_view.sql) reads jobs_view; V73 drops jobs_view
# with CASCADE, which drops runs_view too, before changing the type of runs.created_at
JOBS_RUNS_VIEWS = (
    "CREATE TABLE jobs (uuid uuid PRIMARY KEY, name text, symlink_target_uuid uuid, created_at timestamp);"
    " CREATE TABLE runs (uuid uuid PRIMARY KEY, job_uuid uuid, created_at timestamp);"
    " INSERT INTO runs VALUES (gen_random_uuid(), NULL, now());"
    " CREATE VIEW jobs_view AS SELECT j.uuid, j.name, j.created_at FROM jobs j;"
    " CREATE OR REPLACE VIEW runs_view AS SELECT r.uuid, r.created_at, COALESCE(s.name, j.name) AS job_name"
    " FROM runs r INNER JOIN jobs j ON j.uuid = r.job_uuid"
    " LEFT JOIN jobs_view s ON j.symlink_target_uuid=s.uuid;"
)
RUNS_TIMESTAMPTZ = (
    "ALTER TABLE runs ALTER COLUMN created_at TYPE TIMESTAMPTZ\nUSING created_at AT TIME ZONE 'UTC'"
)

CASCADE = [
    E(
        "type_change_under_view_of_a_view",
        JOBS_RUNS_VIEWS,
        (RUNS_TIMESTAMPTZ,),
        error="0A000",
        findings=frozenset({"type-change-under-view"}),
        note="runs_view uses runs.created_at",
    ),
    E(
        "type_change_after_drop_view_cascade_of_its_source",
        JOBS_RUNS_VIEWS,
        ("DROP VIEW IF EXISTS jobs_view CASCADE", RUNS_TIMESTAMPTZ),
        locks={"public.jobs_view": AEL, "public.runs_view": AEL, "public.runs": AEL},
        rewrites=("public.runs",),
        findings=frozenset({"column-type-rewrite", "multiple-strong-locks"}),
        note="CASCADE drops runs_view (it reads jobs_view): the type change succeeds, and rewrites",
    ),
]

# IF EXISTS of what the database does not have takes no lock (kestra V1_1 drops the indexes it is about to
# create; marquez V45 drops an index that V43 turned into a constraint, which renamed it)
USERS_UNIQUE_USING_INDEX = (
    USERS + " CREATE UNIQUE INDEX users_name_idx ON users (name);"
    " ALTER TABLE users ADD CONSTRAINT users_name_uniq UNIQUE USING INDEX users_name_idx;"
)

IF_EXISTS = [
    E(
        "drop_index_if_exists_absent",
        USERS,
        ("DROP INDEX IF EXISTS metrics_flow_id", "CREATE INDEX IF NOT EXISTS metrics_flow_id ON users (age)"),
        locks={"public.users": "ShareLock"},
        findings=frozenset({"index-not-concurrent"}),
        note="the DROP does nothing: only the build locks users",
    ),
    E(
        "drop_table_if_exists_absent",
        USERS,
        ("DROP TABLE IF EXISTS schema_migrations",),
        locks={"public.users": None},
        findings=NO,
    ),
    E(
        "drop_index_renamed_by_using_index",
        USERS_UNIQUE_USING_INDEX,
        ("DROP INDEX IF EXISTS users_name_idx",),
        locks={"public.users": None},
        findings=NO,
        note="ADD CONSTRAINT ... USING INDEX renamed users_name_idx to users_name_uniq",
    ),
    E(
        "drop_index_of_its_constraint_name",
        USERS_UNIQUE_USING_INDEX,
        ("ALTER TABLE users DROP CONSTRAINT users_name_uniq", "DROP INDEX IF EXISTS users_name_uniq"),
        locks={"public.users": AEL},
        findings=NO,
        note="the constraint's index went with it",
    ),
    E(
        "drop_constraint_if_exists_of_a_plain_index",
        USERS + " CREATE UNIQUE INDEX users_name_idx ON users (name);",
        ("ALTER TABLE users DROP CONSTRAINT IF EXISTS users_name_idx", "DROP INDEX IF EXISTS users_name_idx"),
        locks={"public.users": AEL, "public.users_name_idx": AEL},
        findings=frozenset({"drop-index-not-concurrent"}),
        note="no constraint of that name (a notice): the index stays, and the DROP INDEX drops it",
    ),
    E(
        "drop_index_after_a_lock_on_its_table",
        USERS,
        ("ALTER TABLE users ADD COLUMN note text", "DROP INDEX users_email_idx"),
        locks={"public.users": AEL, "public.users_email_idx": AEL},
        findings=frozenset({"drop-index-not-concurrent"}),
        note="the index is reached through users, already locked: no second queue (multiple-strong-locks)",
    ),
]

ENTRIES = EXPRESSION_INDEXES + RULES + CASCADE + IF_EXISTS
