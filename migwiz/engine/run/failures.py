"""Where and why a statement failed, in PostgreSQL's own words: DETAIL, HINT, CONTEXT, file:line:column."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import psycopg

from migwiz.engine.adopt.tools import own_table_hint
from migwiz.engine.errors import one_line
from migwiz.engine.run.guard import Session
from migwiz.engine.servers.connect import scrub
from migwiz.engine.servers.extensions import extension_hint
from migwiz.engine.sets.model import Script


@dataclass(frozen=True)
class StatementFailure:
    """Where and why a statement failed, in PostgreSQL's own words (DETAIL, HINT, CONTEXT)."""

    path: str
    line: int
    index: int
    sqlstate: str | None
    message: str
    holders: tuple[Session, ...] = ()
    """Who held the lock, when the failure is a lock conflict that retries could not get past."""
    column: int | None = None
    """Column (1-based, in characters) of `line` that PostgreSQL's error position points at."""
    detail: str | None = None
    hint: str | None = None
    context: str | None = None

    def describe(self) -> str:
        """`file:line[:column]: SQLSTATE message`, then `DETAIL:`, `HINT:`, `CONTEXT:` lines as psql shows."""
        code = f"{self.sqlstate} " if self.sqlstate else ""
        where = f"{self.path}:{self.line}" + (f":{self.column}" if self.column else "")
        lines = [f"{where}: {code}{self.message}"]
        for label, text in (("DETAIL", self.detail), ("HINT", self.hint), ("CONTEXT", self.context)):
            if text:
                lines.append(f"{label}:  {text}")
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "statement": self.index + 1,
            "sqlstate": self.sqlstate,
            "message": self.message,
            "detail": self.detail,
            "hint": self.hint,
            "context": self.context,
            "holders": [h.to_json() for h in self.holders],
        }


def failure_from(exc: psycopg.Error, script: Script, index: int) -> StatementFailure:
    """A StatementFailure naming the file, line and column PostgreSQL points at, with its DETAIL, HINT
    and CONTEXT (scrubbed of secrets); a missing extension's HINT says where the extension comes from."""
    stmt = script.statements[index]
    diag = exc.diag
    line, column = stmt.locate(diag.statement_position)
    message = scrub(diag.message_primary) if diag.message_primary else one_line(exc)
    return StatementFailure(
        str(script.path),
        line,
        index,
        exc.sqlstate,
        message,
        column=column,
        detail=_scrubbed(diag.message_detail),
        hint=extension_hint(message, _scrubbed(diag.message_hint)) or own_table_hint(message),
        context=_scrubbed(diag.context),
    )


def _scrubbed(text: str | None) -> str | None:
    return scrub(text.strip()) if text and text.strip() else None
