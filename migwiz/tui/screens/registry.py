"""Step name -> screen class, imported lazily so opening the wizard loads only what it shows."""

from __future__ import annotations

import importlib

from textual.screen import Screen

SCREENS = {
    "target": ("migwiz.tui.screens.target", "TargetScreen"),
    "pending": ("migwiz.tui.screens.pending", "PendingScreen"),
    "backup": ("migwiz.tui.screens.backup", "BackupScreen"),
    "impact": ("migwiz.tui.screens.impact", "ImpactScreen"),
    "dryrun": ("migwiz.tui.screens.dryrun", "DryRunScreen"),
    "execute": ("migwiz.tui.screens.execute", "ExecuteScreen"),
    "verify": ("migwiz.tui.screens.verify", "VerifyScreen"),
    "summary": ("migwiz.tui.screens.summary", "SummaryScreen"),
    "recent": ("migwiz.tui.screens.recent", "RecentScreen"),
    "watch": ("migwiz.tui.screens.watch", "WatchScreen"),
    "fleet": ("migwiz.tui.screens.fleet", "FleetStep"),
}


def make(step: str) -> Screen[None]:
    """A new screen for `step`."""
    module, name = SCREENS[step]
    cls: type[Screen[None]] = getattr(importlib.import_module(module), name)
    return cls()
