"""How one attempt at a statement (or a whole transactional migration) is run, and when it is retried.

- lock_timeout (55P03) and a cancel by the lock-queue guard: retried with jittered exponential backoff,
  up to `lock_retries` retries and `max_total_ms` in all, then a clean failure naming who held the lock.
- deadlock (40P01): retried `deadlock_retries` times (once by default).
- anything else (statement_timeout included): not retried.

A stop asked for while the run only waits — outside the lock queue, or between two attempts — ends the
wait at once (`StoppedWaiting`): nothing of the attempt runs, so that is a safe point (a lost terminal
does not keep migwiz waiting on a lock for minutes).

In a transactional migration the unit of retry is the whole migration transaction: a lock timeout aborts
the transaction, so the statements before it were rolled back with it and must run again. Every retry,
wait and decision is a typed event on the run's stream (and so a line of the central log).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

import psycopg

from migwiz.engine import humanize
from migwiz.engine.run.events import GuardDecision, LockWait
from migwiz.engine.run.guard import Guard, GuardPolicy, LockTarget, Session, WatchResult, describe_sessions
from migwiz.engine.run.notes import RetryScheduled

T = TypeVar("T")
RetryKind = Literal["lock_timeout", "guard", "deadlock", "holders"]


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long lock conflicts are retried."""

    lock_retries: int = 6
    """Retries after the first attempt, for lock timeouts and guard cancels."""
    max_total_ms: int = 60_000
    """Give up once this much time has passed since the first attempt (waiting included)."""
    backoff_base_ms: int = 250
    backoff_max_ms: int = 10_000
    deadlock_retries: int = 1


def backoff_ms(retry: int, policy: RetryPolicy, rand: Callable[[], float] = random.random) -> float:
    """Delay before retry number `retry` (1-based): exponential, capped, half of it random ("equal jitter").

    >>> p = RetryPolicy(backoff_base_ms=100, backoff_max_ms=1000)
    >>> [backoff_ms(n, p, lambda: 1.0) for n in (1, 2, 3, 4, 5)]
    [100.0, 200.0, 400.0, 800.0, 1000.0]
    >>> backoff_ms(3, p, lambda: 0.0)
    200.0
    """
    cap = min(float(policy.backoff_max_ms), policy.backoff_base_ms * 2.0 ** (retry - 1))
    return cap / 2 + rand() * cap / 2


def classify(exc: psycopg.Error, watch: WatchResult | None) -> RetryKind | None:
    """Which kind of retryable lock conflict `exc` is, or None when it is not retryable."""
    if isinstance(exc, psycopg.errors.LockNotAvailable):
        return "lock_timeout"
    if isinstance(exc, psycopg.errors.DeadlockDetected):
        return "deadlock"
    if isinstance(exc, psycopg.errors.QueryCanceled) and watch is not None and watch.cancelled:
        return "guard"
    return None


class LockRetriesExhausted(Exception):
    """Retries ran out: the last error (None when we never got past waiting) and who held the lock."""

    def __init__(
        self,
        kind: RetryKind,
        attempts: int,
        elapsed_ms: float,
        holders: list[Session],
        exc: psycopg.Error | None,
    ) -> None:
        super().__init__(kind)
        self.kind = kind
        self.attempts = attempts
        self.elapsed_ms = elapsed_ms
        self.holders = holders
        self.exc = exc

    @property
    def sqlstate(self) -> str:
        """The SQLSTATE to report (55P03 when we gave up waiting before trying)."""
        return (self.exc.sqlstate if self.exc is not None else None) or "55P03"

    def describe(self) -> str:
        """One line: what happened, how often, and who held the lock."""
        what = {
            "lock_timeout": "lock not granted within lock_timeout",
            "guard": "cancelled by the lock-queue guard (sessions queued behind our lock request)",
            "deadlock": "deadlock detected",
            "holders": "a long transaction kept holding a conflicting lock",
        }[self.kind]
        held = f"; held by {describe_sessions(self.holders)}" if self.holders else ""
        took = humanize.duration(self.elapsed_ms / 1000)
        return f"{what}; gave up after {self.attempts} attempt(s) in {took}{held}"


class StoppedWaiting(Exception):
    """A stop was asked for while the executor waited for a lock (outside the queue, or before a retry):
    the attempt did not start."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Executor:
    """Runs statements with the guard watching, and attempts with retries; owns the guard connection."""

    def __init__(
        self,
        dsn: str,
        *,
        retry: RetryPolicy,
        guard: GuardPolicy,
        ours: Callable[[], Collection[int]],
        sleep: Callable[[float], None] = time.sleep,
        emit: Callable[[Any], None] | None = None,
        stopping: Callable[[], str | None] = lambda: None,
    ) -> None:
        self.stopping = stopping
        """Why the run is to stop (None: go on); checked while waiting for a lock."""
        self.emit: Callable[[Any], None] = emit or (lambda event: None)
        """Where `LockWait`, `GuardDecision` and `RetryScheduled` events go (the run's event stream)."""
        self.retry = retry
        self.guard = Guard(dsn, guard, ours=ours)
        self.last_watch: WatchResult | None = None
        self._sleep = sleep

    def close(self) -> None:
        """Close the guard's connection."""
        self.guard.close()

    def execute(self, conn: psycopg.Connection[Any], text: str) -> None:
        """Run one statement on `conn` while the guard watches the lock queue behind it."""
        watch = self.guard.watch(conn.info.backend_pid)
        try:
            conn.execute(text.encode(), prepare=False)
        finally:
            self.last_watch = watch.stop()

    def _holders_now(self, targets: dict[int, LockTarget]) -> list[Session]:
        if self.last_watch is not None and self.last_watch.blockers:
            return self.last_watch.blockers
        try:
            return self.guard.holders(targets)
        except psycopg.Error:
            return []

    def with_retries(
        self,
        what: str,
        targets: dict[int, LockTarget],
        attempt: Callable[[], T],
        *,
        data: Mapping[str, Any],
        before_retry: Callable[[], None] | None = None,
    ) -> T:
        """Run `attempt()` until it succeeds, retrying lock conflicts as the policy allows.

        `targets` are the locks the attempt will request (the guard waits outside the queue while a long
        transaction holds a conflicting one). `before_retry` cleans up after a failed attempt (an invalid
        index left by CREATE INDEX CONCURRENTLY). Raises `LockRetriesExhausted` when retries run out,
        `StoppedWaiting` when a stop is asked for while it waits; other errors propagate unchanged.
        """
        started = time.monotonic()
        deadline = started + self.retry.max_total_ms / 1000
        attempts = 0
        deadlocks = 0
        terminated = False
        extra = dict(data)
        while True:
            attempts += 1
            holders = self.guard.wait_until_clear(
                targets,
                deadline,
                lambda found: self._log_waiting(what, found, extra),
                lambda: self.stopping() is not None,
            )
            if holders and (reason := self.stopping()) is not None:
                raise StoppedWaiting(reason)
            exc: psycopg.Error | None = None
            kind: RetryKind = "holders"
            if not holders:
                self.last_watch = None
                try:
                    return attempt()
                except psycopg.Error as error:
                    found_kind = classify(error, self.last_watch)
                    if found_kind is None:
                        raise
                    exc, kind = error, found_kind
                    holders = self._holders_now(targets)
                    self._log_conflict(what, kind, attempts, error, holders, extra)
                    if before_retry is not None:
                        before_retry()
            elapsed_ms = (time.monotonic() - started) * 1000
            if kind == "deadlock":
                deadlocks += 1
                out_of_retries = deadlocks > self.retry.deadlock_retries
            else:
                out_of_retries = kind == "holders" or attempts > self.retry.lock_retries
            delay = backoff_ms(attempts, self.retry) / 1000
            if not out_of_retries and time.monotonic() + delay > deadline:
                out_of_retries = True
            if out_of_retries:
                if self.guard.policy.terminate_blockers and holders and not terminated and kind != "deadlock":
                    terminated = True
                    done = self.guard.terminate(holders)
                    self.emit(
                        GuardDecision(what, _version(extra), "terminate_blockers",
                                      f"terminated {', '.join(map(str, done))}", tuple(holders), extra,
                                      terminated=tuple(done))
                    )  # fmt: skip
                    deadline = max(deadline, time.monotonic() + 5.0)
                    continue
                exhausted = LockRetriesExhausted(kind, attempts, elapsed_ms, holders, exc)
                self.emit(
                    GuardDecision(what, _version(extra), "give_up", exhausted.describe(), tuple(holders),
                                  extra, kind=kind, attempts=attempts, elapsed_ms=elapsed_ms)
                )  # fmt: skip
                raise exhausted
            self.emit(RetryScheduled(what, _version(extra), kind, attempts + 1, delay * 1000, extra))
            self._backoff(delay)

    def _backoff(self, seconds: float) -> None:
        """Sleep before a retry, in short slices: a stop asked for meanwhile raises `StoppedWaiting`."""
        until = time.monotonic() + seconds
        while (left := until - time.monotonic()) > 0:
            if (reason := self.stopping()) is not None:
                raise StoppedWaiting(reason)
            self._sleep(min(left, 0.05))
        if (reason := self.stopping()) is not None:
            raise StoppedWaiting(reason)

    def _log_waiting(self, what: str, holders: list[Session], data: Mapping[str, Any]) -> None:
        version = _version(data)
        self.emit(LockWait(what, version, "holders", 0, tuple(holders), place=data))
        self.emit(
            GuardDecision(what, version, "wait_outside_queue", "a long transaction holds a conflicting lock",
                          tuple(holders), data)
        )  # fmt: skip

    def _log_conflict(
        self,
        what: str,
        kind: RetryKind,
        attempt: int,
        exc: psycopg.Error,
        holders: list[Session],
        data: Mapping[str, Any],
    ) -> None:
        watch = self.last_watch
        guarded = kind == "guard" and watch is not None
        detail = watch.reason if guarded and watch is not None else exc.diag.message_primary or ""
        version = _version(data)
        queued = tuple(watch.queued) if watch else ()
        waited = watch.waited_ms if watch else None
        most = watch.max_queued if watch else 0
        self.emit(
            LockWait(
                what, version, kind, attempt, tuple(holders), queued, waited, exc.sqlstate, detail, most, data
            )
        )
        if kind == "guard" and watch is not None:
            self.emit(GuardDecision(what, version, "cancel_own_statement", watch.reason, tuple(holders)))


def _version(data: Mapping[str, Any]) -> str | None:
    version = data.get("version")
    return str(version) if version is not None else None
