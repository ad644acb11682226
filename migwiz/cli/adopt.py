"""`adopt`, `baseline` and `new`: bringing a database and its migration folder under migwiz."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from migwiz.cli.common import Context, common_options

ADOPT_TOOLS = ("golang-migrate", "dbmate", "flyway", "diesel", "sqitch", "prisma", "sqlx")


@click.command()
@click.option("--from", "tool", required=True, type=click.Choice(ADOPT_TOOLS), help="The tool to adopt from.")
@click.option("--table", help="Its history table as schema.table, when there are several.")
@click.option("--dry-run", is_flag=True, help="Show what would be imported; write nothing.")
@common_options
def adopt(ctx: Context, tool: str, table: str | None, dry_run: bool) -> None:
    """Import another tool's migration history into migwiz's; the tool's own table is left untouched."""
    from migwiz.console import output
    from migwiz.console.adopt_view import print_adopt
    from migwiz.engine import commands

    report = commands.adopt(ctx.project, tool, table=table, dry_run=dry_run)
    if ctx.json:
        output.emit_json(report.to_json())
    else:
        print_adopt(report)


@click.command("baseline")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, exists=True, dir_okay=False))
@common_options
def baseline_command(ctx: Context, files: tuple[Path, ...]) -> None:
    """Record FILES (in order) as the schema before the first migration, or show the recorded baseline.

    drift, verify, test-rollback, ci and the wizard start their shadow databases from it without flags.
    """
    from migwiz.console import output
    from migwiz.engine import commands

    recorded = commands.baseline(ctx.project, files)
    if ctx.json:
        output.emit_json({"baseline": [{"name": b.name, "bytes": len(b.sql.encode())} for b in recorded]})
        return
    if not recorded:
        output.stdout.print("no baseline recorded: shadow databases start empty", markup=False)
        return
    verb = "recorded" if files else "baseline"
    for b in recorded:
        output.stdout.print(f"{verb}: {b.name} ({len(b.sql.encode())} bytes)", markup=False, highlight=False)


@click.group("new")
def new_group() -> None:
    """Write an expand / backfill / contract migration set for a common unsafe change."""


def _new(ctx: Context, recipe: str, **args: Any) -> None:
    from migwiz.console import output
    from migwiz.console.backfill import print_written
    from migwiz.engine.commands import new_recipe

    written = new_recipe(ctx.project, recipe, {k: (str(v) if v else None) for k, v in args.items()})
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
