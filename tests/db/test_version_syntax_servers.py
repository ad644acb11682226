"""The `version-syntax` table measured on real servers: each form is rejected by the server's own parser
below the major the table names and accepted from it (for every major available here)."""

from __future__ import annotations

import psycopg
import pytest

from migwiz.engine.plan.syntax import check_statements
from migwiz.engine.servers.local import LocalServer
from migwiz.engine.sets.model import Statement
from tests.unit.test_version_syntax import CASES, TWINS

RUNTIME = {
    "CREATE VIEW v WITH (security_invoker = true) AS SELECT 1 AS one": None,
    "SELECT JSON_VALUE(j, '$.a') FROM x": """SELECT JSON_VALUE('{"a": 1}'::jsonb, '$.a')""",
    "SELECT JSON_SCALAR(1)": None,
    "SELECT JSON_SERIALIZE(JSON('{}'))": None,
    "SELECT JSON_ARRAY(1, 2)": None,
    "SELECT JSON_ARRAYAGG(v) FROM x": "SELECT JSON_ARRAYAGG(v) FROM (VALUES (1)) AS s (v)",
    "CREATE VIEW who AS SELECT SYSTEM_USER AS u": None,
    "UPDATE t SET a = 1 RETURNING old.a, new.a": "UPDATE vs_c SET a = 1 RETURNING old.a, new.a",
    "COPY t FROM STDIN WITH (ON_ERROR ignore, REJECT_LIMIT 10)": (
        "COPY vs_c FROM STDIN WITH (ON_ERROR ignore, REJECT_LIMIT 10)"
    ),
    "COPY t FROM STDIN WITH (ON_ERROR ignore)": "COPY vs_c FROM STDIN WITH (ON_ERROR ignore)",
    "ALTER TABLE t ADD COLUMN id uuid DEFAULT uuidv7()": "SELECT uuidv7()",
    "SELECT random(1, 10)": None,
    "SELECT any_value(a) FROM t": "SELECT any_value(a) FROM (VALUES (1)) AS s (a)",
    "SET enable_self_join_elimination = off": None,
    "SELECT set_config('file_copy_method', 'copy', true)": None,
    "CREATE TABLE w (id int) WITH (autovacuum_vacuum_max_threshold = 1000)": None,
    "COPY t FROM STDIN WITH (LOG_VERBOSITY silent)": "COPY vs_c FROM STDIN WITH (LOG_VERBOSITY silent)",
    "SELECT 'a' COLLATE pg_unicode_fast": None,
    "SELECT pg_get_acl('pg_class'::regclass, 'pg_class'::regclass::oid, 0)": None,
    "SET LOCAL transaction_timeout = '5s'": None,
    "SELECT set_config('transaction_timeout', '5s', true)": None,
    "GRANT MAINTAIN ON TABLE t TO PUBLIC": "GRANT MAINTAIN ON TABLE vs_c TO PUBLIC",
    "COPY t FROM STDIN WITH (FORMAT csv, FORCE_NULL *)": (
        "COPY vs_c FROM STDIN WITH (FORMAT csv, FORCE_NULL *)"
    ),
    "CREATE EVENT TRIGGER on_login ON login EXECUTE FUNCTION on_login()": (
        "CREATE FUNCTION on_login() RETURNS event_trigger LANGUAGE plpgsql AS $$BEGIN END$$;"
        " CREATE EVENT TRIGGER on_login ON login EXECUTE FUNCTION on_login()"
    ),
    "SELECT 'a' COLLATE pg_c_utf8": None,
    "SELECT to_regtypemod('int')": None,
    "SET createrole_self_grant = 'set'": None,
    "SELECT set_config('icu_validation_level', 'error', true)": None,
    # ANALYZE, which may run in the test's transaction, takes the same options
    "VACUUM (BUFFER_USAGE_LIMIT '1MB') t": "ANALYZE (BUFFER_USAGE_LIMIT '1MB') vs_c",
    "COPY t FROM STDIN WITH (DEFAULT 'x')": "COPY vs_c FROM STDIN WITH (DEFAULT 'x')",
    "GRANT pg_signal_autovacuum_worker TO r2": (
        "CREATE ROLE vs_r18; GRANT pg_signal_autovacuum_worker TO vs_r18"
    ),
    "CREATE FOREIGN TABLE ft (LIKE t) SERVER s": (
        "CREATE FOREIGN DATA WRAPPER vs_w; CREATE SERVER vs_s FOREIGN DATA WRAPPER vs_w;"
        " CREATE FOREIGN TABLE vs_ft (LIKE vs_c) SERVER vs_s"
    ),
    "SELECT json_strip_nulls('[1,null]', strip_in_arrays => true)": None,
    "SET log_lock_failures = on": None,
    "GRANT pg_maintain TO r2": "CREATE ROLE vs_r17; GRANT pg_maintain TO vs_r17",
    "SET event_triggers = off": None,
    "GRANT pg_create_subscription TO r2": "CREATE ROLE vs_r16; GRANT pg_create_subscription TO vs_r16",
    "SET scram_iterations = 4096": None,
}
"""Forms older grammars accept (as an option or a plain function call) that older servers refuse when the
statement runs; the value, if any, is a variant that runs on its own."""


def outcomes(server: LocalServer, texts: list[str]) -> list[str]:
    with psycopg.connect(server.dsn(), autocommit=True) as conn:
        return [c.outcome for c in check_statements(conn, [Statement(t, 1) for t in texts])]


def test_each_gate_matches_the_server_s_own_parser(pg_server: LocalServer) -> None:
    major = pg_server.binaries.major
    got = outcomes(pg_server, [sql for _, sql in CASES])
    wrong = [
        f"{sql!r} (since {since}): {outcome}"
        for (since, sql), outcome in zip(CASES, got, strict=True)
        if outcome != ("accepted" if major >= since or sql in RUNTIME else "rejected")
    ]
    assert not wrong, f"PostgreSQL {major}:\n" + "\n".join(wrong)


def test_runtime_gates_fail_when_run_below_their_major(pg_server: LocalServer) -> None:
    major = pg_server.binaries.major
    with psycopg.connect(pg_server.dsn(), autocommit=True) as conn, conn.transaction(force_rollback=True):
        conn.execute("CREATE TEMP TABLE vs_c (a int)")
        for sql, runnable in RUNTIME.items():
            since = next(s for s, text in CASES if text == sql)
            if major >= since:
                _run(conn, runnable or sql)
                continue
            with pytest.raises(psycopg.Error), conn.transaction():
                _run(conn, runnable or sql)


def _run(conn: psycopg.Connection[tuple[object, ...]], sql: str) -> None:
    """Run one statement; COPY ... FROM STDIN with no rows."""
    if sql.startswith("COPY"):
        with conn.cursor().copy(sql.encode()):
            pass
        return
    conn.execute(sql.encode())


def test_twins_parse_on_every_server(pg_server: LocalServer) -> None:
    assert outcomes(pg_server, TWINS) == ["accepted"] * len(TWINS)
