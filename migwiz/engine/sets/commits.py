"""A migration file's own commits: BEGIN ... COMMIT blocks, COMMITs ending the implicit transaction of the
statements before them, and enum values they commit before use (see `sets.transactions`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

import pglast
from pglast import ast

from migwiz.engine.sets.model import Statement


class _Control(Protocol):
    """A transaction-control statement (`sets.transactions.Control`)."""

    @property
    def kind(self) -> str: ...

    @property
    def plain(self) -> bool: ...


def commits_only(controls: Sequence[tuple[int, Statement, _Control]]) -> bool:
    """Whether the file's transaction control is only plain BEGIN ... COMMIT pairs, one after the other,
    and COMMITs ending the implicit transaction of the statements before them (not nested, none open)."""
    open_block = False
    for _, _, control in controls:
        if not control.plain:
            return False
        if control.kind in ("BEGIN", "START TRANSACTION") and not open_block:
            open_block = True
        elif control.kind == "COMMIT":
            open_block = False
        else:
            return False
    return bool(controls) and not open_block


def block_lines(controls: Sequence[tuple[int, Statement, _Control]]) -> tuple[tuple[int, int], ...]:
    """(BEGIN line, COMMIT line) of each block; a COMMIT without its BEGIN is a block of its own line."""
    blocks = []
    begin: int | None = None
    for _, stmt, control in controls:
        if control.kind == "COMMIT":
            blocks.append((stmt.line if begin is None else begin, stmt.line))
            begin = None
        else:
            begin = stmt.line
    return tuple(blocks)


def adds_enum_value(stmt: Statement) -> bool:
    """Whether `stmt` is ALTER TYPE ... ADD VALUE."""
    words = stmt.sql[:40].split(None, 2)
    if len(words) < 2 or words[0].lower() != "alter" or words[1].lower() != "type":
        return False
    if not re.search(r"\badd\s+value\b", stmt.sql[:2000], re.IGNORECASE):
        return False
    try:
        raws = pglast.parse_sql(stmt.sql)
    except pglast.parser.ParseError:
        return False
    return any(isinstance(raw.stmt, ast.AlterEnumStmt) and not raw.stmt.oldVal for raw in raws)
