"""Layouts of one file per script: native (golang-migrate), sqlx and Flyway.

Each follows its tool's reader: golang-migrate (`source/parse.go`) and Flyway (`ResourceNameParser`)
skip names they do not recognise; sqlx (`migrate/source.rs`) skips files without `_` or `.sql` but
refuses a `<prefix>_....sql` whose prefix is not an integer. golang-migrate reads
`<version>_<name>.up.<any extension>` and runs the file whatever its extension: migwiz refuses a
migration file that does not end `.sql` (never leaves it out of the order) and, as golang-migrate, two
files for one version and direction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from migwiz.engine.errors import MigrationFileError
from migwiz.engine.sets.files import Folder, duplicate, script
from migwiz.engine.sets.model import Directives, Migration
from migwiz.engine.sets.versions import Version, flyway_version, integer_version

NATIVE = re.compile(r"(?P<version>[0-9]+)_(?P<name>.*)\.(?P<kind>up|down)\.(?i:sql)")
# golang-migrate's source.Regex: `^([0-9]+)_(.*)\.(down|up)\.(.*)$`, any extension (even none)
GOLANG_MIGRATE = re.compile(r"(?P<version>[0-9]+)_(?P<name>.*)\.(?P<kind>up|down)\.(?P<ext>.*)")
# Flyway's prefixes are case-sensitive, its `.sql` suffix is not (ResourceNameParser.stripSuffix)
FLYWAY = re.compile(r"(?P<kind>[VU])(?P<version>\d+(?:[._]\d+)*)__(?P<name>.*)\.(?i:sql)")
FLYWAY_PREFIX = re.compile(r"(?:[VUR]|B\d).*__.*\.(?i:sql)")
_FLYWAY_UNSUPPORTED = re.compile(r"(?:R|B\d+(?:[._]\d+)*)__.+\.(?i:sql)")
_UINT64_MAX = 2**64 - 1
_I64_MAX = 2**63 - 1
SQLX_NO_TRANSACTION = "-- no-transaction"


@dataclass(frozen=True)
class _File:
    path: Path
    version: Version
    name: str
    kind: str  # up | down


def load_native(folder: Folder) -> list[Migration]:
    """golang-migrate: `<uint64>_<name>.up.sql` / `.down.sql`; other names are ignored."""
    files = []
    for path in folder.files:
        m = GOLANG_MIGRATE.fullmatch(path.name)
        if m is None:
            folder.ignore(path, "golang-migrate reads only <version>_<name>.up.<ext> / .down.<ext>")
        elif int(m["version"]) > _UINT64_MAX:
            folder.ignore(path, "version beyond uint64: golang-migrate skips it")
        else:
            files.append(_File(path, integer_version(m["version"]), m["name"], m["kind"]))
    for path in folder.dirs:
        folder.ignore(path, "golang-migrate does not read subfolders")
    _refuse_non_sql(files)
    migrations = _paired(folder, files, "native")
    for migration in migrations:
        if folder.head(migration.up.path, len(SQLX_NO_TRANSACTION)) == SQLX_NO_TRANSACTION:
            folder.notices.append(
                f'{migration.up.path}: starts with `{SQLX_NO_TRANSACTION}` (sqlx): set layout = "sqlx" in'
                " migwiz.toml to run it outside a transaction"
            )
    return migrations


def _refuse_non_sql(files: list[_File]) -> None:
    """golang-migrate runs `<v>_<name>.up.<ext>` whatever `<ext>` is: refuse what migwiz would not run."""
    by_key: dict[tuple[Version, str], list[Path]] = {}
    for f in files:
        by_key.setdefault((f.version, f.kind), []).append(f.path)
    for f in files:
        if NATIVE.fullmatch(f.path.name):
            continue
        twins = [p for p in by_key[(f.version, f.kind)] if p != f.path]
        if twins:
            raise MigrationFileError(
                f"{f.path}: golang-migrate reads it as migration {f.version} ({f.kind}), like"
                f" {twins[0].name}, and refuses the folder (duplicate migration)",
                hint="delete the copy or move it out of the migrations folder",
            )
        m = GOLANG_MIGRATE.fullmatch(f.path.name)
        sql_name = f.path.name[: m.start("ext")] + "sql" if m else f.path.name
        raise MigrationFileError(
            f"{f.path}: golang-migrate runs it as migration {f.version} ({f.kind}) whatever its extension;"
            " migwiz reads only .sql",
            hint=f"rename it {sql_name} if it is SQL, or move it out of the migrations folder",
        )


def load_sqlx(folder: Folder) -> list[Migration]:
    """sqlx: `<i64>_<desc>.sql` (simple) or `.up.sql` / `.down.sql` (reversible)."""
    files = []
    for path in folder.files:
        prefix, sep, rest = path.name.partition("_")
        if not sep or not rest.endswith(".sql"):
            folder.ignore(path, "sqlx reads only <version>_<description>.sql")
            continue
        if not (prefix.isascii() and prefix.isdigit()) or int(prefix) > _I64_MAX:
            raise MigrationFileError(
                f"{path}: {prefix!r} is not an integer version (sqlx refuses this file)",
                hint="rename it <version>_<description>.sql, or move it out of the migrations folder",
            )
        kind, name = "up", rest.removesuffix(".sql")
        if rest.endswith(".up.sql"):
            name = rest.removesuffix(".up.sql")
        elif rest.endswith(".down.sql"):
            kind, name = "down", rest.removesuffix(".down.sql")
        files.append(_File(path, integer_version(prefix), name, kind))
    for path in folder.dirs:
        folder.ignore(path, "sqlx does not read subfolders")
    return _paired(folder, files, "sqlx")


def load_flyway(folder: Folder) -> list[Migration]:
    """Flyway: `V<version>__<desc>.sql` and undo `U<version>__<desc>.sql`; `R__`/`B` are refused."""
    files = []
    for path in folder.files:
        if m := FLYWAY.fullmatch(path.name):
            kind = "up" if m["kind"] == "V" else "down"
            files.append(_File(path, flyway_version(m["version"]), m["name"], kind))
        elif _FLYWAY_UNSUPPORTED.fullmatch(path.name):
            raise MigrationFileError(
                f"{path}: Flyway repeatable (R__) and baseline (B) migrations are not supported",
                hint="turn it into a versioned V<version>__<name>.sql migration",
            )
        else:
            folder.ignore(path, "not a Flyway migration name (Flyway skips it too)")
    for path in folder.dirs:
        if any(FLYWAY_PREFIX.fullmatch(p.name) for p in path.rglob("*.sql")):
            raise MigrationFileError(
                f"{path}: Flyway migrations in subfolders are not supported",
                hint="move them into the migrations folder itself",
            )
        folder.ignore(path, "a subfolder without migrations")
    return _paired(folder, files, "flyway")


def _paired(folder: Folder, files: list[_File], layout: str) -> list[Migration]:
    ups: dict[Version, _File] = {}
    downs: dict[Version, _File] = {}
    for f in sorted(files, key=lambda f: str(f.path)):
        side = ups if f.kind == "up" else downs
        if f.version in side:
            duplicate(side[f.version].path, f.path)
        side[f.version] = f
    for version, down in downs.items():
        if version not in ups:
            raise MigrationFileError(
                f"{down.path}: down script without an up script for version {version}",
                hint="add the up script or delete the down script",
            )
    migrations = []
    for version, up in ups.items():
        up_path = up.path
        base = _sqlx_base(folder.head(up_path, len(SQLX_NO_TRANSACTION))) if layout == "sqlx" else None
        up_script, up_checksum = folder.script(up_path, base=base)  # a big file streamed, never held whole
        down_file = downs.get(version)
        down_script = None
        if down_file is not None:
            down_text = folder.text(down_file.path)
            down_base = _sqlx_base(down_text) if layout == "sqlx" else None
            down_script = script(down_file.path, down_text, base=down_base)
        migrations.append(
            Migration(
                version=version,
                name=up.name,
                up=up_script,
                down=down_script,
                checksum=up_checksum,
                layout=layout,
            )
        )
    return migrations


def _sqlx_base(text: str) -> Directives | None:
    """sqlx runs a file starting with `-- no-transaction` outside a transaction."""
    return Directives(transaction=False) if text.startswith(SQLX_NO_TRANSACTION) else None
