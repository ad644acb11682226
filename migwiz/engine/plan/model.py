"""What `migwiz plan` reports: per pending migration and statement, sizes, estimates, blockers and a verdict.

Frozen dataclasses shared by the CLI and the wizard. Numbers are raw (bytes, rows, seconds); text output
humanizes them, `to_json` keeps them raw.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from migwiz.engine.analysis import Finding, LockOn
from migwiz.engine.analysis.model import Blocks
from migwiz.engine.plan.calibrate import Throughput

if TYPE_CHECKING:
    from migwiz.engine.plan.proof import Proof

Verdict = Literal["safe", "unverified", "quiet_window", "dangerous"]
Direction = Literal["up", "down"]
VERDICTS: tuple[Verdict, ...] = ("safe", "unverified", "quiet_window", "dangerous")
VERDICT_TEXT: dict[Verdict, str] = {
    "safe": "safe",
    "unverified": "not shown to run",
    "quiet_window": "needs a quiet window",
    "dangerous": "dangerous",
}
RowsSource = Literal["reltuples", "relpages", "width"]
BlockerKind = Literal["session", "idle_in_transaction", "autovacuum", "wraparound_vacuum", "prepared"]
QueueRisk = Literal["none", "low", "medium", "high"]
Operation = Literal["rewrite", "scan", "index_build", "update"]


def worst(verdicts: list[Verdict]) -> Verdict:
    """The most severe verdict (safe when empty)."""
    return max(verdicts, key=VERDICTS.index, default="safe")


@dataclass(frozen=True)
class RelationSize:
    """A relation as the live database has it: sizes in bytes and estimated rows."""

    relation: str
    kind: str
    """pg_class.relkind."""
    total_bytes: int
    heap_bytes: int
    """pg_table_size: heap, TOAST, free space and visibility maps."""
    index_bytes: int
    rows: int
    rows_source: RowsSource
    """reltuples (analysed), relpages (density scaled to the current size) or width (never analysed)."""
    indexes: tuple[tuple[str, int, float], ...] = ()
    """(index, bytes, key width in bytes) for each index of a table."""
    table: str | None = None
    """For an index: its table."""

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "relation": self.relation,
            "kind": self.kind,
            "total_bytes": self.total_bytes,
            "heap_bytes": self.heap_bytes,
            "index_bytes": self.index_bytes,
            "rows": self.rows,
            "rows_source": self.rows_source,
            "indexes": [{"name": n, "bytes": b, "key_width": w} for n, b, w in self.indexes],
            "table": self.table,
        }


@dataclass(frozen=True)
class Step:
    """One costed operation of a statement: a rewrite, a full scan, an index build, a whole-table update."""

    operation: Operation
    relation: str
    seconds: float
    detail: str

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "operation": self.operation,
            "relation": self.relation,
            "seconds": self.seconds,
            "detail": self.detail,
        }


@dataclass(frozen=True)
class Blocker:
    """A session (or prepared transaction, or vacuum) that would make a statement wait for its lock now."""

    kind: BlockerKind
    relation: str
    mode: str
    """The lock it holds (or waits for, when `granted` is False: queued ahead of us)."""
    granted: bool
    pid: int | None
    state: str | None
    xact_age_s: float | None
    state_age_s: float | None
    application_name: str | None
    user: str | None
    query: str | None
    gid: str | None = None

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "kind": self.kind,
            "relation": self.relation,
            "mode": self.mode,
            "granted": self.granted,
            "pid": self.pid,
            "state": self.state,
            "xact_age_s": self.xact_age_s,
            "state_age_s": self.state_age_s,
            "application_name": self.application_name,
            "user": self.user,
            "query": self.query,
            "gid": self.gid,
        }


@dataclass(frozen=True)
class Reason:
    """Why a migration got its verdict: the verdict this reason alone calls for, and what to do."""

    verdict: Verdict
    message: str
    fix: str | None = None
    line: int | None = None
    rule: str | None = None

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "verdict": self.verdict,
            "message": self.message,
            "fix": self.fix,
            "line": self.line,
            "rule": self.rule,
        }


@dataclass(frozen=True)
class StatementPlan:
    """One statement of a pending migration joined with the live database."""

    line: int
    sql: str
    kind: str
    locks: tuple[LockOn, ...]
    """Taken by this statement (static analysis)."""
    held: tuple[LockOn, ...]
    """Held once it has run, with the locks kept from earlier statements of its transaction."""
    acquires: tuple[LockOn, ...]
    """The locks it must wait for: those its transaction does not already hold as strongly."""
    blocks: Blocks
    rewrites: tuple[str, ...]
    scans: tuple[str, ...]
    needs_no_transaction: bool
    findings: tuple[Finding, ...]
    sizes: tuple[RelationSize, ...]
    steps: tuple[Step, ...]
    estimate_s: float
    """Expected run time once its locks are granted (0 for catalog-only changes)."""
    hold_s: float
    """How long its strongest lock is held: this statement and the rest of its transaction."""
    blockers: tuple[Blocker, ...]
    queue_risk: QueueRisk
    lock_timeout_ms: int | None

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "line": self.line,
            "sql": self.sql,
            "kind": self.kind,
            "locks": [{"relation": x.relation, "mode": x.mode} for x in self.locks],
            "held": [{"relation": x.relation, "mode": x.mode} for x in self.held],
            "acquires": [{"relation": x.relation, "mode": x.mode} for x in self.acquires],
            "blocks": self.blocks,
            "rewrites": list(self.rewrites),
            "scans": list(self.scans),
            "needs_no_transaction": self.needs_no_transaction,
            "findings": [
                {"rule": f.rule, "severity": f.severity, "message": f.message, "fix": f.fix, "line": f.line}
                for f in self.findings
            ],
            "sizes": [s.to_json() for s in self.sizes],
            "steps": [s.to_json() for s in self.steps],
            "estimate_s": self.estimate_s,
            "hold_s": self.hold_s,
            "blockers": [b.to_json() for b in self.blockers],
            "queue_risk": self.queue_risk,
            "lock_timeout_ms": self.lock_timeout_ms,
        }


@dataclass(frozen=True)
class MigrationPlan:
    """One pending migration: its statements, the verdict and the reasons for it."""

    version: str
    name: str
    path: Path
    in_transaction: bool
    statements: tuple[StatementPlan, ...]
    verdict: Verdict
    reasons: tuple[Reason, ...]
    estimate_s: float
    resumes_after: int = 0
    """For a partly applied no-transaction migration: statements already run (not planned again)."""

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "version": self.version,
            "name": self.name,
            "path": str(self.path),
            "in_transaction": self.in_transaction,
            "verdict": self.verdict,
            "reasons": [r.to_json() for r in self.reasons],
            "estimate_s": self.estimate_s,
            "resumes_after": self.resumes_after,
            "statements": [s.to_json() for s in self.statements],
        }


@dataclass(frozen=True)
class PlanReport:
    """`migwiz plan`: every pending migration, in the order `up` would run them (or the down scripts of
    an incident rollback, in the order `down` would run them)."""

    database: str
    server_version: int
    """server_version_num, e.g. 160004."""
    pg_version: int
    """The major version the analysis assumed."""
    throughput: Throughput
    migrations: tuple[MigrationPlan, ...]
    elapsed_s: float
    direction: Direction = "up"
    """`up`: pending migrations in the order `up` runs them; `down`: the down scripts, newest first."""
    proof: Proof | None = None
    """The dry run on the target's major behind the verdicts."""
    notices: tuple[str, ...] = ()
    """Said before the migrations: another tool keeps this database's history (`ForeignState.warning`)."""

    @property
    def verdict(self) -> Verdict:
        """The worst verdict of all pending migrations."""
        return worst([m.verdict for m in self.migrations])

    def estimates_ms(self) -> dict[tuple[str, int], float]:
        """Expected run time (ms) of each planned statement, by (version, line): what `up` compares with."""
        return {(m.version, st.line): st.estimate_s * 1000 for m in self.migrations for st in m.statements}

    def to_json(self) -> dict[str, Any]:
        """The `migwiz plan --json` document (raw numbers)."""
        return {
            "database": self.database,
            "server_version": self.server_version,
            "pg_version": self.pg_version,
            "calibrated": self.throughput.calibrated,
            "throughput": self.throughput.to_json(),
            "verdict": self.verdict,
            "direction": self.direction,
            "elapsed_s": self.elapsed_s,
            "migrations": [m.to_json() for m in self.migrations],
            "proof": self.proof.to_json() if self.proof is not None else None,
            "notices": list(self.notices),
        }
