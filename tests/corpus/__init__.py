"""The statement corpus: migration statements whose locks and rewrites are measured on real servers.

Each entry has setup SQL (committed first, in the `public` schema of a database of its own or reset
between entries), the statement(s) under test (run in one transaction unless `transaction=False`), an
optional minimum server version, and optionally the facts PostgreSQL documents for it (`locks`: the
strongest mode expected on some existing relations once the last statement has run; `rewrites`: the exact
set of tables given a new data file). `tests/db/test_trace.py` checks those facts against the trace and
`tests/db/test_analysis_vs_trace.py` checks the static analyser against the trace.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql

from migwiz.engine.analysis.trace import TraceResult, trace_statements
from migwiz.engine.sets.model import Statement


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
    """`tablespace`: needs the corpus tablespace (`prepare_server`)."""
    findings: frozenset[str] | None = None
    """Warning and error rules lint reports on the entry's statements, each with a fix (None: not checked)."""

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


TABLESPACE = "migwiz_corpus_space"


def prepare_server(dsn: str, entry: CorpusEntry) -> None:
    """What an entry needs beyond its setup: the corpus tablespace, in a folder beside the server's data
    directory owned by the server's user (a local server; creating it needs a superuser)."""
    if "tablespace" not in entry.tags:
        return
    with psycopg.connect(dsn, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_tablespace WHERE spcname = %s", (TABLESPACE,)).fetchone():
            return
        row = conn.execute("SELECT current_setting('data_directory')").fetchone()
        datadir = Path(str(row[0])) if row else Path()
        folder = datadir.parent / TABLESPACE
        folder.mkdir(mode=0o700, exist_ok=True)
        owner = datadir.stat()
        os.chown(folder, owner.st_uid, owner.st_gid)
        conn.execute(
            sql.SQL("CREATE TABLESPACE {} LOCATION {}").format(
                sql.Identifier(TABLESPACE), sql.Literal(str(folder))
            )
        )


def trace_entry(dsn: str, entry: CorpusEntry) -> TraceResult:
    """Reset `public`, run the entry's setup (committed) and trace its statements."""
    reset_public(dsn)
    prepare_server(dsn, entry)
    return trace_statements(
        dsn, entry.as_statements(), in_transaction=entry.transaction, setup_sql=entry.setup
    )


from tests.corpus.entries import ENTRIES as _BASE  # noqa: E402  (entries use CorpusEntry)
from tests.corpus.entries_context import ENTRIES as _CONTEXT  # noqa: E402
from tests.corpus.entries_deps import ENTRIES as _DEPS  # noqa: E402

ENTRIES: tuple[CorpusEntry, ...] = _BASE + tuple(_CONTEXT) + tuple(_DEPS)

__all__ = ["ENTRIES", "TABLESPACE", "CorpusEntry", "prepare_server", "reset_public", "trace_entry"]
