"""`version-syntax`: forms an older PostgreSQL major rejects, found in the parse tree."""

from __future__ import annotations

import pytest

from migwiz.engine.analysis import analyze_statements
from migwiz.engine.analysis.model import CatalogFacts, TableFacts
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
    (18, "ALTER TABLE t ADD CONSTRAINT t_a_nn NOT NULL a NOT VALID"),
    (18, "CREATE TABLE v2 (a int, b int GENERATED ALWAYS AS (a * 2))"),
    (18, "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT ENFORCED"),
    (18, "CREATE TABLE r (id int, during tstzrange, PRIMARY KEY (id, during WITHOUT OVERLAPS))"),
    (18, "ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a, PERIOD v) REFERENCES p (a, PERIOD v)"),
    (18, "ALTER TABLE t ALTER CONSTRAINT c NOT ENFORCED"),
    (18, "UPDATE t SET a = 1 RETURNING WITH (OLD AS o) o.a"),
    (17, "ALTER TABLE t ALTER COLUMN a SET STATISTICS DEFAULT"),
    (16, "CREATE TABLE s (a text STORAGE EXTERNAL)"),
    (15, "ALTER TABLE t SET ACCESS METHOD heap"),
    (15, "ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a, b) REFERENCES p ON DELETE SET NULL (b)"),
    (15, "CREATE VIEW v WITH (security_invoker = true) AS SELECT 1 AS one"),
    (14, "CREATE OR REPLACE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()"),
    (14, "ALTER TABLE p DETACH PARTITION c CONCURRENTLY"),
    (14, "CREATE FUNCTION one() RETURNS int LANGUAGE sql RETURN 1"),
    (14, "CREATE TABLE c (a text COMPRESSION pglz)"),
    (14, "ALTER TABLE t ALTER COLUMN a SET COMPRESSION pglz"),
    (13, "ALTER TABLE t ALTER COLUMN g DROP EXPRESSION"),
    (13, "ALTER TYPE box2 SET (storage = plain)"),
    (13, "ALTER VIEW v RENAME COLUMN a TO b"),
    (13, "DROP DATABASE x WITH (FORCE)"),
    (13, "SELECT * FROM t ORDER BY a FETCH FIRST 1 ROWS WITH TIES"),
    (12, "CREATE TABLE g (a int, b int GENERATED ALWAYS AS (a * 2) STORED)"),
    (12, "REINDEX TABLE CONCURRENTLY t"),
    (12, "CREATE TABLE u (a int) USING heap"),
    (12, "WITH x AS MATERIALIZED (SELECT 1) SELECT * FROM x"),
    (18, "UPDATE t SET a = 1 RETURNING old.a, new.a"),
    (18, "COPY t FROM STDIN WITH (ON_ERROR ignore, REJECT_LIMIT 10)"),
    (18, "ALTER TABLE t ADD COLUMN id uuid DEFAULT uuidv7()"),
    (17, "ALTER TABLE t SET ACCESS METHOD DEFAULT"),
    (17, "COPY t FROM STDIN WITH (ON_ERROR ignore)"),
    (17, "SELECT random(1, 10)"),
    (16, "CREATE STATISTICS ON a, b FROM t"),
    (16, "GRANT r1 TO r2 WITH INHERIT TRUE"),
    (16, "SELECT any_value(a) FROM t"),
    (16, "UPDATE t SET a = 1_000_000"),
    (18, "VACUUM ONLY t"),
    (18, "ANALYZE ONLY t"),
    (18, "CREATE TABLE n2 (id int NOT NULL NO INHERIT)"),
    (18, "ALTER DEFAULT PRIVILEGES GRANT SELECT ON LARGE OBJECTS TO PUBLIC"),
    (18, "SET enable_self_join_elimination = off"),
    (18, "SELECT set_config('file_copy_method', 'copy', true)"),
    (18, "CREATE TABLE w (id int) WITH (autovacuum_vacuum_max_threshold = 1000)"),
    (18, "COPY t FROM STDIN WITH (LOG_VERBOSITY silent)"),
    (18, "SELECT 'a' COLLATE pg_unicode_fast"),
    (18, "SELECT pg_get_acl('pg_class'::regclass, 'pg_class'::regclass::oid, 0)"),
    (17, "SET LOCAL transaction_timeout = '5s'"),
    (17, "SELECT set_config('transaction_timeout', '5s', true)"),
    (17, "GRANT MAINTAIN ON TABLE t TO PUBLIC"),
    (17, "COPY t FROM STDIN WITH (FORMAT csv, FORCE_NULL *)"),
    (17, "CREATE EVENT TRIGGER on_login ON login EXECUTE FUNCTION on_login()"),
    (17, "SELECT 'a' COLLATE pg_c_utf8"),
    (17, "SELECT to_regtypemod('int')"),
    (16, "SET createrole_self_grant = 'set'"),
    (16, "SELECT set_config('icu_validation_level', 'error', true)"),
    (16, "VACUUM (BUFFER_USAGE_LIMIT '1MB') t"),
    (16, "REINDEX DATABASE"),
    (16, "REINDEX SYSTEM"),
    (16, "COPY t FROM STDIN WITH (DEFAULT 'x')"),
    (16, "ALTER TABLE t ALTER COLUMN c SET STORAGE DEFAULT"),
    (16, "SELECT xmlserialize(DOCUMENT '<a/>' AS text INDENT)"),
    (18, "GRANT pg_signal_autovacuum_worker TO r2"),
    (18, "CREATE FOREIGN TABLE ft (LIKE t) SERVER s"),
    (18, "SELECT json_strip_nulls('[1,null]', strip_in_arrays => true)"),
    (18, "SET log_lock_failures = on"),
    (17, "GRANT pg_maintain TO r2"),
    (17, "SET event_triggers = off"),
    (16, "GRANT pg_create_subscription TO r2"),
    (16, "SET scram_iterations = 4096"),
    (16, "GRANT r1 TO r2 WITH ADMIN FALSE"),
]

TWINS = [
    "ALTER TABLE t ADD COLUMN x int CONSTRAINT x_nn NOT NULL",  # a named column constraint: any major
    "ALTER TABLE p DETACH PARTITION c",
    "ALTER TABLE t ALTER COLUMN a SET STATISTICS 100",
    "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE PROCEDURE f()",
    "CREATE FUNCTION one() RETURNS int LANGUAGE sql AS 'SELECT 1'",
    "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID",
    "ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES p ON DELETE SET NULL",
    "CREATE VIEW v WITH (security_barrier = true) AS SELECT 1 AS one",
    "WITH x AS (SELECT 1) SELECT * FROM x",
    "DROP DATABASE x",
    "INSERT INTO t SELECT * FROM (SELECT 1) AS s",
    "SELECT pg_catalog.system_user()",  # a function call, not the SQL keyword
    "SELECT '{}'::jsonb ? 'a'",
    "SELECT random()",
    "GRANT r1 TO r2 WITH ADMIN OPTION",
    "CREATE STATISTICS s ON a, b FROM t",
    "UPDATE t SET a = 1 RETURNING t.a",
    "UPDATE t SET a = 1000, b = 'x_1', c_1 = 0",
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


def test_a_not_valid_foreign_key_on_a_partitioned_table_fails_before_18() -> None:
    catalog = CatalogFacts(
        tables={
            "public.ev": TableFacts("public.ev", kind="p", children=("public.ev_1",)),
            "public.ev_1": TableFacts("public.ev_1", parent="public.ev"),
            "public.k": TableFacts("public.k"),
        }
    )
    sql = "ALTER TABLE ev ADD CONSTRAINT f FOREIGN KEY (id) REFERENCES k NOT VALID"
    rules = {
        pg: [
            f.rule
            for f in analyze_statements([Statement(sql, 1)], pg_version=pg, catalog=catalog)[0].findings
        ]
        for pg in (17, 18)
    }
    assert "version-syntax" in rules[17]
    assert "version-syntax" not in rules[18]


def test_hex_literals_are_flagged_below_16() -> None:
    assert any("numeric literal" in m for m in version_findings("SELECT 0x1F", 15))
    assert version_findings("SELECT 0x1F", 16) == []


def test_every_gate_is_covered_by_a_case() -> None:
    covered = {g.feature for since, sql in CASES for g in GATES if g.since == since
               for m in version_findings(sql, since - 1) if g.feature in m}  # fmt: skip
    assert covered == {g.feature for g in GATES}
