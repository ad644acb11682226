"""Names reach SQL through psycopg.sql.Identifier: no engine module builds SQL text around a value."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from psycopg import sql

import migwiz.engine
from migwiz.engine.servers.connect import percent_safe

ENGINE = Path(migwiz.engine.__file__).parent
QUERIES = ENGINE / "queries"
SQL_CALLS = {"execute", "executemany", "stream", "copy", "SQL"}
KNOWN = {
    # The rollback-test data generator composes names PostgreSQL itself quoted (quote_ident in
    # queries/schema_*.sql) with the values it generates.
    "rollback/data.py",
}


CONSTANT_NAME = re.compile(r"_?[A-Z][A-Z0-9_]*")


def _constant(node: ast.expr) -> bool:
    """A string literal, a module constant, or literals joined (`", ".join("%s" for _ in xs)`)."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Name):
        return bool(CONSTANT_NAME.fullmatch(node.id))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _constant(node.left) and _constant(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "join":
        arg = node.args[0] if node.args else None
        return (
            isinstance(node.func.value, ast.Constant)
            and isinstance(arg, ast.GeneratorExp | ast.ListComp)
            and _constant(arg.elt)
        )
    return False


def _text_built(node: ast.expr) -> bool:
    """Whether `node` builds a string from values: f-string, str.format, % or + with a non-constant."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr == "encode":
            return _text_built(node.func.value)
        if node.func.attr == "format" and isinstance(node.func.value, ast.Constant):
            return True
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.FormattedValue) for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return isinstance(node.left, ast.Constant)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return not _constant(node)
    return False


def violations(source: str) -> list[int]:
    """Lines where SQL handed to psycopg is text built from values."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and node.args):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name in SQL_CALLS and _text_built(node.args[0]):
            found.append(node.lineno)
    return found


def test_the_check_sees_text_substitution() -> None:
    assert violations('conn.execute(f"SET search_path = {schema}")') == [1]
    assert violations('conn.execute("DROP TABLE {}".format(name))') == [1]
    assert violations('cur.execute("LISTEN " + channel)') == [1]
    assert violations('conn.execute("SELECT %s" % value)') == [1]
    assert violations('conn.execute(f"SELECT {x}".encode())') == [1]
    assert violations('sql.SQL(f"CREATE SCHEMA {schema}")') == [1]
    assert violations('conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(c)))') == []
    assert violations('conn.execute("SELECT %s", (value,))') == []
    assert violations('conn.execute("SELECT " + COLUMNS + " FROM t")') == []
    assert violations('conn.execute("SELECT " + ", ".join("%s" for _ in xs), xs)') == []
    assert violations('conn.execute("SELECT " + ", ".join(names))') == [1]


def test_no_engine_module_builds_sql_text_from_values() -> None:
    offenders = [
        f"{path.relative_to(ENGINE)}:{line}"
        for path in sorted(ENGINE.rglob("*.py"))
        if path.relative_to(ENGINE).as_posix() not in KNOWN
        for line in violations(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_no_placeholder_in_a_comment_or_string_of_a_query_file() -> None:
    """A `{name}` inside a `--` comment or a '...' string would be filled with an identifier there."""
    offenders = []
    for path in sorted(QUERIES.glob("*.sql")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code, _, comment = line.partition("--")
            strings = re.findall(r"'[^']*'", code)
            if re.search(r"\{\w*\}", comment) or any(re.search(r"\{\w+\}", s) for s in strings):
                offenders.append(f"{path.name}:{number}")
    assert offenders == []


def test_percent_safe_doubles_the_percent_of_names_and_constants_only() -> None:
    query = sql.SQL("SELECT {} FROM {}.t WHERE a LIKE %s").format(sql.Literal("5%"), sql.Identifier("a%b"))
    assert percent_safe(query, None).as_string(None) == "SELECT '5%%' FROM \"a%%b\".t WHERE a LIKE %s"
    assert percent_safe("SELECT 1 % 2", None) == "SELECT 1 % 2"
