"""Layouts of one file per script: native (golang-migrate), sqlx and Flyway.

Each follows its tool's reader: golang-migrate (`source/parse.go`) and Flyway (`ResourceNameParser`)
skip names they do not recognise (Flyway's repeatable `R__<desc>.sql` files run after the versioned
ones, by description, and again whenever they change: `Version.repeatable`); sqlx (`migrate/source.rs`)
skips files without `_` or `.sql` but refuses a `<prefix>_....sql` whose prefix is not an `i64` (a sign is
allowed: `-1_a.sql`, `+5_b.sql`).
golang-migrate reads `<version>_<name>.up.<any extension>` and runs the file whatever its extension:
migwiz refuses a migration file that does not end `.sql` (never leaves it out of the order) and, as
golang-migrate, two files for one version and direction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from migwiz.engine.errors import MigrationFileError
from migwiz.engine.sets import streamed
from migwiz.engine.sets.commits import in_transaction_failure, one_query_failure
from migwiz.engine.sets.files import Folder, checksum, duplicate, script, visible
from migwiz.engine.sets.model import Directives, Migration, Script
from migwiz.engine.sets.versions import (
    REPEATABLE,
    Version,
    flyway_version,
    integer_version,
    is_sqlx_version,
    sqlx_version,
)

NATIVE = re.compile(r"(?P<version>[0-9]+)_(?P<name>.*)\.(?P<kind>up|down)\.(?i:sql)")
# golang-migrate's source.Regex: `^([0-9]+)_(.*)\.(down|up)\.(.*)$`, any extension (even none)
GOLANG_MIGRATE = re.compile(r"(?P<version>[0-9]+)_(?P<name>.*)\.(?P<kind>up|down)\.(?P<ext>.*)")
# Flyway's prefixes are case-sensitive, its `.sql` suffix is not (ResourceNameParser.stripSuffix)
FLYWAY = re.compile(r"(?P<kind>[VU])(?P<version>\d+(?:[._]\d+)*)__(?P<name>.*)\.(?i:sql)")
FLYWAY_REPEATABLE = re.compile(r"R__(?P<name>.+)\.(?i:sql)")
FLYWAY_PREFIX = re.compile(r"(?:[VUR]|B\d).*__.*\.(?i:sql)")
FLYWAY_BASELINE = re.compile(r"B(?P<version>\d+(?:[._]\d+)*)__(?P<name>.*)\.(?i:sql)")
# Flyway's SQL callbacks: `<event>.sql` or `<event>__<desc>.sql` (org.flywaydb.core.api.callback.Event)
_FLYWAY_CALLBACK = re.compile(r"(?P<event>[A-Za-z]+)(?:__.*)?\.(?i:sql)")
_FLYWAY_EVENTS = frozenset(
    f"{when}{what}"
    for what in ("Migrate", "EachMigrate", "EachMigrateStatement", "Undo", "EachUndo", "EachUndoStatement",
                 "Clean", "Info", "Validate", "Baseline", "Repair", "Connect", "Repeatables")
    for when in ("before", "after")
) | frozenset(
    f"after{what}Error"
    for what in ("EachMigrate", "EachMigrateStatement", "Migrate", "EachUndo", "EachUndoStatement", "Undo",
                 "Clean", "Info", "Validate", "Baseline", "Repair")
) | {"afterMigrateApplied", "afterVersioned", "createSchema"}  # fmt: skip
_UINT64_MAX = 2**64 - 1
SQLX_NO_TRANSACTION = "-- no-transaction"
MORPH_NON_TRANSACTIONAL = "-- morph:nontransactional"
"""morph (Mattermost's golang-migrate-layout migrator, `drivers/postgres`) runs a file whose text starts
with it outside a transaction."""


@dataclass(frozen=True)
class _File:
    path: Path
    version: Version
    name: str
    kind: str  # up | down | baseline


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
    _refuse_hidden_sqlx_files(folder.root)
    files = []
    for path in folder.files:
        prefix, sep, rest = path.name.partition("_")
        if not sep or not rest.endswith(".sql"):
            folder.ignore(path, "sqlx reads only <version>_<description>.sql")
            continue
        if not is_sqlx_version(prefix):
            raise MigrationFileError(
                f"{path}: {prefix!r} is not an i64 version (sqlx refuses the folder too)",
                hint="rename it <version>_<description>.sql, or move it out of the migrations folder",
            )
        kind, name = "up", rest.removesuffix(".sql")
        if rest.endswith(".up.sql"):
            name = rest.removesuffix(".up.sql")
        elif rest.endswith(".down.sql"):
            kind, name = "down", rest.removesuffix(".down.sql")
        files.append(_File(path, sqlx_version(prefix), name, kind))
    for path in folder.dirs:
        folder.ignore(path, "sqlx does not read subfolders")
    migrations = _paired(folder, files, "sqlx")
    for migration in migrations:  # sqlx's `-- no-transaction` file goes as one query (`execute(sql)`)
        for side in (migration.up, migration.down):
            marked = (
                side is not None
                and not side.directives.transaction
                and folder.head(side.path, len(SQLX_NO_TRANSACTION)) == SQLX_NO_TRANSACTION
            )
            if marked and side is not None and (notice := one_query_failure(side, "sqlx")) is not None:
                folder.notices.append(notice)
            elif side is not None and side.directives.transaction and not marked:
                why = "its first line is not -- no-transaction"
                if (notice := in_transaction_failure(side, "sqlx", why)) is not None:
                    folder.notices.append(notice)
    return migrations


def _refuse_hidden_sqlx_files(root: Path) -> None:
    """sqlx reads hidden files too (`resolve_blocking`): a `._1_x.sql` (macOS's AppleDouble copy) or
    `.1_x.sql` has no i64 version before its first `_`, and sqlx refuses the whole folder for it."""
    try:
        hidden = sorted(p for p in root.iterdir() if p.name.startswith("."))
    except OSError:
        return  # listed just before; reading the folder says why
    for path in hidden:
        prefix, sep, rest = path.name.partition("_")
        if sep and rest.endswith(".sql") and path.is_file():
            raise MigrationFileError(
                f"{path}: {prefix!r} is not an i64 version: sqlx reads hidden files too and refuses the"
                " folder for it",
                hint="delete it (macOS leaves `._` copies on foreign disks) or move it out of the folder",
            )


def load_flyway(folder: Folder) -> list[Migration]:
    """Flyway: `V<version>__<desc>.sql`, undo `U<version>__<desc>.sql`, repeatable `R__<desc>.sql`
    (after every versioned one, by description; again when the file changes) and baseline
    `B<version>__<desc>.sql` (`Migration.baseline`: `MigrationSet.for_history` picks one). As Flyway
    scans its locations recursively, migrations in subfolders belong to the set."""
    files = [f for path in folder.files if (f := _flyway_file(folder, path)) is not None]
    for path in folder.dirs:
        inside = [p for p in _visible_tree(path) if p.is_file()]
        found = [f for p in inside if (f := _flyway_file(folder, p)) is not None]
        if not found:
            folder.ignore(path, "a subfolder without migrations")
        files += found
    return _paired(folder, files, "flyway")


def _flyway_file(folder: Folder, path: Path) -> _File | None:
    if m := FLYWAY.fullmatch(path.name):
        kind = "up" if m["kind"] == "V" else "down"
        return _File(path, flyway_version(m["version"]), m["name"], kind)
    if m := FLYWAY_REPEATABLE.fullmatch(path.name):
        return _File(path, flyway_version(REPEATABLE + m["name"]), m["name"], "up")
    if m := FLYWAY_BASELINE.fullmatch(path.name):
        return _File(path, flyway_version(m["version"]), m["name"], "baseline")
    if path.name.lower().endswith(".sql.conf") and path.with_name(path.name[: -len(".conf")]).is_file():
        return None  # a script configuration file: read with its script (_flyway_base)
    if (c := _FLYWAY_CALLBACK.fullmatch(path.name)) and c["event"] in _FLYWAY_EVENTS:
        folder.ignore(
            path, f"a Flyway callback, run by Flyway on its {c['event']} event; migwiz runs no callbacks"
        )
    elif flyway_in_another_case(path.name):
        folder.ignore(path, FLYWAY_CASE_NOTE)
    elif path.parent == folder.root or path.suffix.lower() == ".sql":  # a subfolder's other files: quiet
        folder.ignore(path, "not a Flyway migration name (Flyway skips it too)")
    return None


FLYWAY_CASE_NOTE = (
    "Flyway's prefixes are case-sensitive: with its default V, U and R it skips this file too; rename it"
    " (a project that sets Flyway's sqlMigrationPrefix to `v` needs V here)"
)


def flyway_in_another_case(name: str) -> bool:
    """A `v1__x.sql` / `u1__x.sql` / `r__x.sql` name: Flyway's by its shape, not by its prefix's case."""
    if name[:1] not in ("v", "u", "r"):
        return False
    upper = name[:1].upper() + name[1:]
    return FLYWAY.fullmatch(upper) is not None or FLYWAY_REPEATABLE.fullmatch(upper) is not None


def _visible_tree(root: Path) -> list[Path]:
    """Every entry under `root` not starting with a dot (nor inside such a folder), sorted by path."""
    out: list[Path] = []
    for child in visible(root):
        out.append(child)
        if child.is_dir() and not child.is_symlink():
            out += _visible_tree(child)
    return out


def _paired(folder: Folder, files: list[_File], layout: str) -> list[Migration]:
    ups: dict[Version, _File] = {}
    downs: dict[Version, _File] = {}
    baselines: dict[Version, _File] = {}
    for f in sorted(files, key=lambda f: str(f.path)):
        side = ups if f.kind == "up" else downs if f.kind == "down" else baselines
        if f.version in side:
            duplicate(side[f.version].path, f.path)
        side[f.version] = f
    for version, down in downs.items():
        if version not in ups:
            hint = "add the up script or delete the down script"
            if layout == "native":  # golang-migrate's migrate.go `newMigration`: a missing up is empty
                hint = (
                    "golang-migrate records this version on up without running anything and runs this file"
                    f" on down: an empty {down.path.name.replace('.down.', '.up.', 1)} does the same here;"
                    " else delete the down script"
                )
            raise MigrationFileError(
                f"{down.path}: down script without an up script for version {version}", hint=hint
            )
    migrations = []
    for version, up in [*ups.items(), *baselines.items()]:
        up_path = up.path
        up_script, up_checksum = _flat_script(folder, up_path, layout)
        down_file = downs.get(version) if up.kind == "up" else None
        down_script = _flat_script(folder, down_file.path, layout)[0] if down_file is not None else None
        migrations.append(
            Migration(
                version=version,
                name=up.name,
                up=up_script,
                down=down_script,
                checksum=up_checksum,
                layout=layout,
                baseline=up.kind == "baseline",
            )
        )
    return migrations


def _flat_script(folder: Folder, path: Path, layout: str) -> tuple[Script, str]:
    """The script of an up or down file of a flat layout, and its checksum; a big file streamed, never
    held whole."""
    if layout != "flyway":
        return folder.script(path, base=_marked_base(layout, folder.head(path, len(MORPH_NON_TRANSACTIONAL))))
    base = _flyway_base(folder, path)
    if folder.big(path):
        found = folder.script(path, base=base)
        if folder.placeholders is not False and _may_hold_placeholders(found[0]):
            raise MigrationFileError(
                f"{path}: over {streamed.STREAM_ABOVE / (1024 * 1024):g} MiB and holds ${{:"
                " migwiz replaces Flyway placeholders only in smaller files",
                hint="set placeholder_replacement = false in migwiz.toml, or split the file",
            )
        return found
    text = folder.text(path)  # placeholders are replaced in the text before it runs
    return script(path, _replace_placeholders(folder, path, text), base=base), checksum(text)


def _may_hold_placeholders(found: Script) -> bool:
    statements = found.statements
    return not isinstance(statements, streamed.StreamedStatements) or statements.may_hold(["${"])


def _sqlx_base(text: str) -> Directives | None:
    """sqlx runs a file starting with `-- no-transaction` outside a transaction."""
    return Directives(transaction=False) if text.startswith(SQLX_NO_TRANSACTION) else None


def _marked_base(layout: str, text: str) -> Directives | None:
    """The tool's own no-transaction marker at the start of `text`: sqlx's `-- no-transaction`, or in a
    golang-migrate set morph's `-- morph:nontransactional` (both checked on the first bytes, as the tools
    do)."""
    if layout == "sqlx":
        return _sqlx_base(text)
    if layout == "native" and text.startswith(MORPH_NON_TRANSACTIONAL):
        return Directives(transaction=False)
    return None


_PLACEHOLDER = re.compile(r"\$\{(?P<name>[^}\n]+?)\}")
# Flyway's built-in placeholders that do not depend on the connection (`flyway:defaultSchema` is the
# connection's current schema when no `schemas` are configured: `public` on a default PostgreSQL setup)
_BUILT_IN = {"flyway:defaultschema": "public", "flyway:table": "flyway_schema_history"}
_CONNECTION_BUILT_IN = ("flyway:user", "flyway:database", "flyway:timestamp")


def connection_placeholders(dsn: str) -> dict[str, str]:
    """Flyway's built-in placeholders that come from its connection (`ParsingContext.populate`): the user
    (`flyway:user`) and database (`flyway:database`) `dsn` names, with libpq's defaults (PGUSER, else the
    system user; PGDATABASE, else the user; a malformed `dsn` names none), and the time of the run
    (`flyway:timestamp`)."""
    import getpass
    import os
    from datetime import datetime

    from psycopg import ProgrammingError
    from psycopg.conninfo import conninfo_to_dict

    try:
        given = conninfo_to_dict(dsn)
    except ProgrammingError:  # a malformed DSN is refused, secrets scrubbed, where it is used to connect
        given = {}
    user = str(given.get("user") or os.environ.get("PGUSER") or getpass.getuser())
    database = str(given.get("dbname") or os.environ.get("PGDATABASE") or user)
    now = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    return {"flyway:user": user, "flyway:database": database, "flyway:timestamp": now}


def _replace_placeholders(folder: Folder, path: Path, text: str) -> str:
    """Flyway replaces `${name}` in a migration (comments and strings too) before running it, and refuses
    one without a value (`PlaceholderReplacer`); the checksum stays that of the file as written."""
    if "${" not in text or folder.placeholders is False:
        return text
    given = {k.lower(): v for k, v in (folder.placeholders or {}).items()}

    def value(m: re.Match[str]) -> str:
        name = m["name"].lower()
        if name in given:
            return given[name]
        if name == "flyway:filename":
            return path.name
        if name in _BUILT_IN:
            return _BUILT_IN[name]
        if name in _CONNECTION_BUILT_IN:  # no connection named (lint): libpq's default user and database
            return connection_placeholders("")[name]
        if folder.placeholders is None:
            return m.group()  # not configured (lint): left as written
        line = text.count("\n", 0, m.start()) + 1
        raise MigrationFileError(
            f"{path}:{line}: Flyway placeholder {m.group()} has no value (Flyway refuses it too)",
            hint=f'give it a value in migwiz.toml: [migwiz.placeholders] {_toml_key(m["name"])} = "..."',
        )

    return _PLACEHOLDER.sub(value, text)


def _toml_key(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z0-9_-]+", name) else '"' + name.replace('"', '\\"') + '"'


def _flyway_base(folder: Folder, script_path: Path) -> Directives | None:
    """Flyway's script configuration file `<script>.sql.conf` beside a script: `executeInTransaction=false`
    runs it outside a transaction; `encoding` must be UTF-8; other settings are refused."""
    conf = script_path.with_name(script_path.name + ".conf")
    if not conf.is_file():
        return None
    directives = None
    for number, raw in enumerate(folder.text(conf).splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = (part.strip() for part in line.partition("="))
        if key == "executeInTransaction" and sep and value.lower() in ("true", "false"):
            directives = Directives(transaction=value.lower() == "true")
        elif key == "encoding" and sep and value.upper().replace("_", "-") in ("UTF-8", "UTF8"):
            continue
        else:
            raise MigrationFileError(
                f"{conf}:{number}: Flyway script setting {line!r} is not supported",
                hint="migwiz reads executeInTransaction=true|false and encoding=UTF-8",
            )
    return directives
