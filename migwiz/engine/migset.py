"""Load a folder of migrations in one of four layouts into a MigrationSet.

- native (golang-migrate, sqlx reversible): `<version>_<name>.up.sql` and `<version>_<name>.down.sql`
- directory (Diesel): `<version>_<name>/up.sql` and `<version>_<name>/down.sql`
- dbmate: `<version>_<name>.sql` with `-- migrate:up` and `-- migrate:down` sections
- flyway: `V<version>__<name>.sql` and undo `U<version>__<name>.sql` (`R__` repeatables are refused)

The layout is detected from the file names. Hidden entries and files not ending in `.sql` are ignored;
every other `.sql` file must be a migration of the layout. See docs/migration-sets.md.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from migwiz.engine.directives import directives_from_scan
from migwiz.engine.errors import MigrationFileError
from migwiz.engine.model import Directives, Migration, MigrationSet, Script, Version
from migwiz.engine.splitting import scan_sql

LAYOUTS = ("native", "directory", "dbmate", "flyway")

_NATIVE = re.compile(r"(?P<version>\d+)_(?P<name>.+)\.(?P<kind>up|down)\.sql")
_DBMATE = re.compile(r"(?P<version>\d+)_(?P<name>.+)(?<!\.up)(?<!\.down)\.sql", re.IGNORECASE)
_FLYWAY = re.compile(r"(?P<kind>[VU])(?P<version>\d+(?:[._]\d+)*)__(?P<name>.+)\.sql")
_FLYWAY_UNSUPPORTED = re.compile(r"(?:R|B\d+(?:[._]\d+)*)__.+\.sql")
_DIRECTORY = re.compile(r"(?P<version>\d[\d-]*)_(?P<name>.+)")
_DBMATE_MARK = re.compile(r"^--[ \t]*migrate:(?P<kind>up|down)\b(?P<options>[^\n]*)$", re.MULTILINE)
_DIRECTORY_FILES = ("up.sql", "down.sql")

_EXPECTED = {
    "native": "<version>_<name>.up.sql / <version>_<name>.down.sql",
    "directory": "<version>_<name>/up.sql and down.sql",
    "dbmate": "<version>_<name>.sql with -- migrate:up / -- migrate:down sections",
    "flyway": "V<version>__<name>.sql / U<version>__<name>.sql",
}


def checksum(text: str) -> str:
    """sha256 hex of `text` with CRLF and CR line ends turned into LF; nothing else is normalised.

    >>> checksum("select 1;\\r\\n") == checksum("select 1;\\n") != checksum("select 1; \\n")
    True
    """
    return hashlib.sha256(_lf(text).encode("utf-8")).hexdigest()


def detect_layout(root: Path) -> str:
    """The layout of the migrations in `root` (one of LAYOUTS); MigrationFileError if none or mixed."""
    return _detect(root, _classify(root))


def load_migration_set(root: Path) -> MigrationSet:
    """Every migration in `root`, ordered by version, with scripts split and directives parsed."""
    entries = _classify(root)
    layout = _detect(root, entries)
    strays = [e.path for e in entries if e.layout != layout]
    if strays:
        raise MigrationFileError(
            f"{_names(strays)} {'does' if len(strays) == 1 else 'do'} not match the {layout} layout "
            f"of {root} (expected {_EXPECTED[layout]})",
            hint="rename the file, or move it out of the migrations folder",
        )
    migrations = [_load_dbmate(e) for e in entries] if layout == "dbmate" else _load_paired(layout, entries)
    migrations.sort(key=lambda m: m.version)
    _check_unique(migrations)
    return MigrationSet(root, layout, tuple(migrations))


@dataclass(frozen=True)
class _Entry:
    path: Path
    layout: str | None
    version: str = ""
    name: str = ""
    kind: str = "up"


def _classify(root: Path) -> list[_Entry]:
    try:
        children = sorted(root.iterdir())
    except FileNotFoundError:
        raise MigrationFileError(f"{root}: no such migrations folder") from None
    except NotADirectoryError:
        raise MigrationFileError(f"{root}: not a folder") from None
    except OSError as exc:
        raise MigrationFileError(f"{root}: cannot list the folder: {exc.strerror}") from None
    entries: list[_Entry] = []
    for child in children:
        if child.name.startswith("."):
            continue
        if child.is_dir():
            entries.extend(_classify_directory(child))
        elif child.name.endswith(".sql"):
            entries.append(_classify_file(child))
    return entries


def _classify_file(path: Path) -> _Entry:
    name = path.name
    if m := _NATIVE.fullmatch(name):
        return _Entry(path, "native", m["version"], m["name"], m["kind"])
    if m := _FLYWAY.fullmatch(name):
        kind = "up" if m["kind"] == "V" else "down"
        return _Entry(path, "flyway", m["version"].replace("_", "."), m["name"], kind)
    if _FLYWAY_UNSUPPORTED.fullmatch(name):
        return _Entry(path, "flyway", kind="unsupported")
    if m := _DBMATE.fullmatch(name):
        return _Entry(path, "dbmate", m["version"], m["name"])
    return _Entry(path, None)


def _classify_directory(folder: Path) -> list[_Entry]:
    m = _DIRECTORY.fullmatch(folder.name)
    try:
        sql_files = sorted(
            p for p in folder.iterdir() if p.name.endswith(".sql") and not p.name.startswith(".")
        )
    except OSError as exc:
        raise MigrationFileError(f"{folder}: cannot list the folder: {exc.strerror}") from None
    if m is None:
        # An unrelated folder, unless it holds migration scripts.
        if any(p.name in _DIRECTORY_FILES for p in sql_files):
            return [_Entry(folder, None)]
        return []
    if not sql_files:
        raise MigrationFileError(f"{folder}: migration folder without up.sql")
    return [
        _Entry(p, "directory" if p.name in _DIRECTORY_FILES else None, m["version"], m["name"], p.stem)
        for p in sql_files
    ]


def _detect(root: Path, entries: list[_Entry]) -> str:
    found: dict[str, Path] = {}
    for entry in entries:
        if entry.layout is not None:
            found.setdefault(entry.layout, entry.path)
    if len(found) > 1:
        examples = ", ".join(f"{layout} ({path.relative_to(root)})" for layout, path in found.items())
        raise MigrationFileError(
            f"{root}: mixed migration layouts: {examples}",
            hint="keep one layout per folder (see docs/migration-sets.md)",
        )
    if not found:
        strays = [e.path for e in entries]
        detail = (
            f": {_names(strays)} {'matches' if len(strays) == 1 else 'match'} no layout" if strays else ""
        )
        raise MigrationFileError(
            f"{root}: no migrations found{detail}",
            hint="expected one of: " + "; ".join(_EXPECTED.values()),
        )
    return next(iter(found))


def _load_paired(layout: str, entries: list[_Entry]) -> list[Migration]:
    ups: dict[Version, _Entry] = {}
    downs: dict[Version, _Entry] = {}
    for entry in entries:
        if entry.kind == "unsupported":
            raise MigrationFileError(
                f"{entry.path}: Flyway repeatable (R__) and baseline (B) migrations are not supported",
                hint="turn it into a versioned V<version>__<name>.sql migration",
            )
        side = ups if entry.kind == "up" else downs
        version = Version(entry.version)
        if version in side:
            _duplicate(side[version].path, entry.path)
        side[version] = entry
    for version, down in downs.items():
        if version not in ups:
            raise MigrationFileError(
                f"{down.path}: down script without an up script for version {version}",
                hint="add the up script or delete the down script",
            )
    migrations = []
    for version, up in ups.items():
        up_text = _read(up.path)
        down_entry = downs.get(version)
        migrations.append(
            Migration(
                version=version,
                name=up.name,
                up=_script(up.path, up_text),
                down=_script(down_entry.path, _read(down_entry.path)) if down_entry else None,
                checksum=checksum(up_text),
                layout=layout,
            )
        )
    return migrations


def _load_dbmate(entry: _Entry) -> Migration:
    path = entry.path
    text = _lf(_read(path))
    marks: dict[str, re.Match[str]] = {}
    for m in _DBMATE_MARK.finditer(text):
        if m["kind"] in marks:
            first = _line(text, marks[m["kind"]].start())
            raise MigrationFileError(
                f"{path}:{_line(text, m.start())}: second -- migrate:{m['kind']} (first at line {first})"
            )
        marks[m["kind"]] = m
    up = marks.get("up")
    down = marks.get("down")
    if up is None:
        raise MigrationFileError(
            f"{path}: no -- migrate:up section", hint="dbmate files start with -- migrate:up"
        )
    if down is not None and down.start() < up.start():
        raise MigrationFileError(f"{path}:{_line(text, down.start())}: -- migrate:down before -- migrate:up")
    head = scan_sql(text[: up.start()], path=path)
    if head.statements:
        raise MigrationFileError(f"{path}:{head.statements[0].line}: statement before -- migrate:up")
    for comment in head.comments:
        if "migwiz:" in comment.text:
            raise MigrationFileError(f"{path}:{comment.line}: put migwiz directives after -- migrate:up")
    up_end = down.start() if down else len(text)
    return Migration(
        version=Version(entry.version),
        name=entry.name,
        up=_dbmate_script(path, text, up, up_end),
        down=_dbmate_script(path, text, down, len(text)) if down else None,
        checksum=checksum(text),
        layout="dbmate",
    )


def _dbmate_script(path: Path, text: str, mark: re.Match[str], end: int) -> Script:
    line = _line(text, mark.start())
    transaction = True
    for option in mark["options"].split():
        key, _, value = option.partition(":")
        if key != "transaction" or value not in ("true", "false"):
            raise MigrationFileError(
                f"{path}:{line}: dbmate option {option!r} is not supported",
                hint="migwiz understands transaction:false",
            )
        transaction = value == "true"
    start = min(mark.end() + 1, end)
    return _script(path, text[start:end], first_line=line + 1, base=Directives(transaction=transaction))


def _script(path: Path, text: str, *, first_line: int = 1, base: Directives | None = None) -> Script:
    body = _lf(text).removeprefix("\ufeff")
    scanned = scan_sql(body, path=path, first_line=first_line)
    directives, ignores = directives_from_scan(scanned, path=path, base=base)
    return Script(path, scanned.statements, directives, ignores, first_line)


def _read(path: Path) -> str:
    from migwiz.engine.files import read_migration_bytes  # regular files only, bounded, never blocks

    data = read_migration_bytes(path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise MigrationFileError(
            f"{path}:{line}: not valid UTF-8 (byte 0x{data[exc.start]:02x})",
            hint="save the file as UTF-8",
        ) from None


def _check_unique(migrations: list[Migration]) -> None:
    for before, after in itertools.pairwise(migrations):
        if before.version == after.version:
            _duplicate(before.up.path, after.up.path)


def _duplicate(first: Path, second: Path) -> None:
    raise MigrationFileError(
        f"duplicate migration version: {first} and {second}",
        hint="give each migration its own version",
    )


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _names(paths: Iterable[Path]) -> str:
    shown = [str(p) for p in paths]
    more = f" and {len(shown) - 3} more" if len(shown) > 3 else ""
    return ", ".join(shown[:3]) + more
