"""Static lock analysis of migrations: locks, rewrites and scans per statement, lint rules and reports."""

from __future__ import annotations

from migwiz.engine.analysis.analyze import analyze_script, analyze_statements
from migwiz.engine.analysis.model import CatalogFacts, Finding, LintReport, LockOn, StatementAnalysis

__all__ = [
    "CatalogFacts",
    "Finding",
    "LintReport",
    "LockOn",
    "StatementAnalysis",
    "analyze_script",
    "analyze_statements",
]
