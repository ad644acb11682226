"""A fleet's targets: read from `fleet.toml` (or `[fleet]` in migwiz.toml) and expanded one by one.

A target is one place where the set runs: a database (by DSN or libpq service name, or every database a
query lists on a server) or a tenant schema in one database (every schema a query lists). A tenant runs
with `search_path` set to its schema, and its history lives in a migwiz schema of its own
(`history_schema`, default `migwiz_{tenant}`), so each tenant has its own migration lock and log.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
from psycopg import conninfo

from migwiz.engine.config import CONFIG_NAME, _duration, check_schema_name
from migwiz.engine.errors import ConfigError, MigwizError, one_line
from migwiz.engine.history.state import DEFAULT_SCHEMA
from migwiz.engine.servers.connect import connect, describe, dsn_params, with_dbname

FLEET_NAME = "fleet.toml"
DEFAULT_TENANT_HISTORY = "migwiz_{tenant}"
_SETTINGS = {"concurrency", "wave_size", "pause", "max_failures", "canary", "state_file", "target"}
_SOURCE_KEYS = {"name", "dsn", "service", "databases", "tenants", "labels", "history_schema", "search_path"}


@dataclass(frozen=True)
class Target:
    """One database or tenant schema the set runs in."""

    name: str
    dsn: str
    schema: str = DEFAULT_SCHEMA
    """The schema holding this target's migwiz history, runs and events."""
    tenant: str | None = None
    labels: Mapping[str, str] = field(default_factory=dict)

    @property
    def canary(self) -> bool:
        """Whether the target goes first, alone in the canary wave."""
        return self.labels.get("canary", "").lower() in ("true", "yes", "1")

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict (no DSN: it may hold a password)."""
        return {"name": self.name, "schema": self.schema, "tenant": self.tenant, "labels": dict(self.labels)}


@dataclass(frozen=True)
class Source:
    """One `[[fleet.target]]` entry: a DSN, a service, a database-listing or a tenant-listing query."""

    line: str
    """Where it is written, for errors: `fleet.toml: target 3`."""
    name: str | None
    dsn: str
    databases: str | None = None
    tenants: str | None = None
    labels: Mapping[str, str] = field(default_factory=dict)
    history_schema: str = DEFAULT_TENANT_HISTORY
    search_path: str = "{tenant}"


@dataclass(frozen=True)
class Fleet:
    """A fleet file: its sources and rollout settings."""

    path: Path
    sources: tuple[Source, ...]
    schema: str = DEFAULT_SCHEMA
    concurrency: int = 4
    wave_size: int = 50
    pause_ms: int = 0
    max_failures: int = 0
    """The error budget: failed targets tolerated; the next failure stops the rollout."""
    canary: tuple[str, ...] = ()
    """Target names that form the canary wave (besides targets labelled `canary = true`)."""
    state_file: Path = Path("fleet.state.jsonl")

    def targets(self) -> Iterator[Target]:
        """Every target, in file order; listing queries run as their source is reached."""
        seen: set[str] = set()
        for source in self.sources:
            for target in self._expand(source):
                if target.name in seen:
                    raise ConfigError(
                        f"{self.path}: {source.line}: target {target.name!r} is listed twice",
                        "give one of them another `name`",
                    )
                seen.add(target.name)
                if target.name in self.canary and not target.canary:
                    target = Target(
                        target.name,
                        target.dsn,
                        target.schema,
                        target.tenant,
                        {**target.labels, "canary": "true"},
                    )
                yield target

    def _expand(self, source: Source) -> Iterator[Target]:
        """`expand`, its errors naming this file."""
        listed = expand(source, self.schema)
        while True:
            try:
                yield next(listed)
            except StopIteration:
                return
            except MigwizError as exc:
                raise type(exc)(f"{self.path}: {exc.message}", exc.hint) from None


def find_fleet(start: Path) -> Path | None:
    """The nearest `fleet.toml`, else a `migwiz.toml` with a `[fleet]` table, in `start` or a parent."""
    for folder in [start, *start.parents]:
        if (folder / FLEET_NAME).is_file():
            return folder / FLEET_NAME
        config = folder / CONFIG_NAME
        if config.is_file() and "[fleet" in config.read_text(encoding="utf-8", errors="replace"):
            return config
    return None


def load_fleet(path: Path | None = None, *, cwd: Path | None = None, schema: str = DEFAULT_SCHEMA) -> Fleet:
    """Read a fleet file (`path`, else found upward from `cwd`); a `ConfigError` naming the entry if wrong."""
    found = path or find_fleet(cwd or Path.cwd())
    if found is None:
        raise ConfigError(
            f"no fleet: no {FLEET_NAME} and no [fleet] table in {CONFIG_NAME} here or above",
            f"write a {FLEET_NAME} (see docs/fleet.md) or pass --fleet PATH",
        )
    try:
        data = tomllib.loads(found.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{found}: no such fleet file", "check --fleet") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{found}: not valid TOML: {exc}") from None
    section = data.get("fleet", data if found.name != CONFIG_NAME else None)
    if not isinstance(section, dict):
        raise ConfigError(f"{found}: [fleet] must be a table", "see docs/fleet.md for the fleet file")
    unknown = sorted(set(section) - _SETTINGS)
    if unknown:
        raise ConfigError(
            f"{found}: unknown fleet setting {unknown[0]!r}", f"known: {', '.join(sorted(_SETTINGS))}"
        )
    entries = section.get("target", [])
    if not isinstance(entries, list) or not entries:
        raise ConfigError(
            f"{found}: no [[fleet.target]] entries", "list at least one target (see docs/fleet.md)"
        )
    sources = tuple(_source(entry, f"target {i}", found) for i, entry in enumerate(entries, 1))
    canary = section.get("canary", [])
    if not isinstance(canary, list) or not all(isinstance(c, str) for c in canary):
        raise ConfigError(f"{found}: canary = {canary!r}: expected a list of target names")
    return Fleet(
        path=found,
        sources=sources,
        schema=schema,
        concurrency=_positive(section.get("concurrency", 4), "concurrency", found),
        wave_size=_positive(section.get("wave_size", 50), "wave_size", found),
        pause_ms=_duration(section.get("pause", 0), "pause", found),
        max_failures=_positive(section.get("max_failures", 0), "max_failures", found, minimum=0),
        canary=tuple(canary),
        state_file=found.parent / str(section.get("state_file", "fleet.state.jsonl")),
    )


def _positive(value: Any, key: str, where: Path, *, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ConfigError(f"{where}: {key} = {value!r}: expected a whole number of {minimum} or more")
    return value


def _source(entry: Any, line: str, where: Path) -> Source:
    """One `[[fleet.target]]` entry checked: exactly one of dsn/service, labels as strings."""
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: {line}: expected a table ([[fleet.target]])")
    unknown = sorted(set(entry) - _SOURCE_KEYS)
    if unknown:
        raise ConfigError(
            f"{where}: {line}: unknown key {unknown[0]!r}", f"known: {', '.join(sorted(_SOURCE_KEYS))}"
        )
    for key in _SOURCE_KEYS - {"labels"}:
        if key in entry and not isinstance(entry[key], str):
            raise ConfigError(f"{where}: {line}: {key} = {entry[key]!r}: expected a string")
    if ("dsn" in entry) == ("service" in entry):
        raise ConfigError(
            f"{where}: {line}: give exactly one of dsn or service", 'e.g. dsn = "postgresql://..."'
        )
    dsn = entry["dsn"] if "dsn" in entry else conninfo.make_conninfo("", service=entry["service"])
    try:
        dsn_params(dsn)
    except Exception:
        raise ConfigError(
            f"{where}: {line}: invalid connection string", "use a URI or key=value pairs"
        ) from None
    if "databases" in entry and "tenants" in entry:
        raise ConfigError(f"{where}: {line}: databases and tenants cannot be combined", "use two entries")
    labels = entry.get("labels", {})
    if not isinstance(labels, dict):
        raise ConfigError(f'{where}: {line}: labels must be a table, e.g. labels = {{ region = "eu" }}')
    history = entry.get("history_schema", DEFAULT_TENANT_HISTORY)
    if "{tenant}" not in history and "tenants" in entry:
        raise ConfigError(
            f"{where}: {line}: history_schema = {history!r} has no {{tenant}}",
            'each tenant keeps its own history: e.g. history_schema = "migwiz_{tenant}"',
        )
    return Source(
        line=line,
        name=entry.get("name") or entry.get("service"),
        dsn=dsn,
        databases=entry.get("databases"),
        tenants=entry.get("tenants"),
        labels={str(k): _label(v) for k, v in labels.items()},
        history_schema=history,
        search_path=entry.get("search_path", "{tenant}"),
    )


def _label(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def expand(source: Source, schema: str) -> Iterator[Target]:
    """The targets of one source: itself, or one per database / tenant schema its query lists."""
    base = source.name or describe(source.dsn)
    if source.databases is None and source.tenants is None:
        yield Target(base, source.dsn, schema, None, source.labels)
        return
    query = source.databases or source.tenants or ""
    try:
        with connect(source.dsn, autocommit=True, purpose="fleet") as conn:
            names = [str(row[0]) for row in conn.execute(query.encode()).fetchall()]
    except psycopg.Error as exc:
        raise ConfigError(
            f"{source.line}: the listing query failed: {one_line(exc)}", "run it in psql to check"
        ) from None
    except MigwizError as exc:  # the server cannot be reached: say which entry needed it
        raise type(exc)(f"{source.line}: {exc.message}", exc.hint) from None
    for name in names:
        if source.databases is not None:
            yield Target(f"{base}/{name}" if source.name else describe(with_dbname(source.dsn, name)),
                         with_dbname(source.dsn, name), schema, None, source.labels)  # fmt: skip
            continue
        history = check_schema_name(
            source.history_schema.replace("{tenant}", name), f"{source.line}: history"
        )
        path = source.search_path.replace("{tenant}", quote_ident(name))
        yield Target(f"{base}/{name}", tenant_dsn(source.dsn, path), history, name, source.labels)


def quote_ident(name: str) -> str:
    """`name` as a PostgreSQL identifier in double quotes.

    >>> print(quote_ident('a"b'))
    "a""b"
    """
    return '"' + name.replace('"', '""') + '"'


def tenant_dsn(dsn: str, search_path: str) -> str:
    """`dsn` with `search_path` set for every session it opens (libpq `options`, spaces escaped)."""
    params = dsn_params(dsn)
    escaped = search_path.replace("\\", "\\\\").replace(" ", "\\ ")
    params["options"] = f"{params.get('options', '')} -c search_path={escaped}".strip()
    return conninfo.make_conninfo("", **params)
