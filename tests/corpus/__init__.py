"""The statement corpus: migration statements whose locks and rewrites are measured on real servers.

Each entry has setup SQL (committed first, in the `public` schema of a database of its own or reset
between entries), the statement(s) under test (run in one transaction unless `transaction=False`), an
optional minimum server version, and optionally the facts PostgreSQL documents for it (`locks`: the
strongest mode expected on some existing relations once the last statement has run; `rewrites`: the exact
set of tables given a new data file). `tests/db/test_trace.py` checks those facts against the trace and
`tests/db/test_analysis_vs_trace.py` checks the static analyser against the trace.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import psycopg

from migwiz.engine.model import Statement
from migwiz.engine.trace import TraceResult, trace_statements


@dataclass(frozen=True)
class CorpusEntry:
    """One statement kind to trace."""

    id: str
    setup: str
    statements: tuple[str, ...]
    transaction: bool = True
    min_version: int | None = None
    locks: Mapping[str, str] | None = None
    """Expected strongest mode per listed relation (others are not checked)."""
    rewrites: tuple[str, ...] | None = None
    """Expected table rewrites of the last statement (None: not checked)."""
    error: str | None = None
    """Expected SQLSTATE of the last statement, for entries whose point is a failure."""
    note: str = ""
    tags: frozenset[str] = field(default_factory=frozenset)

    def applies_to(self, major: int) -> bool:
        """Whether the entry runs on a server of this major version."""
        return self.min_version is None or major >= self.min_version

    def as_statements(self) -> tuple[Statement, ...]:
        """The statements as the engine's Statement objects (line = position in the entry)."""
        return tuple(Statement(text, i + 1) for i, text in enumerate(self.statements))


RESET = "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;"


def reset_public(dsn: str) -> None:
    """Drop everything an earlier entry left in `public`."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(RESET)


def trace_entry(dsn: str, entry: CorpusEntry) -> TraceResult:
    """Reset `public`, run the entry's setup (committed) and trace its statements."""
    reset_public(dsn)
    return trace_statements(
        dsn, entry.as_statements(), in_transaction=entry.transaction, setup_sql=entry.setup
    )


from tests.corpus.entries import ENTRIES  # noqa: E402  (entries use CorpusEntry)

__all__ = ["ENTRIES", "CorpusEntry", "reset_public", "trace_entry"]
