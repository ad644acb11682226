"""Per statement of a script, the locks static analysis says it requests: the guard's pre-check.

Analysed once per statement shape: data statements that differ only in their constants (the rows of a
seed file) have the same PostgreSQL fingerprint and request the same locks, so only the first of them is
parsed and walked; a statement of any other kind (DDL may change what later statements lock) starts
afresh. A statement longer than `HUGE_STATEMENT` characters is not parsed at all (its syntax tree would
take gigabytes): it gets no pre-check, and the guard's watch still protects it while it runs.
"""

from __future__ import annotations

from dataclasses import replace

from pglast.parser import ParseError, fingerprint

from migwiz.engine.run.guard import LockTarget
from migwiz.engine.run.statement_log import is_data_statement
from migwiz.engine.sets.model import Script, Statement
from migwiz.engine.sets.streamed import StreamedStatements, shapes_of

HUGE_STATEMENT = 1_000_000


def script_lock_targets(script: Script, pg_version: int) -> tuple[tuple[LockTarget, ...], ...]:
    """Per statement of `script`, the locks it requests (empty when unknown: unparsable or huge)."""
    from migwiz.engine.analysis import analyze_script  # heavy: only when a migration runs

    found = shapes_of(script.statements) if isinstance(script.statements, StreamedStatements) else None
    if found is not None:  # a big file: the shapes the lint gate found (or one pass now)
        kept = analyze_script(replace(script, statements=found.kept), pg_version=pg_version)
        locks = [tuple(LockTarget(lock.relation, lock.mode) for lock in a.own_locks) for a in kept]
        return tuple(locks[slot] for slot in found.slots)
    shapes: dict[str, int] = {}
    unique: list[Statement] = []
    slots: list[int | None] = []
    for stmt in script.statements:
        if len(stmt.sql) > HUGE_STATEMENT:
            slots.append(None)
            continue
        key: str | None = None
        if is_data_statement(stmt.sql):
            try:
                key = fingerprint(stmt.sql)
            except ParseError:
                key = None
            if key is not None and key in shapes:
                slots.append(shapes[key])
                continue
        else:
            shapes.clear()
        if key is not None:
            shapes[key] = len(unique)
        slots.append(len(unique))
        unique.append(stmt)
    analysed = analyze_script(replace(script, statements=tuple(unique)), pg_version=pg_version)
    per = [tuple(LockTarget(lock.relation, lock.mode) for lock in a.own_locks) for a in analysed]
    return tuple(() if slot is None else per[slot] for slot in slots)
