"""Expected duration of a statement's heavy work from relation sizes and the server's throughput.

The model, per operation (rates from `Throughput`):

- full scan (VALIDATE, SET NOT NULL, CHECK without NOT VALID): table bytes / scan rate;
- index build (CREATE INDEX, PRIMARY KEY / UNIQUE without an index, REINDEX): a scan of the table, then
  rows / index rate, scaled by the key width relative to the calibration's 4-byte key;
- table rewrite (ALTER COLUMN TYPE, volatile default, VACUUM FULL, CLUSTER): table bytes / rewrite rate,
  then one index build per index of the table;
- foreign key validation: a scan of both tables, then rows / foreign-key rate;
- whole-table UPDATE / DELETE: table bytes / rewrite rate (a new version of every row).
"""

from __future__ import annotations

from collections.abc import Mapping

from pglast import ast
from pglast.enums import ConstrType

from migwiz.engine import humanize
from migwiz.engine.analysis import StatementAnalysis
from migwiz.engine.plan.calibrate import Throughput
from migwiz.engine.plan.live import EXPRESSION_WIDTH, LiveRelation, key_width
from migwiz.engine.plan.model import RelationSize, Step
from migwiz.engine.sets.parsing import ParseError, parsed

CALIBRATION_KEY_WIDTH = 4.0
"""The calibration sample's index is on an integer column."""
CACHE_HEADROOM = 0.7
"""Read-bound rates are scaled by this: the calibration sample sits in shared buffers, real tables rarely
do (bench/estimate.py measures the effect on tables of 100 MB and more)."""
LARGE_TABLE_HEADROOM = 0.45
"""... and by this for a table larger than shared_buffers, read through the OS cache or from disk, and
sorted in more passes."""


def headroom(size: RelationSize, rate: Throughput) -> float:
    """The share of the calibrated read and sort rates a table of this size gets."""
    large = rate.cache_bytes is not None and size.heap_bytes > rate.cache_bytes
    return LARGE_TABLE_HEADROOM if large else CACHE_HEADROOM


def width_factor(width: float) -> float:
    """How much slower keys of `width` bytes sort and insert than the calibration's integer keys.

    >>> width_factor(4.0), round(width_factor(43.0), 2)
    (1.0, 2.08)
    """
    return (1 + width / 32) / (1 + CALIBRATION_KEY_WIDTH / 32)


def scan_s(size: RelationSize, rate: Throughput) -> float:
    """A full scan of the table."""
    return size.heap_bytes / (rate.scan_bytes_per_s * headroom(size, rate))


def index_build_s(size: RelationSize, width: float, rate: Throughput) -> float:
    """Building one B-tree index of `width`-byte keys on the table."""
    sort = size.rows / (rate.index_rows_per_s * headroom(size, rate))
    return scan_s(size, rate) + sort * width_factor(width)


def rewrite_s(size: RelationSize, rate: Throughput) -> float:
    """Rewriting the table and rebuilding its indexes."""
    heap = size.heap_bytes / rate.rewrite_bytes_per_s
    return heap + sum(index_build_s(size, width, rate) for _, _, width in size.indexes)


class _Shape:
    """What the statement text says beyond static analysis: index keys, constraint types."""

    def __init__(self, text: str) -> None:
        self.index_columns: tuple[str, ...] | None = None
        self.builds_index = False
        self.foreign_key = False
        try:
            trees = parsed(text)  # the analysis's own trees, parsed once: read only
        except ParseError:
            return
        node = trees[0].stmt if trees else None
        if isinstance(node, ast.IndexStmt):
            self.builds_index = True
            self.index_columns = tuple((e.name or "") for e in node.indexParams or ())
        elif isinstance(node, ast.AlterTableStmt):
            for cmd in node.cmds or ():
                con = cmd.def_ if isinstance(cmd, ast.AlterTableCmd) else None
                if not isinstance(con, ast.Constraint):
                    continue
                if con.contype in (ConstrType.CONSTR_PRIMARY, ConstrType.CONSTR_UNIQUE) and not con.indexname:
                    self.builds_index = True
                    self.index_columns = tuple(k.sval for k in con.keys or ())
                elif con.contype == ConstrType.CONSTR_FOREIGN and not con.skip_validation:
                    self.foreign_key = True


def statement_steps(
    analysis: StatementAnalysis,
    live: Mapping[str, LiveRelation],
    rate: Throughput,
    foreign_keys: Mapping[tuple[str, str], str] | None = None,
) -> tuple[Step, ...]:
    """The costed operations of one statement; relations that do not exist yet cost nothing.

    `foreign_keys` maps (table, constraint name) to the table it references, for VALIDATE CONSTRAINT.
    """
    shape = _Shape(analysis.statement.sql)
    steps: list[Step] = []
    for name in analysis.rewrites:
        rel = live.get(name)
        if rel is None:
            continue
        size = rel.size
        if size.kind in ("i", "I") and size.table is not None and size.table in live:
            table = live[size.table].size
            width = next((w for n, _, w in table.indexes if n == name), EXPRESSION_WIDTH)
            seconds = index_build_s(table, width, rate)
            steps.append(
                Step("index_build", name, seconds, f"rebuild from {humanize.count(table.rows, 'rows')}")
            )
        elif size.kind in ("r", "m"):
            seconds = rewrite_s(size, rate)
            if analysis.kind.startswith("CLUSTER"):
                seconds += size.rows / rate.index_rows_per_s
            detail = f"rewrite {humanize.size(size.heap_bytes)}"
            if size.indexes:
                detail += f", rebuild {len(size.indexes)} index{'es' if len(size.indexes) > 1 else ''}"
            steps.append(Step("rewrite", name, seconds, detail))
    rewritten = set(analysis.rewrites)
    for name in analysis.scans:
        rel = live.get(name)
        if rel is None or name in rewritten:
            continue
        size = rel.size
        if shape.builds_index:
            width = key_width(shape.index_columns or ("",), rel.column_widths)
            seconds = index_build_s(size, width, rate)
            steps.append(Step("index_build", name, seconds, f"index {humanize.count(size.rows, 'rows')}"))
            continue
        steps.append(Step("scan", name, scan_s(size, rate), f"scan {humanize.size(size.heap_bytes)}"))
        referenced = _referenced(analysis, name, shape, foreign_keys or {})
        for other in referenced:
            if other in live:
                ref = live[other].size
                check = size.rows / (rate.fk_rows_per_s * headroom(size, rate))
                detail = f"check {humanize.count(size.rows, 'rows')} against {humanize.size(ref.heap_bytes)}"
                steps.append(Step("scan", other, scan_s(ref, rate) + check, detail))
    if any(f.rule == "unbatched-update" for f in analysis.findings):
        for lock in analysis.own_locks:
            rel = live.get(lock.relation)
            if rel is not None and rel.size.kind == "r":
                seconds = rel.size.heap_bytes / rate.rewrite_bytes_per_s
                steps.append(
                    Step(
                        "update", lock.relation, seconds, f"{humanize.count(rel.size.rows, 'rows')} rewritten"
                    )
                )
    return tuple(steps)


def _referenced(
    analysis: StatementAnalysis, table: str, shape: _Shape, foreign_keys: Mapping[tuple[str, str], str]
) -> list[str]:
    if shape.foreign_key:
        return [lock.relation for lock in analysis.own_locks if lock.relation != table]
    if "VALIDATE CONSTRAINT" in analysis.kind:
        try:
            trees = parsed(analysis.statement.sql)
        except ParseError:
            return []
        node = trees[0].stmt if trees else None
        if isinstance(node, ast.AlterTableStmt):
            names = [c.name for c in node.cmds or () if isinstance(c, ast.AlterTableCmd) and c.name]
            found = [foreign_keys.get((table, n)) for n in names]
            return [ref for ref in found if ref is not None and ref != table]
    return []
