"""Differences a team may choose to accept: column order, and expressions volatile by nature.

- column order: a down that drops a column and a later up that re-adds it puts it last; the table is
  otherwise the same.
- volatile expressions: a default or view text holding a timestamp frozen when it was created
  (`DEFAULT 'now'`, `CURRENT_DATE` folded into a literal), which a re-run can never reproduce.

Ignored differences are not thrown away: callers report them beside the ones that count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from migwiz.engine.schema.diff import Difference

# '2026-12-06 05:28:49.123+00'::timestamp with time zone, '2026-12-06'::date, and the like
_FROZEN_TIME = re.compile(
    r"'\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[+-]\d{2}(?::?\d{2})?|Z)?)?'"
    r"(?:::(?:timestamp(?:tz| with(?:out)? time zone)?|date|time(?:tz| with(?:out)? time zone)?))?"
)


def without_frozen_times(text: str) -> str:
    """`text` with every date or timestamp literal replaced by a placeholder.

    >>> without_frozen_times("'2026-12-06 05:28:49.1+00'::timestamp with time zone")
    "'<frozen time>'"
    """
    return _FROZEN_TIME.sub("'<frozen time>'", text)


@dataclass(frozen=True)
class Tolerance:
    """Which kinds of difference to accept (each one reported as ignored, never hidden)."""

    ignore_column_order: bool = False
    ignore_volatile: bool = False

    def names(self) -> tuple[str, ...]:
        """The options in effect, as words for reports."""
        out = []
        if self.ignore_column_order:
            out.append("column order ignored")
        if self.ignore_volatile:
            out.append("volatile expressions ignored")
        return tuple(out)

    def accepts(self, d: Difference) -> bool:
        """Whether `d` is one of the accepted kinds."""
        if self.ignore_column_order and d.attribute == "column order":
            return True
        if self.ignore_volatile and d.kind == "changed" and d.expected is not None and d.actual is not None:
            before, after = without_frozen_times(d.expected), without_frozen_times(d.actual)
            return before == after and before != d.expected
        return False

    def split(self, diffs: Iterable[Difference]) -> tuple[tuple[Difference, ...], tuple[Difference, ...]]:
        """(differences that count, accepted differences)."""
        kept: list[Difference] = []
        accepted: list[Difference] = []
        for d in diffs:
            (accepted if self.accepts(d) else kept).append(d)
        return tuple(kept), tuple(accepted)
