"""`migwiz fleet ...`: one migration set across many databases and tenant schemas (docs/fleet.md).

Imports of the engine and the console stay inside the commands: `migwiz --help` loads none of them.
"""

from __future__ import annotations

import copy
import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from migwiz.cli.common import ExecutionFlags, common_options, execution_options, policy
from migwiz.cli_params import version_flag
from migwiz.console.failures import fail as _fail
from migwiz.engine.errors import MigwizError

if TYPE_CHECKING:
    from migwiz.cli.common import Context
    from migwiz.engine.types import Fleet, FleetEvent

F = TypeVar("F", bound=Callable[..., Any])


class FleetContext:
    """What every fleet command shares: the fleet file, the set, the settings, output mode."""

    def __init__(self, ctx: Context, fleet_path: Path | None) -> None:
        from migwiz.engine.commands import load_fleet

        self.ctx = ctx
        self.json = ctx.json
        self.settings = ctx.settings
        self.fleet: Fleet = load_fleet(fleet_path, schema=ctx.settings.schema)
        self.flags: ExecutionFlags | None = None
        self.wizard = False


def fleet_options(func: F) -> F:
    """--fleet, and the shared options (--dir, --schema, --json, ...) with one-line errors."""

    @click.option(
        "--fleet", "fleet_path", type=click.Path(path_type=Path), help="Fleet file (default: found)."
    )
    @functools.wraps(func)
    def wrapper(ctx: Context, fleet_path: Path | None, **kwargs: Any) -> Any:
        try:
            return func(FleetContext(ctx, fleet_path), **kwargs)
        except MigwizError as exc:
            _fail(exc, ctx.debug, ctx.json)

    return common_options(wrapper)  # type: ignore[return-value]


@click.group("fleet")
def fleet() -> None:
    """Roll one migration set out across many databases and tenant schemas, in waves."""


@fleet.command("targets")
@fleet_options
def targets_command(fc: FleetContext) -> None:
    """List the fleet's targets (listing queries run now) and their labels."""
    from migwiz.console import output

    rows = [t.to_json() for t in fc.fleet.targets()]
    if fc.json:
        output.emit_json({"targets": rows})
        return
    t = output.table("target", "history schema", "labels")
    for row in rows:
        t.add_row(row["name"], row["schema"], ", ".join(f"{k}={v}" for k, v in row["labels"].items()))
    output.stdout.print(t)
    output.stdout.print(f"{len(rows)} targets in {fc.fleet.path}", markup=False)


@fleet.command("status")
@click.option(
    "--concurrency", type=click.IntRange(min=1), help="Targets read at once (default: the fleet's)."
)
@fleet_options
def status_command(fc: FleetContext, concurrency: int | None) -> None:
    """Matrix of targets x versions: counts per version and state, identical targets grouped (failed and
    running first), the full grid with --json. Exit 1 unless every target is in step."""
    from migwiz.console import output
    from migwiz.engine.commands import fleet_status, read_fleet_progress

    mset = fc.ctx.migration_set()
    matrix = fleet_status(fc.fleet.targets(), mset, concurrency=concurrency or fc.fleet.concurrency)
    last = read_fleet_progress(fc.fleet.state_file)
    if fc.json:
        output.emit_json({**matrix.to_json(), "last_fleet_run": last.to_json() if last else None})
    else:
        from migwiz.console.fleet_reports import rollout_lines, status_lines

        for text, style in status_lines(matrix, width=output.stdout.width):
            output.stdout.print(text, markup=False, style=style, highlight=False, overflow="ellipsis",
                                no_wrap=True)  # fmt: skip
        for text, style in rollout_lines(last):  # an error is read whole
            output.stdout.print(text, markup=False, style=style, highlight=False)
        for name, error in matrix.unreachable:
            output.stderr.print(f"unreachable: {name}: {error}", markup=False, style="red")
    sys.exit(0 if matrix.in_step == matrix.targets else 1)


@fleet.command("plan")
@click.option(
    "--concurrency", type=click.IntRange(min=1), help="Targets planned at once (default: the fleet's)."
)
@fleet_options
def plan_command(fc: FleetContext, concurrency: int | None) -> None:
    """Plan the pending migrations at every target: the worst verdict, and where. Exit 1 unless all safe."""
    from migwiz.console import output
    from migwiz.engine.commands import fleet_plan

    run_policy = policy(fc.ctx, ExecutionFlags.timeouts_only(None, None))
    result = fleet_plan(fc.fleet.targets(), fc.ctx.migration_set(), run_policy,
                        concurrency=concurrency or fc.fleet.concurrency)  # fmt: skip
    if fc.json:
        output.emit_json(result.to_json())
    else:
        counts = ", ".join(f"{n} {v}" for v, n in sorted(result.verdicts.items()))
        output.stdout.print(
            f"{result.targets} targets, {result.pending} pending migrations: {counts}", markup=False
        )
        for item in result.where:
            output.stdout.print(f"{result.worst}: {place_text(item)}", markup=False, highlight=False)
        for name, error in result.unreadable:
            output.stderr.print(f"unreadable: {name}: {error}", markup=False, style="red")
        output.stdout.print(f"worst verdict: {result.worst}", markup=False)
    sys.exit(0 if result.worst == "safe" and not result.unreadable else 1)


def place_text(item: dict[str, Any]) -> str:
    """`eu/shop_7 3 rewrite line 1: AccessExclusiveLock on public.users (rewrite) ~2 s: reasons`."""
    from migwiz.engine.humanize import duration

    where = f"{item['target']} {item['version']} {item['name']}"
    if item.get("line"):
        where += f" line {item['line']}"
    if item.get("lock") and item.get("relation"):
        rewrite = " (rewrite)" if item["relation"] in item.get("rewrites", []) else ""
        where += f": {item['lock']} on {item['relation']}{rewrite}, held ~{duration(item['hold_s'])}"
    return f"{where}: {'; '.join(item['reasons'])}" if item["reasons"] else where


@fleet.command("drift")
@click.option(
    "--concurrency", type=click.IntRange(min=1), help="Targets read at once (default: the fleet's)."
)
@click.option(
    "--shadow-dsn", help="An empty database for the replay (default: made on the first target's server)."
)
@fleet_options
def drift_command(fc: FleetContext, concurrency: int | None, shadow_dsn: str | None) -> None:
    """Which targets diverge from the set (its files replayed once on a shadow database) and from each
    other (identical targets grouped). Exit 1 on any divergence."""
    from migwiz.console import output
    from migwiz.console.fleet_reports import drift_lines

    result = _drift(fc, concurrency, shadow_dsn)
    if fc.json:
        output.emit_json(result.to_json())
    else:
        for text, style in drift_lines(result):
            output.stdout.print(text, markup=False, style=style, highlight=False)
        for name, error in result.unreadable:
            output.stderr.print(f"unreadable: {name}: {error}", markup=False, style="red")
    sys.exit(1 if result.drifted else 0)


def _drift(fc: FleetContext, concurrency: int | None, shadow_dsn: str | None) -> Any:
    from migwiz.engine.commands import fleet_drift

    return fleet_drift(
        fc.fleet.targets, fc.ctx.migration_set(), concurrency=concurrency or fc.fleet.concurrency,
        shadow_dsn=shadow_dsn, baseline=fc.settings.baseline, snapshots=fc.settings.snapshots,
    )  # fmt: skip


@fleet.command("verify")
@click.option("--concurrency", type=click.IntRange(min=1), help="Databases checked at once.")
@fleet_options
def verify_command(fc: FleetContext, concurrency: int | None) -> None:
    """`verify`'s catalog checks once per database of the fleet (no shadow replay). Exit 1 on a failure."""
    from migwiz.console import output
    from migwiz.engine.commands import fleet_verify

    result = fleet_verify(fc.fleet.targets(), fc.ctx.migration_set(),
                          concurrency=concurrency or fc.fleet.concurrency)  # fmt: skip
    if fc.json:
        output.emit_json(result.to_json())
    else:
        for p in result.problems:
            style = "red" if p["status"] == "fail" else "yellow"
            output.stdout.print(f"{p['status']}: {p['target']}: {p['check']}: {p['sentence']}", markup=False,
                                style=style)  # fmt: skip
        output.stdout.print(f"{result.databases} database(s) checked, {result.passed} passed every check",
                            markup=False)  # fmt: skip
    sys.exit(0 if result.ok else 1)


def _ci_alias() -> click.Command:
    """`migwiz fleet ci`: `migwiz ci --fleet`, the fleet file found unless --fleet names it."""
    from migwiz.cli.shadow import ci_command

    params = [copy.copy(param) for param in ci_command.params]  # copies: `ci`'s own stay as they are
    for param in params:
        if param.name == "fleet_path":
            param.default = ""
    return click.Command("ci", callback=ci_command.callback, params=params,
                         help="The same as `migwiz ci --fleet`: lint, rollback test, and drift and plan"
                              " over every target of the fleet, in one summary.")  # fmt: skip


fleet.add_command(_ci_alias())


def _rollout_options(func: F) -> F:
    options = [
        click.option(
            "--concurrency", type=click.IntRange(min=1), help="Targets at once (default: the fleet's)."
        ),
        click.option(
            "--new-run", is_flag=True, help="Start a new fleet run instead of resuming the open one."
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@fleet.command("up")
@click.option("--to", "to", callback=version_flag, help="Apply up to and including this version.")
@click.option(
    "--wizard", "wizard", is_flag=True, help="Follow the rollout on the fleet screen (pause/stop keys)."
)
@click.option("--allow-irreversible", is_flag=True, help="Apply migrations that have no down script.")
@_rollout_options
@fleet_options
@execution_options
def up_command(
    fc: FleetContext,
    flags: ExecutionFlags,
    to: str | None,
    allow_irreversible: bool,
    concurrency: int | None,
    new_run: bool,
    wizard: bool,
) -> None:
    """Apply the set to every target in waves: canaries first, then batches, within the error budget.

    Each target runs as `migwiz up` would (same lock_timeout, retries, lock-queue guard, migration lock).
    Killed or stopped, the next `fleet up` resumes the same fleet run.
    """
    fc.flags = flags
    fc.wizard = wizard and sys.stdin.isatty() and sys.stdout.isatty()
    run_policy = policy(fc.ctx, flags, allow_irreversible=allow_irreversible)
    mset = fc.ctx.migration_set()
    _rollout(
        fc, "up", run_policy, mset, to=mset.version(to) if to else None, concurrency=concurrency, new=new_run
    )


@fleet.command("down")
@click.option("--to", "to", callback=version_flag, help="Revert every migration newer than this version.")
@click.option(
    "--steps", type=click.IntRange(min=1), help="Revert this many migrations per target (default 1)."
)
@_rollout_options
@fleet_options
@execution_options
def down_command(
    fc: FleetContext,
    flags: ExecutionFlags,
    to: str | None,
    steps: int | None,
    concurrency: int | None,
    new_run: bool,
) -> None:
    """Revert on every target in waves (canaries first); a target already reverted in this run is skipped."""
    fc.flags = flags
    run_policy = policy(fc.ctx, flags)
    mset = fc.ctx.migration_set()
    _rollout(fc, "down", run_policy, mset, to=mset.version(to) if to else None, steps=steps,
             concurrency=concurrency, new=new_run)  # fmt: skip


def _rollout(fc: FleetContext, command: str, run_policy: Any, mset: Any, *, new: bool, **kwargs: Any) -> None:
    import signal

    from migwiz.cli.common import parse_duration_flag
    from migwiz.console import output
    from migwiz.engine.commands import FleetControl, fleet_rollout

    control = FleetControl()
    wait_ms = parse_duration_flag(fc.flags.wait, "--wait") if fc.flags and fc.flags.wait else 0
    previous = {
        sig: signal.signal(sig, lambda s, f: control.stop(f"migwiz received {signal.Signals(s).name}"))
        for sig in (signal.SIGHUP, signal.SIGTERM)
    }
    observers = [] if fc.json or fc.wizard else [_print_event]
    try:

        def run() -> Any:
            return fleet_rollout(fc.fleet, mset, run_policy, command=command, control=control,
                                 observers=observers, new_run=new, wait_ms=wait_ms,
                                 log_file=fc.settings.log_file, **kwargs)  # fmt: skip

        report = _with_screen(fc, control, run) if fc.wizard else run()
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
    if fc.json:
        output.emit_json(report.to_json())
    else:
        counts = ", ".join(f"{n} {s}" for s, n in sorted(report.counts.items())) or "no target run"
        output.stdout.print(f"fleet run {report.fleet_run}: {report.outcome_text} ({counts})", markup=False)
        for failed in report.failed:
            output.stderr.print(f"failed: {failed.target}: {failed.error or ''}", markup=False, style="red")
        if report.stopped_reason:
            output.stderr.print(f"stopped: {report.stopped_reason}", markup=False, style="yellow")
    sys.exit(0 if report.outcome == "success" else 1)


HANGUP_GRACE_S = 5.0
"""After SIGHUP and the rollout's stop, how long the fleet screen has to close before the process ends."""


def _with_screen(fc: FleetContext, control: Any, run: Callable[[], Any]) -> Any:
    """Run the rollout in a thread while the fleet screen follows it; quitting the screen stops the
    rollout at its safe points and waits for it."""
    import contextlib
    import os
    import signal
    import threading
    import time

    from migwiz.tui.fleet_app import FleetApp

    result: list[Any] = []
    failure: list[BaseException] = []

    def work() -> None:
        try:
            result.append(run())
        except BaseException as exc:
            failure.append(exc)

    thread = threading.Thread(target=work, name="migwiz-fleet-rollout")
    thread.start()
    targets = lambda: {t.name: t for t in fc.fleet.targets()}  # noqa: E731
    app = FleetApp(fc.fleet.state_file, control=control, targets=targets)
    hung_up = threading.Event()

    def on_hangup(signum: int, frame: Any) -> None:
        # the terminal went away: the rollout stops at its safe points and the screen closes; a screen stuck
        # on the dead terminal is ended once the rollout has stopped (never left running unwatched)
        control.stop("migwiz received SIGHUP")
        hung_up.set()
        with contextlib.suppress(RuntimeError):
            app.call_later(app.exit)

    def leave_after_hangup() -> None:
        hung_up.wait()
        thread.join()
        time.sleep(HANGUP_GRACE_S)
        os._exit(1)

    previous = signal.signal(signal.SIGHUP, on_hangup)
    threading.Thread(target=leave_after_hangup, name="migwiz-fleet-hangup", daemon=True).start()
    try:
        app.run()
    finally:
        signal.signal(signal.SIGHUP, previous)
    if thread.is_alive():
        control.stop("the fleet screen was closed")
        print("waiting for the running targets to reach a safe point…", file=sys.stderr)
    thread.join()
    if failure:
        raise failure[0]
    return result[0]


def _print_event(event: FleetEvent) -> None:
    """One line per wave and per target that ends (running targets are not announced one by one)."""
    from migwiz.console import output
    from migwiz.engine.commands import wave_text

    d = event.data
    if event.kind in ("run", "resume"):
        verb = "resuming" if event.kind == "resume" else "starting"
        output.stderr.print(f"{verb} fleet run {event.fleet_run} ({d['command']})", markup=False)
    elif event.kind == "wave":
        where = wave_text(d["label"], d["wave"], d.get("of", 0))
        output.stderr.print(f"{where}: {d['targets']} target(s)", markup=False, style="bold")
    elif event.kind == "pause":
        output.stderr.print(f"pausing {d['seconds']:g}s before the next wave", markup=False)
    elif event.kind == "target" and d.get("state") != "running":
        style = {"done": "green", "failed": "bold red"}.get(str(d["state"]), "yellow")
        error = f": {d['error']}" if d.get("error") else ""
        output.stderr.print(f"  {d['target']}: {d['state']}, {d['applied']} applied{error}",
                            markup=False, style=style)  # fmt: skip


@fleet.command("watch")
@click.option("--follow/--no-follow", default=True, help="Keep reading as the rollout goes on (default).")
@fleet_options
def watch_command(fc: FleetContext, follow: bool) -> None:
    """Follow the open (or last) fleet run from another terminal: counts, running and failed targets.

    On a terminal this opens the fleet screen (Enter shows a target's lock waits); otherwise, or with
    --no-follow or --json, it prints one line per change.
    """
    if follow and not fc.json and sys.stdin.isatty() and sys.stdout.isatty():
        from migwiz.tui.fleet_app import FleetApp

        FleetApp(fc.fleet.state_file, targets=lambda: {t.name: t for t in fc.fleet.targets()}).run()
        return
    from migwiz.console.fleet_view import watch_state

    watch_state(fc.fleet.state_file, follow=follow, json_output=fc.json)


@fleet.command("log")
@click.argument("fleet_run")
@click.option(
    "--limit", type=click.IntRange(min=1), default=2000, show_default=True, help="Events per target."
)
@fleet_options
def log_command(fc: FleetContext, fleet_run: str, limit: int) -> None:
    """Every event of one fleet run (an id prefix is enough), gathered from each target's central log."""
    print_fleet_log(fc.ctx, fc.fleet, fleet_run, limit=limit)


def print_fleet_log(ctx: Context, fleet: Fleet | None, fleet_run: str, *, limit: int) -> None:
    """`fleet log RUN` and `log --fleet-run RUN`: the fleet run's events, target by target (`fleet`: the
    fleet file found from the working directory when None)."""
    from migwiz.console import output
    from migwiz.engine.commands import fleet_events, fleet_last_run, load_fleet

    fleet = fleet or load_fleet(schema=ctx.settings.schema)
    record = fleet_last_run(fleet.state_file, fleet_run)
    full = record.fleet_run if record else fleet_run
    rows = list(fleet_events(fleet.targets(), full, limit=limit, concurrency=fleet.concurrency))
    if ctx.json:
        output.emit_json({"fleet_run": full, "events": [{"target": t, **e.to_json()} for t, e in rows]})
        return
    for target, event in rows:
        style = output.LEVEL_STYLES.get(event.level, "")
        output.stdout.print(
            f"{event.at:%H:%M:%S} {target} {event.step}: {event.message}", markup=False, style=style
        )
    output.stdout.print(f"{len(rows)} events of fleet run {full}", markup=False)


# shared options a fleet command has no use for
_UNUSED = {"dsn", "baseline", "baseline_through", "watch", "verbose"}
for _command in fleet.commands.values():
    for _param in _command.params if _command.name != "ci" else ():  # `fleet ci` is `ci --fleet`, as is
        if isinstance(_param, click.Option) and _param.name in _UNUSED:
            _param.hidden = True
