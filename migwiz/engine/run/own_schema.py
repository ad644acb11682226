"""migwiz's own schema is off limits to migrations.

A migration that locks or changes migwiz's tables (`LOCK migwiz.events`, `DROP SCHEMA migwiz CASCADE`,
`DELETE FROM migwiz.history`) deadlocks with migwiz's own bookkeeping, which writes those tables from
another session while the migration's transaction holds them, or destroys the record of what ran. Such
statements are refused before anything runs, naming the file, line and object.

Only what the SQL text names can be seen: dynamic SQL (`EXECUTE` in a DO block or function) is not, and
for it every bookkeeping session has a lock_timeout instead (`session_limits`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import pglast
from pglast import ast
from pglast.enums import ObjectType

from migwiz.engine.errors import UsageError
from migwiz.engine.sets.model import Script, Statement
from migwiz.engine.sets.streamed import StreamedStatements

_SCHEMA_TARGETS = (ast.DropStmt, ast.GrantStmt, ast.CommentStmt, ast.AlterOwnerStmt, ast.SecLabelStmt)


def _names(node: Any) -> Iterator[Any]:
    """Every pglast node below `node`, and every tuple of plain names (qualified names) found on the way."""
    if isinstance(node, tuple | list):
        if len(node) >= 2 and all(isinstance(n, ast.String) for n in node):
            yield tuple(n.sval for n in node)
        for item in node:
            yield from _names(item)
        return
    if not isinstance(node, ast.Node):
        return
    yield node
    for attr in node:
        if isinstance(node, ast.ColumnRef) and attr == "fields":
            continue  # table.column (an alias may be named like the schema)
        yield from _names(getattr(node, attr))


def touched_objects(sql: str, schema: str) -> list[str]:
    """Objects of `schema` that the statement(s) in `sql` name; [] when none (or when it cannot be parsed).

    >>> touched_objects("LOCK migwiz.events IN ACCESS EXCLUSIVE MODE", "migwiz")
    ['migwiz.events']
    >>> touched_objects("DROP SCHEMA IF EXISTS migwiz CASCADE", "migwiz")
    ['schema migwiz']
    >>> touched_objects("SELECT 'migwiz.events' FROM public.t AS migwiz WHERE migwiz.id = 1", "migwiz")
    []
    """
    try:
        statements = pglast.parse_sql(sql)
    except Exception:  # the server will say what is wrong with it
        return []
    return list(dict.fromkeys(o for raw in statements for o in objects_named(raw.stmt, schema)))


def objects_named(stmt: ast.Node | None, schema: str) -> list[str]:
    """Objects of `schema` that one parsed statement names (what `touched_objects` finds, from the tree)."""
    return list(dict.fromkeys(o for node in _names(stmt) for o in _objects_of(node, schema)))


def _objects_of(node: Any, schema: str) -> list[str]:
    whole = f"schema {schema}"
    if isinstance(node, tuple):
        return [".".join(node)] if node[0] == schema else []
    if isinstance(node, ast.RangeVar):
        return [f"{schema}.{node.relname}"] if node.schemaname == schema else []
    if isinstance(node, _SCHEMA_TARGETS) and _object_type(node) == ObjectType.OBJECT_SCHEMA:
        objects = (
            node.objects
            if not isinstance(node, ast.CommentStmt | ast.AlterOwnerStmt | ast.SecLabelStmt)
            else (node.object,)
        )
        return [whole] if any(isinstance(o, ast.String) and o.sval == schema for o in objects or ()) else []
    if isinstance(node, ast.RenameStmt) and node.renameType == ObjectType.OBJECT_SCHEMA:
        return [whole] if node.subname == schema else []
    if isinstance(node, ast.AlterObjectSchemaStmt) and node.newschema == schema:
        return [whole]
    if isinstance(node, ast.CreateSchemaStmt) and node.schemaname == schema:
        return [whole]
    if isinstance(node, ast.VariableSetStmt) and node.name == "search_path":
        values = [
            a.val.sval
            for a in node.args or ()
            if isinstance(a, ast.A_Const) and isinstance(a.val, ast.String)
        ]
        return [f"{whole} (search_path)"] if schema in values else []
    return []


def _object_type(node: Any) -> Any:
    for attr in ("removeType", "objtype", "objectType"):
        if hasattr(node, attr):
            return getattr(node, attr)
    return None


def check_scripts(scripts: Iterable[Script], schema: str) -> None:
    """Refuse the first statement of `scripts` that names an object of migwiz's own `schema`.

    One statement at a time (a big file is streamed); only a statement whose text holds the schema's name
    (in any case, or a Unicode-escaped identifier `U&"..."`) is parsed: no other can name it. A big file
    whose text holds neither is not split at all."""
    words = (schema, schema.replace('"', '""'), "u&")
    names = {re.escape(w) for w in words}
    may_name = re.compile("|".join(names), re.IGNORECASE)
    for script in scripts:
        statements = script.statements
        if isinstance(statements, StreamedStatements) and not statements.may_hold(words):
            continue  # a big file that never names it: not split again
        for stmt in statements:
            if may_name.search(stmt.sql):
                _check(script, stmt, schema)


def _check(script: Script, stmt: Statement, schema: str) -> None:
    objects = touched_objects(stmt.sql, schema)
    if objects:
        raise UsageError(
            f"{script.path}:{stmt.line}: touches {objects[0]}, migwiz's own bookkeeping; nothing was run",
            f"migrations must not lock or change the {schema} schema: migwiz keeps its history and log there",
        )
