"""Workers report back with one typed message per step result: no `Any` payload, and every message has a
handler a screen or widget defines under the name Textual dispatches it to."""

from __future__ import annotations

import dataclasses
import inspect
import re
from pathlib import Path

from textual.message import Message

import migwiz.tui
from migwiz.tui import messages

TUI = Path(migwiz.tui.__file__).parent
MESSAGES = [
    cls
    for _, cls in inspect.getmembers(messages, inspect.isclass)
    if issubclass(cls, Message) and cls.__module__ == messages.__name__
]


def test_every_step_has_its_own_message() -> None:
    names = {cls.__name__ for cls in MESSAGES}
    steps = {"TargetLoaded", "PendingLoaded", "BackupChecked", "DumpTaken", "ImpactLoaded", "DryRunLoaded"}
    assert steps | {"RecentLoaded", "VerifyChecked", "StepFailed", "BackfillControlled"} <= names
    assert "Loaded" not in names


def test_no_message_carries_an_untyped_payload() -> None:
    untyped = [
        f"{cls.__name__}.{field.name}"
        for cls in MESSAGES
        for field in dataclasses.fields(cls)
        if re.search(r"\b(Any|object)\b", str(field.type))
    ]
    assert untyped == []


def test_every_message_is_handled() -> None:
    """A handler named after another message (a typo, a renamed class) would drop it silently."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in sorted(TUI.rglob("*.py")))
    handlers = set(re.findall(r"def (on_\w+)\(", source))
    assert [cls.__name__ for cls in MESSAGES if cls.handler_name not in handlers] == []


def test_no_screen_dispatches_on_the_type_of_a_result() -> None:
    """Screens read typed fields; `isinstance(message.…)` would mean a payload of several types again."""
    found = [
        f"{path.relative_to(TUI)}:{number}"
        for path in sorted((TUI / "screens").glob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"isinstance\(message\.", line)
    ]
    assert found == []
