"""What every command works on: the database (its DSN resolved), the settings, the migration set (loaded
once), the folder's layout, and the execution policy built from them. The first argument of the commands
in `migwiz.engine.commands`; the CLI and the wizard build one and pass it on."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from migwiz.engine.config import Settings, load_settings
from migwiz.engine.errors import MigwizError, UsageError

if TYPE_CHECKING:
    from migwiz.engine.run.runner import ExecutionPolicy
    from migwiz.engine.schema.tolerance import Tolerance
    from migwiz.engine.sets.model import MigrationSet


@dataclass
class Project:
    """The target database and the migration folder a command works on.

    `dsn` is resolved (the flag, else DATABASE_URL, else "" for libpq's defaults) and its secrets are known
    to `secrets.scrub`; `dsn_given` says whether the operator named a database at all (commands that also
    work without one, like `lint`, then stay offline).
    """

    dsn: str
    settings: Settings
    dsn_given: bool = True
    _mset: MigrationSet | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def open(cls, dsn: str | None = None, settings: Settings | None = None) -> Project:
        """The project a command line or the wizard names: `dsn` (None: DATABASE_URL, else libpq's
        defaults) and `settings` (None: migwiz.toml and defaults from the working directory)."""
        from migwiz.engine.secrets import remember_secrets  # servers.connect's way, without psycopg

        chosen = dsn if dsn is not None else os.environ.get("DATABASE_URL", "")
        remember_secrets(chosen)  # its secrets remembered before anything can fail and say it
        given = dsn is not None or bool(os.environ.get("DATABASE_URL"))
        return cls(chosen, settings if settings is not None else load_settings(), dsn_given=given)

    @classmethod
    def offline(cls, settings: Settings | None = None) -> Project:
        """A project that names no database (`lint` without --dsn): `settings`, else the defaults."""
        return cls("", settings if settings is not None else Settings(None), dsn_given=False)

    @classmethod
    def of(
        cls, dsn: str, mset: MigrationSet, *, schema: str | None = None, settings: Settings | None = None
    ) -> Project:
        """A project for an already loaded set: with its `settings`, else defaults and `schema`."""
        from migwiz.engine.history.state import DEFAULT_SCHEMA

        if settings is None:
            settings = Settings(mset.root, schema=schema or DEFAULT_SCHEMA, layout=mset.layout)
        project = cls(dsn, settings)
        project._mset = mset
        return project

    @property
    def schema(self) -> str:
        """The schema holding migwiz's history and log."""
        return self.settings.schema

    @property
    def layout(self) -> str | None:
        """The migration folder's layout as configured (None: detected)."""
        return self.settings.layout

    @property
    def migrations_dir(self) -> Path | None:
        """The configured migration folder (None: none given and none found)."""
        return self.settings.migrations_dir

    def migration_set(self) -> MigrationSet:
        """The configured migration folder, loaded on first use; a usage error naming the missing folder."""
        if self._mset is None:
            from migwiz.engine.sets import load_migration_set

            folder = self.settings.migrations_dir
            if folder is None:
                raise UsageError(
                    "no migration folder: none given, no migwiz.toml, no ./migrations, no migrations here",
                    'pass --dir PATH or add `dir = "..."` to migwiz.toml',
                )
            if not folder.is_dir():
                raise UsageError(f"migration folder {folder} does not exist", "check --dir or migwiz.toml")
            self._mset = load_migration_set(
                folder, self.settings.layout, placeholders=self.flyway_placeholders()
            )
        return self._mset

    def flyway_placeholders(self) -> dict[str, str] | Literal[False]:
        """migwiz.toml's Flyway placeholders, over Flyway's built-in ones of this project's connection."""
        configured = self.settings.flyway_placeholders()
        if configured is False:
            return False
        from migwiz.engine.sets.flat import connection_placeholders

        return {**connection_placeholders(self.dsn), **configured}

    def has_migrations(self) -> bool:
        """Whether a migration folder is configured and exists."""
        folder = self.settings.migrations_dir
        return self._mset is not None or (folder is not None and folder.is_dir())

    def baseline(self, dsn: str | None, *, tolerant: bool = False) -> tuple[Path, ...]:
        """--baseline / migwiz.toml's baseline, else the one recorded in the database at `dsn` (None: no
        database to ask); `tolerant`: none when that database cannot be read (`ci` then reports the
        unreachable database in its gate)."""
        import psycopg

        from migwiz.engine.history.baseline import BaselineFile, baseline_files, materialise
        from migwiz.engine.shadow.covered import THROUGH_MARK

        try:
            files = baseline_files(dsn, self.settings.baseline, self.settings.schema)
            through = self.settings.baseline_through
            if through:  # the schema after that version: a comment in a baseline file says so
                marker = BaselineFile("baseline-through.sql", f"{THROUGH_MARK} {through}\n")
                files += materialise([marker])
            return files
        except (psycopg.Error, MigwizError):
            if not tolerant:
                raise
            return ()

    def policy(
        self,
        *,
        lock_timeout_ms: int | None = None,
        lock_timeout_forced: bool = False,
        statement_timeout_forced: bool = False,
        lock_retries: int | None = None,
        retry_for_ms: int | None = None,
        guard: bool = True,
        terminate_blockers: bool = False,
        allow_irreversible: bool = False,
        allow_out_of_order: bool = False,
        resolve: str | None = None,
        phase: str | None = None,
        force_contract: bool = False,
        allow_edited: bool = False,
        backfill_workers: int | None = None,
    ) -> ExecutionPolicy:
        """The execution policy: the settings' timeouts and retries, with what a face overrides."""
        from typing import cast

        from migwiz.engine.run.executor import RetryPolicy
        from migwiz.engine.run.guard import GuardPolicy
        from migwiz.engine.run.policy import ExecutionPolicy, Resolve
        from migwiz.engine.sets.model import Phase

        settings = self.settings
        return ExecutionPolicy(
            lock_timeout_ms=lock_timeout_ms or settings.lock_timeout_ms,
            statement_timeout_ms=settings.statement_timeout_ms,
            lock_timeout_forced=lock_timeout_forced,
            statement_timeout_forced=statement_timeout_forced,
            retry=RetryPolicy(
                lock_retries=settings.lock_retries if lock_retries is None else lock_retries,
                max_total_ms=settings.retry_for_ms if retry_for_ms is None else retry_for_ms,
            ),
            guard=GuardPolicy(enabled=guard, terminate_blockers=terminate_blockers),
            allow_irreversible=allow_irreversible,
            allow_out_of_order=allow_out_of_order,
            resolve=cast("Resolve | None", resolve),  # click's choices: ran / not-ran
            phase=cast("Phase | None", phase),  # click's choices: expand / backfill / contract
            force_contract=force_contract,
            backfill_workers=backfill_workers,
            allow_edited=allow_edited,
        )

    def tolerance(self, *, ignore_column_order: bool = False, ignore_volatile: bool = False) -> Tolerance:
        """What a rollback test accepts: the flags, else migwiz.toml's `[migwiz.rollback_test]`."""
        from migwiz.engine.schema.tolerance import Tolerance

        return Tolerance(
            ignore_column_order=ignore_column_order or self.settings.rollback_ignore_column_order,
            ignore_volatile=ignore_volatile or self.settings.rollback_ignore_volatile,
        )
