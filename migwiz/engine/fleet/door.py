"""The single-target commands a fleet runs at each target, handed over by `engine.commands`.

The fleet runs every target through the same front door as `migwiz up`, `status`, `plan` and `verify`.
`engine.commands` installs those functions here when it loads (and re-exports the fleet's own), so the
fleet package needs no import of the front door: no import loop. When `commands.start_run` and its
`RunSession` land, `up`/`down` change here and in `adapter.run_target` only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Door:
    """`commands.status`, `up`, `down`, `plan`, `verify` and `Project.of`, as the fleet calls them."""

    status: Callable[..., Any]
    up: Callable[..., Any]
    down: Callable[..., Any]
    plan: Callable[..., Any]
    verify: Callable[..., Any]
    project: Callable[..., Any]
    """`Project.of(dsn, mset, schema=...)`: the project of one target."""


_installed: list[Door] = []


def install(door: Door) -> None:
    """Called by `engine.commands` once its functions exist."""
    _installed[:] = [door]


def door() -> Door:
    """The installed commands (loading `migwiz.engine.commands` installs them)."""
    if not _installed:
        raise RuntimeError("migwiz.engine.commands is not loaded: import it before running a fleet")
    return _installed[0]
