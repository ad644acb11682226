"""Lint a migration set: analyse every up and down script in order, then report as JSON or SARIF 2.1.0."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from migwiz.engine.analysis.analyze import ScriptOptions, options_of, walk_statements
from migwiz.engine.analysis.as_run import as_run, reword_refused
from migwiz.engine.analysis.model import CatalogFacts, Finding, LintReport, ScriptLint, StatementAnalysis
from migwiz.engine.analysis.rules import RULES, finding
from migwiz.engine.analysis.schema import Schema
from migwiz.engine.sets.model import Migration, MigrationSet, Script, Statement
from migwiz.engine.sets.streamed import StreamedStatements

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def lint_migration_set(
    mset: MigrationSet,
    *,
    pg_version: int,
    catalog: CatalogFacts | None = None,
    baseline: Sequence[Statement] = (),
) -> LintReport:
    """Analyse every migration of a set in version order; the schema carries over from one to the next.

    Downs are analysed against the schema their up leaves, and do not change it for later migrations.
    `baseline` statements (the schema before the first migration) are analysed first, unreported.
    """
    schema = Schema.of(catalog)
    schema.from_empty = catalog is None  # the set from its first migration (after the baseline)
    if baseline:
        walk_statements(baseline, pg_version, schema, ScriptOptions(in_transaction=False))
    files: list[ScriptLint] = []
    with young_collections() as collect:
        for migration in mset.migrations:
            files += lint_migration(migration, schema, pg_version)
            collect()
    return LintReport(tuple(files), pg_version)


def lint_migration(migration: Migration, schema: Schema, pg_version: int) -> tuple[ScriptLint, ...]:
    """A migration's up (updating `schema`), then its down against a fork of the schema the up leaves."""
    up = lint_up(migration, schema, pg_version)
    if migration.down is None:
        return (up,)
    return up, lint_down(migration, schema.fork(), pg_version)


@contextmanager
def young_collections() -> Iterator[Callable[[], None]]:
    """Within the block the cyclic collector runs only when the function it gives is called (after each
    migration), and then over young objects alone. Its automatic full passes walk the whole growing schema
    and report again and again (about a fifth of a cold lint), while the cycles a migration leaves behind
    (printed parse trees) are all young. The collector is left on or off as it was."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield _collect_young
    finally:
        if enabled:
            gc.enable()


def _collect_young() -> None:
    gc.collect(1)


def _fresh_session(migration: Migration, schema: Schema) -> None:
    """Flyway starts every migration from the connection's own search_path (as `up` does for its sets):
    a plain `SET search_path` of an earlier migration does not reach this one. The other tools run a
    whole `up` on one session, where it does."""
    if migration.layout == "flyway":
        schema.session_search_path = None


def lint_up(migration: Migration, schema: Schema, pg_version: int) -> ScriptLint:
    """Analyse a migration's up script (as it will run) against `schema`, which it updates in place."""
    _fresh_session(migration, schema)
    up = lint_script(migration.up, schema, pg_version)
    if migration.down is not None or migration.layout == "prisma":  # Prisma's layout has no place for one
        return up
    missing = finding("missing-down", f"migration {migration.label} has no down script",
                      "-- add a down script that reverses the up, or mark the migration irreversible",
                      migration.up.first_line)  # fmt: skip
    return ScriptLint(up.path, up.statements, (*up.findings, missing), up.in_file)


def lint_down(migration: Migration, schema: Schema, pg_version: int) -> ScriptLint:
    """Analyse a migration's down script against `schema` (the state its up leaves), updated in place."""
    assert migration.down is not None
    _fresh_session(migration, schema)
    return lint_script(migration.down, schema, pg_version, is_down=True)


def lint_script(script: Script, schema: Schema, pg_version: int, *, is_down: bool = False) -> ScriptLint:
    """Analyse one script as it will run (automatic no-transaction and all) against `schema`, updated."""
    as_script, notes, refused = as_run(script, pg_version)
    walked = walk_statements(as_script.statements, pg_version, schema, options_of(as_script, is_down=is_down))
    in_file = len(as_script.statements) if isinstance(as_script.statements, StreamedStatements) else None
    return ScriptLint(script.path, reword_refused(walked, refused), notes, in_file)


def _statement_json(analysis: StatementAnalysis) -> dict[str, Any]:
    return {
        "line": analysis.statement.line,
        "sql": analysis.statement.sql,
        "kind": analysis.kind,
        "locks": [{"relation": lock.relation, "mode": lock.mode} for lock in analysis.locks],
        "own_locks": [{"relation": lock.relation, "mode": lock.mode} for lock in analysis.own_locks],
        "rewrites": list(dict.fromkeys((*analysis.rewrites, *analysis.index_rebuilds))),
        "index_rebuilds": list(analysis.index_rebuilds),
        "scans": list(analysis.scans),
        "blocks": analysis.blocks,
        "needs_no_transaction": analysis.needs_no_transaction,
        "parse_error": analysis.parse_error,
        "findings": [_finding_json(f) for f in analysis.findings],
    }


def _finding_json(f: Finding) -> dict[str, Any]:
    return {"rule": f.rule, "severity": f.severity, "message": f.message, "fix": f.fix, "line": f.line}


def lint_report_json(report: LintReport) -> dict[str, Any]:
    """The `migwiz lint --json` document: a top-level "files" list, one entry per script, then "notices"."""
    return {
        "pg_version": report.pg_version,
        "files": [
            {
                "path": str(script.path),
                "findings": [_finding_json(f) for f in script.findings],
                "statements": [_statement_json(a) for a in script.statements],
                # a big file: `statements` are one per shape of its data statements, not all of them
                **(
                    {"statements_in_file": script.in_file, "sampled": True}
                    if script.in_file is not None
                    else {}
                ),
            }
            for script in report.files
        ],
        "notices": list(report.notices),  # what reading the sets noted, as `status --json` lists it
    }


def _uri(path: Path) -> str:
    """A relative, forward-slash URI when the path is under the working directory (as code scanning wants)."""
    if path.is_absolute():
        try:
            path = path.relative_to(Path.cwd())
        except ValueError:
            return path.as_uri()
    return path.as_posix()


def lint_report_sarif(report: LintReport) -> dict[str, Any]:
    """The `migwiz lint --sarif` document (SARIF 2.1.0, as GitHub code scanning accepts it)."""
    rule_ids = list(RULES)
    rules = [
        {
            "id": rule.id,
            "name": "".join(part.capitalize() for part in rule.id.split("-")),
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.summary},
            "help": {"text": f"See docs/rules/{rule.id}.md", "markdown": f"See `docs/rules/{rule.id}.md`."},
            "defaultConfiguration": {"level": SARIF_LEVELS[rule.severity]},
            "properties": {"tags": ["postgresql", "migration", "locking"]},
        }
        for rule in RULES.values()
    ]
    results = []
    for path, f in report.all_findings():
        text = f.message if f.fix is None else f"{f.message}\nFix:\n{f.fix}"
        results.append(
            {
                "ruleId": f.rule,
                "ruleIndex": rule_ids.index(f.rule),
                "level": SARIF_LEVELS[f.severity],
                "message": {"text": text},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": _uri(path)},
                            "region": {"startLine": max(f.line, 1)},
                        }
                    }
                ],
            }
        )
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "migwiz",
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
