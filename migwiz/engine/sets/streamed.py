"""Big migration files as scripts whose statements are read from the file on demand, never held whole.

A file over `STREAM_ABOVE` bytes is loaded in one streaming pass that keeps only what the set needs:
the number of statements, the checksum (hashed while reading), the last statement and the `-- migwiz:`
comments (for directives and ignores). Its `Script.statements` is then a `StreamedStatements`: a
sequence of that length whose items are split from the file again when asked for.

- Iterating it (the transaction plan, the own-schema check, lock analysis, lint) reads the file from the
  start in its own stream, holding one piece and the statement being read.
- Passes share their findings: a second load of the unchanged file in the same process reuses the first
  one's pass and what later passes remembered (`memo`), and the transaction plan's pass also finds the
  statement shapes (`shapes_of`) that the lint gate and the lock pre-check use instead of passes of
  their own.
- Indexing it (the statement loop of a run) moves one shared cursor forward through the file, keeping a
  window of the statements read last (`WINDOW_CHARS`): a run reads each statement, or a batch of them,
  a few positions back at most. A position before the window starts the stream again (a retry of a
  whole transaction, a failed batch run again statement by statement): slower, never wrong.

Statement numbers are exact: the same splitter splits the file the same way each time. Every stream
checks that the file is still the one that was loaded (device, inode, size, modification time) at its
start and its end, and that it holds as many statements: a file edited meanwhile is a MigrationFileError,
raised before the statement that would differ commits with a transaction (a `no-transaction` migration
stops at the statement it could not read).
"""

from __future__ import annotations

import hashlib
import re
from array import array
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import overload

from pglast.parser import ParseError, fingerprint

from migwiz.engine.sets.directives import directives_from_scan
from migwiz.engine.sets.model import Directives, Script, Statement
from migwiz.engine.sets.reading import FileStamp, Lines, changed_file, stream_statements, text_pieces
from migwiz.engine.sets.splitting import Comment, ScannedSql

STREAM_ABOVE = 8 * 1024 * 1024
"""Files larger than this many bytes are streamed; smaller ones are read and split whole (faster)."""
PIECE_CHARS = 256 * 1024
"""Characters read and split at a time (more while one statement is longer): each costs a few copies."""
WINDOW_CHARS = 4 * 1024 * 1024
"""What the cursor keeps of the statements read last: their characters plus `_OVERHEAD` each (a run
reads forward; a batch of statements is kept by the run itself)."""
_OVERHEAD = 120  # a Statement and its str header, roughly
_MATCH_CHARS = 1024


class _Source:
    """The file behind a `StreamedStatements`, and the cursor its indexed reads share."""

    def __init__(
        self,
        path: Path,
        first_line: int,
        count: int,
        stamp: FileStamp,
        piece_size: int,
        memo: dict[tuple[object, ...], object] | None = None,
        lines: Lines | None = None,
    ) -> None:
        self.path = path
        self.lines = lines
        self.first_line = first_line
        self.count = count
        self.stamp = stamp
        self.piece_size = piece_size
        self.memo: dict[tuple[object, ...], object] = {} if memo is None else memo
        """What passes over the whole file found, kept by those passes (the transaction plan's findings);
        shared by every load of the unchanged file in this process."""
        self.restarts = 0
        """How often the cursor started the file again (a position before its window was asked for)."""
        self._stream: Iterator[Statement] | None = None
        self._next = 0
        self._window: deque[Statement] = deque()
        self._window_start = 0
        self._window_chars = 0

    def stream(self) -> Iterator[Statement]:
        """Every statement, from the start of the file, in a stream of its own."""
        seen = 0
        for stmt in stream_statements(
            self.path,
            first_line=self.first_line,
            piece_size=self.piece_size,
            stamp=self.stamp,
            lines=self.lines,
        ):
            seen += 1
            if seen > self.count:
                raise changed_file(self.path)
            yield stmt
        if seen != self.count:
            raise changed_file(self.path)

    def get(self, index: int) -> Statement:
        """Statement `index` (0-based), through the shared cursor."""
        if not 0 <= index < self.count:
            raise IndexError(index)
        if index < self._window_start or self._stream is None:
            self._restart()
        window = self._window
        while self._next <= index:
            assert self._stream is not None
            stmt = next(self._stream, None)
            if stmt is None:
                raise changed_file(self.path)
            window.append(stmt)
            self._next += 1
            self._window_chars += len(stmt.sql) + _OVERHEAD
            while self._window_chars > WINDOW_CHARS and len(window) > 1:
                dropped = window.popleft()
                self._window_start += 1
                self._window_chars -= len(dropped.sql) + _OVERHEAD
        return window[index - self._window_start]

    def _restart(self) -> None:
        if self._stream is not None:
            self.restarts += 1
            close = getattr(self._stream, "close", None)
            if close is not None:
                close()
        self._stream = self.stream()
        self._next = self._window_start = self._window_chars = 0
        self._window.clear()


class StreamedStatements(Sequence[Statement]):
    """The statements `start`..`stop` of a streamed file, less those at the positions of `skip` (see the
    module docstring)."""

    __slots__ = ("_skip", "_source", "_start", "_stop")

    def __init__(
        self, source: _Source, start: int = 0, stop: int | None = None, skip: tuple[int, ...] = ()
    ) -> None:
        self._source = source
        self._start = start
        self._stop = source.count if stop is None else stop
        self._skip = skip
        """Positions in the file, sorted, within start..stop (BEGIN/COMMIT blocks dropped from a file)."""

    def without(self, positions: Iterable[int]) -> StreamedStatements:
        """These statements less those at `positions` (0-based, in these statements)."""
        if self._skip:
            raise ValueError("statements already filtered are not filtered again")
        skip = tuple(sorted({self._start + p for p in positions if 0 <= p < len(self)}))
        return StreamedStatements(self._source, self._start, self._stop, skip)

    @property
    def path(self) -> Path:
        """The file the statements are read from."""
        return self._source.path

    def memo(self, key: tuple[object, ...]) -> object | None:
        """What a pass over these statements remembered under `key` (None: nothing)."""
        return self._source.memo.get((self._start, self._stop, self._skip, *key))

    def remember(self, key: tuple[object, ...], value: object) -> None:
        """Keep `value`, found by a pass over these statements, under `key` (the file does not change)."""
        self._source.memo[(self._start, self._stop, self._skip, *key)] = value

    def may_hold(self, words: Iterable[str]) -> bool:
        """Whether the file's text (all of it), case folded, holds one of `words` (case folded): found
        without splitting it, a cheap test before a pass that looks at the statements holding them. Words
        up to `_MATCH_CHARS` long are found across pieces."""
        folded = tuple(sorted({w.casefold() for w in words}))
        known = self._source.memo.get(("may_hold", folded))
        if isinstance(known, bool):
            return known
        found, tail = False, ""
        for piece in text_pieces(self._source.path, self._source.piece_size, self._source.stamp):
            text = tail + piece.casefold()
            if any(w in text for w in folded):
                found = True
                break
            tail = text[-_MATCH_CHARS:]
        self._source.memo[("may_hold", folded)] = found
        return found

    @property
    def restarts(self) -> int:
        """How often indexed reads started the file again (for tests and benchmarks)."""
        return self._source.restarts

    def __len__(self) -> int:
        return self._stop - self._start - len(self._skip)

    @overload
    def __getitem__(self, index: int) -> Statement: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Statement]: ...
    def __getitem__(self, index: int | slice) -> Statement | Sequence[Statement]:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1 or self._skip:  # rare (a resumed plan of a filtered file): read those few
                return tuple(self[i] for i in range(start, stop, step))
            return StreamedStatements(self._source, self._start + start, self._start + max(start, stop))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        position = self._start + index
        for skipped in self._skip:  # sorted: each one at or before the position moves it one further
            if skipped > position:
                break
            position += 1
        return self._source.get(position)

    def __iter__(self) -> Iterator[Statement]:
        statements = islice(self._source.stream(), self._start, self._stop)
        if not self._skip:
            return statements
        skip = set(self._skip)
        return (s for i, s in enumerate(statements, self._start) if i not in skip)

    def __repr__(self) -> str:
        return f"StreamedStatements({str(self._source.path)!r}, {self._start}, {self._stop}, {self._skip})"


_DATA = re.compile(r"(?:INSERT|UPDATE|DELETE|MERGE|SELECT|VALUES|WITH)\b", re.IGNORECASE)
SHAPE_LIMIT = 1_000_000
"""A data statement longer than this is kept as it is, never fingerprinted (its tree would be huge)."""


def one_per_shape(statements: Iterable[Statement], keep_lines: Iterable[int] = ()) -> Iterator[Statement]:
    """`statements` without the data statements that repeat the one before in all but their constants.

    How a big file is analysed (lint, the lint gate of `up`, `plan`) without holding an analysis per
    statement: a data statement (INSERT, UPDATE, DELETE, MERGE, SELECT, VALUES, WITH) whose PostgreSQL
    fingerprint was already seen since the last other statement is left out; any other statement is kept
    and starts afresh (DDL may change what the next statement does), and so is the first statement after
    each line of `keep_lines` (an inline ignore applies to it).

    >>> rows = [Statement(f"INSERT INTO t VALUES ({i})", i) for i in range(1, 4)]
    >>> [s.line for s in one_per_shape([Statement("CREATE TABLE t (i int)", 0), *rows], keep_lines=[2])]
    [0, 1, 3]
    """
    marks = sorted(keep_lines)
    if not marks and isinstance(statements, StreamedStatements):
        found = shapes_of(statements)
        if found is not None:  # found by an earlier pass of this run (or found now, for the next one)
            yield from found.kept
            return
    mark = 0
    seen: set[str] = set()
    for stmt in statements:
        marked = False
        while mark < len(marks) and marks[mark] < stmt.line:
            marked, mark = True, mark + 1
        if len(stmt.sql) > SHAPE_LIMIT or not _DATA.match(stmt.sql):
            seen.clear()
            yield stmt
            continue
        try:
            key = fingerprint(stmt.sql)
        except ParseError:
            yield stmt
            continue
        if key not in seen or marked:
            seen.add(key)
            yield stmt


@dataclass(frozen=True, slots=True)
class Shapes:
    """What `one_per_shape` finds in a streamed file, found once and remembered for every later pass."""

    kept: tuple[Statement, ...]
    """The statements `one_per_shape` keeps (with no ignore line)."""
    slots: array[int]
    """Per statement of the file, the index in `kept` of the statement whose shape it repeats (its own
    index when it is kept)."""


SHAPES_CHARS = 4 * 1024 * 1024
"""The most text `shapes` keeps; a file with more distinct shapes is analysed in passes of its own."""


def shapes_of(statements: StreamedStatements) -> Shapes | None:
    """The statements of a streamed file one per shape, with which one each statement repeats: one pass
    (fingerprinting every data statement) shared by the lint gate and the lock pre-check of a run. None
    when the file has a statement over `SHAPE_LIMIT` or more than `SHAPES_CHARS` of distinct shapes."""
    known = statements.memo(("shapes",))
    if known is not None:
        return known if isinstance(known, Shapes) else None
    found = _shapes(statements)
    statements.remember(("shapes",), False if found is None else found)
    return found


def _shapes(statements: StreamedStatements) -> Shapes | None:
    finder = _ShapeFinder()
    for stmt in statements:
        if not finder.add(stmt):
            break
    return finder.result()


def with_shapes(statements: StreamedStatements) -> Iterator[Statement]:
    """Every statement, in order; a pass that runs to the end also finds (`shapes_of`) and remembers the
    shapes of the file on the way, when not known yet: the transaction plan's pass then spares the lint
    gate and the lock pre-check one of their own."""
    if statements.memo(("shapes",)) is not None:
        yield from statements
        return
    finder = _ShapeFinder()
    for stmt in statements:
        finder.add(stmt)
        yield stmt
    found = finder.result()
    statements.remember(("shapes",), False if found is None else found)


class _ShapeFinder:
    """`Shapes`, found one statement at a time (see `one_per_shape`)."""

    def __init__(self) -> None:
        self.kept: list[Statement] = []
        self.slots = array("i")
        self.seen: dict[str, int] = {}
        self.chars = 0
        self.gave_up = False

    def add(self, stmt: Statement) -> bool:
        """Take the next statement; False once the shapes are not kept (a huge statement, too many)."""
        if self.gave_up:
            return False
        if len(stmt.sql) > SHAPE_LIMIT:
            self.gave_up = True
            return False
        key: str | None = None
        if not _DATA.match(stmt.sql):
            self.seen.clear()
        else:
            try:
                key = fingerprint(stmt.sql)
            except ParseError:
                key = None
            if key is not None and key in self.seen:
                self.slots.append(self.seen[key])
                return True
        if key is not None:
            self.seen[key] = len(self.kept)
        self.slots.append(len(self.kept))
        self.kept.append(stmt)
        self.chars += len(stmt.sql) + _OVERHEAD
        self.gave_up = self.chars > SHAPES_CHARS
        return not self.gave_up

    def result(self) -> Shapes | None:
        """The shapes found (None: given up)."""
        return None if self.gave_up else Shapes(tuple(self.kept), self.slots)


def streamed_script(
    path: Path,
    *,
    base: Directives | None = None,
    first_line: int = 1,
    piece_size: int | None = None,
    lines: Lines | None = None,
    stamp: FileStamp | None = None,
) -> tuple[Script, str]:
    """The script of the file at `path`, its statements read on demand, and the checksum of its text
    (as `sets.files.checksum`), from one streaming pass; refused as `sets.files.script` refuses.

    `lines`: the script is that section of the file (its first line `first_line`); the checksum is still
    that of the whole file. `stamp`: the file as an earlier pass saw it (a changed file is refused)."""
    piece_size = piece_size or PIECE_CHARS
    if stamp is None:
        stamp = FileStamp.of(path)
    elif FileStamp.of(path) != stamp:
        raise changed_file(path)
    key = (path.resolve(), first_line, piece_size, stamp, lines)
    loaded = _LOADED.get(key)
    if loaded is None:
        loaded = _load(path, first_line, piece_size, stamp, lines)
        _LOADED[key] = loaded
        while len(_LOADED) > LOADED_FILES:
            del _LOADED[next(iter(_LOADED))]
    count, scanned, checksum, memo = loaded
    source = _Source(path, first_line, count, stamp, piece_size, memo, lines)  # a cursor of its own
    directives, ignores = directives_from_scan(scanned, path=path, base=base)
    return Script(path, StreamedStatements(source), directives, ignores, first_line), checksum


LOADED_FILES = 8
"""Streamed files whose loading pass and findings are kept: their count, checksum and `-- migwiz:`
comments, and what later passes remembered (at most `SHAPES_CHARS` of shapes and 4 bytes a statement),
never all their statements."""
_LOADED: dict[tuple[object, ...], tuple[int, ScannedSql, str, dict[tuple[object, ...], object]]] = {}
"""The loading pass of each streamed file, by path, start line, piece size and stamp: loading the set
again in the same process (the lint gate of `up`, then the run) reuses it, and the passes it remembers
(`StreamedStatements.memo`), instead of reading and splitting the file again."""


def _load(
    path: Path, first_line: int, piece_size: int, stamp: FileStamp, lines: Lines | None
) -> tuple[int, ScannedSql, str, dict[tuple[object, ...], object]]:
    digest = hashlib.sha256()
    kept: list[Comment] = []

    def keep(comment: Comment) -> None:
        if "migwiz:" in comment.text:  # only these can be directives or ignores
            kept.append(comment)

    count, last = 0, None
    for stmt in stream_statements(
        path,
        piece_size=piece_size,
        first_line=first_line,
        digest=digest,
        on_comment=keep,
        stamp=stamp,
        lines=lines,
    ):
        count, last = count + 1, stmt
    scanned = ScannedSql(() if last is None else (last,), tuple(kept))
    return count, scanned, digest.hexdigest(), {}
