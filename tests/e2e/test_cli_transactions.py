"""The CLI on transaction handling and PostgreSQL's error detail: JSON shapes, exit codes, one-line errors."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import TestDatabase
from tests.helpers import run_cli, write_migrations

VIEWS = {
    "1_accounts.up.sql": "CREATE TABLE accounts (id int PRIMARY KEY, inbox_url text);\n"
    "CREATE VIEW inboxes AS SELECT id, inbox_url FROM accounts;\n",
    "1_accounts.down.sql": "DROP TABLE accounts;\n",
    "2_drop.up.sql": "-- the view still uses it\nALTER TABLE accounts\n  DROP COLUMN inbox_url;\n",
    "2_drop.down.sql": "ALTER TABLE accounts ADD COLUMN inbox_url text;\n",
}


def test_failure_json_carries_detail_hint_context_and_column(db_latest: TestDatabase, tmp_path: Path) -> None:
    folder = write_migrations(tmp_path / "m", VIEWS)
    result = run_cli("up", "--dsn", db_latest.dsn, "--dir", folder, "--json")
    assert result.code == 1, result.stderr
    failure = result.json()["migrations"][-1]["failure"]
    assert set(failure) == {
        "path", "line", "column", "statement", "sqlstate", "message", "detail", "hint", "context", "holders"
    }  # fmt: skip
    assert failure["sqlstate"] == "2BP01" and failure["line"] == 2 and failure["statement"] == 1
    assert failure["detail"] == "view inboxes depends on column inbox_url of table accounts"
    assert "CASCADE" in failure["hint"] and failure["context"] is None
    refused = run_cli("up", "--dsn", db_latest.dsn, "--dir", folder)  # the view is in the catalog now
    assert refused.code == 2 and "drop-has-dependents" in refused.stderr
    text = run_cli("up", "--dsn", db_latest.dsn, "--dir", folder, "--force-risky")
    assert text.code == 1
    assert "2_drop.up.sql:2: 2BP01 cannot drop column inbox_url" in text.stderr
    assert "DETAIL:  view inboxes depends on column inbox_url of table accounts" in text.stderr


def test_status_shows_a_migration_that_runs_without_a_transaction(
    db_latest: TestDatabase, tmp_path: Path
) -> None:
    folder = write_migrations(
        tmp_path / "m",
        {
            "1_t.up.sql": "CREATE TABLE t (a int);\n",
            "2_idx.up.sql": "CREATE INDEX CONCURRENTLY t_a ON t (a);\n",
            "3_mixed.up.sql": "CREATE TABLE u (a int);\nCREATE INDEX CONCURRENTLY u_a ON u (a);\n",
        },
    )
    body = run_cli("status", "--dsn", db_latest.dsn, "--dir", folder, "--json").json()
    modes = [(m["transaction"], m["transaction_note"]) for m in body["migrations"]]
    assert modes[0] == (True, None)
    assert modes[1] == (False, "without a transaction: CREATE INDEX CONCURRENTLY (line 1) cannot run in one")
    assert modes[2][0] is None and modes[2][1].startswith("refused: ")
    assert "3_mixed.up.sql:2: CREATE INDEX CONCURRENTLY cannot run in a transaction" in modes[2][1]
    text = run_cli("status", "--dsn", db_latest.dsn, "--dir", folder)
    assert "without a transaction: CREATE INDEX CONCURRENTLY" in " ".join(text.stdout.split())
    lint = run_cli("lint", folder, "--json")
    rules = {f["rule"] for f in lint.json()["files"][1]["findings"]}
    assert "no-transaction-auto" in rules
    refused = run_cli("up", "--dsn", db_latest.dsn, "--dir", folder)
    assert refused.code == 2
    assert (
        "3_mixed.up.sql:2: CREATE INDEX CONCURRENTLY cannot run in a transaction, but CREATE TABLE (line 1)"
        in (refused.stderr)
    )
    assert db_latest.execute("SELECT to_regclass('public.t') IS NULL") == [(True,)]


def test_commit_in_a_file_and_a_nul_byte_are_one_line_exit_2(db_latest: TestDatabase, tmp_path: Path) -> None:
    folder = write_migrations(
        tmp_path / "m", {"1_t.up.sql": "CREATE TABLE t (a int);\nCOMMIT;\nCREATE TABLE u (a int);\n"}
    )
    result = run_cli("up", "--dsn", db_latest.dsn, "--dir", folder, "--allow-irreversible")
    assert result.code == 2
    assert result.stderr.splitlines()[0].endswith(
        "1_t.up.sql:2: COMMIT inside a migration: it would commit or undo part of it behind its history row"
    )
    assert "Traceback" not in result.stderr
    assert db_latest.execute("SELECT to_regclass('public.t') IS NULL") == [(True,)]
    (folder / "1_t.up.sql").write_bytes(b"CREATE TABLE t (a int);\n\x00CREATE TABLE u (a int);\n")
    nul = run_cli("status", "--dsn", db_latest.dsn, "--dir", folder)
    assert nul.code == 2
    assert "1_t.up.sql:2: NUL character (byte 0x00) in the file" in nul.stderr.splitlines()[0]
