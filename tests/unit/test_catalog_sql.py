"""Catalog SQL lives in `migwiz/engine/queries/*.sql`, never inline in an engine module.

Catalog SQL is SQL migwiz sends that reads the system catalog: it names a system relation (a `pg_*` table
or view after FROM or JOIN, `pg_catalog`-qualified or not, or anything of `information_schema`) or calls
a function that looks catalog objects up (`pg_get_*`, the `pg_*_size` family, `pg_relation_*`, `to_reg*`,
`has_*_privilege`, `pg_blocking_pids`). What the engine sends is the text reaching a SQL call
(`execute`, `executemany`, `stream`, `copy`, `sql.SQL`), module constants it names included. Statements
migwiz builds on the user's tables (backfill batches, key probes, copies, recipes) and session commands
(`set_config`, advisory locks, `pg_notify`, `pg_terminate_backend`) may stay in Python, composed with
psycopg.sql; prose (docstrings, hints that quote SQL for the operator) is not sent and does not count.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import migwiz.engine

ENGINE = Path(migwiz.engine.__file__).parent
SQL_CALLS = {"execute", "executemany", "stream", "copy", "SQL"}
CATALOG = re.compile(
    r"\b(?:FROM|JOIN)\s+(?:pg_catalog\.)?pg_\w+\b(?!\s*[.(])"
    r"|\binformation_schema\."
    r"|\b(?:pg_get_\w+|pg_\w*_size|pg_relation_\w+|to_reg\w+|has_\w+_privilege|pg_blocking_pids)\s*\(",
    re.IGNORECASE,
)


def _module_constants(tree: ast.Module) -> dict[str, str]:
    """Name -> the string text of each module-level assignment (literals joined by a space)."""
    found: dict[str, str] = {}
    for node in tree.body:
        value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
        if value is None:
            continue
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]  # type: ignore[union-attr]
        text = " ".join(
            c.value for c in ast.walk(value) if isinstance(c, ast.Constant) and isinstance(c.value, str)
        )
        found.update((t.id, text) for t in targets if isinstance(t, ast.Name))
    return found


def inline_catalog_sql(source: str) -> list[tuple[int, str]]:
    """(line, what matched) of every SQL call in `source` whose text reads the catalog."""
    tree = ast.parse(source)
    constants = _module_constants(tree)
    found: set[tuple[int, str]] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name not in SQL_CALLS:
            continue
        parts = []
        for part in ast.walk(node.args[0]):
            if isinstance(part, ast.Constant) and isinstance(part.value, str):
                parts.append(part.value)
            elif isinstance(part, ast.Name) and part.id in constants:
                parts.append(constants[part.id])
        match = CATALOG.search(" ".join(parts))
        if match:
            found.add((node.lineno, match.group(0)))
    return sorted(found)


MODULES = sorted(p for p in ENGINE.rglob("*.py") if "queries" not in p.relative_to(ENGINE).parts)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ENGINE)))
def test_no_engine_module_holds_catalog_sql(path: Path) -> None:
    found = inline_catalog_sql(path.read_text(encoding="utf-8"))
    assert found == [], f"move to migwiz/engine/queries/<name>.sql and load it with queries.load: {found}"


def test_the_rule_flags_catalog_reads_and_nothing_else() -> None:
    flagged = """
HOLDERS = "SELECT pid FROM pg_catalog.pg_locks WHERE granted"
conn.execute(HOLDERS)
conn.execute("SELECT c.relkind FROM pg_class c WHERE c.oid = %s::regclass", (name,))
conn.execute("SELECT 1 " "FROM x JOIN pg_stat_activity a USING (pid)")
cur.execute(sql.SQL("SELECT pg_catalog.pg_table_size({}::regclass)").format(t))
conn.execute("SELECT to_regclass(%s) IS NOT NULL", (name,))
conn.execute("SELECT column_name FROM information_schema.columns")
"""
    assert [line for line, _ in inline_catalog_sql(flagged)] == [3, 4, 5, 6, 7, 8]
    allowed = """
conn.execute(sql.SQL("UPDATE {} SET a = b WHERE id IN (SELECT id FROM {} LIMIT 10)").format(t, t))
conn.execute("SELECT pg_catalog.set_config('lock_timeout', %s, false)", (ms,))
conn.execute("SELECT pg_advisory_lock(%s, hashtext(%s))", (1, s))
conn.execute("SELECT pg_catalog.pg_terminate_backend(%s)", (pid,))
conn.execute(sql.SQL("SELECT * FROM generate_series(1, 3) CROSS JOIN pg_catalog.generate_series(1, 2)"))
hint = "find the holder: SELECT pid FROM pg_locks WHERE NOT granted"
conn.execute(queries.load("run_own_table_holders"), (schema,))
"""
    assert inline_catalog_sql(allowed) == []
