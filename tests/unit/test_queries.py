"""migwiz's own SQL: one loader, one naming rule; every file is used by the engine and parses."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pglast
import pytest

import migwiz
from migwiz.engine import queries

PACKAGE = Path(migwiz.__file__).parent
FILES = sorted(p.name for p in resources.files("migwiz.engine.queries").iterdir() if p.name.endswith(".sql"))
# `{name}` placeholders are filled by psycopg.sql.SQL.format (pglast sees a quoted identifier instead,
# or a subquery for a fragment in parentheses), `%s` / `%(name)s` by psycopg's parameters (pglast: NULL)
FRAGMENT = re.compile(r"\(\{\w+\}\)")
PLACEHOLDER = re.compile(r"\{(\w+)\}")
PARAMETER = re.compile(r"%(?:\(\w+\))?s")
FAMILY = re.compile(r'f"([a-z0-9_]+_)\{')


def _package_source() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(PACKAGE.rglob("*.py")))


def test_every_file_follows_the_naming_rule() -> None:
    named = {file for files in queries.bands().values() for _, file in files}
    assert named == set(FILES)


@pytest.mark.parametrize("file", FILES)
def test_every_file_parses(file: str) -> None:
    text = resources.files("migwiz.engine.queries").joinpath(file).read_text(encoding="utf-8")
    text = PLACEHOLDER.sub(r'"\1"', FRAGMENT.sub("(SELECT NULL)", text))
    text = PARAMETER.sub("NULL", text).replace("%%", "%")
    statements = pglast.parse_sql(text)
    assert statements


def test_every_query_is_loaded_by_migwiz() -> None:
    """Each query name is a string of migwiz's code, whole (`"backup_ready"`) or as the rest of a
    family loaded by prefix (`queries.load(f"trace_{name}")` and a `"locks"` elsewhere)."""
    source = _package_source()
    families = set(FAMILY.findall(source))

    def used(name: str) -> bool:
        if f'"{name}"' in source:
            return True
        return any(name.startswith(f) and f'"{name.removeprefix(f)}"' in source for f in families)

    assert [name for name in queries.bands() if not used(name)] == []


LOADED = re.compile(r"""queries\.(?:load|load_sql|pick)\(\s*f?["']([a-z0-9_]+)(\{)?""")


def test_every_query_the_code_loads_exists() -> None:
    """A literal name must be a query; an f-string family (`f"trace_{name}"`) must have members (a moved
    or renamed module cannot lose its SQL)."""
    names = set(queries.bands())
    missing = [
        name + ("{…}" if family else "")
        for name, family in LOADED.findall(_package_source())
        if (not family and name not in names) or (family and not any(n.startswith(name) for n in names))
    ]
    assert LOADED.findall('queries.load("a_b", v) queries.load_sql(f"trace_{x}")') == [
        ("a_b", ""),
        ("trace_", "{"),
    ]
    assert missing == []


def test_the_newest_band_that_fits() -> None:
    assert queries.pick("schema_columns", 180001) == "schema_columns_pg18.sql"
    assert queries.pick("schema_columns", 170005) == "schema_columns_pg12.sql"
    assert queries.pick("schema_columns", 110000) == "schema_columns.sql"
    assert queries.pick("monitor_progress_copy", 130000) is None
    with pytest.raises(queries.QueryNotFound, match="needs a newer server"):
        queries.load("monitor_progress_copy", 130000)


def test_a_versioned_query_needs_the_server_version() -> None:
    with pytest.raises(queries.QueryNotFound, match="differs by server version"):
        queries.load("schema_columns")
    with pytest.raises(queries.QueryNotFound, match="no query"):
        queries.load("schema_nothing")


def test_no_positional_parameter_in_a_comment() -> None:
    """psycopg counts a `%s` inside a `--` comment as a parameter: the query would want one more."""
    offenders = [
        f"{file}:{number}"
        for file in FILES
        for number, line in enumerate(
            resources.files("migwiz.engine.queries").joinpath(file).read_text(encoding="utf-8").splitlines(),
            1,
        )
        if "%s" in line.partition("--")[2]
    ]
    assert offenders == []
