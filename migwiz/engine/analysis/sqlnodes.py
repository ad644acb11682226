"""Small helpers over pglast parse trees: names, types, expression volatility, relations read."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

from pglast import ast
from pglast.keywords import COL_NAME_KEYWORDS, RESERVED_KEYWORDS, TYPE_FUNC_NAME_KEYWORDS
from pglast.stream import RawStream
from pglast.visitors import Ancestor

VOLATILE_BUILTINS = frozenset(
    {
        "random",
        "random_normal",
        "setseed",
        "clock_timestamp",
        "timeofday",
        "gen_random_uuid",
        "uuidv4",
        "uuidv7",
        "nextval",
        "setval",
        "currval",
        "lastval",
        "array_sample",
        "array_shuffle",
        "set_config",
        "txid_status",
        "current_query",
        # common extensions: uuid-ossp, pgcrypto
        "uuid_generate_v1",
        "uuid_generate_v1mc",
        "uuid_generate_v4",
        "gen_random_bytes",
        "gen_salt",
    }
)
"""Functions PostgreSQL marks VOLATILE (pg_proc.provolatile = 'v') that appear in column defaults."""

TYPE_ALIASES = {
    "int": "int4",
    "integer": "int4",
    "bigint": "int8",
    "smallint": "int2",
    "serial": "int4",
    "serial4": "int4",
    "bigserial": "int8",
    "serial8": "int8",
    "smallserial": "int2",
    "serial2": "int2",
    "boolean": "bool",
    "real": "float4",
    "float": "float8",
    "decimal": "numeric",
    "char": "bpchar",
    "character": "bpchar",
    "character varying": "varchar",
    "timestamp with time zone": "timestamptz",
    "timestamp without time zone": "timestamp",
    "time with time zone": "timetz",
    "time without time zone": "time",
    "double precision": "float8",
    "bit varying": "varbit",
}
SERIAL_TYPES = frozenset({"serial", "serial4", "bigserial", "serial8", "smallserial", "serial2"})


_PLAIN_IDENT = re.compile(r"[a-z_][a-z0-9_]*")
_QUOTED_KEYWORDS = (
    frozenset(RESERVED_KEYWORDS) | frozenset(TYPE_FUNC_NAME_KEYWORDS) | frozenset(COL_NAME_KEYWORDS)
)
"""Keywords PostgreSQL's quote_ident() quotes: every category but the unreserved one."""


def sql_ident(name: str) -> str:
    """One name as an SQL identifier, quoted exactly when PostgreSQL's quote_ident() quotes it.

    >>> sql_ident("amount"), sql_ident("user"), sql_ident("Signature"), sql_ident('a"b')
    ('amount', '"user"', '"Signature"', '"a""b"')
    """
    if _PLAIN_IDENT.fullmatch(name) and name not in _QUOTED_KEYWORDS:
        return name
    return '"' + name.replace('"', '""') + '"'


def sql_name(name: str) -> str:
    """A name as migwiz holds it (`schema.relation`, or a bare name) written as SQL, each part quoted
    when needed; the first dot separates the schema.

    >>> sql_name("public.Signature"), sql_name("public.order"), sql_name("users")
    ('public."Signature"', 'public."order"', 'users')
    """
    return ".".join(sql_ident(part) for part in name.split(".", 1))


def qualify(rangevar: Any, default_schema: str) -> str:
    """`schema.name` of a RangeVar.

    >>> from pglast import parse_sql
    >>> qualify(parse_sql("TRUNCATE users")[0].stmt.relations[0], "public")
    'public.users'
    """
    return f"{rangevar.schemaname or default_schema}.{rangevar.relname}"


def qualify_names(names: Any, default_schema: str) -> str:
    """`schema.name` of a list of String nodes (as in DROP, COMMENT)."""
    parts = [n.sval for n in names]
    return ".".join(parts[-2:]) if len(parts) >= 2 else f"{default_schema}.{parts[-1]}"


def type_of(type_name: Any) -> tuple[str, tuple[int, ...]]:
    """Canonical (type name, modifiers) of a TypeName, e.g. ('varchar', (100,)).

    >>> from pglast import parse_sql
    >>> type_of(parse_sql("CREATE TABLE t (a character varying(5))")[0].stmt.tableElts[0].typeName)
    ('varchar', (5,))
    """
    name = type_name.names[-1].sval.lower()
    name = TYPE_ALIASES.get(name, name)
    mods: list[int] = []
    for mod in type_name.typmods or ():
        val = getattr(mod, "val", None)
        if isinstance(val, ast.Integer):
            mods.append(int(val.ival or 0))
    if type_name.arrayBounds:
        name += "[]"
    return name, tuple(mods)


def raw_type_name(type_name: Any) -> str:
    """The last part of a TypeName as written, lower-cased (`bigserial` stays `bigserial`)."""
    return str(type_name.names[-1].sval).lower()


def walk(node: Any) -> Iterator[Any]:
    """Every pglast node below (and including) `node`, parents before children, in attribute order.

    One explicit stack instead of a generator per node, and only the attributes that can hold nodes
    (`_child_slots`) are read."""
    stack = [node]
    pop = stack.pop
    push = stack.append
    node_class = ast.Node
    while stack:
        item = pop()
        if isinstance(item, node_class):
            yield item
            cls = type(item)
            slots = _CHILD_SLOTS.get(cls)
            if slots is None:
                slots = _child_slots(cls)
            for attr in slots:
                value = getattr(item, attr)
                if value is not None:
                    push(value)
        elif isinstance(item, (list, tuple)):
            stack.extend(reversed(item))


_CHILD_SLOTS: dict[type, tuple[str, ...]] = {}


def _child_slots(cls: type) -> tuple[str, ...]:
    """The attributes of a node class that may hold nodes or lists, last first (the walk's stack order)."""
    slots = getattr(cls, "__slots__", ())
    kept = []
    for attr in slots:
        info = slots[attr] if isinstance(slots, dict) else None
        types = getattr(info, "py_type", None)
        if types is not None:
            types = types if isinstance(types, tuple) else (types,)
            scalar = all(isinstance(t, type) and not issubclass(t, (list, tuple, ast.Node)) for t in types)
            if scalar:
                continue
        kept.append(attr)
    _CHILD_SLOTS[cls] = tuple(reversed(kept))
    return _CHILD_SLOTS[cls]


def function_names(expr: Any) -> list[str]:
    """Names of the functions called in an expression."""
    return [func_name(n) for n in walk(expr) if isinstance(n, ast.FuncCall)]


def func_name(call: Any) -> str:
    """The unqualified, lower-cased name of a FuncCall."""
    return str(call.funcname[-1].sval).lower()


def is_volatile(expr: Any, known: dict[str, str]) -> bool:
    """Whether an expression calls a VOLATILE function (catalog volatility first, then built-ins).

    Functions neither built-in volatile nor known from the catalog or an earlier CREATE FUNCTION are
    taken as not volatile.
    """
    for name in function_names(expr):
        if name in known:
            if known[name] == "v":
                return True
        elif name in VOLATILE_BUILTINS:
            return True
    return False


def read_relations(node: Any, default_schema: str, resolve: Callable[[str], str] | None = None) -> list[str]:
    """Relations a query reads (RangeVars), minus the names of its CTEs; `resolve` places an unqualified
    name (on the search_path), else it is in `default_schema`."""
    ctes: set[str] = set()
    ranges: list[Any] = []
    for n in walk(node):  # one walk: the CTE names, then the RangeVars in tree order
        if isinstance(n, ast.RangeVar):
            ranges.append(n)
        elif isinstance(n, ast.CommonTableExpr):
            ctes.add(str(n.ctename))
    out: list[str] = []
    for n in ranges:
        if not (n.schemaname is None and n.relname in ctes):
            name = (
                resolve(n.relname) if resolve is not None and not n.schemaname else qualify(n, default_schema)
            )
            if name not in out:
                out.append(name)
    return out


def deparse(node: Any) -> str:
    """SQL text of a parse tree: what `RawStream()(node)` prints, with the tree's ancestors set in one walk
    (pglast builds a visitor class and looks its methods up with `inspect` on every print)."""
    if not isinstance(node, ast.Node):
        return str(RawStream()(node))
    _set_ancestors(node)
    stream = RawStream()
    if not (isinstance(node, ast.RawStmt) and node.stmt is None):
        stream.print_node(node)
    return str(stream.getvalue())


def _set_ancestors(node: Any) -> None:
    """Each node's place in the tree, set as pglast's populate_ancestors sets it (`Visitor.iterate`:
    breadth first, an Ancestor per attribute and per tuple item), without a generator step per node."""
    statements = (node,)
    todo: deque[tuple[Ancestor, Any]] = deque()
    push = todo.append
    node_class = ast.Node

    def visit(ancestors: Ancestor, each: Any) -> None:
        each.ancestors = ancestors
        cls = type(each)
        slots = _CHILD_SLOTS.get(cls)
        if slots is None:
            slots = _child_slots(cls)
        for attr in reversed(slots):
            value = getattr(each, attr)
            if isinstance(value, (tuple, node_class)):
                push((Ancestor(ancestors, each, attr), value))

    visit(Ancestor(Ancestor(), statements, 0), node)
    while todo:
        ancestors, each = todo.popleft()
        if isinstance(each, node_class):
            visit(ancestors, each)
            continue
        for index, item in enumerate(each):  # a tuple: its nodes now, its tuples' items queued
            place = Ancestor(ancestors, each, index)
            if isinstance(item, node_class):
                visit(place, item)
            elif isinstance(item, tuple):
                for sub_index, value in enumerate(item):
                    if isinstance(value, (tuple, node_class)):
                        push((Ancestor(place, item, sub_index), value))


def string_const(node: Any) -> str | None:
    """The value of a string constant (possibly cast, as in 'seq'::regclass)."""
    if isinstance(node, ast.TypeCast):
        node = node.arg
    if isinstance(node, ast.A_Const) and isinstance(node.val, ast.String):
        return str(node.val.sval)
    return None
