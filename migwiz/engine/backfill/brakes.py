"""Brakes shared by a backfill's workers: the application's latency, lock waits, and how many may run.

A probe on its own connection measures what the application feels: the round trip of a tiny write
transaction (`txid_current()`, so a commit: it waits for WAL flushes like the application's commits do)
and, where `pg_stat_statements` is readable, the mean time of statements other than migwiz's. Both are
compared with their level before the backfill started. When either rises, or when sessions wait on the
locks of our batches, the `Governor` halves the number of workers allowed to run (down to one, then it
adds a pause between batches) and gives them back one at a time once the pressure is gone: all the
workers back off together.
"""

from __future__ import annotations

import os
import statistics
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql

from migwiz.engine import humanize, queries
from migwiz.engine.errors import one_line
from migwiz.engine.servers.connect import connect

MAX_WORKERS = 16
"""The most workers a backfill runs, whatever is asked."""
AUTO_WORKERS_CAP = 8
"""The most workers chosen automatically."""

_PROBE = "SELECT pg_catalog.txid_current()"


def _d(ms: float) -> str:
    """Milliseconds for people (through the one humanizer)."""
    return humanize.duration(ms / 1000)


def auto_workers(conn: psycopg.Connection[Any], *, local: bool) -> tuple[int, str]:
    """Workers to run by default, and why: the server's cores less its current load, 1 to 8.

    The cores are this machine's when the server is local, else the server's `max_parallel_workers`
    (set to the core count on most tuned servers); the load is the 1-minute load average when local,
    else the sessions active on the server now.
    """
    row = conn.execute(queries.load("backfill_server_load")).fetchone()
    assert row is not None
    if local:
        cores = os.cpu_count() or 1
        load = os.getloadavg()[0]
        where = f"{cores} cores here, load {load:.1f}"
    else:
        cores, load = max(1, int(row[0])), float(row[1])
        where = f"max_parallel_workers {cores}, {int(load)} active sessions"
    workers = max(1, min(AUTO_WORKERS_CAP, cores, round(cores - load + 0.5)))
    return workers, where


@dataclass(frozen=True)
class Latency:
    """The application's latency now and before the backfill (ms; None where not measured)."""

    probe_ms: float | None
    probe_baseline_ms: float | None
    statements_ms: float | None
    statements_baseline_ms: float | None


class LatencyProbe:
    """A background thread sampling the probe every `interval_s` and pg_stat_statements every second."""

    def __init__(self, dsn: str, schema: str, interval_s: float = 0.25) -> None:
        self._dsn = dsn
        self._schema = schema
        self._interval = interval_s
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._probes: deque[float] = deque(maxlen=4)
        self._baseline: float | None = None
        self._statements: float | None = None
        self._statements_baseline: float | None = None
        self._column: str | None = None
        self.error: str | None = None
        self._thread = threading.Thread(target=self._loop, name="migwiz backfill probe", daemon=True)
        self._conn: psycopg.Connection[Any] | None = None

    def start(self) -> LatencyProbe:
        """Measure the baselines (a few probes, the statements' mean so far), then sample in the
        background."""
        try:
            self._conn = connect(self._dsn, autocommit=True, purpose="backfill probe")
            self._conn.execute("SET statement_timeout = '2s'")
            self._baseline = statistics.median(self._probe() for _ in range(5))
            totals = self._totals()
            if totals is not None and totals[0] > 0:
                self._statements_baseline = totals[1] / totals[0]
        except psycopg.Error as exc:
            self.error = one_line(exc)
            return self
        self._thread.start()
        return self

    def _probe(self) -> float:
        assert self._conn is not None
        started = time.perf_counter()
        self._conn.execute(_PROBE)
        return (time.perf_counter() - started) * 1000

    def _totals(self) -> tuple[float, float] | None:
        """(calls, total ms) of the application's statements, None without pg_stat_statements."""
        assert self._conn is not None
        for column in [self._column] if self._column else ["total_exec_time", "total_time"]:
            try:
                statements = queries.load_sql("backfill_app_statements").format(column=sql.Identifier(column))
                row = self._conn.execute(statements, {"schema": f'"{self._schema}"'}).fetchone()
            except (psycopg.errors.UndefinedColumn, psycopg.errors.UndefinedTable):
                continue
            except (psycopg.errors.InsufficientPrivilege, psycopg.errors.ObjectNotInPrerequisiteState):
                return None
            self._column = column
            return (float(row[0]), float(row[1])) if row else None
        return None

    def _loop(self) -> None:
        last_totals = self._totals() if self._statements_baseline is not None else None
        last_at = time.monotonic()
        try:
            while not self._stop.wait(self._interval):
                probe = self._probe()
                with self._lock:
                    self._probes.append(probe)
                if last_totals is not None and time.monotonic() - last_at >= 1.0:
                    totals = self._totals()
                    last_at = time.monotonic()
                    if totals is not None and totals[0] > last_totals[0]:
                        with self._lock:
                            self._statements = (totals[1] - last_totals[1]) / (totals[0] - last_totals[0])
                    last_totals = totals
        except psycopg.Error as exc:  # advisory: note it and stop
            self.error = one_line(exc)

    def reading(self) -> Latency:
        """The latest smoothed reading (the median of the last few probes)."""
        with self._lock:
            probe = statistics.median(self._probes) if self._probes else None
            return Latency(probe, self._baseline, self._statements, self._statements_baseline)

    def stop(self) -> None:
        """Stop the thread and close its connection."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=3)
        if self._conn is not None:
            self._conn.close()


def latency_pressure(latency: Latency, factor: float, slack_ms: float) -> str | None:
    """Why the application's latency says to back off, or None.

    >>> latency_pressure(Latency(40.0, 4.0, None, None), 3.0, 10.0)
    'app latency 40 ms (4.0 ms before the backfill)'
    >>> latency_pressure(Latency(9.0, 4.0, None, None), 3.0, 10.0) is None
    True
    >>> latency_pressure(Latency(1.0, 1.0, 2.5, 0.2), 3.0, 1.0)
    'app statements 2.5 ms on average (0.2 ms before the backfill)'
    """
    if latency.probe_ms is not None and latency.probe_baseline_ms is not None:
        base = latency.probe_baseline_ms
        if latency.probe_ms > max(base * factor, base + slack_ms):
            return f"app latency {_d(latency.probe_ms)} ({_d(base)} before the backfill)"
    if latency.statements_ms is not None and latency.statements_baseline_ms is not None:
        base = latency.statements_baseline_ms
        if latency.statements_ms > max(base * factor, base + slack_ms / 10):
            mean = latency.statements_ms
            return f"app statements {_d(mean)} on average ({_d(base)} before the backfill)"
    return None


class Governor:
    """How many workers may run now and the pause between their batches: halved under pressure (at
    most once a second), given back one worker a second after `calm_s` without pressure."""

    def __init__(self, wanted: int, calm_s: float = 2.0, max_pause_ms: float = 1000.0) -> None:
        self.wanted = wanted
        self.allowed = wanted
        self.pause_ms = 0.0
        self.reason: str | None = None
        self._calm_s = calm_s
        self._max_pause = max_pause_ms
        self._last_change = -1e9
        self._last_pressure = -1e9

    def want(self, wanted: int) -> None:
        """The operator (or the default) changed the number of workers."""
        self.wanted = wanted
        self.allowed = min(self.allowed, wanted) if self.reason else wanted

    def update(self, pressure: str | None, now: float) -> None:
        """Take one reading of the pressure (None: none) into account."""
        if pressure is not None:
            self._last_pressure = now
            self.reason = pressure
            if now - self._last_change >= 1.0:
                self._last_change = now
                if self.allowed > 1:
                    self.allowed = max(1, self.allowed // 2)
                else:
                    self.pause_ms = min(self._max_pause, max(50.0, self.pause_ms * 2))
            return
        if now - self._last_pressure < self._calm_s or now - self._last_change < 1.0:
            return
        if self.pause_ms > 0:
            self.pause_ms = self.pause_ms / 2 if self.pause_ms > 50 else 0.0
            self._last_change = now
        elif self.allowed < self.wanted:
            self.allowed += 1
            self._last_change = now
        if self.pause_ms == 0 and self.allowed >= self.wanted:
            self.reason = None

    def describe(self) -> str | None:
        """The brake in words, while one is in force."""
        if self.reason is None:
            return None
        pause = f", {_d(self.pause_ms)} between batches" if self.pause_ms else ""
        return f"{self.reason}: {self.allowed} of {self.wanted} workers{pause}"
