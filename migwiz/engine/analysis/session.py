"""Session and transaction statements: SET (lock_timeout), BEGIN / COMMIT / ROLLBACK, LOCK TABLE."""

from __future__ import annotations

from typing import Any

from pglast import ast
from pglast.enums import VariableSetKind

from migwiz.engine.analysis.effects import Context, Effect, Registry, with_descendants
from migwiz.engine.analysis.model import LOCK_MODES, UTC_ZONES
from migwiz.engine.analysis.sqlnodes import func_name, string_const, walk

registry = Registry()
"""The statement handlers of this module."""


@registry.handles(ast.VariableSetStmt)
def _set(node: Any, ctx: Context) -> Effect:
    effect = Effect(f"SET {node.name}" if node.name else "SET")
    if node.name == "lock_timeout" and node.args:
        value = string_const(node.args[0])
        number = getattr(getattr(node.args[0], "val", None), "ival", None)
        effect.sets_lock_timeout = (value not in (None, "0")) or (number not in (None, 0))
    if node.name == "timezone":
        ctx.schema.timezone_utc = _timezone_utc(node, ctx)
    if node.name == "search_path":
        ctx.schema.search_path = _search_path(node, ctx)
        if not node.is_local:  # stays on the session for the later migrations of the run
            reset = node.kind != VariableSetKind.VAR_SET_VALUE
            ctx.schema.session_search_path = None if reset else ctx.schema.search_path
    return effect


_IMPLICIT = frozenset({"pg_catalog", "pg_temp", "$user", ""})
"""search_path entries that name no schema the analyser tracks (`$user`: see `_own_schema`)."""


def _own_schema(names: Any, ctx: Context) -> tuple[str, ...]:
    """The search_path entries that name schemas: `$user` is the role's own schema when it exists (known
    with `--dsn`), skipped otherwise, as PostgreSQL skips it."""
    own = ctx.schema.user_schema
    return tuple(
        own if name == "$user" and own else name
        for name in names
        if name not in _IMPLICIT or (name == "$user" and own)
    )


def _search_path(node: Any, ctx: Context) -> tuple[str, ...]:
    """The schemas of `SET search_path TO a, b` (RESET / DEFAULT: the server's)."""
    if node.kind != VariableSetKind.VAR_SET_VALUE:
        return ctx.schema.server_search_path
    names = (string_const(arg) for arg in node.args or ())
    return _own_schema((name for name in names if name is not None), ctx)


def _timezone_utc(node: Any, ctx: Context) -> bool | None:
    """Whether `SET TimeZone` / `SET TIME ZONE` leaves the session in UTC (None: cannot tell)."""
    if node.kind in (VariableSetKind.VAR_SET_DEFAULT, VariableSetKind.VAR_RESET):
        return ctx.schema.server_timezone_utc
    if node.kind != VariableSetKind.VAR_SET_VALUE or not node.args:
        return None
    arg = node.args[0]
    value = string_const(arg)
    if value is not None and not isinstance(arg, ast.TypeCast):
        return value.strip().lower() in UTC_ZONES
    val = getattr(arg, "val", None)
    if isinstance(val, ast.Integer):  # SET TIME ZONE 0: an offset in hours
        return not val.ival
    if isinstance(val, ast.Float):
        return float(val.fval or 0) == 0.0
    return None


def follow_set_config(node: Any, ctx: Context) -> None:
    """`SELECT set_config('search_path', 'a, b', …)` (as pg_dump writes it) sets the search_path too."""
    for call in walk(node):
        args: Any = call.args if isinstance(call, ast.FuncCall) and func_name(call) == "set_config" else ()
        if len(args or ()) < 2:
            continue
        name, value = string_const(args[0]), string_const(args[1])
        if name is not None and name.lower() == "search_path" and value is not None:
            names = (part.strip() for part in value.split(","))
            unquoted = (n[1:-1] if n.startswith('"') and n.endswith('"') else n.lower() for n in names)
            ctx.schema.search_path = _own_schema(unquoted, ctx)
            if not _is_true(args[2] if len(args) > 2 else None):  # is_local: for the transaction only
                ctx.schema.session_search_path = ctx.schema.search_path


def _is_true(node: Any) -> bool:
    """Whether a constant is boolean true (`true`, `'on'`, `'t'`...)."""
    val = getattr(node.arg if isinstance(node, ast.TypeCast) else node, "val", None)
    if isinstance(val, ast.Boolean):
        return bool(val.boolval)
    text = string_const(node)
    return text is not None and text.strip().lower() in ("true", "t", "on", "yes", "y", "1")


@registry.handles(ast.TransactionStmt)
def _transaction(node: Any, ctx: Context) -> Effect:
    name = node.kind.name.removeprefix("TRANS_STMT_")
    return Effect(name, ends_transaction=name in ("COMMIT", "ROLLBACK", "PREPARE", "COMMIT_PREPARED"))


@registry.handles(ast.LockStmt)
def _lock(node: Any, ctx: Context) -> Effect:
    effect = Effect("LOCK TABLE")
    mode = LOCK_MODES[node.mode - 1]
    for rel in node.relations:
        for target in with_descendants(ctx, ctx.name(rel), bool(rel.inh)):
            effect.lock(target, mode)
            _lock_view_sources(target, mode, effect, ctx)
    return effect


def _lock_view_sources(view: str, mode: str, effect: Effect, ctx: Context) -> None:
    """LOCK of a view locks, in the same mode, every relation its query reads, through views it reads."""
    state = ctx.schema.table(view)
    if state is None or state.kind != "v":
        return
    for source in state.sources:
        if source == view or effect.locks.get(source) == mode:
            continue
        for target in with_descendants(ctx, source, True):
            effect.lock(target, mode)
            _lock_view_sources(target, mode, effect, ctx)
