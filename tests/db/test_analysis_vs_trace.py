"""Static analysis must equal the trace on every corpus entry, on every available server version.

Comparison policy, per statement of an entry (locks as held once the statement has run, accumulated
over the entry's transaction; statements that failed or were skipped are not compared):

- Relations compared: those that existed before the entry's statements ran (created by its setup,
  `TracedLock.new_relation` false) and are tables, partitioned tables, materialized views, views or
  sequences — except sequences owned by a table column (serial/identity: they follow the table) — plus
  indexes (partitioned ones included) only when a statement of the entry so far names the index directly
  (DROP INDEX, REINDEX INDEX, ALTER INDEX). The analyser's own list is filtered the same way (its
  relations that the catalog knows to be indexes not named, owned sequences, or relations the trace saw
  created are dropped); any other relation it lists must be in the trace.
- For each compared relation: the STRONGEST mode held (PostgreSQL's numbering, AccessShareLock = 1 ...
  AccessExclusiveLock = 8).
- Rewrites: the set of tables and materialized views given a new data file by that statement alone
  (`TracedStatement.rewrites`) against the analyser's `rewrites` that are not indexes or sequences, and
  the set of indexes given a new file or replaced by a new index of the same name
  (`TracedStatement.index_rebuilds`) against the analyser's `index_rebuilds`.
- A relation the trace saw created is left out even on the analyser's side, unless a relation of that
  name existed before (REINDEX CONCURRENTLY swaps a new index in under the old name).
- Names are schema-qualified as they are once the statement has run (after RENAME TO, the new name).

The analyser is run twice per entry on the same trace, once per way lint learns the schema: with the
catalog facts read from the database after the setup (`lint --dsn`: `read_catalog_facts`), and with no
database, the setup analysed first as an earlier migration of the same set (relations created by earlier
pending migrations). Both must equal the trace. The analyser is imported outright: a module that fails to
import fails the test instead of skipping it.

Entries that document their `findings` are also checked for them: the warning and error rules lint
reports on the entry's statements must be exactly those, each with a fix.

A mismatch is a bug in the analyser (the trace is what PostgreSQL did): the test prints the statement,
the server version and both sides.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from migwiz.engine.analysis import analyze_statements
from migwiz.engine.analysis.analyze import ScriptOptions, walk_statements
from migwiz.engine.analysis.model import CatalogFacts
from migwiz.engine.analysis.schema import Schema
from migwiz.engine.analysis.trace import LOCK_MODES, TracedStatement, strongest_modes
from migwiz.engine.servers.local import Binaries
from migwiz.engine.sets.model import Statement
from migwiz.engine.sets.splitting import split_sql
from tests.conftest import BINARIES
from tests.corpus import ENTRIES, CorpusEntry
from tests.db.conftest import CorpusTrace

COMPARED_KINDS = frozenset({"table", "partitioned table", "materialized view", "view", "sequence"})
_NAMES_INDEX = re.compile(r"^\s*(DROP\s+INDEX|REINDEX\s+(\([^)]*\)\s*)?INDEX|ALTER\s+INDEX)\b", re.IGNORECASE)
_IDENT = re.compile(r'"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_$]*)')


def analyse_with_catalog(entry: CorpusEntry, major: int, catalog: CatalogFacts) -> Sequence[Any]:
    """The analyser's view of the entry's statements, the schema known from the live catalog."""
    return analyze_statements(
        entry.as_statements(), pg_version=major, in_transaction=entry.transaction, catalog=catalog
    )


def analyse_after_setup(entry: CorpusEntry, major: int) -> Sequence[Any]:
    """The analyser's view of the entry's statements, the setup known as an earlier migration."""
    schema = Schema.of(None)
    schema.from_empty = True  # as lint walks a set from its first migration
    setup = split_sql(entry.setup, path=Path("setup.sql")) if entry.setup else ()
    walk_statements(setup, major, schema, ScriptOptions(in_transaction=False))
    return walk_statements(
        entry.as_statements(), major, schema, ScriptOptions(in_transaction=entry.transaction)
    )


def _idents(text: str) -> set[str]:
    return {quoted.replace('""', '"') if quoted else plain.lower() for quoted, plain in _IDENT.findall(text)}


def named_indexes(statements: Sequence[Statement]) -> set[str]:
    """Unqualified names of the relations named by DROP INDEX / REINDEX INDEX / ALTER INDEX statements."""
    names: set[str] = set()
    for statement in statements:
        if _NAMES_INDEX.match(statement.sql):
            names |= _idents(statement.sql)
    return names


def compared_trace(traced: TracedStatement, indexes_named: set[str], owned: set[str]) -> dict[str, str]:
    keep = [
        lock
        for lock in traced.locks
        if not lock.new_relation
        and lock.relation not in owned
        and (
            lock.kind in COMPARED_KINDS
            or (lock.kind in ("index", "partitioned index") and lock.relation.split(".")[-1] in indexes_named)
        )
    ]
    return strongest_modes(keep)


def compared_analysis(
    locks: Sequence[Any], kinds: dict[str, str], owned: set[str], new: set[str], indexes_named: set[str]
) -> dict[str, str]:
    out: dict[str, str] = {}
    for lock in locks:
        name = lock.relation
        if name in new or name in owned:
            continue
        if kinds.get(name) in ("i", "I") and name.split(".")[-1] not in indexes_named:
            continue
        if name not in out or LOCK_MODES.index(lock.mode) > LOCK_MODES.index(out[name]):
            out[name] = lock.mode
    return out


def diff_text(entry: CorpusEntry, major: int, statement: Statement, lines: list[str]) -> str:
    head = f"{entry.id} on PostgreSQL {major}, statement {statement.line}: {statement.sql}"
    return "\n".join([head, *("  " + line for line in lines)])


@pytest.mark.parametrize("binaries", BINARIES, ids=lambda b: f"pg{b.major}")
@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.id)
def test_analysis_equals_trace(entry: CorpusEntry, binaries: Binaries, corpus_trace: CorpusTrace) -> None:
    major = binaries.major
    if not entry.applies_to(major):
        pytest.skip(f"needs PostgreSQL {entry.min_version}+")
    shared = corpus_trace(entry, binaries)  # the trace test_trace.py checks too
    traced, rows, catalog = shared.result, shared.relations, shared.catalog
    kinds = {name: kind for name, kind, _ in rows}
    owned = {name for name, kind, is_owned in rows if kind == "S" and is_owned}
    new = {lock.relation for t in traced.statements for lock in t.locks if lock.new_relation} - set(kinds)
    views = {
        "setup as an earlier migration": analyse_after_setup(entry, major),
        "catalog": analyse_with_catalog(entry, major, catalog),
    }
    problems: list[str] = []
    for knowledge, analysed in views.items():
        problems.extend(compare(entry, major, traced.statements, analysed, kinds, owned, new, knowledge))
        problems.extend(compare_findings(entry, major, analysed, knowledge))
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def compare(
    entry: CorpusEntry,
    major: int,
    traced: Sequence[TracedStatement],
    analysed: Sequence[Any],
    kinds: dict[str, str],
    owned: set[str],
    new: set[str],
    knowledge: str,
) -> list[str]:
    """Readable differences between the trace and one analysis of the entry (empty when equal)."""
    problems: list[str] = []
    for position, (t, a) in enumerate(zip(traced, analysed, strict=True)):
        if t.error is not None:
            break
        named = named_indexes(entry.as_statements()[: position + 1])
        expected = compared_analysis(a.locks, kinds, owned, new, named)
        actual = compared_trace(t, named, owned)
        table_rewrites = tuple(sorted(r for r in a.rewrites if kinds.get(r) not in ("i", "I", "S")))
        index_rewrites = tuple(sorted(a.index_rebuilds))
        lines = []
        for relation in sorted(set(expected) | set(actual)):
            if relation in entry.momentary and weaker_or_equal(actual.get(relation), expected.get(relation)):
                continue  # the instant under the stronger lock is not always caught (CorpusEntry.momentary)
            if expected.get(relation) != actual.get(relation):
                lines.append(f"{relation}: analyser {expected.get(relation)}, trace {actual.get(relation)}")
        if table_rewrites != t.rewrites:
            lines.append(f"rewrites: analyser {list(table_rewrites)}, trace {list(t.rewrites)}")
        if index_rewrites != t.index_rebuilds:
            lines.append(f"index rebuilds: analyser {list(index_rewrites)}, trace {list(t.index_rebuilds)}")
        if lines:
            problems.append(diff_text(entry, major, t.statement, [f"[{knowledge}]", *lines]))
    return problems


def compare_findings(entry: CorpusEntry, major: int, analysed: Sequence[Any], knowledge: str) -> list[str]:
    """The warning and error rules lint reports on the entry must be those it documents, each with a fix."""
    if entry.findings is None:
        return []
    found = [f for a in analysed for f in a.findings if f.severity in ("warning", "error")]
    problems = []
    rules = {f.rule for f in found}
    if rules != entry.findings:
        problems.append(
            f"{entry.id} on PostgreSQL {major} [{knowledge}]: findings {sorted(rules)}, "
            f"documented {sorted(entry.findings)}"
        )
    problems.extend(
        f"{entry.id} on PostgreSQL {major} [{knowledge}]: {f.rule} at line {f.line} has no fix"
        for f in found
        if f.fix is None
    )
    return problems


def weaker_or_equal(traced: str | None, analysed: str | None) -> bool:
    """Whether the traced mode is the analysed one or weaker, or the instant was missed altogether."""
    if analysed is None:
        return False
    if traced is None:
        return True
    return LOCK_MODES.index(traced) <= LOCK_MODES.index(analysed)
