"""`-- migwiz:` directives in a script's comments.

Before the first statement (leading comments):

    -- migwiz:no-transaction
    -- migwiz:lock-timeout=2s
    -- migwiz:statement-timeout=10min
    -- migwiz:phase=expand|backfill|contract
    -- migwiz:backfill

Anywhere between statements: `-- migwiz:ignore <rule-id> <reason>`, applying to the next statement.
Anything else starting with `-- migwiz:`, a bad value, a repeated directive, or a leading-only directive
after the first statement is a MigrationFileError naming file and line: a directive migwiz would
otherwise silently ignore is a bug waiting to happen.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from migwiz.engine.durations import parse_duration
from migwiz.engine.errors import MigrationFileError
from migwiz.engine.sets.model import PHASES, Directives, Ignore, Statement
from migwiz.engine.sets.splitting import ScannedSql, scan_sql

_BLOCK_DIRECTIVE = re.compile(r"/\*\s*migwiz:")
_DIRECTIVE = re.compile(r"--\s*migwiz:\s*([\w-]*)\s*(?:=\s*(\S*))?\s*(.*?)\s*$")
_MAX_TIMEOUT_MS = 2**31 - 1  # PostgreSQL's limit for lock_timeout and statement_timeout
_NAMES = ("no-transaction", "lock-timeout", "statement-timeout", "phase", "backfill", "ignore")
_HINT = "directives: " + ", ".join(f"migwiz:{n}" for n in _NAMES) + " (see docs/migration-sets.md)"


def parse_directives(
    text: str, *, path: Path, first_line: int = 1, base: Directives | None = None
) -> tuple[Directives, tuple[Ignore, ...]]:
    """Directives and ignores of the script `text` (which begins at line `first_line` of `path`)."""
    return directives_from_scan(scan_sql(text, path=path, first_line=first_line), path=path, base=base)


def directives_from_scan(
    scanned: ScannedSql, *, path: Path, base: Directives | None = None
) -> tuple[Directives, tuple[Ignore, ...]]:
    """Directives and ignores from an already scanned script; `base` holds defaults set elsewhere."""
    values: dict[str, Any] = {}
    seen: dict[str, int] = {}
    ignores: list[Ignore] = []
    last_statement_line = scanned.statements[-1].line if scanned.statements else 0
    for comment in scanned.comments:
        m = _DIRECTIVE.match(comment.text)
        if m is None:
            if _BLOCK_DIRECTIVE.match(comment.text):
                raise MigrationFileError(
                    f"{path}:{comment.line}: migwiz directives must be -- comments, not /* */",
                    hint="write it as: -- migwiz:<directive>",
                )
            continue
        name, value, rest = m.groups()
        where = f"{path}:{comment.line}"
        if name == "ignore":
            ignores.append(_ignore(value, rest, where, comment.line, comment.place, last_statement_line))
            continue
        if name not in _NAMES:
            raise MigrationFileError(f"{where}: unknown directive migwiz:{name}", hint=_HINT)
        if comment.place != "leading":
            raise MigrationFileError(
                f"{where}: migwiz:{name} must come before the first statement",
                hint="move it to the comments at the top of the script",
            )
        if name in seen:
            raise MigrationFileError(f"{where}: migwiz:{name} repeated (first at line {seen[name]})")
        seen[name] = comment.line
        if rest:
            raise MigrationFileError(f"{where}: unexpected text after migwiz:{name}: {rest!r}")
        values.update(_value(name, value, where))
    return replace(base or Directives(), **values), tuple(ignores)


def ignores_by_statement(
    statements: tuple[Statement, ...], ignores: tuple[Ignore, ...]
) -> tuple[tuple[Ignore, ...], ...]:
    """The ignores applying to each statement (aligned with `statements`): those on lines before it
    and after the previous statement."""
    lines = [s.line for s in statements]
    found: list[list[Ignore]] = [[] for _ in statements]
    for ignore in ignores:
        index = bisect.bisect_right(lines, ignore.line)
        if index < len(found):
            found[index].append(ignore)
    return tuple(tuple(f) for f in found)


def _value(name: str, value: str | None, where: str) -> dict[str, Any]:
    if name in ("no-transaction", "backfill"):
        if value is not None:
            raise MigrationFileError(f"{where}: migwiz:{name} takes no value")
        return {"transaction": False} if name == "no-transaction" else {"backfill": True}
    if not value:
        raise MigrationFileError(f"{where}: migwiz:{name} needs a value, e.g. migwiz:{name}={_EXAMPLE[name]}")
    if name == "phase":
        if value not in PHASES:
            raise MigrationFileError(
                f"{where}: migwiz:phase={value} is not a phase (use one of {', '.join(PHASES)})"
            )
        return {"phase": value}
    try:
        ms = parse_duration(value)
    except ValueError as exc:
        raise MigrationFileError(f"{where}: migwiz:{name}: {exc}") from None
    if ms > _MAX_TIMEOUT_MS:
        raise MigrationFileError(f"{where}: migwiz:{name}={value} is more than PostgreSQL allows (~24 days)")
    return {"lock_timeout_ms" if name == "lock-timeout" else "statement_timeout_ms": ms}


_EXAMPLE = {"lock-timeout": "2s", "statement-timeout": "10min", "phase": "expand"}


def _ignore(
    value: str | None, rest: str, where: str, line: int, place: str, last_statement_line: int
) -> Ignore:
    if value is not None:
        raise MigrationFileError(f"{where}: write migwiz:ignore <rule-id> <reason>, without '='")
    rule, reason = ([*rest.split(None, 1), "", ""])[:2]
    if not rule:
        raise MigrationFileError(f"{where}: migwiz:ignore needs a rule id and a reason")
    if not reason:
        raise MigrationFileError(
            f"{where}: migwiz:ignore {rule} needs a reason",
            hint="say why the rule does not apply here: -- migwiz:ignore <rule-id> <reason>",
        )
    if place == "inside":
        raise MigrationFileError(
            f"{where}: migwiz:ignore inside a statement",
            hint="put it on its own line just before the statement it applies to",
        )
    if line >= last_statement_line:  # a `--` comment runs to the end of its line
        raise MigrationFileError(f"{where}: migwiz:ignore {rule} is not followed by a statement")
    return Ignore(rule, reason, line)
