"""`migwiz repair`: make the history agree with migration files that were fixed, as Flyway's `repair` does.

Two kinds of history rows are repaired, each listed before anything changes:

- An applied migration whose file was edited since: its checksum is realigned with the file (nothing
  runs; the edit is accepted as what was applied).
- A migration that failed part-way (a `no-transaction` one that got k of n statements done) and whose
  file was fixed. Its statements may have moved, so migwiz does not guess where to resume: the operator
  says `--from-statement N` (statements 1..N-1 of the fixed file are recorded as done and never run;
  `up` runs N onwards) or `--restart` (the history row is removed and `up` runs the fixed file from
  statement 1, so the k statements that ran before run again: they must be able to, or be undone first).

Everything happens under the migration lock, in one transaction, and is written to the central log as a
run of its own (who, from which host, when, each row before and after).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

import psycopg
from psycopg import sql

from migwiz.engine.errors import UsageError
from migwiz.engine.history.state import DEFAULT_SCHEMA, HistoryRow, read_history
from migwiz.engine.history.status import MigrationStatus, compute_status, partial_detail
from migwiz.engine.log.eventlog import EventSink, Run
from migwiz.engine.run.events import RunEvents
from migwiz.engine.run.log_writer import write_log
from migwiz.engine.run.migration_lock import MigrationLock
from migwiz.engine.run.notes import HistoryRepaired, HistoryRowRepaired, RunErrored
from migwiz.engine.servers.connect import connect
from migwiz.engine.sets.model import Migration, MigrationSet
from migwiz.engine.sets.transactions import script_as_run

RepairKind = Literal["realign", "resume", "restart"]


@dataclass(frozen=True)
class RepairChange:
    """One history row to change: what it says now and what it will say."""

    version: str
    """The version as recorded in the history (its key)."""
    label: str
    path: str
    kind: RepairKind
    description: str
    old_checksum: str
    new_checksum: str
    statements_done_before: int
    statements_done_after: int | None
    """None for a restart: the row is removed."""
    statements_total: int

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "version": self.version,
            "label": self.label,
            "path": self.path,
            "kind": self.kind,
            "description": self.description,
            "old_checksum": self.old_checksum,
            "new_checksum": self.new_checksum,
            "statements_done_before": self.statements_done_before,
            "statements_done_after": self.statements_done_after,
            "statements_total": self.statements_total,
        }


@dataclass(frozen=True)
class RepairPlan:
    """What `repair` would change, and what it leaves alone (notices)."""

    changes: tuple[RepairChange, ...] = ()
    notices: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {"changes": [c.to_json() for c in self.changes], "notices": list(self.notices)}


@dataclass(frozen=True)
class RepairResult:
    """`repair`: the plan, whether it was carried out, and the run that logged it."""

    plan: RepairPlan
    applied: bool
    run_id: str | None = None
    dry_run: bool = False

    def to_json(self) -> dict[str, Any]:
        """The `migwiz repair --json` document."""
        return {
            "run_id": self.run_id,
            "dry_run": self.dry_run,
            "applied": self.applied,
            **self.plan.to_json(),
        }


@dataclass(frozen=True)
class RepairChoice:
    """What the operator asked for: one migration only, and where a part-applied one resumes."""

    version: str | None = None
    from_statement: int | None = None
    """1-based statement of the fixed file that `up` runs first."""
    restart: bool = False

    @property
    def resumes(self) -> bool:
        """A resume point was given (--from-statement or --restart)."""
        return self.restart or self.from_statement is not None


def _short(checksum: str) -> str:
    return checksum[:12]


def _statement_at(migration: Migration, index: int, pg_version: int) -> str:
    script = script_as_run(migration.up, pg_version)
    if index >= len(script.statements):
        return "past its last statement"
    stmt = script.statements[index]
    text = " ".join(stmt.sql.split())
    return f"{script.path.name}:{stmt.line} `{text[:60]}{'…' if len(text) > 60 else ''}`"


def _partial_change(
    s: MigrationStatus, migration: Migration, row: HistoryRow, choice: RepairChoice, pg_version: int
) -> RepairChange:
    """The change for a part-applied up, given the operator's resume point."""
    script = script_as_run(migration.up, pg_version)
    total = len(script.statements)
    before = f"before the fix {partial_detail(row, None).removeprefix('up: ')}"
    base = RepairChange(
        version=row.version, label=migration.label, path=str(migration.up.path), kind="resume",
        description="", old_checksum=row.checksum, new_checksum=migration.checksum,
        statements_done_before=row.statements_done, statements_done_after=0, statements_total=total,
    )  # fmt: skip
    if migration.up.directives.backfill:
        raise UsageError(
            f"{migration.up.path}: {migration.label} is a backfill; it resumes from its own checkpoint",
            "run `migwiz up`; repair without --from-statement/--restart only realigns its checksum",
        )
    if choice.restart:
        return replace(
            base,
            kind="restart",
            description=(
                f"remove its history row: `up` runs the fixed file from statement 1 of {total} ({before};"
                f" those {row.statements_done} statement(s) run again: make sure they can, or undo them)"
            ),
            statements_done_after=None,
        )
    start = choice.from_statement
    assert start is not None
    if not 1 <= start <= total:
        raise UsageError(
            f"--from-statement {start}: {migration.up.path} has {total} statement(s)",
            f"give a statement from 1 to {total}, or --restart",
        )
    if script.directives.transaction and start > 1:
        raise UsageError(
            f"--from-statement {start}: the fixed {migration.up.path} now runs in one transaction, "
            "which always starts at statement 1",
            "use --restart (or --from-statement 1)",
        )
    done = "no statement is" if start == 1 else f"statements 1-{start - 1} are"
    return replace(
        base,
        description=(
            f"{done} recorded as done and will not run; `up` runs statements {start}-{total}, first "
            f"{_statement_at(migration, start - 1, pg_version)} ({before})"
        ),
        statements_done_after=start - 1,
    )


def plan_repair(
    mset: MigrationSet, history: Sequence[HistoryRow], choice: RepairChoice, pg_version: int
) -> RepairPlan:
    """What `repair` changes in `history` for the files of `mset`. Pure: no database access.

    UsageError when a part-applied migration's file changed and no resume point was given, or when the
    choice does not fit (no such migration, nothing part-applied, a statement out of range).
    """
    statuses = compute_status(mset, list(history))
    if choice.version is not None:
        wanted = mset.version(choice.version)
        statuses = [s for s in statuses if s.version == wanted]
        if not statuses:
            raise UsageError(f"--migration {choice.version}: no migration or history row has that version")
    partial = [s for s in statuses if s.history and not s.history.success and not s.history.reverting]
    if choice.resumes:
        if not partial:
            raise UsageError(
                "--from-statement/--restart: no migration is partly applied; nothing was changed",
                "run `migwiz status` to see where each migration stands",
            )
        if len(partial) > 1:
            raise UsageError(
                f"{len(partial)} migrations are partly applied; nothing was changed",
                "name one with --migration VERSION",
            )
    changes: list[RepairChange] = []
    notices: list[str] = []
    for s in statuses:
        row, migration = s.history, s.migration
        if row is None:
            continue
        if migration is None:
            notices.append(f"{s.version} ({s.name}) is in the history but its file is gone: left as it is")
            continue
        changed = row.checksum != migration.checksum
        if s in partial and choice.resumes:
            changes.append(_partial_change(s, migration, row, choice, pg_version))
            continue
        if s in partial and changed and not migration.up.directives.backfill:
            where = _statement_at(migration, row.statements_done, pg_version)
            raise UsageError(
                f"{migration.up.path}: {migration.label} is partly applied ({partial_detail(row, None)}) and "
                "its file changed since; nothing was changed",
                f"say where `up` resumes: --from-statement N (statement {row.statements_done + 1} of the "
                f"fixed file is {where}) or --restart to run it all again",
            )
        if not changed:
            if s in partial:
                notices.append(
                    f"{migration.label} is partly applied ({partial_detail(row, migration)}); its file is "
                    "unchanged, so `migwiz up` resumes it (or repair it with --from-statement/--restart)"
                )
            continue
        done = row.statements_done
        what = "applied" if row.success else f"partly applied ({partial_detail(row, None)})"
        changes.append(
            RepairChange(
                version=row.version, label=migration.label, path=str(migration.up.path), kind="realign",
                description=(
                    f"{what}; its file was edited since: record checksum {_short(migration.checksum)} "
                    f"instead of {_short(row.checksum)} (nothing runs)"
                ),
                old_checksum=row.checksum, new_checksum=migration.checksum,
                statements_done_before=done, statements_done_after=done,
                statements_total=len(script_as_run(migration.up, pg_version).statements),
            )
        )  # fmt: skip
    return RepairPlan(tuple(changes), tuple(notices))


def _apply(conn: psycopg.Connection[Any], schema: str, changes: Sequence[RepairChange]) -> None:
    """Carry out `changes` in one transaction; each row must still be as planned."""
    table = sql.SQL("{}.history").format(sql.Identifier(schema))
    with conn.transaction():
        for c in changes:
            if c.kind == "restart":
                cur = conn.execute(
                    sql.SQL("DELETE FROM {} WHERE version = %s AND checksum = %s AND NOT success").format(
                        table
                    ),
                    (c.version, c.old_checksum),
                )
            else:
                cur = conn.execute(
                    sql.SQL(
                        "UPDATE {} SET checksum = %s, statements_done = %s,"
                        " statement_running = CASE WHEN %s THEN statement_running END"
                        " WHERE version = %s AND checksum = %s AND statements_done = %s"
                    ).format(table),
                    (
                        c.new_checksum, c.statements_done_after, c.kind == "realign",
                        c.version, c.old_checksum, c.statements_done_before,
                    ),
                )  # fmt: skip
            if cur.rowcount != 1:
                raise UsageError(
                    f"the history row of {c.label} changed while repairing; nothing was changed",
                    "run `migwiz repair` again",
                )


def repair(
    dsn: str,
    mset: MigrationSet,
    choice: RepairChoice | None = None,
    *,
    schema: str = DEFAULT_SCHEMA,
    dry_run: bool = False,
    confirm: Callable[[RepairPlan], bool] | None = None,
    log_file: Path | None = None,
    sinks: Sequence[EventSink] = (),
    syslog_address: str | None = None,
) -> RepairResult:
    """Realign the history of `dsn` with the files of `mset` (see the module docstring).

    Takes the migration lock (LockHeld when another run has it), plans, asks `confirm` (None: yes), then
    changes every row in one transaction and logs each change as a `repair` run. `dry_run`: plan only,
    without the lock, changing and logging nothing.
    """
    choice = choice or RepairChoice()
    if dry_run:
        with connect(dsn, autocommit=True, purpose="repair") as conn:
            major = conn.info.server_version // 10000
            plan = plan_repair(mset, read_history(conn, schema), choice, major)
        return RepairResult(plan, applied=False, dry_run=True)
    with MigrationLock(dsn, schema), connect(dsn, autocommit=True, purpose="repair") as conn:
        plan = plan_repair(mset, read_history(conn, schema), choice, conn.info.server_version // 10000)
        if not plan.changes:
            return RepairResult(plan, applied=False)
        if confirm is not None and not confirm(plan):
            return RepairResult(plan, applied=False)
        run = Run(dsn, schema, "repair", log_file=log_file, syslog_address=syslog_address)
        run.log.sinks.extend(sinks)
        events = RunEvents()  # its lines are written from typed events, as a run's are
        write_log(events, run.log)
        outcome = "failed"
        try:
            db_user = conn.info.user
            for c in plan.changes:
                events.emit(HistoryRowRepaired(c.to_json(), db_user))
            _apply(conn, schema, plan.changes)
            events.emit(HistoryRepaired(len(plan.changes)))
            outcome = "success"
        except Exception as exc:
            events.emit(RunErrored("repair", str(exc) or type(exc).__name__, getattr(exc, "hint", None)))
            raise
        finally:
            run.finish(outcome, repaired=len(plan.changes) if outcome == "success" else 0)
    return RepairResult(plan, applied=True, run_id=run.run_id)
