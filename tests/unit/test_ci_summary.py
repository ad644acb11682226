"""The `ci` Markdown summary fits a pull-request comment, however many migrations fail."""

from __future__ import annotations

from pathlib import Path

from migwiz.console.ci_report import SUMMARY_LIMIT, render_details, render_markdown
from migwiz.engine.analysis import LintReport
from migwiz.engine.ci import CiReport, Gate, error_gate, rollback_gate
from migwiz.engine.errors import ConnectionFailed, MigwizError
from migwiz.engine.rollback.report import RollbackReport, RollbackResult
from migwiz.engine.schema import Difference
from migwiz.engine.sets import load_migration_set
from tests.helpers import write_migrations


def _report(tmp_path: Path, count: int, failing_every: int) -> CiReport:
    files = {}
    for i in range(1, count + 1):
        files[f"{i:05d}_step_{i}.up.sql"] = f"CREATE TABLE t{i} (id int);\n"
        files[f"{i:05d}_step_{i}.down.sql"] = "SELECT 1;\n"
    mset = load_migration_set(write_migrations(tmp_path / "m", files))
    rollback = RollbackReport("shadow", options=("column order ignored",))
    for m in mset.migrations:
        if int(str(m.version)) % failing_every:
            rollback.results.append(RollbackResult(m.version, m.name, m.label, "passed"))
            continue
        diffs = tuple(
            Difference("extra", "table", f"public.t{m.version}_{k}", None, None, "int", f"table t{k} " * 20)
            for k in range(30)
        )
        rollback.results.append(
            RollbackResult(
                m.version, m.name, m.label, "failed", "down restores", "down does not restore", diffs
            )
        )
    report = CiReport(mset, LintReport((), 18), "error", "dangerous", shadow="shadow", rollback=rollback)
    report.gates += [Gate("lint", "passed", "no findings"), rollback_gate(rollback)]
    return report


def test_a_small_report_is_whole(tmp_path: Path) -> None:
    report = _report(tmp_path, 20, 10)
    text = render_markdown(report, details="ci-details.md")
    assert text == render_details(report)
    assert "| 00010 | step_10 | ✅ clean | ❌ down does not restore |" in text
    assert "Options: column order ignored." in text
    assert "(column order ignored)" in text  # in the rollback gate's detail


def test_a_huge_report_is_cut_with_a_link_to_the_details(tmp_path: Path) -> None:
    report = _report(tmp_path, 1200, 3)
    full = render_details(report)
    assert len(full) > 3 * SUMMARY_LIMIT
    text = render_markdown(report, details="https://ci.example/artifacts/ci-details.md")
    assert len(text) < SUMMARY_LIMIT
    assert text.startswith("## ❌ migwiz ci: 1 gate(s) failed: rollback")
    assert "| rollback | ❌ failed | 800 of 1200 migrations passed" in text
    assert "800 migration(s) with clean lint and a passed rollback test are not listed." in text
    assert "| 00003 | step_3 | ✅ clean | ❌ down does not restore |" in text
    assert "**The summary is cut short here" in text
    assert "[https://ci.example/artifacts/ci-details.md](https://ci.example/artifacts/ci-details.md)" in text
    # every failing migration is in the details file
    assert all(f"{i:05d}_step_{i}: down does not restore" in full for i in range(3, 1201, 3))


def test_a_gate_that_could_not_run_says_its_error_in_one_scrubbed_line() -> None:
    """Its detail (in the summary and the central log) comes through errors.one_line and hint_line."""
    error = ConnectionFailed(
        "cannot connect to postgresql://app:hunter2@db/app\nserver closed the connection", "is it up?"
    )
    gate = error_gate("rollback", error)
    assert (
        gate.detail
        == "cannot connect to postgresql://app:***@db/app server closed the connection (is it up?)"
    )
    assert (gate.status, gate.exit_code) == ("error", 2)
    assert error_gate("drift", MigwizError("replay failed")).detail == "replay failed"
