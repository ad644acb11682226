"""The narrow view of a run that the backfill and the phase guard get (instead of the runner itself).

`RunContext` (context.py) satisfies it; so can anything else with these members.
"""

from __future__ import annotations

from typing import Any, Protocol

import psycopg

from migwiz.engine.run.events import RunEvent
from migwiz.engine.run.history_rows import HistoryRows
from migwiz.engine.run.policy import ExecutionPolicy


class RunPort(Protocol):
    """What a backfill migration and the contract guard need from the run they are part of."""

    @property
    def dsn(self) -> str:
        """The target database."""
        ...

    @property
    def schema(self) -> str:
        """migwiz's schema in it."""
        ...

    @property
    def run_id(self) -> str:
        """The run's id in the central log (which is written from the events it publishes)."""
        ...

    @property
    def policy(self) -> ExecutionPolicy:
        """How statements run (timeouts, `--phase`, `--force`)."""
        ...

    @property
    def history(self) -> HistoryRows:
        """The history rows of the run's schema."""
        ...

    def connection(self) -> psycopg.Connection[Any]:
        """The executor connection."""
        ...

    def safe_point(self, where: str) -> str | None:
        """At a safe point: wait while the run is paused, then why it is to stop (None: go on)."""
        ...

    def emit(self, event: RunEvent) -> None:
        """Publish an event on the run's stream (its line goes into the central log)."""
        ...
