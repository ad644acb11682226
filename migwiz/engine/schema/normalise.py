"""Split the text PostgreSQL's pg_get_* functions print into the model's attributes.

>>> split_constraint("FOREIGN KEY (a) REFERENCES t(id) MATCH FULL ON DELETE CASCADE NOT VALID", "f")
('FOREIGN KEY (a) REFERENCES t(id)', 'NO ACTION', 'CASCADE')
>>> index_parts("CREATE INDEX i ON t USING btree (lower(a), b DESC) INCLUDE (c) WHERE (b > 0)", "btree")
('(lower(a), b DESC)', '(c)')
>>> grants(["=U/owner", 'bob=r*w/owner'])
('PUBLIC:USAGE', 'bob:SELECT WITH GRANT OPTION', 'bob:UPDATE')
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_CONSTRAINT_SUFFIXES = (" NOT VALID", " NOT ENFORCED", " INITIALLY DEFERRED", " DEFERRABLE")
_ACTION = r"(?:RESTRICT|CASCADE|SET NULL|SET DEFAULT)"
_FK_TAIL = re.compile(
    rf"(?: MATCH (?:FULL|PARTIAL))?(?: ON UPDATE (?P<upd>{_ACTION}(?: \([^)]*\))?))?"
    rf"(?: ON DELETE (?P<del>{_ACTION}(?: \([^)]*\))?))?$"
)


def split_constraint(definition: str, contype: str) -> tuple[str, str | None, str | None]:
    """pg_get_constraintdef without deferrability, validation, enforcement and FK MATCH/actions.

    Returns (definition, on_update, on_delete); the actions are None for other kinds than foreign keys.
    """
    stripped = True
    while stripped:
        stripped = False
        for suffix in _CONSTRAINT_SUFFIXES:
            if definition.endswith(suffix):
                definition = definition[: -len(suffix)]
                stripped = True
    if contype != "f":
        return definition, None, None
    match = _FK_TAIL.search(definition)
    assert match is not None  # every part of the pattern is optional
    on_update = match.group("upd") or "NO ACTION"
    on_delete = match.group("del") or "NO ACTION"
    return definition[: match.start()], on_update, on_delete


def _balanced(text: str, start: int) -> int:
    """Index just past the parenthesised group opening at `text[start]`, skipping quoted text."""
    depth = 0
    quote: str | None = None
    i = start
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(text)


def index_parts(definition: str, method: str) -> tuple[str, str | None]:
    """The key list and the INCLUDE list of a pg_get_indexdef text."""
    marker = f" USING {method} ("
    at = definition.find(marker)
    if at < 0:
        return definition, None
    start = at + len(marker) - 1
    end = _balanced(definition, start)
    keys = definition[start:end]
    include = None
    if definition.startswith(" INCLUDE (", end):
        inc_start = end + len(" INCLUDE ")
        include = definition[inc_start : _balanced(definition, inc_start)]
    return keys, include


_PRIVILEGES = {
    "r": "SELECT",
    "w": "UPDATE",
    "a": "INSERT",
    "d": "DELETE",
    "D": "TRUNCATE",
    "x": "REFERENCES",
    "t": "TRIGGER",
    "X": "EXECUTE",
    "U": "USAGE",
    "C": "CREATE",
    "c": "CONNECT",
    "T": "TEMPORARY",
    "s": "SET",
    "A": "ALTER SYSTEM",
    "m": "MAINTAIN",
}


def grants(acl: Iterable[str] | None) -> tuple[str, ...] | None:
    """Sorted "grantee:PRIVILEGE" entries from aclitem texts (the grantor is left out)."""
    if acl is None:
        return None
    out = set()
    for item in acl:
        grantee, _, rest = item.rpartition("=")
        privileges = rest.split("/", 1)[0]
        who = grantee.strip('"') if grantee else "PUBLIC"
        for i, letter in enumerate(privileges):
            if letter == "*":
                continue
            option = " WITH GRANT OPTION" if privileges[i + 1 : i + 2] == "*" else ""
            out.add(f"{who}:{_PRIVILEGES.get(letter, letter)}{option}")
    return tuple(sorted(out))
