"""Apply and revert migrations: `up` and `down` with their crash-safety guarantees.

The runner strings the run's parts together: selection (selection.py), crash recovery (recovery.py), the
two ways to run a script (scripts.py, statements.py, batches.py), backfill migrations
(backfill/migration.py), run control (control.py). Everything it does is published on its typed event
stream (`Runner.events`, events.py).
"""

from __future__ import annotations

from migwiz.engine.backfill.migration import run_backfill_migration
from migwiz.engine.history.state import HistoryRow
from migwiz.engine.history.status import MigrationStatus
from migwiz.engine.run.context import RunContext
from migwiz.engine.run.control import RunStopped
from migwiz.engine.run.failures import StatementFailure as StatementFailure
from migwiz.engine.run.notes import MigrationStarted, NothingToRun, StoppedAtSafePoint, TransactionNotice
from migwiz.engine.run.policy import Direction
from migwiz.engine.run.policy import ExecutionPolicy as ExecutionPolicy
from migwiz.engine.run.policy import MigrationOutcome as MigrationOutcome
from migwiz.engine.run.policy import RunReport as RunReport
from migwiz.engine.run.recovery import settle_orphans
from migwiz.engine.run.scripts import run_in_transaction, run_statement_by_statement
from migwiz.engine.run.selection import plan_down, plan_up
from migwiz.engine.sets.model import Migration, Script, Version


class Runner(RunContext):
    """Runs the migrations of one set against one database, recording history in its migwiz schema."""

    def plan_up(self, to: Version | None = None, *, target: bool = False) -> list[MigrationStatus]:
        """The migrations `up` would run (a failed one first, to be resumed), after every safety check
        (`target`: `to` is an operator's `--to`, `Version.within`)."""
        return plan_up(self, to, target=target)

    def plan_down(self, to: Version | None = None, steps: int | None = None) -> list[MigrationStatus]:
        """The applied migrations `down` would revert, newest first."""
        return plan_down(self, to, steps)

    def settle_orphans(self) -> None:
        """Deal with executor sessions a killed migwiz left running on the server (recovery.py)."""
        settle_orphans(self)

    # -- running -------------------------------------------------------------------------------------

    def up(self, to: Version | None = None, *, target: bool = False) -> RunReport:
        """Apply pending migrations in order (up to and including `to`; with `target`, `to` is an operator's
        `--to`: Flyway's repeatable migrations run after it, `Version.within`); stops at the first failure."""
        report = RunReport("up")
        self.settle_orphans()
        todo = self.plan_up(to, target=target)
        if not todo:
            self.emit(NothingToRun("up"))
        for position, status in enumerate(todo):
            assert status.migration is not None
            self.position = (position + 1, len(todo))
            if self._stop_before(status.migration, todo[position:], report):
                break
            try:
                outcome = self._apply(status.migration, status.history)
            except RunStopped as stop:
                self._stopped_inside(status.migration, stop, todo[position:], report, "up")
                break
            report.outcomes.append(outcome)
            if outcome.result == "failed":
                break
        return report

    def down(self, to: Version | None = None, steps: int | None = None) -> RunReport:
        """Revert applied migrations, newest first; stops at the first failure."""
        report = RunReport("down")
        self.settle_orphans()
        todo = self.plan_down(to, steps)
        if not todo:
            self.emit(NothingToRun("down"))
        for position, status in enumerate(todo):
            assert status.migration is not None and status.history is not None
            self.position = (position + 1, len(todo))
            if self._stop_before(status.migration, todo[position:], report):
                break
            try:
                outcome = self._revert(status.migration, status.history)
            except RunStopped as stop:
                self._stopped_inside(status.migration, stop, todo[position:], report, "down")
                break
            report.outcomes.append(outcome)
            if outcome.result == "failed":
                break
        return report

    # -- run control -----------------------------------------------------------------------------------

    def _stop_before(self, migration: Migration, rest: list[MigrationStatus], report: RunReport) -> bool:
        """A stop was requested (or the migration lock is lost, lock_watch.py: asked before every migration):
        log it and leave `rest` (this migration and the later ones) alone."""
        self.lock_lost(now=True)
        reason = self.safe_point(f"before {migration.label}")
        if reason is None:
            return False
        report.stopped = reason
        report.not_run = [s.version for s in rest]
        not_run = tuple(str(v) for v in report.not_run)
        self.emit(StoppedAtSafePoint(f"before {migration.version}", reason, not_run))
        return True

    def _stopped_inside(
        self,
        migration: Migration,
        stop: RunStopped,
        rest: list[MigrationStatus],
        report: RunReport,
        direction: Direction,
    ) -> None:
        """A stop between two statements of `migration` (the first of `rest`): say what it left."""
        script = self.effective(migration, direction)
        in_transaction = script.directives.transaction
        report.stopped = stop.reason
        report.not_run = [s.version for s in (rest if in_transaction else rest[1:])]
        if stop.what is not None:
            what = stop.what
        elif in_transaction:
            what = f"before statement {stop.index + 1}; its transaction was rolled back"
        else:
            again = "up" if direction == "up" else "down"
            what = (
                f"after {stop.index} of {len(script.statements) if script else '?'} statements; "
                f"`migwiz {again}` resumes it at statement {stop.index + 1}"
            )
        not_run = tuple(str(v) for v in report.not_run)
        version = str(migration.version)
        self.emit(
            StoppedAtSafePoint(f"in {migration.label} {what}", stop.reason, not_run, version, stop.index + 1)
        )

    # -- one migration ---------------------------------------------------------------------------------

    def _notices(self, migration: Migration, script_direction: Direction) -> None:
        """Say what migwiz decided on its own about how the script runs (see sets.transactions)."""
        script = migration.up if script_direction == "up" else migration.down
        if script is None or script.directives.backfill:
            return
        for notice in self.transaction_plan(script).notices():
            self.emit(TransactionNotice(str(migration.version), str(script.path), notice))

    def _started(self, migration: Migration, direction: Direction, script: Script, mode: str) -> None:
        version, path, count = str(migration.version), str(script.path), len(script.statements)
        self.emit(MigrationStarted(version, migration.label, direction, path, count, mode))

    def _apply(self, migration: Migration, history: HistoryRow | None) -> MigrationOutcome:
        self._notices(migration, "up")
        script = self.effective(migration, "up")
        mode = "in one transaction" if script.directives.transaction else "statement by statement"
        if script.directives.backfill:
            mode = "in batches (backfill)"
        self._started(migration, "up", script, mode)
        self.apply_lock_timeout(None)
        if script.directives.backfill:  # batched, resumable backfill (engine/backfill/migration.py)
            return run_backfill_migration(self, migration, history)
        if script.directives.transaction:
            return run_in_transaction(self, migration, script, "up")
        return run_statement_by_statement(self, migration, script, "up", history)

    def _revert(self, migration: Migration, history: HistoryRow) -> MigrationOutcome:
        assert migration.down is not None
        self._notices(migration, "down")
        script = self.effective(migration, "down")
        mode = "in one transaction" if script.directives.transaction else "statement by statement"
        self._started(migration, "down", script, mode)
        self.apply_lock_timeout(None)
        if script.directives.transaction:
            return run_in_transaction(self, migration, script, "down")
        return run_statement_by_statement(self, migration, script, "down", history)
