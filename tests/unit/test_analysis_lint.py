"""lint report documents: the --json shape fixed by the issue and structurally valid SARIF 2.1.0."""

from __future__ import annotations

import json
from pathlib import Path

from migwiz.engine.analysis import RULES, lint_migration_set, lint_report_json, lint_report_sarif
from migwiz.engine.sets.model import Directives, Migration, MigrationSet, Script, Statement, Version


def _set() -> MigrationSet:
    up = Script(
        Path("migrations/002_idx.up.sql"),
        (
            Statement("CREATE INDEX users_email ON users (email)", 3),
            Statement("ALTER TABLE users ADD COLUMN a int", 4),
        ),
    )
    first = Migration(
        Version("001"),
        "users",
        Script(
            Path("migrations/001_users.up.sql"), (Statement("CREATE TABLE users (id int, email text)", 1),)
        ),
        Script(Path("migrations/001_users.down.sql"), (Statement("DROP TABLE users", 1),)),
        "c1",
        "updown",
    )
    second = Migration(Version("002"), "idx", up, None, "c2", "updown")
    return MigrationSet(Path("migrations"), "updown", (first, second))


def test_json_shape() -> None:
    report = lint_migration_set(_set(), pg_version=16)
    doc = json.loads(json.dumps(lint_report_json(report)))
    assert [f["path"] for f in doc["files"]] == [
        "migrations/001_users.up.sql",
        "migrations/001_users.down.sql",
        "migrations/002_idx.up.sql",
    ]
    statement = doc["files"][2]["statements"][1]
    assert {"line", "sql", "locks", "rewrites", "needs_no_transaction", "findings"} <= set(statement)
    assert statement["line"] == 4
    assert statement["sql"] == "ALTER TABLE users ADD COLUMN a int"
    # accumulated within the transaction: the index build's ShareLock became AccessExclusiveLock
    assert statement["locks"] == [{"relation": "public.users", "mode": "AccessExclusiveLock"}]
    assert statement["rewrites"] == []
    assert statement["needs_no_transaction"] is False
    first = doc["files"][2]["statements"][0]
    assert {"rule", "severity", "message", "fix"} <= set(first["findings"][0])
    assert first["findings"][0]["rule"] == "index-not-concurrent"
    assert doc["files"][2]["findings"][0]["rule"] == "missing-down"


def test_sarif_is_structurally_2_1_0() -> None:
    report = lint_migration_set(_set(), pg_version=16)
    sarif = json.loads(json.dumps(lint_report_sarif(report)))
    assert sarif["version"] == "2.1.0"
    assert sarif["$schema"].endswith("sarif-2.1.0.json")
    run = sarif["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "migwiz"
    rule_ids = [r["id"] for r in driver["rules"]]
    assert rule_ids == list(RULES)
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    assert run["results"]
    for result in run["results"]:
        assert result["ruleId"] in rule_ids
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note", "none")
        assert result["message"]["text"]
        location = result["locations"][0]["physicalLocation"]
        assert not location["artifactLocation"]["uri"].startswith("/")
        assert location["region"]["startLine"] >= 1
    index_result = next(r for r in run["results"] if r["ruleId"] == "index-not-concurrent")
    assert index_result["level"] == "error"
    assert (
        index_result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        == "migrations/002_idx.up.sql"
    )
    assert index_result["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
    assert "CREATE INDEX CONCURRENTLY" in index_result["message"]["text"]


def test_clean_set_reports_nothing_worse_than_info() -> None:
    only = Migration(
        Version("1"),
        "t",
        Script(
            Path("1.up.sql"),
            (Statement("CREATE INDEX CONCURRENTLY i ON users (email)", 2),),
            Directives(transaction=False),
        ),
        Script(
            Path("1.down.sql"), (Statement("DROP INDEX CONCURRENTLY i", 2),), Directives(transaction=False)
        ),
        "c",
        "updown",
    )
    report = lint_migration_set(MigrationSet(Path("."), "updown", (only,)), pg_version=16)
    assert report.worst() is None
    assert lint_report_sarif(report)["runs"][0]["results"] == []


def test_json_rewrites_name_the_indexes_rebuilt_with_the_table() -> None:
    up = Script(Path("m/2.up.sql"), (Statement("ALTER TABLE users ALTER COLUMN id TYPE bigint", 1),))
    first = Migration(
        Version("1"),
        "users",
        Script(
            Path("m/1.up.sql"),
            (
                Statement("CREATE TABLE users (id int PRIMARY KEY, email text UNIQUE)", 1),
                Statement("CREATE INDEX users_lower ON users (lower(email))", 2),
            ),
        ),
        None,
        "c1",
        "updown",
    )
    second = Migration(Version("2"), "widen", up, None, "c2", "updown")
    report = lint_migration_set(MigrationSet(Path("m"), "updown", (first, second)), pg_version=16)
    [statement] = lint_report_json(report)["files"][1]["statements"]
    indexes = ["public.users_email_key", "public.users_lower", "public.users_pkey"]
    assert statement["rewrites"] == ["public.users", *indexes]
    assert statement["index_rebuilds"] == indexes
