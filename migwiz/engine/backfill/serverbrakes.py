"""The server's brakes on a backfill: the standbys' replay backlog and the WAL rate, on a forecast.

Both are read from the primary (`read_server_load`) every `check_interval_s`, sooner near a limit. A
brake acting on what it read would let every worker write on until its next read: at 84 MB of WAL a
second and a read every 0.25 s, 21 MB past the limit. So each acts on the WAL it predicts for the
moment of its next read: what it read, plus the WAL of the batches already under way in every worker
(they commit whatever the brake decides), plus what the workers will write until then (the WAL rate
measured while they ran × the time to that read, one coordinator tick included). The next read comes
sooner as the forecast nears the limit. Between reads the workers share the room left under the limit:
each batch takes its estimated WAL from it as it starts (cut to fit), none starts once it is spent, so
however fast they write the backlog passes the limit by no more than the error of that estimate; the
brake shows as holding once not even a smallest batch fits.

The time lag (`max_replica_lag_ms`) is not forecast: a standby whose replay is paused or delayed lags by
the clock whatever the backfill writes; that brake acts on what it reads, every tick while it holds.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from migwiz.engine import humanize
from migwiz.engine.backfill.throttle import BackfillSettings, ServerLoad

MB = 2**20
_SPAN_S = 0.2
"""The shortest span a WAL rate is measured over (one commit over a few ms would read as a flood)."""
_GATE_S = 0.05
"""How long after a hold ends the workers may take to notice (their look at the gate)."""
_ROW_MEMORY_S = 5.0
"""The WAL of a row is that of the last 5 s, weighted by rows: a span the brakes held most of, its few
rows sharing the WAL of others (the backfill's own progress rows), must not make it look huge."""
_MEMORY_S = 30.0
"""How long a measured rate counts: the fastest of the last 30 s is the forecast's rate."""


def _never(start: float, end: float) -> float:
    return 0.0


class WalForecast:
    """The WAL the backfill writes: its rate while it runs (the fastest recently measured, over the
    time the workers ran) and the WAL of one row (over the last few seconds: after a checkpoint the first
    change of each page writes the whole page)."""

    def __init__(self) -> None:
        self._anchor: tuple[ServerLoad, int] | None = None
        self._spans: deque[tuple[float, float, float, int]] = deque()
        """(at, bytes/s, bytes written, rows done) of recent spans in which rows were done."""
        self.rate = 0.0
        """Bytes of WAL a second (0 until measured)."""
        self.per_row = 0.0
        """Bytes of WAL a row (0 until measured)."""

    def observe(
        self, load: ServerLoad, rows_done: int, held_s: Callable[[float, float], float] = _never
    ) -> None:
        """Take a reading and the backfill's rows done so far into account; `held_s(a, b)` is how long
        the brakes held every worker between the moments a and b (the rate is over the time they ran).

        >>> f = WalForecast()
        >>> for at, wal, rows in [(0.0, 0, 0), (0.1, 5e6, 1000), (0.25, 8e6, 1600), (0.5, 13e6, 2600)]:
        ...     f.observe(ServerLoad(at, None, wal), rows)
        >>> round(f.rate / 1e6), round(f.per_row)
        (32, 5000)
        >>> f.observe(ServerLoad(0.75, None, 23e6), 3600)  # full pages again: 10 kB a row
        >>> round(f.per_row)
        6389
        >>> f.observe(ServerLoad(1.0, None, 24e6), 3610)  # held: 10 rows and others' 1 MB weigh little
        >>> round(f.per_row)
        6648
        """
        if self._anchor is None:
            self._anchor = (load, rows_done)
            return
        start, start_rows = self._anchor
        elapsed = load.at - start.at
        written, rows = load.wal_bytes - start.wal_bytes, rows_done - start_rows
        ran = elapsed - held_s(start.at, load.at)
        if elapsed < _SPAN_S or ran < _SPAN_S / 4:
            if not self._spans and ran > 0 and rows > 0 and written > 0:  # a first guess meanwhile
                self.rate, self.per_row = written / ran, written / rows
            return
        self._anchor = (load, rows_done)
        if rows <= 0 or written <= 0:
            return  # held: says nothing of the rate once released
        self._spans.append((load.at, written / ran, written, rows))
        while len(self._spans) > 1 and load.at - self._spans[0][0] > _MEMORY_S:
            self._spans.popleft()
        self.rate = max(span[1] for span in self._spans)
        recent = [span for span in self._spans if load.at - span[0] <= _ROW_MEMORY_S] or [self._spans[-1]]
        self.per_row = sum(span[2] for span in recent) / sum(span[3] for span in recent)


def next_read_s(room: float, rate: float, interval_s: float, tick_s: float) -> float:
    """How long until the next read: about when the workers will have spent the room, at most the
    interval (the read comes up to a tick after it is due, so a tick earlier).

    >>> next_read_s(64 * MB, 84 * MB, 0.25, 0.1)  # 64 MB of room at 84 MB/s: the full interval
    0.25
    >>> round(next_read_s(20 * MB, 84 * MB, 0.25, 0.1), 3)  # 20 MB: read again in 0.138 s
    0.138
    >>> next_read_s(8 * MB, 84 * MB, 0.25, 0.1)  # 8 MB: at the next tick
    0.0
    """
    if rate <= 0:
        return tick_s  # no rate measured yet: look again soon
    return max(0.0, min(interval_s, room / rate - tick_s))


@dataclass
class ServerBrakes:
    """The replica and WAL-rate brakes of one backfill: when to read next, and until when to hold."""

    settings: BackfillSettings
    tick_s: float
    """How often the coordinator can act (a read comes at most this long after it is due)."""

    def __post_init__(self) -> None:
        self.forecast = WalForecast()
        self.next_read = 0.0
        self.replica_reason: str | None = None
        """Why the replica brake holds every worker now, None when it does not."""
        self.wal_until = 0.0
        """The WAL-rate brake holds every worker until then (time.monotonic())."""
        self.room: float | None = None
        """WAL the workers may start batches for until the next read (the byte limit less the backlog
        and the batches under way), None without a byte limit or standbys: the workers take each
        batch's share as it starts, so even between reads the limit holds to within one batch's
        estimate."""
        self._last: ServerLoad | None = None
        self._budget = 0.0
        self._holds: deque[tuple[float, float]] = deque(maxlen=64)
        """(from, until) of recent holds, each until the workers' next look at the gate."""

    def due(self, now: float) -> bool:
        """Whether the server is to be read now."""
        return now >= self.next_read

    def take(self, load: ServerLoad, rows_done: int, under_way: float) -> None:
        """Act on a reading: `rows_done` by the backfill so far, `under_way` bytes of WAL reserved by
        the batches running during or since the read."""
        settings, now = self.settings, load.at
        previous, self._last = self._last, load
        self.forecast.observe(load, rows_done, self._held_s)
        rate = self.forecast.rate
        waits = [settings.check_interval_s]
        rooms: list[float] = []
        max_rate = settings.max_wal_bytes_per_s
        if max_rate:
            capacity = max_rate * settings.check_interval_s
            if previous is None:
                self._budget = capacity
            else:
                written = load.wal_bytes - previous.wal_bytes
                self._budget = min(capacity, self._budget + max_rate * (load.at - previous.at) - written)
            left = self._budget - under_way
            rooms.append(left)
            if left <= 0:  # every worker waits until the budget has refilled
                wait = min(-left / max_rate, 30.0)
                self.wal_until = now + wait
                waits.append(wait)
            elif rate > 0:  # read again about when the workers will have spent it
                waits.append(max(self.tick_s, left / rate))
        self.replica_reason = _time_lag(load, settings)
        limit = settings.max_replica_lag_bytes
        if limit is not None and load.replica_lag_bytes is not None:
            rooms.append(limit - load.replica_lag_bytes - under_way)
        self.room = min(rooms) if rooms else None
        if self.replica_reason is None and limit is not None and load.replica_lag_bytes is not None:
            backlog = load.replica_lag_bytes
            room = limit - backlog - under_way
            if room < settings.min_batch * self.forecast.per_row or room <= 0:
                self.replica_reason = (
                    f"replica lag {backlog / MB:.0f} MB"
                    + (f" (+{under_way / MB:.0f} MB under way)" if under_way >= MB / 2 else "")
                    + f" > {limit / MB:.0f} MB of WAL"
                )
            else:
                waits.append(next_read_s(room, rate, settings.check_interval_s, self.tick_s))
        if self.replica_reason is not None:
            waits.append(0.0)  # every tick while it holds
        self.next_read = now + min(waits)
        until = self.hold_until(now)
        if until > now:
            self._holds.append((now, until + _GATE_S))

    def _held_s(self, start: float, end: float) -> float:
        """How long the brakes held every worker between `start` and `end`."""
        held, reach = 0.0, start
        for began, until in self._holds:
            began, until = max(began, reach), min(until, end)
            if until > began:
                held += until - began
                reach = until
        return held

    def hold_until(self, now: float) -> float:
        """No batch may start before this."""
        if self.replica_reason is not None:
            return max(self.wal_until, now + 2 * self.tick_s)  # renewed at every read while it holds
        return self.wal_until

    def reason(self, now: float) -> str | None:
        """The server brake in force and why, None when none is."""
        if self.replica_reason is not None:
            return f"{self.replica_reason}: every worker waits"
        if now < self.wal_until:
            return f"WAL rate: every worker waits {humanize.duration(self.wal_until - now)}"
        return None


def _time_lag(load: ServerLoad, settings: BackfillSettings) -> str | None:
    lag_ms, limit_ms = load.replica_lag_ms, settings.max_replica_lag_ms
    if lag_ms is not None and limit_ms is not None and lag_ms > limit_ms:
        return f"replica lag {humanize.duration(lag_ms / 1000)} > {humanize.duration(limit_ms / 1000)}"
    return None
