"""`migwiz new <recipe>`: expand / backfill / contract migration sets for the common unsafe changes."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from migwiz.engine.recipes.catalog import RECIPES, Recipe, RecipeScript, build_recipe
from migwiz.engine.recipes.write import next_versions, write_recipe


def new_recipe(folder: Path, recipe_id: str, args: Mapping[str, str | None]) -> list[Path]:
    """Generate recipe `recipe_id` with `args` into `folder` (native layout, next versions); the paths."""
    return write_recipe(folder, build_recipe(recipe_id, args))


__all__ = ["RECIPES", "Recipe", "RecipeScript", "build_recipe", "new_recipe", "next_versions", "write_recipe"]
