"""The `migwiz` command line: thin wrappers over engine calls.

Exit codes: 0 success / in sync, 1 something failed or is pending, 2 usage, configuration or connection
error, 3 another run holds the migration lock.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

# `migwiz --help` and `--version` stay fast: psycopg, the engine's database modules, the analysis and the
# UI are imported inside the commands that use them (tests/unit/test_import_hygiene.py).
from migwiz import __version__
from migwiz.cli_params import version_flag
from migwiz.console.failures import JsonErrors, install_excepthooks
from migwiz.console.failures import fail as _fail
from migwiz.console.failures import write_scrubbed as _write_scrubbed
from migwiz.engine.durations import parse_age, parse_duration
from migwiz.engine.errors import ConnectionFailed, MigwizError, UsageError

if TYPE_CHECKING:
    from migwiz.engine.analysis.risk import RiskyFinding
    from migwiz.engine.config import Settings
    from migwiz.engine.log.eventlog import Event
    from migwiz.engine.run.repair import RepairPlan
    from migwiz.engine.run.runner import ExecutionPolicy, Runner, RunReport
    from migwiz.engine.sets.model import MigrationSet, Version

F = TypeVar("F", bound=Callable[..., Any])


class Context:
    """What every command shares: flags, settings, output mode."""

    def __init__(self, *, dsn: str | None, json_output: bool, debug: bool, settings: Settings) -> None:
        from migwiz.engine.servers.connect import resolve_dsn

        self.dsn = resolve_dsn(dsn)
        self.dsn_given = dsn is not None or bool(os.environ.get("DATABASE_URL"))
        self.json = json_output
        self.debug = debug
        self.settings = settings

    def migration_set(self) -> MigrationSet:
        """Load the configured migration folder."""
        from migwiz.engine.sets import load_migration_set

        folder = self.settings.migrations_dir
        if folder is None:
            raise UsageError(
                "no migration folder: none given, no migwiz.toml, no ./migrations, no migrations here",
                'pass --dir PATH or add `dir = "..."` to migwiz.toml',
            )
        if not folder.is_dir():
            raise UsageError(f"migration folder {folder} does not exist", "check --dir or migwiz.toml")
        return load_migration_set(folder, self.settings.layout)

    def baseline(self, dsn: str | None, *, tolerant: bool = False) -> tuple[Path, ...]:
        """--baseline / migwiz.toml's baseline, else the one recorded in the database at `dsn`; `tolerant`:
        none when that database cannot be read (`ci` then reports the unreachable database in its gate)."""
        import psycopg

        from migwiz.engine.history.baseline import baseline_files

        try:
            return baseline_files(dsn, self.settings.baseline, self.settings.schema)
        except (psycopg.Error, MigwizError):
            if not tolerant:
                raise
            return ()


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
        **kwargs: Any,
    ) -> Any:
        import psycopg

        from migwiz.engine.config import load_settings
        from migwiz.engine.servers.connect import remember_secrets, scrub

        for value in (dsn, *(v for k, v in kwargs.items() if k.endswith("dsn"))):
            if isinstance(value, str):
                remember_secrets(value)
        try:
            settings = load_settings(
                dir_flag=dir_,
                schema_flag=schema,
                log_file_flag=log_file,
                baseline_flag=baseline,
                layout_flag=layout,
                lock_timeout_flag=kwargs.get("lock_timeout"),
                statement_timeout_flag=kwargs.get("statement_timeout"),
            )
            ctx = Context(dsn=dsn, json_output=json_output, debug=debug, settings=settings)
            return func(ctx, **kwargs)
        except MigwizError as exc:
            _fail(exc, debug, json_output)
        except psycopg.errors.LockNotAvailable as exc:  # a bookkeeping lock_timeout: held, not lost
            first = scrub(exc.diag.message_primary or str(exc)).strip()
            hint = "another session holds a lock migwiz needs (see pg_locks); rerun once it is released"
            _fail(MigwizError(f"gave up waiting for a lock: {first}", hint), debug, json_output)
        except (psycopg.OperationalError, psycopg.errors.IdleInTransactionSessionTimeout) as exc:
            first = scrub(str(exc)).strip().splitlines()[0] if str(exc).strip() else "connection lost"
            _fail(
                ConnectionFailed(
                    f"lost the connection to the server: {first}",
                    "check the server, then run `migwiz status` to see what was applied",
                ),
                debug,
                json_output,
            )
        except psycopg.Error as exc:
            from migwiz.engine.run.preflight import explain

            first = scrub(str(exc)).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            _fail(explain(exc) or MigwizError(f"database error: {first}"), debug, json_output)
        except (KeyboardInterrupt, SystemExit, click.exceptions.Exit, click.ClickException):
            raise  # click errors: said as JSON by `JsonErrors` when --json is given
        except Exception as exc:  # a bug: one line unless --debug, never a secret
            _fail(
                MigwizError(
                    f"internal error: {type(exc).__name__}: {exc}", "rerun with --debug and report it"
                ),
                debug,
                json_output,
            )

    return wrapper  # type: ignore[return-value]


@click.group(
    cls=JsonErrors,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="migwiz")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Guided, lock-aware PostgreSQL schema migrations."""
    if ctx.invoked_subcommand is None:
        if sys.stdin.isatty() and sys.stdout.isatty():
            _open_wizard(None, mode="migrate")
        else:
            click.echo(ctx.get_help())


# -- status -----------------------------------------------------------------------------------------------


@cli.command()
@common_options
def status(ctx: Context) -> None:
    """Where each migration stands. Exit 0 in sync, 1 when something is pending or wrong."""
    from migwiz.console import output
    from migwiz.engine import commands
    from migwiz.engine.history.status import in_sync

    mset = ctx.migration_set()
    result = commands.status(ctx.dsn, mset, schema=ctx.settings.schema)
    statuses, initialised = result.statuses, result.initialised
    from migwiz.engine.adopt import foreign_state  # another tool's history, until `migwiz adopt`

    adopted = any(s.history for s in statuses)
    foreign = None if adopted else foreign_state(ctx.dsn, mset, schema=ctx.settings.schema)
    if foreign is not None:
        statuses = foreign.statuses
        output.stderr.print(foreign.hint(), markup=False, highlight=False)
    synced = in_sync(statuses)
    if ctx.json:
        output.emit_json(
            {
                "migrations": [s.to_json() for s in statuses],
                "in_sync": synced,
                "layout": mset.layout,
                "dir": str(mset.root),
                "notices": list(result.notices),
            }
        )
    else:
        _print_notices(result.notices)
        t = output.table("version", "name", "phase", "txn", "state", "down", "applied", "detail")
        for s in statuses:
            standing = s.standing  # engine/standing.py: the story `backfill status` and the wizard tell too
            style = output.STATE_STYLES.get(standing.state, "")
            applied = f"{s.applied_at:%Y-%m-%d %H:%M}" if s.applied_at else ""
            t.add_row(
                str(s.version),
                s.name,
                (s.migration.up.directives.phase or "") if s.migration else "",  # phase column
                "no" if s.transaction is False else "",
                f"[{style}]{standing.state}[/]",
                "yes" if s.has_down else "[red]no[/]",
                applied,
                "; ".join(
                    d
                    for d in (standing.text or s.detail, s.transaction_note if s.state != "applied" else None)
                    if d
                ),
            )
        output.stdout.print(t)
        from migwiz.console.backfill import print_phases  # where each change stands by phase
        from migwiz.engine.run.phases import phase_summary

        print_phases(phase_summary(statuses))
        pending = sum(1 for s in statuses if s.state == "pending")
        wrong = sum(1 for s in statuses if s.state not in ("applied", "pending"))
        note = "" if initialised else " (migwiz schema not created yet)"
        output.stdout.print(
            f"{len(statuses)} migrations in {mset.root} ({mset.layout}): "
            f"{pending} pending, {wrong} need attention{note}",
            markup=False,
        )
    sys.exit(0 if synced else 1)


def _print_notices(notices: tuple[str, ...] | list[str]) -> None:
    """Files the set's tool ignores and ordering notices: one line each on stderr."""
    from migwiz.console import output
    from migwiz.engine.servers.connect import scrub

    for notice in notices:
        output.stderr.print(f"notice: {scrub(notice)}", markup=False, highlight=False, style="yellow")


# -- up / down ---------------------------------------------------------------------------------------------


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


def _execution_options(func: F) -> F:
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


def _run_migrations(
    ctx: Context,
    command: str,
    policy: ExecutionPolicy,
    flags: ExecutionFlags,
    action: Callable[[Runner], RunReport],
) -> None:
    from migwiz.console import output
    from migwiz.engine import commands

    mset = ctx.migration_set()
    if not ctx.json:
        _print_notices(mset.notices)
    wait_ms = parse_duration_flag(flags.wait, "--wait") if flags.wait else 0
    sinks = [] if ctx.json or flags.watch else [output.ConsoleSink(verbose=flags.verbose)]

    control = commands.RunControl()
    restore_signals = commands.install_signal_stop(control)  # SIGHUP/SIGTERM: stop at the next safe point

    def start(act: Callable[[Runner], RunReport]) -> commands.MigrateResult:
        from migwiz.engine import commands

        return commands.migrate(
            ctx.dsn, mset, act, command=command, schema=ctx.settings.schema, policy=policy, wait_ms=wait_ms,
            log_file=ctx.settings.log_file, sinks=sinks, syslog_address=ctx.settings.syslog_address,
            retention_ms=ctx.settings.log_retention_ms, control=control,
        )  # fmt: skip

    try:
        if flags.watch and not ctx.json:
            from migwiz.console.dryrun import watch_run

            estimates = _estimates(ctx, mset, policy) if command == "up" else {}
            planned = action

            def action(runner: Runner) -> RunReport:
                runner.estimates = estimates
                return planned(runner)

            results: list[commands.MigrateResult] = []

            def started(act: Callable[[Runner], RunReport]) -> RunReport:
                results.append(start(act))
                return results[-1].report

            watch_run(output.stderr, ctx.dsn, started, action)
            result = results[-1]
        else:
            result = start(action)
    finally:
        restore_signals()
    report = result.report
    if ctx.json:
        output.emit_json({"run_id": result.run_id, **report.to_json(), "notices": list(mset.notices)})
    else:
        if flags.watch:
            for outcome in report.outcomes:
                if outcome.failure is not None:
                    output.stderr.print(f"failed: {outcome.failure.describe()}", markup=False, style="red")
        done = sum(1 for o in report.outcomes if o.result != "failed")
        verb = "applied" if command == "up" else "reverted"
        output.stdout.print(f"{done} migration(s) {verb}; run {result.run_id}", markup=False)
        if report.stopped:
            left = ", ".join(str(v) for v in report.not_run) or "none"
            output.stderr.print(
                f"stopped at a safe point: {report.stopped}; not run: {left}", markup=False, style="yellow"
            )
    # a stop at a safe point is not a failure, but what was asked for is not all done
    sys.exit(0 if report.ok and not report.stopped else 1)


def _estimates(ctx: Context, mset: MigrationSet, policy: ExecutionPolicy) -> dict[tuple[str, int], float]:
    """Per-statement duration estimates from `plan`, for the live view (empty when planning fails)."""
    from migwiz.console import output
    from migwiz.engine import commands

    try:
        return commands.plan(ctx.dsn, mset, schema=ctx.settings.schema, policy=policy).estimates_ms()
    except MigwizError as exc:
        output.stderr.print(f"no duration estimates: {exc.message}", markup=False, style="dim")
        return {}


def parse_duration_flag(value: str, flag: str) -> int:
    """A duration flag in ms, or a usage error naming the flag."""
    try:
        return parse_duration(value)
    except ValueError as exc:
        raise UsageError(f"{flag} {value!r}: {exc}") from None


def parse_age_flag(value: str, flag: str) -> int:
    """How far back (`--since 5m`) in ms, or a usage error naming the flag."""
    try:
        return parse_age(value)
    except ValueError as exc:
        raise UsageError(f"{flag} {value!r}: {exc}") from None


def _policy(ctx: Context, flags: ExecutionFlags, **extra: Any) -> ExecutionPolicy:
    from migwiz.engine.run.executor import RetryPolicy
    from migwiz.engine.run.guard import GuardPolicy
    from migwiz.engine.run.runner import ExecutionPolicy

    settings = ctx.settings
    retry = RetryPolicy(
        lock_retries=flags.lock_retries if flags.lock_retries is not None else settings.lock_retries,
        max_total_ms=parse_duration_flag(flags.retry_for, "--retry-for")
        if flags.retry_for
        else settings.retry_for_ms,
    )
    if flags.terminate_blockers and not flags.yes:
        if ctx.json or not sys.stdin.isatty():
            raise UsageError(
                "--terminate-blockers ends other sessions: confirm with --yes when not on a terminal",
                "add --yes if terminating the sessions that block the migration is really intended",
            )
        if not click.confirm("Terminate the sessions that still block a migration once retries are spent?"):
            raise UsageError("not confirmed: nothing was run")
    guard = GuardPolicy(enabled=not flags.no_guard, terminate_blockers=flags.terminate_blockers)
    return ExecutionPolicy(
        lock_timeout_ms=settings.lock_timeout_ms,
        statement_timeout_ms=settings.statement_timeout_ms,
        lock_timeout_forced=flags.lock_timeout is not None,
        statement_timeout_forced=flags.statement_timeout is not None,
        retry=retry,
        guard=guard,
        **extra,
    )


@cli.command()
@click.option("--to", "to", callback=version_flag, help="Apply up to and including this version.")
@click.option("--allow-irreversible", is_flag=True, help="Apply migrations that have no down script.")
@click.option(
    "--allow-out-of-order", is_flag=True, help="Apply a pending migration older than an applied one."
)
@click.option(
    "--resolve",
    type=click.Choice(["ran", "not-ran"]),
    help="Say whether an interrupted no-transaction statement completed.",
)
@click.option(
    "--phase", type=click.Choice(["expand", "backfill", "contract"]), help="Only migrations of this phase."
)
@click.option(
    "--force",
    "force_contract",
    is_flag=True,
    help="Run a contract migration the phase guard refuses (the reasons are logged).",
)
@click.option(
    "--force-risky",
    is_flag=True,
    help="Apply migrations lint rates `error` without asking (the findings are logged).",
)
@common_options
@_execution_options
def up(
    ctx: Context,
    flags: ExecutionFlags,
    to: str | None,
    allow_irreversible: bool,
    allow_out_of_order: bool,
    resolve: str | None,
    phase: str | None,
    force_contract: bool,
    force_risky: bool,
) -> None:
    """Apply pending migrations, each in its own transaction with its history row.

    Migrations that lint rates `error` are listed first; on a terminal migwiz asks, otherwise (or with
    --json) it refuses unless --force-risky.
    """
    policy = _policy(
        ctx,
        flags,
        allow_irreversible=allow_irreversible,
        allow_out_of_order=allow_out_of_order,
        resolve=resolve,
        phase=phase,
        force_contract=force_contract,
    )
    target = ctx.migration_set().version(to) if to else None
    risky = _confirm_risky(ctx, target, phase, force_risky)

    def action(runner: Runner) -> RunReport:
        if risky:
            runner.log.warning(
                "plan",
                f"applying {len({f.version for f in risky})} migration(s) lint rates error: "
                + "; ".join(f.describe() for f in risky),
                findings=[f.describe() for f in risky],
                forced="--force-risky" if force_risky else "confirmed on the terminal",
            )
        return runner.up(target)

    _run_migrations(ctx, "up", policy, flags, action)


def _confirm_risky(ctx: Context, to: Version | None, phase: str | None, force: bool) -> list[RiskyFinding]:
    """The `error` findings of what `up` is about to apply, shown; asked about on a terminal, refused
    without --force-risky elsewhere. Empty when there are none."""
    from migwiz.console import output
    from migwiz.engine import commands
    from migwiz.engine.analysis.risk import error_findings
    from migwiz.engine.run.phases import phase_of

    mset = ctx.migration_set()
    commands.preflight(ctx.dsn, ctx.settings.schema, "up")  # a missing grant is named before anything else
    statuses = commands.status(ctx.dsn, mset, schema=ctx.settings.schema).statuses
    pending = [
        s.migration
        for s in statuses
        if s.migration is not None
        and s.state in ("pending", "failed")
        and (to is None or s.version <= to)
        and (phase is None or phase_of(s.migration) == phase)
    ]
    if not pending:
        return []
    report = commands.lint([mset.root], dsn=ctx.dsn, schema=ctx.settings.schema, layout=ctx.settings.layout)
    risky = error_findings(report, pending)
    if not risky or force:
        return risky
    versions = sorted({f.version for f in risky})
    for finding in risky:
        output.stderr.print(f"lint error: {finding.describe()}", markup=False, highlight=False)
    if ctx.json or not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(
            f"lint rates {len(versions)} pending migration(s) error ({', '.join(versions)}); nothing was run",
            "review them (`migwiz plan`, `migwiz lint`); --force-risky applies them anyway (logged)",
        )
    if not click.confirm(f"Apply {', '.join(versions)} although lint rates them error?", default=False):
        raise UsageError("not confirmed: nothing was run")
    return risky


@cli.command()
@click.option("--to", "to", callback=version_flag, help="Revert every migration newer than this version.")
@click.option("--steps", type=click.IntRange(min=1), help="Revert this many migrations (default 1).")
@click.option(
    "--resolve",
    type=click.Choice(["ran", "not-ran"]),
    help="Say whether an interrupted no-transaction statement completed.",
)
@click.option(
    "--allow-edited",
    is_flag=True,
    help="Roll back although applied migrations were edited since (the edited files are named in the log).",
)
@common_options
@_execution_options
def down(
    ctx: Context,
    flags: ExecutionFlags,
    to: str | None,
    steps: int | None,
    resolve: str | None,
    allow_edited: bool,
) -> None:
    """Run down scripts, newest first (one step unless --to or --steps)."""
    if to and steps:
        raise click.UsageError("--to and --steps cannot be combined")
    policy = _policy(ctx, flags, resolve=resolve, allow_edited=allow_edited)
    _run_migrations(
        ctx, "down", policy, flags, lambda runner: runner.down(runner.mset.version(to) if to else None, steps)
    )


# -- repair ------------------------------------------------------------------------------------------------


@cli.command()
@click.option("--migration", "version", help="Only this migration (needed when several are partly applied).")
@click.option(
    "--from-statement",
    type=click.IntRange(min=1),
    help="Resume a partly applied migration at this statement of its fixed file (earlier ones: done).",
)
@click.option(
    "--restart", is_flag=True, help="A partly applied migration runs again from its first statement."
)
@click.option("--dry-run", is_flag=True, help="Only show what would change.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@common_options
def repair(
    ctx: Context, version: str | None, from_statement: int | None, restart: bool, dry_run: bool, yes: bool
) -> None:
    """Realign the history with fixed files: checksums of edited applied migrations, part-applied ones."""
    if restart and from_statement is not None:
        raise UsageError("--restart and --from-statement cannot be combined", "choose one resume point")
    if not (yes or dry_run) and (ctx.json or not sys.stdin.isatty()):
        raise UsageError(
            "repair changes the history: confirm with --yes when not on a terminal",
            "look first with --dry-run, then pass --yes",
        )
    from migwiz.console import output
    from migwiz.engine import commands

    mset = ctx.migration_set()

    def confirm(plan: RepairPlan) -> bool:
        _print_repair(plan)
        return click.confirm(f"Change {len(plan.changes)} history row(s)?")

    result = commands.repair(
        ctx.dsn, mset, commands.RepairChoice(version, from_statement, restart), schema=ctx.settings.schema,
        dry_run=dry_run, confirm=None if yes or dry_run else confirm, log_file=ctx.settings.log_file,
        syslog_address=ctx.settings.syslog_address,
    )  # fmt: skip
    if ctx.json:
        output.emit_json(result.to_json())
        return
    if dry_run or yes:
        _print_repair(result.plan)
    if not result.plan.changes:
        output.stdout.print("nothing to repair: the history agrees with the files", markup=False)
    elif result.applied:
        output.stdout.print(
            f"{len(result.plan.changes)} history row(s) repaired; run {result.run_id}", markup=False
        )
    elif dry_run:
        output.stdout.print("dry run: nothing was changed", markup=False)
    else:
        output.stdout.print("not confirmed: nothing was changed", markup=False)
        sys.exit(1)


def _print_repair(plan: RepairPlan) -> None:
    from migwiz.console import output

    for c in plan.changes:
        output.stdout.print(f"{c.kind:8} {c.label}: {c.description}", markup=False)
    _print_notices(plan.notices)


# -- lint --------------------------------------------------------------------------------------------------

SEVERITY_ORDER = ("info", "warning", "error")


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--sarif", is_flag=True, help="SARIF 2.1.0 on stdout (GitHub code scanning).")
@click.option("--pg-version", type=click.IntRange(11, 18), help="Server major version to analyse for.")
@click.option(
    "--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True
)
@common_options
def lint(ctx: Context, paths: tuple[Path, ...], sarif: bool, pg_version: int | None, fail_on: str) -> None:
    """Static lock analysis of migration files: locks, rewrites, scans, findings and fixes.

    PATHS are folders (a whole set), files (any name: one file of a set is analysed after its predecessors,
    a loose file alone) or - for a script on stdin. Works without a database; with --dsn it reads the
    catalog (never runs anything) and skips what is applied.
    """
    from migwiz.console import output
    from migwiz.engine import commands
    from migwiz.engine.analysis import lint_report_json, lint_report_sarif

    chosen = list(paths) or [ctx.migration_set().root]
    dsn = ctx.dsn if (ctx.dsn and ctx.dsn_given) else None
    stdin = sys.stdin.read() if Path("-") in chosen else None
    report = commands.lint(
        chosen, dsn=dsn, pg_version=pg_version, schema=ctx.settings.schema, layout=ctx.settings.layout,
        migrations_dir=ctx.settings.migrations_dir, stdin=stdin,
    )  # fmt: skip
    if sarif:
        output.emit_json(lint_report_sarif(report))
    elif ctx.json:
        output.emit_json(lint_report_json(report))
    else:
        output.print_lint(report)
    worst = report.worst()
    failing = worst is not None and SEVERITY_ORDER.index(worst) >= SEVERITY_ORDER.index(fail_on)
    sys.exit(1 if failing else 0)


# -- log ---------------------------------------------------------------------------------------------------


@cli.command()
@click.option("--run", "run_id", help="Only this run (a prefix of its id is enough).")
@click.option("--since", help="Only events newer than this, e.g. 30s, 5m, 2h, 1d.")
@click.option(
    "--level", type=click.Choice(["debug", "info", "warning", "error"]), help="Only this level and above."
)
@click.option("--migration", "version", help="Only events about this migration version.")
@click.option("--limit", type=click.IntRange(min=1), default=500, show_default=True)
@click.option(
    "--follow", "-f", is_flag=True, help="Keep printing new events as they are written (Ctrl-C stops)."
)
@common_options
def log(
    ctx: Context,
    run_id: str | None,
    since: str | None,
    level: str | None,
    version: str | None,
    limit: int,
    follow: bool,
) -> None:
    """The central log: runs, steps, lock waits and decisions stored in the database."""
    from migwiz.engine.history.state import state_exists
    from migwiz.engine.log.eventlog import Level, follow_events, read_events
    from migwiz.engine.servers.connect import connect

    since_ms = parse_age_flag(since, "--since") if since else None
    filters: dict[str, Any] = {
        "run_id": run_id,
        "since_ms": since_ms,
        "min_level": cast(Level | None, level),
        "version": version,
    }
    with connect(ctx.dsn, autocommit=True, purpose="log reader") as conn:
        exists = state_exists(conn, ctx.settings.schema)
        events = read_events(conn, ctx.settings.schema, limit=limit, **filters) if exists else []
        _print_events(ctx, events)
        if not follow:
            return
        if not exists:
            raise UsageError(
                f"no migwiz schema {ctx.settings.schema!r} in this database yet: nothing to follow"
            )
        last = events[-1][0] if events else 0
        try:
            for item in follow_events(conn, ctx.settings.schema, after_id=last, **filters):
                _print_events(ctx, [item])
        except KeyboardInterrupt:
            return


def _print_events(ctx: Context, events: list[tuple[int, Event]]) -> None:
    from rich.text import Text

    from migwiz.console import output

    if ctx.json:
        if events:
            output.emit_json({"events": [e.to_json() | {"id": i} for i, e in events]})
        return
    for _, e in events:
        line = Text(f"{e.at:%Y-%m-%d %H:%M:%S} {e.run_id[:8]} ")
        line.append(f"{e.level:<7}", style=output.LEVEL_STYLES.get(e.level, ""))
        line.append(f" {e.step:<10} {e.message}")
        output.stdout.print(line)


def main() -> None:
    """Console-script entry point."""
    install_excepthooks()
    cli()


# -- backup-check ------------------------------------------------------------------------------------------


@cli.command("backup-check")
@click.option("--dump", is_flag=True, help="Also take a verified pg_dump -Fc before migrating.")
@click.option(
    "--tables",
    type=click.Choice(["auto", "all"]),
    default="auto",
    show_default=True,
    help="auto: the tables the pending migrations touch; all: the whole database.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("backups"),
    show_default=True,
    help="Folder for the dump file.",
)
@common_options
def backup_check(ctx: Context, dump: bool, tables: str, out: Path) -> None:
    """Point-in-time-recovery readiness: ready, degraded or not protected, with reasons.

    Exit 0 when ready (with --dump: when the dump was taken and verified), else 1.
    """
    from migwiz.console import backup_view, output
    from migwiz.engine import backup

    report = backup.backup_check(ctx.dsn)
    if not ctx.json:
        output.stdout.print(backup_view.render_report(report))
    if not dump:
        if ctx.json:
            output.emit_json({"check": report.to_json()})
        sys.exit(0 if report.verdict == "ready" else 1)
    mode: backup.TableMode = "all" if tables == "all" else "auto"
    mset = ctx.migration_set() if mode == "auto" else None
    plan = backup.plan_dump(ctx.dsn, mode, mset, schema=ctx.settings.schema)
    result = None
    if not ctx.json:
        output.stdout.print()
        output.stdout.print(backup_view.render_plan(plan))
    if not plan.empty:
        with backup_view.dump_progress(output.stderr, quiet=ctx.json) as progress:
            result = backup.backup_dump(
                ctx.dsn, plan, out, schema=ctx.settings.schema, progress=progress,
                log_file=ctx.settings.log_file, check=report,
            )  # fmt: skip
        if not ctx.json:
            output.stdout.print(backup_view.render_dump(result))
    if ctx.json:
        output.emit_json(
            {
                "check": report.to_json(),
                "plan": {
                    "mode": plan.mode,
                    "tables": [t.qualified for t in plan.tables],
                    "migrations": list(plan.migrations),
                    "notes": list(plan.notes),
                },
                "dump": result.to_json() if result else None,
            }
        )
    sys.exit(0)


# -- plan --------------------------------------------------------------------------------------------------


@cli.command("plan")
@click.option("--calibrate", is_flag=True, help="Time a bounded sample on this server first (cached).")
@click.option("--pg-version", type=click.IntRange(11, 18), help="Analyse for this major version.")
@click.option("--lock-timeout", help="lock_timeout `up` will use, e.g. 2s (default: settings).")
@click.option(
    "--fail-on",
    type=click.Choice(["unverified", "quiet_window", "dangerous"]),
    default="dangerous",
    show_default=True,
    help="Exit 1 when a migration's verdict is this or worse.",
)
@common_options
def plan_command(
    ctx: Context, calibrate: bool, pg_version: int | None, lock_timeout: str | None, fail_on: str
) -> None:
    """Pending migrations joined with the live database: sizes, durations, blockers, a verdict each."""
    from migwiz.console import output
    from migwiz.console.plan_view import print_plan
    from migwiz.engine import commands
    from migwiz.engine.plan import VERDICTS

    mset = ctx.migration_set()
    policy = _policy(ctx, ExecutionFlags.timeouts_only(lock_timeout, None))
    report = commands.plan(
        ctx.dsn, mset, schema=ctx.settings.schema, calibrate=calibrate, pg_version=pg_version, policy=policy
    )
    if ctx.json:
        output.emit_json(report.to_json())
    else:
        print_plan(report, output.stdout)
    failing = VERDICTS.index(report.verdict) >= [str(v) for v in VERDICTS].index(fail_on)
    sys.exit(1 if failing else 0)


# -- trace -------------------------------------------------------------------------------------------------


@cli.command("trace")
@click.argument("target")
@click.option("--on-target", is_flag=True, help="Trace on the target database itself (rolled back).")
@click.option("--down", "down_script", is_flag=True, help="Trace the down script instead of the up.")
@click.option("--timeout", default="60s", show_default=True, help="Longest wait for a lock per statement.")
@common_options
def trace_command(ctx: Context, target: str, on_target: bool, down_script: bool, timeout: str) -> None:
    """Run a migration (file of any name, version, or - for stdin) on a scratch copy and report its locks.

    Never touches the target unless --on-target is given; there it runs in a transaction, rolled back.
    """
    from migwiz.console import output
    from migwiz.console.trace_view import print_trace, resolve_script, trace_json
    from migwiz.engine.analysis.trace import trace_on_scratch, trace_statements
    from migwiz.engine.servers.connect import connect
    from migwiz.engine.sets.transactions import plan_transaction

    script = resolve_script(
        target, down_script, ctx.migration_set, configured=ctx.settings.migrations_dir,
        layout=ctx.settings.layout, stdin=sys.stdin.read,
    )  # fmt: skip
    timeout_s = parse_duration_flag(timeout, "--timeout") / 1000
    with connect(ctx.dsn, autocommit=True, purpose="trace") as conn:
        major = conn.info.server_version // 10000
    plan = plan_transaction(script, major)  # the decision `up` makes: refusals, automatic mode, unwrapping
    script, in_transaction = plan.script, plan.in_transaction
    if on_target:
        if not in_transaction:
            raise UsageError(
                f"{script.path}: runs {plan.mode()}, committing each statement: tracing it on the "
                "target would apply it",
                "trace it on a scratch copy (drop --on-target)",
            )
        result = trace_statements(ctx.dsn, script.statements, in_transaction=True, timeout_s=timeout_s)
        where = "the target (rolled back)"
    else:
        result = trace_on_scratch(
            ctx.dsn, script.statements, in_transaction=in_transaction, timeout_s=timeout_s
        )
        where = "a scratch copy"
    if ctx.json:
        output.emit_json(
            trace_json(result, path=str(script.path), target=where, in_transaction=in_transaction)
        )
    else:
        print_trace(result, output.stdout, path=str(script.path), target=where)
    failed = any(s.error and s.method != "skipped" for s in result.statements)
    sys.exit(1 if failed else 0)


# -- wizard / watch / rollback -------------------------------------------------------------------------------


def _open_wizard(ctx: Context | None, *, mode: str) -> None:
    """Open the Textual wizard (imported only here) and exit with its code."""
    from migwiz.engine.config import load_settings

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("the wizard needs a terminal", "run it in a terminal, or use status / plan / up")
    if ctx is None:
        try:
            ctx = Context(dsn=None, json_output=False, debug=False, settings=load_settings())
        except MigwizError as exc:
            _fail(exc, False)
            return
    from migwiz.tui.launch import run_wizard

    sys.exit(run_wizard(ctx.dsn, ctx.settings, mode=cast(Any, mode)))


@cli.command()
@common_options
def wizard(ctx: Context) -> None:
    """Open the wizard: target, pending migrations, backup, impact, dry run, execute, verify, summary."""
    _open_wizard(ctx, mode="migrate")


@cli.command()
@common_options
def rollback(ctx: Context) -> None:
    """Incident rollback in the wizard: recent changes, the version to go back to, the downs' impact, run."""
    _open_wizard(ctx, mode="rollback")


@cli.command()
@common_options
def watch(ctx: Context) -> None:
    """Attach read-only to a run in progress: the central log, lock waits and progress (from anywhere)."""
    _open_wizard(ctx, mode="watch")


# -- test-rollback / drift / verify -----------------------------------------------------------------------


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


def _tolerance(settings: Settings, ignore_column_order: bool, ignore_volatile: bool) -> Any:
    from migwiz.engine.schema.tolerance import Tolerance

    return Tolerance(
        ignore_column_order=ignore_column_order or settings.rollback_ignore_column_order,
        ignore_volatile=ignore_volatile or settings.rollback_ignore_volatile,
    )


@cli.command("test-rollback")
@click.argument("versions", nargs=-1)
@click.option("--all", "all_", is_flag=True, help="Test every migration (the default).")
@click.option("--pending", is_flag=True, help="Start from the target's schema and test only pending ones.")
@click.option(
    "--shadow-dsn", help="An empty database to test in (default: a throw-away one on --dsn's server)."
)
@click.option(
    "--junit", type=click.Path(path_type=Path), help="Write JUnit XML here (one test per migration)."
)
@click.option("--with-data", is_flag=True, help="Seed rows after each up and report data each down loses.")
@rollback_test_options
@common_options
def test_rollback_command(
    ctx: Context,
    versions: tuple[str, ...],
    all_: bool,
    pending: bool,
    shadow_dsn: str | None,
    junit: Path | None,
    with_data: bool,
    ignore_column_order: bool,
    ignore_volatile: bool,
    no_snapshots: bool,
) -> None:
    """Prove on a shadow database that each down undoes its up, and that up runs again after it.

    Exit 0 when every migration passes, 1 when one fails.
    """
    from migwiz.console import output
    from migwiz.console.schema_reports import print_rollback
    from migwiz.engine.rollback.prove import Which, test_rollback

    if sum([all_, pending, bool(versions)]) > 1:
        raise click.UsageError("choose one of --all, --pending or VERSION...")
    mset = ctx.migration_set()
    which: Which = "pending" if pending else [mset.version(v) for v in versions] if versions else "all"
    dsn = ctx.dsn if ctx.dsn_given else None
    report = test_rollback(
        dsn, mset, shadow_dsn=shadow_dsn, which=which, with_data=with_data,
        schema=ctx.settings.schema, baseline=ctx.baseline(dsn),
        tolerance=_tolerance(ctx.settings, ignore_column_order, ignore_volatile),
        snapshots=ctx.settings.snapshots and not no_snapshots,
    )  # fmt: skip
    if junit is not None:
        _write_scrubbed(junit, report.to_junit())
    if ctx.json:
        output.emit_json(report.to_json())
    else:
        print_rollback(report)
    sys.exit(0 if report.ok else 1)


@cli.command()
@click.option("--shadow-dsn", help="An empty database to replay the files in (default: a throw-away one).")
@click.option(
    "--sql", "with_sql", is_flag=True, help="Print statements that bring the database back to the files."
)
@common_options
def drift(ctx: Context, shadow_dsn: str | None, with_sql: bool) -> None:
    """Compare the database with its applied migrations replayed from the files. Exit 1 on drift."""
    from migwiz.console import output
    from migwiz.console.schema_reports import print_drift, print_repair_sql
    from migwiz.engine.schema.drift import drift as find_drift

    report = find_drift(
        ctx.dsn, ctx.migration_set(), shadow_dsn=shadow_dsn, schema=ctx.settings.schema,
        ignore=ctx.settings.drift_ignore, with_sql=with_sql, baseline=ctx.baseline(ctx.dsn),
        snapshots=ctx.settings.snapshots,
    )  # fmt: skip
    if ctx.json:
        output.emit_json(report.to_json())
    elif with_sql:
        print_repair_sql(report)
    else:
        print_drift(report)
    sys.exit(1 if report.drifted else 0)


@cli.command()
@click.option("--shadow-dsn", help="An empty database to replay the files in (default: a throw-away one).")
@click.option("--no-drift", is_flag=True, help="Skip the drift check (no shadow database).")
@common_options
def verify(ctx: Context, shadow_dsn: str | None, no_drift: bool) -> None:
    """After a migration: no drift, no INVALID index or stray NOT VALID constraint, backfills done,
    id sequences far from exhaustion, fresh statistics. Exit 1 when a check fails."""
    from migwiz.console import output
    from migwiz.console.schema_reports import print_verify
    from migwiz.engine.schema.verify import verify as run_verify

    report = run_verify(
        ctx.dsn, ctx.migration_set(), shadow_dsn=shadow_dsn, schema=ctx.settings.schema,
        ignore=ctx.settings.drift_ignore, skip_drift=no_drift,
        baseline=() if no_drift else ctx.baseline(ctx.dsn), snapshots=ctx.settings.snapshots,
    )  # fmt: skip
    if ctx.json:
        output.emit_json(report.to_json())
    else:
        print_verify(report)
    sys.exit(0 if report.ok else 1)


@cli.command("baseline")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, exists=True, dir_okay=False))
@common_options
def baseline_command(ctx: Context, files: tuple[Path, ...]) -> None:
    """Record FILES (in order) as the schema before the first migration, or show the recorded baseline.

    drift, verify, test-rollback, ci and the wizard start their shadow databases from it without flags.
    """
    from migwiz.console import output
    from migwiz.engine.history.baseline import read_baseline, record_baseline
    from migwiz.engine.servers.connect import connect

    with connect(ctx.dsn, autocommit=True, purpose="baseline") as conn:
        if files:
            record_baseline(conn, files, ctx.settings.schema)
        recorded = read_baseline(conn, ctx.settings.schema)
    if ctx.json:
        output.emit_json({"baseline": [{"name": b.name, "bytes": len(b.sql.encode())} for b in recorded]})
        return
    if not recorded:
        output.stdout.print("no baseline recorded: shadow databases start empty", markup=False)
        return
    verb = "recorded" if files else "baseline"
    for b in recorded:
        output.stdout.print(f"{verb}: {b.name} ({len(b.sql.encode())} bytes)", markup=False, highlight=False)


# -- ci / adopt -------------------------------------------------------------------------------------------

ADOPT_TOOLS = ("golang-migrate", "dbmate", "flyway", "diesel", "sqitch", "prisma", "sqlx")


@cli.command("ci")
@click.option("--sarif-file", type=click.Path(path_type=Path), help="Write lint findings (SARIF 2.1.0) here.")
@click.option("--junit-file", type=click.Path(path_type=Path), help="Write rollback results (JUnit) here.")
@click.option(
    "--summary-file",
    type=click.Path(path_type=Path),
    help="Write the Markdown summary here (default: append to $GITHUB_STEP_SUMMARY when set).",
)
@click.option("--shadow-dsn", help="A server where migwiz may create and drop scratch databases.")
@click.option("--embedded", is_flag=True, help="Start an embedded PostgreSQL for the rollback test.")
@click.option("--pg-version", type=click.IntRange(11, 18), help="Embedded server / analysis major version.")
@click.option("--drift-dsn", help="Also check this database for drift from its applied migrations.")
@click.option("--plan-dsn", help="Also plan the pending migrations against this (staging) database.")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "none"]),
    default="error",
    show_default=True,
    help="Lint severity that fails the run (none: report only).",
)
@click.option(
    "--plan-fail-on",
    type=click.Choice(["dangerous", "quiet_window", "none"]),
    default="dangerous",
    show_default=True,
    help="Plan verdict that fails the run (none: report only).",
)
@click.option(
    "--base-sql",
    multiple=True,
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    hidden=True,
    help="Deprecated: the same as --baseline.",
)
@click.option(
    "--details-file",
    type=click.Path(path_type=Path),
    help="Write the full report (every difference) here; the summary links to it when it is cut short.",
)
@click.option("--details-url", help="Link to the details file in the summary (e.g. the CI artifact's URL).")
@click.option("--no-rollback", is_flag=True, help="Skip the rollback test.")
@rollback_test_options
@common_options
def ci_command(
    ctx: Context,
    sarif_file: Path | None,
    junit_file: Path | None,
    summary_file: Path | None,
    shadow_dsn: str | None,
    embedded: bool,
    pg_version: int | None,
    drift_dsn: str | None,
    plan_dsn: str | None,
    fail_on: str,
    plan_fail_on: str,
    base_sql: tuple[Path, ...],
    details_file: Path | None,
    details_url: str | None,
    no_rollback: bool,
    ignore_column_order: bool,
    ignore_volatile: bool,
    no_snapshots: bool,
) -> None:
    """Pipeline checks: lint (SARIF), rollback test on a shadow (JUnit), drift, plan, Markdown summary.

    Exit 0 when every gate passes, 1 when a gate fails, 2 on a usage or connection error. See docs/ci.md.
    """
    import json

    from migwiz.console import output
    from migwiz.console.ci_report import render_details, render_markdown
    from migwiz.engine.analysis import lint_report_sarif
    from migwiz.engine.ci import junit_error, run_ci
    from migwiz.engine.servers.connect import scrub

    if shadow_dsn and embedded:
        raise UsageError("--shadow-dsn and --embedded cannot be combined", "pick one place for the shadow")
    if base_sql:
        output.stderr.print("migwiz: --base-sql is deprecated: use --baseline", markup=False, style="dim")
    report = run_ci(
        ctx.migration_set(), shadow_dsn=shadow_dsn, embedded=embedded, pg_version=pg_version,
        drift_dsn=drift_dsn, plan_dsn=plan_dsn, fail_on=cast(Any, fail_on),
        plan_fail_on=cast(Any, plan_fail_on), rollback=not no_rollback,
        baseline=base_sql
        or ctx.baseline(drift_dsn or plan_dsn or (ctx.dsn if ctx.dsn_given else None), tolerant=True),
        schema=ctx.settings.schema,
        tolerance=_tolerance(ctx.settings, ignore_column_order, ignore_volatile),
        snapshots=ctx.settings.snapshots and not no_snapshots,
    )  # fmt: skip
    if sarif_file:
        sarif_file.parent.mkdir(parents=True, exist_ok=True)
        _write_scrubbed(sarif_file, json.dumps(lint_report_sarif(report.lint), indent=2) + "\n")
    if junit_file:
        gate = report.gate("rollback")
        junit_file.parent.mkdir(parents=True, exist_ok=True)
        if report.rollback is not None:
            _write_scrubbed(junit_file, report.rollback.to_junit())
        elif gate is not None and gate.status == "error":
            _write_scrubbed(junit_file, junit_error(gate.detail))
    if details_file:
        details_file.parent.mkdir(parents=True, exist_ok=True)
        _write_scrubbed(details_file, render_details(report))
    link = details_url or (str(details_file) if details_file else None)
    markdown = scrub(render_markdown(report, details=link))
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        summary_file.parent.mkdir(parents=True, exist_ok=True)
        _write_scrubbed(summary_file, markdown)
    elif step_summary:
        _write_scrubbed(Path(step_summary), markdown, append=True)
    if ctx.json:
        output.emit_json(report.to_json())
    else:
        output.stdout.print(markdown, markup=False, highlight=False)
    sys.exit(report.exit_code)


@cli.command()
@click.option("--from", "tool", required=True, type=click.Choice(ADOPT_TOOLS), help="The tool to adopt from.")
@click.option("--table", help="Its history table as schema.table, when there are several.")
@click.option("--dry-run", is_flag=True, help="Show what would be imported; write nothing.")
@common_options
def adopt(ctx: Context, tool: str, table: str | None, dry_run: bool) -> None:
    """Import another tool's migration history into migwiz's; the tool's own table is left untouched."""
    from migwiz.console import output
    from migwiz.console.adopt_view import print_adopt
    from migwiz.engine.adopt import adopt as adopt_history

    report = adopt_history(
        ctx.dsn, ctx.migration_set(), tool, schema=ctx.settings.schema, table=table, dry_run=dry_run,
        log_file=ctx.settings.log_file,
    )  # fmt: skip
    if ctx.settings.baseline and not dry_run:  # an adopted database knows its baseline from now on
        from migwiz.engine.history.baseline import read_baseline, record_baseline
        from migwiz.engine.servers.connect import connect

        with connect(ctx.dsn, autocommit=True, purpose="baseline") as conn:
            if not read_baseline(conn, ctx.settings.schema):
                record_baseline(conn, ctx.settings.baseline, ctx.settings.schema)
    if ctx.json:
        output.emit_json(report.to_json())
    else:
        print_adopt(report)


# -- dry-run ----------------------------------------------------------------------------------------------


@cli.command("dry-run")
@click.option("--to", "to", callback=version_flag, help="Dry-run up to and including this version.")
@click.option("--shadow-dsn", help="An empty database (e.g. on another server) to use as the shadow.")
@click.option(
    "--sample-rows",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Copy up to N rows of every table the pending migrations touch (data-dependent failures show).",
)
@click.option("--allow-irreversible", is_flag=True, help="Include migrations that have no down script.")
@click.option(
    "--allow-out-of-order", is_flag=True, help="Include a pending migration older than an applied one."
)
@click.option("--lock-timeout", help="lock_timeout per statement, e.g. 2s (default 2s).")
@click.option("--statement-timeout", help="statement_timeout per statement, e.g. 10min.")
@common_options
def dry_run_command(
    ctx: Context,
    to: str | None,
    shadow_dsn: str | None,
    sample_rows: int,
    allow_irreversible: bool,
    allow_out_of_order: bool,
    lock_timeout: str | None,
    statement_timeout: str | None,
) -> None:
    """Apply the pending migrations to a shadow copy of the database and report every statement.

    Nothing is written to the database except its central log. Exit 0 when every statement would run,
    1 when one would fail.
    """
    from migwiz.console import output
    from migwiz.console.dryrun import render_dry_run
    from migwiz.engine import commands

    policy = _policy(
        ctx, ExecutionFlags.timeouts_only(lock_timeout, statement_timeout),
        allow_irreversible=allow_irreversible, allow_out_of_order=allow_out_of_order,
    )  # fmt: skip
    mset = ctx.migration_set()
    report = commands.dry_run(
        ctx.dsn, mset, shadow_dsn=shadow_dsn, sample_rows=sample_rows,
        to=mset.version(to) if to else None, schema=ctx.settings.schema, policy=policy,
        log_file=ctx.settings.log_file,
    )  # fmt: skip
    if ctx.json:
        output.emit_json(report.to_json())
    else:
        output.stdout.print(render_dry_run(report))
    sys.exit(0 if report.ok else 1)


# -- backfill / new: expand → backfill → contract -------------------------------------------------------


@cli.group()
def backfill() -> None:
    """Look at, pause, resume or retune a running backfill, from any terminal."""


def _control_backfill(ctx: Context, backfill_id: str | None, **changes: Any) -> None:
    from migwiz.console import output
    from migwiz.console.backfill import describe_control
    from migwiz.engine.backfill import control_backfill

    chosen, control = control_backfill(ctx.dsn, ctx.settings.schema, backfill_id, **changes)
    if ctx.json:
        output.emit_json({"id": chosen, **control.__dict__})
        return
    said = describe_control(control) or "running, no overrides"
    output.stdout.print(f"backfill {chosen}: {said} (from its next batch)", markup=False)


@backfill.command("status")
@common_options
def backfill_status_command(ctx: Context) -> None:
    """Every backfill in this database: rows done, rate, ETA, batch size and the operator's settings."""
    from migwiz.console import output
    from migwiz.console.backfill import print_backfills
    from migwiz.engine.backfill import backfill_status

    statuses = backfill_status(ctx.dsn, ctx.settings.schema)
    if ctx.json:
        output.emit_json({"backfills": [s.to_json() for s in statuses]})
    else:
        print_backfills(statuses)


@backfill.command("pause")
@click.option("--id", "backfill_id", help="The backfill (its migration version); default: the one running.")
@common_options
def backfill_pause(ctx: Context, backfill_id: str | None) -> None:
    """Pause a running backfill after its current batch (it keeps its place)."""
    _control_backfill(ctx, backfill_id, paused=True)


@backfill.command("resume")
@click.option("--id", "backfill_id", help="The backfill (its migration version); default: the one running.")
@common_options
def backfill_resume(ctx: Context, backfill_id: str | None) -> None:
    """Let a paused backfill go on."""
    _control_backfill(ctx, backfill_id, paused=False)


@backfill.command("tune")
@click.option("--id", "backfill_id", help="The backfill (its migration version); default: the one running.")
@click.option("--batch-size", type=click.IntRange(min=1), help="Rows per batch (stops the adaptive sizing).")
@click.option("--max-rate", type=click.FloatRange(min=1), help="At most this many rows per second.")
@click.option("--target", help="Target batch duration, e.g. 100ms.")
@click.option("--workers", type=click.IntRange(min=1, max=16), help="Workers taking key ranges at once.")
@click.option("--reset", is_flag=True, help="Forget earlier tuning first (back to adaptive sizing).")
@common_options
def backfill_tune(
    ctx: Context,
    backfill_id: str | None,
    batch_size: int | None,
    max_rate: float | None,
    target: str | None,
    workers: int | None,
    reset: bool,
) -> None:
    """Retune a running backfill (or one about to run, with --id): batch size, max rate, target batch
    duration, workers."""
    target_ms = parse_duration_flag(target, "--target") if target else None
    _control_backfill(
        ctx,
        backfill_id,
        batch_size=batch_size,
        max_rate=max_rate,
        target_ms=target_ms,
        workers=workers,
        clear=reset,
    )


@cli.group("new")
def new_group() -> None:
    """Write an expand / backfill / contract migration set for a common unsafe change."""


def _new(ctx: Context, recipe: str, **args: Any) -> None:
    from migwiz.console import output
    from migwiz.console.backfill import print_written
    from migwiz.engine.recipes import new_recipe

    folder = ctx.settings.migrations_dir or Path("migrations")
    written = new_recipe(folder, recipe, {k: (str(v) if v else None) for k, v in args.items()})
    if ctx.json:
        output.emit_json({"recipe": recipe, "written": [str(p) for p in written]})
    else:
        print_written(written)


@new_group.command("change-type")
@click.argument("table")
@click.argument("column")
@click.option("--from", "from_type", required=True, help="The column's current type.")
@click.option("--to", "to_type", required=True, help="The new type.")
@click.option("--using", help="Expression converting the old value (in terms of COLUMN).")
@click.option("--back", help="Expression converting back, for the rollback (in terms of COLUMN).")
@common_options
def new_change_type(ctx: Context, **args: Any) -> None:
    """Change TABLE.COLUMN's type through a new column kept in step by a trigger."""
    _new(ctx, "change-type", **args)


@new_group.command("rename-column")
@click.argument("table")
@click.argument("column")
@click.argument("new_name")
@click.option("--type", "type", required=True, help="The column's type.")
@common_options
def new_rename_column(ctx: Context, **args: Any) -> None:
    """Rename TABLE.COLUMN to NEW_NAME, both names kept in step while old and new code run."""
    _new(ctx, "rename-column", **args)


@new_group.command("add-not-null")
@click.argument("table")
@click.argument("column")
@click.option("--fill", required=True, help="Expression for rows where COLUMN is NULL, e.g. 0 or 'none'.")
@common_options
def new_add_not_null(ctx: Context, **args: Any) -> None:
    """Fill the NULLs of TABLE.COLUMN, then make it NOT NULL without a blocking scan."""
    _new(ctx, "add-not-null", **args)


@new_group.command("add-foreign-key")
@click.argument("table")
@click.argument("column")
@click.argument("ref_table")
@click.option("--ref-column", default="id", show_default=True)
@click.option("--name", help="Constraint name (default TABLE_COLUMN_fkey).")
@click.option("--null-orphans", is_flag=True, help="Add a backfill setting references to nowhere to NULL.")
@common_options
def new_add_foreign_key(ctx: Context, **args: Any) -> None:
    """Add a foreign key TABLE.COLUMN -> REF_TABLE: NOT VALID first, VALIDATE in the contract."""
    _new(ctx, "add-foreign-key", **args)


@new_group.command("add-unique")
@click.argument("table")
@click.argument("columns")
@click.option("--name", help="Index and constraint name (default TABLE_COLUMNS_key).")
@common_options
def new_add_unique(ctx: Context, **args: Any) -> None:
    """Make COLUMNS (comma-separated) of TABLE unique: index CONCURRENTLY, then attach it."""
    _new(ctx, "add-unique", **args)


@new_group.command("split-column")
@click.argument("table")
@click.argument("column")
@click.option("--first", required=True, help="First new column.")
@click.option("--first-expr", required=True, help="Its value, from COLUMN.")
@click.option("--first-type", default="text", show_default=True)
@click.option("--second", required=True, help="Second new column.")
@click.option("--second-expr", required=True, help="Its value, from COLUMN.")
@click.option("--second-type", default="text", show_default=True)
@click.option("--join", required=True, help="COLUMN again from the two, for the rollback.")
@click.option("--column-type", default="text", show_default=True, help="COLUMN's type, for the rollback.")
@common_options
def new_split_column(ctx: Context, **args: Any) -> None:
    """Split TABLE.COLUMN into two columns kept in step by a trigger."""
    _new(ctx, "split-column", **args)


# -- demo --------------------------------------------------------------------------------------------------


@cli.command()
@click.option("--keep", is_flag=True, help="Leave the server running and print its DSN (reused next time).")
@click.option(
    "--rows",
    type=click.IntRange(min=1000),
    default=1_000_000,
    show_default=True,
    help="Rows in the big orders table.",
)
@click.option("--no-workload", is_flag=True, help="Do not start the background workload.")
@click.option("--pg", "major", type=int, help="PostgreSQL major version (default: newest embedded).")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
def demo(keep: bool, rows: int, no_workload: bool, major: int | None, debug: bool) -> None:
    """Start an embedded server with a demo database and migration set, and show how to try it."""
    from migwiz.console import output
    from migwiz.demo.session import DemoStopped, demo_commands, start_demo, stop_on_signals

    def progress(step: str, fraction: float) -> None:
        from migwiz.console import output

        output.stderr.print(f"  {step} {fraction:4.0%}", markup=False, highlight=False)

    stop_on_signals()  # SIGTERM / SIGHUP end the demo as Ctrl-C does: server stopped, folder deleted
    try:
        output.stderr.print("starting the demo server and building the shop database...", markup=False)
        session = start_demo(keep=keep, rows=rows, workload=not no_workload, major=major, progress=progress)
    except MigwizError as exc:
        _fail(exc, debug)
        return
    except DemoStopped:
        sys.exit(1)
    lines = [
        f"demo database: {session.dsn}  (PostgreSQL {session.server.major})",
        f"demo migrations: {session.migrations_dir}",
        "try it:",
        *(f"  {line}" for line in demo_commands(session.dsn, session.migrations_dir)),
    ]
    output.stdout.print("\n".join(lines), markup=False, highlight=False)
    if keep:
        session.stop()
        output.stdout.print(
            f"the server keeps running; stop it with:\n  {session.server.stop_command()}",
            markup=False,
            highlight=False,
        )
        return
    signalled = False
    try:
        if sys.stdin.isatty() and sys.stdout.isatty():
            from migwiz.engine.config import load_settings as _settings
            from migwiz.tui.launch import run_wizard

            settings = _settings(dir_flag=session.migrations_dir)
            run_wizard(session.dsn, settings, demo=True, before_exit=session.stop)
            return
        running = "the server and the workload are running" if session.workload else "the server is running"
        output.stdout.print(f"{running}; press Ctrl-C to stop the demo", markup=False)
        import time

        while True:
            time.sleep(1)
    except DemoStopped:
        signalled = True
    except KeyboardInterrupt:
        pass
    finally:
        session.stop()
    if signalled:
        sys.exit(1)
