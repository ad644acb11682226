"""The `migwiz` command line: thin wrappers over engine calls.

Exit codes: 0 success / in sync, 1 something failed or is pending, 2 usage, configuration or connection
error, 3 another run holds the migration lock.
"""

from __future__ import annotations

import functools
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

import click
import psycopg

from migwiz import __version__
from migwiz.console import output
from migwiz.engine.config import Settings, load_settings
from migwiz.engine.connect import connect, resolve_dsn, scrub
from migwiz.engine.durations import parse_duration
from migwiz.engine.errors import ConnectionFailed, MigwizError, UsageError
from migwiz.engine.eventlog import LEVELS, Level, Run, read_events
from migwiz.engine.migration_lock import MigrationLock
from migwiz.engine.migset import load_migration_set
from migwiz.engine.model import MigrationSet, Version
from migwiz.engine.runner import ExecutionPolicy, Runner, RunReport
from migwiz.engine.state import read_history, state_exists
from migwiz.engine.status import compute_status, in_sync

F = TypeVar("F", bound=Callable[..., Any])


class Context:
    """What every command shares: flags, settings, output mode."""

    def __init__(self, *, dsn: str | None, json_output: bool, debug: bool, settings: Settings) -> None:
        self.dsn = resolve_dsn(dsn)
        self.json = json_output
        self.debug = debug
        self.settings = settings

    def migration_set(self) -> MigrationSet:
        """Load the configured migration folder."""
        folder = self.settings.migrations_dir
        if folder is None:
            raise UsageError(
                "no migration folder: none given, no migwiz.toml, no ./migrations, no migrations here",
                'pass --dir PATH or add `dir = "..."` to migwiz.toml',
            )
        if not folder.is_dir():
            raise UsageError(f"migration folder {folder} does not exist", "check --dir or migwiz.toml")
        return load_migration_set(folder)


def _fail(exc: MigwizError, debug: bool) -> None:
    if debug:
        traceback.print_exc()
    output.stderr.print(f"migwiz: error: {scrub(exc.message)}", markup=False, highlight=False)
    if exc.hint:
        output.stderr.print(f"hint: {scrub(exc.hint)}", markup=False, highlight=False, style="dim")
    sys.exit(exc.exit_code)


def common_options(func: F) -> F:
    """The options every database command takes; every error becomes one line and an exit code."""

    @click.option("--dsn", envvar=None, help="Connection string (else DATABASE_URL, else libpq defaults).")
    @click.option("--dir", "dir_", type=click.Path(path_type=Path), help="Migration folder.")
    @click.option("--schema", help="Schema holding migwiz's history and log (default: migwiz).")
    @click.option("--json", "json_output", is_flag=True, help="Machine-readable output on stdout.")
    @click.option("--log-file", type=click.Path(path_type=Path), help="Also write events as JSON lines here.")
    @click.option("--debug", is_flag=True, help="Show tracebacks.")
    @functools.wraps(func)
    def wrapper(
        dsn: str | None,
        dir_: Path | None,
        schema: str | None,
        json_output: bool,
        log_file: Path | None,
        debug: bool,
        **kwargs: Any,
    ) -> Any:
        try:
            settings = load_settings(
                dir_flag=dir_,
                schema_flag=schema,
                log_file_flag=log_file,
                lock_timeout_flag=kwargs.get("lock_timeout"),
                statement_timeout_flag=kwargs.get("statement_timeout"),
            )
            ctx = Context(dsn=dsn, json_output=json_output, debug=debug, settings=settings)
            return func(ctx, **kwargs)
        except MigwizError as exc:
            _fail(exc, debug)
        except psycopg.OperationalError as exc:
            first = scrub(str(exc)).strip().splitlines()[0] if str(exc).strip() else "connection lost"
            _fail(
                ConnectionFailed(
                    f"lost the connection to the server: {first}",
                    "check the server, then run `migwiz status` to see what was applied",
                ),
                debug,
            )
        except psycopg.Error as exc:
            first = scrub(str(exc)).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            _fail(MigwizError(f"database error: {first}"), debug)
        except (KeyboardInterrupt, SystemExit, click.exceptions.Exit, click.ClickException):
            raise
        except Exception as exc:  # a bug: one line unless --debug, never a secret
            _fail(
                MigwizError(
                    f"internal error: {type(exc).__name__}: {exc}", "rerun with --debug and report it"
                ),
                debug,
            )

    return wrapper  # type: ignore[return-value]


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="migwiz")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Guided, lock-aware PostgreSQL schema migrations."""
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())


# -- status -----------------------------------------------------------------------------------------------


@cli.command()
@common_options
def status(ctx: Context) -> None:
    """Where each migration stands. Exit 0 in sync, 1 when something is pending or wrong."""
    mset = ctx.migration_set()
    with connect(ctx.dsn, autocommit=True, purpose="status") as conn:
        history = read_history(conn, ctx.settings.schema)
        initialised = state_exists(conn, ctx.settings.schema)
    statuses = compute_status(mset, history)
    synced = in_sync(statuses)
    if ctx.json:
        output.emit_json(
            {
                "migrations": [s.to_json() for s in statuses],
                "in_sync": synced,
                "layout": mset.layout,
                "dir": str(mset.root),
            }
        )
    else:
        t = output.table("version", "name", "state", "down", "applied", "detail")
        for s in statuses:
            style = output.STATE_STYLES.get(s.state, "")
            applied = f"{s.applied_at:%Y-%m-%d %H:%M}" if s.applied_at else ""
            t.add_row(
                str(s.version),
                s.name,
                f"[{style}]{s.state}[/]",
                "yes" if s.has_down else "[red]no[/]",
                applied,
                s.detail or "",
            )
        output.stdout.print(t)
        pending = sum(1 for s in statuses if s.state == "pending")
        wrong = sum(1 for s in statuses if s.state not in ("applied", "pending"))
        note = "" if initialised else " (migwiz schema not created yet)"
        output.stdout.print(
            f"{len(statuses)} migrations in {mset.root} ({mset.layout}): "
            f"{pending} pending, {wrong} need attention{note}",
            markup=False,
        )
    sys.exit(0 if synced else 1)


# -- up / down ---------------------------------------------------------------------------------------------


def _execution_options(func: F) -> F:
    func = click.option("--lock-timeout", help="lock_timeout per statement, e.g. 2s (default 2s).")(func)
    func = click.option("--statement-timeout", help="statement_timeout per statement, e.g. 10min.")(func)
    func = click.option("--wait", "wait", help="Wait this long for another run's migration lock (e.g. 30s).")(
        func
    )
    func = click.option("--verbose", "-v", is_flag=True, help="Show every statement.")(func)
    return func


def _run_migrations(
    ctx: Context,
    command: str,
    policy: ExecutionPolicy,
    wait: str | None,
    verbose: bool,
    action: Callable[[Runner], RunReport],
) -> None:
    mset = ctx.migration_set()
    wait_ms = parse_duration_flag(wait, "--wait") if wait else 0
    lock = MigrationLock(ctx.dsn, ctx.settings.schema, wait_ms=wait_ms)
    lock.acquire()
    try:
        run = Run(ctx.dsn, ctx.settings.schema, command, log_file=ctx.settings.log_file)
        if not ctx.json:
            run.log.sinks.append(output.ConsoleSink(verbose=verbose))
        runner = Runner(ctx.dsn, mset, log=run.log, schema=ctx.settings.schema, policy=policy)
        outcome = "failed"
        try:
            report = action(runner)
            outcome = "success" if report.ok else "failed"
        except MigwizError as exc:
            run.log.error("run", exc.message, hint=exc.hint)
            raise
        finally:
            runner.close()
            run.finish(outcome)
    finally:
        lock.release()
    if ctx.json:
        output.emit_json({"run_id": run.run_id, **report.to_json()})
    else:
        for o in report.outcomes:
            if o.failure:
                output.stderr.print(f"failed: {o.failure.describe()}", markup=False, style="bold red")
        done = sum(1 for o in report.outcomes if o.result != "failed")
        verb = "applied" if command == "up" else "reverted"
        output.stdout.print(f"{done} migration(s) {verb}; run {run.run_id}", markup=False)
    sys.exit(0 if report.ok else 1)


def parse_duration_flag(value: str, flag: str) -> int:
    """A duration flag in ms, or a usage error naming the flag."""
    try:
        return parse_duration(value)
    except ValueError as exc:
        raise UsageError(f"{flag} {value!r}: {exc}") from None


def _policy(
    ctx: Context, lock_timeout: str | None, statement_timeout: str | None, **extra: Any
) -> ExecutionPolicy:
    return ExecutionPolicy(
        lock_timeout_ms=ctx.settings.lock_timeout_ms,
        statement_timeout_ms=ctx.settings.statement_timeout_ms,
        lock_timeout_forced=lock_timeout is not None,
        statement_timeout_forced=statement_timeout is not None,
        **extra,
    )


@cli.command()
@click.option("--to", "to", help="Apply up to and including this version.")
@click.option("--allow-irreversible", is_flag=True, help="Apply migrations that have no down script.")
@click.option(
    "--allow-out-of-order", is_flag=True, help="Apply a pending migration older than an applied one."
)
@click.option(
    "--resolve",
    type=click.Choice(["ran", "not-ran"]),
    help="Say whether an interrupted no-transaction statement completed.",
)
@_execution_options
@common_options
def up(
    ctx: Context,
    to: str | None,
    allow_irreversible: bool,
    allow_out_of_order: bool,
    resolve: str | None,
    lock_timeout: str | None,
    statement_timeout: str | None,
    wait: str | None,
    verbose: bool,
) -> None:
    """Apply pending migrations, each in its own transaction with its history row."""
    policy = _policy(
        ctx,
        lock_timeout,
        statement_timeout,
        allow_irreversible=allow_irreversible,
        allow_out_of_order=allow_out_of_order,
        resolve=resolve,
    )
    target = Version(to) if to else None
    _run_migrations(ctx, "up", policy, wait, verbose, lambda r: r.up(target))


@cli.command()
@click.option("--to", "to", help="Revert every migration newer than this version.")
@click.option("--steps", type=click.IntRange(min=1), help="Revert this many migrations (default 1).")
@click.option(
    "--resolve",
    type=click.Choice(["ran", "not-ran"]),
    help="Say whether an interrupted no-transaction statement completed.",
)
@_execution_options
@common_options
def down(
    ctx: Context,
    to: str | None,
    steps: int | None,
    resolve: str | None,
    lock_timeout: str | None,
    statement_timeout: str | None,
    wait: str | None,
    verbose: bool,
) -> None:
    """Run down scripts, newest first (one step unless --to or --steps)."""
    if to and steps:
        raise click.UsageError("--to and --steps cannot be combined")
    policy = _policy(ctx, lock_timeout, statement_timeout, resolve=resolve)
    target = Version(to) if to else None
    _run_migrations(ctx, "down", policy, wait, verbose, lambda r: r.down(target, steps))


# -- log ---------------------------------------------------------------------------------------------------


@cli.command()
@click.option("--run", "run_id", help="Only this run (a prefix of its id is enough).")
@click.option("--since", help="Only events newer than this, e.g. 2h, 30min.")
@click.option("--level", type=click.Choice(list(LEVELS)), help="Only this level and above.")
@click.option("--migration", "version", help="Only events about this migration version.")
@click.option("--limit", type=click.IntRange(min=1), default=500, show_default=True)
@common_options
def log(
    ctx: Context, run_id: str | None, since: str | None, level: str | None, version: str | None, limit: int
) -> None:
    """The central log: runs, steps, lock waits and decisions stored in the database."""
    since_ms = parse_duration_flag(since, "--since") if since else None
    with connect(ctx.dsn, autocommit=True, purpose="log reader") as conn:
        if not state_exists(conn, ctx.settings.schema):
            events = []
        else:
            events = read_events(
                conn,
                ctx.settings.schema,
                run_id=run_id,
                since_ms=since_ms,
                min_level=cast(Level | None, level),
                version=version,
                limit=limit,
            )
    if ctx.json:
        output.emit_json({"events": [e.to_json() | {"id": i} for i, e in events]})
        return
    t = output.table("time", "run", "level", "step", "message")
    for _, e in events:
        style = output.LEVEL_STYLES.get(e.level, "")
        t.add_row(
            f"{e.at:%Y-%m-%d %H:%M:%S}",
            e.run_id[:8],
            f"[{style}]{e.level}[/]" if style else e.level,
            e.step,
            e.message.replace("[", r"\["),
        )
    output.stdout.print(t)


def main() -> None:
    """Console-script entry point."""
    cli()
