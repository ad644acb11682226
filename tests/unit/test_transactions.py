"""Transaction control in a script and statements that cannot run in a transaction, decided with no DB."""

from __future__ import annotations

from pathlib import Path

import pytest

from migwiz.engine.analysis import analyze_statements, lint_migration_set
from migwiz.engine.errors import MigrationFileError
from migwiz.engine.sets import load_migration_set
from migwiz.engine.sets.model import Directives, Script, Statement
from migwiz.engine.sets.splitting import split_sql
from migwiz.engine.sets.transactions import (
    TransactionPlan,
    control_of,
    needs_no_transaction,
    plan_transaction,
)

PATH = Path("migrations/2_x.up.sql")


def script(text: str, *, transaction: bool = True) -> Script:
    return Script(PATH, split_sql(text, path=PATH), Directives(transaction=transaction))


def plan(text: str, *, transaction: bool = True, pg: int = 16) -> TransactionPlan:
    return plan_transaction(script(text, transaction=transaction), pg)


@pytest.mark.parametrize(
    ("sql", "kind", "plain"),
    [
        ("BEGIN", "BEGIN", True),
        ("begin work", "BEGIN", True),
        ("BEGIN TRANSACTION", "BEGIN", True),
        ("START TRANSACTION", "START TRANSACTION", True),
        ("START TRANSACTION ISOLATION LEVEL SERIALIZABLE", "START TRANSACTION", False),
        ("COMMIT", "COMMIT", True),
        ("END", "COMMIT", True),
        ("COMMIT AND CHAIN", "COMMIT AND CHAIN", False),
        ("ROLLBACK", "ROLLBACK", True),
        ("ABORT", "ROLLBACK", True),
        ("SAVEPOINT s", "SAVEPOINT", True),
        ("RELEASE SAVEPOINT s", "RELEASE", True),
        ("ROLLBACK TO SAVEPOINT s", "ROLLBACK TO", True),
        ("PREPARE TRANSACTION 'x'", "PREPARE TRANSACTION", True),
        ("COMMIT PREPARED 'x'", "COMMIT PREPARED", True),
        ("ROLLBACK PREPARED 'x'", "ROLLBACK PREPARED", True),
        ("commit /* why */ and chain", "COMMIT AND CHAIN", False),
        ("COMMIT garbage here", "COMMIT", False),
    ],
)
def test_transaction_control_is_recognised(sql: str, kind: str, plain: bool) -> None:
    control = control_of(split_sql(sql, path=PATH)[0])
    assert control is not None and (control.kind, control.plain) == (kind, plain)


@pytest.mark.parametrize(
    "sql",
    [
        "CREATE TABLE begin_log (id int)",
        "SELECT 'COMMIT'",
        "DO $$BEGIN COMMIT; END$$",
        "PREPARE q AS SELECT 1",
    ],
)
def test_other_statements_are_not_transaction_control(sql: str) -> None:
    assert control_of(split_sql(sql, path=PATH)[0]) is None


@pytest.mark.parametrize(
    ("text", "line", "what"),
    [
        ("CREATE TABLE a (id int);\nCOMMIT;\nCREATE TABLE b (id int);\n", 2, "COMMIT inside a migration"),
        ("CREATE TABLE a (id int);\nROLLBACK;\n", 2, "ROLLBACK inside"),
        ("CREATE TABLE a (id int);\nABORT;\n", 2, "ROLLBACK inside"),
        ("CREATE TABLE a (id int);\nEND;\nCREATE TABLE b (id int);\n", 2, "COMMIT inside"),
        ("CREATE TABLE a (id int);\n\nCOMMIT AND CHAIN;\n", 3, "COMMIT AND CHAIN inside"),
        ("PREPARE TRANSACTION 'x';\n", 1, "PREPARE TRANSACTION inside"),
        ("COMMIT PREPARED 'x';\n", 1, "COMMIT PREPARED inside"),
        # a wrapper that is not plain, or does not commit, or does not wrap everything
        ("BEGIN ISOLATION LEVEL SERIALIZABLE;\nCREATE TABLE a (id int);\nCOMMIT;\n", 1, "BEGIN inside"),
        ("BEGIN;\nCREATE TABLE a (id int);\nCOMMIT AND CHAIN;\n", 1, "BEGIN inside"),
        ("BEGIN;\nCREATE TABLE a (id int);\nROLLBACK;\n", 1, "BEGIN inside"),
        ("BEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\nCOMMIT;\n", 3, "COMMIT inside"),
        ("BEGIN;\nBEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\nCOMMIT;\n", 2, "BEGIN inside"),
        ("CREATE TABLE a (id int);\nBEGIN;\nBEGIN;\nCOMMIT;\nCOMMIT;\n", 2, "BEGIN inside"),
    ],
)
def test_transaction_control_is_refused_with_its_line(text: str, line: int, what: str) -> None:
    with pytest.raises(MigrationFileError, match=rf"^migrations/2_x\.up\.sql:{line}: {what}"):
        plan(text)


# AppFlowy-IO/AppFlowy-Cloud migrations/20240813040905_template.sql (shortened): a BEGIN in mid-file that
# nothing commits; sqlx runs the file in its own transaction, where PostgreSQL ignores the BEGIN.
APPFLOWY_TEMPLATE = """CREATE TABLE IF NOT EXISTS af_related_template_view (
  view_id UUID NOT NULL
);

BEGIN;

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'account_link_type') THEN
    CREATE TYPE account_link_type AS (link_type TEXT, url TEXT);
  END IF;
END
$$;
"""


def test_a_begin_that_nothing_commits_is_dropped_with_a_notice() -> None:
    result = plan(APPFLOWY_TEMPLATE)
    assert result.in_transaction and [s.line for s in result.script.statements] == [1, 7]
    assert result.ignored == (5,) and result.unwrapped is None
    assert result.notices() == [
        "migrations/2_x.up.sql:5: BEGIN (line 5) with no COMMIT after it: inside the migration's transaction"
        " PostgreSQL ignores it (there is already a transaction in progress), as under the tool's; migwiz"
        " drops it"
    ]
    assert plan("BEGIN;\nCREATE TABLE a (id int);\nSTART TRANSACTION;\n").ignored == (1, 3)
    # run without a transaction, the BEGIN would open one that nothing commits: refused
    with pytest.raises(MigrationFileError, match=r":5: BEGIN inside"):
        plan(APPFLOWY_TEMPLATE, transaction=False)
    with pytest.raises(MigrationFileError, match=r":2: BEGIN inside"):  # not plain: refused
        plan("CREATE TABLE a (id int);\nBEGIN ISOLATION LEVEL SERIALIZABLE;\n")


def test_no_transaction_scripts_refuse_every_transaction_statement_savepoints_too() -> None:
    for text, line in [
        ("CREATE INDEX CONCURRENTLY i ON t (a);\nBEGIN;\nCREATE TABLE a (id int);\n", 2),
        ("SAVEPOINT s;\nCREATE TABLE a (id int);\n", 1),
        ("CREATE TABLE a (id int);\nROLLBACK TO SAVEPOINT s;\n", 2),
    ]:
        with pytest.raises(MigrationFileError, match=rf":{line}: "):
            plan(text, transaction=False)
    # dbmate transaction:false, Diesel run_in_transaction = false: the tool sends the file as it is and its
    # own BEGIN/COMMIT make it one transaction; migwiz runs it in its own
    wrapped = plan("BEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\n", transaction=False)
    assert wrapped.in_transaction and [s.sql for s in wrapped.script.statements] == [
        "CREATE TABLE a (id int)"
    ]
    assert wrapped.unwrapped == (1, 3)


def test_savepoints_stay_inside_a_transactional_migration() -> None:
    text = "CREATE TABLE a (id int);\nSAVEPOINT s;\nINSERT INTO a VALUES (1);\nROLLBACK TO SAVEPOINT s;\n"
    result = plan(text)
    assert result.in_transaction and len(result.script.statements) == 4 and result.notices() == []


def test_a_begin_commit_wrapping_the_whole_file_is_dropped_with_a_notice() -> None:
    text = "-- golang-migrate era\nBEGIN;\nCREATE TABLE a (id int);\n\nINSERT INTO a VALUES (1);\nEND;\n"
    result = plan(text)
    assert [s.sql for s in result.script.statements] == [
        "CREATE TABLE a (id int)",
        "INSERT INTO a VALUES (1)",
    ]
    assert result.in_transaction and result.unwrapped == (2, 6)
    assert result.notices() == [
        "migrations/2_x.up.sql:2: BEGIN (line 2) and COMMIT (line 6) wrap the whole file: migwiz runs it "
        "in its own transaction instead"
    ]
    wrapped = plan("START TRANSACTION;\nCREATE TABLE a (id int);\nSAVEPOINT s;\nCOMMIT;\n")
    assert [s.sql for s in wrapped.script.statements] == ["CREATE TABLE a (id int)", "SAVEPOINT s"]


def test_a_wrapped_file_cannot_hold_a_statement_that_refuses_transactions() -> None:
    with pytest.raises(
        MigrationFileError,
        match=r":2: CREATE INDEX CONCURRENTLY cannot run in a transaction, but BEGIN \(line 1\)",
    ):
        plan("BEGIN;\nCREATE INDEX CONCURRENTLY i ON t (a);\nCOMMIT;\n")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("CREATE INDEX CONCURRENTLY i ON t (a);", "CREATE INDEX CONCURRENTLY"),
        ("DROP INDEX CONCURRENTLY i;", "DROP INDEX CONCURRENTLY"),
        ("REINDEX INDEX CONCURRENTLY i;", "REINDEX CONCURRENTLY"),
        ("ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY;", "DETACH PARTITION CONCURRENTLY"),
        ("VACUUM t;", "VACUUM"),
        ("ALTER SYSTEM SET work_mem = '8MB';", "ALTER SYSTEM"),
        ("CREATE DATABASE d;", "CREATE DATABASE"),
        ("DROP DATABASE d;", "DROP DATABASE"),
        ("CREATE TABLESPACE s LOCATION '/x';", "CREATE TABLESPACE"),
        ("DROP TABLESPACE s;", "DROP TABLESPACE"),
    ],
)
def test_statements_that_cannot_run_in_a_transaction_switch_it_off(text: str, kind: str) -> None:
    result = plan(f"-- header\nSET lock_timeout = '1s';\n{text}\nRESET lock_timeout;\n")
    assert not result.in_transaction
    assert result.automatic is not None and result.automatic.line == 3
    assert kind.split()[0] in (result.automatic_kind or "")
    assert (
        result.mode().startswith("without a transaction: ") and "(line 3) cannot run in one" in result.mode()
    )
    assert result.notices() == [
        f"migrations/2_x.up.sql:3: {result.automatic_kind} cannot run in a transaction: the migration runs"
        " without one, statement by statement (resumable)"
    ]


def test_several_concurrent_statements_run_one_by_one() -> None:
    result = plan("CREATE INDEX CONCURRENTLY a ON t (a);\nCREATE INDEX CONCURRENTLY b ON t (b);\n")
    assert not result.in_transaction and result.automatic is not None and result.automatic.line == 1


def test_mixed_with_a_transactional_statement_names_both_lines() -> None:
    text = "CREATE TABLE t (a int);\n\nCREATE INDEX CONCURRENTLY i ON t (a);\n"
    with pytest.raises(
        MigrationFileError,
        match=r"^migrations/2_x\.up\.sql:3: CREATE INDEX CONCURRENTLY cannot run in a transaction, but "
        r"CREATE TABLE \(line 1\) in the same migration needs one",
    ) as caught:
        plan(text)
    assert "migwiz:no-transaction" in (caught.value.hint or "")
    forced = plan(text, transaction=False)
    assert not forced.in_transaction and forced.automatic is None
    assert forced.mode() == "without a transaction (directive)" and forced.notices() == []


def test_alter_type_add_value_needs_no_transaction_before_12_only() -> None:
    text = "ALTER TYPE mood ADD VALUE 'meh';\n"
    assert plan(text, pg=16).in_transaction
    old = plan(text, pg=11)
    assert not old.in_transaction and old.automatic_kind == "ALTER TYPE ADD VALUE"
    mixed = "CREATE TYPE mood AS ENUM ('a');\nALTER TYPE mood ADD VALUE 'meh';\n"
    assert plan(mixed, pg=12).in_transaction
    with pytest.raises(MigrationFileError, match=r":2: ALTER TYPE ADD VALUE cannot run in a transaction"):
        plan(mixed, pg=11)


def test_empty_and_comment_only_scripts_run_with_a_notice() -> None:
    for text in ("", "-- nothing yet\n/* still nothing */\n", ";;\n"):
        result = plan(text)
        assert result.in_transaction and result.script.statements == ()
        assert result.notices() == [
            "migrations/2_x.up.sql: no statements (empty or comments only): recorded as done with nothing run"
        ]


def test_a_nul_byte_refuses_the_set_at_load_time(tmp_path: Path) -> None:
    (tmp_path / "1_a.up.sql").write_bytes(b"CREATE TABLE a (id int);\n\x00\nCREATE TABLE b (id int);\n")
    with pytest.raises(MigrationFileError, match=r"1_a\.up\.sql:2: NUL character"):
        load_migration_set(tmp_path)


@pytest.mark.parametrize("pg", [11, 12, 16])
def test_the_runner_and_the_lock_analysis_agree_on_what_needs_no_transaction(pg: int) -> None:
    texts = [
        "CREATE INDEX CONCURRENTLY i ON t (a)",
        "CREATE INDEX i ON t (a)",
        "DROP INDEX CONCURRENTLY i",
        "DROP INDEX i",
        "REINDEX INDEX CONCURRENTLY i",
        "REINDEX TABLE t",
        "REINDEX DATABASE d",
        "ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY",
        "ALTER TABLE p DETACH PARTITION p1",
        "VACUUM t",
        "VACUUM",
        "ANALYZE t",
        "CLUSTER",
        "CLUSTER t USING i",
        "ALTER SYSTEM SET work_mem = '8MB'",
        "CREATE DATABASE d",
        "DROP DATABASE d",
        "CREATE TABLESPACE s LOCATION '/x'",
        "DROP TABLESPACE s",
        "ALTER TYPE mood ADD VALUE 'meh'",
        "ALTER TYPE mood RENAME VALUE 'a' TO 'b'",
        "CREATE TABLE t (a int)",
        "SET lock_timeout = '1s'",
    ]
    statements = [Statement(t, n) for n, t in enumerate(texts, 1)]
    analysed = analyze_statements(statements, pg_version=pg, in_transaction=False)
    ours = {s.sql for s in statements if needs_no_transaction(s, pg) is not None}
    theirs = {a.statement.sql for a in analysed if a.needs_no_transaction}
    assert ours == theirs


def test_lint_says_how_a_migration_will_run(tmp_path: Path) -> None:
    files = {
        "1_t.up.sql": "CREATE TABLE t (a int);\n",
        "2_idx.up.sql": "CREATE INDEX CONCURRENTLY t_a ON t (a);\n",
        "3_mixed.up.sql": "CREATE TABLE u (a int);\nCREATE INDEX CONCURRENTLY u_a ON u (a);\n",
        "4_commit.up.sql": "CREATE TABLE v (a int);\nCOMMIT;\nCREATE TABLE w (a int);\n",
        "5_wrapped.up.sql": "BEGIN;\nCREATE TABLE x (a int);\nCOMMIT;\n",
        "6_empty.up.sql": "-- nothing\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    report = lint_migration_set(load_migration_set(tmp_path), pg_version=16)

    def found(index: int) -> list[tuple[str, str, int]]:
        script = report.files[index]
        every = [*script.findings, *(f for a in script.statements for f in a.findings)]
        return [(f.rule, f.severity, f.line) for f in every if f.rule != "missing-down"]

    assert found(1) == [("no-transaction-auto", "info", 1)]
    assert "concurrently-in-transaction" not in {f.rule for f in report.files[1].statements[0].findings}
    assert found(2) == [("concurrently-in-transaction", "error", 2)]
    message = report.files[2].statements[1].findings[0].message
    assert message == (
        "CREATE INDEX CONCURRENTLY cannot run in a transaction, but CREATE TABLE (line 1) in the same "
        "migration needs one (migwiz refuses to run it)"
    )
    assert found(3) == [("transaction-control", "error", 2)]
    assert found(4) == [("transaction-control", "info", 1)]
    assert [a.statement.sql for a in report.files[4].statements] == ["CREATE TABLE x (a int)"]
    assert found(5) == [("empty-migration", "info", 1)]


# ente-io/ente server/migrations/26_update_ott_and_twofactor.up.sql (golang-migrate): statements, then two
# BEGIN ... COMMIT blocks; golang-migrate sends the file as one query
ENTE_26 = """ALTER TABLE otts
    ADD COLUMN wrong_attempt INTEGER DEFAULT 0;

ALTER TABLE two_factor_sessions
    ADD COLUMN wrong_attempt INTEGER DEFAULT 0;

BEGIN;
UPDATE otts set wrong_attempt = 0 where wrong_attempt is null;

ALTER TABLE otts
    ALTER COLUMN wrong_attempt SET NOT NULL;
COMMIT;

BEGIN;
UPDATE two_factor_sessions set wrong_attempt = 0 where wrong_attempt is null;

ALTER TABLE two_factor_sessions
    ALTER COLUMN wrong_attempt SET NOT NULL;
COMMIT;
"""


def test_begin_commit_blocks_inside_a_file_run_as_one_transaction_with_a_notice() -> None:
    path = Path("migrations/26_update_ott_and_twofactor.up.sql")
    result = plan_transaction(Script(path, split_sql(ENTE_26, path=path), Directives()), 16)
    assert result.in_transaction
    assert [s.line for s in result.script.statements] == [1, 4, 8, 10, 15, 17]
    assert result.unwrapped == (7, 19) and result.blocks == ((7, 12), (14, 19))
    assert result.notices() == [
        f"{path}:7: BEGIN ... COMMIT blocks inside the file (lines 7-12, 14-19): migwiz drops them and runs"
        " the whole file in one transaction (all or nothing)"
    ]
    # a statement that cannot run in a transaction beside them: refused as any such mix
    with pytest.raises(
        MigrationFileError,
        match=r":4: CREATE INDEX CONCURRENTLY cannot run in a transaction, but CREATE TABLE",
    ):
        plan("BEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\nCREATE INDEX CONCURRENTLY i ON a (id);\n")
    # a script marked to run without a transaction keeps its statements on their own: blocks are refused
    with pytest.raises(MigrationFileError, match=r":2: BEGIN inside"):
        plan("CREATE TABLE a (id int);\nBEGIN;\nCREATE TABLE b (id int);\nCOMMIT;\n", transaction=False)


def test_blocks_from_the_first_line_to_the_last_are_blocks_not_one_wrapper() -> None:
    # ente-io/ente server/migrations/36_update_key_attr_and_tokens.up.sql: BEGIN at line 1 and COMMIT at the
    # last line, but two blocks
    result = plan("BEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\n\nBEGIN;\nCREATE TABLE b (id int);\nCOMMIT;\n")
    assert result.in_transaction and [s.line for s in result.script.statements] == [2, 6]
    assert result.blocks == ((1, 3), (5, 7))


# triggerdotdev/trigger.dev internal-packages/database/prisma/migrations/
# 20230105115145_remove_interruption_type/migration.sql, as `prisma migrate dev` wrote it: Prisma puts
# BEGIN ... COMMIT around an enum change.
PRISMA_ENUM_CHANGE = """/*
  Warnings:

  - The values [INTERRUPTION] on the enum `WorkflowRunStepType` will be removed. If these variants are still used in the database, this will fail.

*/

UPDATE "WorkflowRunStep" SET "type" = 'DISCONNECTION' WHERE "type" = 'INTERRUPTION';

-- AlterEnum
BEGIN;
CREATE TYPE "WorkflowRunStepType_new" AS ENUM ('OUTPUT', 'LOG_MESSAGE', 'DURABLE_DELAY', 'CUSTOM_EVENT', 'INTEGRATION_REQUEST', 'DISCONNECTION');
ALTER TABLE "WorkflowRunStep" ALTER COLUMN "type" TYPE "WorkflowRunStepType_new" USING ("type"::text::"WorkflowRunStepType_new");
ALTER TYPE "WorkflowRunStepType" RENAME TO "WorkflowRunStepType_old";
ALTER TYPE "WorkflowRunStepType_new" RENAME TO "WorkflowRunStepType";
DROP TYPE "WorkflowRunStepType_old";
COMMIT;
"""  # noqa: E501


def test_prismas_begin_commit_around_an_enum_change_is_dropped_with_a_notice() -> None:
    result = plan(PRISMA_ENUM_CHANGE)
    assert result.in_transaction and result.unwrapped == (11, 17) and result.blocks == ((11, 17),)
    sqls = [s.sql for s in result.script.statements]
    assert (
        len(sqls) == 6 and sqls[0].startswith("UPDATE") and sqls[-1] == 'DROP TYPE "WorkflowRunStepType_old"'
    )
    assert result.notices() == [
        "migrations/2_x.up.sql:11: BEGIN ... COMMIT blocks inside the file (lines 11-17): migwiz drops them"
        " and runs the whole file in one transaction (all or nothing)"
    ]
    # Not in a script that runs without a transaction: there the pair would commit part of it.
    with pytest.raises(MigrationFileError, match=r"^migrations/2_x\.up\.sql:11: BEGIN inside"):
        plan(PRISMA_ENUM_CHANGE, transaction=False)


def test_lint_reports_the_dropped_block_as_information(tmp_path: Path) -> None:
    folder = tmp_path / "migrations"
    (folder / "20230105115145_remove_interruption_type").mkdir(parents=True)
    (folder / "migration_lock.toml").write_text('provider = "postgresql"\n', encoding="utf-8")
    create = "CREATE TYPE \"WorkflowRunStepType\" AS ENUM ('OUTPUT', 'INTERRUPTION');\n"
    create += 'CREATE TABLE "WorkflowRunStep" ("type" "WorkflowRunStepType" NOT NULL);\n'
    (folder / "20230101000000_init").mkdir()
    (folder / "20230101000000_init" / "migration.sql").write_text(create, encoding="utf-8")
    (folder / "20230105115145_remove_interruption_type" / "migration.sql").write_text(
        PRISMA_ENUM_CHANGE, encoding="utf-8"
    )
    report = lint_migration_set(load_migration_set(folder), pg_version=16)
    found = [
        (f.rule, f.severity, f.line)
        for r in report.files
        for f in r.findings
        if f.rule == "transaction-control"
    ]
    assert found == [("transaction-control", "info", 11)]
    rules = {
        f.rule for r in report.files for f in [*r.findings, *(g for a in r.statements for g in a.findings)]
    }
    assert "missing-down" not in rules  # Prisma's layout has no place for a down script


# civitai/civitai prisma/migrations/20230811054020_nsfw_level_blocked/migration.sql (shortened): the new
# value must be committed before the UPDATE uses it (55P04), and Prisma's one-query send commits it there.
CIVITAI_ADD_VALUE = """-- AlterEnum
ALTER TYPE "NsfwLevel" ADD VALUE 'Blocked';
COMMIT;

-- Update blocked tags
UPDATE "Tag" SET nsfw = 'Blocked' WHERE name IN ('self injury', 'hanging');
"""


def test_a_commit_after_add_value_runs_the_file_statement_by_statement() -> None:
    result = plan(CIVITAI_ADD_VALUE)
    assert not result.in_transaction
    assert [s.line for s in result.script.statements] == [2, 6]
    assert result.committed is not None and result.committed.line == 2
    assert result.blocks == ((3, 3),)
    assert result.mode() == "without a transaction: ADD VALUE (line 2) committed before use"
    assert result.notices() == [
        f"{PATH}:3: BEGIN ... COMMIT blocks inside the file (lines 3-3) commit ALTER TYPE ADD VALUE (line 2)"
        " before the value is used: migwiz drops them and runs the file without a transaction, statement by"
        " statement (resumable), as each new value must be committed before its use"
    ]
    # Prisma's own block around the enum change, then the value used (civitai 20221228193154_report_cascading)
    blocked = plan("BEGIN;\nALTER TYPE s ADD VALUE 'b';\nCOMMIT;\nUPDATE t SET s = 'b';\n", pg=11)
    assert not blocked.in_transaction and [s.line for s in blocked.script.statements] == [2, 4]
    assert blocked.blocks == ((1, 3),)
    # the value added after the last COMMIT: one transaction, as before
    after = plan("BEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\nALTER TYPE s ADD VALUE 'b';\n")
    assert after.in_transaction and after.committed is None
    # a COMMIT that commits no new value stays refused; so does one inside a no-transaction script
    with pytest.raises(MigrationFileError, match=r":2: COMMIT inside a migration"):
        plan("CREATE TABLE a (id int);\nCOMMIT;\nALTER TYPE s ADD VALUE 'b';\n")
    with pytest.raises(MigrationFileError, match=r":3: COMMIT inside a migration"):
        plan(CIVITAI_ADD_VALUE, transaction=False)
    # RENAME VALUE is no new value
    with pytest.raises(MigrationFileError, match=r":2: COMMIT inside a migration"):
        plan("ALTER TYPE s RENAME VALUE 'a' TO 'b';\nCOMMIT;\nUPDATE t SET s = 'b';\n")
