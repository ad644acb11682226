"""Corpus entries on name resolution and catalog links, measured on 15, 17 and 18: unqualified names
follow `SET search_path` (the first schema that has the relation, else the first one), sequences used by
column defaults and identity columns, never-populated materialized views, DETACH PARTITION ... FINALIZE
and index expressions a type change makes mutable. Each risky statement has its safe twin."""

from __future__ import annotations

from tests.corpus import CorpusEntry as E

AEL = "AccessExclusiveLock"
NO = frozenset[str]()
SEARCH_PATH = (
    "DROP SCHEMA IF EXISTS app CASCADE; CREATE SCHEMA app; CREATE TABLE app.items (id int, v int);"
    " CREATE TABLE public.items (id int, v int); CREATE TABLE public.tags (id int);"
    " INSERT INTO app.items VALUES (1, 1); INSERT INTO public.items VALUES (1, 1);"
)


def _f(*rules: str) -> frozenset[str]:
    return frozenset(rules)


SEARCH_PATHS = [
    E(
        "search_path_first_schema",
        SEARCH_PATH,
        ("SET search_path TO app, public", "ALTER TABLE items ALTER COLUMN v TYPE bigint"),
        locks={"app.items": AEL, "public.items": None},
        rewrites=("app.items",),
        findings=_f("column-type-rewrite"),
        note="`items` is app.items: the first schema of the path that has it",
    ),
    E(
        "search_path_falls_through",
        SEARCH_PATH,
        ("SET search_path TO app, public", "ALTER TABLE tags ADD COLUMN n int"),
        locks={"public.tags": AEL},
        rewrites=(),
        findings=NO,
        note="app has no `tags`: public.tags",
    ),
    E(
        "search_path_reset",
        SEARCH_PATH,
        ("SET search_path TO app, public", "RESET search_path", "ALTER TABLE items ALTER COLUMN v TYPE int"),
        locks={"public.items": AEL, "app.items": None},
        rewrites=(),
        findings=NO,
    ),
    E(
        "search_path_drops_fall_through",
        SEARCH_PATH + " CREATE INDEX tags_id ON public.tags (id);",
        ("SET search_path TO app, public", "DROP INDEX tags_id", "DROP TABLE tags"),
        locks={"public.tags": AEL, "public.tags_id": AEL},
        findings=_f("drop-index-not-concurrent", "drop-outside-contract"),
        note="app has neither: both are public's",
    ),
    E(
        "search_path_by_set_config",
        SEARCH_PATH,
        (
            "SELECT pg_catalog.set_config('search_path', 'app, public', false)",
            "ALTER TABLE items ADD COLUMN n int",
        ),
        locks={"app.items": AEL, "public.items": None},
        rewrites=(),
        findings=NO,
        note="as pg_dump sets it",
    ),
    E(
        "search_path_serial_insert",
        "DROP SCHEMA IF EXISTS app CASCADE; CREATE SCHEMA app; CREATE TABLE app.items (id serial, v int);"
        " CREATE TABLE public.items (id serial, v int);",
        ("SET search_path TO app, public", "INSERT INTO items (v) VALUES (1)"),
        locks={"app.items": "RowExclusiveLock", "public.items": None},
        findings=NO,
        note="the serial default's nextval('app.items_id_seq') follows the table",
    ),
]

SHARED_SEQUENCE = (
    "CREATE SEQUENCE inv_no; CREATE TABLE bills (id int, n bigint DEFAULT nextval('inv_no'));"
    " INSERT INTO bills (id) VALUES (1);"
)
IDENTITY = "CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY, v int); INSERT INTO t (v) VALUES (1);"
NO_DATA = (
    "CREATE TABLE users (id int PRIMARY KEY, age int); INSERT INTO users VALUES (1, 30);"
    " CREATE MATERIALIZED VIEW mv AS SELECT id, age FROM users WITH NO DATA;"
    " CREATE UNIQUE INDEX mv_id ON mv (id);"
)
PARTED = (
    "CREATE TABLE ev (id int, at date) PARTITION BY RANGE (at);"
    " CREATE TABLE ev1 PARTITION OF ev FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');"
)
DAY_INDEX = (
    "CREATE TABLE logs (id int, at timestamp); CREATE INDEX logs_day ON logs (date_trunc('day', at));"
    " INSERT INTO logs VALUES (1, now());"
)

SEQUENCES_AND_STATE = [
    E(
        "drop_sequence_of_column_default",
        SHARED_SEQUENCE,
        ("DROP SEQUENCE inv_no",),
        error="2BP01",
        findings=_f("drop-has-dependents"),
        note="bills.n's default calls nextval on it",
    ),
    E(
        "drop_sequence_of_column_default_cascade",
        SHARED_SEQUENCE,
        ("DROP SEQUENCE inv_no CASCADE",),
        locks={"public.bills": AEL, "public.inv_no": AEL},
        findings=NO,
        note="the default goes with it",
    ),
    E(
        "drop_sequence_after_drop_default",
        SHARED_SEQUENCE,
        ("ALTER TABLE bills ALTER COLUMN n DROP DEFAULT", "DROP SEQUENCE inv_no"),
        locks={"public.bills": AEL, "public.inv_no": AEL},
        findings=_f("multiple-strong-locks"),
    ),
    E(
        "drop_identity_sequence",
        IDENTITY,
        ("DROP SEQUENCE t_id_seq",),
        error="2BP01",
        findings=_f("drop-has-dependents"),
    ),
    E(
        "drop_identity_sequence_cascade",
        IDENTITY,
        ("DROP SEQUENCE t_id_seq CASCADE",),
        error="2BP01",
        findings=_f("drop-has-dependents"),
        note="an identity column requires its sequence: CASCADE does not drop it",
    ),
    E(
        "drop_identity",
        IDENTITY,
        ("ALTER TABLE t ALTER COLUMN id DROP IDENTITY",),
        locks={"public.t": AEL},
        rewrites=(),
        findings=NO,
        note="the safe way: the sequence goes with the identity",
    ),
    E(
        "drop_sequence_of_added_identity_cascade",
        "CREATE TABLE t (id int NOT NULL, v int);"
        " ALTER TABLE t ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY;",
        ("DROP SEQUENCE t_id_seq CASCADE",),
        error="2BP01",
        findings=_f("drop-has-dependents"),
    ),
    E(
        "drop_identity_then_sequence_if_exists",
        IDENTITY,
        ("ALTER TABLE t ALTER COLUMN id DROP IDENTITY", "DROP SEQUENCE IF EXISTS t_id_seq"),
        locks={"public.t": AEL},
        findings=NO,
        note="DROP IDENTITY drops the sequence: nothing is left to drop",
    ),
    E(
        "refresh_concurrently_never_populated",
        NO_DATA,
        ("REFRESH MATERIALIZED VIEW CONCURRENTLY mv",),
        error="0A000",
        findings=_f("statement-fails"),
    ),
    E(
        "refresh_never_populated",
        NO_DATA,
        ("REFRESH MATERIALIZED VIEW mv",),
        locks={"public.mv": AEL, "public.users": "AccessShareLock"},
        rewrites=("public.mv",),
        findings=NO,
        note="nothing can read it yet: nothing waits",
    ),
    E(
        "refresh_concurrently_after_first_refresh",
        NO_DATA,
        ("REFRESH MATERIALIZED VIEW mv", "REFRESH MATERIALIZED VIEW CONCURRENTLY mv"),
        transaction=False,
        locks={"public.mv": "ExclusiveLock", "public.users": "AccessShareLock"},
        findings=NO,
    ),
    E(
        "detach_finalize_nothing_pending",
        PARTED,
        ("ALTER TABLE ev DETACH PARTITION ev1 FINALIZE",),
        transaction=False,
        error="55000",
        findings=_f("statement-fails"),
    ),
    E(
        "detach_concurrently",
        PARTED,
        ("ALTER TABLE ev DETACH PARTITION ev1 CONCURRENTLY",),
        transaction=False,
        locks={"public.ev": "ShareUpdateExclusiveLock", "public.ev1": AEL},
        findings=NO,
        momentary=frozenset({"public.ev1"}),
    ),
    E(
        "timestamptz_under_zoned_expression_index",
        DAY_INDEX,
        ("SET TimeZone = 'UTC'", "ALTER TABLE logs ALTER COLUMN at TYPE timestamptz"),
        error="42P17",
        findings=_f("index-expression-mutable", "column-type-rewrite"),
        note="re-created on timestamptz, date_trunc('day', at) is only STABLE",
    ),
    E(
        "timestamptz_after_dropping_zoned_index",
        DAY_INDEX,
        ("SET TimeZone = 'UTC'", "DROP INDEX logs_day", "ALTER TABLE logs ALTER COLUMN at TYPE timestamptz"),
        locks={"public.logs": AEL},
        rewrites=(),
        note="the index goes first (CONCURRENTLY, in a migration of its own, on a busy table)",
    ),
]

ENTRIES = [*SEARCH_PATHS, *SEQUENCES_AND_STATE]
