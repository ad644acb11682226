"""migwiz's own SQL: one `.sql` file per query in this folder, one per server-version band where they differ.

The naming rule: `<name>.sql` fits every server; `<name>_pgNN.sql` fits servers of major version NN and
later. `load(name, server_version)` reads the newest file that fits; a query whose files all start above
the server (only `_pgNN` variants) is not available there (`pick` returns None).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from psycopg import sql

_FILE = re.compile(r"(?P<name>[a-z0-9_]+?)(?:_pg(?P<major>\d+))?\.sql")


class QueryNotFound(LookupError):
    """No query of that name, or none that fits the server (a bug in migwiz, not in the input)."""


@cache
def bands() -> dict[str, tuple[tuple[int, str], ...]]:
    """Query name -> ((lowest major, file name), ...), newest band first."""
    found: dict[str, list[tuple[int, str]]] = {}
    for entry in resources.files(__name__).iterdir():
        match = _FILE.fullmatch(entry.name)
        if match:
            found.setdefault(match["name"], []).append((int(match["major"] or 0), entry.name))
    return {name: tuple(sorted(files, reverse=True)) for name, files in found.items()}


def pick(name: str, server_version: int | None = None) -> str | None:
    """The file of query `name` for this server (server_version_num, e.g. 160004); None if none fits.

    Without a server version the query must have a single file.

    >>> pick("monitor_locks", 160004), pick("monitor_locks", 130000), pick("monitor_locks", 100000)
    ('monitor_locks_pg14.sql', 'monitor_locks_pg11.sql', None)
    >>> pick("state_v1")
    'state_v1.sql'
    """
    files = bands().get(name)
    if files is None:
        raise QueryNotFound(f"no query {name!r} in migwiz/engine/queries")
    if server_version is None:
        if len(files) > 1:
            raise QueryNotFound(f"query {name!r} differs by server version: pass the server's version")
        return files[0][1]
    major = server_version // 10000
    return next((file for lowest, file in files if lowest <= major), None)


@cache
def _read(file: str) -> str:
    return resources.files(__name__).joinpath(file).read_text(encoding="utf-8")


def load(name: str, server_version: int | None = None) -> str:
    """The text of query `name` for this server (see `pick`); raises QueryNotFound if none fits."""
    file = pick(name, server_version)
    if file is None:
        raise QueryNotFound(f"query {name!r} needs a newer server than {server_version}")
    return _read(file)


def load_sql(name: str, server_version: int | None = None) -> sql.SQL:
    """`load` as psycopg SQL, ready for `.format(...)` with identifiers (our own files, never input)."""
    return sql.SQL(load(name, server_version))
