"""What every wizard step shares: the header, the footer, back/next/refresh keys and error display."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, TypeVar, cast

import psycopg
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from migwiz.engine.errors import MigwizError, hint_line, one_line
from migwiz.tui.messages import StepFailed
from migwiz.tui.widgets.header import WizardHeader
from migwiz.tui.widgets.indent import UnitText

if TYPE_CHECKING:
    from migwiz.tui.app import WizardApp

T = TypeVar("T")


class WizardScreen(Screen[None]):
    """A step of the wizard. Subclasses set STEP and TITLE, compose `body()` and handle the typed message
    their engine calls post (`deliver`)."""

    STEP: ClassVar[str] = ""
    TITLE: ClassVar[str] = ""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("r", "refresh", "Refresh"),
    ]

    @property
    def wizard(self) -> WizardApp:
        """The app, typed."""
        return cast("WizardApp", self.app)

    def compose(self) -> ComposeResult:
        yield WizardHeader(id="header")
        yield from self.body()
        yield Static("", id="status-line")
        yield Footer()

    def body(self) -> ComposeResult:
        """The step's widgets."""
        yield from ()

    def on_mount(self) -> None:
        self.refresh_header()
        if self.has_data():
            self.show_data()
        elif self.wizard.context.live:
            self.set_status("loading…")
            self.load()
        else:
            self.show_data()

    def refresh_header(self) -> None:
        """Target and step in the header."""
        tag = "observer" if self.wizard.context.mode == "watch" else ""
        if self.wizard.flow[1:2] == ("recent",):
            tag = "rollback"
        if self.wizard.context.demo:
            tag = f"demo {tag}".strip()
        self.query_one(WizardHeader).show(
            self.wizard.target_label, self.TITLE, self.wizard.step_position(self.STEP), tag
        )

    def set_status(self, text: str | Text, *, error: bool = False) -> None:
        """The one-line status under the body."""
        line = self.query_one("#status-line", Static)
        line.set_class(error, "error")
        line.update(UnitText(text if isinstance(text, Text) else Text(text)))  # `n summary` never parted

    def has_data(self) -> bool:
        """Whether `WizardData` already holds this step's answer."""
        return True

    def load(self) -> object:
        """Start the worker that asks the engine (subclasses decorate with @work)."""
        return None

    def show_data(self) -> None:
        """Render what `WizardData` holds."""

    def on_step_failed(self, message: StepFailed) -> None:
        """An engine call failed: record it and show the error with its hint."""
        hint = f" — {message.hint}" if message.hint else ""
        self.wizard.data.errors[message.step] = message.error
        self.set_status(Text(f"error: {message.error}{hint}", style="bold red"), error=True)
        self.step_failed(message)

    def step_failed(self, message: StepFailed) -> None:
        """Extra handling after an error (default: nothing)."""

    def succeeded(self, step: str) -> None:
        """An engine call of `step` answered: forget its earlier error, clear the status line."""
        self.wizard.data.errors.pop(step, None)
        self.set_status("")

    def deliver(self, step: str, call: Callable[[], T], message: Callable[[T], Message]) -> None:
        """Run an engine call (inside a thread worker); post `message(result)`, or `StepFailed`."""
        try:
            result = call()
        except MigwizError as exc:
            self.post_message(StepFailed(step, one_line(exc), hint_line(exc)))
            return
        except psycopg.Error as exc:
            self.post_message(StepFailed(step, one_line(exc)))
            return
        self.post_message(message(result))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`Esc Back` only where there is a step to go back to, `r Refresh` only where the step asks the
        engine something (the footer shows only keys that work)."""
        if action == "back":
            return len(self.app.screen_stack) > 2 or self.previous_step() is not None
        if action == "refresh":  # a step that asks the engine nothing has nothing to ask again
            return type(self).load is not WizardScreen.load
        return True

    def previous_step(self) -> str | None:
        """The step before this one in the flow (None on the first, or outside the flow)."""
        flow = self.wizard.flow
        return flow[flow.index(self.STEP) - 1] if self.STEP in flow and flow.index(self.STEP) else None

    def action_back(self) -> None:
        """Go back one step: the screen below, or (opened straight on a later step) the step before it."""
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        elif (previous := self.previous_step()) is not None:
            self.app.switch_screen(self.wizard.screen_for(previous))

    def action_refresh(self) -> None:
        """Ask the engine again."""
        if self.wizard.context.live:
            self.set_status("loading…")
            self.load()

    def action_next(self) -> None:
        """Go to the next step of the flow."""
        self.wizard.next_step(self.STEP)
