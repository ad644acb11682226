"""The fleet view as an app of its own: `migwiz fleet watch` on a terminal, `migwiz fleet up --wizard`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from textual.app import App

from migwiz.engine.commands import FleetControl
from migwiz.engine.types import Target
from migwiz.tui.screens.fleet import FleetScreen


class FleetApp(App[None]):
    """Hosts the fleet screen."""

    TITLE = "migwiz fleet"
    ENABLE_COMMAND_PALETTE = False

    def __init__(
        self,
        state_file: Path,
        *,
        control: FleetControl | None = None,
        targets: Callable[[], Mapping[str, Target]] | None = None,
        poll_s: float = 0.5,
    ) -> None:
        super().__init__()
        self.screen_args = (state_file, control, targets, poll_s)

    def on_mount(self) -> None:
        state_file, control, targets, poll_s = self.screen_args
        self.push_screen(FleetScreen(state_file, control=control, targets=targets, poll_s=poll_s))
