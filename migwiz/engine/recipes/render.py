"""Fill a recipe's SQL templates: quoted names, short object names, and the template files themselves."""

from __future__ import annotations

import hashlib
import re
from importlib import resources

from migwiz.engine.analysis.sqlnodes import sql_ident

MAX_NAME = 63


def ident(name: str) -> str:
    """`name` as an SQL identifier, quoted only when it has to be.

    >>> ident("amount"), ident("user"), ident("Amount"), ident('a"b')
    ('amount', '"user"', '"Amount"', '"a""b"')
    """
    return sql_ident(name)


def object_name(*parts: str) -> str:
    """A name for a trigger, function, index or constraint, shortened to PostgreSQL's 63 bytes.

    >>> object_name("orders", "amount", "sync")
    'orders_amount_sync'
    >>> len(object_name("t" * 60, "c" * 60, "sync"))
    63
    """
    name = "_".join(parts)
    if len(name.encode()) <= MAX_NAME:
        return name
    digest = hashlib.sha256(name.encode()).hexdigest()[:8]
    return name.encode()[: MAX_NAME - 9].decode(errors="ignore") + "_" + digest


def slug(text: str) -> str:
    """Lower-case letters, digits and underscores, for migration file names.

    >>> slug("numeric(12, 2)")
    'numeric_12_2'
    """
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def template(recipe: str, name: str) -> str:
    """The text of `templates/<recipe>/<name>`."""
    return resources.files("migwiz.engine.recipes").joinpath("templates", recipe, name).read_text()


def fill(text: str, values: dict[str, str]) -> str:
    """Replace `{key}` placeholders (a plain replace: SQL braces elsewhere are left alone)."""
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    leftover = re.search(r"\{[a-z_]+\}", text)
    if leftover:
        raise KeyError(f"template placeholder {leftover.group(0)} has no value")
    return text
