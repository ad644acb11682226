"""Put a recipe's migrations in the migration folder, with the next version numbers, in the native layout."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pglast import parse_sql
from pglast.parser import ParseError

from migwiz.engine.errors import UsageError
from migwiz.engine.recipes.catalog import RecipeScript
from migwiz.engine.sets import load_migration_set

_TIMESTAMP_DIGITS = 12


def next_versions(folder: Path, count: int, *, now: datetime | None = None) -> list[str]:
    """`count` versions after the newest in `folder`, in its style (zero-padded counter or timestamp)."""
    existing: list[str] = []
    if folder.is_dir() and any(folder.iterdir()):
        mset = load_migration_set(folder)
        if mset.layout != "native":
            raise UsageError(
                f"{folder} uses the {mset.layout} layout; recipes write the native layout "
                "(<version>_<name>.up.sql / .down.sql)",
                "generate into an empty folder and convert, or write the migrations by hand",
            )
        existing = [m.version.text for m in mset.migrations]
    plain = [v for v in existing if re.fullmatch(r"\d+", v)]
    if plain and len(max(plain, key=len)) >= _TIMESTAMP_DIGITS:
        start = (now or datetime.now(UTC)).replace(microsecond=0)
        latest = max(int(v) for v in plain)
        stamps = [int((start + timedelta(seconds=i)).strftime("%Y%m%d%H%M%S")) for i in range(count)]
        shift = max(0, latest + 1 - stamps[0])
        return [str(s + shift) for s in stamps]
    width = max((len(v) for v in plain), default=4)
    latest = max((int(v) for v in plain), default=0)
    return [str(latest + 1 + i).zfill(width) for i in range(count)]


def check_parses(scripts: list[RecipeScript]) -> None:
    """A UsageError if a generated script does not parse (e.g. a bad expression or type argument)."""
    for script in scripts:
        for kind, text in (("up", script.up), ("down", script.down)):
            try:
                parse_sql(text)
            except ParseError as exc:
                raise UsageError(
                    f"the generated {script.phase} {kind} script does not parse: {exc}",
                    "check the types and expressions given to the recipe",
                ) from None


def write_recipe(folder: Path, scripts: list[RecipeScript], *, now: datetime | None = None) -> list[Path]:
    """Write the scripts as `<version>_<name>.up.sql` / `.down.sql` and return the paths written."""
    check_parses(scripts)
    versions = next_versions(folder, len(scripts), now=now)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for version, script in zip(versions, scripts, strict=True):
        for kind, text in (("up", script.up), ("down", script.down)):
            path = folder / f"{version}_{script.name}.{kind}.sql"
            if path.exists():
                raise UsageError(f"{path} already exists; nothing more was written")
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
