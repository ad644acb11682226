"""Lint rules: each fires on its trigger, stays quiet on its safe twin, and is documented."""

from __future__ import annotations

from pathlib import Path

import pglast
import pytest

from migwiz.engine.analysis import RULES, CatalogFacts, analyze_script, analyze_statements, lint_migration_set
from migwiz.engine.analysis.model import ColumnFacts, ForeignKeyFacts, TableFacts
from migwiz.engine.sets.model import Directives, Ignore, Migration, MigrationSet, Script, Statement, Version

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules"
USERS = TableFacts(
    "public.users",
    columns={
        "id": ColumnFacts("int4", (), True),
        "email": ColumnFacts("varchar", (50,)),
        "n": ColumnFacts("int8"),
    },
    indexes={"public.users_email": ("email",)},
)
ORDERS = TableFacts(
    "public.orders",
    columns={"id": ColumnFacts("int4", (), True), "user_id": ColumnFacts("int4")},
    foreign_keys=(ForeignKeyFacts("orders_user_id_fkey", "public.orders", ("user_id",), "public.users"),),
)
EV = TableFacts("public.ev", kind="p", children=("public.ev_1",), partition_key=("k",))
LOOSE = (
    TableFacts("public.ev_new"),
    TableFacts("public.ev_checked", checked_columns=frozenset({"k"})),
    TableFacts(
        "public.user_ns", kind="v", sources=("public.users",), used_columns={"public.users": frozenset({"n"})}
    ),
)
CATALOG = CatalogFacts(
    tables={t.name: t for t in (USERS, ORDERS, EV, TableFacts("public.ev_1", parent="public.ev"), *LOOSE)},
    index_tables={"public.users_email": "public.users"},
)


def rules_of(sql: str, pg: int = 16, in_transaction: bool = False) -> set[str]:
    result = analyze_statements(
        [Statement(sql, 1)], pg_version=pg, catalog=CATALOG, in_transaction=in_transaction
    )
    return {f.rule for f in result[0].findings} - {"missing-lock-timeout"}


@pytest.mark.parametrize(
    ("rule", "trigger", "safe"),
    [
        ("index-not-concurrent", "CREATE INDEX i ON users (n)", "CREATE INDEX CONCURRENTLY i ON users (n)"),
        ("drop-has-dependents", "DROP TABLE users", "DROP TABLE users CASCADE"),
        ("alter-only-fails", "ALTER TABLE ONLY ev ADD COLUMN x int", "ALTER TABLE ev ADD COLUMN x int"),
        (
            "alter-only-fails",
            "ALTER TABLE ONLY ev ADD CONSTRAINT ev_k CHECK (k > 0)",
            "ALTER TABLE ONLY ev ADD CONSTRAINT ev_pkey PRIMARY KEY (k)",
        ),
        (
            "drop-has-dependents",
            "ALTER TABLE users DROP COLUMN n",
            "ALTER TABLE users DROP COLUMN n CASCADE",
        ),
        (
            "attach-partition-scan",
            "ALTER TABLE ev ATTACH PARTITION ev_new FOR VALUES IN (1)",
            "ALTER TABLE ev ATTACH PARTITION ev_checked FOR VALUES IN (1)",
        ),
        (
            "unique-without-index",
            "ALTER TABLE users ADD CONSTRAINT users_n_excl EXCLUDE USING btree (n WITH =)",
            "CREATE UNIQUE INDEX CONCURRENTLY users_n_key ON users (n)",
        ),
        ("drop-index-not-concurrent", "DROP INDEX users_email", "DROP INDEX CONCURRENTLY users_email"),
        ("reindex-not-concurrent", "REINDEX INDEX users_email", "REINDEX INDEX CONCURRENTLY users_email"),
        (
            "add-column-volatile-default",
            "ALTER TABLE users ADD COLUMN r float DEFAULT random()",
            "ALTER TABLE users ADD COLUMN r timestamptz DEFAULT now()",
        ),
        (
            "add-column-not-null-no-default",
            "ALTER TABLE users ADD COLUMN a int NOT NULL",
            "ALTER TABLE users ADD COLUMN a int NOT NULL DEFAULT 0",
        ),
        (
            "column-type-rewrite",
            "ALTER TABLE users ALTER COLUMN id TYPE bigint",
            "ALTER TABLE users ALTER COLUMN email TYPE varchar(200)",
        ),
        (
            "set-not-null-scan",
            "ALTER TABLE users ALTER COLUMN email SET NOT NULL",
            "ALTER TABLE users ALTER COLUMN id SET NOT NULL",
        ),
        (
            "constraint-not-valid-missing",
            "ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users (id)",
            "ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID",
        ),
        (
            "constraint-not-valid-missing",
            "ALTER TABLE users ADD CONSTRAINT c CHECK (n > 0)",
            "ALTER TABLE users ADD CONSTRAINT c CHECK (n > 0) NOT VALID",
        ),
        (
            "unique-without-index",
            "ALTER TABLE users ADD CONSTRAINT u UNIQUE (email)",
            "ALTER TABLE users ADD CONSTRAINT u UNIQUE USING INDEX users_email",
        ),
        (
            "rename-column",
            "ALTER TABLE users RENAME COLUMN email TO mail",
            "COMMENT ON COLUMN users.email IS 'x'",
        ),
        ("rename-table", "ALTER TABLE users RENAME TO people", "ALTER INDEX users_email RENAME TO e"),
        (
            "drop-outside-contract",
            "ALTER TABLE users DROP COLUMN n",
            "ALTER TABLE users ALTER COLUMN n DROP DEFAULT",
        ),
        ("drop-outside-contract", "DROP TABLE orders", "DROP VIEW v"),
        ("vacuum-full", "VACUUM FULL users", "VACUUM users"),
        ("cluster", "CLUSTER users USING users_email", "ANALYZE users"),
        ("truncate", "TRUNCATE orders", "DELETE FROM orders WHERE id < 100"),
        ("unbatched-update", "UPDATE users SET n = 0", "UPDATE users SET n = 0 WHERE id BETWEEN 1 AND 1000"),
        ("unbatched-update", "DELETE FROM orders", "DELETE FROM orders WHERE id = 1"),
        (
            "detach-partition-not-concurrent",
            "ALTER TABLE ev DETACH PARTITION ev_1",
            "ALTER TABLE ev DETACH PARTITION ev_1 CONCURRENTLY",
        ),
        (
            "refresh-materialized-view-blocking",
            "REFRESH MATERIALIZED VIEW mv",
            "REFRESH MATERIALIZED VIEW CONCURRENTLY mv",
        ),
    ],
)
def test_rule_fires_on_trigger_not_on_safe_twin(rule: str, trigger: str, safe: str) -> None:
    assert rule in rules_of(trigger)
    assert rule not in rules_of(safe)


def test_every_finding_names_the_relation_and_has_a_registered_severity() -> None:
    result = analyze_statements([Statement("CREATE INDEX i ON users (n)", 4)], pg_version=16, catalog=CATALOG)
    f = result[0].findings[0]
    assert (f.rule, f.severity, f.line) == ("index-not-concurrent", "error", 4)
    assert "public.users" in f.message


@pytest.mark.parametrize(
    ("sql", "fix_contains"),
    [
        (
            "CREATE INDEX i ON users (n)",
            "-- migwiz:no-transaction\nCREATE INDEX CONCURRENTLY i ON users (n);",
        ),
        ("DROP INDEX users_email", "DROP INDEX CONCURRENTLY users_email;"),
        ("REINDEX INDEX users_email", "REINDEX (CONCURRENTLY) INDEX users_email;"),
        (
            "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id)",
            "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n"
            "-- in the next migration:\nALTER TABLE public.orders VALIDATE CONSTRAINT fk;",
        ),
        (
            "ALTER TABLE users ADD CONSTRAINT u UNIQUE (email)",
            "CREATE UNIQUE INDEX CONCURRENTLY u ON public.users (email);",
        ),
        (
            "ALTER TABLE users ALTER COLUMN email SET NOT NULL",
            "CHECK (email IS NOT NULL) NOT VALID;\n-- in the next migration",
        ),
        ("ALTER TABLE ev DETACH PARTITION ev_1", "ALTER TABLE ev DETACH PARTITION ev_1 CONCURRENTLY;"),
    ],
)
def test_mechanical_fixes_are_rewritten_sql(sql: str, fix_contains: str) -> None:
    findings = analyze_statements([Statement(sql, 1)], pg_version=16, catalog=CATALOG, in_transaction=False)[
        0
    ].findings
    fixes = [f.fix for f in findings if f.fix and f.rule != "missing-lock-timeout"]
    assert any(fix_contains in fix for fix in fixes), fixes
    for fix in fixes:
        body = "\n".join(line for line in fix.splitlines() if not line.lstrip().startswith("--"))
        if body.strip() and "<" not in body:
            pglast.parse_sql(body)  # the rewritten SQL parses


def test_set_not_null_has_no_mechanical_fix_before_12() -> None:
    findings = analyze_statements(
        [Statement("ALTER TABLE users ALTER COLUMN email SET NOT NULL", 1)], pg_version=11, catalog=CATALOG
    )[0].findings
    assert next(f for f in findings if f.rule == "set-not-null-scan").fix is None


def test_no_lock_rules_on_a_table_created_in_the_same_script() -> None:
    stmts = [
        Statement("CREATE TABLE t (id int, v text)", 1),
        Statement("CREATE INDEX i ON t (v)", 2),
        Statement("ALTER TABLE t ADD COLUMN r float DEFAULT random()", 3),
        Statement("ALTER TABLE t ALTER COLUMN v SET NOT NULL", 4),
        Statement("UPDATE t SET v = ''", 5),
    ]
    result = analyze_statements(stmts, pg_version=16)
    assert [f.rule for a in result for f in a.findings] == []


def test_missing_lock_timeout_is_info_and_respects_directive_and_set() -> None:
    stmt = Statement("ALTER TABLE users ADD COLUMN a int", 2)
    plain = analyze_script(Script(Path("m.sql"), (stmt,)), pg_version=16, catalog=CATALOG)
    finding = next(f for f in plain[0].findings if f.rule == "missing-lock-timeout")
    assert finding.severity == "info"
    with_directive = Script(Path("m.sql"), (stmt,), Directives(lock_timeout_ms=2000))
    assert not analyze_script(with_directive, pg_version=16, catalog=CATALOG)[0].findings
    with_set = Script(Path("m.sql"), (Statement("SET lock_timeout = '2s'", 1), stmt))
    assert not analyze_script(with_set, pg_version=16, catalog=CATALOG)[1].findings
    with_zero = Script(Path("m.sql"), (Statement("SET lock_timeout = 0", 1), stmt))
    assert analyze_script(with_zero, pg_version=16, catalog=CATALOG)[1].findings


def test_multiple_strong_locks_in_one_transaction() -> None:
    stmts = (
        Statement("ALTER TABLE users ADD COLUMN a int", 1),
        Statement("ALTER TABLE orders ADD COLUMN b int", 2),
    )
    result = analyze_statements(stmts, pg_version=16, catalog=CATALOG)
    assert "multiple-strong-locks" in {f.rule for f in result[1].findings}
    assert "public.users" in next(f.message for f in result[1].findings if f.rule == "multiple-strong-locks")
    apart = analyze_statements(stmts, pg_version=16, catalog=CATALOG, in_transaction=False)
    assert "multiple-strong-locks" not in {f.rule for f in apart[1].findings}


def test_concurrently_in_transaction_and_mixed_non_transactional() -> None:
    cic = Statement("CREATE INDEX CONCURRENTLY i ON users (n)", 1)
    in_tx = analyze_statements([cic], pg_version=16, catalog=CATALOG)
    assert {f.rule for f in in_tx[0].findings} == {"concurrently-in-transaction"}
    alone = analyze_statements([cic], pg_version=16, catalog=CATALOG, in_transaction=False)
    assert alone[0].findings == ()
    mixed = analyze_statements(
        [cic, Statement("ALTER TABLE users ADD COLUMN a int", 2)],
        pg_version=16,
        catalog=CATALOG,
        in_transaction=False,
    )
    assert "mixed-non-transactional" in {f.rule for f in mixed[0].findings}


def test_enum_value_in_transaction() -> None:
    add = Statement("ALTER TYPE mood ADD VALUE 'b'", 1)
    use = Statement("INSERT INTO moods VALUES ('b')", 2)
    other = Statement("INSERT INTO moods VALUES ('a')", 2)
    advice = analyze_statements([add, other], pg_version=16)
    assert "enum-value-in-transaction" in {f.rule for f in advice[0].findings}
    assert advice[1].findings == ()
    failing = analyze_statements([add, use], pg_version=16)
    assert "enum-value-in-transaction" not in {f.rule for f in failing[0].findings}
    [used] = [f for f in failing[1].findings if f.rule == "enum-value-used-in-transaction"]
    assert (used.severity, used.line) == ("error", 2)
    committed = analyze_statements([add, Statement("COMMIT", 2), Statement(use.sql, 3)], pg_version=16)
    assert "enum-value-used-in-transaction" not in {f.rule for f in committed[2].findings}
    old = analyze_statements([add, use], pg_version=11)[0].findings
    assert "concurrently-in-transaction" in {f.rule for f in old}


def test_phases_and_backfill_silence_their_rules() -> None:
    drop = Statement("ALTER TABLE users DROP COLUMN n", 1)
    update = Statement("UPDATE users SET n = 0", 1)
    contract = Script(Path("c.sql"), (drop,), Directives(phase="contract"))
    assert "drop-outside-contract" not in {
        f.rule for f in analyze_script(contract, pg_version=16, catalog=CATALOG)[0].findings
    }
    expand = Script(Path("e.sql"), (drop,), Directives(phase="expand"))
    assert "drop-outside-contract" in {
        f.rule for f in analyze_script(expand, pg_version=16, catalog=CATALOG)[0].findings
    }
    for directives in (Directives(backfill=True), Directives(phase="backfill")):
        script = Script(Path("b.sql"), (update,), directives)
        assert not analyze_script(script, pg_version=16, catalog=CATALOG)[0].findings


def test_inline_ignore_applies_to_the_next_statement_only() -> None:
    stmts = (Statement("CREATE INDEX i ON users (n)", 2), Statement("CREATE INDEX j ON users (email)", 4))
    script = Script(Path("m.sql"), stmts, ignores=(Ignore("index-not-concurrent", "table has 10 rows", 1),))
    result = analyze_script(script, pg_version=16, catalog=CATALOG)
    assert "index-not-concurrent" not in {f.rule for f in result[0].findings}
    assert "index-not-concurrent" in {f.rule for f in result[1].findings}


def _migration(version: str, up: tuple[Statement, ...], down: tuple[Statement, ...] | None) -> Migration:
    return Migration(
        version=Version(version),
        name=f"m{version}",
        up=Script(Path(f"{version}.up.sql"), up),
        down=Script(Path(f"{version}.down.sql"), down) if down is not None else None,
        checksum="x",
        layout="updown",
    )


def test_missing_and_destructive_down() -> None:
    mset = MigrationSet(
        Path("."),
        "updown",
        (
            _migration("1", (Statement("CREATE TABLE t (id int)", 1),), (Statement("DROP TABLE t", 1),)),
            _migration("2", (Statement("ALTER TABLE t ADD COLUMN a int", 1),), None),
        ),
    )
    report = lint_migration_set(mset, pg_version=16)
    by_path = {str(f.path): f for f in report.files}
    down = by_path["1.down.sql"].statements[0]
    assert [f.rule for f in down.findings if f.rule != "missing-lock-timeout"] == ["destructive-down"]
    assert "public.t" in down.findings[0].message
    assert [f.rule for f in by_path["2.up.sql"].findings] == ["missing-down"]
    assert report.worst() == "warning"


def test_schema_carries_across_migrations_of_a_set_but_not_from_downs() -> None:
    mset = MigrationSet(
        Path("."),
        "updown",
        (
            _migration(
                "1",
                (Statement("CREATE TABLE t (id int, v varchar(10))", 1),),
                (Statement("DROP TABLE t", 1),),
            ),
            _migration("2", (Statement("ALTER TABLE t ALTER COLUMN v TYPE varchar(20)", 1),), None),
        ),
    )
    report = lint_migration_set(mset, pg_version=16)
    assert report.files[2].statements[0].rewrites == ()


def test_every_rule_has_a_doc_and_the_index_lists_it() -> None:
    index = (DOCS / "README.md").read_text()
    for rule_id, rule in RULES.items():
        doc = DOCS / f"{rule_id}.md"
        assert doc.exists(), f"docs/rules/{rule_id}.md missing"
        text = doc.read_text()
        assert text.startswith(f"# {rule_id}\n"), rule_id
        assert f"({rule_id}.md)" in index, rule_id
        assert f"Severity: **{rule.severity}**" in text, rule_id
        assert f"[{rule_id}]({rule_id}.md) | {rule.severity} |" in index, rule_id


def test_rule_ids_are_stable_kebab_case() -> None:
    for rule_id in RULES:
        assert rule_id == rule_id.lower()
        assert all(part.isalnum() for part in rule_id.split("-"))


def test_multiple_strong_locks_not_for_a_lock_the_transaction_already_holds() -> None:
    stmts = [
        Statement("ALTER TABLE users ADD COLUMN a text", 1),
        Statement("ALTER TABLE orders ADD COLUMN b text", 2),
        Statement("ALTER TABLE users ADD COLUMN c text", 3),
        Statement("ALTER TABLE orders ADD COLUMN d text", 4),
        Statement("CREATE INDEX users_a ON users (a)", 5),
    ]
    result = analyze_statements(stmts, pg_version=16)
    flagged = [a.statement.line for a in result if "multiple-strong-locks" in {f.rule for f in a.findings}]
    assert flagged == [2]


def test_multiple_strong_locks_for_an_upgrade_of_a_lock_already_held() -> None:
    stmts = [
        Statement("ALTER TABLE orders ADD COLUMN b text", 1),
        Statement("UPDATE users SET n = 0 WHERE id = 1", 2),
        Statement("ALTER TABLE users ADD COLUMN c text", 3),
    ]
    result = analyze_statements(stmts, pg_version=16)
    assert "multiple-strong-locks" in {f.rule for f in result[2].findings}


def test_validate_in_the_transaction_of_its_not_valid() -> None:
    add = Statement("ALTER TABLE users ADD CONSTRAINT c CHECK (n > 0) NOT VALID", 1)
    validate = Statement("ALTER TABLE users VALIDATE CONSTRAINT c", 2)
    together = analyze_statements([add, validate], pg_version=16)
    [hit] = [f for f in together[1].findings if f.rule == "validate-in-same-transaction"]
    assert hit.severity == "error"
    assert "AccessExclusiveLock" in hit.message
    assert hit.fix is not None and "next migration" in hit.fix
    apart = analyze_statements([add, validate], pg_version=16, in_transaction=False)
    assert "validate-in-same-transaction" not in {f.rule for f in apart[1].findings}
    alone = analyze_statements([validate], pg_version=16)
    assert "validate-in-same-transaction" not in {f.rule for f in alone[0].findings}


def test_attach_partition_scan_needs_a_check_on_the_partition_key() -> None:
    catalog = CatalogFacts(
        tables={
            "public.ev": EV,
            "public.on_key": TableFacts("public.on_key", checked_columns=frozenset({"k", "x"})),
            "public.off_key": TableFacts("public.off_key", checked_columns=frozenset({"x"})),
        }
    )
    for table, scanned in (("on_key", False), ("off_key", True)):
        sql = f"ALTER TABLE ev ATTACH PARTITION {table} FOR VALUES IN (1)"
        [result] = analyze_statements([Statement(sql, 1)], pg_version=17, catalog=catalog)
        assert (f"public.{table}" in result.scans) is scanned
        assert ("attach-partition-scan" in {f.rule for f in result.findings}) is scanned


def test_drop_type_in_use_fails_and_cascade_locks_its_tables() -> None:
    people = TableFacts("public.people", columns={"m": ColumnFacts("mood"), "ms": ColumnFacts("mood[]")})
    catalog = CatalogFacts(tables={"public.people": people, "public.other": TableFacts("public.other")})
    [plain] = analyze_statements([Statement("DROP TYPE mood", 1)], pg_version=17, catalog=catalog)
    assert [f.rule for f in plain.findings] == ["drop-has-dependents"]
    [cascade] = analyze_statements([Statement("DROP TYPE mood CASCADE", 1)], pg_version=17, catalog=catalog)
    assert [(lock.relation, lock.mode) for lock in cascade.locks] == [
        ("public.people", "AccessExclusiveLock")
    ]
    assert "drop-has-dependents" not in {f.rule for f in cascade.findings}
