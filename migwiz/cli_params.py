"""Checks of flag values that run while the command line is parsed (click callbacks)."""

from __future__ import annotations

import re

import click

_VERSION = re.compile(r"[0-9][\w.-]*")


def version_flag(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A migration version as file names write it (a digit, then letters, digits, `.`, `_` or `-`: `7`,
    `1.2.10`, `2019-02-26-002946`, Prisma's `20240101000000_init`), or a one-line usage error quoting
    what was given, escaped."""
    if value is not None and not is_version(value):
        raise click.BadParameter(
            f"{value!r} is not a migration version (a digit, then letters, digits, '.', '_' or '-')",
            ctx,
            param,
        )
    return value


def is_version(text: str) -> bool:
    """Whether `text` is written as a migration version (see `version_flag`)."""
    return _VERSION.fullmatch(text) is not None
