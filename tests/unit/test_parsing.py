"""The faster parse builds exactly pglast's trees; `parsed` parses a statement once and hands out trees
that the analysis leaves as they were; `deparse` prints as pglast does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pglast
import pytest
from pglast.stream import RawStream

from migwiz.engine.analysis.sqlnodes import deparse, walk
from migwiz.engine.commands import Project, lint
from migwiz.engine.sets import parsing
from migwiz.engine.sets.parsing import ParseError, parse_sql, parsed
from migwiz.engine.sets.splitting import split_sql

SETS = Path(__file__).parent.parent / "realworld" / "sets"


def exact(node: Any) -> Any:
    """Every attribute of every node with its type (True and 1 differ; a location counts)."""
    if isinstance(node, pglast.ast.Node):
        return (type(node), tuple((a, exact(getattr(node, a, None))) for a in node))
    if isinstance(node, (tuple, list)):
        return (type(node), tuple(exact(i) for i in node))
    if isinstance(node, set):
        return (set, tuple(sorted(node)))
    return (type(node), node)


def real_statements() -> list[str]:
    """Every statement of two vendored real-world sets (DDL of many kinds, functions, DO blocks)."""
    out: list[str] = []
    for name in ("crates-io", "trigger-dev"):
        for path in sorted((SETS / name).rglob("*.sql")):
            out += [s.sql for s in split_sql(path.read_text(encoding="utf-8"), path=path)]
    return out


CONSTANTS = (
    "SELECT true, false, NULL, 1, -2.5e3, B'1010', X'1F', 'x'::char, $$s$$, ARRAY[1]",
    "CREATE TABLE c (a boolean DEFAULT false, b \"char\" DEFAULT 'r') WITH (fillfactor = 70)",
    "ALTER TABLE c ALTER COLUMN a SET DEFAULT true, ADD CONSTRAINT k CHECK (a IS NOT FALSE) NOT VALID",
)


def test_trees_equal_pglast_on_real_sets() -> None:
    statements = [*CONSTANTS, *real_statements()]
    assert len(statements) > 2000
    for sql in statements:
        try:
            expected = pglast.parse_sql(sql)
        except ParseError as exc:
            refused = exc.args
        else:
            assert exact(parse_sql(sql)) == exact(expected), sql
            continue
        with pytest.raises(ParseError) as raised:
            parse_sql(sql)
        assert raised.value.args == refused


def test_every_node_class_is_built_fast_or_as_before() -> None:
    sql = "CREATE TABLE t (a int CHECK (a > 0), b text[] DEFAULT '{}') PARTITION BY RANGE (a)"
    parse_sql(sql)
    builders = vars(parsing._BUILDERS)
    assert builders, "pglast's parser no longer looks node classes up in pglast.ast"
    assert all(callable(b) for b in builders.values())
    assert any(b is not getattr(pglast.ast, name) for name, b in builders.items())
    node = parse_sql(sql)[0].stmt
    assert type(node) is pglast.ast.CreateStmt
    assert vars(parsing._MEMBERS), "pglast's parser no longer looks enum classes up in pglast.enums"
    altered = parse_sql("ALTER TABLE t DROP COLUMN a CASCADE")[0].stmt
    assert altered.objtype is pglast.enums.ObjectType.OBJECT_TABLE  # the enum's own members
    assert altered.cmds[0].behavior is pglast.enums.DropBehavior.DROP_CASCADE
    node.tableElts[0].colname = "renamed"  # a built node keeps pglast's checked attributes
    with pytest.raises(ValueError, match="Bad value"):
        node.tableElts[0].is_local = "yes"


def test_parsed_once_and_errors_again() -> None:
    sql = "ALTER TABLE parsed_once ADD COLUMN n int"
    assert parsed(sql) is parsed(sql)
    assert parse_sql(sql) is not parsed(sql)
    bad = "ALTER TABLE parsed_once ADD COLUMN"
    with pytest.raises(ParseError) as pglasts:
        pglast.parse_sql(bad)
    with pytest.raises(ParseError) as first:
        parsed(bad)
    with pytest.raises(ParseError) as second:
        parsed(bad)
    assert first.value.args == second.value.args == pglasts.value.args


def test_lint_leaves_shared_trees_unchanged() -> None:
    """Rules read the shared trees and edit only their own copies (a fix is written from a fresh parse)."""
    parsing.forget()
    lint(Project.offline(), [SETS / "crates-io" / "migrations"], pg_version=18, cache=None)
    kept = {sql: tree for sql, tree in parsing._RECENT.items() if isinstance(tree, tuple)}
    assert len(kept) > 1000
    for sql, tree in kept.items():
        assert exact(tree) == exact(pglast.parse_sql(sql)), sql


def printed(node: Any, how: Any) -> Any:
    """What `how` prints for `node`, or the type of the error it raises."""
    try:
        return how(node)
    except Exception as exc:  # pglast refuses some bare sub-nodes: both ways must refuse them alike
        return type(exc)


def test_deparse_prints_as_pglast() -> None:
    """`deparse` sets the ancestors its own way: every statement and sub-node prints as pglast prints it."""
    count = 0
    for sql in [*CONSTANTS, *real_statements()]:
        try:
            tree = parse_sql(sql)
        except ParseError:
            continue
        for raw in tree:
            for node in list(walk(raw.stmt))[:12]:
                assert printed(node, deparse) == printed(node, lambda n: str(RawStream()(n))), sql
                count += 1
    assert count > 10_000


def test_kept_trees_stay_within_their_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    parsing.forget()
    monkeypatch.setattr(parsing, "KEEP_CHARS", 5_000)
    statements = [f"ALTER TABLE budget_{i} ADD COLUMN {'c' * 40} int" for i in range(400)]
    for sql in statements:
        parsed(sql)
        assert sum(map(len, parsing._RECENT)) == parsing._kept_chars[0] <= 5_000
    assert statements[-1] in parsing._RECENT and statements[0] not in parsing._RECENT
    monkeypatch.setattr(parsing, "KEEP", 10)
    for sql in statements[:50]:
        parsed(sql)
    assert len(parsing._RECENT) <= 10
    parsing.forget()


def _walk_recursively(node: Any) -> Any:
    """Every node below (and including) `node`, parents first, in attribute order: `walk`'s contract."""
    if isinstance(node, (list, tuple)):
        for item in node:
            yield from _walk_recursively(item)
    elif isinstance(node, pglast.ast.Node):
        yield node
        for attr in node:
            yield from _walk_recursively(getattr(node, attr))


def test_walk_visits_every_node_in_order() -> None:
    """`walk` (one stack over the attributes that can hold nodes) yields the nodes a plain recursive walk
    yields, in the same order, for every statement of the constants and real sets."""
    count = 0
    for sql in [*CONSTANTS, *real_statements()]:
        try:
            tree = parse_sql(sql)
        except ParseError:
            continue
        assert [id(n) for n in walk(tree)] == [id(n) for n in _walk_recursively(tree)], sql
        count += 1
    assert count > 1_000
