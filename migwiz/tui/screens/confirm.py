"""Modal dialogs: the typed confirmation, a choice between options, a value to enter, and the keys."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from migwiz.tui.widgets.indent import indented


def confirmation(question: str, risky: Sequence[str] = ()) -> RenderableType:
    """The question first, in bold; under it what lint rates `error` (its head, then one finding a line,
    indented); then that nothing happens before the answer."""
    parts: list[RenderableType] = [Text(question, style="bold")]
    if risky:
        parts.append(Text(risky[0], style="yellow"))
        parts.extend(indented(line, style="yellow") for line in risky[1:])
    parts.append(Text("Nothing touches the target before you confirm.", style="dim"))
    return Group(*parts)


class ConfirmModal(ModalScreen[bool]):
    """Nothing touches the target until the operator types its database name."""

    CSS_PATH = "confirm.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: RenderableType, expected: str, *, blink: bool = True) -> None:
        super().__init__()
        self.question = question
        self.expected = expected
        self.blink = blink

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.question, id="question")
            yield Static(Text.assemble("Type ", (self.expected, "bold"), " and press Enter to go on."))
            yield Input(placeholder=self.expected, id="answer")
            yield Static("", id="mismatch")
        yield Footer()

    def on_mount(self) -> None:
        answer = self.query_one("#answer", Input)
        answer.cursor_blink = self.blink
        answer.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.value.strip() == self.expected:
            self.dismiss(True)
        else:
            self.query_one("#mismatch", Static).update(
                Text(f"that is not {self.expected!r}: nothing was run", style="bold red")
            )

    def action_cancel(self) -> None:
        """Back out: nothing runs."""
        self.dismiss(False)


class ChoiceModal(ModalScreen[str | None]):
    """Pick one of a few options (Enter) or cancel (Escape)."""

    CSS_PATH = "confirm.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, choices: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.question = question
        self.choices = list(choices)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.question, id="question")
            yield OptionList(*[Option(label, id=key) for key, label in self.choices], id="choices")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)


class ValueModal(ModalScreen[str | None]):
    """Enter a value; `check` returns an error message or None when the value is good."""

    CSS_PATH = "confirm.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, value: str, check: Callable[[str], str | None], *, blink: bool = True):
        super().__init__()
        self.question = question
        self.value = value
        self.check = check
        self.blink = blink

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.question, id="question")
            yield Input(value=self.value, id="answer")
            yield Static("", id="mismatch")
        yield Footer()

    def on_mount(self) -> None:
        answer = self.query_one("#answer", Input)
        answer.cursor_blink = self.blink
        answer.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        problem = self.check(event.value.strip())
        if problem is None:
            self.dismiss(event.value.strip())
        else:
            self.query_one("#mismatch", Static).update(Text(problem, style="bold red"))

    def action_cancel(self) -> None:
        """Close without a value."""
        self.dismiss(None)


class KeysModal(ModalScreen[None]):
    """Every key of the screen underneath and what it does (the footer has room for the main ones)."""

    CSS_PATH = "confirm.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("question_mark", "close", "Close", show=False),
    ]

    def __init__(self, title: str, keys: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.keys = list(keys)

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for key, what in self.keys:
            table.add_row(key, what)
        with Vertical(id="dialog"):
            yield Static(Text(self.title_text, style="bold"), id="question")
            yield Static(table, id="keys")
        yield Footer()

    def action_close(self) -> None:
        """Back to the screen."""
        self.dismiss(None)
