"""`own-schema`: a statement that names migwiz's own schema or one of its objects.

`up` and `down` refuse such a migration before anything runs (`migwiz.engine.run.own_schema`): a lock on
migwiz's tables deadlocks with its bookkeeping, a change to them loses the record of what ran. Lint says
so with file:line before any run. The same detection is used, so lint and the run agree. The schema is
migwiz's default unless a caller lints for another one (`linting_for`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from pglast import ast

from migwiz.engine.analysis.effects import Hit
from migwiz.engine.history.names import DEFAULT_SCHEMA
from migwiz.engine.run.own_schema import objects_named

_OWN_SCHEMA: ContextVar[str] = ContextVar("migwiz_own_schema", default=DEFAULT_SCHEMA)


@contextmanager
def linting_for(schema: str) -> Iterator[None]:
    """Lint, inside the block, for a project whose migwiz schema is `schema` (`--schema`, migwiz.toml)."""
    token = _OWN_SCHEMA.set(schema)
    try:
        yield
    finally:
        _OWN_SCHEMA.reset(token)


def own_schema_hits(stmt: ast.Node | None, sql: str) -> list[Hit]:
    """An `own-schema` hit when the statement `stmt` (text `sql`) names the migwiz schema or its objects."""
    schema = _OWN_SCHEMA.get()
    if schema.lower() not in sql.lower():  # the walk is skipped for the statements that cannot name it
        return []
    objects = objects_named(stmt, schema)
    if not objects:
        return []
    return [
        Hit(
            "own-schema",
            objects[0],
            f"touches {objects[0]}, migwiz's own bookkeeping: `migwiz up` refuses this migration",
            f"-- remove the statement: migwiz keeps its history and log in the {schema} schema",
        )
    ]
