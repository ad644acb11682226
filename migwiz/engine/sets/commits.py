"""A migration file's own commits: BEGIN ... COMMIT blocks, COMMITs ending the implicit transaction of the
statements before them, enum values they commit before use (see `sets.transactions`), and the implicit
transaction of a tool's one-query send."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from pglast import ast

from migwiz.engine.sets.model import Script, Statement
from migwiz.engine.sets.parsing import ParseError, parsed
from migwiz.engine.sets.streamed import StreamedStatements


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
        raws = parsed(stmt.sql)
    except ParseError:
        return False
    return any(isinstance(raw.stmt, ast.AlterEnumStmt) and not raw.stmt.oldVal for raw in raws)


def one_query_failure(script: Script, tool: str) -> str | None:
    """A notice when `tool`, which sends the file as one simple query, would fail where migwiz does not: two
    or more statements, one of them CONCURRENTLY (PostgreSQL runs the statements of one query as one
    implicit transaction, where CONCURRENTLY is refused). None otherwise, and for a big (streamed) file."""
    if isinstance(script.statements, StreamedStatements) or len(script.statements) < 2:
        return None
    for stmt in script.statements:
        kind = concurrent_kind(stmt)
        if kind is not None:
            return (
                f"{script.path}:{stmt.line}: {tool} sends the file as one query, which PostgreSQL runs as one"
                f" implicit transaction: {kind} fails there (cannot run inside a transaction block); migwiz"
                " runs the statements one by one: put it in a migration of its own"
            )
    return None


def only_concurrent(script: Script) -> Statement | None:
    """The first CONCURRENTLY statement of a script made only of them (and SET/RESET), else None (a big
    streamed file: None)."""
    if isinstance(script.statements, StreamedStatements):
        return None
    first = None
    for stmt in script.statements:
        words = stmt.sql[:20].split(None, 1)
        if concurrent_kind(stmt) is not None:
            first = first or stmt
        elif (words[0].upper() if words else "") not in ("SET", "RESET"):
            return None
    return first


def in_transaction_failure(script: Script, tool: str, why: str) -> str | None:
    """A notice when `tool` runs the file in its transaction (`why`: what would say otherwise) and the file
    is made of CONCURRENTLY statements, which PostgreSQL refuses there; migwiz runs them without one."""
    first = only_concurrent(script)
    if first is None:
        return None
    return (
        f"{script.path}:{first.line}: {tool} runs the file in a transaction ({why}): {concurrent_kind(first)}"
        " fails there (cannot run inside a transaction block); migwiz runs it without one, statement by"
        " statement"
    )


def concurrent_kind(stmt: Statement) -> str | None:
    """The CONCURRENTLY statement `stmt` is (what a no-transaction file is written for), else None.

    >>> concurrent_kind(Statement("drop index concurrently if exists i", 1))
    'DROP INDEX CONCURRENTLY'
    >>> concurrent_kind(Statement("create index i on t (concurrently)", 1)) is None
    True
    """
    if not re.search(r"\bconcurrently\b", stmt.sql[:4000], re.IGNORECASE):
        return None
    try:
        raws = parsed(stmt.sql)
    except ParseError:
        return None
    for raw in raws:
        node = raw.stmt
        if isinstance(node, ast.IndexStmt) and node.concurrent:
            return "CREATE INDEX CONCURRENTLY"
        if isinstance(node, ast.DropStmt) and node.concurrent:
            return "DROP INDEX CONCURRENTLY"
        if isinstance(node, ast.ReindexStmt) and any(
            str(p.defname).lower() == "concurrently" for p in node.params or ()
        ):
            return "REINDEX CONCURRENTLY"
        if isinstance(node, ast.AlterTableStmt) and any(
            isinstance(cmd.def_, ast.PartitionCmd) and cmd.def_.concurrent for cmd in node.cmds or ()
        ):
            return "DETACH PARTITION CONCURRENTLY"
    return None
