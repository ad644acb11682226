"""Settings: flags, then `migwiz.toml` (found upward from the working directory), then defaults."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from migwiz.engine.durations import parse_duration, parse_timeout
from migwiz.engine.errors import ConfigError
from migwiz.engine.sets import LAYOUTS
from migwiz.engine.state import DEFAULT_SCHEMA

CONFIG_NAME = "migwiz.toml"
_KNOWN_KEYS = {
    "dir",
    "schema",
    "lock_timeout",
    "statement_timeout",
    "log_file",
    "log_retention",
    "syslog",
    "drift",
    "baseline",
    "lock_retries",
    "retry_for",
    "layout",
}


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
    lock_retries: int = 6
    """Retries after a lock timeout before a statement fails."""
    retry_for_ms: int = 60_000
    """Give up retrying lock conflicts after this long."""
    """SQL files with the schema before the first migration (shadow databases start from it)."""
    layout: str | None = None
    """The migration folder's layout (None: detected from the file names)."""


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


def _duration(value: Any, key: str, path: Path, parse: Callable[[str], int] = parse_duration) -> int:
    try:
        return parse(str(value))
    except ValueError as exc:
        raise ConfigError(f"{path}: {key} = {value!r}: {exc}") from None


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
        section = data.get("migwiz", data)
        if not isinstance(section, dict):
            raise ConfigError(f"{config_path}: [migwiz] must be a table")
        data = section
        unknown = sorted(set(data) - _KNOWN_KEYS)
        if unknown:
            raise ConfigError(
                f"{config_path}: unknown setting {unknown[0]!r}",
                f"known settings: {', '.join(sorted(_KNOWN_KEYS))}",
            )
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
        lock_timeout_ms = _duration(lock_timeout_flag, "--lock-timeout", Path("flag"), parse_timeout)
    elif "lock_timeout" in data:
        lock_timeout_ms = _duration(data["lock_timeout"], "lock_timeout", where, parse_timeout)
    statement_timeout_ms = None
    if statement_timeout_flag is not None:
        statement_timeout_ms = _duration(
            statement_timeout_flag, "--statement-timeout", Path("flag"), parse_timeout
        )
    elif "statement_timeout" in data:
        statement_timeout_ms = _duration(data["statement_timeout"], "statement_timeout", where, parse_timeout)
    log_file = log_file_flag or (base / str(data["log_file"]) if "log_file" in data else None)
    drift = data.get("drift", {})
    ignore = tuple(str(p) for p in drift.get("ignore", ())) if isinstance(drift, dict) else ()
    return Settings(
        migrations_dir=migrations_dir,
        schema=schema_flag or str(data.get("schema", DEFAULT_SCHEMA)),
        lock_timeout_ms=lock_timeout_ms,
        statement_timeout_ms=statement_timeout_ms,
        log_file=log_file,
        config_path=config_path,
        drift_ignore=ignore,
        log_retention_ms=_duration(data["log_retention"], "log_retention", where)
        if "log_retention" in data
        else None,
        syslog_address=_syslog_address(data.get("syslog")),
        baseline=baseline_flag or _baseline(data.get("baseline"), base, where),
        lock_retries=_count(data.get("lock_retries", 6), "lock_retries", where),
        retry_for_ms=_duration(data["retry_for"], "retry_for", where) if "retry_for" in data else 60_000,
        layout=_layout(layout_flag, data.get("layout"), where),
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


def _syslog_address(value: Any) -> str | None:
    """`syslog = true` means the local socket; a string is a socket path or `host:port`."""
    if value is True:
        return "/dev/log"
    if isinstance(value, str) and value:
        return value
    return None


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
