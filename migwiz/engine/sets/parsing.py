"""Statements parsed with pglast, faster, and each statement of a script once.

pglast's parser builds every node through its class's constructor, which checks and coerces each attribute
in Python (`pglast.ast.Node.__setattr__`): about two thirds of the time a parse takes. The values the
parser hands over are already of the checked types, so `parse_sql` has it build the same nodes (the same
classes, the same attribute values, equal trees) by storing each slot directly (a boolean or a single
character given as an integer is converted as pglast would). A node class whose
constructor does not take its slots in order is built the ordinary way.

`parsed` keeps the trees of recent statements, so the transaction plan, the analysis and the script-wide
rules of one script parse each statement once. Those trees are shared: read them, never change them; code
that edits a tree to write a fix parses its own copy with `parse_sql`.
"""

from __future__ import annotations

import inspect
from collections import OrderedDict
from typing import Any

import pglast.parser as _parser
from pglast import ast as _ast
from pglast import enums as _enums
from pglast.parser import ParseError

__all__ = ["ParseError", "forget", "parse_sql", "parsed"]

KEEP = 4096
"""How many statements' trees `parsed` keeps at most (the oldest go first)."""
KEEP_CHARS = 1_000_000
"""How much SQL (characters) the kept trees may stand for: a tree takes some 50 bytes per character."""
LONGEST = 20_000
"""Statements longer than this (characters) are parsed each time rather than kept: their trees are big."""


_COERCED = {
    "bool": "a{i} if a{i} is None or a{i}.__class__ is bool else bool(a{i})",
    "char": "chr(a{i}) if a{i}.__class__ is int else a{i}",
}
"""The coercions pglast's checks make that its parser relies on (it hands `Boolean` a C int)."""


def _builder(cls: Any) -> Any:
    """A function taking `cls`'s constructor arguments (positional, in slot order) that stores them
    unchecked; `cls` itself when its constructor does not take exactly its slots in that order."""
    if not (isinstance(cls, type) and issubclass(cls, _ast.Node)):
        return cls
    slots = cls.__dict__.get("__slots__")
    if not isinstance(slots, dict) or not slots:
        return cls
    names = list(slots)
    params = list(inspect.signature(cls.__init__).parameters)[1:]
    descriptors: list[Any] = [cls.__dict__.get(name) for name in names]
    if params != names or any(not hasattr(d, "__set__") for d in descriptors):
        return cls
    args = [f"a{i}" for i in range(len(names))]
    lines = [f"def build({', '.join(f'{a}=None' for a in args)}):", "    node = new(cls)"]
    lines += [
        f"    set{i}(node, {_COERCED.get(slots[n].c_type, 'a{i}').format(i=i)})" for i, n in enumerate(names)
    ]
    lines.append("    return node")
    scope: dict[str, Any] = {"new": object.__new__, "cls": cls}
    scope.update({f"set{i}": d.__set__ for i, d in enumerate(descriptors)})
    exec("\n".join(lines), scope)  # one flat function per class: no loop, no per-attribute checks
    return scope["build"]


class _Builders:
    """Stands for `pglast.ast` inside pglast's parser: each node class is looked up here, once, and
    answered with its builder."""

    def __getattr__(self, name: str) -> Any:
        built = _builder(getattr(_ast, name))
        setattr(self, name, built)
        return built


_BUILDERS = _Builders() if getattr(_parser, "ast", None) is _ast else None


def _member_of(cls: Any) -> Any:
    """A function answering `cls(value)` for an enum class: the member from the class's own value map
    (the call through `EnumType.__call__` takes several Python steps per value); anything else through
    the class."""
    members = getattr(cls, "_value2member_map_", None)
    if not isinstance(members, dict):
        return cls

    def member(value: Any) -> Any:
        found = members.get(value)
        return cls(value) if found is None else found

    return member


class _Members:
    """Stands for `pglast.enums` inside pglast's parser: each enum class is looked up here, once, and
    answered with `_member_of` it."""

    def __getattr__(self, name: str) -> Any:
        built = _member_of(getattr(_enums, name))
        setattr(self, name, built)
        return built


_MEMBERS = _Members() if _BUILDERS is not None and getattr(_parser, "enums", None) is _enums else None


def parse_sql(sql: str) -> tuple[Any, ...]:
    """`pglast.parse_sql(sql)`: a new tree (the caller may change it), raising ParseError the same way."""
    if _BUILDERS is None:
        return tuple(_parser.parse_sql(sql))
    setattr(_parser, "ast", _BUILDERS)  # noqa: B010 (the parser's own global)
    if _MEMBERS is not None:
        setattr(_parser, "enums", _MEMBERS)  # noqa: B010
    try:
        return tuple(_parser.parse_sql(sql))
    finally:
        setattr(_parser, "ast", _ast)  # noqa: B010
        if _MEMBERS is not None:
            setattr(_parser, "enums", _enums)  # noqa: B010


class _Failed:
    """A statement that did not parse: the error's arguments, raised again on each look-up."""

    __slots__ = ("args",)

    def __init__(self, args: tuple[Any, ...]) -> None:
        self.args = args


_RECENT: OrderedDict[str, tuple[Any, ...] | _Failed] = OrderedDict()
"""Oldest first. An OrderedDict drops its oldest entry in constant time, where `next(iter(dict))` steps
over every slot a dict's earlier deletions left empty (a fifth of the time `parsed` took on 1,000 files)."""
_kept_chars = [0]


def parsed(sql: str) -> tuple[Any, ...]:
    """The tree of `sql`, parsed once while it stays among the last statements (KEEP, KEEP_CHARS): shared,
    read-only."""
    hit = _RECENT.get(sql)
    if hit is None:
        try:
            hit = parse_sql(sql)
        except ParseError as exc:
            hit = _Failed(exc.args)
        if len(sql) <= LONGEST:
            while _RECENT and (len(_RECENT) >= KEEP or _kept_chars[0] + len(sql) > KEEP_CHARS):
                oldest, _ = _RECENT.popitem(last=False)
                _kept_chars[0] -= len(oldest)
            if sql not in _RECENT:
                _RECENT[sql] = hit
                _kept_chars[0] += len(sql)
    if isinstance(hit, _Failed):
        raise ParseError(*hit.args)
    return hit


def forget() -> None:
    """Drop every kept tree."""
    _RECENT.clear()
    _kept_chars[0] = 0
