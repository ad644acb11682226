"""The single-target commands a fleet runs at each target: the front door's own functions.

The fleet runs every target through the same commands as `migwiz up`, `status`, `plan` and `verify`. They
live below `engine.commands` (run_commands.py, project_commands.py), so the fleet imports them directly,
typed, with no import loop: `engine.commands` re-exports both the commands and the fleet's.
"""

from __future__ import annotations

from migwiz.engine.project import Project
from migwiz.engine.project_commands import plan, verify
from migwiz.engine.run_commands import down, status, up


class Door:
    """`commands.status`, `up`, `down`, `plan`, `verify` and `Project.of`, as the fleet calls them."""

    status = staticmethod(status)
    up = staticmethod(up)
    down = staticmethod(down)
    plan = staticmethod(plan)
    verify = staticmethod(verify)
    project = staticmethod(Project.of)
    """`Project.of(dsn, mset, schema=...)`: the project of one target."""


_DOOR = Door()


def door() -> Door:
    """The commands the fleet runs at each target."""
    return _DOOR
