"""What every command shares: the context, the common flags and their error handling, flag parsing."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from migwiz.console.failures import fail
from migwiz.engine.durations import MAX_TIMEOUT_MS, format_duration, parse_age, parse_duration
from migwiz.engine.errors import UsageError

if TYPE_CHECKING:
    from migwiz.engine.types import ExecutionPolicy, MigrationSet, Project, Settings

F = TypeVar("F", bound=Callable[..., Any])


class Context:
    """What every command shares: the project (database, settings, migration set) and the output mode."""

    def __init__(self, project: Project, *, json_output: bool, debug: bool) -> None:
        self.project = project
        self.json = json_output
        self.debug = debug

    @property
    def dsn(self) -> str:
        """The resolved DSN (the flag, else DATABASE_URL, else "" for libpq's defaults)."""
        return self.project.dsn

    @property
    def dsn_given(self) -> bool:
        """Whether a database was named (--dsn or DATABASE_URL)."""
        return self.project.dsn_given

    @property
    def settings(self) -> Settings:
        """Flags over migwiz.toml over defaults."""
        return self.project.settings

    def migration_set(self) -> MigrationSet:
        """The configured migration folder, loaded once."""
        return self.project.migration_set()


def common_options(func: F) -> F:
    """The options every database command takes; every error becomes one line and an exit code."""

    @click.option("--dsn", envvar=None, help="Connection string (else DATABASE_URL, else libpq defaults).")
    @click.option("--dir", "dir_", type=click.Path(path_type=Path), help="Migration folder.")
    @click.option(
        "--layout",
        type=click.Choice(["native", "directory", "dbmate", "flyway", "sqlx", "prisma"]),
        help="The migration folder's layout (default: migwiz.toml `layout`, else detected).",
    )
    @click.option("--schema", help="Schema holding migwiz's history and log (default: migwiz).")
    @click.option("--json", "json_output", is_flag=True, help="Machine-readable output on stdout.")
    @click.option("--log-file", type=click.Path(path_type=Path), help="Also write events as JSON lines here.")
    @click.option(
        "--baseline",
        "baseline",
        multiple=True,
        type=click.Path(path_type=Path, exists=True, dir_okay=False),
        help="SQL file with the schema before the first migration (repeatable; for shadow databases).",
    )
    @click.option(
        "--baseline-through",
        "baseline_through",
        metavar="VERSION",
        help="The baseline is the schema after VERSION: shadow databases replay only the later migrations.",
    )
    @click.option("--debug", is_flag=True, help="Show tracebacks.")
    @functools.wraps(func)
    def wrapper(
        dsn: str | None,
        dir_: Path | None,
        layout: str | None,
        schema: str | None,
        json_output: bool,
        log_file: Path | None,
        debug: bool,
        baseline: tuple[Path, ...],
        baseline_through: str | None,
        **kwargs: Any,
    ) -> Any:
        from migwiz.engine import commands

        for value in (dsn, *(v for k, v in kwargs.items() if k.endswith("dsn"))):
            if isinstance(value, str):
                commands.remember_secrets(value)
        try:
            settings = commands.load_settings(
                dir_flag=dir_,
                schema_flag=schema,
                log_file_flag=log_file,
                baseline_flag=baseline,
                baseline_through_flag=baseline_through,
                layout_flag=layout,
                lock_timeout_flag=kwargs.get("lock_timeout"),
                statement_timeout_flag=kwargs.get("statement_timeout"),
            )
            ctx = Context(commands.Project.open(dsn, settings), json_output=json_output, debug=debug)
            return func(ctx, **kwargs)
        except (KeyboardInterrupt, SystemExit, click.exceptions.Exit, click.ClickException):
            raise  # click errors: said as JSON by `JsonErrors` when --json is given
        except Exception as exc:  # typed errors, server errors and bugs: one scrubbed line and an exit code
            fail(commands.as_error(exc), debug, json_output)

    return wrapper  # type: ignore[return-value]


@dataclass(frozen=True)
class ExecutionFlags:
    """The flags `up` and `down` share: timeouts, retries, the lock-queue guard, the live view."""

    lock_timeout: str | None
    statement_timeout: str | None
    wait: str | None
    verbose: bool
    watch: bool
    lock_retries: int | None
    retry_for: str | None
    no_guard: bool
    terminate_blockers: bool
    yes: bool

    @classmethod
    def timeouts_only(cls, lock_timeout: str | None, statement_timeout: str | None) -> ExecutionFlags:
        """Flags for commands that take only the timeouts (dry-run): everything else as default."""
        return cls(lock_timeout, statement_timeout, None, False, False, None, None, False, False, False)


def execution_options(func: F) -> F:
    """Adds the shared execution flags and hands them to the command as one `flags` argument."""

    @functools.wraps(func)
    def wrapper(ctx: Context, **kwargs: Any) -> Any:
        names = ExecutionFlags.__dataclass_fields__
        flags = ExecutionFlags(**{name: kwargs.pop(name) for name in names})
        return func(ctx, flags=flags, **kwargs)

    options = [
        click.option("--lock-timeout", help="lock_timeout per statement, e.g. 2s (default 2s)."),
        click.option("--statement-timeout", help="statement_timeout per statement, e.g. 10min."),
        click.option("--wait", "wait", help="Wait this long for another run's migration lock (e.g. 30s)."),
        click.option("--verbose", "-v", is_flag=True, help="Show every statement."),
        click.option("--watch", is_flag=True, help="Live view: lock waits, progress, current statement."),
        click.option(
            "--lock-retries", type=click.IntRange(min=0), help="Retries after a lock timeout (default 6)."
        ),
        click.option("--retry-for", help="Give up retrying lock conflicts after this long (default 60s)."),
        click.option(
            "--no-guard", is_flag=True, help="Queue for locks like psql would (no lock-queue guard)."
        ),
        click.option(
            "--terminate-blockers",
            is_flag=True,
            help="When retries are spent, terminate the sessions holding the lock (asks first).",
        ),
        click.option("--yes", is_flag=True, help="Do not ask before terminating blockers."),
    ]
    decorated: Any = wrapper
    for option in reversed(options):
        decorated = option(decorated)
    return cast(F, decorated)


_DURATION_HINT = "write a duration such as 500ms, 30s, 10min or 2h"
_AGE_HINT = "write an age such as 30s, 5m, 2h or 1d"
_MAX_AGE_MS = 36_500 * 86_400_000  # 100 years: older than any log, and PostgreSQL's timestamps stay in range


def parse_duration_flag(value: str, flag: str) -> int:
    """A duration flag in ms, or a usage error naming the flag (also when longer than PostgreSQL's longest
    timeout, ~24.8 days: no wait of migwiz is meant to last longer)."""
    try:
        ms = parse_duration(value)
    except ValueError as exc:
        raise UsageError(f"{flag} {value!r}: {exc}", _DURATION_HINT) from None
    if ms > MAX_TIMEOUT_MS:
        raise UsageError(
            f"{flag} {value!r}: longer than {format_duration(MAX_TIMEOUT_MS)}, the longest wait migwiz takes",
            _DURATION_HINT,
        )
    return ms


def parse_age_flag(value: str, flag: str) -> int:
    """How far back (`--since 5m`) in ms, or a usage error naming the flag (at most 100 years)."""
    try:
        ms = parse_age(value)
    except ValueError as exc:
        raise UsageError(f"{flag} {value!r}: {exc}", _AGE_HINT) from None
    if ms > _MAX_AGE_MS:
        raise UsageError(f"{flag} {value!r}: more than 100 years back", _AGE_HINT)
    return ms


def policy(ctx: Context, flags: ExecutionFlags, **extra: Any) -> ExecutionPolicy:
    """The execution policy of the project with the flags' timeouts, retries and guard (and `extra`)."""
    if flags.wait:
        parse_duration_flag(flags.wait, "--wait")  # said before anything connects
    if flags.terminate_blockers and not flags.yes:
        if ctx.json or not sys.stdin.isatty():
            raise UsageError(
                "--terminate-blockers ends other sessions: confirm with --yes when not on a terminal",
                "add --yes if terminating the sessions that block the migration is really intended",
            )
        if not click.confirm("Terminate the sessions that still block a migration once retries are spent?"):
            raise UsageError("not confirmed: nothing was run")
    return ctx.project.policy(
        lock_timeout_forced=flags.lock_timeout is not None,
        statement_timeout_forced=flags.statement_timeout is not None,
        lock_retries=flags.lock_retries,
        retry_for_ms=parse_duration_flag(flags.retry_for, "--retry-for") if flags.retry_for else None,
        guard=not flags.no_guard,
        terminate_blockers=flags.terminate_blockers,
        **extra,
    )


def rollback_test_options(func: F) -> F:
    """Tolerances and the snapshot cache of rollback tests (`test-rollback`, `ci`); migwiz.toml's
    `[migwiz.rollback_test]` gives the defaults."""
    func = click.option(
        "--no-snapshots",
        is_flag=True,
        help="Rebuild shadow states by replaying the files, not from cached template databases.",
    )(func)
    func = click.option(
        "--ignore-volatile",
        is_flag=True,
        help="Accept frozen timestamps (e.g. a 'now' default) in defaults and view texts; reported.",
    )(func)
    return click.option(
        "--ignore-column-order",
        is_flag=True,
        help="Accept a column the down re-adds in another position; reported.",
    )(func)
