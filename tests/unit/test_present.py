"""One presentation vocabulary: the CLI and the wizard take their styles from migwiz.present, and every
duration written for people goes through humanize.duration (never "180000 ms")."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import migwiz
from migwiz import present
from migwiz.console import monitor_view, output
from migwiz.tui import verdicts
from migwiz.tui.widgets import event_tail, lock_pane

PACKAGE = Path(migwiz.__file__).parent
HUMANIZER = PACKAGE / "engine" / "humanize.py"
FACES = sorted(path for face in ("cli", "console", "tui") for path in (PACKAGE / face).rglob("*.py"))
# a number formatted by hand and followed by a time unit: f"{elapsed:.0f} ms", f"{age:.1f} s"
HAND_MADE_DURATION = re.compile(r"\{[^{}]*:[^{}]*\.\d+f\}\s*(ms|s|sec|min)\b")


def own_style_tables(source: str) -> list[str]:
    """Module-level `*_STYLES = {...}` literals (a table built on a shared one, `{**X, ...}`, is fine)."""
    found = []
    for node in ast.parse(source).body:
        target = node.targets[0] if isinstance(node, ast.Assign) else getattr(node, "target", None)
        value = getattr(node, "value", None)
        is_table = (
            isinstance(target, ast.Name) and target.id.endswith("STYLES") and isinstance(value, ast.Dict)
        )
        if is_table and None not in value.keys:  # type: ignore[union-attr]  # no ** of a shared table
            found.append(target.id)  # type: ignore[union-attr]
    return found


def test_the_check_sees_a_style_table_of_its_own() -> None:
    assert own_style_tables('STATE_STYLES = {"applied": "green"}') == ["STATE_STYLES"]
    assert own_style_tables('X_STYLES: dict[str, str] = {"a": "b"}') == ["X_STYLES"]
    assert own_style_tables('PHASE_STYLES = {**STATE_STYLES, "-": "dim"}') == []
    assert HAND_MADE_DURATION.search('f"applied in {elapsed:.0f} ms"')
    assert HAND_MADE_DURATION.search('f"open {self.age_s:.1f} s"')
    assert not HAND_MADE_DURATION.search('f"applied in {humanize.duration(elapsed / 1000)}"')


def test_no_face_keeps_a_style_table_of_its_own() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in FACES
        for name in own_style_tables(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_cli_and_the_wizard_share_the_same_tables() -> None:
    assert output.STATE_STYLES is present.STATE_STYLES and output.LEVEL_STYLES is event_tail.LEVEL_STYLES
    assert verdicts.VERDICT_STYLES is present.VERDICT_STYLES
    assert (monitor_view.OURS, monitor_view.WAITING) == (lock_pane.OURS, lock_pane.WAITING)


def test_every_duration_for_people_goes_through_the_humanizer() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != HUMANIZER
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if HAND_MADE_DURATION.search(line)
    ]
    assert offenders == []


def test_a_three_minute_migration_reads_3_min() -> None:
    assert present.duration(180_000 / 1000) == "3 min"
    assert present.duration(1.234) == "1.2 s" and present.duration(0.18) == "180 ms"


def test_the_vocabulary_imports_no_textual() -> None:
    code = "import sys, migwiz.present, migwiz.console.output; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
