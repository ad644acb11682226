"""Checks of flag values that run while the command line is parsed (click callbacks)."""

from __future__ import annotations

import re

import click

_VERSION = re.compile(r"\d+(?:[._-]\d+)*")


def version_flag(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A migration version as file names write it (digits, parts separated by `.`, `_` or `-`), or a
    one-line usage error quoting what was given, escaped."""
    if value is not None and not _VERSION.fullmatch(value):
        raise click.BadParameter(
            f"{value!r} is not a migration version (digits, parts separated by '.', '_' or '-')", ctx, param
        )
    return value
