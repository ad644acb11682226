"""Selection: which migrations a run applies or reverts, in which order, after every safety check.

Nothing runs before these checks pass: edited or missing files, the phase rules, out-of-order versions,
migwiz's own schema, transaction control in a script, missing down scripts.
"""

from __future__ import annotations

from migwiz.engine.errors import StateMismatch, UsageError
from migwiz.engine.history.status import MigrationStatus
from migwiz.engine.run.context import RunContext
from migwiz.engine.run.notes import EditedAccepted
from migwiz.engine.run.own_schema import check_scripts
from migwiz.engine.run.phases import phase_exempt, plan_phases
from migwiz.engine.sets.model import Version


def check_files_match(
    ctx: RunContext, statuses: list[MigrationStatus], *, allow_edited: bool = False
) -> None:
    """Refuse to run when applied migrations were edited or their files are missing."""
    edited = [s for s in statuses if s.state == "checksum_mismatch" and s.migration is not None]
    if allow_edited and edited and not ctx.edited_logged:
        ctx.edited_logged = True
        files = tuple(str(s.migration.up.path) for s in edited if s.migration is not None)
        ctx.emit(EditedAccepted(files, tuple(str(s.version) for s in edited)))
    if allow_edited:
        statuses = [s for s in statuses if s.state != "checksum_mismatch"]
    for s in statuses:
        if s.state == "checksum_mismatch" and s.migration is not None:
            partly = s.history is not None and not s.history.success
            raise StateMismatch(
                f"{s.migration.up.path}: "
                + (
                    f"partly applied migration {s.version} was edited after it stopped"
                    if partly
                    else f"applied migration {s.version} was edited after it was applied"
                )
                + " (checksum differs); nothing was run",
                "restore the file and put the change in a new migration, or accept it: `migwiz repair`"
                " (an emergency rollback: `migwiz down --allow-edited`, logged with the file names)",
            )
        if s.state == "missing_file":
            raise StateMismatch(
                f"migration {s.version} ({s.name}) is applied in the database but its file is missing "
                f"from {ctx.mset.root}; nothing was run",
                "restore the file (or check --dir points at the right folder)",
            )


def plan_up(ctx: RunContext, to: Version | None = None, *, target: bool = False) -> list[MigrationStatus]:
    """The migrations `up` would run (a failed one first, to be resumed), after every safety check: up to
    and including `to`, or with `target` (an operator's `--to`) the migrations `to.within` says."""
    statuses = ctx.statuses()
    check_files_match(ctx, statuses)
    known = {s.version for s in statuses}
    if to is not None and to not in known:
        raise UsageError(f"--to {to}: no migration has that version")
    todo = [
        s
        for s in statuses
        if s.state in ("pending", "failed")
        and (s.version.within(to) if target else to is None or s.version <= to)
    ]
    todo = plan_phases(ctx, statuses, todo)  # --phase filter, contract guard (phases.py)
    failed_down = [s for s in todo if s.history is not None and s.history.reverting]
    if failed_down:
        raise StateMismatch(
            f"migration {failed_down[0].version} was part-way through its down script; nothing was run",
            "finish it with `migwiz down` first",
        )
    latest_applied = max(  # Flyway's repeatable migrations run after the versioned ones, whatever their age
        (s.version for s in statuses if s.state == "applied" and not s.version.repeatable), default=None
    )
    if not ctx.policy.allow_out_of_order and latest_applied is not None:
        early = [s for s in todo if s.state == "pending" and s.version < latest_applied]
        early = [s for s in early if not phase_exempt(s, statuses)]  # phases interleave
        if early:
            raise UsageError(
                f"migration {early[0].version} ({early[0].name}) is older than the applied "
                f"{latest_applied} and was never applied",
                "renumber it after the latest applied one, or pass --allow-out-of-order",
            )
    check_scripts((s.migration.up for s in todo if s.migration), ctx.schema)  # before anything runs
    for s in todo:
        if s.migration is not None and not s.migration.up.directives.backfill:
            ctx.transaction_plan(s.migration.up)  # refuses transaction control before anything runs
    if not ctx.policy.allow_irreversible:
        missing = [s for s in todo if not s.has_down]
        if missing:
            paths = [str(s.migration.up.path) if s.migration else str(s.version) for s in missing]
            raise UsageError(*irreversible_refusal(ctx.mset.layout, paths))
    return todo


def plan_down(ctx: RunContext, to: Version | None = None, steps: int | None = None) -> list[MigrationStatus]:
    """The applied migrations `down` would revert, newest first."""
    statuses = ctx.statuses()
    check_files_match(ctx, statuses, allow_edited=ctx.policy.allow_edited)
    partial = [s for s in statuses if s.state == "failed" and s.history and not s.history.reverting]
    if partial:
        raise StateMismatch(
            f"migration {partial[0].version} is partly applied ({partial[0].detail}); nothing was run",
            "finish it with `migwiz up` first, then roll back",
        )
    reverting = (
        ("applied", "failed", "checksum_mismatch") if ctx.policy.allow_edited else ("applied", "failed")
    )
    applied = [s for s in statuses if s.state in reverting and not s.version.repeatable]  # never undone
    applied.sort(key=lambda s: s.version, reverse=True)
    if to is not None:
        if to not in {s.version for s in statuses}:
            raise UsageError(f"--to {to}: no migration has that version")
        todo = [s for s in applied if s.version > to]
    else:
        todo = applied[: 1 if steps is None else steps]
    check_scripts((s.migration.down for s in todo if s.migration and s.migration.down), ctx.schema)
    missing = [s for s in todo if s.migration is not None and s.migration.down is None]
    if missing:
        raise UsageError(
            f"{missing[0].migration.up.path if missing[0].migration else missing[0].version}: "
            "has no down script; nothing was run",
            "write a down script for it, or roll back by hand",
        )
    for s in todo:
        if s.migration is not None and s.migration.down is not None:
            ctx.transaction_plan(s.migration.down)
    return todo


# Layouts whose tool writes no down script for these migrations: the hint says so.
_NO_DOWNS = {
    "prisma": "Prisma migrations have no down scripts",
    "sqlx": "simple sqlx migrations (<version>_<desc>.sql) have no down script",
}


def irreversible_refusal(layout: str, scripts: list[str]) -> tuple[str, str]:
    """The message and hint of `up` refusing migrations without a down script (a long list cut short).

    >>> irreversible_refusal("prisma", [f"0{i}_x.sql" for i in range(1, 6)])[0]
    'no down script for: 01_x.sql, 02_x.sql, 03_x.sql and 2 more; nothing was run'
    """
    shown = ", ".join(scripts[:3])
    if len(scripts) > 3:
        shown += f" and {len(scripts) - 3} more"
    hint = "write the down script, or pass --allow-irreversible"
    if layout in _NO_DOWNS:
        hint = f"{_NO_DOWNS[layout]}: pass --allow-irreversible to apply them without one"
    return f"no down script for: {shown}; nothing was run", hint
