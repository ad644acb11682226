"""Regenerate docs/screenshots/*.png from the wizard's snapshot tests (100×30), so the docs show the
screens the tests check.

    python -m pytest tests/tui/test_snapshots.py      # the snapshots must pass first
    pip install cairosvg                               # the SVG renderer (not a migwiz dependency)
    python -m bench.screenshots

The SVGs name "Fira Code"; a monospace font the machine has (DejaVu Sans Mono) is used instead.
"""

from __future__ import annotations

import importlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOTS = ROOT / "tests" / "tui" / "__snapshots__" / "test_snapshots"
OUT = ROOT / "docs" / "screenshots"
FONT = "DejaVu Sans Mono"

SHOTS = {
    "wizard-target": "test_target",
    "wizard-pending": "test_pending_why_a_quiet_window",
    "wizard-confirmation": "test_confirmation",
    "wizard-impact": "test_impact",
    "wizard-dry-run": "test_dry_run",
    "wizard-execute-live-panes": "test_execute_live_panes",
    "wizard-lock-detail": "test_lock_detail",
    "wizard-abort": "test_abort_dialog",
    "wizard-keys": "test_keys",
    "wizard-verify": "test_verify",
    "wizard-summary": "test_summary",
    "wizard-recent-changes": "test_recent_changes",
    "wizard-watch": "test_watch",
}


def main() -> None:
    """Write one PNG per entry of SHOTS."""
    cairosvg = importlib.import_module("cairosvg")
    for png, test in SHOTS.items():
        svg = (SNAPSHOTS / f"{test}[100x30].svg").read_text()
        svg = svg.replace('"Fira Code"', f'"{FONT}"').replace("Fira Code, monospace", f"{FONT}, monospace")
        cairosvg.svg2png(bytestring=svg.encode(), write_to=str(OUT / f"{png}.png"), output_width=1400)
        print(f"{png}.png  <- {test}[100x30].svg")


if __name__ == "__main__":
    main()
