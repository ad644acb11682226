"""Migration versions: what identifies a migration and in which order migrations run, per layout.

Each layout follows its tool's own rules (see docs/migration-sets.md):

- native (golang-migrate) and sqlx: an integer (`uint64` / `i64`); `1` and `001` are one version. sqlx
  parses its prefix as Rust's `i64` does: a sign is allowed (`-1` runs before `0`, `+5` is `5`).
- directory (Diesel): the text before the first `_` with its dashes removed, compared as a string, so
  `20140924113530` sorts before `2017-05-03-000000` and `2026-05-27-120000-0000` differs from
  `2026-05-27-120000`.
- dbmate: the digits as written (`1` and `001` differ); migrations run in file-name order.
- flyway: numeric parts compared one by one, trailing zero parts ignored (`1.2.10` after `1.2.9`,
  `1.0` is `1`). A repeatable migration (`R__<description>.sql`) has the version `R__<description>`:
  it sorts after every versioned one, repeatables among themselves by description (`_` read as a space),
  and its description is its identity.
- prisma: the whole folder name, in the order of JavaScript's `localeCompare` (ICU's root collation),
  which Prisma sorts the folders with: `1_init` before `10_posts`, `x_a` before `x_B`.

A `Version` keeps the text as written (what migwiz's history stores), its identity (equality, hashing)
and its sort key. `Version(text)` alone orders numerically part by part, like native and Flyway.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import total_ordering
from typing import Any

_PART = re.compile(r"\d+")


def numeric_parts(text: str) -> tuple[int, ...]:
    """The numbers in `text`, trailing zero parts dropped (Flyway: `1.2` is `1.2.0`).

    >>> numeric_parts("1.2.0"), numeric_parts("0009"), numeric_parts("0")
    ((1, 2), (9,), (0,))
    """
    parts = [int(p) for p in _PART.findall(text)]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


@total_ordering
@dataclass(frozen=True, eq=False)
class Version:
    """A migration version as written, with the identity and order its layout gives it.

    >>> Version("1.2.10") > Version("1.2.9")
    True
    >>> Version("20240101120000") > Version("9")
    True
    >>> diesel = [parse_version("directory", v) for v in ("2017-05-03-000000", "20140924113530")]
    >>> [str(v) for v in sorted(diesel)]
    ['20140924113530', '2017-05-03-000000']
    """

    text: str
    order: tuple[Any, ...] | None = field(default=None, repr=False)
    """Sort key (None: numeric parts of the text)."""
    identity: tuple[Any, ...] | None = field(default=None, repr=False)
    """What makes two versions the same migration (None: the sort key)."""

    @property
    def key(self) -> tuple[Any, ...]:
        """The sort key."""
        return self.order if self.order is not None else numeric_parts(self.text)

    @property
    def ident(self) -> tuple[Any, ...]:
        """The identity: equal identities are the same migration."""
        return self.identity if self.identity is not None else self.key

    @property
    def repeatable(self) -> bool:
        """A Flyway repeatable migration (`R__<description>`): run after the versioned ones, again when
        its file changes; never out of order, never reverted."""
        return self.order is not None and len(self.order) > 0 and self.order[0] == math.inf

    def within(self, target: Version | None) -> bool:
        """Whether `up --to target` applies this migration: every version up to and including `target`;
        as Flyway's `target`, which bounds versioned migrations only, the repeatable ones (run after
        them) too, unless the target is itself a repeatable one."""
        if target is None or self <= target:
            return True
        return self.repeatable and not target.repeatable

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Version):
            return NotImplemented
        return self.key < other.key

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Version):
            return NotImplemented
        return self.ident == other.ident

    def __hash__(self) -> int:
        return hash(self.ident)

    def __str__(self) -> str:
        return self.text


def integer_version(text: str) -> Version:
    """golang-migrate (`uint64`) and sqlx (`i64`): the number; `001` is `1`.

    >>> integer_version("001") == integer_version("1") < integer_version("10")
    True
    """
    if not text.isascii() or not text.isdigit():
        return Version(text)
    return Version(text, (int(text),))


_I64 = re.compile(r"[+-]?[0-9]+")
I64_MIN, I64_MAX = -(2**63), 2**63 - 1


def sqlx_version(text: str) -> Version:
    """sqlx: the prefix parsed as Rust's `i64::from_str` parses it: ASCII digits after an optional sign.

    >>> sqlx_version("-1") < sqlx_version("0") < sqlx_version("+5") == sqlx_version("005")
    True
    """
    if _I64.fullmatch(text) is None:
        return Version(text)
    return Version(text, (int(text),))


def is_sqlx_version(text: str) -> bool:
    """Whether sqlx reads `text` as a version (an `i64`); else it refuses the file.

    >>> [is_sqlx_version(t) for t in ("-9223372036854775808", "+1", "9223372036854775808", "1.0", "-")]
    [True, True, False, False, False]
    """
    return _I64.fullmatch(text) is not None and I64_MIN <= int(text) <= I64_MAX


def diesel_version(text: str) -> Version:
    """Diesel: the version with its dashes removed, compared as a string (`version_from_string`).

    >>> diesel_version("2019-02-26-002946") == diesel_version("20190226002946")
    True
    >>> diesel_version("2026-05-27-120000-0000") == diesel_version("2026-05-27-120000")
    False
    """
    stored = text.replace("-", "")
    return Version(text, (stored,))


def dbmate_version(text: str, file_name: str | None = None) -> Version:
    """dbmate: the digits as written are the identity; files run in file-name order.

    >>> dbmate_version("1") == dbmate_version("001")
    False
    >>> dbmate_version("10", "10_b.sql") < dbmate_version("1", "1_a.sql")
    True
    """
    return Version(text, (file_name if file_name is not None else text,), (text,))


def flyway_version(text: str) -> Version:
    """Flyway: `_` reads as `.`; numeric parts compared one by one, trailing zeros ignored.

    >>> flyway_version("1_2_10") > flyway_version("1.2.9")
    True
    >>> flyway_version("1.0") == flyway_version("1")
    True
    >>> flyway_version("R__b_view") > flyway_version("R__a_view") > flyway_version("999")
    True
    """
    if text.startswith(REPEATABLE):
        description = text.removeprefix(REPEATABLE).replace("_", " ")  # Flyway's description
        return Version(text, (math.inf, description), ("R", description))
    normal = text.replace("_", ".")
    return Version(normal, numeric_parts(normal))


REPEATABLE = "R__"
"""Prefix of a Flyway repeatable migration's file name, and of its version in migwiz's history."""


def prisma_version(text: str) -> Version:
    """Prisma: the migration folder's whole name, in `localeCompare` order (see `locale_key`).

    >>> names = ["10_posts", "2_users", "1_init", "20240101000000_Init", "20240101000000_add"]
    >>> [str(v) for v in sorted(prisma_version(n) for n in names)]
    ['1_init', '10_posts', '2_users', '20240101000000_add', '20240101000000_Init']
    """
    return Version(text, locale_key(text), (text,))


# ICU's root collation order of printable ASCII, letters case folded: whitespace and punctuation (not
# ignorable) and symbols, then digits, then letters.
_ICU_ASCII = " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz"
_ICU_PRIMARY = {c: i for i, c in enumerate(_ICU_ASCII)}


def locale_key(text: str) -> tuple[Any, ...]:
    """The sort key of `a.localeCompare(b)` in Node (ICU root collation, no options), which Prisma sorts
    its migration folders by (packages/migrate `listMigrations`): primary weights with case folded,
    then case, lower before upper, letter by letter. Exact for ASCII; any other character sorts after
    ASCII by code point, and equal keys fall back to the text.

    >>> sorted(["x_B", "x_a", "a-b", "a_b", "a.b", "ab"], key=locale_key)
    ['a_b', 'a-b', 'a.b', 'ab', 'x_a', 'x_B']
    """
    primary = tuple(_ICU_PRIMARY.get(c.lower(), len(_ICU_ASCII) + ord(c)) for c in text)
    return (primary, tuple(c.isupper() for c in text), text)


_PARSERS: dict[str, Callable[[str], Version]] = {
    "native": integer_version,
    "sqlx": sqlx_version,
    "directory": diesel_version,
    "dbmate": dbmate_version,
    "flyway": flyway_version,
    "prisma": prisma_version,
}


def parse_version(layout: str, text: str) -> Version:
    """`text` (a version as migwiz's history or an operator writes it) read the way `layout` reads it."""
    parser = _PARSERS.get(layout)
    return parser(text) if parser else Version(text)
