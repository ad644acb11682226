"""Reading migration files safely: regular files only, never blocking, never unbounded.

A migration that is a symlink to `/dev/zero` would be read until memory runs out, and a FIFO would block
the read forever: only regular files are read, the file is opened non-blocking, and at most
`MAX_MIGRATION_BYTES` are read.
"""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from migwiz.engine.errors import MigrationFileError
from migwiz.engine.sets.model import Statement
from migwiz.engine.sets.splitting import STREAM_PIECE, Comment, iter_statements

if TYPE_CHECKING:
    from hashlib import _Hash as Hash

MAX_MIGRATION_BYTES = 256 * 1024 * 1024
_CHUNK = 1024 * 1024
_KINDS = {
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
}


def _kind(mode: int) -> str:
    return _KINDS.get(stat.S_IFMT(mode), "a special file")


def _not_regular(path: Path, mode: int) -> MigrationFileError:
    resolved = os.path.realpath(path)
    target = f" (it resolves to {resolved})" if resolved != os.path.abspath(path) else ""
    return MigrationFileError(
        f"{path}: not a regular file but {_kind(mode)}{target}; migwiz reads only regular files",
        "replace it with a regular .sql file",
    )


def _too_big(path: Path, limit: int) -> MigrationFileError:
    return MigrationFileError(
        f"{path}: larger than {limit // (1024 * 1024)} MiB, the most migwiz reads and analyses in one file",
        "split it into several migrations, or load bulk data with COPY outside the migration set",
    )


def _open_regular(path: Path, limit: int) -> int:
    """A non-blocking descriptor of the regular file at `path`, at most `limit` bytes (checked twice)."""
    try:
        before = os.stat(path)
        if not stat.S_ISREG(before.st_mode):
            raise _not_regular(path, before.st_mode)
        if before.st_size > limit:
            raise _too_big(path, limit)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
        opened = os.fstat(fd)
    except OSError as exc:
        raise MigrationFileError(f"{path}: cannot read: {exc.strerror}") from None
    if not stat.S_ISREG(opened.st_mode):  # replaced between the two looks
        os.close(fd)
        raise _not_regular(path, opened.st_mode)
    return fd


def stream_statements(
    path: Path,
    *,
    limit: int = MAX_MIGRATION_BYTES,
    piece_size: int = STREAM_PIECE,
    first_line: int = 1,
    digest: Hash | None = None,
    on_comment: Callable[[Comment], None] | None = None,
    stamp: FileStamp | None = None,
    lines: Lines | None = None,
) -> Iterator[Statement]:
    """The statements of the migration file at `path`, split as `sets.files.script` splits its whole text
    (UTF-8, CRLF and CR read as LF, a leading BOM dropped), read a piece at a time: memory holds one piece
    and the statement being read, whatever the size of the file. Refused as `read_migration_bytes`
    refuses (not a regular file, over `limit`); bad UTF-8 and NUL are named with their line.

    `digest` is fed the text as `sets.files.checksum` hashes it; `on_comment` gets every comment;
    `stamp` (the file as it was first read) refuses a file changed since, at the start and at the end.
    `lines` splits only those lines of the file (a section; `first_line` should be its first line), while
    `digest` still hashes all of it."""
    fd = _open_regular(path, limit)
    try:
        if stamp is not None:
            _check_stamp(fd, path, stamp)
        pieces = _text_pieces(fd, path, limit, piece_size, digest)
        if lines is not None:
            pieces = lines.of(pieces, to_the_end=digest is not None)
        yield from iter_statements(
            pieces, path=path, first_line=first_line, piece_size=piece_size, on_comment=on_comment
        )
        if stamp is not None:
            _check_stamp(fd, path, stamp)
    finally:
        os.close(fd)


def text_pieces(path: Path, piece_size: int, stamp: FileStamp) -> Iterator[str]:
    """The text of the migration file at `path` (read as `stream_statements` reads it), a piece at a
    time, not split into statements; refused as it refuses, and when the file is not `stamp` any more."""
    fd = _open_regular(path, MAX_MIGRATION_BYTES)
    try:
        _check_stamp(fd, path, stamp)
        yield from _text_pieces(fd, path, MAX_MIGRATION_BYTES, piece_size, None)
    finally:
        os.close(fd)


@dataclass(frozen=True, slots=True)
class Lines:
    """A section of a file: its lines `start` up to `stop` (1-based, `stop` excluded; None: to the end)."""

    start: int
    stop: int | None = None

    def of(self, pieces: Iterable[str], *, to_the_end: bool = False) -> Iterator[str]:
        """The section's text out of the file's text given as `pieces`; the pieces after it are read
        (and dropped) only when `to_the_end` (something else wants the whole file read).

        >>> list(Lines(2, 4).of(["a\\nb", "\\nc\\nd\\n"]))
        ['b', '\\nc\\n']
        """
        line = 1
        for piece in pieces:
            begin, end, count = 0, len(piece), piece.count("\n")
            if line + count < self.start:  # wholly before the section
                line += count
                continue
            if line < self.start:
                begin = _nth_newline(piece, self.start - line) + 1
            if self.stop is not None and line + count >= self.stop:
                end = _nth_newline(piece, self.stop - line) + 1
            if begin < end:
                yield piece[begin:end]
            line += count
            if self.stop is not None and line >= self.stop and not to_the_end:
                return


def _nth_newline(text: str, n: int) -> int:
    """The offset of the `n`th newline of `text` (n >= 1)."""
    at = -1
    for _ in range(n):
        at = text.index("\n", at + 1)
    return at


@dataclass(frozen=True, slots=True)
class FileStamp:
    """What tells a file changed: its device, inode, size, modification and status-change times.

    The status-change time moves on every write and cannot be set back (unlike the modification time).
    """

    device: int
    inode: int
    size: int
    mtime_ns: int
    ctime_ns: int

    @classmethod
    def of(cls, path: Path) -> FileStamp:
        """The stamp of the file at `path` now."""
        try:
            st = os.stat(path)
        except OSError as exc:
            raise MigrationFileError(f"{path}: cannot read: {exc.strerror}") from None
        return cls(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _check_stamp(fd: int, path: Path, stamp: FileStamp) -> None:
    st = os.fstat(fd)
    if FileStamp(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns) != stamp:
        raise changed_file(path)


def changed_file(path: Path) -> MigrationFileError:
    """The error for a streamed file that changed after it was loaded (its checksum taken)."""
    return MigrationFileError(
        f"{path}: changed since migwiz loaded it; what it read no longer matches its checksum",
        hint="do not edit a migration while it runs; run the command again",
    )


def _text_pieces(fd: int, path: Path, limit: int, piece_size: int, digest: Hash | None) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder("utf-8")()
    size, line, held, first = 0, 1, "", True
    while True:
        try:
            data = os.read(fd, min(piece_size, limit + 1 - size))
        except OSError as exc:
            raise MigrationFileError(f"{path}: cannot read: {exc.strerror}") from None
        size += len(data)
        if size > limit:  # it grew while being read
            raise _too_big(path, limit)
        try:
            text = held + decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            where = line + held.count("\n") + data.count(b"\n", 0, max(exc.start, 0))
            raise MigrationFileError(
                f"{path}:{where}: not valid UTF-8 (byte 0x{exc.object[exc.start]:02x})",
                hint="save the file as UTF-8",
            ) from None
        held = ""
        if data and text.endswith("\r"):  # a CRLF cut in two: decide with the next piece
            text, held = text[:-1], "\r"
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if digest is not None:  # as sets.files.checksum: line ends as LF, a BOM kept
            for start in range(0, len(text), _CHUNK):
                digest.update(text[start : start + _CHUNK].encode("utf-8"))
        if first and text:
            text, first = text.removeprefix("\ufeff"), False
        line += text.count("\n")
        if text:
            yield text
        if not data:
            return


def read_migration_bytes(path: Path, *, limit: int = MAX_MIGRATION_BYTES) -> bytes:
    """The bytes of the regular file at `path` (symlinks followed); MigrationFileError otherwise.

    Refuses devices, FIFOs, sockets and folders before opening them, opens non-blocking so a file
    swapped for a FIFO in between cannot block, and refuses files larger than `limit` bytes.
    """
    fd = _open_regular(path, limit)
    try:
        opened = os.fstat(fd)
        # one read of the size fstat gave (plus one byte, to see growth): the file is held once, not as
        # chunks and then joined into a second copy
        chunks = [os.read(fd, min(opened.st_size, limit) + 1)]
        size = len(chunks[0])
        if size > limit:
            raise _too_big(path, limit)
        while True:  # a short read, or a file that grew since fstat
            chunk = os.read(fd, min(_CHUNK, limit + 1 - size))
            if not chunk:
                return chunks[0] if len(chunks) == 1 else b"".join(chunks)
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:  # it grew while being read
                raise _too_big(path, limit)
    except OSError as exc:
        raise MigrationFileError(f"{path}: cannot read: {exc.strerror}") from None
    finally:
        os.close(fd)


def read_migration_head(path: Path, size: int) -> str:
    """At most the first `size` characters of the regular file at `path` (line ends as LF), read without
    reading the rest; undecodable bytes are left out."""
    fd = _open_regular(path, MAX_MIGRATION_BYTES)
    try:
        data = os.read(fd, 4 * size + 4)
    except OSError as exc:
        raise MigrationFileError(f"{path}: cannot read: {exc.strerror}") from None
    finally:
        os.close(fd)
    text = codecs.getincrementaldecoder("utf-8")(errors="ignore").decode(data)
    return text.replace("\r\n", "\n").replace("\r", "\n")[:size]
