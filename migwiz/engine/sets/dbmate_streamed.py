"""dbmate files too big to read whole: their `-- migrate:` marks found line by line, each section streamed.

A dbmate file over `streamed.STREAM_ABOVE` bytes is read as `sets.dbmate` reads a small one (the same
marks, options, refusals and checksum of the whole file), without ever holding it: one pass finds the
marks, and each section (up, down) is a streamed script of those lines (`sets.streamed`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from migwiz.engine.errors import MigrationFileError
from migwiz.engine.sets.model import Directives, Migration, Script
from migwiz.engine.sets.reading import FileStamp, Lines, stream_statements, text_pieces
from migwiz.engine.sets.splitting import Comment
from migwiz.engine.sets.streamed import PIECE_CHARS, streamed_script
from migwiz.engine.sets.versions import dbmate_version

MARK = re.compile(r"^--[ \t]*migrate:(?P<kind>up|down)\b(?P<options>[^\n]*)$", re.MULTILINE)
"""dbmate's section marks (`-- migrate:up`, `-- migrate:down`, with options), each on a line of its own."""


def transaction_option(path: Path, line: int, options: str) -> bool:
    """Whether the section whose mark at `line` has `options` runs in a transaction (dbmate's
    `transaction:false`); any other option is refused."""
    transaction = True
    for option in options.split():
        key, _, value = option.partition(":")
        if key != "transaction" or value not in ("true", "false"):
            raise MigrationFileError(
                f"{path}:{line}: dbmate option {option!r} is not supported",
                hint="migwiz understands transaction:false",
            )
        transaction = value == "true"
    return transaction


def marks(path: Path, stamp: FileStamp) -> Iterator[tuple[str, int, str]]:
    """(kind, line, options) of each `-- migrate:` mark of the file, read a piece at a time."""
    line, held = 1, ""
    for piece in text_pieces(path, PIECE_CHARS, stamp):
        *whole, held = (held + piece).split("\n")
        for text in whole:
            if (m := MARK.fullmatch(text)) is not None:
                yield m["kind"], line, m["options"]
            line += 1
    if (m := MARK.fullmatch(held)) is not None:
        yield m["kind"], line, m["options"]


def has_mark(path: Path) -> bool:
    """Whether the file holds a `-- migrate:` mark (what tells a dbmate set), read a piece at a time."""
    return next(marks(path, FileStamp.of(path)), None) is not None


def load_big(path: Path, version: str, name: str) -> Migration:
    """The migration of the big dbmate file at `path`, refused as `sets.dbmate` refuses a small one."""
    stamp = FileStamp.of(path)
    found: dict[str, tuple[int, str]] = {}
    for kind, line, options in marks(path, stamp):
        if kind in found:
            raise MigrationFileError(
                f"{path}:{line}: second -- migrate:{kind} (first at line {found[kind][0]})",
                hint="dbmate 2.29+ runs each -- migrate:up section on its own; migwiz reads one per file:"
                " split the file into one migration per section",
            )
        found[kind] = (line, options)
    up, down = found.get("up"), found.get("down")
    if up is None:
        raise MigrationFileError(
            f"{path}: no -- migrate:up section", hint="dbmate files start with -- migrate:up"
        )
    if down is not None and down[0] < up[0]:
        raise MigrationFileError(f"{path}:{down[0]}: -- migrate:down before -- migrate:up")
    _check_head(path, up[0], stamp)
    up_script, checksum = _section(path, up, down[0] if down else None, stamp)
    return Migration(
        version=dbmate_version(version, path.name),
        name=name,
        up=up_script,
        down=_section(path, down, None, stamp)[0] if down else None,
        checksum=checksum,
        layout="dbmate",
        spelling=path.name[: -len(".sql")],
    )


def _check_head(path: Path, up_line: int, stamp: FileStamp) -> None:
    """Nothing but comments before `-- migrate:up`, and no migwiz directive there."""

    def refuse_directive(comment: Comment) -> None:
        if "migwiz:" in comment.text:
            raise MigrationFileError(f"{path}:{comment.line}: put migwiz directives after -- migrate:up")

    head = stream_statements(path, stamp=stamp, lines=Lines(1, up_line), on_comment=refuse_directive)
    first = next(head, None)
    if first is not None:
        raise MigrationFileError(f"{path}:{first.line}: statement before -- migrate:up")


def _section(path: Path, mark: tuple[int, str], stop: int | None, stamp: FileStamp) -> tuple[Script, str]:
    line, options = mark
    base = Directives(transaction=transaction_option(path, line, options))
    return streamed_script(path, base=base, first_line=line + 1, lines=Lines(line + 1, stop), stamp=stamp)
