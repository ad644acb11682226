"""The progress pane shows a parallel backfill's workers, each one's rate, and the brake in force."""

from __future__ import annotations

import io

from rich.console import Console
from textual.app import App, ComposeResult
from textual.widgets import Static

from migwiz.engine.backfill import BackfillProgress
from migwiz.engine.backfill.progress import WorkerProgress
from migwiz.tui.widgets.progress_pane import ProgressPane

WORKERS = (
    WorkerProgress(0, 3, 40_000, 61_000.0, 5000, 28.0, "running"),
    WorkerProgress(1, 4, 38_000, 58_000.0, 4800, 31.0, "running"),
    WorkerProgress(2, None, 12_000, 0.0, 2000, 25.0, "idle"),
)
BRAKE = "app latency 41 ms (2 ms before the backfill): 2 of 3 workers"


def reading(state: str = "throttled", workers: tuple[WorkerProgress, ...] = WORKERS) -> BackfillProgress:
    return BackfillProgress(
        "7", "public.orders", state, 90_000, 90_000, 400_000, 40, 5000, 119_000.0, 12.0, 3.0, 31.0,  # type: ignore[arg-type]
        BRAKE if state == "throttled" else None, workers,
    )  # fmt: skip


class PaneApp(App[None]):
    def compose(self) -> ComposeResult:
        yield ProgressPane()


def text_of(app: PaneApp, selector: str) -> str:
    """What the widget shows, as text (a renderable printed at the widget's width)."""
    widget = app.query_one(selector, Static)
    console = Console(width=max(widget.content_region.width, 1), color_system=None, file=io.StringIO())
    with console.capture() as cap:
        console.print(widget.content)
    return cap.get().rstrip("\n")


async def test_workers_their_rates_and_the_brake_then_nothing_once_done() -> None:
    app = PaneApp()
    async with app.run_test(size=(120, 20)) as pilot:
        pane = app.query_one(ProgressPane)
        assert not app.query_one("#backfill-workers", Static).display
        pane.show_backfill(reading())
        await pilot.pause()
        operation = text_of(app, "#operation")
        assert "public.orders · throttled" in operation and "ETA 12 s" in operation
        title = text_of(app, "#progress-title")  # a backfill has no statement: the title names it
        assert title.startswith("Progress: backfill ") and "public.orders · throttled" in title, title
        pane.tick()
        assert text_of(app, "#progress-title") == title
        workers = app.query_one("#backfill-workers", Static)
        assert workers.display
        assert text_of(app, "#backfill-workers") == (
            f"workers 2/3 · #0 61 k · #1 58 k · #2 idle rows/s\nbrake: {BRAKE}"
        )
        pane.show_backfill(reading("done", ()))
        await pilot.pause()
        assert not workers.display
