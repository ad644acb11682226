"""Backfill statements: what is accepted, what is refused (with file:line), and the SQL built from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from migwiz.engine.backfill.keys import TableKey, keyset_queries
from migwiz.engine.backfill.spec import parse_backfill
from migwiz.engine.errors import MigrationFileError
from migwiz.engine.sets.model import Script, Statement


def script(*sql: str) -> Script:
    return Script(Path("m/5_fill.up.sql"), tuple(Statement(s, 3 + i) for i, s in enumerate(sql)))


def test_parts_of_a_plain_update() -> None:
    spec = parse_backfill(
        script("UPDATE shop.orders AS o SET cents = round(o.amount * 100) WHERE o.cents IS NULL")
    )
    assert (spec.schema, spec.table, spec.alias, spec.qualifier) == ("shop", "orders", "o", "o")
    assert spec.set_sql == "UPDATE shop.orders AS o SET cents = round(o.amount * 100)"
    assert spec.where_sql == "o.cents IS NULL"
    assert spec.columns == ("cents",)
    assert spec.relation == "shop.orders"


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        (
            "DELETE FROM t WHERE x",
            r"5_fill.up.sql:3: a migwiz:backfill script must hold an UPDATE, not DeleteStmt",
        ),
        ("UPDATE t SET a = b.a FROM b WHERE b.id = t.id", r":3: a backfill UPDATE cannot use FROM"),
        ("UPDATE t SET a = 1 RETURNING a", r":3: a backfill UPDATE cannot use RETURNING"),
        ("WITH x AS (SELECT 1) UPDATE t SET a = 1", r":3: a backfill UPDATE cannot use WITH"),
        ("UPDATE t SET a = ", r":3: the backfill statement does not parse"),
    ],
)
def test_anything_but_a_plain_update_is_refused_naming_file_and_line(sql: str, message: str) -> None:
    with pytest.raises(MigrationFileError, match=message):
        parse_backfill(script(sql))


def test_one_statement_only() -> None:
    with pytest.raises(
        MigrationFileError, match=r"5_fill.up.sql:4: .* exactly one UPDATE, found 2 statements"
    ):
        parse_backfill(script("UPDATE t SET a = 1", "UPDATE t SET b = 1"))


def test_batch_sql_keeps_the_users_where_and_escapes_percent() -> None:
    spec = parse_backfill(script("UPDATE \"Big\" SET w = v % 7 WHERE label LIKE 'a%'"))
    queries = keyset_queries(spec, TableKey('"Big"', ("a", "b"), ("int", "text")), "migwiz")
    text = queries.batch_next.as_string(None)
    assert text.startswith(
        'WITH batch AS (UPDATE "Big" SET w = v %% 7 WHERE ("Big"."a", "Big"."b") > (%s, %s)'
    )
    assert "AND (label LIKE 'a%%') RETURNING 1)" in text
    assert 'UPDATE "migwiz".backfill_ranges SET last_key = %s::text[]' in text
    upper = queries.upper.as_string(None)
    assert upper == (
        'SELECT "a"::text AS "migwiz_key_0", "b"::text AS "migwiz_key_1" FROM "Big"'
        ' ORDER BY "a" DESC, "b" DESC LIMIT 1'
    )
