"""Who is in the way of a statement's locks right now, the lock-queue risk, and the verdict per migration.

Verdicts:

- dangerous: reads or writes blocked for `DANGER_S` or more (estimated), a lock holder that will not go
  away by itself (a prepared transaction, an anti-wraparound vacuum), or a statement that is bound to fail;
- needs a quiet window: reads or writes blocked for `QUIET_S` or more, or a session holds a conflicting
  lock right now (the statement would queue, and every query after it would queue behind it);
- not shown to run (`unverified`): no dry run on the target's major showed it runs (see `plan.proof`), or
  a statement the server's parser could not check (see `plan.syntax`);
- safe: otherwise.

A migration the dry run saw fail is `dangerous`, with PostgreSQL's own error at file:line:column.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from migwiz.engine import humanize
from migwiz.engine.analysis import Finding, LockOn
from migwiz.engine.analysis.lockmodes import conflicts
from migwiz.engine.analysis.model import LOCK_MODES, lock_rank
from migwiz.engine.plan.model import VERDICTS, Blocker, QueueRisk, Reason, StatementPlan, Verdict, worst
from migwiz.engine.plan.proof import MigrationProof, Proof
from migwiz.engine.plan.syntax import ParseCheck

QUIET_S = 1.0
"""Blocking reads or writes for longer than this needs a quiet window."""
DANGER_S = 10.0
"""Blocking reads or writes for longer than this is dangerous on a live system."""
LONG_TRANSACTION_S = 60.0
STRONG_RANK = lock_rank("ShareLock")
"""From ShareLock up, a lock blocks writes."""

_BOUND_TO_FAIL = frozenset({"parse-error", "concurrently-in-transaction", "version-syntax"})
_SERVER_DECIDES = frozenset({"parse-error"})
"""pglast's grammar errors: when the server's own parser accepted the statement, they do not apply.
(`version-syntax` stays: SYSTEM_USER, say, parses on 15 as a column name and fails when it runs.)"""


def blockers_of(locks: Iterable[LockOn], holders: Sequence[Blocker]) -> tuple[Blocker, ...]:
    """The holders (and earlier waiters) whose lock conflicts with one the statement takes."""
    wanted = {lock.relation: lock.mode for lock in locks}
    out = [h for h in holders if h.relation in wanted and conflicts(wanted[h.relation], h.mode)]
    return tuple(dict.fromkeys(out))


def queue_risk(locks: Iterable[LockOn], blockers: Sequence[Blocker]) -> QueueRisk:
    """How much traffic queues behind the statement while it waits: high when it would block reads.

    >>> queue_risk([LockOn("public.t", "AccessExclusiveLock")], [])
    'none'
    """
    if not blockers:
        return "none"
    rank = max((lock_rank(lock.mode) for lock in locks if lock.mode in LOCK_MODES), default=0)
    if rank == 8:
        return "high"
    if rank >= 5:
        return "medium"
    return "low"


def describe_blocker(b: Blocker) -> str:
    """One line: who holds what, since when.

    >>> describe_blocker(Blocker("idle_in_transaction", "t", "AccessShareLock", True, 42,
    ...     "idle in transaction", 75.0, 70.0, None, "web", "SELECT 1"))
    'pid 42 (web) idle in transaction for 1 min 10 s, transaction open 1 min 15 s, holds AccessShareLock on t'
    """
    holds = "holds" if b.granted else "is queued for"
    if b.kind == "prepared":
        age = f", prepared {humanize.ago(b.xact_age_s)}" if b.xact_age_s is not None else ""
        return f"prepared transaction {b.gid!r}{age} {holds} {b.mode} on {b.relation}"
    who = f"pid {b.pid}"
    names = ", ".join(x for x in (b.user, b.application_name) if x)
    if names:
        who += f" ({names})"
    if b.kind == "wraparound_vacuum":
        what = "anti-wraparound autovacuum"
    elif b.kind == "autovacuum":
        what = "autovacuum"
    elif b.state_age_s is not None and b.state:
        what = f"{b.state} for {humanize.duration(b.state_age_s)}"
    else:
        what = b.state or "session"
    xact = f", transaction open {humanize.duration(b.xact_age_s)}" if b.xact_age_s is not None else ""
    return f"{who} {what}{xact}, {holds} {b.mode} on {b.relation}"


def _blocker_reason(stmt: StatementPlan, b: Blocker) -> Reason:
    strongest = max((x.mode for x in stmt.locks), key=lambda m: lock_rank(m) if m in LOCK_MODES else 0)
    timeout = (
        f"it waits up to {humanize.duration(stmt.lock_timeout_ms / 1000)} (lock_timeout), then fails"
        if stmt.lock_timeout_ms
        else "it waits with no lock_timeout"
    )
    behind = {
        "high": f"every query on {b.relation} queues behind its {strongest} request meanwhile",
        "medium": f"every write to {b.relation} queues behind its {strongest} request meanwhile",
        "low": "other DDL queues behind it meanwhile",
        "none": "",
    }[stmt.queue_risk]
    message = f"line {stmt.line} ({stmt.kind}) would wait: {describe_blocker(b)}; {timeout}; {behind}".rstrip(
        "; "
    )
    if b.kind == "prepared":
        return Reason(
            "dangerous", message, f"COMMIT PREPARED {b.gid!r} or ROLLBACK PREPARED {b.gid!r}", stmt.line
        )
    if b.kind == "wraparound_vacuum":
        return Reason(
            "dangerous", message + " (an anti-wraparound vacuum does not give way to DDL)",
            "wait for the vacuum to finish (pg_stat_progress_vacuum) before migrating", stmt.line,
        )  # fmt: skip
    if b.kind == "autovacuum":
        return Reason(
            "safe", message + " (autovacuum cancels itself for a conflicting lock)", None, stmt.line
        )
    fix = (
        f"end it: SELECT pg_terminate_backend({b.pid}); or wait until it commits"
        if b.kind == "idle_in_transaction" or (b.xact_age_s or 0) > LONG_TRANSACTION_S
        else "wait until it finishes, or run the migration when traffic is low"
    )
    return Reason("quiet_window", message, fix, stmt.line)


def _duration_reason(stmt: StatementPlan, calibrated: bool) -> Reason | None:
    if stmt.blocks not in ("writes", "reads_and_writes") or stmt.hold_s < QUIET_S:
        return None
    if not any(lock_rank(x.mode) >= STRONG_RANK for x in stmt.acquires):
        return None  # an earlier statement of its transaction already blocks as much, for longer
    verdict: Verdict = "dangerous" if stmt.hold_s >= DANGER_S else "quiet_window"
    what = "reads and writes" if stmt.blocks == "reads_and_writes" else "writes"
    tables = sorted({x.relation for x in stmt.locks if lock_rank(x.mode) >= STRONG_RANK})
    work = "; ".join(f"{s.detail} of {s.relation}" for s in stmt.steps) or (
        "the lock is held until its transaction commits, through the work of the statements after it"
    )
    note = "" if calibrated else " (uncalibrated estimate: run `migwiz plan --calibrate`)"
    message = (
        f"line {stmt.line} ({stmt.kind}) blocks {what} on {', '.join(tables)} for about "
        f"{humanize.duration(stmt.hold_s)}: {work}{note}"
    )
    fix = next((f.fix for f in stmt.findings if f.fix and f.severity != "info"), None)
    return Reason(verdict, message, fix, stmt.line)


def _finding_reason(stmt: StatementPlan, f: Finding) -> Reason:
    verdict: Verdict = "dangerous" if f.rule in _BOUND_TO_FAIL else "safe"
    if f.rule == "add-column-not-null-no-default" and any(s.rows > 0 for s in stmt.sizes):
        verdict = "dangerous"
    return Reason(verdict, f"line {f.line}: {f.message}", f.fix, f.line, f.rule)


def migration_reasons(
    statements: Sequence[StatementPlan],
    script_findings: Sequence[Finding],
    calibrated: bool,
    checks: Sequence[ParseCheck] = (),
    proof: tuple[Proof, MigrationProof] | None = None,
) -> tuple[Verdict, tuple[Reason, ...]]:
    """The verdict of a migration and every reason for it, most severe first. `checks` are the server's
    parser on each statement: a rejected one is bound to fail, an unchecked one keeps it from `safe`.
    `proof` is the dry run on the target's major: a migration it did not show to run is never `safe`."""
    if proof is not None and proof[1].state == "ran":  # it ran there: what the parser could not check did
        checks = [replace(c, outcome="accepted") if c.outcome == "unchecked" else c for c in checks]
    reasons: list[Reason] = list(_parse_reasons(checks))
    if proof is not None and not any(c.outcome == "rejected" for c in checks):
        reasons.extend(proof_reasons(*proof))
    accepted = {i for i, c in enumerate(checks) if c.outcome == "accepted"}
    for i, stmt in enumerate(statements):
        if i in accepted:  # the server's grammar overrules pglast's
            stmt = replace(stmt, findings=tuple(f for f in stmt.findings if f.rule not in _SERVER_DECIDES))
        duration = _duration_reason(stmt, calibrated)
        if duration is not None:
            reasons.append(duration)
        reasons.extend(_blocker_reason(stmt, b) for b in stmt.blockers)
        reasons.extend(_finding_reason(stmt, f) for f in stmt.findings if f.severity != "info")
    reasons.extend(_finding_reason_script(f) for f in script_findings if f.severity != "info")
    ordered = sorted(reasons, key=lambda r: (-VERDICTS.index(r.verdict), r.line or 0))
    return worst([r.verdict for r in reasons]), tuple(ordered)


def _parse_reasons(checks: Sequence[ParseCheck]) -> list[Reason]:
    rejected = [c for c in checks if c.outcome == "rejected"]
    unchecked = [c for c in checks if c.outcome == "unchecked"]
    out = [
        Reason(
            "dangerous", f"line {c.line}{f':{c.column}' * bool(c.column)} fails on this server: {c.message}",
            "rewrite it in syntax this PostgreSQL major accepts", c.line, "server-parse",
        )
        for c in rejected
    ]  # fmt: skip
    if unchecked:
        first = unchecked[0]
        lines = ", ".join(str(c.line) for c in unchecked)
        out.append(
            Reason(
                "unverified", f"not shown to run on this server: line(s) {lines}: {first.message}",
                "run `migwiz plan` against a server of the target major (without --pg-version), or "
                "`migwiz dry-run` / `migwiz trace` there", first.line, "server-parse",
            )
        )  # fmt: skip
    return out


def proof_reasons(proof: Proof, mine: MigrationProof) -> list[Reason]:
    """Why a migration is not shown to run on the target's major, or PostgreSQL's error where it failed."""
    major = proof.major
    if mine.state == "ran":
        return []
    if mine.state == "failed" and mine.failure is not None:
        f = mine.failure
        where = f"{f.path}:{f.line}" + (f":{f.column}" if f.column else "")
        code = f"{f.sqlstate} " if f.sqlstate else ""
        return [
            Reason(
                "dangerous", f"{where}: will fail on PostgreSQL {major}: {code}{f.message} (dry run on "
                f"{proof.where})", "rewrite it in what this PostgreSQL major accepts", f.line, "dry-run",
            )
        ]  # fmt: skip
    if mine.state == "not_run":
        why = "an earlier migration failed in the dry run, so this one did not run"
    else:
        why = proof.why or "a partly applied migration before it cannot be replayed from its start"
    return [
        Reason(
            "unverified", f"not shown to run on PostgreSQL {major}: {why}",
            proof.hint or "see the failing migration before it", None, "dry-run",
        )
    ]  # fmt: skip


def _finding_reason_script(f: Finding) -> Reason:
    return Reason("safe", f"line {f.line}: {f.message}", f.fix, f.line, f.rule)
