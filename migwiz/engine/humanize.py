"""Numbers for people: the one wrapper around the `humanize` library, with fixed options.

Every screen and report of migwiz formats durations, sizes and counts through these functions so they
read the same everywhere: "1.2 s", "3 min 4 s", "12.3 MB", "1.2 M rows". Sizes are decimal (kB = 1000).
"""

from __future__ import annotations

import math

import humanize as _humanize

__all__ = ["ago", "count", "duration", "percent", "size", "wait"]

_UNIT_PAIRS = ((86400, 3600, "d", "h"), (3600, 60, "h", "min"), (60, 1, "min", "s"))


def duration(seconds: float) -> str:
    """A duration, compact, with at most two units.

    >>> duration(0.0004), duration(0.0042), duration(0.35), duration(1.234), duration(9.96)
    ('0.4 ms', '4.2 ms', '350 ms', '1.2 s', '10 s')
    >>> duration(59.6), duration(184.3), duration(180), duration(3600), duration(7530)
    ('1 min', '3 min 4 s', '3 min', '1 h', '2 h 5 min')
    >>> duration(90061), duration(-2.5), duration(0), duration(0.00001)
    ('1 d 1 h', '-2.5 s', '0 ms', '0 ms')
    """
    if seconds < 0:
        return "-" + duration(-seconds)
    ms = seconds * 1000
    if round(ms, 1) == 0:
        return "0 ms"
    if round(ms, 1) < 10:
        return f"{ms:.1f} ms"
    if round(ms) < 1000:
        return f"{ms:.0f} ms"
    if round(seconds, 1) < 10:
        return f"{seconds:.1f} s"
    whole = round(seconds)
    for big, small, big_name, small_name in _UNIT_PAIRS:
        if whole >= big:
            high, rest = divmod(whole, big)
            low = rest // small
            return f"{high} {big_name} {low} {small_name}" if low else f"{high} {big_name}"
    return f"{whole} s"


def wait(seconds: float) -> str:
    """A lock wait, where none at all is the usual answer.

    >>> wait(0), wait(0.00001), wait(0.35)
    ('none', 'none', '350 ms')
    """
    return "none" if round(seconds * 1000, 1) <= 0 else duration(seconds)


def ago(seconds: float) -> str:
    """An age: how long ago something happened.

    >>> ago(0.2), ago(75), ago(90061)
    ('200 ms ago', '1 min 15 s ago', '1 d 1 h ago')
    """
    return f"{duration(seconds)} ago"


def size(n_bytes: float) -> str:
    """A size in bytes, decimal units, one decimal.

    >>> size(0), size(999), size(1000), size(12_300_000), size(1_234_567_890)
    ('0 B', '999 B', '1.0 kB', '12.3 MB', '1.2 GB')
    >>> size(-2048)
    '-2.0 kB'
    """
    if abs(n_bytes) < 1000:
        return f"{int(n_bytes)} B"
    return str(_humanize.naturalsize(n_bytes, format="%.1f"))


def count(n: float, unit: str = "") -> str:
    """A count with a metric suffix above 999, two significant digits at least.

    >>> count(0, "rows"), count(999, "rows"), count(12_345, "rows"), count(1_234_567, "rows")
    ('0 rows', '999 rows', '12 k rows', '1.2 M rows')
    >>> count(123_456), count(5e9, "tuples")
    ('123 k', '5.0 G tuples')
    """
    text = f"{int(n)}" if abs(n) < 1000 else str(_humanize.metric(n, precision=2))
    return f"{text} {unit}" if unit else text


def percent(done: float, total: float) -> str:
    """A share of a total, rounded down so that "100 %" means finished.

    >>> percent(1, 3), percent(999, 1000), percent(5, 5), percent(1, 0)
    ('33 %', '99 %', '100 %', '–')
    """
    if total <= 0:
        return "–"
    return f"{math.floor(100 * done / total)} %"
