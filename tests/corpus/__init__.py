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

from migwiz.engine.analysis.catalog import read_catalog_facts
from migwiz.engine.analysis.model import CatalogFacts
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
    locks: Mapping[str, str | None] | None = None
    """Expected strongest mode per listed relation, None for no lock (others are not checked)."""
    rewrites: tuple[str, ...] | None = None
    """Expected table rewrites of the last statement (None: not checked)."""
    error: str | None = None
    """Expected SQLSTATE of the last statement, for entries whose point is a failure."""
    note: str = ""
    tags: frozenset[str] = field(default_factory=frozenset)
    """`tablespace`: needs the corpus tablespace (`prepare_server`)."""
    findings: frozenset[str] | None = None
    """Warning and error rules lint reports on the entry's statements, each with a fix (None: not checked)."""
    momentary: frozenset[str] = field(default_factory=frozenset)
    """Relations the statement locks in its listed mode only for an instant between two of its internal
    transactions, where the tracer's gate cannot always re-arm in time: the trace may show a weaker mode."""

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


PRE_EXISTING = """
SELECT n.nspname || '.' || c.relname, c.relkind::text,
       EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
               AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')) AS owned
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
"""


@dataclass(frozen=True)
class EntryTrace:
    """One entry traced on one server, with what the catalog said once its setup had run."""

    result: TraceResult
    relations: tuple[tuple[str, str, bool], ...]
    """User relations after the setup (of `public` and of the schemas it created): (qualified name, relkind,
    owned by a column)."""
    catalog: CatalogFacts
    """`read_catalog_facts` after the setup, before the statements."""


def trace_entry_with_catalog(dsn: str, entry: CorpusEntry) -> EntryTrace:
    """Reset `public`, run the entry's setup (committed), read the catalog, then trace its statements."""
    reset_public(dsn)
    prepare_server(dsn, entry)
    with psycopg.connect(dsn, autocommit=True) as conn:
        if entry.setup:
            conn.execute(entry.setup.encode())
        rows = conn.execute(PRE_EXISTING).fetchall()
        catalog = read_catalog_facts(conn)
    relations = tuple((str(name), str(kind), bool(owned)) for name, kind, owned in rows)
    result = trace_statements(dsn, entry.as_statements(), in_transaction=entry.transaction)
    return EntryTrace(result, relations, catalog)


from tests.corpus.entries import ENTRIES as _BASE  # noqa: E402  (entries use CorpusEntry)
from tests.corpus.entries_context import ENTRIES as _CONTEXT  # noqa: E402
from tests.corpus.entries_deps import ENTRIES as _DEPS  # noqa: E402
from tests.corpus.entries_forms import ENTRIES as _FORMS  # noqa: E402
from tests.corpus.entries_measured import ENTRIES as _MEASURED  # noqa: E402
from tests.corpus.entries_resolution import ENTRIES as _RESOLUTION  # noqa: E402
from tests.corpus.entries_sweep import ENTRIES as _SWEEP  # noqa: E402

ENTRIES: tuple[CorpusEntry, ...] = (
    _BASE
    + tuple(_CONTEXT)
    + tuple(_DEPS)
    + tuple(_MEASURED)
    + tuple(_FORMS)
    + tuple(_RESOLUTION)
    + tuple(_SWEEP)
)

__all__ = [
    "ENTRIES",
    "TABLESPACE",
    "CorpusEntry",
    "EntryTrace",
    "prepare_server",
    "reset_public",
    "trace_entry_with_catalog",
]
