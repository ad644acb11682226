"""The recipes: for each common unsafe change, the expand / backfill / contract migrations that make it
without downtime. Each recipe turns its arguments into template values and the phases it needs."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from migwiz.engine.errors import UsageError
from migwiz.engine.recipes.render import fill, ident, object_name, slug, template
from migwiz.engine.sets.model import PHASES, Phase


@dataclass(frozen=True)
class RecipeScript:
    """One generated migration: its phase, name (without version) and up/down texts."""

    phase: Phase
    name: str
    up: str
    down: str


@dataclass(frozen=True)
class Recipe:
    """A recipe: its id, a one-line summary, and how to build its migrations."""

    id: str
    summary: str
    build: Callable[[Mapping[str, str | None]], tuple[str, dict[str, str], tuple[Phase, ...]]]


def _need(args: Mapping[str, str | None], key: str) -> str:
    value = args.get(key)
    if not value:
        raise UsageError(f"this recipe needs {key.replace('_', '-')}")
    return value


def _change_type(args: Mapping[str, str | None]) -> tuple[str, dict[str, str], tuple[Phase, ...]]:
    table, column = _need(args, "table"), _need(args, "column")
    to_type, from_type = _need(args, "to_type"), _need(args, "from_type")
    new = object_name(column, "new")
    values = {
        "table": ident(table),
        "column": ident(column),
        "new_column": ident(new),
        "from_type": from_type,
        "to_type": to_type,
        "using": args.get("using") or f"{ident(column)}::{to_type}",
        "back": args.get("back") or f"{ident(column)}::{from_type}",
        "function": ident(object_name(table, column, "sync")),
        "trigger": ident(object_name(table, column, "sync")),
    }
    return f"{slug(table)}_{slug(column)}_to_{slug(to_type)}", values, PHASES


def _rename_column(args: Mapping[str, str | None]) -> tuple[str, dict[str, str], tuple[Phase, ...]]:
    table, column, new = _need(args, "table"), _need(args, "column"), _need(args, "new_name")
    values = {
        "table": ident(table),
        "column": ident(column),
        "new_column": ident(new),
        "type": _need(args, "type"),
        "function": ident(object_name(table, column, "rename_sync")),
        "trigger": ident(object_name(table, column, "rename_sync")),
    }
    values["sync"] = fill(template("rename-column", "sync.sql"), values).strip()
    return f"{slug(table)}_rename_{slug(column)}_to_{slug(new)}", values, PHASES


def _add_not_null(args: Mapping[str, str | None]) -> tuple[str, dict[str, str], tuple[Phase, ...]]:
    table, column = _need(args, "table"), _need(args, "column")
    values = {
        "table": ident(table),
        "column": ident(column),
        "fill": _need(args, "fill"),
        "check": ident(object_name(table, column, "not_null")),
        "function": ident(object_name(table, column, "fill")),
        "trigger": ident(object_name(table, column, "fill")),
    }
    values["sync"] = fill(template("add-not-null", "sync.sql"), values).strip()
    return f"{slug(table)}_{slug(column)}_not_null", values, PHASES


def _add_foreign_key(args: Mapping[str, str | None]) -> tuple[str, dict[str, str], tuple[Phase, ...]]:
    table, column, ref_table = _need(args, "table"), _need(args, "column"), _need(args, "ref_table")
    values = {
        "table": ident(table),
        "column": ident(column),
        "ref_table": ident(ref_table),
        "ref_column": ident(args.get("ref_column") or "id"),
        "constraint": ident(args.get("name") or object_name(table, column, "fkey")),
    }
    phases: tuple[Phase, ...] = PHASES if args.get("null_orphans") else ("expand", "contract")
    return f"{slug(table)}_{slug(column)}_fkey", values, phases


def _add_unique(args: Mapping[str, str | None]) -> tuple[str, dict[str, str], tuple[Phase, ...]]:
    table = _need(args, "table")
    columns = [c.strip() for c in _need(args, "columns").split(",") if c.strip()]
    name = args.get("name") or object_name(table, *columns, "key")
    values = {
        "table": ident(table),
        "columns": ", ".join(ident(c) for c in columns),
        "index": ident(name),
        "constraint": ident(name),
    }
    return f"{slug(table)}_{'_'.join(slug(c) for c in columns)}_unique", values, ("expand", "contract")


def _split_column(args: Mapping[str, str | None]) -> tuple[str, dict[str, str], tuple[Phase, ...]]:
    table, column = _need(args, "table"), _need(args, "column")
    first, second = _need(args, "first"), _need(args, "second")
    values = {
        "table": ident(table),
        "column": ident(column),
        "column_type": args.get("column_type") or "text",
        "first": ident(first),
        "first_type": args.get("first_type") or "text",
        "first_expr": _need(args, "first_expr"),
        "second": ident(second),
        "second_type": args.get("second_type") or "text",
        "second_expr": _need(args, "second_expr"),
        "join": _need(args, "join"),
        "function": ident(object_name(table, column, "split")),
        "trigger": ident(object_name(table, column, "split")),
    }
    values["sync"] = fill(template("split-column", "sync.sql"), values).strip()
    return f"{slug(table)}_split_{slug(column)}", values, PHASES


RECIPES: dict[str, Recipe] = {
    r.id: r
    for r in (
        Recipe("change-type", "change a column's type through a new column kept in step", _change_type),
        Recipe(
            "rename-column", "rename a column through a new column kept in step both ways", _rename_column
        ),
        Recipe("add-not-null", "fill NULLs, then SET NOT NULL backed by a validated CHECK", _add_not_null),
        Recipe("add-foreign-key", "add a foreign key NOT VALID, then VALIDATE it", _add_foreign_key),
        Recipe(
            "add-unique", "build a unique index CONCURRENTLY, then attach it as a constraint", _add_unique
        ),
        Recipe("split-column", "split a column in two, kept in step by a trigger", _split_column),
    )
}


def build_recipe(recipe_id: str, args: Mapping[str, str | None]) -> list[RecipeScript]:
    """The migrations of a recipe, in phase order (no versions yet, nothing written)."""
    recipe = RECIPES.get(recipe_id)
    if recipe is None:
        raise UsageError(f"no recipe {recipe_id!r}", f"recipes: {', '.join(RECIPES)}")
    change, values, phases = recipe.build(args)
    return [
        RecipeScript(
            phase,
            f"{change}_{phase}",
            fill(template(recipe_id, f"{phase}.up.sql"), values),
            fill(template(recipe_id, f"{phase}.down.sql"), values),
        )
        for phase in phases
    ]
