"""Settings: flags, then `migwiz.toml` (found upward from the working directory), then defaults."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from migwiz.engine.durations import parse_duration, parse_timeout
from migwiz.engine.errors import ConfigError
from migwiz.engine.history.names import DEFAULT_SCHEMA
from migwiz.engine.sets import LAYOUTS

CONFIG_NAME = "migwiz.toml"
MAX_NAME_BYTES = 63
"""PostgreSQL's longest identifier (NAMEDATALEN - 1)."""

_STRING = ((str,), "a string")
_DURATION = ((str, int), 'a duration such as "2s" or a number of milliseconds')
_EXPECTED: dict[str, tuple[tuple[type, ...], str]] = {
    "dir": _STRING,
    "schema": _STRING,
    "lock_timeout": _DURATION,
    "statement_timeout": _DURATION,
    "log_file": _STRING,
    "log_retention": _DURATION,
    "syslog": ((bool, str), 'true or a socket path or "host:port"'),
    "drift": ((dict,), "a table (e.g. [migwiz.drift] with ignore = [...])"),
    "baseline": ((str, list), "a file name or a list of file names"),
    "baseline_through": _STRING,
    "lock_retries": ((int,), "a whole number"),
    "retry_for": _DURATION,
    "layout": _STRING,
    "rollback_test": ((dict,), "a table ([migwiz.rollback_test] with ignore_column_order = true, ...)"),
    "placeholders": ((dict,), 'a table ([migwiz.placeholders] with name = "value")'),
    "placeholder_replacement": ((bool,), "true or false"),
}
_KNOWN_KEYS = set(_EXPECTED)


@dataclass(frozen=True)
class Settings:
    """Resolved settings for one command."""

    migrations_dir: Path | None
    schema: str = DEFAULT_SCHEMA
    lock_timeout_ms: int = 2000
    statement_timeout_ms: int | None = None
    log_file: Path | None = None
    config_path: Path | None = None
    drift_ignore: tuple[str, ...] = field(default_factory=tuple)
    log_retention_ms: int | None = None
    syslog_address: str | None = None
    baseline: tuple[Path, ...] = ()
    baseline_through: str | None = None
    """The baseline is the schema after this version (and every one before it): not replayed."""
    lock_retries: int = 6
    """Retries after a lock timeout before a statement fails."""
    retry_for_ms: int = 60_000
    """Give up retrying lock conflicts after this long."""
    """SQL files with the schema before the first migration (shadow databases start from it)."""
    layout: str | None = None
    """The migration folder's layout (None: detected from the file names)."""
    rollback_ignore_column_order: bool = False
    """[rollback_test] ignore_column_order: a column re-added last by a down is not a failure."""
    rollback_ignore_volatile: bool = False
    """[rollback_test] ignore_volatile: frozen timestamps in defaults and view texts are not failures."""
    snapshots: bool = True
    """[rollback_test] snapshots: cache replayed states as template databases on the shadow server."""
    placeholders: tuple[tuple[str, str], ...] = ()
    """[placeholders]: values of Flyway's `${name}` placeholders (name, value), in file order."""
    placeholder_replacement: bool = True
    """placeholder_replacement: whether Flyway's `${name}` placeholders are replaced (Flyway's
    `placeholderReplacement`)."""

    def flyway_placeholders(self) -> dict[str, str] | Literal[False]:
        """The placeholder values sets are loaded with (False: replacement off)."""
        return dict(self.placeholders) if self.placeholder_replacement else False


def find_config(start: Path) -> Path | None:
    """The nearest `migwiz.toml` in `start` or a parent folder."""
    for folder in [start, *start.parents]:
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def _looks_like_migrations(folder: Path) -> bool:
    return folder.is_dir() and any(
        p.suffix == ".sql" or (p.is_dir() and ((p / "up.sql").exists() or (p / "migration.sql").exists()))
        for p in folder.iterdir()
    )


def _duration(value: Any, key: str, path: Path | None, parse: Callable[[str], int] = parse_duration) -> int:
    """`value` in ms; a ConfigError naming the file and key (`path`), or the flag (`path` None)."""
    try:
        return parse(str(value))
    except ValueError as exc:
        where = f"{path}: {key} = {value!r}" if path is not None else f"{key} {value!r}"
        raise ConfigError(f"{where}: {exc}", "write a duration such as 500ms, 2s, 10min or 1h") from None


def load_settings(
    *,
    cwd: Path | None = None,
    dir_flag: Path | None = None,
    schema_flag: str | None = None,
    lock_timeout_flag: str | None = None,
    statement_timeout_flag: str | None = None,
    log_file_flag: Path | None = None,
    baseline_flag: tuple[Path, ...] = (),
    layout_flag: str | None = None,
    baseline_through_flag: str | None = None,
) -> Settings:
    """Merge flags over `migwiz.toml` over defaults.

    The migration folder: `--dir`, else `dir` in migwiz.toml (relative to the file), else `./migrations`,
    else the working directory when it holds migrations; None when none of these exists.
    """
    cwd = cwd or Path.cwd()
    config_path = find_config(cwd)
    data: dict[str, Any] = {}
    if config_path is not None:
        try:
            data = tomllib.loads(config_path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{config_path}: not valid TOML: {exc}") from None
        section = data.get("migwiz", {k: v for k, v in data.items() if k != "fleet"})  # [fleet]: fleet/
        if not isinstance(section, dict):
            raise ConfigError(f"{config_path}: [migwiz] must be a table")
        data = section
        unknown = sorted(set(data) - _KNOWN_KEYS)
        if unknown:
            raise ConfigError(
                f"{config_path}: unknown setting {unknown[0]!r}",
                f"known settings: {', '.join(sorted(_KNOWN_KEYS))}",
            )
        _check_types(data, config_path)
    base = config_path.parent if config_path else cwd
    if dir_flag is not None:
        migrations_dir: Path | None = dir_flag
    elif "dir" in data:
        migrations_dir = base / str(data["dir"])
    elif (cwd / "migrations").is_dir():
        migrations_dir = cwd / "migrations"
    elif _looks_like_migrations(cwd):
        migrations_dir = cwd
    else:
        migrations_dir = None
    where = config_path or Path(CONFIG_NAME)
    lock_timeout_ms = 2000
    if lock_timeout_flag is not None:
        lock_timeout_ms = _duration(lock_timeout_flag, "--lock-timeout", None, parse_timeout)
    elif "lock_timeout" in data:
        lock_timeout_ms = _duration(data["lock_timeout"], "lock_timeout", where, parse_timeout)
    statement_timeout_ms = None
    if statement_timeout_flag is not None:
        statement_timeout_ms = _duration(statement_timeout_flag, "--statement-timeout", None, parse_timeout)
    elif "statement_timeout" in data:
        statement_timeout_ms = _duration(data["statement_timeout"], "statement_timeout", where, parse_timeout)
    log_file = log_file_flag or (base / str(data["log_file"]) if "log_file" in data else None)
    if log_file is not None:
        check_log_file(log_file, "--log-file" if log_file_flag else f"{where}: log_file")
    drift = data.get("drift", {})
    ignore = tuple(str(p) for p in drift.get("ignore", ())) if isinstance(drift, dict) else ()
    rollback = data.get("rollback_test", {})
    if not isinstance(rollback, dict):
        raise ConfigError(f"{where}: [migwiz.rollback_test] must be a table")
    for key in sorted(set(rollback) - {"ignore_column_order", "ignore_volatile", "snapshots"}):
        raise ConfigError(
            f"{where}: unknown setting rollback_test.{key}",
            "known: ignore_column_order, ignore_volatile, snapshots",
        )
    for key, value in rollback.items():
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: rollback_test.{key} = {value!r}: true or false")
    placeholders = data.get("placeholders", {})
    for key, value in placeholders.items():
        if not isinstance(value, str):
            raise ConfigError(f'{where}: placeholders.{key} = {value!r}: a string, e.g. {key} = "value"')
    return Settings(
        migrations_dir=migrations_dir,
        schema=check_schema_name(schema_flag, "--schema")
        if schema_flag is not None
        else check_schema_name(data.get("schema", DEFAULT_SCHEMA), f"{where}: schema"),
        lock_timeout_ms=lock_timeout_ms,
        statement_timeout_ms=statement_timeout_ms,
        log_file=log_file,
        config_path=config_path,
        drift_ignore=ignore,
        log_retention_ms=_duration(data["log_retention"], "log_retention", where)
        if "log_retention" in data
        else None,
        syslog_address=_syslog_address(data.get("syslog"), where),
        baseline=baseline_flag or _baseline(data.get("baseline"), base, where),
        baseline_through=baseline_through_flag or data.get("baseline_through"),
        lock_retries=_count(data.get("lock_retries", 6), "lock_retries", where),
        retry_for_ms=_duration(data["retry_for"], "retry_for", where) if "retry_for" in data else 60_000,
        layout=_layout(layout_flag, data.get("layout"), where),
        rollback_ignore_column_order=rollback.get("ignore_column_order", False),
        rollback_ignore_volatile=rollback.get("ignore_volatile", False),
        snapshots=rollback.get("snapshots", True),
        placeholders=tuple(placeholders.items()),
        placeholder_replacement=data.get("placeholder_replacement", True),
    )


def _layout(flag: str | None, value: Any, where: Path) -> str | None:
    """`--layout`, else `layout = "..."`: one of the layouts migwiz reads; None to detect it."""
    chosen = flag if flag is not None else value
    if chosen is None:
        return None
    if chosen not in LAYOUTS:
        origin = "--layout" if flag is not None else f"{where}: layout"
        known = ", ".join(LAYOUTS)
        raise ConfigError(f"{origin} = {chosen!r}: not a layout migwiz reads", f"one of: {known}")
    return str(chosen)


def _check_types(data: dict[str, Any], where: Path) -> None:
    """Every known key holds a value of its type: one line naming the key and the type otherwise."""
    for key, value in data.items():
        types, expected = _EXPECTED[key]
        if (isinstance(value, bool) and bool not in types) or not isinstance(value, types):
            raise ConfigError(
                f"{where}: {key} = {_shown(value)}: expected {expected}, got {_toml_type(value)}",
                f"fix {key} in {CONFIG_NAME}",
            )
    ignore = data.get("drift", {}).get("ignore", [])
    if not isinstance(ignore, list) or not all(isinstance(p, str) for p in ignore):
        raise ConfigError(f"{where}: drift.ignore = {_shown(ignore)}: expected a list of strings")
    unknown = sorted(set(data.get("drift", {})) - {"ignore"})
    if unknown:
        raise ConfigError(f"{where}: unknown setting drift.{unknown[0]}", "known settings: drift.ignore")


def _toml_type(value: Any) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a float", str: "a string", list: "an array"}
    return next(
        (n for t, n in names.items() if isinstance(value, t)),
        "a table" if isinstance(value, dict) else type(value).__name__,
    )


def _shown(value: Any) -> str:
    """A value on one line, cut short (booleans as TOML writes them)."""
    text = ("true" if value else "false") if isinstance(value, bool) else repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


def check_schema_name(value: Any, where: str) -> str:
    """`value` when PostgreSQL can hold it as a schema name; a one-line `ConfigError` otherwise.

    >>> check_schema_name("deploy", "--schema")
    'deploy'
    >>> check_schema_name("", "--schema")
    Traceback (most recent call last):
    ...
    migwiz.engine.errors.ConfigError: --schema = '': a schema name cannot be empty
    """
    if not isinstance(value, str):
        raise ConfigError(f"{where} = {_shown(value)}: expected a string, got {_toml_type(value)}")
    if not value:
        raise ConfigError(f"{where} = '': a schema name cannot be empty", "name the schema (default: migwiz)")
    if "\x00" in value:
        raise ConfigError(f"{where} = {_shown(value)}: a schema name cannot hold a NUL character")
    if len(value.encode()) > MAX_NAME_BYTES:
        raise ConfigError(
            f"{where} = {_shown(value)}: {len(value.encode())} bytes, PostgreSQL names hold at most "
            f"{MAX_NAME_BYTES}",
            "choose a shorter schema name",
        )
    reserved = _reserved_schema(value)
    if reserved:
        raise ConfigError(
            f"{where} = {_shown(value)}: {reserved}", "choose a schema of migwiz's own (default: migwiz)"
        )
    return value


def _reserved_schema(name: str) -> str | None:
    """Why `name` cannot hold migwiz's tables (None when it can).

    >>> _reserved_schema("pg_temp")
    "names starting with 'pg_' are reserved by PostgreSQL"
    >>> _reserved_schema("Public") is None  # a different schema: names are case-sensitive
    True
    """
    if name in ("pg_catalog", "information_schema"):
        return "that is PostgreSQL's system catalog, not a place for migwiz's tables"
    if name == "public":
        return "migwiz keeps its history and log in a schema of their own, apart from the application's"
    if name.startswith("pg_"):
        return "names starting with 'pg_' are reserved by PostgreSQL"
    return None


def _syslog_address(value: Any, where: Path) -> str | None:
    """`syslog = true` means the local socket; a string is an absolute socket path or `host:port`."""
    if value is True:
        return "/dev/log"
    if not isinstance(value, str) or not value:
        return None
    if value.startswith("/"):
        return value
    host, colon, port = value.rpartition(":")
    hint = 'use true (/dev/log), a socket path such as "/dev/log", or "host:port" such as "localhost:514"'
    if not colon or not host:
        raise ConfigError(f"{where}: syslog = {_shown(value)}: not a socket path nor host:port", hint)
    if not (port.isascii() and port.isdigit()) or not 0 < int(port) < 65536:
        raise ConfigError(
            f"{where}: syslog = {_shown(value)}: port {port!r} is not a number from 1 to 65535", hint
        )
    return value


def check_log_file(path: Path, where: str) -> None:
    """`path` can take the JSON-lines log: a file (or none yet) in a folder that exists and is writable."""
    hint = "point log_file (or --log-file) at a file in an existing, writable folder"
    if path.is_dir():
        raise ConfigError(f"{where} = {str(path)!r}: is a folder, not a file", hint)
    folder = path.parent
    if not folder.is_dir():
        raise ConfigError(f"{where} = {str(path)!r}: folder {str(folder)!r} does not exist", hint)
    target = path if path.exists() else folder
    if not os.access(target, os.W_OK):
        raise ConfigError(f"{where} = {str(path)!r}: {str(target)!r} is not writable", hint)


def _baseline(value: Any, base: Path, where: Path) -> tuple[Path, ...]:
    """`baseline = "schema.sql"` or a list of files, relative to migwiz.toml; each must exist."""
    if value is None:
        return ()
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise ConfigError(f"{where}: baseline must be a file name or a list of file names")
    paths = tuple(base / n for n in names)
    for path in paths:
        if not path.is_file():
            raise ConfigError(f"{where}: baseline file {path} does not exist")
    return paths


def _count(value: Any, key: str, where: Path) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(f"{where}: {key} = {value!r}: a whole number of 0 or more")
    return value
