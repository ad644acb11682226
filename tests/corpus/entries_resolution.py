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
]

ENTRIES = [*SEARCH_PATHS]
