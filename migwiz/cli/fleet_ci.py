"""`migwiz ci --fleet`: the fleet's drift and plan gates in `ci`'s report (docs/fleet.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from migwiz.cli.common import Context, ExecutionFlags, policy


def fleet_gates(ctx: Context, report: Any, fleet_path: str, fail_on: str, server: str | None) -> Any:
    """`ci --fleet`: the fleet's drift and plan gates put in `report` (`ci`'s); the fleet file is
    `fleet_path`, else found from here; the files are replayed on `server` (`--shadow-dsn`), else on the
    first target's server."""
    from migwiz.engine.commands import fleet_ci, load_fleet

    fleet = load_fleet(Path(fleet_path) if fleet_path else None, schema=ctx.settings.schema)
    return fleet_ci(
        fleet.targets, ctx.migration_set(), policy(ctx, ExecutionFlags.timeouts_only(None, None)),
        fail_on=fail_on, concurrency=fleet.concurrency, replay_server=server,
        baseline=ctx.settings.baseline, snapshots=ctx.settings.snapshots, report=report,
    )  # fmt: skip
