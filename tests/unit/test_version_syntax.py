"""`version-syntax`: forms an older PostgreSQL major rejects, found in the parse tree."""

from __future__ import annotations

import pytest

from migwiz.engine.analysis import analyze_statements
from migwiz.engine.analysis.version_syntax import GATES
from migwiz.engine.sets.model import Statement

CASES = [
    (18, "CREATE TABLE n (id int, CONSTRAINT n_id_nn NOT NULL id)"),
    (18, "ALTER TABLE t ADD CONSTRAINT t_id_nn NOT NULL id"),
    (18, "CREATE TABLE v (a int, b int GENERATED ALWAYS AS (a * 2) VIRTUAL)"),
    (17, "ALTER TABLE t ALTER COLUMN g SET EXPRESSION AS (id * 3)"),
    (
        17,
        "MERGE INTO t USING s ON t.id = s.id WHEN NOT MATCHED THEN INSERT (id) VALUES (s.id) RETURNING t.id",
    ),
    (17, "MERGE INTO t USING s ON t.id = s.id WHEN NOT MATCHED BY SOURCE THEN DELETE"),
    (17, "SELECT * FROM JSON_TABLE('[1]', '$[*]' COLUMNS (a int PATH '$')) AS j"),
    (17, "SELECT JSON_VALUE(j, '$.a') FROM x"),
    (17, "SELECT JSON_SCALAR(1)"),
    (17, "SELECT JSON_SERIALIZE(JSON('{}'))"),
    (16, "SELECT JSON_OBJECT('a': 1)"),
    (16, "SELECT JSON_ARRAY(1, 2)"),
    (16, "SELECT JSON_ARRAY(SELECT 1)"),
    (16, "SELECT JSON_OBJECTAGG(k: v) FROM x"),
    (16, "SELECT JSON_ARRAYAGG(v) FROM x"),
    (16, "SELECT '{}' IS JSON OBJECT"),
    (16, "CREATE VIEW who AS SELECT SYSTEM_USER AS u"),
    (16, "INSERT INTO t SELECT * FROM (SELECT 1)"),
    (15, "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE"),
    (15, "CREATE UNIQUE INDEX CONCURRENTLY i ON t (a) NULLS NOT DISTINCT"),
    (15, "ALTER TABLE t ADD CONSTRAINT u UNIQUE NULLS NOT DISTINCT (a)"),
]

TWINS = [
    "ALTER TABLE t ADD COLUMN x int CONSTRAINT x_nn NOT NULL",  # a named column constraint: any major
    "CREATE TABLE g (a int, b int GENERATED ALWAYS AS (a * 2) STORED)",
    "INSERT INTO t SELECT * FROM (SELECT 1) AS s",
    "SELECT pg_catalog.system_user()",  # a function call, not the SQL keyword
    "SELECT '{}'::jsonb ? 'a'",
]


def version_findings(sql: str, pg: int) -> list[str]:
    [result] = analyze_statements([Statement(sql, 3)], pg_version=pg)
    return [f"{f.severity} {f.message}" for f in result.findings if f.rule == "version-syntax"]


@pytest.mark.parametrize(("since", "sql"), CASES)
def test_each_gate_fires_below_its_major_and_not_from_it(since: int, sql: str) -> None:
    below = version_findings(sql, since - 1)
    assert any(m.startswith(f"error fails on PostgreSQL {since - 1}: ") and m.endswith(f"needs {since}+")
               for m in below), below  # fmt: skip
    assert version_findings(sql, 18) == []
    assert not any(f"needs {since}+" in m for m in version_findings(sql, since))


@pytest.mark.parametrize("sql", TWINS)
def test_forms_every_major_accepts_are_not_flagged(sql: str) -> None:
    assert version_findings(sql, 11) == []


def test_every_gate_is_covered_by_a_case() -> None:
    covered = {g.feature for since, sql in CASES for g in GATES if g.since == since
               for m in version_findings(sql, since - 1) if g.feature in m}  # fmt: skip
    assert covered == {g.feature for g in GATES}
