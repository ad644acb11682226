"""Reading migration files safely: regular files only, never blocking, never unbounded.

A migration that is a symlink to `/dev/zero` would be read until memory runs out, and a FIFO would block
the read forever: only regular files are read, the file is opened non-blocking, and at most
`MAX_MIGRATION_BYTES` are read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from migwiz.engine.errors import MigrationFileError

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


def read_migration_bytes(path: Path, *, limit: int = MAX_MIGRATION_BYTES) -> bytes:
    """The bytes of the regular file at `path` (symlinks followed); MigrationFileError otherwise.

    Refuses devices, FIFOs, sockets and folders before opening them, opens non-blocking so a file
    swapped for a FIFO in between cannot block, and refuses files larger than `limit` bytes.
    """
    try:
        before = os.stat(path)
        if not stat.S_ISREG(before.st_mode):
            raise _not_regular(path, before.st_mode)
        if before.st_size > limit:
            raise _too_big(path, limit)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as exc:
        raise MigrationFileError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):  # replaced between the two looks
            raise _not_regular(path, opened.st_mode)
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - size))
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:  # it grew while being read
                raise _too_big(path, limit)
    except OSError as exc:
        raise MigrationFileError(f"{path}: cannot read: {exc.strerror}") from None
    finally:
        os.close(fd)
