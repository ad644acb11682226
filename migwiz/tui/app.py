"""The wizard app: a stack of screens, one per step, built by `make_app` (used by the CLI and the tests)."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from migwiz.engine.commands import SIGNAL_REASONS, describe
from migwiz.engine.types import RunControl
from migwiz.tui.context import WizardContext, WizardData

MIGRATE_FLOW = ("target", "pending", "backup", "impact", "dryrun", "execute", "verify", "summary")
ROLLBACK_FLOW = ("target", "recent", "impact", "execute", "verify", "summary")
WATCH_FLOW = ("watch",)


class WizardApp(App[int]):
    """Guides a migration or an incident rollback against one target."""

    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = False
    TITLE = "migwiz"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit_wizard", "Quit", priority=True),
        Binding("question_mark", "keys", "Keys", tooltip="every key of this screen, with what it does"),
    ]

    def __init__(self, context: WizardContext, data: WizardData | None = None, *, start: str | None = None):
        super().__init__()
        self.context = context
        self.data = data or WizardData()
        self.flow: tuple[str, ...] = {
            "migrate": MIGRATE_FLOW,
            "rollback": ROLLBACK_FLOW,
            "watch": WATCH_FLOW,
        }[context.mode]
        self.start = start or self.flow[0]
        self.control: RunControl | None = None
        self.terminal_lost = False
        self.hangup = threading.Event()
        """Set by SIGHUP (the terminal went away), from the signal handler itself."""
        self._sighup_before: signal.Handlers | Callable[[int, FrameType | None], Any] | int | None = None
        self._sigterm_before: signal.Handlers | Callable[[int, FrameType | None], Any] | int | None = None

    @property
    def target_label(self) -> str:
        """user@host:port/db of the target (no password)."""
        return describe(self.context.dsn)

    def on_mount(self) -> None:
        if self.context.live and threading.current_thread() is threading.main_thread():
            loop = asyncio.get_running_loop()

            def hung_up(signum: int, frame: FrameType | None) -> None:
                # a plain handler, not the event loop's: it runs even while the loop is stuck (a write to
                # the dead terminal), and `hangup` lets `launch.run_wizard` leave whatever the loop does
                self.terminal_lost = True
                self.hangup.set()
                with contextlib.suppress(RuntimeError):  # the loop has closed: `launch` leaves anyway
                    loop.call_soon_threadsafe(self.terminal_hung_up)

            with contextlib.suppress(ValueError):
                self._sighup_before = signal.signal(signal.SIGHUP, hung_up) or signal.SIG_DFL
            previous = signal.getsignal(signal.SIGTERM)
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, self.terminated)
                self._sigterm_before = previous
        if self.context.mode == "rollback" and self.start == "target":
            # an incident: straight into Recent changes, with the Target one Escape away
            self.push_screen(self.screen_for("target"))
            self.push_screen(self.screen_for("recent"))
            return
        self.push_screen(self.screen_for(self.start))

    def terminal_hung_up(self) -> None:
        """The terminal went away (SIGHUP): a run goes on to its safe point (a wait for a lock ends at once),
        then the wizard exits."""
        self.terminal_lost = True
        if self.control is not None and not self.control.done.is_set():
            self.control.request_stop(SIGNAL_REASONS[signal.SIGHUP])
        self.exit(1)

    def terminated(self) -> None:
        """SIGTERM: as for a lost terminal, a run goes on to its safe point, then the wizard exits (and
        whoever opened it, e.g. `migwiz demo`, cleans up)."""
        if self.control is not None and not self.control.done.is_set():
            self.control.request_stop(SIGNAL_REASONS[signal.SIGTERM])
        self.exit(1)

    def on_unmount(self) -> None:
        """However the app ends, a run it started stops at its next safe point (never left running
        unwatched; `launch.run_wizard` then waits for it), and SIGHUP gets back the handling it had before
        (removing an event-loop handler would otherwise leave the default, which kills the process: a
        test session started with SIGHUP ignored would die at the next hang-up)."""
        if self.running and self.control is not None:
            self.control.request_stop("the wizard closed")
        if self._sighup_before is not None:
            with contextlib.suppress(ValueError):
                signal.signal(signal.SIGHUP, self._sighup_before)
            self._sighup_before = None
        if self._sigterm_before is not None:
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                asyncio.get_running_loop().remove_signal_handler(signal.SIGTERM)
                signal.signal(signal.SIGTERM, self._sigterm_before)
            self._sigterm_before = None

    def use_flow(self, mode: str) -> None:
        """Switch between the migrate and the rollback flow (the start screen's choice)."""
        self.flow = ROLLBACK_FLOW if mode == "rollback" else MIGRATE_FLOW

    def step_position(self, step: str) -> tuple[int, int] | None:
        """1-based position of `step` in the flow, and the flow's length."""
        return (self.flow.index(step) + 1, len(self.flow)) if step in self.flow else None

    def screen_for(self, step: str) -> Screen[None]:
        """A new screen for a step."""
        from migwiz.tui.screens import registry

        return registry.make(step)

    def next_step(self, step: str) -> None:
        """Push the step after `step` in the current flow."""
        if step in self.flow and self.flow.index(step) + 1 < len(self.flow):
            self.push_screen(self.screen_for(self.flow[self.flow.index(step) + 1]))

    @property
    def running(self) -> bool:
        """A run is executing."""
        return self.control is not None and not self.control.done.is_set()

    def action_keys(self) -> None:
        """Show every key of the current screen (the footer shows the main ones)."""
        from textual.screen import ModalScreen

        from migwiz.tui.screens.confirm import KeysModal

        screen = self.screen
        if isinstance(screen, ModalScreen):
            return
        declared = [*getattr(type(screen), "BINDINGS", []), *WizardApp.BINDINGS]
        wizard_actions = {b.action for b in declared if isinstance(b, Binding)}  # not Textual's tab, ^c...
        keys: list[tuple[str, str]] = []
        seen: set[str] = set()
        active = [a.binding for a in screen.active_bindings.values()]
        hidden = [
            b for b in declared if isinstance(b, Binding) and b.action not in {a.action for a in active}
        ]
        for binding in [*active, *hidden]:  # the keys of this moment, then those of another (a/p/l: a run)
            if binding.action not in wizard_actions or not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            what = binding.description + (f": {binding.tooltip}" if binding.tooltip else "")
            keys.append((self.get_key_display(binding), what + (" (not now)" if binding in hidden else "")))
        title = getattr(screen, "TITLE", "") or "migwiz"
        self.push_screen(KeysModal(f"Keys · {title}", keys))

    def action_quit_wizard(self) -> None:
        """Quit; while a run executes, ask first (it then stops at the next safe point); a screen with work
        of its own under way (a fleet rollout) asks its own question (`ask_before_quit`)."""
        for screen in reversed(self.screen_stack):
            ask: Callable[[], bool] | None = getattr(screen, "ask_before_quit", None)
            if ask is not None and not self.running and ask():
                return
        if not self.running:
            self.exit(0)
            return
        from migwiz.tui.screens.confirm import ChoiceModal

        def chosen(answer: str | None) -> None:
            if answer == "stop" and self.control is not None:
                self.control.request_stop("the operator quit the wizard")
                self.exit(1)

        self.push_screen(
            ChoiceModal(
                "A run is executing. Quit now? The migration that is running finishes (or rolls back);"
                " nothing after it starts. The wizard exits when it is done.",
                [("stop", "Quit at the safe point"), ("stay", "Stay")],
            ),
            chosen,
        )


def make_app(
    context: WizardContext, data: WizardData | None = None, *, start: str | None = None
) -> WizardApp:
    """Build the wizard for `context`; `data` pre-fills steps (tests), `start` opens a given step."""
    return WizardApp(context, data, start=start)
