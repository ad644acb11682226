"""The standing derivation, without a database: percentages, states, failed statements."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from migwiz.engine.backfill.store import Checkpoint
from migwiz.engine.history.standing import BackfillFacts, backfill_standing, derive, percent_done
from migwiz.engine.history.state import HistoryRow

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def checkpoint(state: str, scanned: int, total: int | None) -> Checkpoint:
    return Checkpoint(
        "7", "public.items", ("id",), "UPDATE items SET n = 1", ("9",), ("5",), scanned, scanned, 3, total,
        500, 100.0, state, 4711, NOW, NOW, None,
    )  # fmt: skip


def history(*, done: int = 0, running: int | None = None, reverting: bool = False) -> HistoryRow:
    return HistoryRow(
        "7", "fill", "abc", NOW, "me", None, None, None, None, False, done, running, reverting, None
    )


@pytest.mark.parametrize(
    ("state", "scanned", "total", "expected"),
    [
        ("stopped", 299, 1000, 29),  # rounded down, as everywhere
        ("stopped", 1500, 1000, 99),  # the estimate was low: not 100 before done
        ("running", 10, 0, 0),
        ("running", 10, None, 0),
        ("done", 5, 1000, 100),
    ],
)
def test_percent_done(state: str, scanned: int, total: int | None, expected: int) -> None:
    assert percent_done(checkpoint(state, scanned, total)) == expected


def test_a_live_session_runs_a_dead_one_stopped_a_done_one_applied() -> None:
    live = backfill_standing(BackfillFacts(checkpoint("throttled", 299, 1000), alive=True))
    assert (live.state, live.percent, live.text) == ("running", 29, "backfill running at 29 %")
    dead = backfill_standing(BackfillFacts(checkpoint("running", 299, 1000), alive=False))
    assert (dead.state, dead.percent, dead.resumable) == ("stopped", 29, True)
    assert dead.text.startswith("backfill stopped at 29 % (299 of ~1.0 k rows), resumable")
    stopped_but_pid_reused = backfill_standing(BackfillFacts(checkpoint("stopped", 299, 1000), alive=True))
    assert stopped_but_pid_reused.state == "stopped"
    assert backfill_standing(BackfillFacts(checkpoint("done", 1000, 1000), alive=False)).state == "applied"


def test_derive_failed_rows() -> None:
    facts = BackfillFacts(checkpoint("stopped", 299, 1000), alive=False)
    assert derive("failed", history(), None, facts).state == "stopped"
    plain = derive("failed", history(done=1, running=1), None, None, "up: 1 of 3 statements ran")
    assert (plain.state, plain.statement, plain.resumable) == ("failed", 2, True)
    first = derive("failed", history(done=0, running=0), None, None)
    assert first.statement == 1
    reverting = derive("failed", history(done=2, reverting=True), None, facts)
    assert (reverting.state, reverting.statement, reverting.resumable) == ("failed", 3, False)
    assert derive("pending", None, None).state == "pending"
    assert derive("applied", None, None, facts).state == "applied"
