"""Load a folder of migrations, in the layout of the tool that wrote it, into a MigrationSet.

| layout      | tool                      | files                                                        |
|-------------|---------------------------|--------------------------------------------------------------|
| `native`    | golang-migrate            | `<version>_<name>.up.sql` / `.down.sql`                      |
| `sqlx`      | sqlx                      | `<version>_<desc>.sql`, or `.up.sql` / `.down.sql`           |
| `directory` | Diesel                    | `<version>_<name>/up.sql`, `down.sql`, `metadata.toml`       |
| `prisma`    | Prisma                    | `<timestamp>_<name>/migration.sql`, `migration_lock.toml`    |
| `dbmate`    | dbmate                    | `<version>_<name>.sql` with `-- migrate:up` / `-- migrate:down` |
| `flyway`    | Flyway                    | `V<version>__<desc>.sql`, `U` (undo), `R__`, `B` (baseline) |

Each layout owns its version rules (migwiz.engine.sets.versions), what it ignores (a notice per entry, in
`MigrationSet.notices`) and what it refuses (MigrationFileError). The layout is detected from the names
(and, for plain `<version>_<name>.sql` files, from whether they hold `-- migrate:up`), or given. See
docs/migration-sets.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from migwiz.engine.errors import MigrationFileError
from migwiz.engine.sets import dbmate, flat, folders
from migwiz.engine.sets.files import (
    PLACEHOLDERS,
    TOOL_NAMES,
    Folder,
    Placeholders,
    check_unique,
    checksum,
    list_folder,
    names,
)
from migwiz.engine.sets.model import Migration, MigrationSet

__all__ = ["LAYOUTS", "checksum", "detect_layout", "load_migration_set", "placeholders_from"]

LAYOUTS = ("native", "directory", "dbmate", "flyway", "sqlx", "prisma")

_LOADERS: dict[str, Callable[[Folder], list[Migration]]] = {
    "native": flat.load_native,
    "sqlx": flat.load_sqlx,
    "flyway": flat.load_flyway,
    "directory": folders.load_diesel,
    "prisma": folders.load_prisma,
    "dbmate": dbmate.load_dbmate,
}
_PLAIN = re.compile(r"[+-]?\d+.*\.sql")  # sqlx's i64 versions may be signed
_EXPECTED = {
    "native": "<version>_<name>.up.sql / <version>_<name>.down.sql",
    "directory": "<version>_<name>/up.sql and down.sql",
    "dbmate": "<version>_<name>.sql with -- migrate:up / -- migrate:down sections",
    "flyway": "V<version>__<name>.sql / U<version>__<name>.sql",
    "sqlx": "<version>_<description>.sql",
    "prisma": "<timestamp>_<name>/migration.sql",
}
_LAYOUT_HINT = 'keep one layout per folder, or name it in migwiz.toml (layout = "...")'


def detect_layout(root: Path, layout: str | None = None) -> str:
    """The layout of the migrations in `root` (one of LAYOUTS); MigrationFileError if none or mixed."""
    folder = list_folder(root)
    return _check_layout(layout) if layout else _detect(folder)


def load_migration_set(
    root: Path, layout: str | None = None, *, placeholders: Placeholders | None = None
) -> MigrationSet:
    """Every migration in `root`, in the order its tool runs them, with scripts split and directives parsed.

    `layout` names the layout (else it is detected). Entries the tool ignores are listed in `notices`.
    `placeholders` are the values of Flyway's `${name}` placeholders (migwiz.toml `[placeholders]`): with
    them, a placeholder without a value is refused; without them (lint), it is left in the text; False
    (`placeholder_replacement = false`): nothing is replaced.
    """
    folder = list_folder(root)
    folder.placeholders = placeholders if placeholders is not None else PLACEHOLDERS.get()
    chosen = _check_layout(layout) if layout else _detect(folder)
    migrations = _LOADERS[chosen](folder)
    if not migrations:
        raise MigrationFileError(
            f"{root}: no {TOOL_NAMES[chosen]} migrations found", hint=f"expected {_EXPECTED[chosen]}"
        )
    baselines = sorted((m for m in migrations if m.baseline), key=lambda m: m.version)
    migrations = [m for m in migrations if not m.baseline]
    check_unique(migrations)
    check_unique(baselines)
    superseded = []
    if baselines:  # Flyway on an empty database: the newest baseline stands for the versions up to it
        newest = baselines[-1]
        superseded = [m for m in migrations if not m.version.repeatable and m.version <= newest.version]
        migrations = [newest, *(m for m in migrations if m not in superseded)]
        folder.notices.extend(_baseline_notices(newest, superseded))
    migrations.sort(key=lambda m: m.version)
    return MigrationSet(
        root, chosen, tuple(migrations), tuple(folder.notices), tuple(baselines), tuple(superseded)
    )


def _baseline_notices(newest: Migration, superseded: list[Migration]) -> list[str]:
    if not superseded:
        return []
    return [
        f"{newest.up.path}: Flyway baseline migration: on a database with no migration applied it runs in"
        f" place of the {len(superseded)} versioned migration(s) up to {newest.version}; where they ran, it"
        " is ignored"
    ]


@contextmanager
def placeholders_from(values: Placeholders) -> Iterator[None]:
    """Within: sets loaded without explicit placeholders use `values` (nothing configured: unchanged)."""
    token = PLACEHOLDERS.set(values) if values is False or values else None
    try:
        yield
    finally:
        if token is not None:
            PLACEHOLDERS.reset(token)


_ANCESTORS = 8
"""How far above the migrations folder `sqlx_project` looks (it stops earlier at the repository's top)."""
_MANIFEST_BYTES = 1 << 20


def sqlx_project(root: Path) -> Path | None:
    """The Cargo.toml naming sqlx in `root` or a folder above it, up to the repository's top (the folder
    holding `.git`): evidence that `.up.sql` / `.down.sql` files are sqlx's reversible migrations rather
    than golang-migrate's. None when there is none, or when a go.mod comes first (a Go module's set)."""
    for parent in [root.resolve(), *root.resolve().parents][:_ANCESTORS]:
        if (parent / "go.mod").is_file():
            return None
        cargo = parent / "Cargo.toml"
        try:
            with cargo.open("rb") as manifest:
                if re.search(rb"\bsqlx\b", manifest.read(_MANIFEST_BYTES)):
                    return cargo
        except OSError:
            pass
        if (parent / ".git").exists():
            return None
    return None


def _check_layout(layout: str) -> str:
    if layout not in LAYOUTS:
        raise MigrationFileError(f"unknown migration layout {layout!r}", hint=f"one of: {', '.join(LAYOUTS)}")
    return layout


def _detect(folder: Folder) -> str:
    found: dict[str, Path] = {}
    plain: list[Path] = []
    for path in folder.dirs:
        try:
            inside = {p.name for p in path.iterdir()}
        except OSError as exc:
            raise MigrationFileError(f"{path}: cannot list the folder: {exc.strerror}") from None
        if "up.sql" in inside:
            found.setdefault("directory", path / "up.sql")
        elif folders.PRISMA_SCRIPT in inside:
            found.setdefault("prisma", path / folders.PRISMA_SCRIPT)
    for path in folder.files:
        if flat.NATIVE.fullmatch(path.name):
            found.setdefault("native", path)
        elif flat.FLYWAY_PREFIX.fullmatch(path.name):
            found.setdefault("flyway", path)
        elif _PLAIN.fullmatch(path.name) and not path.name.lower().endswith((".up.sql", ".down.sql")):
            plain.append(path)
    if plain and not {"directory", "prisma"} & set(found):  # Diesel and Prisma ignore files beside them
        marked = next((p for p in plain if dbmate.marked(folder, p)), None)
        if marked is not None:
            found.setdefault("dbmate", marked)
        elif any("_" in p.name for p in plain):
            found.setdefault("sqlx", next(p for p in plain if "_" in p.name))
    if not found and not plain:  # Flyway scans subfolders: a set kept entirely in them is Flyway's
        nested = next(
            (f for d in folder.dirs for f in sorted(d.rglob("*.sql")) if flat.FLYWAY.fullmatch(f.name)), None
        )
        if nested is not None and not any(
            part.startswith(".") for part in nested.relative_to(folder.root).parts
        ):
            found["flyway"] = nested
    # sqlx runs its simple and reversible files side by side; golang-migrate reads only the latter
    if "native" in found and set(found) <= {"native", "sqlx"} and (cargo := sqlx_project(folder.root)):
        folder.notices.append(
            f"{folder.root}: read as sqlx's, not golang-migrate's (same file names): {cargo} names sqlx;"
            ' set layout = "native" in migwiz.toml if golang-migrate runs these files'
        )
        return "sqlx"
    if len(found) > 1:
        examples = ", ".join(f"{layout} ({path.relative_to(folder.root)})" for layout, path in found.items())
        raise MigrationFileError(f"{folder.root}: mixed migration layouts: {examples}", hint=_LAYOUT_HINT)
    if not found:
        strays = folder.files + folder.dirs
        detail = f": {names(strays)} {'matches' if len(strays) == 1 else 'match'} no layout" if strays else ""
        lower = next((p for p in folder.files if flat.flyway_in_another_case(p.name)), None)
        raise MigrationFileError(
            f"{folder.root}: no migrations found{detail}",
            hint=f"{lower.name}: {flat.FLYWAY_CASE_NOTE}"
            if lower is not None
            else "expected one of: " + "; ".join(_EXPECTED.values()),
        )
    return next(iter(found))
