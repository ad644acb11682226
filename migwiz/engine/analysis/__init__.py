"""Static lock analysis of migrations: locks, rewrites and scans per statement, lint rules and reports."""

from __future__ import annotations

from migwiz.engine.analysis.analyze import analyze_script, analyze_statements
from migwiz.engine.analysis.catalog import read_catalog_facts
from migwiz.engine.analysis.lint import (
    lint_down,
    lint_migration_set,
    lint_report_json,
    lint_report_sarif,
    lint_script,
    lint_up,
)
from migwiz.engine.analysis.model import (
    CatalogFacts,
    Finding,
    LintReport,
    LockOn,
    ScriptLint,
    StatementAnalysis,
)
from migwiz.engine.analysis.rules import RULES, Rule

__all__ = [
    "RULES",
    "CatalogFacts",
    "Finding",
    "LintReport",
    "LockOn",
    "Rule",
    "ScriptLint",
    "StatementAnalysis",
    "analyze_script",
    "analyze_statements",
    "lint_down",
    "lint_migration_set",
    "lint_report_json",
    "lint_report_sarif",
    "lint_script",
    "lint_up",
    "read_catalog_facts",
]
