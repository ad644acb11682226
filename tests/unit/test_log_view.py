"""`migwiz log` on an 80-column terminal: a long message wraps under the message column."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from rich.console import Console

from migwiz.console.log_view import _grid
from migwiz.engine.types import Event


def test_a_long_message_wraps_under_its_column_and_today_has_no_date() -> None:
    now = datetime.now(UTC)
    long = "applying 0008_orders_status_enum in one transaction after waiting for the lock on public.orders"
    events = [
        (1, Event("c1b66a82-run", now - timedelta(days=3), "info", "run", "an older run")),
        (2, Event("c1b66a82-run", now, "warning", "migration", long)),
    ]
    console = Console(width=80, color_system=None, record=True, force_terminal=True)
    console.print(_grid(events), soft_wrap=False)
    lines = console.export_text().splitlines()
    assert max(len(line) for line in lines) <= 80
    assert lines[0].startswith(f"{(now - timedelta(days=3)).astimezone():%Y-%m-%d %H:%M:%S} c1b66a82 ")
    today = [n for n, line in enumerate(lines) if line.startswith(f"{now.astimezone():%H:%M:%S} ")]
    assert today, lines
    column = lines[today[0]].index("applying")
    continued = lines[today[0] + 1 :]
    assert continued and all(line[:column].strip() == "" for line in continued), lines
    assert " ".join(" ".join(x.split()) for x in [lines[today[0]][column:], *continued]) == long
