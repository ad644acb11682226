"""Commands that read or steer the project's server: the target probe, the pre-run checks, backfill status
and control, backup readiness and the pre-migration dump. Each takes the `Project` first;
`migwiz.engine.commands` re-exports them (faces import that module only)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import psycopg

from migwiz.engine.adopt import ensure_adopted
from migwiz.engine.project import Project
from migwiz.engine.run.preflight import check_target
from migwiz.engine.run.session_limits import limit_bookkeeping, own_tables_locked
from migwiz.engine.servers.connect import connect

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from migwiz.engine.backfill import BackfillStatus, Control
    from migwiz.engine.backfill.store import ControlChanges
    from migwiz.engine.backup import BackupReport, DumpPlan, DumpProgress, DumpResult, TableMode
    from migwiz.engine.servers.target import TargetInfo


def target_info(project: Project) -> TargetInfo:
    """Probe the target: version, database, user, size, replica, pooler, migwiz's schema and the current
    version (in the order of the project's set when it has one)."""
    from migwiz.engine.servers.target import target_info as probe

    mset = project.migration_set() if project.has_migrations() else None
    return probe(project.dsn, project.schema, mset)


def preflight(project: Project, command: str, *, pruning: bool = False) -> None:
    """What `migrate` checks before it takes the lock: a writable target, the privileges migwiz needs (an
    error naming the missing grant), and for `up` no unadopted history of another tool."""
    schema = project.schema
    with connect(project.dsn, autocommit=True, purpose="preflight") as conn:
        limit_bookkeeping(conn)  # migwiz's tables held by another session: an error naming it, not a hang
        try:
            check_target(conn, schema, pruning=pruning)  # before the lock and the first step
            if command == "up":
                ensure_adopted(conn, schema)  # another tool's history, not adopted: it would redo it all
        except psycopg.errors.LockNotAvailable:
            raise own_tables_locked(conn, schema, f"migwiz {command}") from None


def check_adopted(project: Project) -> None:
    """A `UsageError` when another tool keeps this database's history and migwiz has not adopted it:
    applying the files would redo everything (checked by `up` and by the wizard's run)."""
    with connect(project.dsn, autocommit=True, purpose="adopt check") as conn:
        ensure_adopted(conn, project.schema)


def backfill_status(project: Project) -> list[BackfillStatus]:
    """Every backfill recorded in the project's database, newest first."""
    from migwiz.engine.backfill import backfill_status as read

    return read(project.dsn, project.schema)


def control_backfill(
    project: Project, backfill_id: str | None = None, **changes: Unpack[ControlChanges]
) -> tuple[str, Control]:
    """Pause, resume or retune a backfill (`backfill_id`, else the only running one) from its next batch,
    or set its number of workers (`ControlChanges`); the backfill chosen and its control row."""
    from migwiz.engine.backfill import control_backfill as steer

    return steer(project.dsn, project.schema, backfill_id, **changes)


def backup_check(project: Project) -> BackupReport:
    """The server's archiving state judged: ready, degraded or not protected (read-only)."""
    from migwiz.engine.backup import backup_check as check

    return check(project.dsn)


def plan_dump(project: Project, mode: TableMode) -> DumpPlan:
    """The tables a pre-migration dump would take: `auto` (what the project's pending migrations touch)
    or `all`."""
    from migwiz.engine.backup import plan_dump as choose

    mset = project.migration_set() if mode == "auto" else None
    return choose(project.dsn, mode, mset, schema=project.schema)


def backup_dump(
    project: Project,
    plan: DumpPlan,
    out_dir: Path,
    *,
    progress: Callable[[DumpProgress], None] | None = None,
    check: BackupReport | None = None,
) -> DumpResult:
    """Take and verify the dump `plan` into `out_dir`, logged in the project's central log."""
    from migwiz.engine.backup import backup_dump as dump

    return dump(
        project.dsn, plan, out_dir, schema=project.schema, progress=progress,
        log_file=project.settings.log_file, check=check,
    )  # fmt: skip
