"""Human and JSON output of `migwiz trace`: per statement the locks measured, rewrites, time and errors."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.text import Text

from migwiz.console import tables
from migwiz.engine import humanize
from migwiz.engine.types import TracedLock, TraceResult


def _lock_json(lock: TracedLock) -> dict[str, Any]:
    return {
        "relation": lock.relation,
        "mode": lock.mode,
        "kind": lock.kind,
        "new_relation": lock.new_relation,
    }


def trace_json(
    result: TraceResult, *, path: str, target: str, in_transaction: bool, replayed: Sequence[str] = ()
) -> dict[str, Any]:
    """The `migwiz trace --json` document (`replayed`: the predecessors run first, in order)."""
    return {
        "path": path,
        "target": target,
        "replayed": list(replayed),
        "server_version": result.server_version,
        "in_transaction": in_transaction,
        "statements": [
            {
                "line": s.statement.line,
                "sql": s.statement.sql,
                "locks": [_lock_json(x) for x in s.locks],
                "own_locks": [_lock_json(x) for x in s.own_locks],
                "rewrites": list(s.rewrites),
                "index_rebuilds": list(s.index_rebuilds),
                "duration_ms": round(s.duration_ms, 3),
                "error": s.error,
                "sqlstate": s.sqlstate,
                "error_line": s.error_at[0] if s.error_at else None,
                "error_column": s.error_at[1] if s.error_at else None,
                "method": s.method,
            }
            for s in result.statements
        ],
    }


def print_trace(
    result: TraceResult, console: Console, *, path: str, target: str, replayed: Sequence[str] = ()
) -> None:
    """One row per statement: line, SQL, locks it took (new relations dimmed), rewrites, time, error."""
    if replayed:
        shown = ", ".join(replayed[:3]) + (f" … {replayed[-1]}" if len(replayed) > 3 else "")
        console.print(f"replayed first ({len(replayed)} predecessors, not measured): {shown}", markup=False)
    t = tables.table(*("line", "statement", "locks taken", "rewrites", "time", "result"))
    for s in result.statements:
        locks = Text()
        for i, lock in enumerate(s.own_locks):
            if i:
                locks.append("\n")
            locks.append(f"{lock.mode} {lock.relation}", style="dim" if lock.new_relation else "")
        rewrites = "\n".join([*s.rewrites, *(f"{x} (index)" for x in s.index_rebuilds)]) or "–"
        outcome = (
            Text(f"{s.sqlstate or ''} {s.error}".strip(), style="red")
            if s.error and s.method != "skipped"
            else Text(s.error or "ok", style="dim" if s.error else "green")
        )
        sql = " ".join(s.statement.sql.split())
        t.add_row(
            s.where,
            sql if len(sql) <= 60 else sql[:59] + "…",
            locks if s.own_locks else "–",
            rewrites,
            humanize.duration(s.duration_ms / 1000) if s.method != "skipped" else "–",
            outcome,
        )
    console.print(t)
    for s in result.statements:
        if s.error and s.method != "skipped":
            console.print(f"{path}:{s.where}: {s.sqlstate or ''} {s.error}".replace("  ", " "), markup=False)
    failed = sum(1 for s in result.statements if s.error and s.method != "skipped")
    major = result.server_version // 10000
    console.print(
        f"{path}: {len(result.statements)} statements traced on {target} (PostgreSQL {major}), "
        f"{failed} failed",
        markup=False,
    )
