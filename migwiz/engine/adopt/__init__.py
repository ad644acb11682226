"""Adopting databases managed by other migration tools: golang-migrate, dbmate, Flyway, Diesel, sqitch,
sqlx and Prisma.

`detect_foreign_tools` finds their history tables, `read_foreign_history` reads them as they are,
`foreign_state` shows the files' states per that history, `adopt` imports it into migwiz's own history
(theirs is never written to), and `ensure_adopted` stops `up` from applying everything a second time.
"""

from __future__ import annotations

from migwiz.engine.adopt.importer import AdoptReport, ForeignState, adopt, ensure_adopted, foreign_state
from migwiz.engine.adopt.model import Applied, Blocked, ForeignRow, ForeignSource, Resolution
from migwiz.engine.adopt.tools import TOOLS, detect_foreign_tools, find_sources, read_foreign_history

__all__ = [
    "TOOLS",
    "AdoptReport",
    "Applied",
    "Blocked",
    "ForeignRow",
    "ForeignSource",
    "ForeignState",
    "Resolution",
    "adopt",
    "detect_foreign_tools",
    "ensure_adopted",
    "find_sources",
    "foreign_state",
    "read_foreign_history",
]
