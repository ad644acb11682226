"""Reading migration files: the one place they are read, checksums, scripts and shared errors."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from migwiz.engine.errors import MigrationFileError
from migwiz.engine.sets.directives import directives_from_scan
from migwiz.engine.sets.model import Directives, Migration, Script, Version
from migwiz.engine.sets.splitting import ScannedSql, scan_sql

TOOL_NAMES = {
    "native": "golang-migrate",
    "directory": "Diesel",
    "dbmate": "dbmate",
    "flyway": "Flyway",
    "sqlx": "sqlx",
    "prisma": "Prisma",
}


_HASH_CHUNK = 1 << 20


def checksum(text: str) -> str:
    """sha256 hex of `text` with CRLF and CR line ends turned into LF; nothing else is normalised.

    >>> checksum("select 1;\\r\\n") == checksum("select 1;\\n") != checksum("select 1; \\n")
    True
    """
    digest = hashlib.sha256()
    text = lf(text)
    for start in range(0, len(text), _HASH_CHUNK):  # encoded a piece at a time: no second copy of a big file
        digest.update(text[start : start + _HASH_CHUNK].encode("utf-8"))
    return digest.hexdigest()


Placeholders = Mapping[str, str] | Literal[False]
"""Flyway placeholder values, or False when replacement is off (migwiz.toml `placeholder_replacement`)."""


@dataclass
class Folder:
    """The entries of a migrations folder (hidden ones left out), read once, with texts cached."""

    root: Path
    files: list[Path]
    dirs: list[Path]
    notices: list[str] = field(default_factory=list)
    placeholders: Placeholders | None = None
    """Flyway placeholder values (None: not configured, left in the text; False: no replacement at all)."""
    _texts: dict[Path, str] = field(default_factory=dict)

    def text(self, path: Path) -> str:
        """The file's text (read once)."""
        if path not in self._texts:
            self._texts[path] = _read(path)
        return self._texts[path]

    def script(self, path: Path, *, base: Directives | None = None) -> tuple[Script, str]:
        """The script of the file at `path` and its checksum; a big file is streamed, never held whole
        (`sets.streamed`)."""
        from migwiz.engine.sets.streamed import streamed_script

        if self.big(path):
            return streamed_script(path, base=base)
        text = self.text(path)
        return script(path, text, base=base), checksum(text)

    def big(self, path: Path) -> bool:
        """Whether the file is streamed rather than read whole (over `streamed.STREAM_ABOVE` bytes)."""
        from migwiz.engine.sets.streamed import STREAM_ABOVE

        try:
            return path not in self._texts and path.stat().st_size > STREAM_ABOVE
        except OSError:
            return False  # reading it says why

    def empty(self, path: Path) -> bool:
        """Whether the file holds no text at all (a big file is not read for it)."""
        return not self.big(path) and not self.text(path)

    def head(self, path: Path, size: int) -> str:
        """The first `size` characters of the file (or fewer), without reading a big file whole."""
        if path in self._texts:
            return self._texts[path][:size]
        from migwiz.engine.sets.reading import read_migration_head

        return read_migration_head(path, size)

    def ignore(self, path: Path, why: str) -> None:
        """Record a one-line notice: `path` is not part of the set."""
        self.notices.append(f"{path}: ignored ({why})")


def list_folder(root: Path) -> Folder:
    """The visible files and folders of `root`, sorted by name."""
    children = visible(root, f"{root}: no such migrations folder")
    return Folder(root, [p for p in children if not p.is_dir()], [p for p in children if p.is_dir()])


def visible(folder: Path, missing: str | None = None) -> list[Path]:
    """Entries of `folder` not starting with a dot, sorted by name."""
    try:
        children = sorted(folder.iterdir(), key=_name)  # one folder's entries: by name is by path, faster
    except FileNotFoundError:
        raise MigrationFileError(missing or f"{folder}: no such folder") from None
    except NotADirectoryError:
        raise MigrationFileError(f"{folder}: not a folder") from None
    except OSError as exc:
        raise MigrationFileError(f"{folder}: cannot list the folder: {exc.strerror}") from None
    return [p for p in children if not p.name.startswith(".")]


def _name(path: Path) -> str:
    return path.name


PLACEHOLDERS: ContextVar[Placeholders | None] = ContextVar("migwiz_placeholders", default=None)
"""When set, the Flyway placeholder values of sets loaded without explicit ones (lint of a configured
project: `sets.placeholders_from`)."""

SCANS: ContextVar[dict[tuple[str, int], ScannedSql] | None] = ContextVar("migwiz_scans", default=None)
"""When set, scripts' scans are kept and reused here by (sha256 of the text, first line): a cache of split
statements across runs (`migwiz.engine.analysis.lintcache.remembered_scans`)."""


def script(path: Path, text: str, *, first_line: int = 1, base: Directives | None = None) -> Script:
    """A script from its text: statements split, directives parsed (on top of `base`)."""
    body = lf(text).removeprefix("\ufeff")
    scanned = _scan(body, path, first_line)
    directives, ignores = directives_from_scan(scanned, path=path, base=base)
    return Script(path, scanned.statements, directives, ignores, first_line)


def _scan(body: str, path: Path, first_line: int) -> ScannedSql:
    memo = SCANS.get()
    if memo is None:
        return scan_sql(body, path=path, first_line=first_line)
    key = (hashlib.sha256(body.encode("utf-8")).hexdigest(), first_line)
    found = memo.get(key)
    if found is None:
        found = memo[key] = scan_sql(body, path=path, first_line=first_line)
    return found


def read_migration_file(path: Path) -> str:
    """A migration file's text (UTF-8, as written); MigrationFileError when it cannot be read."""
    return _read(path)


def _read(path: Path) -> str:
    from migwiz.engine.sets.reading import read_migration_bytes  # regular files only, bounded, never blocks

    data = read_migration_bytes(path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise MigrationFileError(
            f"{path}:{line}: not valid UTF-8 (byte 0x{data[exc.start]:02x})",
            hint="save the file as UTF-8",
        ) from None


def check_unique(migrations: list[Migration]) -> None:
    """Refuse two migrations with the same version (the same identity in their tool)."""
    seen: dict[Version, Path] = {}
    for m in sorted(migrations, key=lambda m: str(m.up.path)):
        if m.version in seen:
            duplicate(seen[m.version], m.up.path)
        seen[m.version] = m.up.path


def duplicate(first: Path, second: Path) -> None:
    """Raise the duplicate-version error."""
    raise MigrationFileError(
        f"duplicate migration version: {first} and {second}",
        hint="give each migration its own version",
    )


def lf(text: str) -> str:
    """Text with CRLF and CR line ends turned into LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def line_of(text: str, pos: int) -> int:
    """1-based line of offset `pos`."""
    return text.count("\n", 0, pos) + 1


def names(paths: Iterable[Path]) -> str:
    """Up to three paths, then how many more."""
    shown = [str(p) for p in paths]
    more = f" and {len(shown) - 3} more" if len(shown) > 3 else ""
    return ", ".join(shown[:3]) + more
