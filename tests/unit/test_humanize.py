"""The humanize wrapper: its doctests, plus the unit boundaries where rounding could go wrong."""

from __future__ import annotations

import doctest

import pytest

from migwiz.engine import humanize


def test_doctests() -> None:
    result = doctest.testmod(humanize, raise_on_error=False, verbose=False)
    assert result.attempted >= 9
    assert result.failed == 0


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (0, "0 ms"),
        (0.00004, "0 ms"),
        (0.00005, "0.1 ms"),
        (0.00999, "10 ms"),
        (0.9996, "1.0 s"),
        (9.94, "9.9 s"),
        (59.4, "59 s"),
        (59.5, "1 min"),
        (3599.6, "1 h"),
        (3660, "1 h 1 min"),
        (86399.7, "1 d"),
    ],
)
def test_duration_boundaries(seconds: float, expected: str) -> None:
    assert humanize.duration(seconds) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1000, "1.0 k rows"), (999_999, "1.0 M rows"), (1_200_000, "1.2 M rows"), (42, "42 rows")],
)
def test_count(n: int, expected: str) -> None:
    assert humanize.count(n, "rows") == expected


def test_size_is_decimal() -> None:
    assert humanize.size(1024) == "1.0 kB"
    assert humanize.size(16 * 1024 * 1024) == "16.8 MB"
