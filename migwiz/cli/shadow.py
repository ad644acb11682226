"""`dry-run`, `test-rollback`, `ci`: the commands that work on shadow databases."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, cast

import click

from migwiz.cli.common import Context, ExecutionFlags, common_options, rollback_test_options
from migwiz.cli.common import policy as make_policy
from migwiz.cli_params import version_flag
from migwiz.console.failures import write_scrubbed
from migwiz.engine.errors import UsageError


@click.command("dry-run")
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

    policy = make_policy(
        ctx, ExecutionFlags.timeouts_only(lock_timeout, statement_timeout),
        allow_irreversible=allow_irreversible, allow_out_of_order=allow_out_of_order,
    )  # fmt: skip
    mset = ctx.migration_set()
    report = commands.dry_run(
        ctx.project,
        shadow_dsn=shadow_dsn,
        sample_rows=sample_rows,
        to=mset.version(to) if to else None,
        policy=policy,
    )
    if ctx.json:
        output.emit_json(report.to_json())
    else:
        output.stdout.print(render_dry_run(report))
    sys.exit(0 if report.ok else 1)


@click.command("test-rollback")
@click.argument("versions", nargs=-1)
@click.option("--all", "all_", is_flag=True, help="Test every migration (the default).")
@click.option("--pending", is_flag=True, help="Start from the target's schema and test only pending ones.")
@click.option(
    "--shadow-dsn", help="An empty database to test in (default: a throw-away one on --dsn's server)."
)
@click.option(
    "--junit",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write JUnit XML here (one test per migration).",
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
    from migwiz.engine import commands

    if sum([all_, pending, bool(versions)]) > 1:
        raise click.UsageError("choose one of --all, --pending or VERSION...")
    report = commands.prove_rollback(
        ctx.project,
        shadow_dsn=shadow_dsn,
        versions=versions,
        pending=pending,
        with_data=with_data,
        tolerance=ctx.project.tolerance(
            ignore_column_order=ignore_column_order, ignore_volatile=ignore_volatile
        ),
        snapshots=not no_snapshots,
    )
    if junit is not None:
        write_scrubbed(junit, report.to_junit())
    if ctx.json:
        output.emit_json(report.to_json())
    else:
        print_rollback(report)
    sys.exit(0 if report.ok else 1)


@click.command("ci")
@click.option(
    "--sarif-file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write lint findings (SARIF 2.1.0) here.",
)
@click.option(
    "--junit-file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write rollback results (JUnit) here.",
)
@click.option(
    "--summary-file",
    type=click.Path(path_type=Path, dir_okay=False),
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
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the full report (every difference) here; the summary links to it when it is cut short.",
)
@click.option("--details-url", help="Link to the details file in the summary (e.g. the CI artifact's URL).")
@click.option("--no-rollback", is_flag=True, help="Skip the rollback test.")
@click.option(
    "--fleet",
    "fleet_path",
    is_flag=False,
    flag_value="",
    default=None,
    metavar="[PATH]",
    help="Drift and plan gates over every target of the fleet (its file found, or PATH); see docs/fleet.md.",
)
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
    fleet_path: str | None = None,
) -> None:
    """Pipeline checks: lint (SARIF), rollback test on a shadow (JUnit), drift, plan, Markdown summary.

    Exit 0 when every gate passes, 1 when a gate fails, 2 on a usage or connection error. See docs/ci.md.
    """
    import json

    from migwiz.console import output
    from migwiz.console.ci_report import render_details, render_markdown
    from migwiz.engine import commands

    if shadow_dsn and embedded:
        raise UsageError("--shadow-dsn and --embedded cannot be combined", "pick one place for the shadow")
    if base_sql:
        output.stderr.print("migwiz: --base-sql is deprecated: use --baseline", markup=False, style="dim")
    if fleet_path is not None and (drift_dsn or plan_dsn):
        raise UsageError(
            "--fleet cannot be combined with --drift-dsn or --plan-dsn",
            "one of them: a fleet or one database",
        )
    project = ctx.project
    report = commands.run_ci(
        project, shadow_dsn=shadow_dsn, embedded=embedded, pg_version=pg_version,
        drift_dsn=drift_dsn, plan_dsn=plan_dsn, fail_on=cast(Any, fail_on),
        plan_fail_on=cast(Any, plan_fail_on), rollback=not no_rollback,
        baseline=base_sql
        or project.baseline(drift_dsn or plan_dsn or (ctx.dsn if ctx.dsn_given else None), tolerant=True),
        tolerance=project.tolerance(ignore_column_order=ignore_column_order, ignore_volatile=ignore_volatile),
        snapshots=ctx.settings.snapshots and not no_snapshots,
    )  # fmt: skip
    fleet = None
    if fleet_path is not None:  # the fleet's drift and plan gates in place of the single database's
        from migwiz.cli.fleet_ci import fleet_gates

        fleet = fleet_gates(ctx, report, fleet_path, plan_fail_on, shadow_dsn)
    if sarif_file:
        sarif_file.parent.mkdir(parents=True, exist_ok=True)
        write_scrubbed(sarif_file, json.dumps(commands.lint_sarif(report.lint), indent=2) + "\n")
    if junit_file:
        gate = report.gate("rollback")
        junit_file.parent.mkdir(parents=True, exist_ok=True)
        if fleet is not None:
            write_scrubbed(
                junit_file, fleet.to_junit(report.rollback.to_junit() if report.rollback else None)
            )
        elif report.rollback is not None:
            write_scrubbed(junit_file, report.rollback.to_junit())
        elif gate is not None and gate.status == "error":
            write_scrubbed(junit_file, commands.junit_error(gate.detail))
    if details_file:
        details_file.parent.mkdir(parents=True, exist_ok=True)
        details = render_details(report)
        write_scrubbed(details_file, fleet.summary(details) if fleet else details)
    link = details_url or (str(details_file) if details_file else None)
    markdown = render_markdown(report, details=link)
    markdown = commands.scrub(fleet.summary(markdown) if fleet else markdown)
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        summary_file.parent.mkdir(parents=True, exist_ok=True)
        write_scrubbed(summary_file, markdown)
    elif step_summary:
        write_scrubbed(Path(step_summary), markdown, append=True)
    if ctx.json:
        output.emit_json({**report.to_json(), **({"fleet": fleet.to_json()} if fleet else {})})
    else:
        output.stdout.print(markdown, markup=False, highlight=False)
    sys.exit(report.exit_code)
