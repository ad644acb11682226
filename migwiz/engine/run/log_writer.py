"""The central log, written from the run's typed events: the one place a run's log lines come from.

`LogWriter` is the first consumer of a run's stream (`RunEvents.record`): every event's `line()` goes
into the run's `EventLog` (database, JSON lines, syslog, and back onto the stream as `Logged`), and
finished statements go through the statement log, which writes a slow or DDL statement alone and
counts fast data statements into one line. `migwiz watch` turns these lines back into the same event
types (log_events.py).
"""

from __future__ import annotations

from migwiz.engine.log.eventlog import EventLog
from migwiz.engine.run.events import RunEvent, RunEvents, StatementFinished
from migwiz.engine.run.statement_log import StatementLog


class LogWriter:
    """Writes the lines of one run's typed events into its central log."""

    def __init__(self, log: EventLog, statements: StatementLog | None = None) -> None:
        self.log = log
        self.statements = statements or StatementLog(log)

    def __call__(self, event: RunEvent) -> None:
        """Write `event`'s line (a finished statement: through the statement log)."""
        if isinstance(event, StatementFinished):
            if event.error is None:
                self.statements.finished(event)
            return
        self.log.write(event)


def write_log(events: RunEvents, log: EventLog) -> LogWriter:
    """Make `log` record every later event of `events` (first, before any consumer sees it)."""
    writer = LogWriter(log)
    events.record(writer)
    return writer
