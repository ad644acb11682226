"""Does the connected server's own parser accept each pending statement? Checked without running it.

Each statement is placed, unreachable, after `RETURN` in an anonymous PL/pgSQL block:
`DO $tag$ BEGIN RETURN; <statement>; END $tag$`. Compiling the block hands every SQL statement of its body
to the server's raw parser (with `check_function_bodies` on), then `RETURN` ends the block before anything
runs. The raw parser resolves no names and takes no locks; the check runs in a READ ONLY transaction with
tiny `lock_timeout` and `statement_timeout`, and is always rolled back.

This is exact for grammar (the server's own, of its major version) and says nothing about names: a
statement on a table an earlier migration creates parses fine. A few statements cannot be checked this
way because PL/pgSQL reads them itself (those starting with a PL/pgSQL keyword such as `EXECUTE` or
`COMMIT`, and `SELECT … INTO table`): they are reported as unchecked, never as accepted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import psycopg

from migwiz.engine.errors import one_line
from migwiz.engine.sets.model import Statement

Outcome = Literal["accepted", "rejected", "unchecked"]

_PLPGSQL_FIRST = frozenset(
    {
        "assert", "begin", "case", "close", "commit", "continue", "declare", "end", "execute", "exit",
        "fetch", "for", "foreach", "get", "if", "loop", "move", "null", "open", "perform", "raise",
        "return", "rollback", "while",
    }
)  # fmt: skip
_LEADING = re.compile(r"\A(?:\s+|--[^\n]*\n?|/\*.*?\*/)*", re.S)
_FIRST_WORD = re.compile(r"[A-Za-z_]+|<<")
_TRANSACTION_CONTROL = re.compile(
    r"\A(?:BEGIN|COMMIT|ROLLBACK|END|ABORT)(?:\s+(?:WORK|TRANSACTION))?\Z", re.I
)
"""Bare transaction control: the same grammar on every supported major (PL/pgSQL would read it itself)."""
_SELECT_INTO = re.compile(r"\A\s*(?:WITH\b.*?\bSELECT|SELECT)\b(?:(?!\bFROM\b).)*?\bINTO\b", re.S | re.I)


@dataclass(frozen=True)
class ParseCheck:
    """What the server's parser said about one statement."""

    line: int
    outcome: Outcome
    message: str = ""
    """The server's error (rejected) or why it could not be checked (unchecked)."""
    column: int | None = None
    """Column of `line` PostgreSQL's error position points at (`line` is then that position's line)."""


def _unchecked_why(text: str) -> str | None:
    body = text[_LEADING.match(text).end() :]  # type: ignore[union-attr]
    word = _FIRST_WORD.match(body)
    first = word.group(0).lower() if word else ""
    if first in _PLPGSQL_FIRST or first == "<<":
        return f"a statement starting with {first.upper()} cannot be parse-checked inside PL/pgSQL"
    if _SELECT_INTO.match(body):
        return "SELECT … INTO cannot be parse-checked inside PL/pgSQL"
    return None


def _tag(text: str) -> str:
    n = 0
    while f"$migwiz_check{n}$" in text:
        n += 1
    return f"migwiz_check{n}"


_BODY_START = "BEGIN RETURN;\n"


def _block(texts: Sequence[str]) -> tuple[str, int]:
    """The DO block and the length of what precedes the first text in it."""
    body = "".join(f"{t}\n;\n" for t in texts)
    head = f"DO ${_tag(body)}$"
    return f"{head}{_BODY_START}{body}END{head[3:]} LANGUAGE plpgsql", len(head) + len(_BODY_START)


def _parse(conn: psycopg.Connection[Any], texts: Sequence[str]) -> tuple[Outcome, str, int | None]:
    """The outcome, the server's message and, for one rejected text, PostgreSQL's 1-based position in it."""
    block, before = _block(texts)
    try:
        with conn.transaction():
            conn.execute(block.encode())
    except psycopg.errors.SyntaxError as e:
        position = e.diag.statement_position  # in characters of the whole DO block
        offset = int(position) - before if position and position.isdigit() else None
        return "rejected", one_line(e), offset
    except psycopg.Error as e:
        return "unchecked", f"the parse check failed: {one_line(e)}", None
    return "accepted", "", None


def check_statements(conn: psycopg.Connection[Any], statements: Sequence[Statement]) -> list[ParseCheck]:
    """Each statement as the server at `conn` parses it, in one READ ONLY transaction that is rolled back.

    All checkable statements go in one block first; only when the server rejects it is each statement
    checked alone (so the verdict names the failing ones). `conn` must be in autocommit mode."""
    out: dict[int, ParseCheck] = {}
    todo: dict[int, str] = {}
    for i, stmt in enumerate(statements):
        text = stmt.sql.strip().rstrip(";")
        why = None if _TRANSACTION_CONTROL.match(text) else _unchecked_why(text)
        if why is not None:
            out[i] = ParseCheck(stmt.line, "unchecked", why)
        elif _TRANSACTION_CONTROL.match(text):
            out[i] = ParseCheck(stmt.line, "accepted")
        else:
            todo[i] = text
    with conn.transaction(force_rollback=True):
        conn.execute("SET TRANSACTION READ ONLY")
        conn.execute("SET LOCAL check_function_bodies = on")
        conn.execute("SET LOCAL lock_timeout = '50ms'")
        conn.execute("SET LOCAL statement_timeout = '2s'")
        together = _parse(conn, list(todo.values()))[0] if todo else "accepted"
        for i, text in todo.items():
            if together == "accepted":
                out[i] = ParseCheck(statements[i].line, "accepted")
                continue
            outcome, message, offset = _parse(conn, [text])
            stmt = statements[i]
            lead = len(stmt.sql) - len(stmt.sql.lstrip())  # the block holds the text stripped
            line, column = stmt.locate(offset + lead if offset and offset > 0 else None)
            out[i] = ParseCheck(line, outcome, message, column)
    return [out[i] for i in range(len(statements))]
