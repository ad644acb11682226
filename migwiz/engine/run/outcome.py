"""How a run ended, in the words of its row in `<schema>.runs`, and its log lines on the event stream."""

from __future__ import annotations

from migwiz.engine.log.eventlog import Event
from migwiz.engine.run.events import Logged, RunEvents
from migwiz.engine.run.policy import RunReport


def run_outcome(report: RunReport) -> str:
    """How a run ended: failed (a migration failed), stopped (at a safe point, work left) or success."""
    if not report.ok:
        return "failed"
    return "stopped" if report.stopped else "success"


def run_summary(report: RunReport) -> dict[str, object]:
    """What a run did, for its row in `<schema>.runs`: migrations, durations, statements."""
    return {
        "direction": report.direction,
        "migrations": [o.to_json() for o in report.outcomes],
        "duration_ms": round(sum(o.duration_ms for o in report.outcomes), 1),
    }


class LoggedSink:
    """The central log's lines, on the run's event stream as `Logged`."""

    def __init__(self, events: RunEvents) -> None:
        self._events = events

    def write(self, event: Event) -> None:
        """Publish the line."""
        self._events.emit(Logged(event.run_id, event.level, event.step, event.message, event.data, event.at))

    def close(self) -> None:
        """Nothing to release."""
