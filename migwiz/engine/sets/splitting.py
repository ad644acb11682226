"""Split a migration script into statements, the way psql would, without parsing SQL.

A small lexer of our own: it knows just enough of PostgreSQL's lexical rules to find statement ends —
standard and `E'...'` strings, quoted identifiers, dollar quotes (`$$`, `$tag$`), nested block comments,
parentheses (CREATE RULE ... DO (a; b)) and SQL-standard function bodies (`BEGIN ATOMIC ... END`,
tracked with psql's heuristic, tightened to need ATOMIC after BEGIN). It never rejects SQL the server
would reject: malformed SQL (an unterminated string, say) simply ends up in the statement text and is
reported by analysis or execution. psql meta-commands (a backslash outside strings and comments) are
rejected, with their line.

Alternatives considered: `pglast.split(with_parser=False)` splits BEGIN ATOMIC bodies at every `;`,
raises on unterminated strings and silently drops psql meta-commands; sqlparse has a history of
mis-splitting `$tag$` bodies and BEGIN ATOMIC (sqlparse #277/#307) and knows nothing of meta-commands.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from migwiz.engine.errors import MigrationFileError
from migwiz.engine.sets.model import Statement

CommentPlace = Literal["leading", "between", "inside"]


def _ascii_but(ascii_class: str, *, negated: bool) -> str:
    """A character class of the ASCII characters the class body `ascii_class` leaves out, `\\xNN` each;
    `negated` makes it `[^...]` (every character from U+0080 up, and the ASCII ones of `ascii_class`).

    `[A-Za-z_\\x80-\\U0010ffff]` compiles by filling a table of every BMP character (8 ms per class,
    40 ms of each command's start-up for the token pattern); its negated ASCII twin takes microseconds
    and matches the same characters (tests/unit/test_splitting_classes.py compares them over every
    code point)."""
    inside = re.compile(f"[{ascii_class}]")
    left_out = "".join(f"\\x{c:02x}" for c in range(128) if not inside.match(chr(c)))
    return f"[^{left_out}]" if negated else f"[{left_out}]"


_IDENT_START = _ascii_but("A-Za-z_", negated=True)
"""`[A-Za-z_\\x80-\\U0010ffff]`: a letter, an underscore or any non-ASCII character."""
_IDENT_PART = _ascii_but("A-Za-z_0-9$", negated=True)
"""`[A-Za-z_\\x80-\\U0010ffff0-9$]`."""
_TAG_PART = _ascii_but("A-Za-z_0-9", negated=True)
"""`[A-Za-z_\\x80-\\U0010ffff0-9]`."""
_OTHER = _ascii_but(r"""\s;()'"$\\A-Za-z_0-9/-""", negated=False)
"""`[^\\s;()'"$\\\\A-Za-z_\\x80-\\U0010ffff0-9/-]`: ASCII punctuation and controls of no meaning here."""
_TOKEN = re.compile(
    rf"""
      (?P<space>\s++)
    | (?P<line_comment>--[^\n]*+)
    | (?P<block_comment>/\*)
    | (?P<estring>[eE]'(?:[^'\\]|\\.|'')*+(?:'|\Z))
    | (?P<word>{_IDENT_START}{_IDENT_PART}*+)
    | (?P<string>'(?:[^']|'')*+(?:'|\Z))
    | (?P<quoted_ident>"(?:[^"]|"")*+(?:"|\Z))
    | (?P<dollar>\$(?:{_IDENT_START}{_TAG_PART}*+)?\$)
    | (?P<number>[0-9][A-Za-z0-9_.]*+)
    | (?P<semicolon>;)
    | (?P<open>\()
    | (?P<close>\))
    | (?P<backslash>\\)
    | (?P<other>{_OTHER}++|.)
    """,
    re.VERBOSE | re.DOTALL,
)
_PLAIN = r"""[^;'"$\\()/\-]++|'[^'\\]*+'|"[^"]*+"|-(?!-)|/(?!\*)"""
_NESTED = rf"\((?:{_PLAIN}|\((?:{_PLAIN}|\((?:{_PLAIN})*+\))*+\))*+\)"
_PLAIN_DATA = re.compile(rf"(?i:insert|update|delete)\b(?:{_PLAIN}|{_NESTED})*+;")
"""A whole data statement of plain tokens only (no comment, dollar quote or backslash, parentheses at
most three deep), up to its `;`: split in one match, as the token loop would split it."""
_PLAIN_REST = re.compile(rf"(?:{_PLAIN}|{_NESTED})*+;")
"""The rest of a statement that cannot be a routine body, of plain tokens only, up to its `;`."""
_COMMENT_MARK = re.compile(r"/\*|\*/")
_META_COMMAND = re.compile(r"\\(?:[A-Za-z]+|.)?")
_ROUTINE_WORDS = frozenset({"create", "or", "replace", "function", "procedure"})


@dataclass(frozen=True)
class Comment:
    """A `--` or `/* */` comment outside strings, with its file line and where it sits relative to
    statements."""

    text: str
    line: int
    place: CommentPlace
    """`leading`: before the first statement; `between`: after it, outside any statement;
    `inside`: within a statement's text."""


@dataclass(frozen=True)
class ScannedSql:
    """The statements of a script and its comments, both in file order."""

    statements: tuple[Statement, ...]
    comments: tuple[Comment, ...]


def split_sql(text: str, *, path: Path, first_line: int = 1) -> tuple[Statement, ...]:
    """Split `text` into statements; `first_line` is the file line where `text` begins.

    Each statement's `sql` runs from its first to its last token (no trailing semicolon, leading and
    trailing comments dropped, inner comments kept); its `line` is the file line of its first token.

    >>> [s.sql for s in split_sql("select $$a;b$$; -- done\\nselect 2", path=Path("x.sql"))]
    ['select $$a;b$$', 'select 2']
    """
    return scan_sql(text, path=path, first_line=first_line).statements


def scan_sql(text: str, *, path: Path, first_line: int = 1) -> ScannedSql:
    """Split `text` like `split_sql` and also return its comments (for directives).

    A NUL character anywhere is refused: PostgreSQL reads a query string only up to its first NUL, so
    whatever follows would silently never run.
    """
    refuse_nul(text, path=path, first_line=first_line)
    return _Scanner(text, path, first_line).run()


STREAM_PIECE = 1 << 20
"""Characters scanned at a time by `iter_statements` (more while one statement is longer)."""


def iter_statements(
    pieces: Iterable[str],
    *,
    path: Path,
    first_line: int = 1,
    piece_size: int = STREAM_PIECE,
    on_comment: Callable[[Comment], None] | None = None,
) -> Iterator[Statement]:
    """The statements of a script given as consecutive pieces of its text, exactly as `split_sql` splits
    the whole text, holding only the text not yet split: a piece and the statement it ends in.

    Text after the last `;` of what was read is kept and scanned again with the next piece: a token cut by
    the end of what was read (a string, a comment, a dollar quote) runs to that end, so it can never end
    a statement early. While one statement is longer than what was read, the next read is doubled, so a
    huge statement is scanned a few times, not once per piece. `on_comment` is given every comment once,
    in file order, placed as `scan_sql` places it.

    >>> pieces = ["select 1; sel", "ect '2;", "'; x"]
    >>> [(s.sql, s.column) for s in iter_statements(pieces, path=Path("x.sql"), piece_size=1)]
    [('select 1', 1), ("select '2;'", 11), ('x', 24)]
    """
    text, line, column, want, seen = "", first_line, 1, piece_size, False
    for piece in pieces:
        refuse_nul(piece, path=path, first_line=line + text.count("\n"))
        text += piece
        if len(text) < want:
            continue
        if ";" not in text:  # no statement can end in what was read: read on (a huge statement's pieces)
            want = 2 * len(text)
            continue
        scanner = _Scanner(text, path, line, column, seen)
        scanner.run(final=False)
        seen = seen or bool(scanner.statements)
        yield from scanner.statements
        cut = scanner.complete
        if on_comment is not None:
            for comment, pos in zip(scanner.comments, scanner.comment_pos, strict=True):
                if pos < cut:  # the rest is scanned again with the next piece
                    on_comment(comment)
        newline = text.rfind("\n", 0, cut)
        line += text.count("\n", 0, cut)
        column = cut - newline if newline >= 0 else column + cut
        text = text[cut:]
        want = piece_size if cut else 2 * len(text)
    scanner = _Scanner(text, path, line, column, seen)
    yield from scanner.run().statements
    if on_comment is not None:
        for comment in scanner.comments:
            on_comment(comment)


def refuse_nul(text: str, *, path: Path, first_line: int = 1) -> None:
    """MigrationFileError naming the line of the first NUL character in `text`, if it has one.

    >>> refuse_nul("select 1;\\nselect\\x002;", path=Path("x.sql"))
    Traceback (most recent call last):
    ...
    migwiz.engine.errors.MigrationFileError: x.sql:2: NUL character (byte 0x00) in the file
    """
    nul = text.find("\0")
    if nul >= 0:
        line = first_line + text.count("\n", 0, nul)
        raise MigrationFileError(
            f"{path}:{line}: NUL character (byte 0x00) in the file",
            hint="PostgreSQL would ignore everything after it: remove it (is the file binary or UTF-16?)",
        )


class _Scanner:
    def __init__(
        self, text: str, path: Path, first_line: int, first_column: int = 1, after_statement: bool = False
    ) -> None:
        self.text = text
        self.path = path
        self.line = first_line
        self.line_pos = 0
        self.first_column = first_column
        """Column of `text[0]` in its file line (a piece of a file that starts mid-line)."""
        self.complete = 0
        """Offset just after the last statement that a `;` ended."""
        self.statements: list[Statement] = []
        self.comments: list[Comment] = []
        self.comment_pos: list[int] = []
        self.after_statement = after_statement
        """A statement came before `text` (a later piece of a file): no comment of it is leading."""
        self._reset()

    def _reset(self) -> None:
        self.start = -1
        self.start_line = 0
        self.start_column = 1
        self.end = -1
        self.parens = 0
        self.begins = 0
        self.words: list[str] = []
        self.previous = ""
        self.routine = False
        self.rest_tried = False

    def line_at(self, pos: int) -> int:
        """File line of `pos`; positions must be asked for in increasing order."""
        self.line += self.text.count("\n", self.line_pos, pos)
        self.line_pos = pos
        return self.line

    def run(self, *, final: bool = True) -> ScannedSql:
        """Scan the text; unless `final`, a statement still open at its end is left out (more follows)."""
        text = self.text
        pos = 0
        size = len(text)
        while pos < size:
            if self.start < 0 and text[pos] in "iIuUdD" and self._plain_data(pos):
                pos = self.complete
                continue
            m = _TOKEN.match(text, pos)
            assert m is not None  # the last alternative matches any character
            kind = m.lastgroup
            end = m.end()
            if kind == "space":
                pos = end
                continue
            if kind == "line_comment":
                self._comment(m.group(), pos)
                pos = end
                continue
            if kind == "block_comment":
                end = self._skip_block_comment(end)
                self._comment(text[pos:end], pos)
                pos = end
                continue
            if kind == "backslash":
                self._meta_command(pos)
            if kind == "semicolon" and self.parens == 0 and self.begins == 0:
                self._finish()
                pos = self.complete = end
                continue
            if kind == "dollar":
                close = text.find(m.group(), end)
                end = size if close < 0 else close + len(m.group())
            elif kind == "open":
                self.parens += 1
            elif kind == "close" and self.parens > 0:
                self.parens -= 1
            if self.start < 0:
                self.start = pos
                self.start_line = self.line_at(pos)
                newline = text.rfind("\n", 0, pos)
                self.start_column = pos - newline if newline >= 0 else pos + self.first_column
            if kind == "word":
                self._word(m.group())
            else:
                self.previous = ""
            self.end = end
            pos = end
            if kind == "word" and not self.rest_tried and self.parens == 0 and self._never_routine():
                self.rest_tried = True
                if self._plain_rest(pos):
                    pos = self.complete
        if final:
            self._finish()
        return ScannedSql(tuple(self.statements), tuple(self.comments))

    def _plain_data(self, pos: int) -> bool:
        """Split the plain data statement at `pos` in one match (see `_PLAIN_DATA`), if it is one."""
        m = _PLAIN_DATA.match(self.text, pos)
        if m is None:
            return False
        text = self.text
        end = m.end() - 1
        while text[end - 1].isspace():
            end -= 1
        newline = text.rfind("\n", 0, pos)
        column = pos - newline if newline >= 0 else pos + self.first_column
        self.statements.append(Statement(text[pos:end], self.line_at(pos), column))
        self.complete = m.end()
        self.previous = ""
        return True

    def _never_routine(self) -> bool:
        """Whether the statement begun cannot hold a routine body (its first words decide)."""
        w = self.words
        if not w or self.routine:
            return False
        return w[0] != "create" or not (
            len(w) == 1 or (w[1] == "or" and (len(w) == 2 or (w[2] == "replace" and len(w) == 3)))
        )

    def _plain_rest(self, pos: int) -> bool:
        """Finish the statement begun in one match when the rest of it up to its `;` is plain tokens
        (`_PLAIN_REST`), as the token loop would finish it."""
        m = _PLAIN_REST.match(self.text, pos)
        if m is None:
            return False
        text = self.text
        end = m.end() - 1
        while end > pos and text[end - 1].isspace():
            end -= 1
        self.end = max(self.end, end)
        self._finish()
        self.complete = m.end()
        return True

    def _comment(self, text: str, pos: int) -> None:
        place: CommentPlace
        if self.start >= 0:
            place = "inside"
        elif self.statements or self.after_statement:
            place = "between"
        else:
            place = "leading"
        self.comments.append(Comment(text, self.line_at(pos), place))
        self.comment_pos.append(pos)

    def _skip_block_comment(self, pos: int) -> int:
        depth = 1
        while depth:
            m = _COMMENT_MARK.search(self.text, pos)
            if m is None:
                return len(self.text)
            depth += 1 if m.group() == "/*" else -1
            pos = m.end()
        return pos

    def _word(self, word: str) -> None:
        # psql's heuristic (psqlscan.l), tightened to BEGIN ATOMIC: inside CREATE [OR REPLACE]
        # FUNCTION|PROCEDURE and outside parentheses, BEGIN ATOMIC opens a body that END closes
        # (CASE ... END too, once inside a body).
        lower = word.lower()
        previous, self.previous = self.previous, lower
        if len(self.words) < 4:
            self.words.append(lower if lower in _ROUTINE_WORDS else "")
            w = self.words
            self.routine = w[0] == "create" and (
                (len(w) > 1 and w[1] in ("function", "procedure"))
                or (len(w) > 3 and w[1:3] == ["or", "replace"] and w[3] in ("function", "procedure"))
            )
        if not self.routine or self.parens:
            return
        if (lower == "atomic" and previous == "begin") or (lower == "case" and self.begins):
            self.begins += 1
        elif lower == "end" and self.begins:
            self.begins -= 1

    def _meta_command(self, pos: int) -> None:
        m = _META_COMMAND.match(self.text, pos)
        command = m.group() if m else "\\"
        raise MigrationFileError(
            f"{self.path}:{self.line_at(pos)}: psql meta-command {command} is not supported",
            hint="migwiz runs plain SQL: inline included files and remove psql commands",
        )

    def _finish(self) -> None:
        if self.start >= 0:
            self.statements.append(
                Statement(self.text[self.start : self.end], self.start_line, self.start_column)
            )
        self._reset()
