"""The central log: every run, step, lock wait and decision, stored in the database and as JSON lines.

Events are written through sinks. The database sink has its own autocommit connection, so an event
survives the rollback of the migration it describes. Every message and value is scrubbed of secrets.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import socket
import sys
import threading
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar, Protocol

import psycopg
from psycopg import sql
from psycopg.types.json import Jsonb

from migwiz import __version__
from migwiz.engine.errors import ConfigError, one_line
from migwiz.engine.history.state import ensure_state, os_identity
from migwiz.engine.log.jsonlines import JsonLinesSink
from migwiz.engine.log.line import LEVELS as LEVELS
from migwiz.engine.log.line import HasLine, LogLine
from migwiz.engine.log.line import Level as Level
from migwiz.engine.log.record_events import EventsPruned, RecordEvent, RunEnded, RunStarted
from migwiz.engine.run.preflight import check_target
from migwiz.engine.run.session_limits import limit_bookkeeping, own_tables_locked
from migwiz.engine.servers.connect import connect, reading_refused, scrub

RUN_TAGS: ContextVar[Mapping[str, str] | None] = ContextVar("migwiz_run_tags", default=None)
"""Data every event of a log opened in this context carries (a fleet rollout's `fleet_run` id)."""


@dataclass(frozen=True)
class Event:
    """One log entry."""

    run_id: str
    at: datetime
    level: Level
    step: str
    message: str
    data: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (time as ISO 8601)."""
        return {
            "run_id": self.run_id,
            "at": self.at.isoformat(),
            "level": self.level,
            "step": self.step,
            "message": self.message,
            "data": dict(self.data),
        }


class EventSink(Protocol):
    """Where events go."""

    def write(self, event: Event) -> None: ...

    def close(self) -> None: ...


def _scrub_value(value: Any) -> Any:
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, Mapping):
        return {str(k): _scrub_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub_value(v) for v in value]
    if isinstance(value, int | float | bool) or value is None:
        return value
    return scrub(str(value))


class MemorySink:
    """Keeps events in a list (the wizard's log pane and the tests read it)."""

    def __init__(self) -> None:
        self.events: list[Event] = []

    def write(self, event: Event) -> None:
        """Keep the event."""
        self.events.append(event)

    def close(self) -> None:
        """Nothing to release."""


def notify_channel(schema: str) -> str:
    """The LISTEN/NOTIFY channel on which new events of `schema` are announced.

    Cut to 63 bytes at a character boundary, as PostgreSQL cuts the identifier `LISTEN` receives.

    >>> len(notify_channel("é" * 40).encode())
    62
    """
    return f"migwiz_events_{schema}".encode()[:63].decode(errors="ignore")


class SyslogSink:
    """Sends events to syslog (facility LOCAL0), one line each.

    `address` is a Unix socket path (default `/dev/log`) or `host:port` for UDP. An address that cannot
    be reached when the sink opens is a `ConfigError`; if sending fails later, the sink goes quiet and
    says why in `failed` (the other sinks still have every event).
    """

    _PRIORITIES: ClassVar[dict[str, int]] = {
        "debug": logging.DEBUG,
        "info": logging.INFO,
        "warning": logging.WARNING,
        "error": logging.ERROR,
    }

    def __init__(self, address: str = "/dev/log") -> None:
        target: str | tuple[str, int]
        hint = 'start the syslog daemon, or set syslog to a socket that exists or to "host:port"'
        if ":" in address and not address.startswith("/"):
            host, _, port = address.rpartition(":")
            if not (port.isascii() and port.isdigit()) or not 0 < int(port) < 65536:
                raise ConfigError(
                    f"syslog = {address!r}: port {port!r} is not a number from 1 to 65535", hint
                )
            target = (host, int(port))
        else:
            target = address
            _probe_unix_socket(address, hint)
        try:
            self._handler = logging.handlers.SysLogHandler(
                address=target, facility=logging.handlers.SysLogHandler.LOG_LOCAL0
            )
        except (OSError, OverflowError) as exc:
            raise ConfigError(
                f"syslog = {address!r}: {getattr(exc, 'strerror', None) or exc}", hint
            ) from None
        self._handler.ident = "migwiz: "
        self._handler.handleError = self._went_quiet  # type: ignore[method-assign]
        self.failed: str | None = None

    def write(self, event: Event) -> None:
        """One line: run id, step, message."""
        record = logging.LogRecord(
            "migwiz", self._PRIORITIES[event.level], "", 0,
            f"run={event.run_id[:8]} {event.step}: {event.message}", None, None,
        )  # fmt: skip
        if self.failed is None:
            self._handler.emit(record)

    def _went_quiet(self, record: logging.LogRecord) -> None:
        """logging's error path (a traceback per event) replaced by one note: the sink stops sending."""
        exc = sys.exc_info()[1]
        self.failed = f"syslog: {getattr(exc, 'strerror', None) or exc or 'send failed'}"

    def close(self) -> None:
        """Close the socket."""
        self._handler.close()


def _probe_unix_socket(path: str, hint: str) -> None:
    """Connect to the syslog socket at `path` once (datagram, then stream); a `ConfigError` if neither."""
    error: OSError | None = None
    for kind in (socket.SOCK_DGRAM, socket.SOCK_STREAM):
        with socket.socket(socket.AF_UNIX, kind) as probe:
            try:
                probe.connect(path)
                return
            except OSError as exc:
                error = error or exc
    reason = error.strerror if error and error.strerror else "cannot connect"
    raise ConfigError(f"syslog = {path!r}: no syslog socket there ({reason})", hint)


def _close_all(sinks: list[EventSink]) -> None:
    for sink in sinks:
        sink.close()


class StepCounter:
    """Counts the events of one step (e.g. "retry"), for the run's summary."""

    def __init__(self, step: str) -> None:
        self.step = step
        self.count = 0

    def write(self, event: Event) -> None:
        """Count it when it is of the step."""
        if event.step == self.step:
            self.count += 1

    def close(self) -> None:
        """Nothing to release."""


class DatabaseSink:
    """Inserts events into `<schema>.events` over a dedicated autocommit connection."""

    def __init__(self, conn: psycopg.Connection[Any], schema: str) -> None:
        self._conn = conn
        # one round trip: insert, then wake `migwiz log --follow` readers with the new id
        self._insert = sql.SQL(
            "WITH new AS (INSERT INTO {}.events (run_id, at, level, step, message, data)"
            " VALUES (%s, %s, %s, %s, %s, %s) RETURNING id)"
            " SELECT pg_notify(%s, id::text) FROM new"
        ).format(sql.Identifier(schema))
        self._channel = notify_channel(schema)
        self._lock = threading.Lock()
        self.failed: str | None = None

    def write(self, event: Event) -> None:
        """Insert the event; after a failure (server gone) the sink goes quiet and says why in `failed`."""
        if self.failed is not None:
            return
        with self._lock:
            try:
                self._conn.execute(
                    self._insert,
                    (
                        event.run_id,
                        event.at,
                        event.level,
                        event.step,
                        event.message,
                        Jsonb(dict(event.data)),
                        self._channel,
                    ),
                )
            except psycopg.Error as exc:
                self.failed = one_line(exc)

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()


class EventLog:
    """Writes events of one run to every sink."""

    def __init__(self, run_id: str | None = None, sinks: list[EventSink] | None = None) -> None:
        self.run_id = run_id or str(uuid.uuid4())
        self.sinks: list[EventSink] = list(sinks or [])
        self.pending: Callable[[], None] | None = None
        """Called once before the next event is written (an aggregated event waiting, to keep order)."""
        self.tags = dict(RUN_TAGS.get() or {})
        """Added to every event's data (taken from `RUN_TAGS` when the log opens)."""

    def event(self, level: Level, step: str, message: str, /, **data: Any) -> Event:
        """Record one event and return it."""
        pending, self.pending = self.pending, None
        if pending is not None:
            pending()
        entry = Event(
            run_id=self.run_id,
            at=datetime.now(UTC),
            level=level,
            step=step,
            message=scrub(message),
            data=_scrub_value({**data, **self.tags} if self.tags else data),
        )
        for sink in self.sinks:
            sink.write(entry)
        return entry

    def write(self, event: HasLine) -> Event | None:
        """Record a typed event's line (None: the event has none): how migwiz's log lines are written."""
        line: LogLine | None = event.line()
        return None if line is None else self.event(line.level, line.step, line.message, **line.data)

    def info(self, step: str, message: str, /, **data: Any) -> Event:
        """An info event."""
        return self.event("info", step, message, **data)

    def warning(self, step: str, message: str, /, **data: Any) -> Event:
        """A warning event."""
        return self.event("warning", step, message, **data)

    def error(self, step: str, message: str, /, **data: Any) -> Event:
        """An error event."""
        return self.event("error", step, message, **data)

    def close(self) -> None:
        """Close every sink."""
        for sink in self.sinks:
            sink.close()


def append_event(dsn: str, schema: str, run_id: str, event: HasLine) -> Event | None:
    """Add a typed event's line to a run's central log over a short connection of its own (e.g. an
    operator's request that arrived after the run had closed its log)."""
    with connect(dsn, autocommit=True, purpose="log writer") as conn:
        ensure_state(conn, schema)
        return EventLog(run_id, [DatabaseSink(conn, schema)]).write(event)


class Run:
    """A recorded run: a row in `<schema>.runs` plus the event log of that run."""

    def __init__(
        self,
        dsn: str,
        schema: str,
        command: str,
        *,
        log_file: Path | None = None,
        syslog_address: str | None = None,
        retention_ms: int | None = None,
        sinks: Sequence[EventSink] = (),
        publish: Callable[[RecordEvent], object] | None = None,
    ) -> None:
        """`sinks` get every event from the first ("started") on, with the database and file sinks;
        `publish` gets the record's typed events once their lines are written (a run's event stream)."""
        self.schema = schema
        self.command = command
        self._publish = publish
        self.log = EventLog()
        files: list[EventSink] = []  # opened first: a wrong log_file or syslog stops the run before it starts
        if log_file is not None:
            files.append(JsonLinesSink(log_file))
        if syslog_address:
            files.append(SyslogSink(syslog_address))
        try:
            self._conn = connect(dsn, autocommit=True, purpose="log")
        except Exception:
            _close_all(files)
            raise
        os_user, host = os_identity()
        try:
            limit_bookkeeping(self._conn)  # a migration holding migwiz's tables: an error, not a deadlock
            check_target(self._conn, schema, pruning=retention_ms is not None)
            ensure_state(self._conn, schema)
            self._conn.execute(
                sql.SQL(
                    "INSERT INTO {}.runs (run_id, command, os_user, host, migwiz_version)"
                    " VALUES (%s, %s, %s, %s, %s)"
                ).format(sql.Identifier(schema)),
                (self.log.run_id, command, os_user, host, __version__),
            )
        except psycopg.errors.LockNotAvailable:
            _close_all(files)
            error = own_tables_locked(self._conn, schema, f"migwiz {command}")
            self._conn.close()
            raise error from None
        except Exception:
            _close_all(files)
            self._conn.close()
            raise
        self.db_sink = DatabaseSink(self._conn, schema)
        self.log.sinks.append(self.db_sink)
        self.log.sinks.extend(files)
        self.log.sinks.extend(sinks)
        try:
            self._write(RunStarted(command, os_user, host, __version__))
        except ConfigError as refused:  # the log file refuses its first line (a full disk): nothing ran
            self.finish("failed", note=refused.message)
            raise
        if retention_ms is not None:
            pruned = prune_events(self._conn, schema, retention_ms)
            if pruned:
                self._write(EventsPruned(pruned, retention_ms))

    @property
    def run_id(self) -> str:
        """The run's id (a UUID)."""
        return self.log.run_id

    def _write(self, event: RecordEvent) -> None:
        self.log.write(event)
        if self._publish is not None:
            self._publish(event)

    def finish(self, outcome: str, *, note: str | None = None, **details: Any) -> None:
        """Record the outcome (a run `stopped` at a safe point is a warning, not a success; `note` says
        where it left things), then close the log."""
        quiet = [f for f in (getattr(s, "failed", None) for s in self.log.sinks) if isinstance(f, str)]
        if quiet:
            details["sink_failures"] = quiet  # e.g. the syslog daemon went away: said once, here
        self._write(RunEnded(self.command, outcome, note, details))
        with contextlib.suppress(psycopg.Error):  # server gone: the JSON-lines sink still has the story
            self._conn.execute(
                sql.SQL(
                    "UPDATE {}.runs SET finished_at = clock_timestamp(), outcome = %s, details = %s"
                    " WHERE run_id = %s"
                ).format(sql.Identifier(self.schema)),
                (outcome, Jsonb(_scrub_value(details)), self.run_id),
            )
        self.log.close()


def read_events(
    conn: psycopg.Connection[Any],
    schema: str,
    *,
    run_id: str | None = None,
    since_ms: int | None = None,
    min_level: Level | None = None,
    version: str | None = None,
    step: str | None = None,
    after_id: int = 0,
    limit: int = 1000,
) -> list[tuple[int, Event]]:
    """Events from the central log, oldest first, each with its id (for following): the newest `limit` of
    those that match.

    `run_id` may be a prefix of the run's UUID.
    """
    clauses = [sql.SQL("id > %s")]
    params: list[Any] = [after_id]
    if run_id:
        clauses.append(sql.SQL("run_id::text LIKE %s"))
        params.append(run_id.lower() + "%")
    if since_ms is not None:
        clauses.append(sql.SQL("at >= clock_timestamp() - %s * interval '1 millisecond'"))
        params.append(since_ms)
    if min_level is not None:
        clauses.append(sql.SQL("level = ANY(%s)"))
        params.append(list(LEVELS[LEVELS.index(min_level) :]))
    if version is not None:
        clauses.append(sql.SQL("data->>'version' = %s"))
        params.append(version)
    if step is not None:
        clauses.append(sql.SQL("step = %s"))
        params.append(step)
    query = sql.SQL(
        "SELECT * FROM (SELECT id, run_id::text, at, level, step, message, data FROM {}.events WHERE {}"
        " ORDER BY id DESC LIMIT %s) recent ORDER BY id"
    ).format(sql.Identifier(schema), sql.SQL(" AND ").join(clauses))
    params.append(limit)
    try:
        rows = conn.execute(query, params).fetchall()
    except psycopg.errors.InsufficientPrivilege as exc:
        raise reading_refused(conn, exc, schema, "events", "reading the central log") from None
    return [(row[0], Event(row[1] or "", row[2], row[3], row[4], row[5], row[6] or {})) for row in rows]


def prune_events(conn: psycopg.Connection[Any], schema: str, retention_ms: int) -> int:
    """Delete events (and finished runs) older than `retention_ms`; returns how many events went."""
    cur = conn.execute(
        sql.SQL("DELETE FROM {}.events WHERE at < clock_timestamp() - %s * interval '1 millisecond'").format(
            sql.Identifier(schema)
        ),
        (retention_ms,),
    )
    conn.execute(
        sql.SQL(
            "DELETE FROM {}.runs WHERE finished_at < clock_timestamp() - %s * interval '1 millisecond'"
        ).format(sql.Identifier(schema)),
        (retention_ms,),
    )
    return cur.rowcount


def follow_events(
    conn: psycopg.Connection[Any],
    schema: str,
    *,
    after_id: int,
    stop: Callable[[], bool] = lambda: False,
    poll_s: float = 5.0,
    **filters: Any,
) -> Iterator[tuple[int, Event]]:
    """New events as they are written, woken by LISTEN/NOTIFY (with a slow poll as a safety net).

    `conn` must be in autocommit mode; `filters` are those of `read_events`. Ends when `stop()` is true.
    """
    conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(notify_channel(schema))))
    last = after_id
    while not stop():
        for event_id, event in read_events(conn, schema, after_id=last, **filters):
            last = event_id
            yield event_id, event
        for _ in conn.notifies(timeout=poll_s, stop_after=1):
            pass
