"""Durations as written in directives and settings ("500ms", "2s", "2h30min") <-> milliseconds.

Units are PostgreSQL's (case-sensitive): ms, s, min, h, d. A bare number is milliseconds, as for
PostgreSQL's lock_timeout and statement_timeout. Several parts may follow each other ("1h30min").
"""

from __future__ import annotations

import re
from fractions import Fraction

_UNIT_MS: dict[str, int] = {"ms": 1, "s": 1_000, "min": 60_000, "h": 3_600_000, "d": 86_400_000}
_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*", re.ASCII)  # ASCII digits only: not '١s'
_UNITS_TEXT = ", ".join(_UNIT_MS)
MAX_TIMEOUT_MS = 2**31 - 1  # PostgreSQL's largest lock_timeout / statement_timeout (~24.8 days)


def parse_duration(text: str) -> int:
    """Milliseconds in `text`; ValueError saying what is wrong otherwise.

    >>> parse_duration("500ms"), parse_duration("2s"), parse_duration("10min"), parse_duration("1h")
    (500, 2000, 600000, 3600000)
    >>> parse_duration("2h30min"), parse_duration("1.5s"), parse_duration("250"), parse_duration("1d")
    (9000000, 1500, 250, 86400000)
    >>> parse_duration("10m")
    Traceback (most recent call last):
    ...
    ValueError: invalid duration '10m': unknown unit 'm' (use one of ms, s, min, h, d)
    >>> parse_duration("\u0661s")  # an Arabic-Indic one: PostgreSQL would refuse it
    Traceback (most recent call last):
    ...
    ValueError: invalid duration '١s': expected a number at '١s'
    """
    stripped = text.strip()
    if not stripped:
        raise ValueError("invalid duration '': empty (write e.g. 500ms, 2s, 10min, 1h)")
    total = Fraction(0)
    pos = 0
    bare = False
    while pos < len(stripped):
        m = _PART.match(stripped, pos)
        if m is None:
            raise ValueError(f"invalid duration {text!r}: expected a number at {stripped[pos:]!r}")
        number, unit = m.groups()
        if not unit:
            if pos or m.end() < len(stripped):
                raise ValueError(f"invalid duration {text!r}: every part after the first needs a unit")
            bare = True
        elif unit not in _UNIT_MS:
            raise ValueError(f"invalid duration {text!r}: unknown unit {unit!r} (use one of {_UNITS_TEXT})")
        total += Fraction(number) * _UNIT_MS.get(unit, 1)
        pos = m.end()
    if bare and "." in stripped:
        raise ValueError(f"invalid duration {text!r}: milliseconds must be a whole number")
    if total.denominator != 1:
        raise ValueError(f"invalid duration {text!r}: not a whole number of milliseconds")
    return int(total)


_AGE_ALIASES = {
    "sec": "s", "secs": "s", "second": "s", "seconds": "s",
    "m": "min", "mins": "min", "minute": "min", "minutes": "min",
    "hr": "h", "hrs": "h", "hour": "h", "hours": "h",
    "day": "d", "days": "d",
}  # fmt: skip
_AGE_WORD = re.compile(r"(\d(?:[\d.]*)\s*)([A-Za-z]+)", re.ASCII)


def parse_age(text: str) -> int:
    """How far back, in milliseconds, as people type it (`log --since`): the units of `parse_duration` and
    also m for minutes, sec, hr and the spelled-out words; ValueError otherwise.

    >>> parse_age("5m"), parse_age("30s"), parse_age("10min"), parse_age("2h"), parse_age("1d")
    (300000, 30000, 600000, 7200000, 86400000)
    >>> parse_age("1h30m"), parse_age("2 hours"), parse_age("90sec")
    (5400000, 7200000, 90000)
    >>> parse_age("5x")
    Traceback (most recent call last):
    ...
    ValueError: invalid duration '5x': unknown unit 'x' (use one of s, m, min, h, d)
    """

    def canonical(m: re.Match[str]) -> str:
        unit = m.group(2)
        return m.group(1) + _AGE_ALIASES.get(unit.lower(), unit)

    try:
        return parse_duration(_AGE_WORD.sub(canonical, text))
    except ValueError as exc:
        raise ValueError(
            str(exc)
            .replace(repr(_AGE_WORD.sub(canonical, text)), repr(text))
            .replace(f"use one of {_UNITS_TEXT}", "use one of s, m, min, h, d")
        ) from None


def parse_timeout(text: str) -> int:
    """Milliseconds of a PostgreSQL timeout (lock_timeout, statement_timeout): a duration PostgreSQL accepts.

    >>> parse_timeout("2s")
    2000
    >>> parse_timeout("999999999h")
    Traceback (most recent call last):
    ...
    ValueError: invalid timeout '999999999h': more than PostgreSQL allows (24d20h31min23s647ms)
    """
    ms = parse_duration(text)
    if ms > MAX_TIMEOUT_MS:
        raise ValueError(
            f"invalid timeout {text!r}: more than PostgreSQL allows ({format_duration(MAX_TIMEOUT_MS)})"
        )
    return ms


def format_duration(ms: int) -> str:
    """Shortest exact text for `ms` milliseconds, which `parse_duration` reads back.

    >>> format_duration(0), format_duration(500), format_duration(2000), format_duration(9_000_000)
    ('0ms', '500ms', '2s', '2h30min')
    >>> format_duration(90_061_001)
    '1d1h1min1s1ms'
    """
    if ms < 0:
        raise ValueError(f"invalid duration {ms} ms: negative")
    if ms == 0:
        return "0ms"
    parts: list[str] = []
    for unit, size in sorted(_UNIT_MS.items(), key=lambda item: -item[1]):
        count, ms = divmod(ms, size)
        if count:
            parts.append(f"{count}{unit}")
    return "".join(parts)
