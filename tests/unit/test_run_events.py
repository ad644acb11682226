"""The run's event publisher without a server: callbacks, subscriptions, the end of the stream."""

from __future__ import annotations

import threading

import pytest

from migwiz.engine.run.events import Logged, RunEvents, RunFinished


def line(n: int) -> Logged:
    return Logged("run", "info", "test", f"line {n}")


def test_subscribers_get_every_later_event_in_order_and_end_after_run_finished() -> None:
    events = RunEvents()
    early = events.subscribe()
    events.emit(line(1))
    late = events.subscribe()
    seen: list[object] = []
    off = events.on(seen.append)
    events.emit(line(2))
    off()
    events.emit(line(3))
    events.emit(RunFinished("run", "success", 0))
    events.emit(line(4))  # after the end: dropped
    assert [getattr(e, "message", "end") for e in early] == ["line 1", "line 2", "line 3", "end"]
    assert [getattr(e, "message", "end") for e in late] == ["line 2", "line 3", "end"]
    assert [getattr(e, "message", None) for e in seen] == ["line 2"]
    assert list(events.subscribe()) == []  # subscribing to an ended stream: nothing, and no hang


def test_a_failing_callback_does_not_stop_the_others(caplog: pytest.LogCaptureFixture) -> None:
    events = RunEvents()
    seen: list[object] = []

    def broken(event: object) -> None:
        raise RuntimeError("a face's bug")

    events.on(broken)
    events.on(seen.append)
    events.emit(line(1))
    assert len(seen) == 1
    assert "run event consumer failed on Logged" in caplog.text


def test_get_with_a_timeout_lets_a_loop_redraw() -> None:
    events = RunEvents()
    subscription = events.subscribe()
    assert subscription.get(timeout=0.01) is None and not subscription.ended
    threading.Timer(0.05, lambda: events.emit(line(7))).start()
    event = subscription.get(timeout=5)
    assert isinstance(event, Logged) and event.message == "line 7"
    events.close()
    assert subscription.get(timeout=5) is None and subscription.ended
